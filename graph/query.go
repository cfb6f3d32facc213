package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
)

// Defaults for QueryOptions.
const (
	DefaultQueryLang    = "gizmo"
	DefaultQueryLimit   = 100
	DefaultQueryTimeout = 30 * time.Second
)

// QueryOptions controls a query.
type QueryOptions struct {
	// Lang is the query language, one of QueryLanguages(); "" means gizmo.
	Lang string
	// Limit caps the number of results. 0 means DefaultQueryLimit, which
	// is also the cap of `cayley http`; a negative Limit means no cap.
	Limit int
	// Timeout bounds the run time of the query; 0 means
	// DefaultQueryTimeout. It stops scripts that never end.
	Timeout time.Duration
	// Memory bounds, in bytes, how much the Go heap may grow while the
	// query runs (see querymem.go); 0 means DefaultQueryMemory and a
	// negative Memory means no bound.
	Memory int64
}

// A Result is one query result in the JSON-ready form that Cayley's HTTP
// API v2 (/api/v2/query) returns for it: for gizmo's All() a map from tag
// to value with the node under "id", where IRIs are written "<...>",
// plain strings as they are and typed literals of known types as JSON
// numbers, booleans or times; for g.Emit(x) the emitted value. A script
// whose last expression has a value also yields one nil result, as in
// Cayley. Encoding []Result as JSON gives the "result" array that
// `cayley http` answers with for the same query.
type Result = any

// ErrQueryTimeout is wrapped by the error of a query that ran out of time.
var ErrQueryTimeout = errors.New("query timed out")

// QueryLanguages returns the names of the query languages Query accepts,
// sorted.
func QueryLanguages() []string {
	names := query.Languages()
	sort.Strings(names)
	return names
}

// Query runs q in language o.Lang and returns up to o.Limit results. A
// query that runs longer than o.Timeout is stopped and returns an error
// wrapping ErrQueryTimeout ("gizmo query timed out after 30s"); the store
// stays usable. Gizmo scripts are interrupted wherever they are, even in
// an endless loop; the other languages stop between results. A query that
// does not parse returns the parser's message. Cancelling ctx stops the
// query too. A query during which the heap grows by more than o.Memory
// is stopped the same way and returns an error wrapping ErrQueryMemory.
//
// GraphQL results are those of Cayley's GraphQL session; `cayley http`
// answers GraphQL through its own handler, which wraps them in "data".
func (s *Store) Query(ctx context.Context, q string, o QueryOptions) ([]Result, error) {
	lang := o.Lang
	if lang == "" {
		lang = DefaultQueryLang
	}
	l := query.GetLanguage(lang)
	if l == nil || l.Session == nil {
		return nil, fmt.Errorf("query: unknown language %q (known: %s)", lang, strings.Join(QueryLanguages(), ", "))
	}
	limit := o.Limit
	if limit == 0 {
		limit = DefaultQueryLimit
	} else if limit < 0 {
		limit = 0 // Cayley's "no limit"
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultQueryTimeout
	}
	release, err := s.reading()
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	defer release()

	// Cayley's sessions ignore the context given to Execute; the one
	// given to the iterator's Next is honoured, and gizmo interrupts its
	// JavaScript runtime when it is done.
	qctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	memory := o.Memory
	if memory == 0 {
		memory = DefaultQueryMemory
	}
	mem := watchMemory(memory, cancel)
	defer mem.stop()
	timedOut := func() error {
		if err := mem.err(lang); err != nil {
			return err
		}
		if errors.Is(qctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
			return fmt.Errorf("%s %w after %v", lang, ErrQueryTimeout, timeout)
		}
		return nil
	}
	it, err := l.Session(s.queryQS()).Execute(qctx, q, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("%s query: %w", lang, err)
	}
	defer finish(it, lang)
	out := []Result{}
	// limit > 0 or none: Next is called at least once, as finish needs.
	for (limit <= 0 || len(out) < limit) && it.Next(qctx) {
		out = append(out, it.Result())
	}
	if err := timedOut(); err != nil {
		return nil, err
	}
	if err := it.Err(); err != nil {
		if err := mem.err(lang); err != nil {
			return nil, err
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s query: %w", lang, ctx.Err())
		}
		return nil, fmt.Errorf("%s query: %w", lang, err)
	}
	return out, nil
}

// queryQS returns the quad store that queries run on: one that plans
// tagged predicate lists (plan.go) over the store itself or, for the
// memstore, over one whose iterators stop when the query's context is
// done (kv stores do that in their read transactions; see cancel.go).
func (s *Store) queryQS() cgraph.QuadStore {
	if s.backend == Memstore {
		return newPlanQS(s.qs, cancelQS{s.qs})
	}
	q := newPlanQS(s.qs, s.qs)
	if s.kv != nil {
		q.kvdb, q.kvIndexes = s.kv, s.kvIndexes
	}
	return q
}

// finish closes a query's results, on which Next has been called, and,
// for gizmo, waits (a little) for
// the goroutine that runs the script to end: Close only interrupts it, and
// a script still reading the store after Query returned would race with
// writes (see Store.rmu).
func finish(it query.Iterator, lang string) {
	it.Close()
	if lang != "gizmo" {
		return
	}
	// Next on closed gizmo results returns false once the script's
	// goroutine has returned, dropping anything it still sends.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for it.Next(ctx) {
	}
}
