package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/extract"
	"github.com/stancegraph/stancegraph/graph"
)

// report is everything one run measured.
type report struct {
	Machine machine        `json:"machine"`
	Target  string         `json:"target"`
	Actor   string         `json:"actor"`
	Reps    int            `json:"reps"`
	Warmups int            `json:"warmups"`
	Queries []benchQuery   `json:"queries"`
	Sizes   []*sizeResult  `json:"sizes"`
	Targets []targetResult `json:"targets"`
	Notes   []string       `json:"notes,omitempty"`
}

type machine struct {
	Date   string `json:"date"`
	NProc  int    `json:"nproc"`
	CPU    string `json:"cpu,omitempty"`
	MemGB  int    `json:"mem_gb,omitempty"`
	Go     string `json:"go"`
	OSArch string `json:"os_arch"`
}

// sizeResult is what was measured on one corpus size.
type sizeResult struct {
	N        string          `json:"n"`
	Files    int             `json:"files"`
	Copies   int             `json:"copies"`
	SourceMB float64         `json:"source_mb"`
	Extract  *extractResult  `json:"extract,omitempty"`
	Ingest   []*ingestResult `json:"ingest"`
	View     *viewResult     `json:"memstore_view,omitempty"`
	Queries  []*queryResult  `json:"queries"`
	Notes    []string        `json:"notes,omitempty"`
}

// ingestResult is one end-to-end load: stancegraph ingest from the files,
// or stock cayley load from the exported N-Quads.
type ingestResult struct {
	Store      string  `json:"store"` // bolt, postgres
	Tool       string  `json:"tool"`  // "stancegraph ingest" or "cayley load"
	Seconds    float64 `json:"seconds"`
	Statements int     `json:"statements"`
	Quads      int     `json:"quads"`
	StmtsPerS  float64 `json:"statements_per_s"`
	QuadsPerS  float64 `json:"quads_per_s"`
	MaxRSSMB   float64 `json:"peak_rss_mb"`
	SizeMB     float64 `json:"size_mb"`
	Partial    bool    `json:"partial,omitempty"` // stopped at its timeout; rates from what was loaded
	Note       string  `json:"note,omitempty"`
}

// viewResult is the in-memory read view: bolt's export loaded into a
// memstore in this process.
type viewResult struct {
	Quads       int     `json:"quads"`
	LoadSeconds float64 `json:"load_s"`
	HeapMB      float64 `json:"heap_mb"`
}

// bench holds what every size shares.
type bench struct {
	o         *options
	work      string
	src       string
	files     []string
	pipe      *extract.Pipeline
	stanceBin string
	cayleyBin string
	pg        *pgServer
	rep       *report
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.o.ErrOut, "sgbench: "+format+"\n", args...)
}

func (b *bench) has(backend string) bool {
	for _, x := range b.o.Backends {
		if x == backend {
			return true
		}
	}
	return false
}

// run measures every size in o and prints the report.
func run(ctx context.Context, o *options) (err error) {
	rep, err := measure(ctx, o)
	if rep == nil {
		return err
	}
	if perr := printReport(o, rep); err == nil {
		err = perr
	}
	return err
}

// measure runs the benchmark and returns its report; on failure, the
// report holds the sizes measured so far.
func measure(ctx context.Context, o *options) (rep *report, err error) {
	b := &bench{o: o}
	repo := o.Repo
	if repo == "" {
		if repo, err = moduleRoot(ctx); err != nil {
			return nil, err
		}
	}
	b.src = o.Corpus
	if b.src == "" {
		b.src = filepath.Join(repo, "..", "shared", "corpus")
	}
	if b.files, err = corpusFiles(b.src); err != nil {
		return nil, err
	}
	gz, err := data.Default()
	if err != nil {
		return nil, err
	}
	if b.pipe, err = extract.NewRegistry().Build(nil, gz); err != nil {
		return nil, err
	}
	if b.work, err = os.MkdirTemp("", "sgbench-"); err != nil {
		return nil, err
	}
	defer func() {
		if o.Keep {
			b.logf("kept %s", b.work)
		} else if rerr := os.RemoveAll(b.work); rerr != nil && err == nil {
			err = rerr
		}
	}()
	b.rep = &report{Machine: thisMachine(), Target: o.Target, Actor: o.Actor, Reps: o.Reps, Warmups: o.Warmups,
		Queries: standardQueries(o.Target, o.Actor)}
	rep = b.rep

	bins := filepath.Join(b.work, "bin")
	if err := os.MkdirAll(bins, 0o755); err != nil {
		return nil, err
	}
	b.stanceBin = o.StanceBin
	if b.stanceBin == "" {
		b.logf("building stancegraph")
		if b.stanceBin, err = buildStance(ctx, repo, bins); err != nil {
			return nil, err
		}
	}
	if o.Stock {
		b.cayleyBin = o.CayleyBin
		if b.cayleyBin == "" {
			b.logf("building stock cayley")
			if b.cayleyBin, err = buildCayley(ctx, repo, bins); err != nil {
				b.note("stock Cayley skipped: %v", firstLine(err.Error()))
				b.cayleyBin = ""
			}
		}
	}
	if b.has("postgres") {
		if b.pg, err = openPG(ctx, o.PG); err != nil {
			b.note("PostgreSQL skipped: %v", err)
			b.pg = nil
		} else {
			defer func() {
				if left := b.pg.close(o.Keep); len(left) > 0 {
					b.logf("kept PostgreSQL schemas %s", strings.Join(left, ", "))
				}
			}()
		}
	}

	for _, sz := range o.Sizes {
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
		sr, err := b.runSize(ctx, sz)
		if sr != nil {
			rep.Sizes = append(rep.Sizes, sr)
		}
		if err != nil {
			return rep, fmt.Errorf("n=%s: %w", sz, err)
		}
	}
	rep.Targets = judge(rep, b.has)
	return rep, nil
}

func (b *bench) note(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	b.rep.Notes = append(b.rep.Notes, s)
	b.logf("%s", s)
}

// runSize measures one corpus size.
func (b *bench) runSize(ctx context.Context, sz size) (sr *sizeResult, err error) {
	o := b.o
	dir := filepath.Join(b.work, "n"+sz.String())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	defer func() {
		if !o.Keep {
			os.RemoveAll(dir)
		}
	}()
	bc, err := buildCorpus(b.src, filepath.Join(dir, "corpus"), b.files, sz)
	if err != nil {
		return nil, fmt.Errorf("build corpus: %w", err)
	}
	sr = &sizeResult{N: sz.String(), Files: bc.Files, Copies: bc.Copies, SourceMB: float64(bc.Bytes) / 1e6}
	b.logf("n=%s: %d files (%d renamed copies), %.1f MB", sz, bc.Files, bc.Copies, sr.SourceMB)

	b.logf("n=%s: extraction", sz)
	if sr.Extract, err = benchExtract(ctx, b.pipe, bc.Dir); err != nil {
		return sr, fmt.Errorf("extraction: %w", err)
	}
	b.logf("n=%s: extraction %s", sz, sr.Extract)

	var stores []*namedStore
	defer func() {
		for _, s := range stores {
			s.Close()
		}
	}()
	var export string
	var exported, statements int

	if b.has("bolt") {
		boltDir := filepath.Join(dir, "bolt")
		ir, err := b.ingest(ctx, dir, "bolt", "--db", boltDir)
		if err != nil {
			return sr, err
		}
		if n, err := dirSize(boltDir); err == nil {
			ir.SizeMB = float64(n) / 1e6
		}
		sr.Ingest = append(sr.Ingest, ir)
		statements = ir.Statements
		s, err := graph.Open(ctx, graph.Options{Backend: graph.Bolt, Path: boltDir, ReadOnly: true})
		if err != nil {
			return sr, err
		}
		stores = append(stores, &namedStore{"bolt", s})
	}
	var pgURL string
	if b.has("postgres") && b.pg != nil {
		schema, u, err := b.pg.newSchema(ctx, "n"+sz.String())
		if err != nil {
			return sr, err
		}
		pgURL = u
		ir, err := b.ingest(ctx, dir, "postgres", "--backend", "postgres", "--db", u)
		if err != nil {
			return sr, err
		}
		if n, err := b.pg.schemaSize(ctx, schema); err == nil {
			ir.SizeMB = float64(n) / 1e6
		}
		ir.Note = "schema " + schema
		sr.Ingest = append(sr.Ingest, ir)
		statements = ir.Statements
		s, err := graph.Open(ctx, graph.Options{Backend: graph.Postgres, Path: u, ReadOnly: true})
		if err != nil {
			return sr, err
		}
		pgStore := &namedStore{"postgres", s}
		stores = append(stores, pgStore)
		defer func() {
			if !o.Keep {
				pgStore.Close()
				b.pg.drop(context.WithoutCancel(ctx), schema)
			}
		}()
	}
	if len(stores) == 0 {
		return sr, errors.New("no store to query (is PostgreSQL the only backend and unreachable?)")
	}

	// The first store's N-Quads feed the memstore view and stock cayley.
	export = filepath.Join(dir, "export.nq")
	if exported, err = exportTo(ctx, stores[0].Store, export); err != nil {
		return sr, err
	}
	b.logf("n=%s: exported %d quads from %s", sz, exported, stores[0].name)

	if b.has("memstore") {
		// Query order: bolt, memstore, postgres. The view is loaded
		// when its turn comes and freed after it, so that no store is
		// timed with another's heap in the process (a 453 MB view at
		// the whole corpus doubled bolt's p95 through GC).
		stores = append(stores[:1], append([]*namedStore{{name: "memstore"}}, stores[1:]...)...)
	}

	var stockDir string
	if b.cayleyBin != "" {
		stockDir = filepath.Join(dir, "stock-bolt")
		ir, err := b.stockLoad(ctx, dir, "bolt", stockDir, export, exported, statements, 0)
		if err != nil {
			return sr, err
		}
		if n, err := dirSize(stockDir); err == nil {
			ir.SizeMB = float64(n) / 1e6
		}
		sr.Ingest = append(sr.Ingest, ir)
		if pgURL != "" {
			schema, u, err := b.pg.newSchema(ctx, "stock")
			if err != nil {
				return sr, err
			}
			ir, err := b.stockLoad(ctx, dir, "postgres", u, export, exported, statements, o.StockPGTimeout)
			if err != nil {
				return sr, err
			}
			if ir.Partial {
				if n, err := b.pg.quadCount(ctx, schema); err == nil {
					ir.Quads = n
					ir.QuadsPerS = float64(n) / ir.Seconds
					ir.StmtsPerS = float64(statements) * float64(n) / float64(exported) / ir.Seconds
					ir.Note = fmt.Sprintf("stopped after %v with %d of %d quads loaded", o.StockPGTimeout, n, exported)
				}
			}
			if n, err := b.pg.schemaSize(ctx, schema); err == nil {
				ir.SizeMB = float64(n) / 1e6
			}
			sr.Ingest = append(sr.Ingest, ir)
			if !o.Keep {
				b.pg.drop(ctx, schema)
			}
		}
	}

	qs := standardQueries(o.Target, o.Actor)
	ref := map[string]*queryResult{}
	for _, s := range stores {
		if s.name == "memstore" {
			view, vr, err := loadView(ctx, export)
			if err != nil {
				return sr, err
			}
			s.Store, sr.View = view, vr
			b.logf("n=%s: memstore view: %d quads in %.1f s, %.0f MB heap", sz, vr.Quads, vr.LoadSeconds, vr.HeapMB)
		}
		for _, q := range qs {
			b.logf("n=%s: %s on %s", sz, q.ID, s.name)
			r := o.timeQuery(ctx, s.name, q, storeQuerier(s.Store))
			sr.Queries = append(sr.Queries, r)
			if ref[q.ID] == nil && r.Error == "" {
				ref[q.ID] = r
			}
			if s.name == "bolt" {
				// Like for like with stock cayley http, which stops at
				// 100 results.
				b.logf("n=%s: %s on bolt, at most %d results", sz, q.ID, stockCap)
				sr.Queries = append(sr.Queries, o.timeQuery(ctx, "bolt100", q, cappedQuerier(s.Store)))
			}
			if ctx.Err() != nil {
				return sr, ctx.Err()
			}
		}
		if s.name == "memstore" {
			// Free the view before the next store.
			s.Close()
			runtime.GC()
		}
	}
	for _, pair := range [][2]string{{"q2", "q2f"}, {"q3", "q3u"}} {
		a, b := ref[pair[0]], ref[pair[1]]
		if a != nil && b != nil {
			same := strings.Join(a.answer, "\n") == strings.Join(b.answer, "\n")
			sr.Notes = append(sr.Notes, fmt.Sprintf("%s and %s give the same distinct answers: %v", pair[0], pair[1], same))
		}
	}
	if stockDir != "" {
		srv, err := startStock(ctx, b.cayleyBin, stockDir)
		if err != nil {
			return sr, err
		}
		defer srv.stop()
		for _, q := range qs {
			b.logf("n=%s: %s on stock cayley", sz, q.ID)
			r := o.timeQuery(ctx, "stock", q, httpQuerier(srv.addr))
			if ref[q.ID] != nil {
				r.Same = compareStock(ref[q.ID], r)
			}
			sr.Queries = append(sr.Queries, r)
		}
		srv.stop()
	}
	return sr, nil
}

// namedStore is an open store and the name it is reported under.
type namedStore struct {
	name string
	*graph.Store
}

func (s *namedStore) Close() {
	if s.Store != nil {
		s.Store.Close()
		s.Store = nil
	}
}

// ingest runs stancegraph ingest on dir/corpus into a store given by
// args, from dir (statement IRIs are made from the relative path).
func (b *bench) ingest(ctx context.Context, dir, store string, args ...string) (*ingestResult, error) {
	b.logf("%s: stancegraph ingest into %s", filepath.Base(dir), store)
	args = append(args, "ingest", "--quiet", "corpus")
	pr, err := runProc(ctx, dir, 0, b.stanceBin, args...)
	if err != nil {
		return nil, err
	}
	_, stmts, quads, failed, err := parseIngest(pr.Stderr)
	if err != nil {
		return nil, err
	}
	ir := &ingestResult{Store: store, Tool: "stancegraph ingest", Seconds: pr.Seconds, Statements: stmts, Quads: quads,
		StmtsPerS: float64(stmts) / pr.Seconds, QuadsPerS: float64(quads) / pr.Seconds, MaxRSSMB: pr.MaxRSSMB}
	if failed > 0 {
		ir.Note = fmt.Sprintf("%d files failed", failed)
	}
	b.logf("%s: %s: %d statements, %d quads in %.1f s (%.0f quads/s), peak RSS %.0f MB", filepath.Base(dir), store, stmts, quads, pr.Seconds, ir.QuadsPerS, pr.MaxRSSMB)
	return ir, nil
}

// stockLoad times `cayley load` of the exported quads into a new store.
func (b *bench) stockLoad(ctx context.Context, dir, backend, dbpath, nq string, quads, statements int, timeout time.Duration) (*ingestResult, error) {
	b.logf("%s: stock cayley load into %s", filepath.Base(dir), backend)
	pr, err := runProc(ctx, dir, timeout, b.cayleyBin, "load", "--init", "--db", backend, "--dbpath", dbpath, "--load", nq)
	if err != nil {
		return nil, err
	}
	ir := &ingestResult{Store: backend, Tool: "cayley load", Seconds: pr.Seconds, Statements: statements, Quads: quads,
		StmtsPerS: float64(statements) / pr.Seconds, QuadsPerS: float64(quads) / pr.Seconds, MaxRSSMB: pr.MaxRSSMB,
		Partial: pr.TimedOut, Note: "from the exported N-Quads"}
	if pr.TimedOut {
		b.logf("%s: stock %s: stopped at the timeout after %.1f s", filepath.Base(dir), backend, pr.Seconds)
	} else {
		b.logf("%s: stock %s: %.1f s (%.0f quads/s)", filepath.Base(dir), backend, pr.Seconds, ir.QuadsPerS)
	}
	return ir, nil
}

// exportTo writes the store's quads as N-Quads to path.
func exportTo(ctx context.Context, s *graph.Store, path string) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	n, err := s.Export(ctx, w, "nquads")
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// loadView loads an N-Quads file into a new memstore and reports the
// time it took and the heap it grew by.
func loadView(ctx context.Context, path string) (*graph.Store, *viewResult, error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	s, err := graph.Open(ctx, graph.Options{Backend: graph.Memstore})
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	defer f.Close()
	res, err := s.Import(ctx, bufio.NewReaderSize(f, 1<<20), "nquads", graph.ImportOptions{})
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	vr := &viewResult{Quads: res.Added, LoadSeconds: time.Since(start).Seconds()}
	runtime.GC()
	runtime.ReadMemStats(&after)
	vr.HeapMB = (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / 1e6
	return s, vr, nil
}

func thisMachine() machine {
	m := machine{Date: time.Now().Format("2006-01-02"), NProc: runtime.NumCPU(), Go: runtime.Version(), OSArch: runtime.GOOS + "/" + runtime.GOARCH}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		if _, err := fmt.Sscanf(string(data), "MemTotal: %d kB", &kb); err == nil {
			m.MemGB = (kb + 512*1024) / (1024 * 1024)
		}
	}
	return m
}
