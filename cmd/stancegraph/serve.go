package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"time"

	"github.com/spf13/cobra"

	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/serve"
)

type serveOptions struct {
	Out, ErrOut  io.Writer
	Addr         string
	QueryTimeout time.Duration
	QueryLimit   int
	// ready, when set, is called with the server's URL once it listens.
	ready func(url string)
}

func newServeCmd(g *globalOptions) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:64210]",
		Short: "Serve the web explorer and Cayley's HTTP query API",
		Long: `serve opens the store read-only, reads it into memory and serves:

  /                          the web explorer: search, an entity's supporters and
                             opponents, its neighbourhood graph, claims, and the
                             statement text with the evidence highlighted; a
                             Gizmo console
  /api/v2/query?lang=gizmo   Cayley's query API (GET ?qu= or POST body), answering
                             {"result": [...]} as stock "cayley http" does
  /api/v2/read?format=nquads the whole graph
  /api/lookup?q=  /api/explore?entity=  /api/graph?entity=  /api/compare?a=&b=
  /api/claims?actor=&target=&stance=  /api/statement?iri=   JSON for the page

It listens on 127.0.0.1 unless --addr says otherwise; there is no
authentication, so bind another address only on a trusted network. Request
bodies are limited to 1 MiB and queries to --query-timeout. The store is
read once at start: restart serve after an ingest to see new statements.
Interrupt (Ctrl-C) shuts it down gracefully.

Exit status: 0 after a clean shutdown, 1 failure, 2 bad usage, 3 the
database is in use by a writer.`,
		Example: `  stancegraph serve
  stancegraph serve --addr 127.0.0.1:8080 --query-timeout 10s
  curl -s -d 'g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "China").Out("<https://stancegraph.org/ns#supports>").All()' 'http://127.0.0.1:64210/api/v2/query?lang=gizmo'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runServe(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Addr, "addr", serve.DefaultAddr, "address to listen on (host:port; port 0 picks a free one)")
	f.DurationVar(&o.QueryTimeout, "query-timeout", serve.DefaultQueryTimeout, "stop a query after this long")
	f.IntVar(&o.QueryLimit, "query-limit", serve.DefaultQueryLimit, "most results a query returns (-1: no limit)")
	return cmd
}

func runServe(ctx context.Context, g *globalOptions, o *serveOptions) error {
	if _, _, err := net.SplitHostPort(o.Addr); err != nil {
		return usagef("bad --addr %q: %v", o.Addr, err)
	}
	if o.QueryTimeout <= 0 {
		return usagef("--query-timeout must be above 0")
	}
	store, err := g.open(ctx, true)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	v, err := explore.Load(ctx, store)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.ErrOut, "read %d quads (%d statements, %d claims) in %v\n", v.Quads(), len(v.Statements()), len(v.Claims()), time.Since(start).Round(time.Millisecond))
	logger := log.New(o.ErrOut, "serve: ", log.LstdFlags)
	h, err := serve.Handler(serve.Options{Store: store, View: v, QueryTimeout: o.QueryTimeout, QueryLimit: o.QueryLimit, ErrorLog: logger})
	if err != nil {
		return err
	}
	s, err := serve.Listen(h, serve.ServerOptions{Addr: o.Addr, QueryTimeout: o.QueryTimeout, ErrorLog: logger})
	if err != nil {
		return err
	}
	fmt.Fprintf(o.ErrOut, "serving %s (Ctrl-C to stop)\n", s.URL())
	if o.ready != nil {
		o.ready(s.URL())
	}
	if err := s.Serve(ctx); err != nil {
		return err
	}
	fmt.Fprintln(o.ErrOut, "stopped")
	return nil
}
