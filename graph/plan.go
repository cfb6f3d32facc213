package graph

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// Cayley builds `Out([p1, p2, ...], "tag")` (and In) as a quad filter
// whose predicate values are a Save over the fixed predicates. No
// optimiser sees through the Save: the kv stores join the actor's quads
// with every quad of the listed predicates, picking the predicates'
// side because Cayley guesses its size from the 2-4 values (times 20),
// and the SQL optimiser leaves the join to iterators. All stances of
// one actor, tagged by predicate, took 1.3 s on bolt and 5 s on
// PostgreSQL on the whole corpus, against 20 ms untagged.
//
// planQS is the quad store queries run on. Its optimiser rewrites that
// filter as the union, over the predicates, of the same traversal with
// one fixed predicate and the tag set to it (a FixedTags): the results
// and their tags are the same quads, and each part is an index lookup
// the store's own optimiser plans. It also plans the step into a
// Unique() for the store at hand (distinctHop on kv stores, hop.go;
// hopUniques; on PostgreSQL a Unique becomes SELECT DISTINCT,
// distinctSelect), a step from a set of nodes along one predicate on kv
// stores and the memstore (indexHop), and Has(p, o) filters on kv
// stores (hasCheck, has.go). Everything else goes to the store's
// optimiser unchanged.
//
// A store's optimiser returns shapes that build only on the store's own
// type (kv.IndexScan, sql.Select check for it), while Cayley builds the
// tree on the quad store the query was given. planQS therefore wraps
// each shape its store's optimiser changed in a bound, which builds on
// the store; and before handing a shape to that optimiser it takes the
// bounds off the shape's direct children, so the SQL optimiser can still
// merge them into one SELECT.
type planQS struct {
	cgraph.QuadStore // generic iterators are built on this (the memstore's cancelQS)
	store            cgraph.QuadStore
	opt              shape.Optimizer // the store's optimiser, or nil
	kvdb             hkv.KV          // a kv store's database (distinctHop), or nil
	kvIndexes        []ckv.QuadIndex // a kv store's quad indexes
}

// newPlanQS returns the quad store for queries on store; iterators of
// generic shapes are built on base (store itself, or a wrapper of it).
func newPlanQS(store, base cgraph.QuadStore) planQS {
	o, _ := store.(shape.Optimizer)
	return planQS{QuadStore: base, store: store, opt: o}
}

// ValuesOf and RefsOf keep the store's batch lookups, which the
// embedded interface would hide.
func (q planQS) ValuesOf(ctx context.Context, vals []refs.Ref) ([]quad.Value, error) {
	return refs.ValuesOf(ctx, q.store, vals)
}

func (q planQS) RefsOf(ctx context.Context, nodes []quad.Value) ([]refs.Ref, error) {
	return refs.RefsOf(ctx, q.store, nodes)
}

// memstore reports whether the store is Cayley's memstore.
func (q planQS) memstore() bool {
	_, ok := q.store.(*memstore.QuadStore)
	return ok
}

// sqlStore reports whether the store is Cayley's SQL store (PostgreSQL).
func (q planQS) sqlStore() bool {
	_, ok := q.store.(*csql.QuadStore)
	return ok
}

// OptimizeShape is called bottom-up on every shape of a query, children
// first. It plans steps (planStep) and a Unique over a step
// (distinctHop, hopUniques), and hands the rest to the store's optimiser,
// binding what that changed.
func (q planQS) OptimizeShape(ctx context.Context, s shape.Shape) (shape.Shape, bool) {
	switch t := s.(type) {
	case shape.NodesFrom:
		if ns, ok := q.planStep(ctx, t); ok {
			return ns, true
		}
	case shape.Intersect:
		if ns, ok := q.planHas(ctx, t); ok {
			return ns, true
		}
	case shape.Unique:
		if h, ok := q.distinctHop(t); ok {
			return h, true
		}
		if ns, ok := q.hopUniques(ctx, t); ok {
			ns, _ = shape.Optimize(ctx, ns, q)
			return ns, true
		}
		if sel, ok := distinctSelect(t); ok {
			return bound{Shape: sel, store: q.store}, true
		}
	}
	if q.opt == nil || holdsTaggedFixed(s) {
		// The store's optimiser would turn the Save into its own shape
		// before the NodesFrom above it can be split.
		return s, false
	}
	u, unbound := unbindChildren(s)
	ns, ok := q.opt.OptimizeShape(ctx, u)
	if !ok && !unbound {
		return s, false
	}
	if shape.IsNull(ns) {
		return ns, true
	}
	b := bound{Shape: ns, store: q.store, tagged: hasTags(u)}
	if _, merged := ns.(csql.Select); merged && q.sqlStore() {
		b.merged = s
	}
	return b, true
}

// planStep plans a step: it splits a tagged predicate list, gives a step
// from a split list on PostgreSQL the unsplit plan, or looks the quads
// of a step from a set of nodes up in a kv index (indexHop).
func (q planQS) planStep(ctx context.Context, nf shape.NodesFrom) (shape.Shape, bool) {
	if parts, ok := splitTaggedFilter(nf); ok {
		u := planned{}
		for _, p := range parts {
			if p, _ = shape.Optimize(ctx, p, q); !shape.IsNull(p) {
				u.parts = append(u.parts, p)
			}
		}
		if len(u.parts) == 0 {
			return shape.Null{}, true
		}
		if q.sqlStore() {
			u.orig = q.stockPlan(ctx, nf)
		}
		return u, true
	}
	if q.sqlStore() {
		if ns, ok := unsplit(nf); ok {
			ns, _ = shape.Optimize(ctx, ns, q)
			return ns, true
		}
	}
	return q.indexHop(nf)
}

// hopUniques plans the step into a Unique: in Unique(NodesFrom(quads
// whose node is in X)) the result is the same set of nodes whether or
// not X repeats a node, so a Unique on X may be added. The kv stores and
// the memstore then follow each node of X once instead of once per quad
// that reached it ("who shares a position with China" without Unique()
// after the first hop: 175 -> 25 ms on bolt, whole corpus). On
// PostgreSQL both Uniques become SELECT DISTINCT (distinctSelect): the
// join reads each target's supporters once per target instead of once
// per statement that named the target (86,392 joined rows -> 278 on the
// whole corpus; sgbench q3 median 27.5 -> 3.9-4.3 ms on PostgreSQL), so
// its cost grows with the graph, not with its square. A Unique with tags below it is left alone: it keeps one path
// of many, and which one may depend on the plan.
func (q planQS) hopUniques(ctx context.Context, u shape.Unique) (shape.Shape, bool) {
	if h, ok := open(u.From).(indexHop); ok {
		if listsOnce(h.from) || hasTags(h.from) {
			return nil, false
		}
		h.from, _ = shape.Optimize(ctx, shape.Unique{From: h.from}, q)
		return shape.Unique{From: h}, true
	}
	nf, ok := unmerged(u.From).(shape.NodesFrom)
	if !ok {
		return nil, false
	}
	qs, ok := unmerged(nf.Quads).(shape.Quads)
	if !ok {
		return nil, false
	}
	var nq shape.Quads
	for i, f := range qs {
		if _, ok := open(f.Values).(shape.Fixed); ok || hasTags(f.Values) || listsOnce(f.Values) {
			continue
		}
		if nq == nil {
			nq = make(shape.Quads, len(qs))
			copy(nq, qs)
		}
		nq[i].Values = shape.Unique{From: f.Values}
	}
	if nq == nil {
		return nil, false
	}
	return shape.Unique{From: shape.NodesFrom{Dir: nf.Dir, Quads: nq}}, true
}

// hasTags reports whether the results of s carry tags, looking through
// generic shapes down to bounds, which remember it.
func hasTags(s shape.Shape) bool {
	return tagsIn(reflect.ValueOf(s))
}

func tagsIn(v reflect.Value) bool {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	if v.Type().Implements(shapeType) {
		switch s := v.Interface().(type) {
		case bound:
			return s.tagged
		case shape.Save:
			return len(s.Tags) > 0 || tagsIn(reflect.ValueOf(s.From))
		case shape.FixedTags:
			return len(s.Tags) > 0 || tagsIn(reflect.ValueOf(s.On))
		case shape.QuadsAction:
			return len(s.Save) > 0
		case shape.IntersectOpt:
			return true
		}
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && tagsIn(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if tagsIn(v.Index(i)) {
				return true
			}
		}
	}
	return false
}

// splitTaggedFilter rewrites NodesFrom{Quads{..., {dir, Save{Fixed{p1..pn}, tags}}}}
// as Union_i FixedTags{NodesFrom{Quads{..., {dir, Fixed{pi}}}}, tags: pi}.
// The other filters are repeated in each part; they are usually one
// node (the actor) and the list has a few predicates.
func splitTaggedFilter(nf shape.NodesFrom) (shape.Union, bool) {
	qs, ok := nf.Quads.(shape.Quads)
	if !ok {
		return nil, false
	}
	at := -1
	for i, f := range qs {
		if _, ok := taggedFixed(f.Values); ok {
			if at >= 0 {
				return nil, false // two tagged lists: leave it
			}
			at = i
		}
	}
	if at < 0 {
		return nil, false
	}
	sv, _ := taggedFixed(qs[at].Values)
	// A predicate listed twice matches its quads once, as in Cayley.
	var vals shape.Fixed
	for _, v := range sv.From.(shape.Fixed) {
		if !slices.Contains(vals, v) {
			vals = append(vals, v)
		}
	}
	u := make(shape.Union, 0, len(vals))
	for _, v := range vals {
		one := make(shape.Quads, len(qs))
		copy(one, qs)
		one[at].Values = shape.Fixed{v}
		tags := make(map[string]refs.Ref, len(sv.Tags))
		for _, t := range sv.Tags {
			tags[t] = v
		}
		u = append(u, shape.FixedTags{On: shape.NodesFrom{Dir: nf.Dir, Quads: one}, Tags: tags})
	}
	return u, true
}

// taggedFixed reports whether s is a Save over fixed values.
func taggedFixed(s shape.Shape) (shape.Save, bool) {
	sv, ok := s.(shape.Save)
	if !ok || len(sv.Tags) == 0 {
		return sv, false
	}
	_, ok = sv.From.(shape.Fixed)
	return sv, ok
}

// holdsTaggedFixed reports whether s is, or is a quad filter list
// holding, a Save over fixed values: the parts splitTaggedFilter needs
// to find unchanged.
func holdsTaggedFixed(s shape.Shape) bool {
	if _, ok := taggedFixed(s); ok {
		return true
	}
	if qs, ok := s.(shape.Quads); ok {
		for _, f := range qs {
			if _, ok := taggedFixed(f.Values); ok {
				return true
			}
		}
	}
	return false
}

// planned is the union splitTaggedFilter made, its parts optimised. It
// is not optimised again: Cayley's Union.Optimize pulls fixed tags out
// of its parts as if it were an intersection, which would give every
// result the last part's tag.
//
// On PostgreSQL a step after the union counts paths wrongly: Cayley's
// SQL iterators give a node's repeats as other paths of one result, and
// skip those not asked for before their next result, which the union's
// consumers do not ask for on every quad (24 rows for 49, random test).
// There the union keeps the unsplit plan, orig, and a step from it
// (unsplit) takes that instead; a tagged list that ends the query, the
// common case, stays split.
type planned struct {
	parts []shape.Shape
	orig  shape.Shape // PostgreSQL: Cayley's plan of the unsplit step
}

func (u planned) BuildIterator(qs cgraph.QuadStore) iterator.Shape {
	subs := make([]iterator.Shape, len(u.parts))
	for i, p := range u.parts {
		subs[i] = onePath{p.BuildIterator(qs)}
	}
	return iterator.NewOr(subs...)
}

func (u planned) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) { return u, false }

// unsplit returns nf with the split unions among its quad filters
// replaced by their unsplit plans, if it has any.
func unsplit(nf shape.NodesFrom) (shape.Shape, bool) {
	qs, ok := open(nf.Quads).(shape.Quads)
	if !ok {
		return nil, false
	}
	var nq shape.Quads
	for i, f := range qs {
		if u, ok := f.Values.(planned); ok && u.orig != nil {
			if nq == nil {
				nq = slices.Clone(qs)
			}
			nq[i].Values = u.orig
		}
	}
	if nq == nil {
		return nil, false
	}
	return shape.NodesFrom{Dir: nf.Dir, Quads: nq}, true
}

// stockPlan is s as the store's optimiser alone plans it, bound to the
// store.
func (q planQS) stockPlan(ctx context.Context, s shape.Shape) shape.Shape {
	ns, _ := s.Optimize(ctx, q.opt)
	if shape.IsNull(ns) {
		return shape.Null{}
	}
	return bound{Shape: ns, store: q.store, tagged: true}
}

// onePath passes NextPath on to its iterator only while the current
// result may have more paths: Cayley's SQL iterator dereferences a nil
// result when NextPath is called again after it returned false, which an
// Or under a later step does.
type onePath struct{ iterator.Shape }

func (s onePath) Iterate() iterator.Scanner { return &onePathScanner{Scanner: s.Shape.Iterate()} }

func (s onePath) Optimize(ctx context.Context) (iterator.Shape, bool) {
	o, ok := s.Shape.Optimize(ctx)
	return onePath{o}, ok
}

type onePathScanner struct {
	iterator.Scanner
	more bool // the current result may have other paths

	// After a NextPath that returned false, Cayley's SQL iterator has no
	// result and no tags, where other iterators keep the last path, and
	// its consumers read them: the last path is kept here.
	stale bool
	last  refs.Ref
	tags  map[string]refs.Ref
}

func (sc *onePathScanner) Next(ctx context.Context) bool {
	sc.stale = false
	sc.more = sc.Scanner.Next(ctx)
	return sc.more
}

func (sc *onePathScanner) NextPath(ctx context.Context) bool {
	if !sc.more {
		return false
	}
	// The last path, kept in case the scanner loses it. The map is
	// reused: it is read only while stale, and refilled only after Next.
	if sc.tags == nil {
		sc.tags = map[string]refs.Ref{}
	}
	clear(sc.tags)
	sc.last = sc.Scanner.Result()
	sc.Scanner.TagResults(sc.tags)
	sc.more = sc.Scanner.NextPath(ctx)
	sc.stale = !sc.more
	return sc.more
}

func (sc *onePathScanner) Result() refs.Ref {
	if sc.stale {
		return sc.last
	}
	return sc.Scanner.Result()
}

func (sc *onePathScanner) TagResults(dst map[string]refs.Ref) {
	if sc.stale {
		for k, v := range sc.tags {
			dst[k] = v
		}
		return
	}
	sc.Scanner.TagResults(dst)
}

// bound is a shape from a store's optimiser; it builds on that store
// whatever quad store it is given.
type bound struct {
	shape.Shape
	store  cgraph.QuadStore
	tagged bool // the shape the optimiser was given had tags (hasTags)

	// merged is, for a SELECT the SQL optimiser merged from several
	// shapes, the shape it was given, so that hopUniques can still see
	// the step the SELECT joins.
	merged shape.Shape
}

// unmerged is s without a bound, or the shape a merged SELECT was made
// from.
func unmerged(s shape.Shape) shape.Shape {
	if b, ok := s.(bound); ok && b.merged != nil {
		return b.merged
	}
	return open(s)
}

// distinctSelect turns Unique(SELECT node ...) into SELECT DISTINCT,
// which the SQL optimiser can still join into the SELECT of a step
// after it. Cayley's SQL layer has no DISTINCT: the DISTINCT select is
// a subquery of a plain one, so the outer select takes a WHERE for
// lookups and merges like any other. A SELECT with tags, a LIMIT or
// an OFFSET is left to Cayley's Unique.
func distinctSelect(u shape.Unique) (csql.Select, bool) {
	sel, ok := open(u.From).(csql.Select)
	if !ok || len(sel.Fields) != 1 || sel.Limit != 0 || sel.Offset != 0 {
		return csql.Select{}, false
	}
	if isDistinct(sel) {
		return sel, true
	}
	f := sel.Fields[0]
	if f.Raw || f.Alias != sqlNode {
		return csql.Select{}, false
	}
	name := f.Name
	if f.Table != "" {
		name = f.Table + "." + name
	}
	in := sel.Clone()
	in.Fields = []csql.Field{{Name: "DISTINCT " + name, Raw: true, Alias: sqlNode}}
	alias := fmt.Sprintf("%s%d", distinctPrefix, distinctAliases.Add(1))
	return csql.Select{
		Fields: []csql.Field{{Table: alias, Name: sqlNode, Alias: sqlNode}},
		From:   []csql.Source{csql.Subquery{Query: in, Alias: alias}},
	}, true
}

// isDistinct reports whether sel is one distinctSelect made.
func isDistinct(sel csql.Select) bool {
	if len(sel.Fields) != 1 || len(sel.From) != 1 || len(sel.Where) != 0 || sel.Limit != 0 || sel.Offset != 0 {
		return false
	}
	sub, ok := sel.From[0].(csql.Subquery)
	if !ok || !strings.HasPrefix(sub.Alias, distinctPrefix) || sel.Fields[0].Table != sub.Alias {
		return false
	}
	f := sub.Query.Fields
	return len(f) == 1 && f[0].Raw && strings.HasPrefix(f[0].Name, "DISTINCT ")
}

// distinctPrefix starts the alias of a distinctSelect's subquery.
const distinctPrefix = "sg_distinct"

// sqlNode is the column Cayley's SQL iterators read a result from.
const sqlNode = "__node"

// distinctAliases numbers the subqueries distinctSelect makes, which a
// later step may join into one FROM.
var distinctAliases atomic.Int64

func (b bound) BuildIterator(cgraph.QuadStore) iterator.Shape {
	if _, sql := b.store.(*csql.QuadStore); sql {
		// Cayley's SQL iterator dereferences a nil result on NextPath
		// after a NextPath that returned false, which its own LinksTo
		// and Or do: stock Cayley on PostgreSQL crashes the process on
		// g.V().In(p).In([q, r]).In(q) (random test). Every SELECT is
		// built behind a guard.
		return onePath{guardSelects(b.Shape).BuildIterator(b.store)}
	}
	return b.Shape.BuildIterator(b.store)
}

func (b bound) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) { return b, false }

// guardSelects returns s with each SQL SELECT in it behind onePath.
func guardSelects(s shape.Shape) shape.Shape {
	switch s := s.(type) {
	case csql.Select:
		return guardedSelect{s}
	case bound, guardedSelect:
		return s
	}
	ns, _ := mapChildren(s, func(c shape.Shape) (shape.Shape, bool) { return guardSelects(c), true })
	return ns
}

type guardedSelect struct{ csql.Select }

func (s guardedSelect) BuildIterator(qs cgraph.QuadStore) iterator.Shape {
	return onePath{s.Select.BuildIterator(qs)}
}

func (s guardedSelect) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

var shapeType = reflect.TypeOf((*shape.Shape)(nil)).Elem()

// unbindChildren returns s with the bounds taken off its direct children
// (fields, slice elements and quad filters holding a shape), and whether
// it took any off.
func unbindChildren(s shape.Shape) (shape.Shape, bool) {
	return mapChildren(s, func(c shape.Shape) (shape.Shape, bool) {
		if b, ok := c.(bound); ok {
			return b.Shape, true
		}
		return c, false
	})
}

// open is s without a bound around it. The children of a bound's shape
// may be the store's own shapes, so they are bound in turn, carrying
// the bound's tag flag.
func open(s shape.Shape) shape.Shape {
	b, ok := s.(bound)
	if !ok {
		return s
	}
	o, _ := mapChildren(b.Shape, func(c shape.Shape) (shape.Shape, bool) {
		if _, ok := c.(bound); ok {
			return c, false
		}
		return bound{Shape: c, store: b.store, tagged: b.tagged}, true
	})
	return o
}

// mapChildren returns s with f applied to its direct children: shapes
// held in its exported fields, its elements, or their exported fields
// (a quad filter's values). It does not descend below a child shape.
func mapChildren(s shape.Shape, f func(shape.Shape) (shape.Shape, bool)) (shape.Shape, bool) {
	v, ok := mapValue(reflect.ValueOf(s), true, f)
	if !ok {
		return s, false
	}
	return v.Interface().(shape.Shape), true
}

func mapValue(v reflect.Value, top bool, f func(shape.Shape) (shape.Shape, bool)) (reflect.Value, bool) {
	slot := v.Type()
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	if !top && v.Type().Implements(shapeType) {
		if slot.Kind() != reflect.Interface {
			return v, false // a field of one shape type (sql.Select's sources) holds no bound
		}
		c, ok := f(v.Interface().(shape.Shape))
		if !ok || !reflect.TypeOf(c).AssignableTo(slot) {
			return v, false
		}
		return reflect.ValueOf(c), true
	}
	switch v.Kind() {
	case reflect.Struct:
		var c reflect.Value
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			nf, ok := mapValue(v.Field(i), false, f)
			if !ok {
				continue
			}
			if !c.IsValid() {
				c = reflect.New(v.Type()).Elem()
				c.Set(v)
			}
			c.Field(i).Set(nf)
		}
		if c.IsValid() {
			return c, true
		}
	case reflect.Slice:
		var c reflect.Value
		for i := 0; i < v.Len(); i++ {
			ne, ok := mapValue(v.Index(i), false, f)
			if !ok {
				continue
			}
			if !c.IsValid() {
				c = reflect.MakeSlice(v.Type(), v.Len(), v.Len())
				reflect.Copy(c, v)
			}
			c.Index(i).Set(ne)
		}
		if c.IsValid() {
			return c, true
		}
	}
	return v, false
}
