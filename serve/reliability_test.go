package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/explore/exploretest"
)

const testToken = "0123456789abcdef-test-token"

// callWith does a request with headers and decodes a JSON answer.
func callWith(t *testing.T, method, u, body string, hdr map[string]string) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s %s: bad JSON %v: %s", method, u, err, b)
		}
	}
	return resp.StatusCode, m, resp.Header
}

// results returns the "result" array of a query answer.
func results(m map[string]any) []any {
	r, _ := m["result"].([]any)
	return r
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	srv, _ := testServer(t, Options{})
	for _, ep := range []string{"/api/v2/write", "/api/v2/delete"} {
		code, m, _ := callWith(t, "POST", srv.URL+ep, "<a> <b> <c> <g> .\n", map[string]string{"Authorization": "Bearer " + testToken})
		if code != http.StatusForbidden || m["error"] != "database is read-only" {
			t.Errorf("POST %s on a read-only server: %d %v", ep, code, m)
		}
		code, m, hdr := call(t, "GET", srv.URL+ep, "")
		if code != http.StatusMethodNotAllowed || hdr.Get("Allow") != "POST" {
			t.Errorf("GET %s: %d %v", ep, code, m)
		}
		noLeak(t, ep, m)
	}
	if _, err := Handler(Options{Store: exploretest.Store(t), View: &explore.View{}, Writable: true}); err == nil {
		t.Error("a writable handler without a token")
	}
}

func TestWriteAndDelete(t *testing.T) {
	srv, _ := testServer(t, Options{Writable: true, Token: testToken})
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	nq := `<https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "Zzyzx" <https://example.org/g> .
<https://example.org/x> <https://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <https://example.org/g> .
`
	q := `g.V("<https://example.org/x>").Out().All()`

	// Unauthorised: no token, another scheme, a wrong or longer token.
	for name, hdr := range map[string]map[string]string{
		"none":   nil,
		"basic":  {"Authorization": "Basic " + testToken},
		"wrong":  {"Authorization": "Bearer " + strings.Repeat("x", len(testToken))},
		"longer": {"Authorization": "Bearer " + testToken + "x"},
		"prefix": {"Authorization": "Bearer " + testToken[:8]},
	} {
		for _, ep := range []string{"/api/v2/write", "/api/v2/delete"} {
			code, m, h := callWith(t, "POST", srv.URL+ep, nq, hdr)
			if code != http.StatusUnauthorized || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s token, %s: %d %v", name, ep, code, m)
			}
			noLeak(t, name, m)
		}
	}
	if _, m, _ := call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", q); len(results(m)) != 0 {
		t.Fatalf("unauthorised writes wrote: %v", m)
	}

	code, m, _ := callWith(t, "POST", srv.URL+"/api/v2/write", nq, auth)
	if code != 200 || m["count"] != 2.0 || m["added"] != 2.0 || m["result"] != "Successfully wrote 2 quads." {
		t.Fatalf("write: %d %v", code, m)
	}
	if _, m, _ := call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", q); len(results(m)) != 2 {
		t.Errorf("after write: %v", m)
	}
	// Writing again adds nothing.
	if code, m, _ := callWith(t, "POST", srv.URL+"/api/v2/write", nq, auth); code != 200 || m["added"] != 0.0 {
		t.Errorf("write again: %d %v", code, m)
	}

	for _, c := range []struct {
		name, ep, body, ctype string
		want                  int
	}{
		{"bad line", "/api/v2/write", "<a> <b> .\n" + nq, "", 400},
		{"bad line (delete)", "/api/v2/delete", "<a> <b> <c\n", "", 400},
		{"unlabelled delete", "/api/v2/delete", "<https://example.org/x> <https://example.org/p> \"2\" .\n", "", 400},
		{"content type", "/api/v2/write", nq, "image/png", 415},
		{"too large", "/api/v2/write", strings.Repeat("# padding\n", 200<<10), "", 413},
	} {
		hdr := map[string]string{"Authorization": auth["Authorization"]}
		if c.ctype != "" {
			hdr["Content-Type"] = c.ctype
		}
		code, m, _ := callWith(t, "POST", srv.URL+c.ep, c.body, hdr)
		if code != c.want {
			t.Errorf("%s: %d, want %d: %v", c.name, code, c.want, m)
		}
		noLeak(t, c.name, m)
	}
	if _, m, _ := callWith(t, "POST", srv.URL+"/api/v2/write", "<a> <b> .\n", auth); m["lines"] == nil {
		t.Errorf("a bad write does not list its lines: %v", m)
	}

	// Delete one of the two quads, then a quad that is not there.
	first := strings.SplitAfter(nq, "\n")[1]
	code, m, _ = callWith(t, "POST", srv.URL+"/api/v2/delete", first, auth)
	if code != 200 || m["count"] != 1.0 || m["result"] != "Successfully deleted 1 quads." {
		t.Fatalf("delete: %d %v", code, m)
	}
	if _, m, _ := call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", q); len(results(m)) != 1 {
		t.Errorf("after delete: %v", m)
	}
	if code, m, _ := callWith(t, "POST", srv.URL+"/api/v2/delete", first, auth); code != 200 || m["count"] != 0.0 {
		t.Errorf("delete again: %d %v", code, m)
	}
}

// TestWriteReloadsView: the JSON endpoints see a write once the view is
// reloaded in the background.
func TestWriteReloadsView(t *testing.T) {
	store := exploretest.Store(t)
	v, err := explore.Load(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	hh, err := Handler(Options{Store: store, View: v, Writable: true, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	h := hh.(*handler)
	req, _ := http.NewRequest("POST", "/api/v2/write", strings.NewReader("<https://example.org/s> <https://example.org/p> <https://example.org/o> <https://example.org/g> .\n"))
	req.Header.Set("Authorization", "Bearer "+testToken)
	w := newRecorder()
	h.ServeHTTP(w, req)
	if w.code != 200 {
		t.Fatalf("write: %d %s", w.code, w.body.String())
	}
	deadline := time.Now().Add(20 * time.Second)
	for h.v() == v {
		if time.Now().After(deadline) {
			t.Fatal("the view was not reloaded after a write")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := h.v().Quads(); got != v.Quads()+1 {
		t.Errorf("reloaded view has %d quads, want %d", got, v.Quads()+1)
	}
	for {
		h.reloadMu.Lock()
		busy := h.reloading
		h.reloadMu.Unlock()
		if !busy {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// recorder is a minimal http.ResponseWriter for calling a handler
// directly.
type recorder struct {
	hdr  http.Header
	code int
	body bytes.Buffer
}

func newRecorder() *recorder { return &recorder{hdr: http.Header{}} }

func (r *recorder) Header() http.Header { return r.hdr }
func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = 200
	}
	return r.body.Write(b)
}
func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}

func TestCORS(t *testing.T) {
	const origin = "https://explorer.example.org"
	preflight := map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}

	off, _ := testServer(t, Options{})
	_, _, h := callWith(t, "GET", off.URL+"/api/lookup?q=china", "", map[string]string{"Origin": origin})
	if h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS is off, yet Access-Control-Allow-Origin: %q", h.Get("Access-Control-Allow-Origin"))
	}
	code, _, h := callWith(t, "OPTIONS", off.URL+"/api/v2/query", "", preflight)
	if code == http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "" || h.Get("Access-Control-Allow-Methods") != "" {
		t.Errorf("CORS is off, yet the preflight passed: %d %v", code, h)
	}

	on, _ := testServer(t, Options{CORSOrigin: origin + "/"})
	code, _, h = callWith(t, "GET", on.URL+"/api/lookup?q=china", "", map[string]string{"Origin": origin})
	if code != 200 || h.Get("Access-Control-Allow-Origin") != origin || !strings.Contains(h.Get("Vary"), "Origin") {
		t.Errorf("allowed origin: %d %v", code, h)
	}
	code, _, h = callWith(t, "GET", on.URL+"/api/lookup?q=china", "", map[string]string{"Origin": "https://evil.example.com"})
	if code != 200 || h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin: %d, Access-Control-Allow-Origin %q", code, h.Get("Access-Control-Allow-Origin"))
	}
	code, _, h = callWith(t, "OPTIONS", on.URL+"/api/v2/query", "", preflight)
	if code != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != origin ||
		!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") || !strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight: %d %v", code, h)
	}
	preflight["Origin"] = "https://evil.example.com"
	if code, _, h = callWith(t, "OPTIONS", on.URL+"/api/v2/query", "", preflight); code == http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d %v", code, h)
	}
	for _, bad := range []string{"*", "example.org", "https://example.org/path", "ftp://example.org", "https://user@example.org"} {
		if _, err := CheckOrigin(bad); err == nil {
			t.Errorf("CheckOrigin(%q) passes", bad)
		}
	}
}

// TestPanicIsA500: a panic in a handler is a 500 JSON error that tells
// nothing of the panic, is logged, and the server goes on.
func TestPanicIsA500(t *testing.T) {
	store := exploretest.Store(t)
	v, err := explore.Load(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	var mu sync.Mutex
	hh, err := Handler(Options{Store: store, View: v, ErrorLog: log.New(lockedWriter{&mu, &logged}, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	h := hh.(*handler)
	h.mux.HandleFunc("/api/panic", func(w http.ResponseWriter, r *http.Request) {
		panic("secret at /work/main/serve/serve.go:42")
	})
	ts := httptest.NewServer(h)
	defer ts.Close()
	srv := ts.URL
	code, m, _ := call(t, "GET", srv+"/api/panic", "")
	if code != http.StatusInternalServerError || m["error"] != "internal error" {
		t.Errorf("panic: %d %v", code, m)
	}
	noLeak(t, "panic", m)
	if code, _, _ := call(t, "GET", srv+"/api/lookup?q=china", ""); code != 200 {
		t.Errorf("after a panic: %d", code)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logged.String(), "secret at") || !strings.Contains(logged.String(), "goroutine") {
		t.Errorf("the panic is not logged with its stack: %q", logged.String())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func TestLimits(t *testing.T) {
	srv, _ := testServer(t, Options{MaxBody: 1 << 10})
	code, m, _ := call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", "//"+strings.Repeat("x", 2<<10)+"\ng.V().All()")
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("body over MaxBody: %d %v", code, m)
	}
	noLeak(t, "body", m)

	// Headers: over 64 KiB is 431, from the real server's settings.
	s := startServer(t, Options{}, ServerOptions{QueryTimeout: 2 * time.Second})
	req, _ := http.NewRequest("GET", s.URL()+"api/lookup?q=china", nil)
	req.Header.Set("X-Big", strings.Repeat("x", 80<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("80 KiB of headers: %d", resp.StatusCode)
	}
	req.Header.Set("X-Big", strings.Repeat("x", 10<<10))
	if resp, err = http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Errorf("10 KiB of headers: %v %v", err, resp)
	}
	resp.Body.Close()

	hs := s.srv
	if hs.MaxHeaderBytes != 64<<10 || hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.IdleTimeout <= 0 {
		t.Errorf("limits: header %d, read header %v, read %v, idle %v", hs.MaxHeaderBytes, hs.ReadHeaderTimeout, hs.ReadTimeout, hs.IdleTimeout)
	}
	if hs.WriteTimeout <= 2*time.Second {
		t.Errorf("write timeout %v is not longer than the query timeout", hs.WriteTimeout)
	}

	// A client that sends its headers slowly is cut off.
	s2 := startServer(t, Options{}, ServerOptions{ReadHeaderTimeout: 200 * time.Millisecond})
	conn, err := net.Dial("tcp", s2.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n"))
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, err := io.ReadAll(conn)
	if err != nil || (len(b) > 0 && !strings.Contains(string(b), "408")) {
		t.Errorf("slow headers: %v %q", err, b)
	}
}

func TestDefaultAddrIsLoopback(t *testing.T) {
	host, _, err := net.SplitHostPort(DefaultAddr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		t.Fatalf("DefaultAddr %s is not loopback", DefaultAddr)
	}
	h, _ := Handler(Options{Store: exploretest.Store(t), View: &explore.View{}})
	s, err := Listen(h, ServerOptions{})
	if errors.Is(err, syscall.EADDRINUSE) {
		t.Skipf("%s is in use", DefaultAddr)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer s.ln.Close()
	if ip := s.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		t.Errorf("listens on %v", ip)
	}
}

// TestRunawayQueries: a script that never ends, a deep traversal and a
// script that grows an array without end are stopped, with a JSON
// error, and the server goes on answering; a query gives at most
// QueryLimit results.
func TestRunawayQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates memory on purpose; skipped with -short")
	}
	fast, _ := testServer(t, Options{QueryTimeout: 500 * time.Millisecond, QueryLimit: 7})
	slow, _ := testServer(t, Options{QueryTimeout: 20 * time.Second, QueryMemory: 32 << 20, QueryLimit: 7})
	for _, c := range []struct {
		name, q string
		code    int
		msg     string
	}{
		{"endless loop", `while(true){}`, 504, "timed out"},
		{"deep traversal", `g.V().Out().In().Out().In().Out().In().Out().In().ForEach(function(p) {})`, 504, "timed out"},
		{"deep count", `g.Emit(g.V().Out().In().Out().In().Out().In().Count())`, 504, "timed out"},
		{"deep traversal, nothing passes the filter", `g.V().Out().In().Out().In().Out().In().Out().In().Filter(regex("^no such value$")).All()`, 504, "timed out"},
		{"growing array", `var a=[]; while(true){a.push("xxxxxxxxxxxxxxxx")}`, 422, "too much memory"},
		{"ForEach into an array", `var big=[]; g.V().ForEach(function(v){ for (var i=0;i<1000;i++) big.push({v: v, i: "x" + i}) })`, 422, "too much memory"},
	} {
		srv := fast
		if c.code == 422 {
			srv = slow
		}
		start := time.Now()
		code, m, _ := call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", c.q)
		msg, _ := m["error"].(string)
		if code != c.code || !strings.Contains(msg, c.msg) {
			t.Errorf("%s: %d %v, want %d %q", c.name, code, m, c.code, c.msg)
		}
		noLeak(t, c.name, m)
		took := time.Since(start)
		t.Logf("%s: stopped after %v", c.name, took)
		if srv == fast && took > 4500*time.Millisecond { // unstopped: 5.3 s or more
			t.Errorf("%s: answered after %v, the timeout is 500ms", c.name, took)
		}
		code, m, _ = call(t, "GET", srv.URL+"/api/lookup?q=china", "")
		if code != 200 {
			t.Fatalf("after %s: %d %v", c.name, code, m)
		}
		code, m, _ = call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", `g.V().All()`)
		if code != 200 || len(results(m)) != 7 {
			t.Errorf("after %s, a query capped at 7: %d, %d results", c.name, code, len(results(m)))
		}
	}
}

// TestShutdownFinishesRequests: a request in flight when the shutdown
// begins completes with 200, and new connections are refused at once.
func TestShutdownFinishesRequests(t *testing.T) {
	s, _, cancel, served := listenOn(t, exploretest.Store(t))

	type answer struct {
		code int
		body string
		err  error
	}
	slow := make(chan answer, 1)
	go func() {
		resp, err := http.Post(s.URL()+"api/v2/query?lang=gizmo", "text/plain",
			strings.NewReader(`var t = Date.now(); while (Date.now() - t < 1500) {}; g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "China").All()`))
		if err != nil {
			slow <- answer{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		slow <- answer{code: resp.StatusCode, body: string(b)}
	}()
	time.Sleep(300 * time.Millisecond) // the request is running
	cancel()
	time.Sleep(200 * time.Millisecond)
	if c, err := net.DialTimeout("tcp", s.Addr().String(), time.Second); err == nil {
		c.Close()
		t.Error("a new connection is accepted during the shutdown")
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned before the request ended: %v", err)
	default:
	}
	a := <-slow
	if a.err != nil || a.code != 200 || !strings.Contains(a.body, "state/CHN") {
		t.Errorf("request in flight: %v %d %s", a.err, a.code, a.body)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown")
	}
}

// TestShutdownCancelsLateRequests: a request still running when the
// shutdown timeout passes is cancelled, and Serve returns.
func TestShutdownCancelsLateRequests(t *testing.T) {
	s := newServer(t, Options{QueryTimeout: time.Minute}, ServerOptions{ShutdownTimeout: 300 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx) }()
	done := make(chan int, 1)
	go func() {
		resp, err := http.Post(s.URL()+"api/v2/query?lang=gizmo", "text/plain", strings.NewReader(`while(true){}`))
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown")
	}
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	if code := <-done; code != http.StatusServiceUnavailable && code != 0 {
		t.Errorf("cancelled request: %d", code)
	}
}

// newServer listens on a free loopback port with the explore test
// statements; the caller serves it.
func newServer(t *testing.T, o Options, so ServerOptions) *Server {
	t.Helper()
	store := exploretest.Store(t)
	v, err := explore.Load(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	o.Store, o.View = store, v
	h, err := Handler(o)
	if err != nil {
		t.Fatal(err)
	}
	if so.Addr == "" {
		so.Addr = "127.0.0.1:0"
	}
	s, err := Listen(h, so)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// startServer is newServer, served until the test ends.
func startServer(t *testing.T, o Options, so ServerOptions) *Server {
	t.Helper()
	s := newServer(t, o, so)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return s
}

// TestAnswerCache: a repeated JSON request is answered from the cache,
// the same as the first time, and a new view empties the cache.
func TestAnswerCache(t *testing.T) {
	store := exploretest.Store(t)
	v, err := explore.Load(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	hh, err := Handler(Options{Store: store, View: v, CacheEntries: 2})
	if err != nil {
		t.Fatal(err)
	}
	h := hh.(*handler)
	get := func(u string) string {
		w := newRecorder()
		req, _ := http.NewRequest("GET", u, nil)
		h.ServeHTTP(w, req)
		if w.code != 200 {
			t.Fatalf("%s: %d %s", u, w.code, w.body.String())
		}
		return w.body.String()
	}
	first := get("/api/explore?entity=China")
	if _, ok := h.cache.get(v, "/api/explore?entity=China"); !ok {
		t.Fatal("not cached")
	}
	if again := get("/api/explore?entity=China"); again != first {
		t.Error("the cached answer differs")
	}
	get("/api/lookup?q=a")
	get("/api/lookup?q=b")
	if _, ok := h.cache.get(v, "/api/explore?entity=China"); ok {
		t.Error("the cache keeps more than its size")
	}
	v2 := exploretest.View(t)
	h.view.Store(v2)
	if _, ok := h.cache.get(v2, "/api/lookup?q=b"); ok {
		t.Error("a new view sees the old view's answers")
	}
	if get("/api/explore?entity=China") != first {
		t.Error("the same statements give another answer")
	}
	off, _ := Handler(Options{Store: store, View: v, CacheEntries: -1})
	if off.(*handler).cache != nil {
		t.Error("CacheEntries -1 keeps a cache")
	}
}
