package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// Cayley plans Has(p, o) on a set X ("support claims on a topic":
// claims of the topic that have stance supports) as an intersection of
// X with every node that has (p, o), and checks each node of X by
// reading all its quads: a claim's ten or so log records for the one
// it needs. A hasCheck keeps the nodes of X that have a live quad (x, p,
// o), looking up (x, p) in the (subject, predicate) index (or (o, p, x)
// in the (object, predicate, subject) index for HasR), which lists the
// one quad. The kv stores only; answers are the intersection's (its
// rows as a set: Cayley's own plans differ in how often a node of
// several paths comes).
type hasCheck struct {
	from  shape.Shape
	dir   quad.Direction // x's direction in the checked quads: Subject (Has) or Object (HasR)
	pred  uint64
	val   uint64           // the other end of the checked quads
	store cgraph.QuadStore // the kv store
	plain shape.Shape      // the intersection as Cayley plans it, for lookups
}

// planHas turns the parts of an intersection that are Has(p, o) filters
// into hasChecks on its smallest part, on kv stores with the indexes.
func (q planQS) planHas(ctx context.Context, in shape.Intersect) (shape.Shape, bool) {
	if q.kvdb == nil || len(in) < 2 {
		return nil, false
	}
	type part struct {
		s     shape.Shape
		size  int64
		check *hasCheck
	}
	parts := make([]part, len(in))
	driver := -1
	for i, s := range in {
		st, err := s.BuildIterator(q.store).Stats(ctx)
		if err != nil {
			return nil, false
		}
		parts[i] = part{s: s, size: st.Size.Value}
		if c, ok := q.hasFilter(s); ok {
			parts[i].check = &c
		}
		if driver < 0 || parts[i].size < parts[driver].size {
			driver = i
		}
	}
	var rest shape.Intersect
	var checks []hasCheck
	for i, p := range parts {
		if i != driver && p.check != nil {
			checks = append(checks, *p.check)
		} else {
			rest = append(rest, p.s)
		}
	}
	if len(checks) == 0 {
		return nil, false
	}
	var out shape.Shape = rest[0]
	if len(rest) > 1 {
		out = rest
	}
	for _, c := range checks {
		c.from, c.plain = out, in
		out = c
	}
	return out, true
}

// hasFilter reads a Has(p, o) part: the nodes in one direction of the
// quads with a fixed predicate and a fixed other end, untagged.
func (q planQS) hasFilter(s shape.Shape) (hasCheck, bool) {
	qa, ok := open(s).(shape.QuadsAction)
	if !ok || len(qa.Save) > 0 || len(qa.Filter) != 2 {
		return hasCheck{}, false
	}
	other, ind := quad.Object, spo
	switch qa.Result {
	case quad.Subject:
	case quad.Object:
		other, ind = quad.Subject, osp
	default:
		return hasCheck{}, false
	}
	p, okp := kvID(qa.Filter[quad.Predicate])
	v, okv := kvID(qa.Filter[other])
	if !okp || !okv || !hasIndex(q.kvIndexes, ind) {
		return hasCheck{}, false
	}
	return hasCheck{dir: qa.Result, pred: p, val: v, store: q.store}, true
}

func (c hasCheck) BuildIterator(qs cgraph.QuadStore) iterator.Shape {
	return &hasCheckIterator{hopBase: hopBase{qs: qs, from: c.from.BuildIterator(qs), plain: c.plain}, c: c}
}

func (c hasCheck) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) { return c, false }

type hasCheckIterator struct {
	hopBase
	c hasCheck
}

func (it *hasCheckIterator) String() string {
	return fmt.Sprintf("HasCheck(%v, %d, %d)", it.c.dir, it.c.pred, it.c.val)
}

// Stats: at most the input, each node checked by one index lookup.
func (it *hasCheckIterator) Stats(ctx context.Context) (iterator.Costs, error) {
	st, err := it.from.Stats(ctx)
	st.NextCost += 2
	st.ContainsCost += 2
	st.Size.Exact = false
	return st, err
}

func (it *hasCheckIterator) Iterate() iterator.Scanner {
	return &hasCheckScanner{c: it.c, from: it.from.Iterate()}
}

func (it *hasCheckIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	it.optimize(ctx)
	return it, false
}

type hasCheckScanner struct {
	c    hasCheck
	from iterator.Scanner
	err  error
}

func (sc *hasCheckScanner) String() string { return "HasCheckNext" }

func (sc *hasCheckScanner) Next(ctx context.Context) bool {
	for sc.err == nil && sc.from.Next(ctx) {
		x, ok := kvID(sc.from.Result())
		if !ok {
			sc.err = fmt.Errorf("has check on node %v: not a kv node", sc.from.Result())
			return false
		}
		has, err := sc.has(ctx, x)
		if err != nil {
			sc.err = err
			return false
		}
		if has {
			return true
		}
	}
	if sc.err == nil {
		sc.err = sc.from.Err()
	}
	return false
}

// has reports whether a live quad (x, p, val) (or (val, p, x)) exists.
func (sc *hasCheckScanner) has(ctx context.Context, x uint64) (bool, error) {
	ind, other := spo, quad.Object
	if sc.c.dir == quad.Object {
		ind, other = osp, quad.Subject
	}
	quads := ckv.IndexScan{Index: ind, Values: []uint64{x, sc.c.pred}}.BuildIterator(sc.c.store).Iterate()
	defer quads.Close()
	for quads.Next(ctx) {
		r, err := sc.c.store.QuadDirection(quads.Result(), other)
		if err != nil {
			return false, err
		}
		if v, ok := kvID(r); ok && v == sc.c.val {
			return true, nil
		}
	}
	return false, quads.Err()
}

func (sc *hasCheckScanner) Result() refs.Ref                   { return sc.from.Result() }
func (sc *hasCheckScanner) NextPath(ctx context.Context) bool  { return sc.from.NextPath(ctx) }
func (sc *hasCheckScanner) TagResults(dst map[string]refs.Ref) { sc.from.TagResults(dst) }
func (sc *hasCheckScanner) Err() error                         { return sc.err }
func (sc *hasCheckScanner) Close() error                       { return sc.from.Close() }
