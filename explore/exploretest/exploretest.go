// Package exploretest builds small stance graphs for tests of the
// explore and serve packages: it runs statement files through the real
// extraction pipeline into an in-memory store.
package exploretest

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/extract"
	"github.com/stancegraph/stancegraph/graph"
	"github.com/stancegraph/stancegraph/schema"
)

// Dir returns the directory of the shared test statements
// (explore/testdata): copies of data/examples, among them the OEWG
// statement by China of 14 December 2021.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata")
}

// Seed is the file name of the seed statement in Dir.
const Seed = "oewg-2021-12-14-china.txt"

// Store returns an in-memory store holding the gazetteer graph and the
// statements of the given files (all *.txt files of Dir when none are
// given), extracted with the default pipeline. The store is closed when
// the test ends.
func Store(tb testing.TB, files ...string) *graph.Store {
	tb.Helper()
	ctx := context.Background()
	gz, err := data.Default()
	if err != nil {
		tb.Fatal(err)
	}
	p, err := extract.NewRegistry().Build(nil, gz)
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		files, err = filepath.Glob(filepath.Join(Dir(), "*.txt"))
		if err != nil || len(files) == 0 {
			tb.Fatalf("no test statements in %s: %v", Dir(), err)
		}
	}
	s, err := graph.Open(ctx, graph.Options{Backend: graph.Memstore})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	batches := []graph.Batch{{Label: schema.GazetteerGraph, Quads: gz.Quads()}}
	for _, path := range files {
		f, err := extract.ReadFile(path, extract.ReadOptions{})
		if err != nil {
			tb.Fatal(err)
		}
		for _, st := range f.Statements {
			batches = append(batches, graph.Batch{Label: st.IRI, Quads: p.Run(st)})
		}
	}
	if _, err := s.ReplaceGraphs(ctx, batches); err != nil {
		tb.Fatal(err)
	}
	return s
}

// View returns a View of Store(tb, files...).
func View(tb testing.TB, files ...string) *explore.View {
	tb.Helper()
	v, err := explore.Load(context.Background(), Store(tb, files...))
	if err != nil {
		tb.Fatal(err)
	}
	return v
}
