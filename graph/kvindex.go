package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
	"google.golang.org/protobuf/proto"
)

// Cayley's kv layer keeps its metadata under these keys (graph/kv in
// Cayley). The list of quad indexes is JSON under meta/indexes; Cayley
// reads it on every open, so a store with an extra index opens in stock
// Cayley, which then maintains that index on its own writes too.
var (
	kvMetaIndexes = hkv.Key{[]byte("meta"), []byte("indexes")}
	kvMetaSize    = hkv.Key{[]byte("meta"), []byte("size")}
	kvLog         = hkv.Key{[]byte("log")}
)

// labelIndex indexes quads by label alone: one key per named graph whose
// value lists the ids of its quads, so reading or replacing one
// statement's graph is a single lookup instead of a scan of the store.
//
// It is the only index stancegraph adds. A (predicate, subject) index was
// tried: the tagged predicate list of g.V(A).Out([supports, opposes, ...],
// "stance") went from 1.4 s to 16 ms on the whole corpus, but Cayley's
// planner, seeing accurate sizes for predicate scans, then chose them as
// the primary iterator of other queries: In(actor).Has(stance,
// opposes).Out(evidence) took twice as long and serve answered 25% fewer
// requests under load. The query planner splits such lists instead
// (plan.go).
var labelIndex = ckv.QuadIndex{Dirs: []quad.Direction{quad.Label}}

// openKV opens a Cayley kv store on db, initialising it first when it is
// new and db is writable, and makes sure a writable store has the label
// index.
func openKV(ctx context.Context, db hkv.KV, opts cgraph.Options, readOnly bool) (cgraph.QuadStore, error) {
	if !readOnly {
		if err := ckv.Init(db, opts); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return nil, fmt.Errorf("initialise store: %w", err)
		}
		if err := ensureLabelIndex(ctx, db); err != nil {
			return nil, fmt.Errorf("add label index: %w", err)
		}
	}
	qs, err := ckv.New(db, opts)
	if errors.Is(err, cgraph.ErrNotInitialized) {
		return nil, ErrNoStore
	} else if err != nil {
		return nil, err
	}
	return qs, nil
}

// readIndexes returns the store's list of quad indexes; nil when the
// store predates index lists (Cayley then uses its legacy indexes).
func readIndexes(ctx context.Context, db hkv.KV) ([]ckv.QuadIndex, error) {
	var list []ckv.QuadIndex
	err := hkv.View(ctx, db, func(tx hkv.Tx) error {
		data, err := tx.Get(ctx, kvMetaIndexes)
		if errors.Is(err, hkv.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		return json.Unmarshal(data, &list)
	})
	return list, err
}

// hasIndex reports whether list holds ind.
func hasIndex(list []ckv.QuadIndex, ind ckv.QuadIndex) bool {
	return slices.ContainsFunc(list, func(l ckv.QuadIndex) bool { return slices.Equal(l.Dirs, ind.Dirs) })
}

// ensureLabelIndex adds the label index to a kv store that lacks it. For a
// store that already holds quads (one written by stock Cayley, say) the
// index is built from the quad log in the same transaction that records
// it, so the store is never seen with a half-built index.
func ensureLabelIndex(ctx context.Context, db hkv.KV) error {
	list, err := readIndexes(ctx, db)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		// A store from before Cayley 0.7.6 uses legacy indexes that
		// this code does not know how to extend; leave it alone.
		return nil
	}
	if hasIndex(list, labelIndex) {
		return nil
	}
	list = append(list, labelIndex)
	data, err := json.Marshal(list)
	if err != nil {
		return err
	}
	return hkv.Update(ctx, db, func(tx hkv.Tx) error {
		byLabel, err := scanLabels(ctx, tx)
		if err != nil {
			return err
		}
		if err := hkv.CreateBucket(ctx, tx, labelIndex.Key(nil)[:1]); err != nil {
			return err
		}
		for label, ids := range byLabel {
			if err := tx.Put(ctx, labelIndex.Key([]uint64{label}), encodeIDs(ids)); err != nil {
				return err
			}
		}
		return tx.Put(ctx, kvMetaIndexes, data)
	})
}

// scanLabels lists the live quads of every labelled graph in the quad log,
// by label id, ids ascending. It reads nothing when the store is empty.
func scanLabels(ctx context.Context, tx hkv.Tx) (map[uint64][]uint64, error) {
	byLabel := make(map[uint64][]uint64)
	size, err := tx.Get(ctx, kvMetaSize)
	if errors.Is(err, hkv.ErrNotFound) || (err == nil && len(size) == 8 && binary.LittleEndian.Uint64(size) == 0) {
		return byLabel, nil
	} else if err != nil {
		return nil, err
	}
	it := tx.Scan(ctx, options.WithPrefixKV(kvLog))
	defer it.Close()
	for it.Next(ctx) {
		var p cproto.Primitive
		if err := proto.Unmarshal(it.Val(), &p); err != nil {
			return nil, fmt.Errorf("read quad log: %w", err)
		}
		if p.IsNode() || p.Deleted || p.Label == 0 {
			continue
		}
		byLabel[p.Label] = append(byLabel[p.Label], p.ID)
	}
	return byLabel, it.Err()
}

// encodeIDs encodes a list of ids as Cayley's kv indexes store them:
// concatenated unsigned varints.
func encodeIDs(ids []uint64) []byte {
	buf := make([]byte, 0, len(ids)*3)
	for _, id := range ids {
		buf = binary.AppendUvarint(buf, id)
	}
	return buf
}

// sharedTxKV wraps a kv database so that several Cayley writes can share
// one transaction: while inTx runs, every writable transaction Cayley
// asks for is the shared one, and its Commit and Close do nothing. Read
// transactions are unaffected. Only one inTx may run at a time.
type sharedTxKV struct {
	hkv.KV

	mu sync.Mutex
	tx hkv.Tx // the shared write transaction, while inTx runs

	cache *logCache // read-only stores: records read (kvcache.go); nil otherwise
}

// Tx returns the shared transaction for writes during inTx, and a new
// transaction otherwise. Read transactions stop reading once the
// context of the read is done (see cancel.go).
func (db *sharedTxKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	if rw {
		db.mu.Lock()
		tx := db.tx
		db.mu.Unlock()
		if tx != nil {
			return borrowedTx{tx}, nil
		}
		return db.KV.Tx(ctx, rw)
	}
	tx, err := db.KV.Tx(ctx, false)
	if err != nil {
		return nil, err
	}
	return cancelTx{Tx: tx, cache: db.cache}, nil
}

// View runs fn in a read transaction.
func (db *sharedTxKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, db, fn)
}

// Update runs fn in a write transaction and commits it.
func (db *sharedTxKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, db, fn)
}

// inTx runs fn with one write transaction shared by all writes, and
// commits it if fn succeeds; otherwise nothing fn wrote is kept.
func (db *sharedTxKV) inTx(ctx context.Context, fn func() error) error {
	tx, err := db.KV.Tx(ctx, true)
	if err != nil {
		return err
	}
	db.mu.Lock()
	db.tx = tx
	db.mu.Unlock()
	defer func() {
		db.mu.Lock()
		db.tx = nil
		db.mu.Unlock()
	}()
	if err := fn(); err != nil {
		tx.Close()
		return err
	}
	return tx.Commit(ctx)
}

// borrowedTx is the shared transaction as handed to one writer: the
// writer's Commit and Close leave it open for the next.
type borrowedTx struct{ hkv.Tx }

func (borrowedTx) Commit(context.Context) error { return nil }
func (borrowedTx) Close() error                 { return nil }
