package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"
	"github.com/stancegraph/stancegraph/extract"
	"github.com/stancegraph/stancegraph/graph"
	"github.com/stancegraph/stancegraph/schema"
)

type ingestOptions struct {
	Out, ErrOut io.Writer
	Paths       []string
	Encoding    string
	MaxBytes    int64
	FailFast    bool
	Workers     int
	BatchQuads  int
	Quiet       bool
}

func newIngestCmd(g *globalOptions) *cobra.Command {
	o := &ingestOptions{}
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Extract stances from files or folders and load them into the store",
		Long: `ingest reads statements (.txt, .md, .html, .pdf, .docx; folders are walked
recursively), extracts their stances and loads them into the store, together
with the gazetteer graph (states, groups, forums, proposals, topics).

Each statement is loaded whole or not at all. A statement's IRI comes from its
path (plus the turn number when one file holds several speakers), so run ingest
from the same folder each time. Re-ingesting an unchanged file with the same
extractor and gazetteer adds nothing; a changed file, or a newer extractor or
gazetteer, replaces that statement's quads.

A summary (files, statements, new quads, unchanged, failed) goes to stderr.
A file that cannot be read is reported on one line naming it, and the others
still load; the exit status is then 1.`,
		Example: `  stancegraph ingest data/examples
  stancegraph --db /tmp/g.db ingest ~/corpus/ungdc --workers 2`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("ingest needs at least one file or folder")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut, o.Paths = cmd.OutOrStdout(), cmd.ErrOrStderr(), args
			return runIngest(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Encoding, "encoding", "", "character set of files that are not UTF-8 (default: detect, falling back to Windows-1252)")
	f.Int64Var(&o.MaxBytes, "max-bytes", 64<<20, "largest file to read, in bytes")
	f.BoolVar(&o.FailFast, "fail-fast", false, "stop at the first file that fails")
	f.IntVar(&o.Workers, "workers", runtime.NumCPU(), "files extracted in parallel")
	f.IntVar(&o.BatchQuads, "batch", 20000, "quads per write transaction (whole statements only)")
	f.BoolVar(&o.Quiet, "quiet", false, "no progress lines")
	return cmd
}

// ingestSummary counts what an ingest did.
type ingestSummary struct {
	Files, Statements, Unchanged, Failed int
	Added, Removed                       int
}

type extracted struct {
	path  string
	batch []graph.Batch
	stmts int
	same  int
	err   error
	warn  []string
}

func runIngest(ctx context.Context, g *globalOptions, o *ingestOptions) error {
	start := time.Now()
	p, err := g.pipeline()
	if err != nil {
		return err
	}
	files, walkErr := extract.Files(o.Paths)
	store, err := g.open(ctx, false)
	if err != nil {
		return err
	}
	defer store.Close()

	var sum ingestSummary
	if err := loadGazetteerGraph(ctx, store, p, &sum); err != nil {
		if ctx.Err() != nil {
			// Interrupted before the first statement: the gazetteer
			// graph is replaced in one transaction, so nothing is half
			// written.
			return fmt.Errorf("interrupted after 0 files, while loading the gazetteer graph; nothing of this run is stored, run ingest again to finish")
		}
		return err
	}
	version := extract.FullVersion(p.Gazetteers)

	fr := &extract.FileReader{Options: extract.ReadOptions{Encoding: o.Encoding, MaxBytes: o.MaxBytes}}
	jobs := make(chan string)
	results := make(chan extracted)
	workers := o.Workers
	if workers < 1 {
		workers = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				results <- extractFile(ctx, store, p, fr, version, path)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// One goroutine writes while the workers extract the next batch: a
	// write waited for by the loop below would stall extraction, as the
	// workers cannot hand over their results meanwhile.
	w := startWriter(ctx, store, cancel)
	var pending []graph.Batch
	pendingQuads := 0
	var failures []error
	flush := func() {
		if len(pending) == 0 {
			return
		}
		w.write(pending)
		pending, pendingQuads = nil, 0
	}
	lastProgress := time.Now()
	for r := range results {
		if o.FailFast && sum.Failed > 0 {
			continue // drain the files that were under way
		}
		sum.Files++
		for _, w := range r.warn {
			fmt.Fprintf(o.ErrOut, "warning: %s\n", w)
		}
		if r.err != nil {
			sum.Failed++
			failures = append(failures, r.err)
			fmt.Fprintf(o.ErrOut, "error: %v\n", r.err)
			if o.FailFast {
				cancel()
			}
			continue
		}
		sum.Statements += r.stmts
		sum.Unchanged += r.same
		for _, b := range r.batch {
			pending = append(pending, b)
			pendingQuads += len(b.Quads)
		}
		if pendingQuads >= o.BatchQuads {
			flush()
		}
		if !o.Quiet && time.Since(lastProgress) > 2*time.Second {
			lastProgress = time.Now()
			fmt.Fprintf(o.ErrOut, "… %d/%d files, %d statements, %d quads added\n", sum.Files, len(files), sum.Statements, int64(sum.Added)+w.added.Load())
		}
	}
	flush()
	writeErr := w.close()
	sum.Added += int(w.added.Load())
	sum.Removed += int(w.removed.Load())
	interrupted := ctx.Err() != nil && writeErr == nil && !o.FailFast
	fmt.Fprintf(o.ErrOut, "ingested %d files in %s: %d statements, %d new quads, %d removed, %d unchanged, %d failed\n",
		sum.Files, time.Since(start).Round(time.Millisecond), sum.Statements, sum.Added, sum.Removed, sum.Unchanged, sum.Failed)
	if writeErr != nil {
		return fmt.Errorf("write to store: %w", writeErr)
	}
	if interrupted && sum.Files < len(files) {
		return fmt.Errorf("interrupted after %d of %d files; everything reported above is stored, run ingest again to finish", sum.Files, len(files))
	}
	if walkErr != nil {
		failures = append(failures, walkErr)
		fmt.Fprintf(o.ErrOut, "error: %v\n", walkErr)
	}
	if len(failures) > 0 {
		return fmt.Errorf("%d of %d inputs failed", len(failures), max(len(files), len(failures)))
	}
	return nil
}

// A writer writes batches of statements to the store in order, one
// transaction at a time, on a goroutine of its own.
type writer struct {
	batches        chan []graph.Batch
	done           chan struct{}
	err            error // the first failed write; read after close
	added, removed atomic.Int64
}

// startWriter starts writing to store; a failed write cancels the ingest
// and the batches after it are dropped.
func startWriter(ctx context.Context, store *graph.Store, cancel context.CancelFunc) *writer {
	w := &writer{batches: make(chan []graph.Batch, 1), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for b := range w.batches {
			if w.err != nil {
				continue
			}
			// Batches already extracted are written even when the ingest
			// is interrupted: what the progress lines count is stored.
			r, err := store.ReplaceGraphs(context.WithoutCancel(ctx), b)
			if err != nil {
				w.err = err
				cancel()
				continue
			}
			w.added.Add(int64(r.Added))
			w.removed.Add(int64(r.Removed))
		}
	}()
	return w
}

// write queues a batch; it waits while the writer is busy with the one
// before.
func (w *writer) write(b []graph.Batch) { w.batches <- b }

// close waits for the queued batches to be written and returns the first
// write error.
func (w *writer) close() error {
	close(w.batches)
	<-w.done
	return w.err
}

// extractFile reads one file and extracts the statements that changed
// since they were stored.
func extractFile(ctx context.Context, store *graph.Store, p *extract.Pipeline, fr *extract.FileReader, version, path string) extracted {
	r := extracted{path: path}
	f, err := fr.Read(path)
	if err != nil {
		r.err = err
		return r
	}
	for _, w := range f.Warnings {
		r.warn = append(r.warn, path+": "+w)
	}
	if w := languageWarning(f); w != "" {
		r.warn = append(r.warn, w)
	}
	for _, st := range f.Statements {
		r.stmts++
		sha, ver, ok, err := store.Fingerprint(ctx, st.IRI)
		if err != nil {
			r.err = fmt.Errorf("%s: %w", path, err)
			return r
		}
		if ok && sha == st.SHA256 && ver == version {
			r.same++
			continue
		}
		r.batch = append(r.batch, graph.Batch{Label: st.IRI, Quads: p.Run(st)})
	}
	// A file that held more turns before, or was one statement and is now
	// a record (or the other way round), leaves statements to remove.
	stale, err := staleStatements(ctx, store, path, f.Statements)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", path, err)
		return r
	}
	for _, iri := range stale {
		r.batch = append(r.batch, graph.Batch{Label: iri})
	}
	return r
}

// staleStatements returns the stored statements of path that its current
// statements no longer include.
func staleStatements(ctx context.Context, store *graph.Store, path string, sts []*extract.Statement) ([]quad.IRI, error) {
	current := map[quad.IRI]bool{}
	for _, st := range sts {
		current[st.IRI] = true
	}
	var stale []quad.IRI
	check := func(iri quad.IRI) (bool, error) {
		_, _, ok, err := store.Fingerprint(ctx, iri)
		if err == nil && ok && !current[iri] {
			stale = append(stale, iri)
		}
		return ok, err
	}
	if _, err := check(schema.StatementIRI(path, 0)); err != nil {
		return nil, err
	}
	// Turns are numbered from 1 without gaps.
	for turn := 1; ; turn++ {
		iri := schema.StatementIRI(path, turn)
		ok, err := check(iri)
		if err != nil {
			return nil, err
		}
		if !ok && !current[iri] {
			break
		}
	}
	return stale, nil
}

// loadGazetteerGraph loads or replaces the gazetteer graph when the store
// holds another version.
func loadGazetteerGraph(ctx context.Context, store *graph.Store, p *extract.Pipeline, sum *ingestSummary) error {
	_, ver, ok, err := store.Fingerprint(ctx, schema.GazetteerGraph)
	if err != nil {
		return err
	}
	if ok && ver == p.Gazetteers.Version {
		return nil
	}
	qs := gazetteerQuads(p)
	r, err := store.ReplaceGraphs(ctx, []graph.Batch{{Label: schema.GazetteerGraph, Quads: qs}})
	if err != nil {
		return fmt.Errorf("load gazetteer graph: %w", err)
	}
	sum.Added += r.Added
	sum.Removed += r.Removed
	return nil
}

// gazetteerQuads returns the gazetteer graph with the version recorded the
// way Fingerprint reads it.
func gazetteerQuads(p *extract.Pipeline) []quad.Quad {
	qs := p.Gazetteers.Quads()
	qs = append(qs, quad.Quad{Subject: schema.GazetteerGraph, Predicate: schema.ExtractorVersion,
		Object: quad.String(p.Gazetteers.Version), Label: schema.GazetteerGraph})
	return extract.SortQuads(qs)
}

// languageWarning says when a file is not in English: it is loaded with
// its language tag, and stance extraction is skipped.
func languageWarning(f *extract.File) string {
	if l := f.Language; l != "" && l != "en" && l != "und" {
		return fmt.Sprintf("%s: language %q: loaded with its language tag, stance extraction skipped (English only)", f.Path, l)
	}
	return ""
}
