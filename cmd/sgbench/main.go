// Command sgbench measures stancegraph end to end on corpora of growing
// size: extraction speed, ingest into bolt and PostgreSQL through the real
// stancegraph binary, store size, and the latency of the standard analyst
// queries on bolt, on an in-memory view and on PostgreSQL, next to stock
// Cayley loading and answering the same data.
//
// Usage:
//
//	go run ./cmd/sgbench [-n 300,all] [-corpus DIR] [-reps 30] [-backends bolt,memstore,postgres]
//	                     [-pg URL] [-stock=true] [-json] [-keep]
//
// Progress goes to stderr, the tables (or JSON with -json) to stdout. See
// cmd/sgbench/README.md for what is measured and the latest results.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sgbench:", err)
		os.Exit(2)
	}
	o.Out, o.ErrOut = os.Stdout, os.Stderr
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "sgbench:", err)
		os.Exit(1)
	}
}

// parseFlags reads the command line into options.
func parseFlags(args []string, errOut io.Writer) (*options, error) {
	o := defaultOptions()
	fs := flag.NewFlagSet("sgbench", flag.ContinueOnError)
	fs.SetOutput(errOut)
	sizes := fs.String("n", "300,all", "corpus sizes in files (about one statement each): numbers or \"all\"; a number above the corpus size adds renamed copies")
	fs.StringVar(&o.Corpus, "corpus", "", "corpus folder (default ../shared/corpus relative to the repository)")
	fs.IntVar(&o.Reps, "reps", o.Reps, "timed runs of each query, after the warm-ups")
	fs.IntVar(&o.Warmups, "warmups", o.Warmups, "untimed runs of each query first")
	backends := fs.String("backends", strings.Join(o.Backends, ","), "stores to ingest into and query: bolt, memstore, postgres (memstore is bolt's export loaded in memory, so it needs bolt)")
	fs.StringVar(&o.PG, "pg", os.Getenv("STANCEGRAPH_TEST_POSTGRES"), "PostgreSQL URL; each run gets a schema of its own ($STANCEGRAPH_TEST_POSTGRES)")
	fs.BoolVar(&o.Stock, "stock", o.Stock, "also time stock Cayley loading the same quads and answering the same queries over HTTP")
	fs.StringVar(&o.CayleyBin, "cayley", os.Getenv("STANCEGRAPH_CAYLEY"), "a stock cayley binary to use instead of building one ($STANCEGRAPH_CAYLEY)")
	fs.BoolVar(&o.JSON, "json", false, "print the results as JSON instead of markdown tables")
	fs.BoolVar(&o.Keep, "keep", false, "keep the work folder and PostgreSQL schemas, and print where they are")
	fs.StringVar(&o.Target, "target", o.Target, "target node of queries 1 and 5")
	fs.StringVar(&o.Actor, "actor", o.Actor, "actor node of queries 2, 3 and 4")
	fs.DurationVar(&o.QueryTimeout, "query-timeout", o.QueryTimeout, "longest single query run; a slower query is reported as a timeout")
	fs.DurationVar(&o.QueryBudget, "query-budget", o.QueryBudget, "time after which a query stops being repeated on one store (fewer runs are then reported)")
	fs.DurationVar(&o.StockPGTimeout, "stock-pg-timeout", o.StockPGTimeout, "longest stock cayley load into PostgreSQL; when it passes, the rate is taken from the quads loaded so far")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q (see -help)", fs.Args())
	}
	var err error
	if o.Sizes, err = parseSizes(*sizes); err != nil {
		return nil, err
	}
	if o.Backends, err = parseBackends(*backends); err != nil {
		return nil, err
	}
	if o.Reps < 1 {
		return nil, fmt.Errorf("-reps %d: want at least 1", o.Reps)
	}
	return o, nil
}

// options configure a benchmark run.
type options struct {
	Out, ErrOut io.Writer

	Sizes    []size
	Corpus   string // "" means ../shared/corpus next to the repository
	Repo     string // module root; "" finds it with go list
	Reps     int
	Warmups  int
	Backends []string
	PG       string
	Stock    bool
	JSON     bool
	Keep     bool

	Target, Actor string

	QueryTimeout   time.Duration
	QueryBudget    time.Duration
	StockPGTimeout time.Duration

	StanceBin string // prebuilt stancegraph binary; "" builds one
	CayleyBin string // prebuilt stock cayley binary; "" builds one
}

func defaultOptions() *options {
	return &options{
		Reps:           30,
		Warmups:        3,
		Backends:       []string{"bolt", "memstore", "postgres"},
		Stock:          true,
		Target:         "<https://stancegraph.org/id/topic/multilateralism>",
		Actor:          "<https://stancegraph.org/id/state/CHN>",
		QueryTimeout:   60 * time.Second,
		QueryBudget:    60 * time.Second,
		StockPGTimeout: 3 * time.Minute,
	}
}

func parseBackends(s string) ([]string, error) {
	var out []string
	for _, b := range strings.Split(s, ",") {
		b = strings.TrimSpace(strings.ToLower(b))
		switch b {
		case "":
			continue
		case "bolt", "memstore", "postgres":
			out = append(out, b)
		default:
			return nil, fmt.Errorf("-backends: unknown backend %q (known: bolt, memstore, postgres)", b)
		}
	}
	has := func(x string) bool {
		for _, b := range out {
			if b == x {
				return true
			}
		}
		return false
	}
	if has("memstore") && !has("bolt") {
		return nil, errors.New("-backends: memstore is loaded from bolt's export, so it needs bolt too")
	}
	if len(out) == 0 {
		return nil, errors.New("-backends: none given")
	}
	return out, nil
}
