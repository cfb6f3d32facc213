package data

import "testing"

// BenchmarkDefault measures parsing and checking the embedded gazetteers,
// what Default does once per process.
func BenchmarkDefault(b *testing.B) {
	fsys := Embedded()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseFS(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuads measures building the gazetteer graph.
func BenchmarkQuads(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		g.Quads()
	}
}
