package schema_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/stancegraph/stancegraph/schema"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Programme of Action":    "programme-of-action",
		"Côte d'Ivoire":          "cote-d-ivoire",
		"  --  ":                 "x",
		"A/RES/75/240":           "a-res-75-240",
		"Wu Jianjian":            "wu-jianjian",
		"中华人民共和国":                "中华人民共和国",
		"Group of 77 and China ": "group-of-77-and-china",
	} {
		if got := schema.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStatementIRI(t *testing.T) {
	for _, tt := range []struct {
		path string
		turn int
		want string
	}{
		{"data/examples/seed.txt", 0, schema.ID + "statement/data/examples/seed.txt"},
		{"./a b/c#1.txt", 0, schema.ID + "statement/a%20b/c%231.txt"},
		{"../x.txt", 2, schema.ID + "statement/%2E%2E/x.txt/turn/2"},
		{"/abs/dir/UNSC_SPV8699.txt", 0, schema.ID + "statement/abs/dir/UNSC_SPV8699.txt"},
	} {
		if got := schema.StatementIRI(tt.path, tt.turn); string(got) != tt.want {
			t.Errorf("StatementIRI(%q, %d) = %s, want %s", tt.path, tt.turn, got, tt.want)
		}
	}
}

func TestStanceTerms(t *testing.T) {
	for _, p := range []string{"supports", "opposes", "proposes", "alignsWith"} {
		found := false
		for _, s := range schema.StancePredicates {
			if strings.HasSuffix(string(s), "#"+p) {
				found = true
			}
		}
		if !found || !schema.IsStance(quad.IRI(schema.NS+p)) {
			t.Errorf("stance predicate %s missing", p)
		}
	}
	if schema.IsStance(schema.Label) {
		t.Error("rdfs:label counted as a stance")
	}
	seen := map[quad.IRI]bool{}
	for _, term := range schema.Terms {
		if seen[term.IRI] {
			t.Errorf("term %s listed twice", term.IRI)
		}
		seen[term.IRI] = true
		if term.Comment == "" {
			t.Errorf("term %s has no comment", term.IRI)
		}
	}
}

func TestLiterals(t *testing.T) {
	if got := quad.StringOf(schema.Decimal(0.5)); got != `"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>` {
		t.Errorf("Decimal(0.5) = %s", got)
	}
	if got := quad.StringOf(schema.Decimal(1)); got != `"1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>` {
		t.Errorf("Decimal(1) = %s", got)
	}
	if got := quad.StringOf(schema.Bool(true)); got != `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>` {
		t.Errorf("Bool(true) = %s", got)
	}
}

// FuzzStatementIRI checks that every path gives an IRI that survives an
// N-Quads round trip unchanged, and that paths differing only after
// cleaning give the same IRI.
func FuzzStatementIRI(f *testing.F) {
	for _, s := range []string{"a.txt", "a b/c.txt", "../x<y>.md", "日本/声明.txt", "a\"b\\c", "%20", "x\ny"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, path string, turn int) {
		if turn < 0 {
			turn = -turn
		}
		iri := schema.StatementIRI(path, turn%1000)
		q := quad.Quad{Subject: iri, Predicate: schema.Type, Object: schema.Statement, Label: iri}
		var b bytes.Buffer
		w := nquads.NewWriter(&b)
		if err := w.WriteQuad(q); err != nil {
			t.Fatal(err)
		}
		w.Close()
		got, err := nquads.NewReader(&b, true).ReadQuad()
		if err != nil {
			t.Fatalf("IRI %s does not parse back: %v", iri, err)
		}
		if got.Subject != q.Subject {
			t.Fatalf("round trip %s -> %s", q.Subject, got.Subject)
		}
		if strings.ContainsAny(string(iri), " <>\"{}|^`\\\n") {
			t.Fatalf("IRI %q has a character IRIs may not contain", iri)
		}
	})
}
