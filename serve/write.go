package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/graph"
)

// maxReportedLines is how many bad lines a 400 answer to a write lists.
const maxReportedLines = 20

// writeEndpoint wraps /api/v2/write and /api/v2/delete: POST only, 403
// on a read-only server, 401 without the bearer token; fn gets the
// request body, whole, and the name of its quad format.
func (h *handler) writeEndpoint(fn func(ctx context.Context, body []byte, format string) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			writeError(w, http.StatusMethodNotAllowed, "method not allowed: use POST", nil)
			return
		}
		if !h.o.Writable {
			writeError(w, http.StatusForbidden, "database is read-only", nil)
			return
		}
		if !h.authorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="stancegraph"`)
			writeError(w, http.StatusUnauthorized, "a valid bearer token is needed to write", nil)
			return
		}
		if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
			writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("content encoding %q is not supported", enc), nil)
			return
		}
		format, err := bodyFormat(r)
		if err != nil {
			h.fail(w, err)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body is longer than %d bytes", mbe.Limit), nil)
				return
			}
			writeError(w, http.StatusBadRequest, "cannot read the body", nil)
			return
		}
		// One write at a time: a delete reads graphs and writes them back.
		h.wmu.Lock()
		v, err := fn(r.Context(), body, format)
		h.wmu.Unlock()
		if err != nil {
			h.fail(w, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}

// authorized reports whether r carries the server's bearer token. Both
// sides are hashed first, so the comparison takes the same time whatever
// the token's length.
func (h *handler) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || h.o.Token == "" {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	want := sha256.Sum256([]byte(h.o.Token))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// bodyFormat returns the quad format a write body is in: from its
// Content-Type, as in Cayley, and N-Quads when it names none (or
// text/plain).
func bodyFormat(r *http.Request) (string, error) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return "nquads", nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", &apiError{status: http.StatusUnsupportedMediaType, msg: fmt.Sprintf("bad content type %q", ct)}
	}
	switch mt {
	case "text/plain", "application/octet-stream", "application/x-www-form-urlencoded":
		return "nquads", nil
	}
	f := quad.FormatByMime(mt)
	if f == nil || f.Reader == nil {
		return "", &apiError{status: http.StatusUnsupportedMediaType, msg: fmt.Sprintf("content type %q is not a quad format this server reads", mt)}
	}
	return f.Name, nil
}

// writeResult is the answer to a write or a delete, as Cayley gives it
// ("result" and "count"), with what changed besides.
type writeResult struct {
	Result string `json:"result"`
	Count  int    `json:"count"`
	// Added or Removed counts the quads the store did not have, or
	// had: writing a quad twice adds it once.
	Added   *int `json:"added,omitempty"`
	Removed *int `json:"removed,omitempty"`
}

// write serves /api/v2/write: it adds the quads of the body.
func (h *handler) write(ctx context.Context, body []byte, format string) (any, error) {
	// Parse first, so that only a bad body is a 400.
	if _, err := parseQuads(ctx, body, format); err != nil {
		return nil, err
	}
	res, err := h.o.Store.Import(ctx, bytes.NewReader(body), format, graph.ImportOptions{})
	if err != nil {
		return nil, err
	}
	h.changed()
	return writeResult{Result: fmt.Sprintf("Successfully wrote %d quads.", res.Read), Count: res.Read, Added: &res.Added}, nil
}

// delete serves /api/v2/delete: it removes the quads of the body. Each
// quad must be in a named graph (whose label is an IRI): the graphs
// concerned are read and written back without them, each in one
// transaction.
func (h *handler) delete(ctx context.Context, body []byte, format string) (any, error) {
	qs, err := parseQuads(ctx, body, format)
	if err != nil {
		return nil, err
	}
	gone := map[quad.IRI]map[string]bool{}
	var order []quad.IRI
	for i, q := range qs {
		label, ok := q.Label.(quad.IRI)
		if !ok {
			return nil, badRequest("quad %d has no graph label that is an IRI: only quads of named graphs can be deleted", i+1)
		}
		if gone[label] == nil {
			gone[label] = map[string]bool{}
			order = append(order, label)
		}
		gone[label][graph.NQuads([]quad.Quad{q})] = true
	}
	var batches []graph.Batch
	removed := 0
	for _, label := range order {
		old, err := h.o.Store.GraphQuads(ctx, label)
		if err != nil {
			return nil, err
		}
		keep := make([]quad.Quad, 0, len(old))
		for _, q := range old {
			if gone[label][graph.NQuads([]quad.Quad{q})] {
				removed++
				continue
			}
			keep = append(keep, q)
		}
		if len(keep) < len(old) {
			batches = append(batches, graph.Batch{Label: label, Quads: keep})
		}
	}
	if len(batches) > 0 {
		if _, err := h.o.Store.ReplaceGraphs(ctx, batches); err != nil {
			return nil, err
		}
		h.changed()
	}
	return writeResult{Result: fmt.Sprintf("Successfully deleted %d quads.", removed), Count: removed, Removed: &removed}, nil
}

// parseQuads reads the quads of a body with the parser Import uses, by
// importing it into a scratch in-memory store.
func parseQuads(ctx context.Context, body []byte, format string) ([]quad.Quad, error) {
	tmp, err := graph.Open(ctx, graph.Options{Backend: graph.Memstore})
	if err != nil {
		return nil, err
	}
	defer tmp.Close()
	if _, err := tmp.Import(ctx, bytes.NewReader(body), format, graph.ImportOptions{}); err != nil {
		return nil, writeError400(err)
	}
	var qs []quad.Quad
	err = tmp.EachQuad(ctx, func(q quad.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

// writeError400 turns an error parsing a body into a 400, listing the
// bad lines of N-Quads.
func writeError400(err error) error {
	var list graph.ErrorList
	if errors.As(err, &list) {
		lines := []string{}
		for i, e := range list {
			if i == maxReportedLines {
				lines = append(lines, fmt.Sprintf("and %d more", len(list)-i))
				break
			}
			lines = append(lines, cleanMessage(e.Error()))
		}
		return &apiError{status: http.StatusBadRequest, msg: fmt.Sprintf("%d malformed lines: nothing written", len(list)),
			details: map[string]any{"lines": lines}}
	}
	return badRequest("%s", cleanMessage(err.Error()))
}
