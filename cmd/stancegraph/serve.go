package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/serve"
)

// tokenEnv is the environment variable that may hold the token of a
// writable server.
const tokenEnv = "STANCEGRAPH_TOKEN"

// minTokenLen is the shortest token a writable server accepts.
const minTokenLen = 16

type serveOptions struct {
	Out, ErrOut  io.Writer
	Addr         string
	QueryTimeout time.Duration
	QueryLimit   int
	QueryMemory  byteSize
	MaxBody      byteSize
	Writable     bool
	TokenFile    string
	CORSOrigin   string
	CacheEntries int
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
	// ready, when set, is called with the server's URL once it listens.
	ready func(url string)
}

func newServeCmd(g *globalOptions) *cobra.Command {
	o := &serveOptions{QueryMemory: serve.DefaultQueryMemory, MaxBody: serve.DefaultMaxBody}
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:64210] [--writable --token-file FILE]",
		Short: "Serve the web explorer and Cayley's HTTP query API",
		Long: `serve reads the store into memory and serves:

  /                          the web explorer: search, an entity's supporters and
                             opponents, its neighbourhood graph, claims, and the
                             statement text with the evidence highlighted; a
                             Gizmo console
  /api/v2/query?lang=gizmo   Cayley's query API (GET ?qu= or POST body), answering
                             {"result": [...]} as stock "cayley http" does
  /api/v2/read?format=nquads the whole graph
  /api/v2/write              POST N-Quads to add them (with --writable)
  /api/v2/delete             POST N-Quads to remove them (with --writable)
  /api/lookup?q=  /api/explore?entity=  /api/graph?entity=  /api/compare?a=&b=
  /api/claims?actor=&target=&stance=  /api/statement?iri=   JSON for the page

The store is opened read-only, so that query, explore and other readers keep
working on it meanwhile; /api/v2/write and /api/v2/delete then answer 403.
With --writable the store is opened for writing (other commands wait for it)
and the write endpoints need the header "Authorization: Bearer TOKEN", where
TOKEN is the content of --token-file or of $STANCEGRAPH_TOKEN (at least 16
characters; serve refuses to start writable without one). The JSON endpoints
see writes once the view is reloaded, a few seconds later.

It listens on 127.0.0.1 unless --addr says otherwise; reading needs no
authentication, so bind another address only on a trusted network (and put
a TLS proxy in front of a writable server). Cross-origin browser access is
off unless --cors-origin names the one origin allowed. Request bodies are
limited to --max-body, headers to 64 KiB. A query is stopped after
--query-timeout, after --query-limit results, or when the heap grows by more
than --query-memory while it runs. SIGINT (Ctrl-C) or SIGTERM shuts the
server down gracefully: requests in flight finish, new connections are
refused.

Exit status: 0 after a clean shutdown, 1 failure, 2 bad usage, 3 the
database is in use by a writer (or, with --writable, by anyone).`,
		Example: `  stancegraph serve
  stancegraph serve --addr 127.0.0.1:8080 --query-timeout 10s --query-memory 256MiB
  curl -s -d 'g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "China").Out("<https://stancegraph.org/ns#supports>").All()' 'http://127.0.0.1:64210/api/v2/query?lang=gizmo'

  # writable, token from a file
  head -c 32 /dev/urandom | base64 > token && chmod 600 token
  stancegraph serve --writable --token-file token
  curl -s -H "Authorization: Bearer $(cat token)" --data-binary @new.nq http://127.0.0.1:64210/api/v2/write`,
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
	f.Var(&o.QueryMemory, "query-memory", "stop a query when the heap grows by more than this while it runs (e.g. 256MiB; -1: no limit)")
	f.Var(&o.MaxBody, "max-body", "largest request body (e.g. 1MiB)")
	f.BoolVar(&o.Writable, "writable", false, "open the store for writing and enable /api/v2/write and /api/v2/delete")
	f.StringVar(&o.TokenFile, "token-file", "", "file holding the bearer token the write endpoints need (default $"+tokenEnv+")")
	f.IntVar(&o.CacheEntries, "cache-entries", serve.DefaultCacheEntries, "answers of the JSON endpoints kept for repeated requests, 64 MiB at most (-1: none)")
	f.StringVar(&o.CORSOrigin, "cors-origin", "", "the one origin (https://host[:port]) whose pages may call the API")
	return cmd
}

func runServe(ctx context.Context, g *globalOptions, o *serveOptions) error {
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return usagef("bad --addr %q: %v", o.Addr, err)
	}
	if o.QueryTimeout <= 0 {
		return usagef("--query-timeout must be above 0")
	}
	if o.QueryMemory == 0 {
		return usagef("--query-memory must be above 0, or -1 for no limit")
	}
	if o.MaxBody <= 0 {
		return usagef("--max-body must be above 0")
	}
	if o.CORSOrigin != "" {
		if _, err := serve.CheckOrigin(o.CORSOrigin); err != nil {
			return usagef("bad --cors-origin: %v", err)
		}
	}
	token, err := serveToken(o)
	if err != nil {
		return err
	}
	store, err := g.open(ctx, !o.Writable)
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
	h, err := serve.Handler(serve.Options{Store: store, View: v, Writable: o.Writable, Token: token, CORSOrigin: o.CORSOrigin,
		QueryTimeout: o.QueryTimeout, QueryLimit: o.QueryLimit, QueryMemory: int64(o.QueryMemory), MaxBody: int64(o.MaxBody),
		CacheEntries: o.CacheEntries, ErrorLog: logger})
	if err != nil {
		return err
	}
	s, err := serve.Listen(h, serve.ServerOptions{Addr: o.Addr, QueryTimeout: o.QueryTimeout, ErrorLog: logger})
	if err != nil {
		return err
	}
	if !isLoopback(host) {
		fmt.Fprintf(o.ErrOut, "warning: listening on %s, not only on loopback: anyone who can reach it may query the store\n", o.Addr)
	}
	mode := "read-only"
	if o.Writable {
		mode = "writable"
	}
	fmt.Fprintf(o.ErrOut, "serving %s, %s (Ctrl-C to stop)\n", s.URL(), mode)
	if o.ready != nil {
		o.ready(s.URL())
	}
	if err := s.Serve(ctx); err != nil {
		return err
	}
	fmt.Fprintln(o.ErrOut, "stopped")
	return nil
}

// serveToken returns the token of a writable server, from --token-file
// or the environment; "" for a read-only one.
func serveToken(o *serveOptions) (string, error) {
	if !o.Writable {
		if o.TokenFile != "" {
			return "", usagef("--token-file is only for --writable")
		}
		return "", nil
	}
	var token, from string
	if o.TokenFile != "" {
		b, err := os.ReadFile(o.TokenFile)
		if err != nil {
			return "", fmt.Errorf("read token: %w", err)
		}
		token, from = strings.TrimSpace(string(b)), o.TokenFile
	} else {
		getenv := o.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		token, from = strings.TrimSpace(getenv(tokenEnv)), "$"+tokenEnv
	}
	switch {
	case token == "" && o.TokenFile == "":
		return "", usagef("--writable needs a token: give --token-file FILE or set $%s", tokenEnv)
	case len(token) < minTokenLen:
		return "", usagef("the token in %s is shorter than %d characters", from, minTokenLen)
	case strings.ContainsAny(token, " \t\r\n"):
		return "", usagef("the token in %s holds white space", from)
	}
	return token, nil
}

// isLoopback reports whether host (from --addr) is a loopback address.
// An empty host means every interface.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// byteSize is a flag value in bytes, written as a number with an
// optional unit: B, KiB, MiB, GiB (or K, M, G, also binary). -1 means
// no limit.
type byteSize int64

func (b *byteSize) String() string {
	n := int64(*b)
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n > 0 && n%u.size == 0 {
			return fmt.Sprintf("%d%s", n/u.size, u.name)
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(s string) error {
	s = strings.TrimSpace(s)
	if s == "-1" {
		*b = -1
		return nil
	}
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.TrimSpace(s[i:])
	}
	mult := map[string]float64{"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
		"m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30}[strings.ToLower(unit)]
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || mult == 0 || f < 0 || f*mult > 1<<50 {
		return errors.New("not a size such as 1048576, 64KiB, 512MiB or 1GiB")
	}
	*b = byteSize(f * mult)
	return nil
}

func (b *byteSize) Type() string { return "size" }
