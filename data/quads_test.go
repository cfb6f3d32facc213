package data

import (
	"bytes"
	"io"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/stancegraph/stancegraph/schema"
)

// validIRI reports whether s is an absolute IRI with no characters that
// N-Quads forbids in an IRI reference.
func validIRI(s string) bool {
	if s == "" || strings.ContainsAny(s, " <>\"{}|\\^`\t\n\r") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && u.Host != ""
}

func TestQuads(t *testing.T) {
	g := mustDefault(t)
	qs := g.Quads()
	if len(qs) == 0 {
		t.Fatal("no quads")
	}
	labelled := make(map[quad.IRI]bool)
	for _, q := range qs {
		if q.Predicate == schema.Label {
			if s, ok := q.Subject.(quad.IRI); ok {
				labelled[s] = true
			}
		}
	}
	for _, q := range qs {
		if !q.IsValid() {
			t.Errorf("invalid quad %v", q)
		}
		if q.Label != schema.GazetteerGraph {
			t.Errorf("quad %v not in the gazetteer graph", q)
		}
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			iri, ok := v.(quad.IRI)
			if !ok {
				continue
			}
			if !validIRI(string(iri)) {
				t.Errorf("bad IRI %q in %v", iri, q)
			}
		}
		for _, v := range []quad.Value{q.Subject, q.Object} {
			if iri, ok := v.(quad.IRI); ok && !labelled[iri] {
				t.Errorf("IRI node %s has no rdfs:label", iri)
				labelled[iri] = true // report once
			}
		}
	}
	chn := schema.EntityIRI(schema.KindState, "CHN")
	want := quad.Quad{Subject: chn, Predicate: schema.Demonym, Object: quad.String("Chinese"), Label: schema.GazetteerGraph}
	found := false
	for _, q := range qs {
		if q == want {
			found = true
		}
	}
	if !found {
		t.Errorf("no quad %v", want)
	}
}

func TestQuadsDeterministic(t *testing.T) {
	g1 := mustDefault(t)
	g2, err := ParseFS(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	a, b := g1.Quads(), g2.Quads()
	if len(a) != len(b) {
		t.Fatalf("%d quads, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("quad %d differs: %v, then %v", i, a[i], b[i])
		}
	}
	if !sort.IsSorted(quad.ByQuadString(a)) {
		t.Errorf("quads are not sorted")
	}
	for i := 1; i < len(a); i++ {
		if a[i-1] == a[i] {
			t.Fatalf("duplicate quad %v", a[i])
		}
	}
}

// TestQuadsNQuadsRoundTrip writes the gazetteer graph as N-Quads, reads it
// back and checks that every quad survives.
func TestQuadsNQuadsRoundTrip(t *testing.T) {
	qs := mustDefault(t).Quads()
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r := nquads.NewReader(bytes.NewReader(buf.Bytes()), false)
	var got []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read back: %v", err)
		}
		got = append(got, q)
	}
	if len(got) != len(qs) {
		t.Fatalf("read back %d quads, wrote %d", len(got), len(qs))
	}
	for i := range qs {
		if got[i].String() != qs[i].String() {
			t.Errorf("quad %d: wrote %v, read %v", i, qs[i], got[i])
		}
	}
}
