package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/explore/exploretest"
	"github.com/stancegraph/stancegraph/serve"
)

// TestLoad runs 2 clients for 2 s against a server over the explore
// test statements, in this process, and expects no errors.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a 2 s load test; skipped with -short")
	}
	store := exploretest.Store(t)
	v, err := explore.Load(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	h, err := serve.Handler(serve.Options{Store: store, View: v})
	if err != nil {
		t.Fatal(err)
	}
	s, err := serve.Listen(h, serve.ServerOptions{Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx) }()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			t.Error(err)
		}
	}()

	o, err := parseFlags([]string{"-addr", s.Addr().String(), "-clients", "2", "-duration", "2s"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	o.PID = os.Getpid()
	rep, err := run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.write(&out)
	t.Logf("\n%s", out.String())
	if rep.Errors != 0 || rep.Requests < 10 {
		t.Errorf("%d errors in %d requests", rep.Errors, rep.Requests)
	}
	for _, k := range requestKinds {
		if len(rep.Latency[k.name]) == 0 {
			t.Errorf("no %s requests", k.name)
		}
	}
	for _, want := range []string{"requests", "p50", "p95", "p99", "errors      0", "server RSS  before"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if rep.RSSBefore == 0 || rep.RSSAfter == 0 {
		t.Errorf("RSS not read: %d %d", rep.RSSBefore, rep.RSSAfter)
	}
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-addr", "10.1.2.3:80"},
		{"-addr", "example.org:80"},
		{"-addr", "0.0.0.0:80"},
		{"-addr", "127.0.0.1"},
		{"-addr", "127.0.0.1:80", "-db", "x"},
		{"-addr", "127.0.0.1:80", "-clients", "0"},
		{"-addr", "127.0.0.1:80", "-clients", "100000"},
		{"-addr", "127.0.0.1:80", "-duration", "24h"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("sgload %v passes", args)
		}
	}
	for _, args := range [][]string{
		{"-addr", "127.0.0.1:80"},
		{"-addr", "[::1]:80", "-clients", "500", "-duration", "10m"},
		{"-addr", "localhost:80"},
		{"-db", "x"},
	} {
		if _, err := parseFlags(args, io.Discard); err != nil {
			t.Errorf("sgload %v: %v", args, err)
		}
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i))
	}
	if percentile(ds, 50) != 50 || percentile(ds, 95) != 95 || percentile(ds, 99) != 99 || percentile(ds, 100) != 100 {
		t.Errorf("percentiles %v %v %v", percentile(ds, 50), percentile(ds, 95), percentile(ds, 99))
	}
	if percentile(nil, 50) != 0 {
		t.Error("empty")
	}
}
