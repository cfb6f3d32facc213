package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/serve"
)

func TestServeCmd(t *testing.T) {
	db := exampleDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	urls := make(chan string, 1)
	o := &serveOptions{Out: io.Discard, ErrOut: io.Discard, Addr: "127.0.0.1:0", QueryTimeout: 5 * time.Second,
		QueryMemory: serve.DefaultQueryMemory, MaxBody: serve.DefaultMaxBody,
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
	// The store is open read-only: other readers may open it meanwhile.
	if _, _, err := run(t, "", "--db", db, "explore", "China"); err != nil {
		t.Errorf("second reader: %v", err)
	}
	out, _, err := run(t, "", "--db", db, "query", `g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "China").All()`)
	if err != nil || !strings.Contains(out, "state/CHN") {
		t.Errorf("query while serving: %v %s", err, out)
	}
	// Its write endpoints refuse.
	resp, err = http.Post(base+"api/v2/write", "application/n-quads", strings.NewReader("<a> <b> <c> <d> .\n"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("write to a read-only server: %d", resp.StatusCode)
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
	for _, args := range [][]string{
		{"--addr", "nonsense"},
		{"--cors-origin", "*"},
		{"--max-body", "lots"},
		{"--query-memory", "0"},
		{"--token-file", "/dev/null"},
	} {
		if _, _, err := run(t, "", append([]string{"--db", db, "serve"}, args...)...); exitCode(err) != exitUsage {
			t.Errorf("serve %v: %v, want a usage error", args, err)
		}
	}
}

// startServe runs the serve command in-process and returns its base URL
// and a function that stops it and returns its error.
func startServe(t *testing.T, db string, o *serveOptions) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	o.Out, o.ErrOut, o.ready = io.Discard, io.Discard, func(u string) { urls <- u }
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	if o.QueryTimeout == 0 {
		o.QueryTimeout = 5 * time.Second
	}
	if o.QueryMemory == 0 {
		o.QueryMemory = serve.DefaultQueryMemory
	}
	if o.MaxBody == 0 {
		o.MaxBody = serve.DefaultMaxBody
	}
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, &globalOptions{DB: db, Backend: "bolt"}, o) }()
	select {
	case u := <-urls:
		stopped := false
		stop := func() error {
			if stopped {
				return nil
			}
			stopped = true
			cancel()
			select {
			case err := <-done:
				return err
			case <-time.After(20 * time.Second):
				t.Fatal("serve did not stop")
			}
			return nil
		}
		t.Cleanup(func() { stop() })
		return u, stop
	case err := <-done:
		cancel()
		t.Fatalf("serve: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("serve did not start")
	}
	return "", nil
}

func TestServeWritable(t *testing.T) {
	db := exampleDB(t)
	const token = "s3cret-token-0123456789"
	noEnv := func(string) string { return "" }
	env := func(k string) string {
		if k == tokenEnv {
			return token
		}
		return ""
	}
	short := filepath.Join(t.TempDir(), "short")
	os.WriteFile(short, []byte("abc\n"), 0o600)
	for name, o := range map[string]*serveOptions{
		"no token":    {Writable: true, Getenv: noEnv},
		"short token": {Writable: true, TokenFile: short, Getenv: env},
		"no file":     {Writable: true, TokenFile: filepath.Join(t.TempDir(), "none"), Getenv: env},
	} {
		o.Out, o.ErrOut, o.Addr, o.QueryTimeout, o.QueryMemory, o.MaxBody = io.Discard, io.Discard, "127.0.0.1:0", time.Second, 1<<20, 1<<20
		if err := runServe(context.Background(), &globalOptions{DB: db, Backend: "bolt"}, o); err == nil {
			t.Errorf("%s: serve --writable started", name)
		}
	}

	base, stop := startServe(t, db, &serveOptions{Writable: true, Getenv: env})
	nq := "<https://example.org/s> <http://www.w3.org/2000/01/rdf-schema#label> \"Written through HTTP\" <https://example.org/g> .\n"
	post := func(auth string) int {
		req, _ := http.NewRequest("POST", base+"api/v2/write", strings.NewReader(nq))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(""); code != http.StatusUnauthorized {
		t.Errorf("write without a token: %d", code)
	}
	if code := post("Bearer not-the-token-at-all"); code != http.StatusUnauthorized {
		t.Errorf("write with a wrong token: %d", code)
	}
	if code := post("Bearer " + token); code != 200 {
		t.Errorf("write with the token: %d", code)
	}
	// A writable server holds the store alone.
	if _, _, err := run(t, "", "--db", db, "query", "g.V().All()"); exitCode(err) != exitLocked {
		t.Errorf("query on a store served writable: %v", err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	out, _ := mustRun(t, "--db", db, "query", `g.V("<https://example.org/s>").Out().All()`)
	if !strings.Contains(out, "Written through HTTP") {
		t.Errorf("the write is not in the store: %s", out)
	}

	// The token may come from a file.
	tf := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tf, []byte(token+"\n"), 0o600)
	base, _ = startServe(t, db, &serveOptions{Writable: true, TokenFile: tf, Getenv: noEnv})
	if code := post("Bearer " + token); code != 200 {
		t.Errorf("write with the token from a file: %d", code)
	}
}

// TestQueryCmdMemory: the query command stops a script that grows an
// array without end, and the next query answers.
func TestQueryCmdMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("grows the heap by 512 MiB; skipped with -short")
	}
	db := exampleDB(t)
	start := time.Now()
	_, _, err := run(t, "", "--db", db, "query", `var a = []; while (true) { a.push("xxxxxxxxxxxxxxxx") }`)
	if err == nil || !strings.Contains(err.Error(), "too much memory") || exitCode(err) != exitFailure {
		t.Fatalf("runaway array: %v", err)
	}
	t.Logf("stopped after %v", time.Since(start))
	out, _, err := run(t, "", "--db", db, "query", `g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "China").All()`)
	if err != nil || !strings.Contains(out, "state/CHN") {
		t.Errorf("next query: %v %s", err, out)
	}
}

// TestServeSignals: SIGTERM and SIGINT shut a real serve process down
// gracefully: a request in flight completes with 200, new connections
// are refused, and the exit status is 0.
func TestServeSignals(t *testing.T) {
	bin := buildBinary(t)
	db := exampleDB(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "--db", db, "serve", "--addr", "127.0.0.1:0")
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			lines := bufio.NewScanner(stderr)
			base := ""
			for base == "" && lines.Scan() {
				if _, rest, ok := strings.Cut(lines.Text(), "serving "); ok {
					base, _, _ = strings.Cut(rest, ",")
				}
			}
			if base == "" {
				t.Fatal("serve did not say where it listens")
			}
			var logged strings.Builder
			copied := make(chan struct{})
			go func() {
				for lines.Scan() {
					logged.WriteString(lines.Text() + "\n")
				}
				close(copied)
			}()
			type answer struct {
				code int
				body string
				err  error
			}
			slow := make(chan answer, 1)
			go func() {
				resp, err := http.Post(base+"api/v2/query?lang=gizmo", "text/plain",
					strings.NewReader(`var t = Date.now(); while (Date.now() - t < 1500) {}; g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "China").All()`))
				if err != nil {
					slow <- answer{err: err}
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				slow <- answer{code: resp.StatusCode, body: string(b)}
			}()
			time.Sleep(400 * time.Millisecond)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			addr := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
			if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				c.Close()
				t.Error("a new connection is accepted after the signal")
			}
			a := <-slow
			if a.err != nil || a.code != 200 || !strings.Contains(a.body, "state/CHN") {
				t.Errorf("request in flight: %v %d %s", a.err, a.code, a.body)
			}
			waited := make(chan error, 1)
			go func() { <-copied; waited <- cmd.Wait() }()
			select {
			case err := <-waited:
				if err != nil {
					t.Errorf("exit: %v\n%s", err, logged.String())
				}
			case <-time.After(20 * time.Second):
				t.Fatal("serve did not exit")
			}
			if !strings.Contains(logged.String(), "stopped") {
				t.Errorf("stderr: %s", logged.String())
			}
		})
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "64KiB": 64 << 10, "512MiB": 512 << 20, "1GiB": 1 << 30, "2m": 2 << 20, "1.5 MiB": 3 << 19, "-1": -1} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", in, b, err, want)
		}
	}
	for _, in := range []string{"", "lots", "12XB", "-5MiB", "1e30"} {
		var b byteSize
		if err := b.Set(in); err == nil {
			t.Errorf("Set(%q) passes: %d", in, b)
		}
	}
	b := byteSize(512 << 20)
	if b.String() != "512MiB" {
		t.Errorf("String = %q", b.String())
	}
}
