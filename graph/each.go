package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
)

// EachQuad calls fn for every quad of the store, in store order, holding
// the store's read lock throughout: fn must not call the Store's methods
// (a write would deadlock, and so can a read while a writer waits). It
// stops at the first error fn returns and returns it; it also stops when
// ctx is cancelled.
func (s *Store) EachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	release, err := s.reading()
	if err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	defer release()
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("read quads: %w", err)
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	return ctx.Err()
}
