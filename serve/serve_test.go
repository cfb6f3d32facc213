package serve

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/explore/exploretest"
	"github.com/stancegraph/stancegraph/graph"
)

// testServer returns an httptest server over the explore test statements.
func testServer(t *testing.T, o Options) (*httptest.Server, *explore.View) {
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
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, v
}

// call does a request and decodes a JSON answer.
func call(t *testing.T, method, u, body string) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
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

// noLeak fails when an error message shows file paths or stack traces.
func noLeak(t *testing.T, what string, m map[string]any) {
	t.Helper()
	msg, _ := m["error"].(string)
	if msg == "" {
		t.Errorf("%s: no error message: %v", what, m)
	}
	for _, bad := range []string{".go:", "goroutine", "/work/", "/home/", "/root/", "panic"} {
		if strings.Contains(msg, bad) {
			t.Errorf("%s: error leaks %q: %s", what, bad, msg)
		}
	}
}

func TestCayleyQueryAPI(t *testing.T) {
	srv, _ := testServer(t, Options{})
	q := `g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "Programme of Action").In("<https://stancegraph.org/ns#supports>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`
	code, m, h := call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", q)
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Fatalf("POST query: %d %v", code, m)
	}
	res, ok := m["result"].([]any)
	if !ok || len(res) == 0 {
		t.Fatalf("result = %v", m)
	}
	found := false
	for _, r := range res {
		if r.(map[string]any)["id"] == "China" {
			found = true
		}
	}
	if !found {
		t.Errorf("China not among the supporters: %v", res)
	}
	code, m, _ = call(t, "GET", srv.URL+"/api/v2/query?lang=gizmo&qu="+url.QueryEscape(q), "")
	if code != 200 || len(m["result"].([]any)) != len(res) {
		t.Errorf("GET query: %d %v", code, m)
	}
	// Nothing found: null, as stock cayley answers.
	code, m, _ = call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", `g.V("<nothing>").Out().All()`)
	if code != 200 || m["result"] != nil {
		t.Errorf("empty result: %d %v", code, m)
	}
	for _, c := range []struct {
		name, method, url, body string
		want                    int
	}{
		{"syntax", "POST", "/api/v2/query?lang=gizmo", "g.V(.All()", 400},
		{"empty", "POST", "/api/v2/query?lang=gizmo", "  ", 400},
		{"language", "POST", "/api/v2/query?lang=cobol", "x", 400},
		{"method", "PUT", "/api/v2/query?lang=gizmo", "g.V().All()", 405},
		{"too large", "POST", "/api/v2/query?lang=gizmo", "//" + strings.Repeat("x", 2<<20), 413},
	} {
		code, m, _ := call(t, c.method, srv.URL+c.url, c.body)
		if code != c.want {
			t.Errorf("%s: status %d, want %d: %v", c.name, code, c.want, m)
		}
		noLeak(t, c.name, m)
	}
}

func TestQueryTimeout(t *testing.T) {
	srv, _ := testServer(t, Options{QueryTimeout: 200 * time.Millisecond})
	start := time.Now()
	code, m, _ := call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", "while(true){}")
	if code != http.StatusGatewayTimeout || !strings.Contains(m["error"].(string), "timed out") {
		t.Errorf("runaway query: %d %v", code, m)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("timeout took %v", d)
	}
}

func TestRead(t *testing.T) {
	srv, v := testServer(t, Options{})
	resp, err := http.Get(srv.URL + "/api/v2/read?format=nquads")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	lines := strings.Count(string(b), "\n")
	if resp.StatusCode != 200 || lines != v.Quads() {
		t.Errorf("read: %d, %d lines for %d quads", resp.StatusCode, lines, v.Quads())
	}
	code, m, _ := call(t, "GET", srv.URL+"/api/v2/read?format=klingon", "")
	if code != 400 {
		t.Errorf("bad format: %d", code)
	}
	noLeak(t, "bad format", m)
}

func TestJSONEndpoints(t *testing.T) {
	srv, v := testServer(t, Options{})
	code, m, _ := call(t, "GET", srv.URL+"/api/lookup?q=chin", "")
	ms, _ := m["matches"].([]any)
	if code != 200 || len(ms) == 0 || ms[0].(map[string]any)["label"] != "China" || ms[0].(map[string]any)["kind"] != "state" {
		t.Errorf("lookup: %d %v", code, m)
	}

	code, m, _ = call(t, "GET", srv.URL+"/api/explore?entity=China&evidence=true", "")
	if code != 200 || m["entity"].(map[string]any)["iri"] != "https://stancegraph.org/id/state/CHN" || len(m["stances"].([]any)) == 0 {
		t.Errorf("explore: %d %v", code, m)
	}
	code, m, _ = call(t, "GET", srv.URL+"/api/graph?entity=China", "")
	if code != 200 || len(m["edges"].([]any)) == 0 || len(m["nodes"].([]any)) < 2 {
		t.Errorf("graph: %d %v", code, m)
	}
	code, m, _ = call(t, "GET", srv.URL+"/api/compare?a=China&b=USA", "")
	if code != 200 || m["a"] == nil || m["agree"] == nil {
		t.Errorf("compare: %d %v", code, m)
	}
	code, m, _ = call(t, "GET", srv.URL+"/api/claims?actor=China&target=PoA&stance=supports", "")
	cs, _ := m["claims"].([]any)
	if code != 200 || len(cs) != 1 {
		t.Fatalf("claims: %d %v", code, m)
	}
	c := cs[0].(map[string]any)
	stIRI := c["statement"].(string)
	code, m, _ = call(t, "GET", srv.URL+"/api/statement?iri="+url.QueryEscape(stIRI), "")
	if code != 200 {
		t.Fatalf("statement: %d %v", code, m)
	}
	text := []rune(m["text"].(string))
	start, end := int(c["start"].(float64)), int(c["end"].(float64))
	if string(text[start:end]) != c["evidence"] {
		t.Errorf("text[%d:%d] = %q, want %q", start, end, string(text[start:end]), c["evidence"])
	}
	if len(m["claims"].([]any)) != len(v.Statement(quadIRI(stIRI)).Claims) || m["delegation"].(map[string]any)["label"] != "China" {
		t.Errorf("statement metadata: %v", m)
	}

	for _, c := range []struct {
		name, url string
		want      int
		key       string
	}{
		{"lookup without q", "/api/lookup", 400, ""},
		{"lookup bad limit", "/api/lookup?q=x&limit=-1", 400, ""},
		{"unknown entity", "/api/explore?entity=Chnia", 404, "suggestions"},
		{"ambiguous entity", "/api/explore?entity=NAM", 409, "candidates"},
		{"bad confidence", "/api/explore?entity=China&min_confidence=2", 400, ""},
		{"bad date", "/api/explore?entity=China&since=yesterday", 400, ""},
		{"bad stance", "/api/claims?actor=China&stance=likes", 400, ""},
		{"claims without names", "/api/claims", 400, ""},
		{"compare one", "/api/compare?a=China", 400, ""},
		{"compare self", "/api/compare?a=China&b=CHN", 400, ""},
		{"unknown statement", "/api/statement?iri=https://example.org/x", 404, ""},
		{"unknown endpoint", "/api/nothing", 404, ""},
		{"unknown file", "/etc/passwd", 404, ""},
		{"traversal", "/../../go.mod", 404, ""},
	} {
		code, m, _ := call(t, "GET", srv.URL+c.url, "")
		if code != c.want {
			t.Errorf("%s: status %d, want %d (%v)", c.name, code, c.want, m)
			continue
		}
		noLeak(t, c.name, m)
		if c.key != "" && m[c.key] == nil {
			t.Errorf("%s: no %s in %v", c.name, c.key, m)
		}
	}
	if code, m, _ := call(t, "POST", srv.URL+"/api/explore?entity=China", ""); code != 405 {
		t.Errorf("POST explore: %d %v", code, m)
	}
}

func TestPage(t *testing.T) {
	srv, _ := testServer(t, Options{})
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<script src=\"app.js\"") {
		t.Errorf("page: %d %.200s", resp.StatusCode, b)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	for _, asset := range []string{"/app.js", "/app.css"} {
		resp, err := http.Get(srv.URL + asset)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("%s: %v %v", asset, err, resp.Status)
		}
		resp.Body.Close()
	}
}

func TestServerShutdown(t *testing.T) {
	s, _, cancel, done := listenOn(t, exploretest.Store(t, exploretest.Dir()+"/"+exploretest.Seed))
	resp, err := http.Get(s.URL() + "api/lookup?q=china")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("lookup: %v", err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown")
	}
	if _, err := http.Get(s.URL()); err == nil {
		t.Error("server still answers after shutdown")
	}
	if _, err := Handler(Options{}); err == nil {
		t.Error("Handler without a store")
	}
}

// listenOn serves the explorer over store on a loopback port. It returns
// the server, its view, the cancel that begins its shutdown, and the
// channel that Serve's result arrives on.
func listenOn(t *testing.T, store *graph.Store) (*Server, *explore.View, context.CancelFunc, <-chan error) {
	t.Helper()
	v, err := explore.Load(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	h, err := Handler(Options{Store: store, View: v})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Listen(h, ServerOptions{Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx) }()
	return s, v, cancel, served
}
