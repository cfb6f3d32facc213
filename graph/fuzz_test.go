package graph

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/schema"
)

// FuzzRoundTrip writes a literal (plain, with a language, or typed) to a
// store, exports it, imports the export into a fresh store and exports
// again: both exports must be equal and hold the literal unchanged.
func FuzzRoundTrip(f *testing.F) {
	for _, b := range []Batch{trickyBatch(), corpusBatch(1, "v1")} {
		for _, q := range b.Quads {
			if s, ok := q.Object.(quad.String); ok {
				f.Add(string(s), "")
			}
		}
	}
	f.Add("a\x00b", "")
	f.Add("\r\n\t\\\"'", "en")
	f.Add("2021-05-03", string(schema.XSDDate))
	f.Fuzz(func(t *testing.T, text, extra string) {
		if !utf8.ValidString(text) || !utf8.ValidString(extra) {
			t.Skip("N-Quads text is UTF-8")
		}
		var lit quad.Value = quad.String(text)
		switch {
		case strings.HasPrefix(extra, "http://") || strings.HasPrefix(extra, "https://"):
			if checkIRI(quad.IRI(extra)) != nil {
				t.Skip()
			}
			lit = quad.TypedString{Value: quad.String(text), Type: quad.IRI(extra)}
		case isLangTag(extra):
			lit = quad.LangString{Value: quad.String(text), Lang: extra}
		}
		label := corpusLabel(1)
		b := Batch{Label: label, Quads: []quad.Quad{{Subject: label, Predicate: schema.Text, Object: lit, Label: label}}}
		s := mustOpen(t, Options{Backend: Memstore})
		replace(t, s, b)
		first := export(t, s)
		fresh := mustOpen(t, Options{Backend: Memstore})
		if _, err := fresh.Import(t.Context(), strings.NewReader(first), "", ImportOptions{}); err != nil {
			t.Fatalf("import of %q: %v", first, err)
		}
		if second := export(t, fresh); second != first {
			t.Fatalf("round trip changed\n%q\ninto\n%q", first, second)
		}
		got, err := fresh.GraphQuads(t.Context(), label)
		if err != nil || len(got) != 1 || got[0].Object != lit {
			t.Fatalf("literal %#v came back as %#v (%v)", lit, got, err)
		}
	})
}

// isLangTag reports whether s looks like a BCP 47 tag as N-Quads allows:
// letters, then groups of letters and digits after hyphens.
func isLangTag(s string) bool {
	if s == "" {
		return false
	}
	for i, part := range strings.Split(s, "-") {
		if part == "" || len(part) > 8 {
			return false
		}
		for _, r := range part {
			letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if !letter && (i == 0 || r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}

// FuzzParseNQuad feeds arbitrary lines to the N-Quads parser: it must not
// panic, and a quad it accepts must come back equal after being written
// with the quad library's writer and parsed again.
func FuzzParseNQuad(f *testing.F) {
	for _, line := range strings.Split(badInput, "\n") {
		f.Add(line)
	}
	f.Add(`<s> <p> "@"@en <g> .`)
	f.Add(`_:a <p> "x\"^^<y>"^^<http://t> .`)
	f.Add(`<http://ex.org/\u00E9> <p> "\U0001F642\t" _:g . # c`)
	f.Fuzz(func(t *testing.T, line string) {
		q, ok, err := parseNQuad(line)
		if err != nil || !ok || checkQuad(q) != nil {
			return
		}
		text := NQuads([]quad.Quad{q})
		again, ok, err := parseNQuad(strings.TrimSuffix(text, "\n"))
		if err != nil || !ok || again != q {
			t.Fatalf("%q parsed as %#v, written as %q, read back as %#v (%v)", line, q, text, again, err)
		}
	})
}
