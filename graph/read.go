package graph

import (
	"context"
	"fmt"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/schema"
)

// GraphQuads returns the quads of the named graph label, sorted by
// quad.ByQuadString; none when there is no such graph. It reads them
// through the label index.
func (s *Store) GraphQuads(ctx context.Context, label quad.IRI) ([]quad.Quad, error) {
	release, err := s.reading()
	if err != nil {
		return nil, fmt.Errorf("read graph %s: %w", label, err)
	}
	defer release()
	qs, err := s.graphQuads(ctx, label)
	if err != nil {
		return nil, fmt.Errorf("read graph %s: %w", label, err)
	}
	sort.Sort(quad.ByQuadString(qs))
	return qs, nil
}

// graphQuads returns the quads labelled label, in store order. Callers
// hold the locks they need.
func (s *Store) graphQuads(ctx context.Context, label quad.Value) ([]quad.Quad, error) {
	if s.db != nil {
		m, err := pgGraphs(ctx, s.db, []quad.Value{label})
		return m[label], err
	}
	var out []quad.Quad
	err := s.eachQuad(ctx, quad.Label, label, func(ref cgraph.Ref) error {
		q, err := s.qs.Quad(ref)
		if err != nil {
			return err
		}
		out = append(out, q)
		return nil
	})
	return out, err
}

// readGraphs returns the quads of each graph in labels, by label. On
// PostgreSQL it reads them all with a few queries.
func (s *Store) readGraphs(ctx context.Context, labels []quad.Value) (map[quad.Value][]quad.Quad, error) {
	if s.db != nil {
		return pgGraphs(ctx, s.db, labels)
	}
	out := make(map[quad.Value][]quad.Quad, len(labels))
	for _, l := range labels {
		qs, err := s.graphQuads(ctx, l)
		if err != nil {
			return nil, fmt.Errorf("read graph %s: %w", l, err)
		}
		out[l] = qs
	}
	return out, nil
}

// eachQuad calls fn for every quad whose direction d holds v.
func (s *Store) eachQuad(ctx context.Context, d quad.Direction, v quad.Value, fn func(cgraph.Ref) error) error {
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return err
	}
	if ref == nil {
		return nil
	}
	it := s.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		if err := fn(it.Result()); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// Fingerprint returns the literal values of schema.SHA256 and
// schema.ExtractorVersion on the statement node label within its own
// graph label. ok is false when the statement is not stored, that is when
// the graph holds no schema.SHA256 literal for it; version is then empty
// too. A missing version with a stored hash gives ok and an empty version.
func (s *Store) Fingerprint(ctx context.Context, label quad.IRI) (sha, version string, ok bool, err error) {
	release, err := s.reading()
	if err != nil {
		return "", "", false, fmt.Errorf("read fingerprint of %s: %w", label, err)
	}
	defer release()
	err = s.eachQuad(ctx, quad.Subject, label, func(ref cgraph.Ref) error {
		q, err := s.qs.Quad(ref)
		if err != nil {
			return err
		}
		if q.Label != quad.Value(label) {
			return nil
		}
		switch q.Predicate {
		case quad.Value(schema.SHA256):
			sha, ok = literal(q.Object), true
		case quad.Value(schema.ExtractorVersion):
			version = literal(q.Object)
		}
		return nil
	})
	if err != nil {
		return "", "", false, fmt.Errorf("read fingerprint of %s: %w", label, err)
	}
	if !ok {
		return "", "", false, nil
	}
	return sha, version, true, nil
}

// literal returns the lexical form of a literal, or the string form of
// any other value.
func literal(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.IRI:
		return string(v)
	}
	return quad.StringOf(v)
}
