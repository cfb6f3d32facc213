package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/schema"
)

// cayleyEnv names the environment variable holding the path of a stock
// cayley binary, built from this module with
//
//	go build -o /tmp/cayley github.com/cayleygraph/cayley/cmd/cayley
//
// (in a module whose go.sum has all of cayley's backends).
const cayleyEnv = "STANCEGRAPH_CAYLEY"

// stockQueries are run by this package and by stock cayley on the same
// store; the results must be equal.
var stockQueries = []string{
	`g.V("` + schema.EntityIRI(schema.KindState, "S007").String() + `").Out("` + schema.Supports.String() + `").All()`,
	`g.V("` + corpusLabel(3).String() + `").Tag("s").Out().Tag("o").All()`,
	`g.V("` + trickyBatch().Label.String() + `").Out().All()`,
	`g.V("` + schema.Statement.String() + `").In("` + schema.Type.String() + `").Count()`,
	`g.Emit({n: 1, s: "x"}); var x = 2; x`,
	`g.V().All()`,
}

// TestStockCayley checks that stock cayley opens a bolt store this package
// wrote, answers queries as Query does (with `cayley query` and with
// `cayley http`), dumps the same N-Quads, and keeps the label index up to
// date when it writes to the store itself.
func TestStockCayley(t *testing.T) {
	bin := os.Getenv(cayleyEnv)
	if bin == "" {
		skipUnlessCI(t, cayleyEnv+" is not set to a stock cayley binary (scripts/build-stock-cayley)")
	}
	t.Run("bolt", func(t *testing.T) { testStock(t, bin, Options{Path: t.TempDir()}) })
	t.Run("leveldb", func(t *testing.T) { testStock(t, bin, Options{Backend: LevelDB, Path: t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) {
		testStock(t, bin, Options{Backend: Postgres, Path: postgresSchemaURL(t)})
	})
}

func testStock(t *testing.T, bin string, o Options) {
	dir := o.Path
	backend := o.Backend
	if backend == "" {
		backend = Bolt
	}
	s, err := Open(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	replace(t, s, append(corpus(0, 30, "v1"), trickyBatch())...)
	want := make([][]Result, len(stockQueries))
	for i, q := range stockQueries {
		if want[i], err = s.Query(t.Context(), q, QueryOptions{}); err != nil {
			t.Fatalf("Query %s: %v", q, err)
		}
	}
	exported := export(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	cayley := func(args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), bin, append(args, "--db", backend, "--dbpath", dir)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("cayley %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return string(out)
	}

	t.Run("query", func(t *testing.T) {
		for i, q := range stockQueries {
			var got []Result
			for _, line := range strings.Split(strings.TrimSpace(cayley("query", "--lang", "gizmo", q)), "\n") {
				var r Result
				if err := json.Unmarshal([]byte(line), &r); err != nil {
					t.Fatalf("%s: line %q: %v", q, line, err)
				}
				got = append(got, r)
			}
			sameResults(t, q, got, want[i])
		}
	})

	t.Run("dump", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "dump.nq")
		cayley("dump", "--dump", out, "--dump_format", "nquads")
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := sortLines(string(data)), sortLines(exported); got != want {
			t.Errorf("cayley dump differs from Export:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("http", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		cmd := exec.Command(bin, "http", "--db", backend, "--dbpath", dir, "--host", addr)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			cmd.Process.Kill()
			cmd.Wait()
		}()
		for i, q := range stockQueries {
			var resp *http.Response
			for start := time.Now(); ; {
				resp, err = http.Post("http://"+addr+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(q))
				if err == nil || time.Since(start) > 10*time.Second {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if err != nil {
				t.Fatal(err)
			}
			var body struct{ Result []Result }
			err = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			sameResults(t, q, body.Result, want[i])
		}
	})

	t.Run("load", func(t *testing.T) {
		// Stock cayley writes through the same index list, label index
		// included.
		label := quad.IRI("https://stancegraph.org/id/statement/stock")
		nq := filepath.Join(t.TempDir(), "more.nq")
		line := fmt.Sprintf("%s %s %s %s .\n", corpusLabel(2), schema.Label, quad.String("from stock cayley"), label)
		if err := os.WriteFile(nq, []byte(line), 0o644); err != nil {
			t.Fatal(err)
		}
		cayley("load", "--load", nq)
		s := mustOpen(t, o)
		if backend != Postgres {
			wantLabelScan(t, s, label)
		}
		wantGraph(t, s, label, []quad.Quad{{Subject: corpusLabel(2), Predicate: schema.Label, Object: quad.String("from stock cayley"), Label: label}})
		wantGraph(t, s, corpusLabel(2), corpusBatch(2, "v1").Quads)
	})
}

// sameResults compares query results as JSON, ignoring their order.
func sameResults(t *testing.T, q string, got, want []Result) {
	t.Helper()
	enc := func(rs []Result) []string {
		var out []string
		for _, r := range rs {
			data, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			// Through JSON and back, so numbers compare as JSON numbers.
			var v any
			json.Unmarshal(data, &v)
			data, _ = json.Marshal(v)
			out = append(out, string(data))
		}
		sort.Strings(out)
		return out
	}
	if g, w := enc(got), enc(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\nstock cayley: %v\nQuery:        %v", q, g, w)
	}
}
