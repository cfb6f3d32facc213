package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	lopt "github.com/syndtr/goleveldb/leveldb/opt"
)

// Backend names accepted in Options.Backend.
const (
	Bolt     = "bolt"     // a directory holding Cayley's indexes.bolt file
	LevelDB  = "leveldb"  // a LevelDB directory, as Cayley's leveldb backend keeps it
	Memstore = "memstore" // in memory, gone when the Store is closed
	Postgres = "postgres" // a PostgreSQL database given by a postgres:// URL
)

// Backends returns the backend names Open accepts, default first.
func Backends() []string { return []string{Bolt, LevelDB, Memstore, Postgres} }

// DefaultLockTimeout is how long Open waits for the file lock of a bolt or
// leveldb store when Options.LockTimeout is zero.
const DefaultLockTimeout = 2 * time.Second

// boltFile is the name of the database file inside a bolt store directory;
// stock cayley's bolt backend uses the same name.
const boltFile = "indexes.bolt"

var (
	// ErrLocked reports that another Store, in this process or another,
	// holds a bolt or leveldb store: a writer holds it, or a writer finds
	// it held by read-only Stores.
	ErrLocked = errors.New("database is in use by another process")

	// ErrReadOnly reports a write to a Store opened with Options.ReadOnly.
	ErrReadOnly = errors.New("store is opened read-only")

	// ErrNoStore reports a read-only open of a store that does not exist.
	ErrNoStore = errors.New("no store there")
)

// Options says which store Open opens and how.
type Options struct {
	// Backend is one of Bolt (the default when empty), LevelDB, Memstore
	// or Postgres.
	Backend string

	// Path is, for bolt and leveldb, a directory holding Cayley's files
	// exactly as stock `cayley --db bolt --dbpath DIR` expects; it is
	// created on first use. For postgres it is a postgres:// URL.
	// Memstore ignores it.
	Path string

	// ReadOnly opens the store for reading only: writes fail with
	// ErrReadOnly and a missing store is an error rather than created.
	// A read-only bolt or leveldb store takes a shared file lock, so
	// several read-only Stores (in any processes) may share a directory,
	// but not with a writer, which takes the lock exclusively.
	ReadOnly bool

	// LockTimeout bounds the wait for a bolt or leveldb file lock held
	// by another Store (in this or another process); when it passes,
	// Open returns ErrLocked. Zero means DefaultLockTimeout.
	LockTimeout time.Duration

	// NoBloom skips the bloom filter that Cayley's kv layer builds over
	// all quads on every open. Opening a large store is then quick, and
	// writes are a little slower. Read-only stores never build it.
	NoBloom bool
	// PostgresFKChecks keeps PostgreSQL's foreign-key checks on the quads
	// table during writes. By default a role that may set
	// session_replication_role (a superuser, or on PostgreSQL 15 and later
	// one granted SET ON PARAMETER session_replication_role) writes with
	// them off: every write adds a quad's nodes before the quad and removes
	// a node only when no quad refers to it any more, in one transaction,
	// so the checks can never fail (skipping them took the whole-corpus
	// ingest from 34.5 s to 28.2 s). The constraints stay in the schema;
	// stock Cayley's own writes are checked as before.
	PostgresFKChecks bool
	// LogCacheBytes bounds the memory a read-only bolt or leveldb store
	// spends keeping the quad records it has read (see kvcache.go): 0
	// means DefaultLogCacheBytes, a negative value no cache.
	LogCacheBytes int64
}

// logCacheFor returns the log cache a kv store opened with o uses: none
// for a writable store.
func logCacheFor(o Options) *logCache {
	if !o.ReadOnly || o.LogCacheBytes < 0 {
		return nil
	}
	n := o.LogCacheBytes
	if n == 0 {
		n = DefaultLogCacheBytes
	}
	return newLogCache(n)
}

// A Store is an open Cayley quad store. Its methods are safe for
// concurrent use; writes are serialised within the process. Except on
// PostgreSQL, a write commits only when no read (a query, an export) is
// running, and reads started meanwhile wait for the commit: a long query
// delays writes up to its timeout. Close the Store when done: a bolt or
// leveldb store holds a file lock until then.
type Store struct {
	qs       cgraph.QuadStore
	backend  string
	readOnly bool
	db       *sql.DB // postgres only: for the label index and fast paths
	// pgNoFKChecks: the role may skip the quads table's foreign-key
	// triggers in its write transactions (see pgApply).
	pgNoFKChecks bool
	kv           *sharedTxKV     // kv backends only: the database under qs
	kvIndexes    []ckv.QuadIndex // kv backends only: the quad indexes it keeps
	kvOpts       cgraph.Options

	// wmu serialises writers: ReplaceGraphs reads a graph, diffs it and
	// writes the difference, which must not interleave with another write.
	wmu sync.Mutex
	// rmu keeps reads and writes apart where the backend needs it
	// (lockReads): readers take it shared, the commit of a write
	// exclusively; Close takes it exclusively on every backend. The
	// memstore is not safe for concurrent use. On bolt, Cayley nests read
	// transactions in one goroutine (an iterator's and a lookup's), and a
	// commit that grows the file waits for every read transaction to end
	// while blocking new ones: a read during that commit deadlocks.
	// PostgreSQL needs neither.
	rmu       sync.RWMutex
	lockReads bool
}

// Open opens the store described by o, creating it on first use. A new
// bolt store gets a label index besides Cayley's default indexes (see
// the package comment); stock Cayley reads the index list from the store
// and opens it as usual.
func Open(ctx context.Context, o Options) (*Store, error) {
	backend := o.Backend
	if backend == "" {
		backend = Bolt
	}
	s := &Store{backend: backend, readOnly: o.ReadOnly, lockReads: backend != Postgres}
	var err error
	switch backend {
	case Memstore:
		s.qs = memstore.New()
	case Bolt:
		s.qs, s.kv, err = openBolt(ctx, o)
		s.kvOpts = kvOptions(o)
	case LevelDB:
		s.qs, s.kv, err = openLevelDB(ctx, o)
		s.kvOpts = kvOptions(o)
	case Postgres:
		s.qs, s.db, err = openPostgres(ctx, o)
		if err == nil && !o.ReadOnly && !o.PostgresFKChecks {
			s.pgNoFKChecks = pgMaySkipTriggers(ctx, s.db)
		}
	default:
		return nil, fmt.Errorf("open store: unknown backend %q (known: %s)", backend, strings.Join(Backends(), ", "))
	}
	if err != nil {
		return nil, err
	}
	if s.kv != nil {
		// The query planner reads some indexes itself (hop.go).
		if s.kvIndexes, err = readIndexes(ctx, s.kv); err != nil {
			s.qs.Close()
			return nil, fmt.Errorf("open store: read index list: %w", err)
		}
	}
	return s, nil
}

// Close closes the store and releases its locks and connections. It waits
// for running reads and writes to finish; later calls fail.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.rmu.Lock()
	defer s.rmu.Unlock()
	var errs []error
	if s.qs != nil {
		errs = append(errs, s.qs.Close())
		s.qs = nil
	}
	if s.db != nil {
		errs = append(errs, s.db.Close())
		s.db = nil
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s store: %w", s.backend, err)
	}
	return nil
}

// Backend returns the name of the store's backend.
func (s *Store) Backend() string { return s.backend }

// errClosed reports a call on a closed Store.
var errClosed = errors.New("store is closed")

// reading takes the read lock (see Store.rmu) and returns its release;
// readers take it on every backend, so that Close waits for them. It
// fails on a closed store.
func (s *Store) reading() (func(), error) {
	s.rmu.RLock()
	if s.qs == nil {
		s.rmu.RUnlock()
		return nil, errClosed
	}
	return s.rmu.RUnlock, nil
}

// lockWrite takes the writer lock and returns its release.
func (s *Store) lockWrite() (func(), error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	s.wmu.Lock()
	if s.qs == nil {
		s.wmu.Unlock()
		return nil, errClosed
	}
	return s.wmu.Unlock, nil
}

// applyDeltas applies deltas in one transaction, holding the exclusive
// lock that keeps reads out (see Store.rmu).
//
// Cayley's kv layer cannot take adds and deletes in one ApplyDeltas: a
// node whose reference count goes down overall (the graph's label, when
// a graph loses more quads than it gains) is left out of the nodes it
// resolves for the adds, which are then written without that node. So
// on kv stores the adds and the deletes go in two ApplyDeltas calls that
// share one kv transaction.
func (s *Store) applyDeltas(ctx context.Context, deltas []cgraph.Delta) (err error) {
	// Cayley panics on some bad input; checkQuad keeps out what is
	// known, and this turns the rest into errors.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cayley: %v", r)
		}
	}()
	if s.lockReads {
		s.rmu.Lock()
		defer s.rmu.Unlock()
	}
	if s.db != nil {
		err := pgApply(ctx, s.db, deltas, s.pgNoFKChecks)
		resetSQLCaches(s.qs)
		return err
	}
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	if s.kv == nil {
		return s.qs.ApplyDeltas(deltas, opts)
	}
	var adds, dels []cgraph.Delta
	for _, d := range deltas {
		if d.Action == cgraph.Delete {
			dels = append(dels, d)
		} else {
			adds = append(adds, d)
		}
	}
	err = s.kv.inTx(ctx, func() (err error) {
		defer func() { // roll back, then reset below
			if r := recover(); r != nil {
				err = fmt.Errorf("cayley: %v", r)
			}
		}()
		if len(adds) > 0 {
			if err := s.qs.ApplyDeltas(adds, opts); err != nil {
				return err
			}
		}
		if len(dels) > 0 {
			return s.qs.ApplyDeltas(dels, opts)
		}
		return nil
	})
	if err != nil {
		// Cayley caches node ids and keeps bloom filters as it writes;
		// after a rollback they may name nodes that were never stored.
		// A fresh QuadStore over the same database starts clean.
		if qs, rerr := ckv.New(s.kv, s.kvOpts); rerr == nil {
			s.qs = qs
		} else {
			err = errors.Join(err, fmt.Errorf("reopen after failed write: %w", rerr))
		}
	}
	return err
}

// kvOptions returns the options Cayley's kv layer gets.
func kvOptions(o Options) cgraph.Options {
	// The filter only speeds up writes: a read-only store never needs it.
	return cgraph.Options{ckv.OptNoBloom: o.NoBloom || o.ReadOnly}
}

// openBolt opens (and on first use creates) a bolt store directory.
func openBolt(ctx context.Context, o Options) (cgraph.QuadStore, *sharedTxKV, error) {
	if o.Path == "" {
		return nil, nil, errors.New("open bolt store: no path given")
	}
	file := filepath.Join(o.Path, boltFile)
	if o.ReadOnly {
		if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
			return nil, nil, fmt.Errorf("open bolt store %s: %w", o.Path, ErrNoStore)
		}
	} else if err := os.MkdirAll(o.Path, 0o700); err != nil {
		return nil, nil, fmt.Errorf("open bolt store %s: %w", o.Path, err)
	}
	timeout := o.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	db, err := hbolt.Open(file, &bolt.Options{Timeout: timeout, ReadOnly: o.ReadOnly})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) || errors.Is(err, syscall.EWOULDBLOCK) {
			err = ErrLocked
		}
		return nil, nil, fmt.Errorf("open bolt store %s: %w", o.Path, err)
	}
	kdb := &sharedTxKV{KV: db, cache: logCacheFor(o)}
	qs, err := openKV(ctx, kdb, kvOptions(o), o.ReadOnly)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open bolt store %s: %w", o.Path, err)
	}
	return qs, kdb, nil
}

// openLevelDB opens (and on first use creates) a leveldb store directory.
// LevelDB does not wait for its lock, so Open retries until LockTimeout.
func openLevelDB(ctx context.Context, o Options) (cgraph.QuadStore, *sharedTxKV, error) {
	if o.Path == "" {
		return nil, nil, errors.New("open leveldb store: no path given")
	}
	fail := func(err error) (cgraph.QuadStore, *sharedTxKV, error) {
		return nil, nil, fmt.Errorf("open leveldb store %s: %w", o.Path, err)
	}
	if o.ReadOnly {
		if _, err := os.Stat(filepath.Join(o.Path, "CURRENT")); errors.Is(err, os.ErrNotExist) {
			return fail(ErrNoStore)
		}
	} else if err := os.MkdirAll(o.Path, 0o700); err != nil {
		return fail(err)
	}
	timeout := o.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	deadline := time.Now().Add(timeout)
	var db *hleveldb.DB
	for {
		var err error
		db, err = hleveldb.Open(o.Path, &lopt.Options{ReadOnly: o.ReadOnly})
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EAGAIN) {
			return fail(err)
		}
		if time.Now().After(deadline) {
			return fail(ErrLocked)
		}
		select {
		case <-ctx.Done():
			return fail(ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
	db.SetWriteOptions(&lopt.WriteOptions{Sync: true})
	kdb := &sharedTxKV{KV: flat.Upgrade(db), cache: logCacheFor(o)}
	qs, err := openKV(ctx, kdb, kvOptions(o), o.ReadOnly)
	if err != nil {
		kdb.Close()
		return fail(err)
	}
	return qs, kdb, nil
}

// openPostgres opens (and on first use creates) a Cayley store in the
// PostgreSQL database at o.Path. Besides Cayley's tables and indexes it
// creates an index on quads.label_hash, which stock Cayley ignores.
func openPostgres(ctx context.Context, o Options) (cgraph.QuadStore, *sql.DB, error) {
	if o.Path == "" {
		return nil, nil, errors.New("open postgres store: no URL given")
	}
	where := redactURL(o.Path)
	fail := func(err error) (cgraph.QuadStore, *sql.DB, error) {
		return nil, nil, fmt.Errorf("open postgres store %s: %w", where, err)
	}
	db, err := sql.Open("postgres", o.Path)
	if err != nil {
		return fail(err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return fail(err)
	}
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		db.Close()
		return fail(err)
	}
	if !exists {
		if o.ReadOnly {
			db.Close()
			return fail(ErrNoStore)
		}
		if err := cgraph.InitQuadStore(Postgres, o.Path, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			db.Close()
			return fail(err)
		}
	}
	if !o.ReadOnly {
		if _, err := db.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS label_index ON quads (label_hash)`); err != nil {
			db.Close()
			return fail(fmt.Errorf("add label index: %w", err))
		}
	}
	qs, err := cgraph.NewQuadStore(Postgres, o.Path, nil)
	if err != nil {
		db.Close()
		return fail(err)
	}
	return qs, db, nil
}

// redactURL hides the password in a database URL, for error messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
