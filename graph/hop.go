package graph

import (
	"context"
	"encoding/binary"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
	"google.golang.org/protobuf/proto"
)

// Every statement that repeats a stance is a quad of its own, so the
// second hop of "who shares a position with China",
// g.V(A).Out(supports).In(supports).Unique(), read every support quad of
// each of China's targets: its cost grew with the corpus times the
// number of targets (exponent 1.2 from 300 statements to the whole
// corpus), although the answer is at most the delegations.
//
// On a kv store, the keys of the (object, predicate, subject) index name
// each (target, predicate, supporter) once, however many statements say
// it, with the ids of those quads as the value. A distinctHop answers
// Unique(In(p) from X) from those keys: for each node x of X, the
// subjects of the keys under (x, p), each checked for one live quad
// (Cayley marks deleted quads dead in its log and leaves them in the
// index lists).

// osp is the kv index a distinctHop reads.
var osp = ckv.QuadIndex{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}}

// A distinctHop is Unique(NodesFrom{Subject, Quads{{Object, from}, {Predicate, pred}}})
// on a kv store with the osp index, from having no tags.
type distinctHop struct {
	from  shape.Shape // the objects; a Unique, so that each is read once
	pred  uint64
	db    hkv.KV
	plain shape.Shape // the same query as Cayley plans it, for lookups
}

// distinctHop returns u as a distinctHop when it is Unique(In(p) from
// X) with no tags in X, and the store is a kv store with the osp index.
func (q planQS) distinctHop(u shape.Unique) (shape.Shape, bool) {
	if q.kvdb == nil || !hasIndex(q.kvIndexes, osp) {
		return nil, false
	}
	var from shape.Shape
	var pred uint64
	switch f := open(u.From).(type) {
	case indexHop:
		p, ok := kvID(f.pred)
		if !f.in || !ok {
			return nil, false
		}
		from, pred = f.from, p
	case shape.NodesFrom:
		fr, p, start, ok := stepFrom(f)
		if !ok || start != quad.Object || f.Dir != quad.Subject {
			return nil, false
		}
		if pred, ok = kvID(p); !ok {
			return nil, false
		}
		from = fr
	default:
		return nil, false
	}
	if hasTags(from) {
		return nil, false
	}
	if !listsOnce(from) {
		from = shape.Unique{From: from}
	}
	return distinctHop{from: from, pred: pred, db: q.kvdb, plain: u}, true
}

// listsOnce reports whether s gives each node once.
func listsOnce(s shape.Shape) bool {
	switch s := open(s).(type) {
	case shape.Unique, distinctHop:
		return true
	case csql.Select:
		return isDistinct(s)
	}
	return false
}

func (s distinctHop) BuildIterator(qs cgraph.QuadStore) iterator.Shape {
	return &hopIterator{hopBase: hopBase{qs: qs, from: s.from.BuildIterator(qs), plain: s.plain}, s: s}
}

func (s distinctHop) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) { return s, false }

// hopBase is what the iterators of the two hops share: their input, and
// Cayley's plan of the same step for lookups.
type hopBase struct {
	qs    cgraph.QuadStore
	from  iterator.Shape
	plain shape.Shape
}

// Lookup checks a node the way Cayley's plan of the same step does.
func (it *hopBase) Lookup() iterator.Index { return it.plain.BuildIterator(it.qs).Lookup() }

func (it *hopBase) Stats(ctx context.Context) (iterator.Costs, error) {
	st, err := it.from.Stats(ctx)
	return iterator.Costs{
		NextCost:     st.NextCost + 2,
		ContainsCost: st.ContainsCost + 2,
		Size:         refs.Size{Value: st.Size.Value * 20, Exact: false}, // as Cayley's LinksTo guesses
	}, err
}

func (it *hopBase) optimize(ctx context.Context) {
	if from, ok := it.from.Optimize(ctx); ok {
		it.from = from
	}
}

func (it *hopBase) SubIterators() []iterator.Shape { return []iterator.Shape{it.from} }

type hopIterator struct {
	hopBase
	s distinctHop
}

func (it *hopIterator) String() string { return fmt.Sprintf("DistinctHop(%d)", it.s.pred) }

func (it *hopIterator) Iterate() iterator.Scanner {
	return &hopScanner{s: it.s, from: it.from.Iterate(), seen: map[uint64]bool{}}
}

func (it *hopIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	it.optimize(ctx)
	return it, false
}

type hopScanner struct {
	s    distinctHop
	from iterator.Scanner
	tx   hkv.Tx
	keys hkv.Iterator // under the current object, or nil
	seen map[uint64]bool
	cur  refs.Ref
	err  error
}

func (sc *hopScanner) String() string { return "DistinctHopNext" }

func (sc *hopScanner) Next(ctx context.Context) bool {
	sc.cur = nil
	if sc.err != nil {
		return false
	}
	if sc.tx == nil {
		if sc.tx, sc.err = sc.s.db.Tx(ctx, false); sc.err != nil {
			return false
		}
	}
	for {
		if sc.keys == nil {
			x, ok := nextNode(ctx, sc.from, &sc.err)
			if !ok {
				return false
			}
			sc.keys = sc.tx.Scan(ctx, options.WithPrefixKV(osp.Key([]uint64{x, sc.s.pred})))
		}
		for sc.keys.Next(ctx) {
			k := sc.keys.Key()
			if len(k) != 2 || len(k[1]) != 24 {
				continue
			}
			subj := binary.BigEndian.Uint64(k[1][16:])
			if sc.seen[subj] {
				continue
			}
			live, err := anyLive(ctx, sc.tx, sc.keys.Val())
			if err != nil {
				sc.err = err
				return false
			}
			if live {
				sc.seen[subj] = true
				sc.cur = ckv.Int64Value(subj)
				return true
			}
		}
		if err := sc.keys.Err(); err != nil {
			sc.err = err
			return false
		}
		sc.keys.Close()
		sc.keys = nil
	}
}

// nextNode advances a hop's input and returns the kv id of its node; at
// the end, or on an error it stores in *err, it reports false.
func nextNode(ctx context.Context, from iterator.Scanner, err *error) (uint64, bool) {
	if !from.Next(ctx) {
		*err = from.Err()
		return 0, false
	}
	x, ok := from.Result().(ckv.Int64Value)
	if !ok {
		*err = fmt.Errorf("hop from node %v: not a kv node", from.Result())
		return 0, false
	}
	return uint64(x), true
}

// anyLive reports whether one of the quads an index entry lists is live,
// reading their log records a few at a time, most often just the first.
func anyLive(ctx context.Context, tx hkv.Tx, val []byte) (bool, error) {
	const batch = 4
	keys := make([]hkv.Key, 0, batch)
	for len(val) > 0 {
		keys = keys[:0]
		for len(val) > 0 && len(keys) < batch {
			id, n := binary.Uvarint(val)
			if n <= 0 {
				return false, fmt.Errorf("distinct hop: bad index entry")
			}
			val = val[n:]
			keys = append(keys, logKey(id))
		}
		recs, err := tx.GetBatch(ctx, keys)
		if err != nil {
			return false, err
		}
		for _, r := range recs {
			if r == nil {
				continue
			}
			var p cproto.Primitive
			if err := proto.Unmarshal(r, &p); err != nil {
				return false, fmt.Errorf("distinct hop: read quad log: %w", err)
			}
			if !p.Deleted {
				return true, nil
			}
		}
	}
	return false, nil
}

func (sc *hopScanner) Result() refs.Ref               { return sc.cur }
func (sc *hopScanner) NextPath(context.Context) bool  { return false }
func (sc *hopScanner) TagResults(map[string]refs.Ref) {} // nothing below is tagged
func (sc *hopScanner) Err() error                     { return sc.err }

func (sc *hopScanner) Close() error {
	if sc.keys != nil {
		sc.keys.Close()
		sc.keys = nil
	}
	err := sc.from.Close()
	if sc.tx != nil {
		sc.tx.Close()
		sc.tx = nil
	}
	return err
}

// Cayley steps from a set of nodes X along one predicate p by joining
// every quad of each node with the quads of p, reading each quad's
// record to check its predicate: Out(statement) from a claim reads the
// claim's ten or so quads for the one it needs. An indexHop looks the
// quads of (x, p) up in the kv index that starts with x's direction and
// p instead: (subject, predicate) for Out, (object, predicate, subject)
// for In. Results, their number and their paths are those of Cayley's
// plan: one result a quad, tags and other paths from X.
//
// On the memstore, which has no (node, predicate) index, an indexHop
// reads each node's quads in its one direction and keeps those of p:
// "support claims on a topic by year" reads the 760 claims' quads
// instead of every claim's statement and year.
type indexHop struct {
	from  shape.Shape
	pred  refs.Ref
	in    bool             // In(p): the subjects of (s, p, x); else Out(p): the objects of (x, p, o)
	store cgraph.QuadStore // the kv store (read its index), or the memstore (read each node's quads)
	plain shape.Shape      // the same step as Cayley plans it, for lookups
}

// index is the kv index the hop reads, and goal the direction of its
// results.
func (h indexHop) index() (ckv.QuadIndex, quad.Direction) {
	if h.in {
		return osp, quad.Subject
	}
	return spo, quad.Object
}

// kvIndex reports whether the hop reads a kv index: it runs on a kv store.
func (h indexHop) kvIndex() bool {
	_, ok := h.store.(*ckv.QuadStore)
	return ok
}

// spo is the kv index an indexHop reads for Out.
var spo = ckv.QuadIndex{Dirs: []quad.Direction{quad.Subject, quad.Predicate}}

// indexHop returns nf as an indexHop when it is a step from a set of
// nodes (not fixed ones, which Cayley plans as an index scan already)
// along one fixed predicate, on a kv store with the index it needs.
func (q planQS) indexHop(nf shape.NodesFrom) (shape.Shape, bool) {
	if q.kvdb == nil && !q.memstore() {
		return nil, false
	}
	from, pred, start, ok := stepFrom(nf)
	if !ok {
		return nil, false
	}
	if _, fixed := open(from).(shape.Fixed); fixed {
		return nil, false
	}
	h := indexHop{from: from, pred: pred, in: start == quad.Object, store: q.QuadStore, plain: nf}
	ind, goal := h.index()
	if start == goal || nf.Dir != goal {
		return nil, false
	}
	if q.kvdb != nil {
		if _, ok := kvID(pred); !ok || !hasIndex(q.kvIndexes, ind) {
			return nil, false
		}
		h.store = q.store
	}
	return h, true
}

// stepFrom reads NodesFrom{Quads{{start, from}, {Predicate, Fixed{p}}}}.
func stepFrom(nf shape.NodesFrom) (from shape.Shape, pred refs.Ref, start quad.Direction, ok bool) {
	qs, isQuads := open(nf.Quads).(shape.Quads)
	if !isQuads || len(qs) != 2 {
		return nil, nil, 0, false
	}
	for _, f := range qs {
		switch f.Dir {
		case quad.Predicate:
			fx, isFixed := open(f.Values).(shape.Fixed)
			if !isFixed || len(fx) != 1 {
				return nil, nil, 0, false
			}
			pred = fx[0]
		case quad.Subject, quad.Object:
			from, start = f.Values, f.Dir
		}
	}
	return from, pred, start, pred != nil && from != nil
}

// kvID is the kv id of a node reference, if it is one.
func kvID(r refs.Ref) (uint64, bool) {
	v, ok := r.(ckv.Int64Value)
	return uint64(v), ok
}

func (s indexHop) BuildIterator(qs cgraph.QuadStore) iterator.Shape {
	return &indexHopIterator{hopBase: hopBase{qs: qs, from: s.from.BuildIterator(qs), plain: s.plain}, s: s}
}

func (s indexHop) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) { return s, false }

type indexHopIterator struct {
	hopBase
	s indexHop
}

func (it *indexHopIterator) String() string {
	return fmt.Sprintf("IndexHop(%v, in=%v)", it.s.pred, it.s.in)
}

func (it *indexHopIterator) Iterate() iterator.Scanner {
	return &indexHopScanner{s: it.s, from: it.from.Iterate()}
}

func (it *indexHopIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	it.optimize(ctx)
	return it, false
}

type indexHopScanner struct {
	s     indexHop
	from  iterator.Scanner
	quads iterator.Scanner // of the current node of from, or nil
	cur   refs.Ref
	err   error
}

func (sc *indexHopScanner) String() string { return "IndexHopNext" }

func (sc *indexHopScanner) Next(ctx context.Context) bool {
	sc.cur = nil
	if sc.err != nil {
		return false
	}
	ind, goal := sc.s.index()
	for {
		if sc.quads == nil {
			if !sc.openQuads(ctx, ind) {
				return false
			}
		}
		if sc.quads.Next(ctx) {
			q := sc.quads.Result()
			if !sc.s.kvIndex() {
				p, err := sc.s.store.QuadDirection(q, quad.Predicate)
				if err != nil {
					sc.err = err
					return false
				}
				if refs.ToKey(p) != refs.ToKey(sc.s.pred) {
					continue
				}
			}
			r, err := sc.s.store.QuadDirection(q, goal)
			if err != nil {
				sc.err = err
				return false
			}
			sc.cur = r
			return true
		}
		if err := sc.quads.Err(); err != nil {
			sc.err = err
			return false
		}
		sc.quads.Close()
		sc.quads = nil
	}
}

// openQuads moves to the next node of from and opens its quads: those
// of (node, p) in the kv index ind, or all of the node's quads in its
// direction on the memstore.
func (sc *indexHopScanner) openQuads(ctx context.Context, ind ckv.QuadIndex) bool {
	if !sc.s.kvIndex() {
		if !sc.from.Next(ctx) {
			sc.err = sc.from.Err()
			return false
		}
		dir := quad.Subject
		if sc.s.in {
			dir = quad.Object
		}
		sc.quads = sc.s.store.QuadIterator(dir, sc.from.Result()).Iterate()
		return true
	}
	x, ok := nextNode(ctx, sc.from, &sc.err)
	if !ok {
		return false
	}
	pred, _ := kvID(sc.s.pred)
	scan := ckv.IndexScan{Index: ind, Values: []uint64{x, pred}}
	sc.quads = scan.BuildIterator(sc.s.store).Iterate()
	return true
}

func (sc *indexHopScanner) Result() refs.Ref { return sc.cur }

// NextPath gives the other paths to the current quad's node in from, as
// Cayley's join of the quad with from does.
func (sc *indexHopScanner) NextPath(ctx context.Context) bool { return sc.from.NextPath(ctx) }

func (sc *indexHopScanner) TagResults(dst map[string]refs.Ref) { sc.from.TagResults(dst) }

func (sc *indexHopScanner) Err() error { return sc.err }

func (sc *indexHopScanner) Close() error {
	if sc.quads != nil {
		sc.quads.Close()
		sc.quads = nil
	}
	return sc.from.Close()
}
