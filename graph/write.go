package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// A Batch is the complete content of one named graph: every quad in Quads
// must have Label as its label. An empty Quads means the graph is empty.
type Batch struct {
	Label quad.IRI
	Quads []quad.Quad
}

// WriteResult counts what a write changed.
type WriteResult struct {
	Graphs  int // named graphs whose content changed
	Added   int // quads added
	Removed int // quads removed
}

func (r *WriteResult) add(o WriteResult) {
	r.Graphs += o.Graphs
	r.Added += o.Added
	r.Removed += o.Removed
}

// txQuads is how many changed quads ReplaceGraphs gathers into one
// transaction before it commits; a single larger graph gets a
// transaction of its own.
const txQuads = 10000

// ReplaceGraphs makes each batch's graph hold exactly batch.Quads. For
// each batch it reads the graph's current quads (through the label
// index), and removes the quads that are no longer there and adds the new
// ones; quads in both are not touched, so re-applying a batch writes
// nothing. Duplicate quads within a batch count once.
//
// Several batches may share one transaction, but a batch is never split
// across transactions: a reader sees each graph either before or after.
// If an error occurs, the transactions committed before it stay
// committed and the result counts them. Batches are checked before
// anything is written: a quad whose label is not its batch's label, an
// incomplete quad, an IRI that N-Quads cannot carry (a space, say) or two
// batches for the same label are errors and nothing is written.
//
// Writers in one process are serialised. Two processes writing the same
// PostgreSQL store may interleave and should write different graphs.
func (s *Store) ReplaceGraphs(ctx context.Context, batches []Batch) (WriteResult, error) {
	res, err := s.replace(ctx, batches)
	if err != nil {
		return res, fmt.Errorf("replace graphs: %w", err)
	}
	return res, nil
}

// replace does the work of ReplaceGraphs; its errors name no operation.
func (s *Store) replace(ctx context.Context, batches []Batch) (WriteResult, error) {
	seen := make(map[quad.IRI]bool, len(batches))
	for i, b := range batches {
		if err := checkBatch(b); err != nil {
			return WriteResult{}, fmt.Errorf("batch %d: %w", i, err)
		}
		if seen[b.Label] {
			return WriteResult{}, fmt.Errorf("batch %d: graph %s given twice", i, b.Label)
		}
		seen[b.Label] = true
	}
	unlock, err := s.lockWrite()
	if err != nil {
		return WriteResult{}, err
	}
	defer unlock()

	var (
		res          WriteResult
		pending      []cgraph.Delta
		pendingRes   WriteResult
		pendingFirst quad.IRI
	)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		if err := s.applyDeltas(ctx, pending); err != nil {
			if pendingRes.Graphs == 1 {
				return fmt.Errorf("write graph %s: %w", pendingFirst, err)
			}
			return fmt.Errorf("write %d graphs from %s on: %w", pendingRes.Graphs, pendingFirst, err)
		}
		res.add(pendingRes)
		pending, pendingRes = pending[:0], WriteResult{}
		return nil
	}
	labels := make([]quad.Value, len(batches))
	for i, b := range batches {
		labels[i] = b.Label
	}
	olds, err := s.readGraphs(ctx, labels)
	if err != nil {
		return res, err
	}
	for _, b := range batches {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		added, removed := diffQuads(olds[b.Label], b.Quads)
		if len(added)+len(removed) == 0 {
			continue
		}
		if len(pending) > 0 && len(pending)+len(added)+len(removed) > txQuads {
			if err := flush(); err != nil {
				return res, err
			}
		}
		if len(pending) == 0 {
			pendingFirst = b.Label
		}
		for _, q := range removed {
			pending = append(pending, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
		for _, q := range added {
			pending = append(pending, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		pendingRes.add(WriteResult{Graphs: 1, Added: len(added), Removed: len(removed)})
	}
	if err := flush(); err != nil {
		return res, err
	}
	return res, nil
}

// DeleteGraph removes every quad of the named graph label and returns how
// many it removed; 0 when there was no such graph.
func (s *Store) DeleteGraph(ctx context.Context, label quad.IRI) (int, error) {
	res, err := s.replace(ctx, []Batch{{Label: label}})
	if err != nil {
		return res.Removed, fmt.Errorf("delete graph %s: %w", label, err)
	}
	return res.Removed, nil
}

// diffQuads returns the quads of next that are not in old (without
// duplicates) and the quads of old that are not in next.
func diffQuads(old, next []quad.Quad) (added, removed []quad.Quad) {
	in := make(map[quad.Quad]bool, len(next))
	for _, q := range next {
		in[q] = true
	}
	had := make(map[quad.Quad]bool, len(old))
	for _, q := range old {
		had[q] = true
		if !in[q] {
			removed = append(removed, q)
		}
	}
	for _, q := range next {
		if !had[q] {
			added = append(added, q)
			had[q] = true // drop duplicates within next
		}
	}
	return added, removed
}

// checkBatch reports the first problem with a batch: an empty label, a
// quad with another label, an incomplete quad or an unusable IRI.
func checkBatch(b Batch) error {
	if b.Label == "" {
		return errors.New("empty graph label")
	}
	if err := checkIRI(b.Label); err != nil {
		return fmt.Errorf("graph label: %w", err)
	}
	for i, q := range b.Quads {
		if q.Label != quad.Value(b.Label) {
			return fmt.Errorf("graph %s: quad %d: label is %s, not the graph's", b.Label, i, labelString(q.Label))
		}
		if err := checkQuad(q); err != nil {
			return fmt.Errorf("graph %s: quad %d: %w", b.Label, i, err)
		}
	}
	return nil
}

// labelString writes a label for a message; "none" for the default graph.
func labelString(v quad.Value) string {
	if v == nil {
		return "none"
	}
	return v.String()
}

// checkQuad reports a quad without subject, predicate or object, with a
// value of a type Cayley cannot store, or with an IRI that N-Quads cannot
// carry.
func checkQuad(q quad.Quad) error {
	for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
		v := q.Get(d)
		if v == nil {
			if d == quad.Label {
				continue
			}
			return fmt.Errorf("no %s", d)
		}
		switch v := v.(type) {
		case quad.IRI:
			if err := checkIRI(v); err != nil {
				return fmt.Errorf("%s: %w", d, err)
			}
		case quad.BNode, quad.String, quad.TypedString, quad.LangString,
			quad.Int, quad.Float, quad.Bool, quad.Time:
		default:
			// Cayley's kv backends panic on other types.
			return fmt.Errorf("%s: unsupported value type %T", d, v)
		}
	}
	return nil
}

// checkIRI reports an IRI holding a character that an N-Quads IRIREF may
// not contain. Cayley stores such IRIs but writes them unescaped, and RDF
// tools (Cayley's own parser among them) then reject the export.
func checkIRI(iri quad.IRI) error {
	if iri == "" {
		return errors.New("empty IRI")
	}
	if i := strings.IndexFunc(string(iri), func(r rune) bool {
		return r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r)
	}); i >= 0 {
		return fmt.Errorf("IRI %q has %q, which IRIs may not contain (percent-encode it)", string(iri), string(iri)[i:i+1])
	}
	return nil
}
