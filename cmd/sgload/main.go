// Command sgload drives a running `stancegraph serve` with a mix of the
// explorer's JSON requests and Gizmo queries from many clients at once,
// then prints throughput, latency percentiles, errors and the server's
// resident memory before and after.
//
//	go run ./cmd/sgload -addr 127.0.0.1:64210 -pid $(pgrep -f 'stancegraph serve') -clients 50 -duration 30s
//	go run ./cmd/sgload -db ./stancegraph.db -bin ./bin/stancegraph -clients 50 -duration 30s
//
// With -db, sgload starts the server itself (-bin names the stancegraph
// binary), measures it and stops it. It talks to loopback addresses
// only, and both the number of clients and the duration are bounded:
// it is a test tool, not a way to flood a host.
//
// Entity IRIs come from /api/lookup at the start; the mix is lookup,
// explore, graph, compare, claims, statement and Gizmo queries (see
// requestKinds). Any answer but 200 counts as an error.
//
// Exit status: 0 when no request failed, 1 when some did or the run
// could not be made, 2 bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Bounds on a run.
const (
	maxClients  = 500
	maxDuration = 10 * time.Minute
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "sgload:", err)
		os.Exit(2)
	}
	rep, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sgload:", err)
		os.Exit(1)
	}
	rep.write(os.Stdout)
	if rep.Errors > 0 {
		os.Exit(1)
	}
}

// options are sgload's flags.
type options struct {
	Addr     string        // host:port of a running server
	PID      int           // its process, for RSS; 0: unknown
	DB       string        // a store to serve: sgload starts the server
	Bin      string        // the stancegraph binary, with DB
	Clients  int           // concurrent clients
	Duration time.Duration // how long to send requests
	Seed     int64         // for the request mix
	Log      io.Writer     // progress
}

func parseFlags(args []string, errOut io.Writer) (*options, error) {
	o := &options{Log: errOut}
	fs := flag.NewFlagSet("sgload", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.StringVar(&o.Addr, "addr", "", "address of a running stancegraph serve (loopback only), host:port")
	fs.IntVar(&o.PID, "pid", 0, "process id of that server, to report its resident memory")
	fs.StringVar(&o.DB, "db", "", "start `stancegraph serve` on this store instead of using -addr")
	fs.StringVar(&o.Bin, "bin", "stancegraph", "the stancegraph binary to run with -db")
	fs.IntVar(&o.Clients, "clients", 50, fmt.Sprintf("concurrent clients (1 to %d)", maxClients))
	fs.DurationVar(&o.Duration, "duration", 30*time.Second, fmt.Sprintf("how long to send requests (at most %v)", maxDuration))
	fs.Int64Var(&o.Seed, "seed", 1, "seed of the request mix")
	fs.Usage = func() {
		fmt.Fprintln(errOut, "usage: sgload (-addr 127.0.0.1:PORT [-pid PID] | -db DIR [-bin stancegraph]) [-clients 50] [-duration 30s]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if (o.Addr == "") == (o.DB == "") {
		return nil, errors.New("give either -addr or -db")
	}
	if o.Clients < 1 || o.Clients > maxClients {
		return nil, fmt.Errorf("-clients %d is not between 1 and %d", o.Clients, maxClients)
	}
	if o.Duration <= 0 || o.Duration > maxDuration {
		return nil, fmt.Errorf("-duration %v is not between 0 and %v", o.Duration, maxDuration)
	}
	if o.Addr != "" {
		if err := checkLoopback(o.Addr); err != nil {
			return nil, err
		}
	}
	return o, nil
}
