package graph

import (
	"testing"
)

// benchStatements is how many statements (of 30 quads) one ReplaceGraphs
// call writes in the benchmarks.
const benchStatements = 100

// BenchmarkReplaceGraphs writes the synthetic corpus (30 quads a
// statement, 100 statements a call) on each backend:
//
//	new      every call writes 100 statements not yet stored
//	same     every call rewrites the same 100 statements unchanged
//	changed  every call rewrites 100 statements with a new version quad
//
// It reports quads/s: quads in the batches given, per second.
func BenchmarkReplaceGraphs(b *testing.B) {
	backends := []struct {
		name string
		open func(b *testing.B) *Store
	}{
		{"memstore", func(b *testing.B) *Store { return mustOpen(b, Options{Backend: Memstore}) }},
		{"bolt", func(b *testing.B) *Store { return mustOpen(b, Options{Path: b.TempDir()}) }},
		{"leveldb", func(b *testing.B) *Store { return mustOpen(b, Options{Backend: LevelDB, Path: b.TempDir()}) }},
		{"postgres", func(b *testing.B) *Store {
			return mustOpen(b, Options{Backend: Postgres, Path: postgresSchemaURL(b)})
		}},
	}
	for _, bk := range backends {
		b.Run(bk.name+"/new", func(b *testing.B) {
			s := bk.open(b)
			next := 0
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				batches := corpus(next, next+benchStatements, "v1")
				next += benchStatements
				b.StartTimer()
				if _, err := s.ReplaceGraphs(b.Context(), batches); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(next*30)/b.Elapsed().Seconds(), "quads/s")
		})
		b.Run(bk.name+"/same", func(b *testing.B) {
			s := bk.open(b)
			batches := corpus(0, benchStatements, "v1")
			if _, err := s.ReplaceGraphs(b.Context(), batches); err != nil {
				b.Fatal(err)
			}
			n := 0
			b.ReportAllocs()
			for b.Loop() {
				res, err := s.ReplaceGraphs(b.Context(), batches)
				if err != nil || res.Added != 0 {
					b.Fatal(res, err)
				}
				n++
			}
			b.ReportMetric(float64(n*benchStatements*30)/b.Elapsed().Seconds(), "quads/s")
		})
		b.Run(bk.name+"/changed", func(b *testing.B) {
			s := bk.open(b)
			versions := [2][]Batch{corpus(0, benchStatements, "v1"), corpus(0, benchStatements, "v2")}
			n := 0
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.ReplaceGraphs(b.Context(), versions[n%2]); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64(n*benchStatements*30)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}
