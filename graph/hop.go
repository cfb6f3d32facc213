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

// distinctHop returns u as a distinctHop when it has that form and the
// store is a kv store with the osp index.
func (q planQS) distinctHop(u shape.Unique) (shape.Shape, bool) {
	if q.kvdb == nil || !hasIndex(q.kvIndexes, osp) {
		return nil, false
	}
	nf, ok := open(u.From).(shape.NodesFrom)
	if !ok || nf.Dir != quad.Subject {
		return nil, false
	}
	qs, ok := open(nf.Quads).(shape.Quads)
	if !ok || len(qs) != 2 {
		return nil, false
	}
	var from shape.Shape
	pred, havePred := uint64(0), false
	for _, f := range qs {
		switch f.Dir {
		case quad.Predicate:
			fx, ok := open(f.Values).(shape.Fixed)
			if !ok || len(fx) != 1 {
				return nil, false
			}
			v, ok := fx[0].(ckv.Int64Value)
			if !ok {
				return nil, false
			}
			pred, havePred = uint64(v), true
		case quad.Object:
			from = f.Values
		}
	}
	if !havePred || from == nil || hasTags(from) {
		return nil, false
	}
	if _, ok := open(from).(shape.Unique); !ok {
		from = shape.Unique{From: from}
	}
	return distinctHop{from: from, pred: pred, db: q.kvdb, plain: u}, true
}

func hasIndex(list []ckv.QuadIndex, ind ckv.QuadIndex) bool {
	for _, l := range list {
		if len(l.Dirs) == len(ind.Dirs) {
			same := true
			for i, d := range l.Dirs {
				same = same && d == ind.Dirs[i]
			}
			if same {
				return true
			}
		}
	}
	return false
}

func (s distinctHop) BuildIterator(qs cgraph.QuadStore) iterator.Shape {
	return &hopIterator{s: s, qs: qs, from: s.from.BuildIterator(qs)}
}

func (s distinctHop) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) { return s, false }

type hopIterator struct {
	s    distinctHop
	qs   cgraph.QuadStore
	from iterator.Shape
}

func (it *hopIterator) String() string { return fmt.Sprintf("DistinctHop(%d)", it.s.pred) }

func (it *hopIterator) Iterate() iterator.Scanner {
	return &hopScanner{s: it.s, from: it.from.Iterate(), seen: map[uint64]bool{}}
}

// Lookup checks a node the way Cayley's plan of the same query does.
func (it *hopIterator) Lookup() iterator.Index { return it.s.plain.BuildIterator(it.qs).Lookup() }

func (it *hopIterator) Stats(ctx context.Context) (iterator.Costs, error) {
	st, err := it.from.Stats(ctx)
	return iterator.Costs{
		NextCost:     st.NextCost + 2,
		ContainsCost: st.ContainsCost + 2,
		Size:         refs.Size{Value: st.Size.Value * 20, Exact: false},
	}, err
}

func (it *hopIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	if from, ok := it.from.Optimize(ctx); ok {
		it.from = from
	}
	return it, false
}

func (it *hopIterator) SubIterators() []iterator.Shape { return []iterator.Shape{it.from} }

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
			if !sc.from.Next(ctx) {
				sc.err = sc.from.Err()
				return false
			}
			x, ok := sc.from.Result().(ckv.Int64Value)
			if !ok {
				sc.err = fmt.Errorf("distinct hop: node %v is not a kv node", sc.from.Result())
				return false
			}
			sc.keys = sc.tx.Scan(ctx, options.WithPrefixKV(osp.Key([]uint64{uint64(x), sc.s.pred})))
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
			keys = append(keys, hkv.Key{kvLog[0], binary.BigEndian.AppendUint64(nil, id)})
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
