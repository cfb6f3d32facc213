package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/schema"
)

// Stats summarises a store's content.
type Stats struct {
	Quads      int // all quads, in every graph
	Statements int // nodes with rdf:type schema.Statement
	Actors     int // distinct subjects of the four stance predicates
	Targets    int // distinct objects of the four stance predicates

	// ByPredicate counts the edges of each stance predicate, by its IRI
	// (written without angle brackets). All four predicates are present.
	ByPredicate map[string]int
	// ByForum counts statements by the IRI of their schema.ForumP.
	ByForum map[string]int
	// ByYear counts statements by the lexical form of their schema.Year.
	ByYear map[string]int
}

// Stats counts the store's quads, statements, actors and targets. It
// reads every quad once, so it takes time in proportion to the store.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	release, err := s.reading()
	if err != nil {
		return Stats{}, fmt.Errorf("count store content: %w", err)
	}
	defer release()
	st, err := s.stats(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("count store content: %w", err)
	}
	return st, nil
}

func (s *Store) stats(ctx context.Context) (Stats, error) {
	st := Stats{
		ByPredicate: make(map[string]int, len(schema.StancePredicates)),
		ByForum:     make(map[string]int),
		ByYear:      make(map[string]int),
	}
	fixed := []quad.Value{schema.Type, schema.Statement, schema.ForumP, schema.Year}
	for _, p := range schema.StancePredicates {
		fixed = append(fixed, p)
		st.ByPredicate[string(p)] = 0
	}
	keys := make([]any, len(fixed))
	for i, v := range fixed {
		// One at a time: the memstore's RefsOf fails on a missing value.
		r, err := s.qs.ValueOf(v)
		if err != nil {
			return st, err
		}
		keys[i] = refKey(r)
	}
	typeKey, statementKey, forumKey, yearKey := keys[0], keys[1], keys[2], keys[3]
	stance := make(map[any]string, len(schema.StancePredicates))
	for i, p := range schema.StancePredicates {
		if k := keys[4+i]; k != nil {
			stance[k] = string(p)
		}
	}

	var (
		statements = make(map[any]bool)
		actors     = make(map[any]bool)
		targets    = make(map[any]bool)
		forumOf    = make(map[any][]cgraph.Ref) // statement -> forums
		yearOf     = make(map[any][]cgraph.Ref) // statement -> years
	)
	dir := func(q cgraph.Ref, d quad.Direction) (cgraph.Ref, error) { return s.qs.QuadDirection(q, d) }
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q := it.Result()
		st.Quads++
		p, err := dir(q, quad.Predicate)
		if err != nil {
			return st, err
		}
		pk := refKey(p)
		if pk == nil {
			continue
		}
		pred, isStance := stance[pk]
		if pk != typeKey && pk != forumKey && pk != yearKey && !isStance {
			continue
		}
		sub, err := dir(q, quad.Subject)
		if err != nil {
			return st, err
		}
		obj, err := dir(q, quad.Object)
		if err != nil {
			return st, err
		}
		switch {
		case isStance:
			st.ByPredicate[pred]++
			actors[refKey(sub)] = true
			targets[refKey(obj)] = true
		case pk == typeKey:
			if refKey(obj) == statementKey {
				statements[refKey(sub)] = true
			}
		case pk == forumKey:
			forumOf[refKey(sub)] = append(forumOf[refKey(sub)], obj)
		case pk == yearKey:
			yearOf[refKey(sub)] = append(yearOf[refKey(sub)], obj)
		}
	}
	if err := it.Err(); err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	st.Statements, st.Actors, st.Targets = len(statements), len(actors), len(targets)
	if err := s.countBy(ctx, statements, forumOf, st.ByForum); err != nil {
		return st, err
	}
	if err := s.countBy(ctx, statements, yearOf, st.ByYear); err != nil {
		return st, err
	}
	return st, nil
}

// countBy adds to counts, for every statement, one for each distinct value
// it has in valuesOf, keyed by the value's lexical form.
func (s *Store) countBy(ctx context.Context, statements map[any]bool, valuesOf map[any][]cgraph.Ref, counts map[string]int) error {
	var (
		refs  []cgraph.Ref
		index = make(map[any]int) // value key -> position in refs
		perV  = make(map[int]int) // position in refs -> statements
	)
	for st, vals := range valuesOf {
		if !statements[st] {
			continue
		}
		done := make(map[int]bool, len(vals))
		for _, v := range vals {
			k := refKey(v)
			i, ok := index[k]
			if !ok {
				i = len(refs)
				index[k] = i
				refs = append(refs, v)
			}
			if !done[i] {
				perV[i]++
				done[i] = true
			}
		}
	}
	if len(refs) == 0 {
		return nil
	}
	names, err := cgraph.ValuesOf(ctx, s.qs, refs)
	if err != nil {
		return err
	}
	for i, n := range perV {
		counts[literal(names[i])] += n
	}
	return nil
}

// refKey returns a comparable key for a ref; nil for no ref.
func refKey(r cgraph.Ref) any {
	if r == nil {
		return nil
	}
	return r.Key()
}
