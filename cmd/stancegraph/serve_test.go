package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeCmd(t *testing.T) {
	db := exampleDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	urls := make(chan string, 1)
	o := &serveOptions{Out: io.Discard, ErrOut: io.Discard, Addr: "127.0.0.1:0", QueryTimeout: 5 * time.Second,
		ready: func(u string) { urls <- u }}
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, &globalOptions{DB: db, Backend: "bolt"}, o) }()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("url %s", base)
	}
	resp, err := http.Get(base + "api/explore?entity=China")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	resp.Body.Close()
	if resp.StatusCode != 200 || m["entity"] == nil {
		t.Errorf("explore: %d %v", resp.StatusCode, m)
	}
	// The store is open read-only: another reader may open it meanwhile.
	if _, _, err := run(t, "", "--db", db, "explore", "China"); err != nil {
		t.Errorf("second reader: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, _, err := run(t, "", "--db", db, "serve", "--addr", "nonsense"); exitCode(err) != exitUsage {
		t.Errorf("bad addr: %v", err)
	}
}
