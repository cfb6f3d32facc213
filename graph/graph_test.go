package graph

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/stancegraph/stancegraph/schema"
)

// postgresEnv names the environment variable holding the URL of a
// PostgreSQL database for tests; testdata/start-postgres.sh prints one.
const postgresEnv = "STANCEGRAPH_TEST_POSTGRES"

func mustOpen(t testing.TB, o Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), o)
	if err != nil {
		t.Fatalf("Open(%+v): %v", o, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func openMemstore(t *testing.T) *Store { return mustOpen(t, Options{Backend: Memstore}) }

func openBoltStore(t *testing.T) *Store { return mustOpen(t, Options{Path: t.TempDir()}) }

// postgresURL returns the test database's URL, or skips the test.
func postgresURL(t testing.TB) string {
	u := os.Getenv(postgresEnv)
	if u == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set under CI (scripts/test sets it)", postgresEnv)
		}
		t.Skipf("%s is not set: run graph/testdata/start-postgres.sh and set it to the URL it prints to run the PostgreSQL tests", postgresEnv)
	}
	return u
}

// postgresSchemaURL creates a schema of its own for one test in the test
// database and returns a URL whose search_path points at it. Cayley's
// tables have fixed names, so the schema keeps tests apart.
func postgresSchemaURL(t testing.TB) string {
	base := postgresURL(t)
	db, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "t_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE SCHEMA " + name); err != nil {
		db.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		// Runs after the store's Close, registered later.
		if _, err := db.Exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func openPostgresStore(t *testing.T) *Store {
	return mustOpen(t, Options{Backend: Postgres, Path: postgresSchemaURL(t)})
}

func TestMemstore(t *testing.T) { testStore(t, openMemstore) }

func TestBolt(t *testing.T) { testStore(t, openBoltStore) }

func openLevelDBStore(t *testing.T) *Store {
	return mustOpen(t, Options{Backend: LevelDB, Path: t.TempDir()})
}

func TestLevelDB(t *testing.T) { testStore(t, openLevelDBStore) }

func TestPostgres(t *testing.T) {
	postgresURL(t)
	testStore(t, openPostgresStore)
}

func TestPostgresReopen(t *testing.T) {
	u := postgresSchemaURL(t)
	s, err := Open(t.Context(), Options{Backend: Postgres, Path: u})
	if err != nil {
		t.Fatal(err)
	}
	b := corpusBatch(1, "v1")
	replace(t, s, b)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro := mustOpen(t, Options{Backend: Postgres, Path: u, ReadOnly: true})
	wantGraph(t, ro, b.Label, b.Quads)
	if _, err := ro.ReplaceGraphs(t.Context(), []Batch{b}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write to read-only store: %v", err)
	}
	var def string
	if err := ro.db.QueryRow(`SELECT indexdef FROM pg_indexes WHERE tablename = 'quads' AND indexname = 'label_index' AND schemaname = current_schema()`).Scan(&def); err != nil {
		t.Errorf("label index: %v", err)
	}
}

// TestPostgresRefCounts checks that the reference counts in the nodes
// table match the quads after every kind of write, and that no node is
// left without references: Cayley relies on both.
//
// It runs twice: with the foreign-key triggers skipped, as the test
// server's superuser writes by default, and with them on. The counts
// check also finds any quad whose node is missing, which the skipped
// triggers would have refused.
func TestPostgresRefCounts(t *testing.T) {
	for _, checked := range []bool{false, true} {
		t.Run(fmt.Sprintf("fk-checks=%v", checked), func(t *testing.T) {
			s := mustOpen(t, Options{Backend: Postgres, Path: postgresSchemaURL(t), PostgresFKChecks: checked})
			if s.pgNoFKChecks == checked {
				t.Fatalf("pgNoFKChecks = %v with PostgresFKChecks %v as a superuser", s.pgNoFKChecks, checked)
			}
			testPostgresRefCounts(t, s)
		})
	}
}

func testPostgresRefCounts(t *testing.T, s *Store) {
	check := func(when string) {
		t.Helper()
		var bad, orphans int
		err := s.db.QueryRow(`WITH r AS (
			SELECT h, count(*) AS c FROM (
				SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
				UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL
			) x GROUP BY h)
			SELECT count(*) FILTER (WHERE n.refs IS DISTINCT FROM r.c), count(*) FILTER (WHERE r.c IS NULL)
			FROM nodes n FULL JOIN r ON n.hash = r.h`).Scan(&bad, &orphans)
		if err != nil {
			t.Fatal(err)
		}
		if bad != 0 {
			t.Errorf("%s: %d nodes with wrong reference counts (%d without quads)", when, bad, orphans)
		}
	}
	replace(t, s, corpus(0, 20, "v1")...)
	check("first write")
	b := corpusBatch(3, "v2")
	b.Quads = append(b.Quads[:12], b.Quads[0], b.Quads[1]) // fewer quads, duplicates
	replace(t, s, append(corpus(5, 10, "v2"), b)...)
	check("rewrite")
	if _, err := s.DeleteGraph(t.Context(), corpusLabel(7)); err != nil {
		t.Fatal(err)
	}
	check("delete")
	var buf strings.Builder
	if _, err := s.Export(t.Context(), &buf, ""); err != nil {
		t.Fatal(err)
	}
	text := buf.String() + "<http://ex.org/a> <http://ex.org/p> \"x\" .\n<http://ex.org/a> <http://ex.org/p> \"x\" .\n"
	if _, err := s.Import(t.Context(), strings.NewReader(text), "", ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	check("import")
	// Deltas that miss (deleting what is not stored, adding what is)
	// leave the counts alone.
	q := corpusBatch(1, "v1").Quads[4]
	gone := quad.Quad{Subject: q.Subject, Predicate: q.Predicate, Object: quad.String("not stored"), Label: q.Label}
	if err := s.applyDeltas(t.Context(), []cgraph.Delta{{Quad: q, Action: cgraph.Add}, {Quad: gone, Action: cgraph.Delete}}); err != nil {
		t.Fatal(err)
	}
	check("missed deltas")
	for i := 0; i < 20; i++ {
		if _, err := s.DeleteGraph(t.Context(), corpusLabel(i)); err != nil {
			t.Fatal(err)
		}
	}
	check("all deleted")
	var nodes int
	if err := s.db.QueryRow(`SELECT count(*) FROM nodes`).Scan(&nodes); err != nil || nodes != 3 {
		t.Errorf("%d nodes left (%v), want the 3 of the unlabelled quad", nodes, err)
	}
}

// TestPostgresPlainRole: a role that may not set session_replication_role
// writes with the foreign-key checks on; granted SET on it (PostgreSQL 15
// and later), it skips them.
func TestPostgresPlainRole(t *testing.T) {
	u := postgresSchemaURL(t)
	db, err := sql.Open("postgres", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b [6]byte
	rand.Read(b[:])
	role := "r_" + hex.EncodeToString(b[:])
	var schema string
	if err := db.QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE ROLE " + role + " LOGIN",
		"GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + role,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	defer func() {
		db.Exec("REVOKE SET ON PARAMETER session_replication_role FROM " + role)
		for _, q := range []string{"DROP OWNED BY " + role + " CASCADE", "DROP ROLE " + role} {
			if _, err := db.Exec(q); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
	}()
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	pu.User = url.User(role)
	s, err := Open(t.Context(), Options{Backend: Postgres, Path: pu.String()})
	if err != nil {
		t.Fatal(err)
	}
	if s.pgNoFKChecks {
		t.Error("a plain role skips the foreign-key checks")
	}
	replace(t, s, corpus(0, 3, "v1")...)
	s.Close()

	var version int
	if err := db.QueryRow(`SELECT current_setting('server_version_num')::int`).Scan(&version); err != nil || version < 150000 {
		t.Skipf("PostgreSQL %d has no SET privilege on parameters", version)
	}
	if _, err := db.Exec("GRANT SET ON PARAMETER session_replication_role TO " + role); err != nil {
		t.Fatal(err)
	}
	s, err = Open(t.Context(), Options{Backend: Postgres, Path: pu.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.pgNoFKChecks {
		t.Error("a role granted SET on session_replication_role keeps the foreign-key checks")
	}
	replace(t, s, corpus(0, 3, "v2")...)
	wantGraph(t, s, corpusLabel(2), corpusBatch(2, "v2").Quads)
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		o    Options
		want string
		is   error
	}{
		{Options{Backend: "badger"}, `open store: unknown backend "badger" (known: bolt, leveldb, memstore, postgres)`, nil},
		{Options{Backend: LevelDB, Path: filepath.Join(dir, "none"), ReadOnly: true}, "open leveldb store " + filepath.Join(dir, "none") + ": no store there", ErrNoStore},
		{Options{}, "open bolt store: no path given", nil},
		{Options{Path: filepath.Join(dir, "none"), ReadOnly: true}, "open bolt store " + filepath.Join(dir, "none") + ": no store there", ErrNoStore},
		{Options{Backend: Postgres}, "open postgres store: no URL given", nil},
		{Options{Backend: Postgres, Path: "postgres://me:secret@127.0.0.1:1/x?sslmode=disable"}, "open postgres store postgres://me:xxxxx@127.0.0.1:1/x?sslmode=disable: ", nil},
	} {
		_, err := Open(t.Context(), tt.o)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(%+v) = %v, want an error containing %q", tt.o, err, tt.want)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("Open(%+v) = %v, want errors.Is %v", tt.o, err, tt.is)
		}
	}
}

func TestLocked(t *testing.T) {
	for _, backend := range []string{Bolt, LevelDB} {
		t.Run(backend, func(t *testing.T) { testLocked(t, backend) })
	}
}

func testLocked(t *testing.T, backend string) {
	dir := t.TempDir()
	w := mustOpen(t, Options{Backend: backend, Path: dir})
	replace(t, w, corpusBatch(1, "v1"))

	const timeout = 300 * time.Millisecond
	for _, ro := range []bool{false, true} {
		start := time.Now()
		_, err := Open(t.Context(), Options{Backend: backend, Path: dir, LockTimeout: timeout, ReadOnly: ro})
		elapsed := time.Since(start)
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("second open (read-only %v) while a writer has the store: %v, want ErrLocked", ro, err)
		}
		if elapsed < timeout || elapsed > timeout+time.Second {
			t.Errorf("second open (read-only %v) gave up after %v, want about %v", ro, elapsed, timeout)
		}
		if want := "open " + backend + " store " + dir + ": database is in use by another process"; err.Error() != want {
			t.Errorf("error = %q, want %q", err, want)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	// Readers share the store, but keep writers out.
	r1 := mustOpen(t, Options{Backend: backend, Path: dir, ReadOnly: true, LockTimeout: timeout})
	r2 := mustOpen(t, Options{Backend: backend, Path: dir, ReadOnly: true, LockTimeout: timeout, NoBloom: true})
	if _, err := Open(t.Context(), Options{Backend: backend, Path: dir, LockTimeout: timeout}); !errors.Is(err, ErrLocked) {
		t.Errorf("writer open while readers have the store: %v, want ErrLocked", err)
	}
	for _, r := range []*Store{r1, r2} {
		wantGraph(t, r, corpusLabel(1), corpusBatch(1, "v1").Quads)
		if _, err := r.ReplaceGraphs(t.Context(), []Batch{corpusBatch(2, "v1")}); !errors.Is(err, ErrReadOnly) {
			t.Errorf("write to read-only store: %v, want ErrReadOnly", err)
		}
		if _, err := r.DeleteGraph(t.Context(), corpusLabel(1)); !errors.Is(err, ErrReadOnly) {
			t.Errorf("delete in read-only store: %v, want ErrReadOnly", err)
		}
		if _, err := r.Import(t.Context(), strings.NewReader(""), "", ImportOptions{}); !errors.Is(err, ErrReadOnly) {
			t.Errorf("import to read-only store: %v, want ErrReadOnly", err)
		}
		if rs, err := r.Query(t.Context(), `g.V().Limit(3).All()`, QueryOptions{}); err != nil || len(rs) != 3 {
			t.Errorf("query on read-only store: %v, %v", rs, err)
		}
	}
}

func TestBoltReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(t.Context(), Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	bs := corpus(0, 20, "v1")
	replace(t, s, bs...)
	before := export(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "indexes.bolt")); err != nil {
		t.Errorf("no Cayley bolt file: %v", err)
	}
	list := boltIndexes(t, dir)
	if want := `[{[subject predicate] false} {[object predicate subject] false} {[label] false}]`; fmt.Sprint(list) != want {
		t.Errorf("indexes = %v, want %s", list, want)
	}

	s = mustOpen(t, Options{Path: dir})
	if after := export(t, s); after != before {
		t.Errorf("store changed across reopen")
	}
	wantLabelScan(t, s, bs[3].Label)
	replace(t, s, corpusBatch(3, "v2"))
	wantGraph(t, s, bs[3].Label, corpusBatch(3, "v2").Quads)
}

// boltIndexes reads the index list of the closed bolt store in dir.
func boltIndexes(t *testing.T, dir string) any {
	t.Helper()
	db, err := hbolt.Open(filepath.Join(dir, boltFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := readIndexes(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// wantLabelScan checks that the store reads graph label through an index,
// not by scanning every quad.
func wantLabelScan(t *testing.T, s *Store, label quad.IRI) {
	t.Helper()
	ref, err := s.qs.ValueOf(label)
	if err != nil || ref == nil {
		t.Fatalf("ValueOf(%s) = %v, %v", label, ref, err)
	}
	if it := fmt.Sprint(s.qs.QuadIterator(quad.Label, ref)); it != "KVQuads({[label] false})" {
		t.Errorf("graph %s is read with %s, not the label index", label, it)
	}
}

// TestBoltAddsLabelIndex opens a store written by Cayley without a label
// index, as `cayley load` makes it: Open builds the index from the quads.
func TestBoltAddsLabelIndex(t *testing.T) {
	dir := t.TempDir()
	if err := cgraph.InitQuadStore("bolt", dir, nil); err != nil {
		t.Fatal(err)
	}
	qs, err := cgraph.NewQuadStore("bolt", dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var deltas []cgraph.Delta
	for _, b := range corpus(0, 10, "v1") {
		for _, q := range b.Quads {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
	}
	deltas = append(deltas, cgraph.Delta{Quad: quad.MakeIRI("http://ex.org/a", "http://ex.org/p", "http://ex.org/b", ""), Action: cgraph.Add})
	if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	// A deleted quad must not come back through the new index.
	gone := corpusBatch(4, "v1").Quads[7]
	if err := qs.ApplyDeltas([]cgraph.Delta{{Quad: gone, Action: cgraph.Delete}}, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if err := qs.Close(); err != nil {
		t.Fatal(err)
	}
	if list := fmt.Sprint(boltIndexes(t, dir)); strings.Contains(list, "[label]") {
		t.Fatalf("stock store already has a label index: %s", list)
	}
	// A predicate list with a tag, before and after the indexes are
	// added: the answer must not change.
	tagged := `g.V().Out(["` + schema.Actor.String() + `", "` + schema.Target.String() + `"], "p").All()`
	ro := mustOpen(t, Options{Path: dir, ReadOnly: true})
	before, err := ro.Query(t.Context(), tagged, QueryOptions{Limit: -1})
	if err != nil || len(before) == 0 {
		t.Fatalf("tagged query on the stock store: %d results, %v", len(before), err)
	}
	ro.Close()

	s := mustOpen(t, Options{Path: dir})
	if list, err := readIndexes(t.Context(), s.kv); err != nil || !strings.Contains(fmt.Sprint(list), "[label]") {
		t.Errorf("indexes after a writable open: %v, %v", list, err)
	}
	after, err := s.Query(t.Context(), tagged, QueryOptions{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	sameResults(t, tagged, before, after)
	wantLabelScan(t, s, corpusLabel(4))
	want := corpusBatch(4, "v1").Quads
	want = append(want[:7:7], want[8:]...)
	wantGraph(t, s, corpusLabel(4), want)
	wantGraph(t, s, corpusLabel(9), corpusBatch(9, "v1").Quads)
	res := replace(t, s, corpus(0, 10, "v1")...)
	if res != (WriteResult{Graphs: 1, Added: 1}) {
		t.Errorf("rewrite = %+v, want only the deleted quad added", res)
	}
}

func TestGraphQuadsUsesLabelIndexAfterCreate(t *testing.T) {
	s := openBoltStore(t)
	replace(t, s, corpusBatch(1, "v1"))
	wantLabelScan(t, s, corpusLabel(1))
}

func TestClosed(t *testing.T) {
	s, err := Open(t.Context(), Options{Backend: Memstore})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReplaceGraphs(t.Context(), []Batch{corpusBatch(1, "v1")}); err == nil || !strings.Contains(err.Error(), "store is closed") {
		t.Errorf("write to closed store: %v", err)
	}
	if _, err := s.Query(t.Context(), `g.V().All()`, QueryOptions{}); err == nil || err.Error() != "query: store is closed" {
		t.Errorf("query on closed store: %v", err)
	}
	if _, err := s.GraphQuads(t.Context(), corpusLabel(1)); err == nil {
		t.Errorf("GraphQuads on closed store: no error")
	}
	if _, _, _, err := s.Fingerprint(t.Context(), corpusLabel(1)); err == nil {
		t.Errorf("Fingerprint on closed store: no error")
	}
	if _, err := s.Stats(t.Context()); err == nil {
		t.Errorf("Stats on closed store: no error")
	}
	if err := s.EachQuad(t.Context(), func(quad.Quad) error { return nil }); err == nil {
		t.Errorf("EachQuad on closed store: no error")
	}
	if _, err := s.Export(t.Context(), io.Discard, ""); err == nil {
		t.Errorf("Export on closed store: no error")
	}
	if _, err := s.Import(t.Context(), strings.NewReader(""), "", ImportOptions{}); err == nil {
		t.Errorf("Import on closed store: no error")
	}
}

func TestFormats(t *testing.T) {
	s := openMemstore(t)
	replace(t, s, trickyBatch(), corpusBatch(1, "v1"))
	for _, f := range []string{"nquads", "nq", "jsonld", "graphml", "gml", "graphviz", "dot", "json", "pquads"} {
		var buf strings.Builder
		n, err := s.Export(t.Context(), &buf, f)
		if err != nil || n != len(trickyBatch().Quads)+30 || buf.Len() == 0 {
			t.Errorf("Export %s = %d, %v (%d bytes)", f, n, err, buf.Len())
		}
	}
	if _, err := s.Export(t.Context(), &strings.Builder{}, "turtle"); err == nil || !strings.Contains(err.Error(), `export: unknown format "turtle": can write `) {
		t.Errorf("Export turtle: %v", err)
	}
	// Formats with readers round-trip too. (The JSON reader takes an
	// empty literal for a missing object, so it gets plainer quads.)
	plain := openMemstore(t)
	replace(t, plain, corpus(0, 3, "v1")...)
	for f, s := range map[string]*Store{"json": plain, "pquads": s} {
		var buf strings.Builder
		if _, err := s.Export(t.Context(), &buf, f); err != nil {
			t.Fatal(err)
		}
		fresh := openMemstore(t)
		if _, err := fresh.Import(t.Context(), strings.NewReader(buf.String()), f, ImportOptions{}); err != nil {
			t.Errorf("Import %s: %v", f, err)
			continue
		}
		if export(t, fresh) != export(t, s) {
			t.Errorf("%s round trip changed the quads", f)
		}
	}
}

func TestQueryConcurrent(t *testing.T) {
	for _, open := range []opener{openMemstore, openBoltStore} {
		s := open(t)
		replace(t, s, corpus(0, 50, "v1")...)
		done := make(chan error)
		for i := range 4 {
			go func() {
				for j := range 20 {
					if i == 0 {
						_, err := s.ReplaceGraphs(t.Context(), corpus(j, j+5, fmt.Sprint("v", j)))
						if err != nil {
							done <- err
							return
						}
						continue
					}
					if _, err := s.Query(t.Context(), `g.V("`+schema.Statement.String()+`").In("`+schema.Type.String()+`").All()`, QueryOptions{}); err != nil {
						done <- err
						return
					}
				}
				done <- nil
			}()
		}
		for range 4 {
			if err := <-done; err != nil {
				t.Error(err)
			}
		}
	}
}
