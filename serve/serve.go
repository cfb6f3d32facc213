// Package serve is stancegraph's HTTP server: Cayley's HTTP query API
// for existing clients, JSON endpoints over an explore.View, and a web
// explorer page whose assets are embedded in the binary.
//
// Handler builds the http.Handler, which is what tests drive with
// net/http/httptest; Server runs it on a listener with timeouts and a
// graceful shutdown. The endpoints are:
//
//	GET/POST /api/v2/query?lang=gizmo   Cayley's query API: {"result": [...]}
//	GET      /api/v2/read?format=nquads the whole graph as N-Quads
//	POST     /api/v2/write              add the quads of the body (Options.Writable)
//	POST     /api/v2/delete             remove the quads of the body (Options.Writable)
//	GET      /api/lookup?q=             autocomplete: entities with labels and kinds
//	GET      /api/explore?entity=       an entity's stances and others' positions on it
//	GET      /api/graph?entity=         its neighbourhood: nodes and aggregated edges
//	GET      /api/compare?a=&b=         where two actors agree and differ
//	GET      /api/claims?actor=&target=&stance=  claims with their evidence
//	GET      /api/statement?iri=        a statement's text, metadata and claims
//	GET      /                          the web explorer
//
// Every error is JSON, {"error": "..."}, without stack traces or file
// paths; a panic in a handler is a 500 "internal error". The store is
// only read unless Options.Writable is set; the write endpoints then
// need the bearer token Options.Token.
package serve

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/graph"
)

// Defaults for Options and ServerOptions.
const (
	DefaultAddr         = "127.0.0.1:64210"
	DefaultQueryTimeout = 30 * time.Second
	DefaultQueryLimit   = 100
	DefaultQueryMemory  = graph.DefaultQueryMemory
	DefaultMaxBody      = 1 << 20  // 1 MiB
	DefaultMaxHeader    = 64 << 10 // 64 KiB
)

//go:embed web
var webFS embed.FS

// Options configure a Handler.
type Options struct {
	// Store answers the Cayley API (queries, the N-Quads read and, when
	// Writable, writes). Open it read-only unless Writable is set.
	Store *graph.Store
	// View answers the JSON endpoints; it is usually explore.Load(Store).
	// After a write through the API the handler loads a new one from
	// Store in the background.
	View *explore.View
	// Writable enables POST /api/v2/write and /api/v2/delete; they need
	// the header "Authorization: Bearer " + Token, and Handler fails
	// when Token is empty. Without Writable they answer 403.
	Writable bool
	Token    string
	// CORSOrigin, when set, is the one origin ("https://example.org")
	// whose pages may call the API from a browser: its requests get
	// Access-Control-Allow-Origin and its preflight OPTIONS requests are
	// answered. Empty means no cross-origin access.
	CORSOrigin string
	// QueryTimeout bounds a query's run time; 0 means DefaultQueryTimeout.
	QueryTimeout time.Duration
	// QueryLimit caps a query's results; 0 means DefaultQueryLimit and a
	// negative limit means none.
	QueryLimit int
	// QueryMemory bounds how much the heap may grow while a query runs
	// (see graph.QueryOptions.Memory); 0 means DefaultQueryMemory and a
	// negative value means no bound.
	QueryMemory int64
	// MaxBody caps a request body in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// CacheEntries is how many answers of the JSON endpoints (lookup,
	// explore, graph, compare, claims, statement) are kept for repeated
	// requests; 0 means DefaultCacheEntries and a negative number none.
	// Gizmo queries are not cached.
	CacheEntries int
	// ErrorLog receives internal errors and panics (which clients see
	// only as "internal error"); nil discards them.
	ErrorLog *log.Logger
}

type handler struct {
	o     Options
	mux   *http.ServeMux
	view  atomic.Pointer[explore.View]
	cache *answerCache // nil: none

	// wmu serialises the write endpoints.
	wmu sync.Mutex
	// reloadMu guards reloading and again: one reload of the view runs
	// at a time, and writes during it ask for one more.
	reloadMu         sync.Mutex
	reloading, again bool
}

// Handler returns the server's http.Handler. It fails when o has no
// Store or no View, when it is Writable without a Token, or when its
// CORSOrigin is not an origin.
func Handler(o Options) (http.Handler, error) {
	if o.Store == nil || o.View == nil {
		return nil, errors.New("serve: a store and a view are needed")
	}
	if o.Writable && o.Token == "" {
		return nil, errors.New("serve: a writable server needs a token")
	}
	if o.CORSOrigin != "" {
		origin, err := CheckOrigin(o.CORSOrigin)
		if err != nil {
			return nil, err
		}
		o.CORSOrigin = origin
	}
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = DefaultQueryTimeout
	}
	if o.QueryLimit == 0 {
		o.QueryLimit = DefaultQueryLimit
	}
	if o.QueryMemory == 0 {
		o.QueryMemory = DefaultQueryMemory
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.ErrorLog == nil {
		o.ErrorLog = log.New(io.Discard, "", 0)
	}
	h := &handler{o: o, mux: http.NewServeMux()}
	h.view.Store(o.View)
	if o.CacheEntries == 0 {
		o.CacheEntries = DefaultCacheEntries
	}
	if o.CacheEntries > 0 {
		h.cache = newAnswerCache(o.CacheEntries)
	}
	h.mux.HandleFunc("/api/v2/query", h.query)
	h.mux.HandleFunc("/api/v2/read", h.read)
	h.mux.HandleFunc("/api/v2/write", h.writeEndpoint(h.write))
	h.mux.HandleFunc("/api/v2/delete", h.writeEndpoint(h.delete))
	h.mux.HandleFunc("/api/lookup", h.get(h.lookup))
	h.mux.HandleFunc("/api/explore", h.get(h.explore))
	h.mux.HandleFunc("/api/graph", h.get(h.graph))
	h.mux.HandleFunc("/api/compare", h.get(h.compare))
	h.mux.HandleFunc("/api/claims", h.get(h.claims))
	h.mux.HandleFunc("/api/statement", h.get(h.statement))
	h.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint", nil)
	})
	web, err := fs.Sub(webFS, "web")
	if err != nil {
		return nil, err
	}
	files := http.FileServer(http.FS(web))
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, http.StatusMethodNotAllowed, "method not allowed", nil)
			return
		}
		if r.URL.Path != "/" {
			if _, err := fs.Stat(web, strings.TrimPrefix(r.URL.Path, "/")); err != nil {
				writeError(w, http.StatusNotFound, "not found", nil)
				return
			}
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
		files.ServeHTTP(w, r)
	})
	return h, nil
}

// CheckOrigin checks that s is a web origin, scheme://host[:port] with
// scheme http or https and nothing after, and returns it in the form
// browsers send in the Origin header.
func CheckOrigin(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("CORS origin %q is not an origin like https://example.org", s)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

// v returns the current view.
func (h *handler) v() *explore.View { return h.view.Load() }

// changed reloads the view from the store in the background after a
// write; writes during a reload ask for one more.
func (h *handler) changed() {
	h.reloadMu.Lock()
	defer h.reloadMu.Unlock()
	if h.reloading {
		h.again = true
		return
	}
	h.reloading = true
	go h.reload()
}

func (h *handler) reload() {
	for {
		v, err := explore.Load(context.Background(), h.o.Store)
		if err != nil {
			h.o.ErrorLog.Printf("reload the view after a write: %v", err)
		} else {
			h.view.Store(v)
		}
		h.reloadMu.Lock()
		if !h.again {
			h.reloading = false
			h.reloadMu.Unlock()
			return
		}
		h.again = false
		h.reloadMu.Unlock()
	}
}

// ServeHTTP adds security and CORS headers, answers CORS preflight
// requests, limits the body and turns panics into a 500 JSON error.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rw := &recordingWriter{ResponseWriter: w}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			h.o.ErrorLog.Printf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, p, debug.Stack())
			if rw.wrote {
				// Part of the answer is out: only cutting the
				// connection tells the client it is incomplete.
				panic(http.ErrAbortHandler)
			}
			writeError(w, http.StatusInternalServerError, "internal error", nil)
		}
	}()
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	if h.o.CORSOrigin != "" {
		hd.Add("Vary", "Origin")
		if r.Header.Get("Origin") == h.o.CORSOrigin {
			hd.Set("Access-Control-Allow-Origin", h.o.CORSOrigin)
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				hd.Set("Access-Control-Allow-Methods", "GET, HEAD, POST")
				hd.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
				hd.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.o.MaxBody)
	h.mux.ServeHTTP(rw, r)
}

// recordingWriter notes whether the answer has begun.
type recordingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *recordingWriter) WriteHeader(code int) {
	w.wrote = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *recordingWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *recordingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// apiError is an error with an HTTP status and optional details.
type apiError struct {
	status  int
	msg     string
	details map[string]any
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// get wraps a JSON GET endpoint: it answers only GET and HEAD, and
// writes the value or error fn returns.
func (h *handler) get(fn func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "method not allowed: use GET", nil)
			return
		}
		view := h.v()
		key := r.URL.Path + "?" + r.URL.RawQuery
		if body, ok := h.cache.get(view, key); ok {
			writeJSONBytes(w, body)
			return
		}
		v, err := fn(r)
		if err != nil {
			h.fail(w, err)
			return
		}
		body, err := encodeJSON(v)
		if err != nil {
			h.fail(w, err)
			return
		}
		h.cache.put(view, key, body)
		writeJSONBytes(w, body)
	}
}

// fail writes err as a JSON error with a fitting status: lookup
// failures are 404 (with suggestions) or 409 (with candidates).
func (h *handler) fail(w http.ResponseWriter, err error) {
	var ae *apiError
	var nf *explore.NotFoundError
	var amb *explore.AmbiguousError
	switch {
	case errors.As(err, &ae):
		writeError(w, ae.status, ae.msg, ae.details)
	case errors.As(err, &nf):
		writeError(w, http.StatusNotFound, err.Error(), map[string]any{"suggestions": refs(nf.Suggestions)})
	case errors.As(err, &amb):
		writeError(w, http.StatusConflict, err.Error(), map[string]any{"candidates": refs(amb.Candidates)})
	default:
		h.o.ErrorLog.Printf("internal error: %v", err)
		writeError(w, http.StatusInternalServerError, "internal error", nil)
	}
}

func refs(rs []explore.Ref) []explore.Ref {
	if rs == nil {
		return []explore.Ref{}
	}
	return rs
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// writeError writes {"error": msg} plus details.
func writeError(w http.ResponseWriter, status int, msg string, details map[string]any) {
	body := map[string]any{}
	for k, v := range details {
		body[k] = v
	}
	body["error"] = msg
	writeJSON(w, status, body)
}

// query serves Cayley's /api/v2/query: the query is the body of a POST
// or the qu parameter of a GET.
func (h *handler) query(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		writeError(w, http.StatusMethodNotAllowed, "method not allowed: use GET or POST", nil)
		return
	}
	lang := r.URL.Query().Get("lang")
	if lang == "" {
		lang = graph.DefaultQueryLang
	}
	known := false
	for _, l := range graph.QueryLanguages() {
		known = known || l == lang
	}
	if !known {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown query language %q (known: %s)", lang, strings.Join(graph.QueryLanguages(), ", ")), nil)
		return
	}
	var q string
	if r.Method == http.MethodGet {
		q = r.URL.Query().Get("qu")
	} else {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("query is longer than %d bytes", mbe.Limit), nil)
				return
			}
			writeError(w, http.StatusBadRequest, "cannot read the query", nil)
			return
		}
		q = string(b)
	}
	if strings.TrimSpace(q) == "" {
		writeError(w, http.StatusBadRequest, "query is empty", nil)
		return
	}
	res, err := h.o.Store.Query(r.Context(), q, graph.QueryOptions{Lang: lang, Limit: h.o.QueryLimit, Timeout: h.o.QueryTimeout, Memory: h.o.QueryMemory})
	if err != nil {
		status := http.StatusBadRequest
		switch {
		case errors.Is(err, graph.ErrQueryTimeout):
			status = http.StatusGatewayTimeout
		case errors.Is(err, graph.ErrQueryMemory):
			status = http.StatusUnprocessableEntity
		case r.Context().Err() != nil:
			// The client is gone (or the server is stopping).
			status = http.StatusServiceUnavailable
		}
		writeError(w, status, cleanMessage(err.Error()), nil)
		return
	}
	if len(res) == 0 {
		res = nil // stock cayley answers {"result": null} when nothing matches
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": res})
}

// cleanMessage keeps the first line of an error message and drops
// anything that looks like a Go source position.
func cleanMessage(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, ".go:"); i >= 0 {
		if j := strings.LastIndexAny(s[:i], " \t("); j >= 0 {
			s = strings.TrimSpace(s[:j])
		}
	}
	return s
}

// read serves Cayley's /api/v2/read: the whole graph in a quad format
// (N-Quads by default).
func (h *handler) read(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method not allowed: use GET", nil)
		return
	}
	name := r.URL.Query().Get("format")
	if name == "" {
		name = "nquads"
	}
	f := quad.FormatByName(name)
	if f == nil || f.Writer == nil {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown format %q (known: %s)", name, strings.Join(graph.Formats(true), ", ")), nil)
		return
	}
	if len(f.Mime) > 0 {
		w.Header().Set("Content-Type", f.Mime[0])
	}
	if r.Method == http.MethodHead {
		return
	}
	if _, err := h.o.Store.Export(r.Context(), w, f.Name); err != nil {
		// Headers are sent; all that can be done is to log and stop.
		h.o.ErrorLog.Printf("read: %v", err)
	}
}

// params reads the filter parameters shared by the JSON endpoints.
func params(r *http.Request) (explore.Options, error) {
	q := r.URL.Query()
	o := explore.Options{Since: q.Get("since"), Until: q.Get("until"), Forum: q.Get("forum")}
	if s := q.Get("min_confidence"); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 0 || f > 1 {
			return o, badRequest("min_confidence %q is not a number between 0 and 1", s)
		}
		o.MinConfidence = f
	}
	if s := q.Get("stance"); s != "" {
		st, err := explore.ParseStance(s)
		if err != nil {
			return o, badRequest("%v", err)
		}
		o.Stance = st
	}
	if s := q.Get("evidence"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return o, badRequest("evidence %q is not true or false", s)
		}
		o.Evidence = b
	}
	for _, d := range []string{o.Since, o.Until} {
		if d != "" && !validDate(d) {
			return o, badRequest("bad date %q: use YYYY, YYYY-MM or YYYY-MM-DD", d)
		}
	}
	return o, nil
}

func validDate(d string) bool {
	_, err1 := time.Parse("2006", d)
	_, err2 := time.Parse("2006-01", d)
	_, err3 := time.Parse("2006-01-02", d)
	return err1 == nil || err2 == nil || err3 == nil
}

// required returns parameter name, or a 400 error when it is empty.
func required(r *http.Request, name string) (string, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return "", badRequest("parameter %s is missing", name)
	}
	if len(v) > 1000 {
		return "", badRequest("parameter %s is too long", name)
	}
	return v, nil
}

func (h *handler) lookup(r *http.Request) (any, error) {
	q, err := required(r, "q")
	if err != nil {
		return nil, err
	}
	n := 10
	if s := r.URL.Query().Get("limit"); s != "" {
		if n, err = strconv.Atoi(s); err != nil || n < 1 || n > 100 {
			return nil, badRequest("limit %q is not a number from 1 to 100", s)
		}
	}
	return map[string]any{"query": q, "matches": h.v().Search(q, n)}, nil
}

func (h *handler) explore(r *http.Request) (any, error) {
	name, err := required(r, "entity")
	if err != nil {
		return nil, err
	}
	o, err := params(r)
	if err != nil {
		return nil, err
	}
	return h.v().Explore(name, o)
}

func (h *handler) graph(r *http.Request) (any, error) {
	name, err := required(r, "entity")
	if err != nil {
		return nil, err
	}
	o, err := params(r)
	if err != nil {
		return nil, err
	}
	max := 40
	if s := r.URL.Query().Get("max_edges"); s != "" {
		if max, err = strconv.Atoi(s); err != nil || max < 1 || max > 500 {
			return nil, badRequest("max_edges %q is not a number from 1 to 500", s)
		}
	}
	return h.v().Neighbourhood(name, explore.DrawOptions{Options: o, MaxEdges: max})
}

func (h *handler) compare(r *http.Request) (any, error) {
	a, err := required(r, "a")
	if err != nil {
		return nil, err
	}
	b, err := required(r, "b")
	if err != nil {
		return nil, err
	}
	o, err := params(r)
	if err != nil {
		return nil, err
	}
	c, err := h.v().Compare(a, b, o)
	var ae *explore.AmbiguousError
	var nf *explore.NotFoundError
	if err != nil && !errors.As(err, &ae) && !errors.As(err, &nf) {
		return nil, badRequest("%v", err)
	}
	return c, err
}

// A Claim is a claim as the JSON endpoints give it.
type Claim struct {
	IRI        string       `json:"iri,omitempty"`
	Actor      explore.Ref  `json:"actor"`
	Stance     string       `json:"stance"`
	Target     explore.Ref  `json:"target"`
	Cue        string       `json:"cue,omitempty"`
	CueClass   string       `json:"cueClass,omitempty"`
	Modality   string       `json:"modality,omitempty"`
	Confidence float64      `json:"confidence"`
	Evidence   string       `json:"evidence"`
	Start      int          `json:"start"` // code points into the statement text
	End        int          `json:"end"`
	Statement  string       `json:"statement"`
	Date       string       `json:"date,omitempty"`
	Delegation *explore.Ref `json:"delegation,omitempty"`
}

func (h *handler) claim(c *explore.Claim) Claim {
	v := h.v()
	out := Claim{IRI: string(c.IRI), Actor: ref(v, c.Actor), Stance: string(c.Stance), Target: ref(v, c.Target),
		Cue: c.Cue, CueClass: c.CueClass, Modality: c.Modality, Confidence: c.Confidence,
		Evidence: c.Evidence, Start: c.Start, End: c.End, Statement: string(c.Statement.IRI), Date: c.Statement.When()}
	if c.Statement.Delegation != "" {
		d := ref(v, c.Statement.Delegation)
		out.Delegation = &d
	}
	return out
}

// ref returns the Ref of an IRI the view may not know.
func ref(v *explore.View, iri quad.IRI) explore.Ref {
	if e := v.Entity(iri); e != nil {
		return e.Ref()
	}
	s := string(iri)
	if i := strings.LastIndexAny(s, "/#"); i >= 0 {
		s = s[i+1:]
	}
	return explore.Ref{IRI: string(iri), Label: s, Kind: "other"}
}

func (h *handler) claims(r *http.Request) (any, error) {
	q := r.URL.Query()
	actor, target := strings.TrimSpace(q.Get("actor")), strings.TrimSpace(q.Get("target"))
	if actor == "" && target == "" {
		return nil, badRequest("give an actor, a target or both")
	}
	o, err := params(r)
	if err != nil {
		return nil, err
	}
	n := 200
	if s := q.Get("limit"); s != "" {
		if n, err = strconv.Atoi(s); err != nil || n < 1 || n > 10000 {
			return nil, badRequest("limit %q is not a number from 1 to 10000", s)
		}
	}
	cs, err := h.v().FindClaims(actor, target, o)
	if err != nil {
		return nil, err
	}
	out := make([]Claim, 0, min(len(cs), n))
	for _, c := range cs[:min(len(cs), n)] {
		out = append(out, h.claim(c))
	}
	return map[string]any{"total": len(cs), "claims": out}, nil
}

// A Statement is a statement as /api/statement gives it.
type Statement struct {
	IRI          string       `json:"iri"`
	Label        string       `json:"label"`
	Delegation   *explore.Ref `json:"delegation,omitempty"`
	OnBehalfOf   *explore.Ref `json:"onBehalfOf,omitempty"`
	Forum        *explore.Ref `json:"forum,omitempty"`
	Session      *explore.Ref `json:"session,omitempty"`
	Speaker      *explore.Ref `json:"speaker,omitempty"`
	SpeakerTitle string       `json:"speakerTitle,omitempty"`
	Date         string       `json:"date,omitempty"`
	Year         string       `json:"year,omitempty"`
	Text         string       `json:"text"`
	Claims       []Claim      `json:"claims"`
}

func (h *handler) statement(r *http.Request) (any, error) {
	iri, err := required(r, "iri")
	if err != nil {
		return nil, err
	}
	iri = strings.TrimSuffix(strings.TrimPrefix(iri, "<"), ">")
	st := h.v().Statement(quad.IRI(iri))
	if st == nil {
		return nil, &apiError{status: http.StatusNotFound, msg: fmt.Sprintf("no statement %s", iri)}
	}
	opt := func(iri quad.IRI) *explore.Ref {
		if iri == "" {
			return nil
		}
		r := ref(h.v(), iri)
		return &r
	}
	out := Statement{IRI: string(st.IRI), Label: st.Label, Delegation: opt(st.Delegation), OnBehalfOf: opt(st.OnBehalfOf),
		Forum: opt(st.Forum), Session: opt(st.Session), Speaker: opt(st.Speaker), SpeakerTitle: st.SpeakerTitle,
		Date: st.Date, Year: st.Year, Text: st.Text, Claims: []Claim{}}
	for _, c := range st.Claims {
		out.Claims = append(out.Claims, h.claim(c))
	}
	return out, nil
}

// ServerOptions configure a Server.
type ServerOptions struct {
	// Addr is the address to listen on; "" means DefaultAddr
	// (loopback only). Use port 0 for any free port.
	Addr string
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout
	// bound connections (see http.Server); 0 means 5s, 15s, the query
	// timeout plus 30s, and 120s.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// MaxHeaderBytes caps the request line and headers; 0 means
	// DefaultMaxHeader.
	MaxHeaderBytes int
	// ShutdownTimeout is how long a shutdown waits for requests in
	// flight before it cancels them; 0 means 10s. Cancelled requests
	// (queries, say) get another 5s to end before connections are cut.
	ShutdownTimeout time.Duration
	// QueryTimeout is used to pick the default WriteTimeout.
	QueryTimeout time.Duration
	ErrorLog     *log.Logger
}

// A Server serves a handler on a listener until its context ends, then
// shuts down gracefully.
type Server struct {
	srv      *http.Server
	ln       net.Listener
	shutdown time.Duration
	// cancel cancels the context of every request, when a shutdown has
	// waited long enough.
	cancel context.CancelFunc
}

// Listen opens the listener of a Server for h.
func Listen(h http.Handler, o ServerOptions) (*Server, error) {
	addr := o.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	def := func(d, v time.Duration) time.Duration {
		if v <= 0 {
			return d
		}
		return v
	}
	qt := def(DefaultQueryTimeout, o.QueryTimeout)
	maxHeader := o.MaxHeaderBytes
	if maxHeader <= 0 {
		maxHeader = DefaultMaxHeader
	}
	base, cancel := context.WithCancel(context.Background())
	return &Server{
		srv: &http.Server{
			Handler:           h,
			ReadHeaderTimeout: def(5*time.Second, o.ReadHeaderTimeout),
			ReadTimeout:       def(15*time.Second, o.ReadTimeout),
			WriteTimeout:      def(qt+30*time.Second, o.WriteTimeout),
			IdleTimeout:       def(120*time.Second, o.IdleTimeout),
			MaxHeaderBytes:    maxHeader,
			ErrorLog:          o.ErrorLog,
			BaseContext:       func(net.Listener) context.Context { return base },
		},
		ln:       ln,
		shutdown: def(10*time.Second, o.ShutdownTimeout),
		cancel:   cancel,
	}, nil
}

// Addr returns the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// URL returns the server's base URL, "http://host:port/".
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Serve serves until ctx is done, then shuts down: it stops accepting
// connections at once, lets requests in flight finish (up to the
// shutdown timeout, then cancels them and waits a little more) and
// closes idle connections. It returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context) error {
	defer s.cancel()
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, stop := context.WithTimeout(context.Background(), s.shutdown)
	defer stop()
	err := s.srv.Shutdown(sctx)
	if err != nil {
		// Cancel what is still running; queries stop at once.
		s.cancel()
		lctx, stop := context.WithTimeout(context.Background(), 5*time.Second)
		defer stop()
		if err = s.srv.Shutdown(lctx); err != nil {
			s.srv.Close()
			err = fmt.Errorf("shut down: requests still running after %v: %w", s.shutdown, err)
		}
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", serr)
	}
	return err
}
