package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/schema"
)

// An opener returns a new, empty store for one test; the test's cleanup
// closes it.
type opener func(t *testing.T) *Store

// testStore is the conformance suite every backend passes.
func testStore(t *testing.T, open opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open opener)
	}{
		{"ReplaceThenRead", testReplaceThenRead},
		{"ReplaceChanged", testReplaceChanged},
		{"ReplaceSame", testReplaceSame},
		{"ReplaceRejects", testReplaceRejects},
		{"DeleteGraph", testDeleteGraph},
		{"Fingerprint", testFingerprint},
		{"RoundTrip", testRoundTrip},
		{"ImportBadLine", testImportBadLine},
		{"ImportSkipBad", testImportSkipBad},
		{"ImportIdempotent", testImportIdempotent},
		{"Query", testQuery},
		{"TaggedPredicates", testTaggedPredicates},
		{"HopUniques", testHopUniques},
		{"QueryTimeout", testQueryTimeout},
		{"QueryErrors", testQueryErrors},
		{"Stats", testStats},
		{"FailedWrite", testFailedWrite},
		{"EachQuad", testEachQuad},
		{"ManyGraphs", testManyGraphs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

func replace(t *testing.T, s *Store, batches ...Batch) WriteResult {
	t.Helper()
	res, err := s.ReplaceGraphs(t.Context(), batches)
	if err != nil {
		t.Fatalf("ReplaceGraphs: %v", err)
	}
	return res
}

// wantGraph checks that graph label holds exactly want.
func wantGraph(t *testing.T, s *Store, label quad.IRI, want []quad.Quad) {
	t.Helper()
	got, err := s.GraphQuads(t.Context(), label)
	if err != nil {
		t.Fatalf("GraphQuads(%s): %v", label, err)
	}
	if g, w := NQuads(got), NQuads(dedup(want)); g != w {
		t.Errorf("graph %s:\ngot:\n%s\nwant:\n%s", label, g, w)
	}
}

func dedup(qs []quad.Quad) []quad.Quad {
	seen := make(map[quad.Quad]bool)
	var out []quad.Quad
	for _, q := range qs {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

func export(t *testing.T, s *Store) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.ExportSorted(t.Context(), &buf, "nquads"); err != nil {
		t.Fatalf("ExportSorted: %v", err)
	}
	return buf.String()
}

func testReplaceThenRead(t *testing.T, open opener) {
	s := open(t)
	b := corpusBatch(1, "v1")
	b.Quads = append(b.Quads, b.Quads[3], b.Quads[0]) // duplicates count once
	res := replace(t, s, b)
	if want := (WriteResult{Graphs: 1, Added: 30}); res != want {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	wantGraph(t, s, b.Label, b.Quads)
	wantGraph(t, s, corpusLabel(2), nil)
}

func testReplaceChanged(t *testing.T, open opener) {
	s := open(t)
	a, b := corpusBatch(1, "v1"), corpusBatch(2, "v1")
	replace(t, s, a, b)
	changed := corpusBatch(1, "v2")
	changed.Quads = append(changed.Quads[:20], quad.Quad{
		Subject: schema.ClaimIRI(a.Label, 3), Predicate: schema.Cue, Object: quad.String("new"), Label: a.Label,
	})
	res := replace(t, s, changed)
	// v1 -> v2 changes the version quad; dropping quads 20-29 removes 10
	// more; one claim quad is new.
	if want := (WriteResult{Graphs: 1, Added: 2, Removed: 11}); res != want {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	wantGraph(t, s, a.Label, changed.Quads)
	wantGraph(t, s, b.Label, b.Quads)
}

func testReplaceSame(t *testing.T, open opener) {
	s := open(t)
	bs := corpus(0, 5, "v1")
	replace(t, s, bs...)
	before := export(t, s)
	if res := replace(t, s, bs...); res != (WriteResult{}) {
		t.Errorf("re-applying the same batches: result = %+v, want nothing", res)
	}
	if after := export(t, s); after != before {
		t.Errorf("re-applying changed the store")
	}
}

func testReplaceRejects(t *testing.T, open opener) {
	s := open(t)
	good := corpusBatch(1, "v1")
	other := corpusBatch(2, "v1")
	wrongLabel := corpusBatch(3, "v1")
	wrongLabel.Quads[5].Label = other.Label
	noLabel := corpusBatch(4, "v1")
	noLabel.Quads[2].Label = nil
	odd := corpusBatch(6, "v1")
	odd.Quads[9].Object = oddValue{}
	space := corpusBatch(5, "v1")
	space.Quads[1].Object = quad.IRI("https://stancegraph.org/id/forum/general assembly")
	for _, tt := range []struct {
		name    string
		batches []Batch
		want    string
	}{
		{"wrong label", []Batch{good, wrongLabel}, "batch 1: graph " + wrongLabel.Label.String() + ": quad 5: label is " + other.Label.String()},
		{"no label", []Batch{noLabel}, "quad 2: label is none"},
		{"space in IRI", []Batch{good, space}, `quad 1: object: IRI "https://stancegraph.org/id/forum/general assembly" has " "`},
		{"twice", []Batch{good, other, good}, "batch 2: graph " + good.Label.String() + " given twice"},
		{"odd value", []Batch{odd}, "quad 9: object: unsupported value type graph.oddValue"},
		{"empty label", []Batch{{}}, "empty graph label"},
	} {
		_, err := s.ReplaceGraphs(t.Context(), tt.batches)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	if got := export(t, s); got != "" {
		t.Errorf("rejected batches wrote:\n%s", got)
	}
}

func testDeleteGraph(t *testing.T, open opener) {
	s := open(t)
	a, b := corpusBatch(1, "v1"), corpusBatch(2, "v1")
	replace(t, s, a, b)
	n, err := s.DeleteGraph(t.Context(), a.Label)
	if err != nil || n != 30 {
		t.Fatalf("DeleteGraph = %d, %v; want 30, nil", n, err)
	}
	wantGraph(t, s, a.Label, nil)
	wantGraph(t, s, b.Label, b.Quads)
	if n, err := s.DeleteGraph(t.Context(), a.Label); err != nil || n != 0 {
		t.Errorf("second DeleteGraph = %d, %v; want 0, nil", n, err)
	}
	// A deleted graph can be written again.
	replace(t, s, a)
	wantGraph(t, s, a.Label, a.Quads)
}

func testFingerprint(t *testing.T, open opener) {
	s := open(t)
	a := corpusBatch(7, "v1.2.3")
	replace(t, s, a)
	sha, version, ok, err := s.Fingerprint(t.Context(), a.Label)
	if err != nil || !ok || sha != "0000000000000000000000000000000000000000000000000000000000000007" || version != "v1.2.3" {
		t.Errorf("Fingerprint = %q, %q, %v, %v", sha, version, ok, err)
	}
	if _, _, ok, err := s.Fingerprint(t.Context(), corpusLabel(8)); ok || err != nil {
		t.Errorf("Fingerprint of a missing statement: ok = %v, err = %v", ok, err)
	}
	// The same literal in another graph does not count.
	b := corpusBatch(9, "v1")
	b.Quads = append(b.Quads, quad.Quad{Subject: a.Label, Predicate: schema.SHA256, Object: quad.String("other"), Label: b.Label})
	replace(t, s, b)
	if _, err := s.DeleteGraph(t.Context(), a.Label); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := s.Fingerprint(t.Context(), a.Label); ok {
		t.Errorf("Fingerprint found a hash outside the statement's graph")
	}
}

// trickyBatch holds values that break careless N-Quads handling.
func trickyBatch() Batch {
	st := schema.StatementIRI("tricky/Déclaration de l'UE (Côte d'Ivoire) 100%.txt", 2)
	q := func(s quad.IRI, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: st}
	}
	topic := quad.IRI("https://stancegraph.org/id/topic/société-numérique-日本")
	escaped := schema.EntityIRI(schema.KindProposal, "A/RES/75/240 (rev. 1) #2")
	return Batch{Label: st, Quads: []quad.Quad{
		q(st, schema.Type, schema.Statement),
		q(st, schema.Text, quad.String(`He said "no" \ and then\n (literally)`)),
		q(st, schema.Text, quad.String("line one\nline two\r\n\ttabbed")),
		q(st, schema.Text, quad.String("日本語 — «guillemets» 🙂")),
		q(st, schema.Text, quad.String("")),
		q(st, schema.Label, quad.LangString{Value: "Ça va \"bien\"", Lang: "fr"}),
		q(st, schema.Label, quad.LangString{Value: "colour", Lang: "en-GB"}),
		q(st, schema.Date, schema.Typed("2021-05-03", schema.XSDDate)),
		q(st, schema.Year, schema.Typed("2021", schema.XSDGYear)),
		q(st, schema.Confidence, schema.Decimal(0.125)),
		q(st, schema.Turn, schema.Int(42)),
		q(st, schema.Turn, schema.Typed("007", schema.XSDInteger)),
		q(st, schema.Procedural, schema.Bool(true)),
		q(st, schema.Procedural, schema.Bool(false)),
		q(st, schema.SourcePath, schema.Typed("x.txt", schema.XSDString)),
		q(st, schema.Delegation, topic),
		q(topic, schema.Supports, escaped),
		q(escaped, schema.Label, quad.String("A/RES/75/240")),
	}}
}

func testRoundTrip(t *testing.T, open opener) {
	s := open(t)
	tricky := trickyBatch()
	replace(t, s, tricky, corpusBatch(1, "v1"))
	first := export(t, s)
	for _, want := range []string{
		`"2021-05-03"^^<http://www.w3.org/2001/XMLSchema#date>`,
		`"0.125"^^<http://www.w3.org/2001/XMLSchema#decimal>`,
		`"42"^^<http://www.w3.org/2001/XMLSchema#integer>`,
		`"007"^^<http://www.w3.org/2001/XMLSchema#integer>`,
		`"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`,
		`"x.txt"^^<http://www.w3.org/2001/XMLSchema#string>`,
		`"Ça va \"bien\""@fr`,
		`"He said \"no\" \\ and then\\n (literally)"`,
		`"line one\nline two\r\n\ttabbed"`,
		`<https://stancegraph.org/id/topic/société-numérique-日本>`,
		`%20`,
	} {
		if !strings.Contains(first, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	for _, bad := range []string{"True", "<xsd:", "\"42\"^^<http://www.w3.org/2001/XMLSchema#int>"} {
		if strings.Contains(first, bad) {
			t.Errorf("export contains %s", bad)
		}
	}
	if n := strings.Count(first, "\n"); n != len(tricky.Quads)+30 {
		t.Errorf("export has %d lines, want %d", n, len(tricky.Quads)+30)
	}

	// Streamed export holds the same lines.
	var streamed bytes.Buffer
	n, err := s.Export(t.Context(), &streamed, "")
	if err != nil || n != len(tricky.Quads)+30 {
		t.Fatalf("Export = %d, %v", n, err)
	}
	if got := sortLines(streamed.String()); got != sortLines(first) {
		t.Errorf("Export and ExportSorted differ")
	}

	fresh := open(t)
	res, err := fresh.Import(t.Context(), strings.NewReader(first), "nquads", ImportOptions{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if want := (ImportResult{Read: len(tricky.Quads) + 30, Added: len(tricky.Quads) + 30, Graphs: 2}); !reflect.DeepEqual(res, want) {
		t.Errorf("Import = %+v, want %+v", res, want)
	}
	if second := export(t, fresh); second != first {
		t.Errorf("export after import differs:\nfirst:\n%s\nsecond:\n%s", first, second)
	}
	wantGraph(t, fresh, tricky.Label, tricky.Quads)
}

func sortLines(s string) string {
	lines := strings.SplitAfter(s, "\n")
	sort.Strings(lines)
	return strings.Join(lines, "")
}

const badInput = `<http://ex.org/a> <http://ex.org/p> "one" <http://ex.org/g> .
# a comment

<http://ex.org/a> <http://ex.org/p> "two <http://ex.org/g> .
<http://ex.org/a> <http://ex.org/p> "three" <http://ex.org/g> .
<http://ex.org/a b> <http://ex.org/p> "four" <http://ex.org/g> .
<http://ex.org/a> <http://ex.org/p> "five"^^<http://www.w3.org/2001/XMLSchema#string> .
`

func testImportBadLine(t *testing.T, open opener) {
	s := open(t)
	_, err := s.Import(t.Context(), strings.NewReader(badInput), "", ImportOptions{})
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Import error = %v, want an ErrorList", err)
	}
	if len(list) != 2 || list[0].Line != 4 || list[1].Line != 6 {
		t.Errorf("bad lines = %v, want lines 4 and 6", list)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 4 {
		t.Errorf("errors.As(ParseError) = %v", pe)
	}
	if want := `import nquads: line 4, column 37: literal has no closing '"' (and 1 more bad lines)`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if want := `line 6, column 17: character ' ' is not allowed in an IRI`; list[1].Error() != want {
		t.Errorf("second error = %q, want %q", list[1], want)
	}
	if got := export(t, s); got != "" {
		t.Errorf("failed import committed:\n%s", got)
	}
}

func testImportSkipBad(t *testing.T, open opener) {
	s := open(t)
	res, err := s.Import(t.Context(), strings.NewReader(badInput), "nq", ImportOptions{SkipBad: true})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if res.Read != 3 || res.Added != 3 || res.Graphs != 2 || len(res.Bad) != 2 || res.Bad[1].Line != 6 {
		t.Errorf("Import = %+v", res)
	}
	want := `<http://ex.org/a> <http://ex.org/p> "five"^^<http://www.w3.org/2001/XMLSchema#string> .
<http://ex.org/a> <http://ex.org/p> "one" <http://ex.org/g> .
<http://ex.org/a> <http://ex.org/p> "three" <http://ex.org/g> .
`
	if got := export(t, s); got != want {
		t.Errorf("store holds:\n%s\nwant:\n%s", got, want)
	}
}

func testImportIdempotent(t *testing.T, open opener) {
	s := open(t)
	replace(t, s, corpusBatch(1, "v1"))
	var buf bytes.Buffer
	src := open(t)
	replace(t, src, corpusBatch(1, "v1"), corpusBatch(2, "v1"))
	if _, err := src.Export(t.Context(), &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	data := buf.String() + buf.String() // duplicates in the input too
	res, err := s.Import(t.Context(), strings.NewReader(data), "nquads", ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != 120 || res.Added != 30 || res.Graphs != 1 {
		t.Errorf("first Import = %+v, want 120 read, 30 added to 1 graph", res)
	}
	res, err = s.Import(t.Context(), strings.NewReader(data), "nquads", ImportOptions{})
	if err != nil || res.Added != 0 || res.Graphs != 0 {
		t.Errorf("second Import = %+v, %v; want nothing added", res, err)
	}
	if export(t, s) != export(t, src) {
		t.Errorf("stores differ after import")
	}
}

func ids(t *testing.T, rs []Result) []string {
	t.Helper()
	var out []string
	for _, r := range rs {
		m, ok := r.(map[string]any)
		if !ok {
			t.Fatalf("result %#v is not a map", r)
		}
		id, _ := m["id"].(string)
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func testQuery(t *testing.T, open opener) {
	s := open(t)
	replace(t, s, corpus(0, 10, "v1")...)
	actor := schema.EntityIRI(schema.KindState, "S007") // statement 1's delegation
	q := `g.V("` + actor.String() + `").Out("` + schema.Supports.String() + `").All()`
	rs, err := s.Query(t.Context(), q, QueryOptions{})
	if err != nil {
		t.Fatalf("Query: %v", err)
	}
	want := []string{schema.EntityIRI(schema.KindProposal, "proposal-13").String()}
	if got := ids(t, rs); !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}

	// Tags and literals come out as Cayley's HTTP API writes them.
	st := corpusLabel(3)
	q = `g.V("` + st.String() + `").Tag("s").Out("<` + string(schema.SHA256) + `>").Tag("sha").All()`
	rs, err = s.Query(t.Context(), q, QueryOptions{})
	if err != nil {
		t.Fatalf("Query: %v", err)
	}
	wantMap := map[string]any{"id": "0000000000000000000000000000000000000000000000000000000000000003", "s": st.String(), "sha": "0000000000000000000000000000000000000000000000000000000000000003"}
	if len(rs) != 1 || !reflect.DeepEqual(rs[0], wantMap) {
		t.Errorf("tagged results = %#v, want %#v", rs, wantMap)
	}

	// Limit caps the results; a negative Limit does not.
	all := `g.V().All()`
	rs, err = s.Query(t.Context(), all, QueryOptions{Limit: 7})
	if err != nil || len(rs) != 7 {
		t.Errorf("Limit 7: %d results, %v", len(rs), err)
	}
	rs, err = s.Query(t.Context(), all, QueryOptions{})
	if err != nil || len(rs) != DefaultQueryLimit {
		t.Errorf("default limit: %d results, %v", len(rs), err)
	}
	rs, err = s.Query(t.Context(), all, QueryOptions{Limit: -1})
	if err != nil || len(rs) <= DefaultQueryLimit {
		t.Errorf("no limit: %d results, %v", len(rs), err)
	}

	// Other registered languages run too.
	rs, err = s.Query(t.Context(), `[{"id": "`+actor.String()+`", "`+schema.Supports.String()+`": []}]`, QueryOptions{Lang: "mql"})
	if err != nil || len(rs) != 1 {
		t.Errorf("mql: %v, %v", rs, err)
	}
	rs, err = s.Query(t.Context(), `{ nodes(id: <`+string(actor)+`>) { id } }`, QueryOptions{Lang: "graphql"})
	if err != nil || len(rs) != 1 {
		t.Errorf("graphql: %#v, %v", rs, err)
	}
	rs, err = s.Query(t.Context(), `{"@context": {"@vocab": "http://cayley.io/linkedql#"}, "@type": "Visit",
		"from": {"@type": "Vertex", "values": [{"@id": "`+string(actor)+`"}]},
		"properties": "`+string(schema.Supports)+`"}`, QueryOptions{Lang: "linkedql"})
	if want := []Result{map[string]any{"@id": string(schema.EntityIRI(schema.KindProposal, "proposal-13"))}}; err != nil || !reflect.DeepEqual(rs, want) {
		t.Errorf("linkedql: %#v, %v; want %#v", rs, err, want)
	}
}

// testTaggedPredicates checks that a tagged list of predicates, which
// the query planner splits per predicate (plan.go), gives each result
// the predicate of its own quad, in both directions, with several tags
// and after other steps.
func testTaggedPredicates(t *testing.T, open opener) {
	s := open(t)
	st := schema.StatementIRI("tagged.txt", 0)
	a, b := schema.EntityIRI(schema.KindState, "AAA"), schema.EntityIRI(schema.KindState, "BBB")
	x, y, z := schema.EntityIRI(schema.KindProposal, "x"), schema.EntityIRI(schema.KindProposal, "y"), schema.EntityIRI(schema.KindProposal, "z")
	q := func(s, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: st}
	}
	replace(t, s, Batch{Label: st, Quads: []quad.Quad{
		q(a, schema.Supports, x), q(a, schema.Opposes, y), q(a, schema.Proposes, x),
		q(a, schema.Supports, z), q(b, schema.Opposes, x), q(b, schema.Supports, y),
		q(a, schema.Label, quad.String("A")), q(b, schema.Label, quad.String("B")),
	}})
	preds := fmt.Sprintf("[%q, %q, %q]", schema.Supports.String(), schema.Opposes.String(), schema.Proposes.String())
	tests := []struct{ query, want string }{
		{`g.V("` + a.String() + `").Out(` + preds + `, "p").All()`,
			"id=x p=proposes|id=x p=supports|id=y p=opposes|id=z p=supports"},
		{`g.V("` + x.String() + `").In(` + preds + `, "p").All()`,
			"id=AAA p=proposes|id=AAA p=supports|id=BBB p=opposes"},
		{`g.V("` + a.String() + `", "` + b.String() + `").Out(` + preds + `, ["p", "q"]).All()`,
			"id=x p=opposes q=opposes|id=x p=proposes q=proposes|id=x p=supports q=supports|id=y p=opposes q=opposes|id=y p=supports q=supports|id=z p=supports q=supports"},
		{`g.V().Has("` + schema.Label.String() + `", "B").Tag("who").Out(` + preds + `, "p").In("` + schema.Supports.String() + `").All()`,
			"id=AAA p=opposes who=BBB|id=BBB p=supports who=BBB"},
		{`g.V("` + a.String() + `").Out([` + fmt.Sprintf("%q", schema.AlignsWith.String()) + `, "<https://example.org/none>"], "p").All()`, ""},
	}
	for _, tt := range tests {
		rs, err := s.Query(t.Context(), tt.query, QueryOptions{Limit: -1})
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if got := tagLines(rs); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.query, got, tt.want)
		}
	}
}

// testHopUniques checks that two- and three-hop queries ending in
// Unique, which the planner gives another Unique or takes one from
// (plan.go), answer the same whether or not the script has a Unique
// after the first hop; with a tag after the first hop, too.
func testHopUniques(t *testing.T, open opener) {
	s := open(t)
	replace(t, s, hopBatches()...)
	a := schema.EntityIRI(schema.KindState, "AAA").String()
	sup, opp := schema.Supports.String(), schema.Opposes.String()
	tests := []struct{ query, want string }{
		{`g.V("` + a + `").Out("` + sup + `").In("` + sup + `").Unique().All()`, "id=AAA|id=BBB|id=CCC"},
		{`g.V("` + a + `").Out("` + sup + `").Unique().In("` + sup + `").Unique().All()`, "id=AAA|id=BBB|id=CCC"},
		{`g.V("` + a + `").Out("` + sup + `").In("` + sup + `").Out("` + opp + `").Unique().All()`, "id=x|id=z"},
		// As a filter (a lookup in the hop rather than a scan).
		{`g.V("` + schema.EntityIRI(schema.KindState, "BBB").String() + `", "` + schema.EntityIRI(schema.KindProposal, "x").String() + `").And(g.V("` + a + `").Out("` + sup + `").In("` + sup + `").Unique()).All()`, "id=BBB"},
		// Which path a Unique keeps depends on the plan: compare nodes.
		{`g.V("` + a + `").Out("` + sup + `").Tag("t").In("` + sup + `").Unique().All()`, "id=AAA|id=BBB|id=CCC"},
	}
	for _, tt := range tests {
		rs, err := s.Query(t.Context(), tt.query, QueryOptions{Limit: -1})
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		for _, r := range rs {
			delete(r.(map[string]any), "t")
		}
		if got := tagLines(rs); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.query, got, tt.want)
		}
	}

	// CCC's support of y goes, from one statement by replacing it and
	// from the other by deleting it: kv stores keep the dead quads in
	// their index lists, and CCC must not come back from there.
	bs := hopBatches()
	var kept []quad.Quad
	for _, q := range bs[0].Quads {
		if q.Subject != schema.EntityIRI(schema.KindState, "CCC") || q.Predicate != schema.Supports {
			kept = append(kept, q)
		}
	}
	replace(t, s, Batch{Label: bs[0].Label, Quads: kept})
	if _, err := s.DeleteGraph(t.Context(), bs[1].Label); err != nil {
		t.Fatal(err)
	}
	for _, q := range tests[:2] {
		rs, err := s.Query(t.Context(), q.query, QueryOptions{Limit: -1})
		if err != nil {
			t.Fatalf("%s: %v", q.query, err)
		}
		if got, want := tagLines(rs), "id=AAA|id=BBB"; got != want {
			t.Errorf("after the deletes, %s\n got %s\nwant %s", q.query, got, want)
		}
	}
}

// tagLines writes results as sorted "key=value ..." lines joined by "|",
// each IRI cut to its last part.
func tagLines(rs []Result) string {
	last := func(v any) string {
		s := strings.Trim(fmt.Sprint(v), "<>")
		if i := strings.LastIndexAny(s, "/#"); i >= 0 {
			s = s[i+1:]
		}
		return s
	}
	var lines []string
	for _, r := range rs {
		m, _ := r.(map[string]any)
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, k+"="+last(m[k]))
		}
		lines = append(lines, strings.Join(parts, " "))
	}
	sort.Strings(lines)
	return strings.Join(lines, "|")
}

func testQueryTimeout(t *testing.T, open opener) {
	s := open(t)
	replace(t, s, corpus(0, 3, "v1")...)
	for _, q := range []string{
		`while(true){}`,
		`var n = 0; while(true){ n++ }`,
		// A deep traversal whose filter rejects everything: Cayley's
		// iterators loop inside one Next, so only the leaves' context
		// checks (cancel.go) stop it; without them Query waited 5 s for
		// the script and the loop went on after that.
		`g.V().Out().In().Out().In().Out().In().Out().In().Out().In().Filter(regex("^no such value$")).All()`,
	} {
		start := time.Now()
		_, err := s.Query(t.Context(), q, QueryOptions{Timeout: 200 * time.Millisecond})
		elapsed := time.Since(start)
		if !errors.Is(err, ErrQueryTimeout) {
			t.Errorf("%s: error = %v, want a timeout", q, err)
		} else if err.Error() != "gizmo query timed out after 200ms" {
			t.Errorf("%s: error %q does not say how long", q, err)
		}
		if elapsed > 2*time.Second {
			t.Errorf("%s: returned after %v", q, elapsed)
		}
	}
	// The store is still usable.
	rs, err := s.Query(t.Context(), `g.V("`+corpusLabel(1).String()+`").Out("`+schema.Type.String()+`").All()`, QueryOptions{})
	if err != nil || len(rs) != 1 {
		t.Errorf("query after timeout: %v, %v", rs, err)
	}
	replace(t, s, corpusBatch(5, "v1"))

	// A cancelled context is not reported as a timeout.
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err = s.Query(ctx, `while(true){}`, QueryOptions{})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrQueryTimeout) {
		t.Errorf("cancelled query: error = %v", err)
	}
}

func testQueryErrors(t *testing.T, open opener) {
	s := open(t)
	for _, tt := range []struct {
		lang, q, want string
	}{
		{"gizmo", `g.V(.All()`, "gizmo query: SyntaxError: "},
		{"gizmo", `nosuch.V()`, "gizmo query: ReferenceError: nosuch is not defined"},
		{"cobol", `x`, `query: unknown language "cobol" (known: `},
		{"mql", `[{`, "mql query: "},
	} {
		_, err := s.Query(t.Context(), tt.q, QueryOptions{Lang: tt.lang})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: error = %v, want one containing %q", tt.lang, tt.q, err, tt.want)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s %q: error has several lines: %q", tt.lang, tt.q, err)
		}
	}
}

func testStats(t *testing.T, open opener) {
	s := open(t)
	replace(t, s, corpus(0, 60, "v1")...)
	replace(t, s, Batch{Label: schema.GazetteerGraph, Quads: []quad.Quad{
		{Subject: schema.EntityIRI(schema.KindState, "S000"), Predicate: schema.Type, Object: schema.State, Label: schema.GazetteerGraph},
	}})
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Quads != 60*30+1 || st.Statements != 60 {
		t.Errorf("Quads, Statements = %d, %d; want %d, 60", st.Quads, st.Statements, 60*30+1)
	}
	// Actors: states 7i mod 200 for i < 60 are 60 distinct states.
	if st.Actors != 60 {
		t.Errorf("Actors = %d, want 60", st.Actors)
	}
	wantPred := map[string]int{string(schema.Supports): 60, string(schema.Opposes): 60, string(schema.Proposes): 0, string(schema.AlignsWith): 60}
	if !reflect.DeepEqual(st.ByPredicate, wantPred) {
		t.Errorf("ByPredicate = %v, want %v", st.ByPredicate, wantPred)
	}
	if len(st.ByForum) != corpusForums || st.ByForum[string(schema.EntityIRI(schema.KindForum, "forum-0"))] != 2 {
		t.Errorf("ByForum = %v", st.ByForum)
	}
	if len(st.ByYear) != 25 || st.ByYear["2000"] != 3 || st.ByYear["2010"] != 2 {
		t.Errorf("ByYear = %v", st.ByYear)
	}
	if st.Targets == 0 {
		t.Errorf("Targets = 0")
	}
}

func testManyGraphs(t *testing.T, open opener) {
	s := open(t)
	// More than one transaction's worth of batches.
	n := txQuads/30 + 50
	res := replace(t, s, corpus(0, n, "v1")...)
	if res.Graphs != n || res.Added != n*30 {
		t.Errorf("result = %+v, want %d graphs, %d quads", res, n, n*30)
	}
	res = replace(t, s, corpus(0, n, "v2")...)
	if res.Graphs != n || res.Added != n || res.Removed != n {
		t.Errorf("rewrite result = %+v, want %d graphs, %d added and removed", res, n, n)
	}
	wantGraph(t, s, corpusLabel(n-1), corpusBatch(n-1, "v2").Quads)
	st, err := s.Stats(t.Context())
	if err != nil || st.Quads != n*30 {
		t.Errorf("Stats = %d quads, %v; want %d", st.Quads, err, n*30)
	}
}

func testEachQuad(t *testing.T, open opener) {
	s := open(t)
	replace(t, s, corpus(0, 3, "v1")...)
	var got []quad.Quad
	if err := s.EachQuad(t.Context(), func(q quad.Quad) error { got = append(got, q); return nil }); err != nil {
		t.Fatal(err)
	}
	var want []quad.Quad
	for _, b := range corpus(0, 3, "v1") {
		want = append(want, b.Quads...)
	}
	if NQuads(got) != NQuads(want) {
		t.Errorf("EachQuad gave\n%s\nwant\n%s", NQuads(got), NQuads(want))
	}
	stop := errors.New("stop")
	n := 0
	err := s.EachQuad(t.Context(), func(quad.Quad) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("EachQuad after an error: %d calls, %v", n, err)
	}
}

// oddValue is a quad.Value that Cayley's backends cannot store.
type oddValue struct{}

func (oddValue) String() string { return `"odd"` }
func (oddValue) Native() any    { return "odd" }

// testFailedWrite makes Cayley fail in the middle of a write (past the
// checks ReplaceGraphs makes): nothing of it may be stored, and the store
// must stay usable, with no trace of the nodes the failed write created.
func testFailedWrite(t *testing.T, open opener) {
	s := open(t)
	replace(t, s, corpus(0, 2, "v1")...)
	before := export(t, s)
	label := corpusLabel(1)
	fresh := quad.Quad{Subject: quad.IRI("http://ex.org/new"), Predicate: schema.Label, Object: quad.String("new"), Label: label}
	err := s.applyDeltas(t.Context(), []cgraph.Delta{
		{Quad: fresh, Action: cgraph.Add},
		{Quad: quad.Quad{Subject: quad.IRI("http://ex.org/new2"), Predicate: schema.Label, Object: oddValue{}, Label: label}, Action: cgraph.Add},
		{Quad: corpusBatch(1, "v1").Quads[3], Action: cgraph.Delete},
	})
	if s.Backend() != Memstore && err == nil {
		t.Fatalf("write of an odd value did not fail")
	}
	if s.Backend() == Memstore {
		// The memstore takes any value; nothing to check.
		return
	}
	if after := export(t, s); after != before {
		t.Errorf("failed write left changes:\n%s", after)
	}
	b := corpusBatch(1, "v1")
	b.Quads = append(b.Quads, fresh)
	if res := replace(t, s, b); res.Added != 1 {
		t.Errorf("rewrite = %+v, want 1 added", res)
	}
	wantGraph(t, s, label, b.Quads)
	rs, err := s.Query(t.Context(), `g.V("<http://ex.org/new>").Out().All()`, QueryOptions{})
	if err != nil || len(rs) != 1 {
		t.Errorf("query for the new node: %v, %v", rs, err)
	}
}
