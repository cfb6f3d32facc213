package graph

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// Cayley's iterators pass the query's context down the iterator tree
// but check it only between results: an And, a HasA or a value filter
// that rejects everything loops inside one Next until its inputs run
// out, so a deep traversal whose filters match nothing kept a CPU busy
// long after its query timed out. The wrappers here make the leaves of
// the tree, where every such loop ends up, check the context: once it
// is done the leaf reports no more results and the loops above it end.
//
// For kv stores (bolt, leveldb) the check sits in the read transactions
// (cancelTx), under Cayley's own kv iterators, so the kv optimiser and
// its index scans keep working. The memstore's leaves are wrapped at the
// quad store (cancelQS). PostgreSQL needs neither: database/sql ends a
// query whose context is done.

// cancelTx is a read transaction whose reads fail once their context is
// done. With a cache (read-only stores), its reads of log records go
// through it (kvcache.go).
type cancelTx struct {
	hkv.Tx
	cache *logCache
}

func (tx cancelTx) Get(ctx context.Context, k hkv.Key) (hkv.Value, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if tx.cache != nil {
		return tx.cache.cachedGet(ctx, tx.Tx, k)
	}
	return tx.Tx.Get(ctx, k)
}

func (tx cancelTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if tx.cache != nil {
		return tx.cache.cachedGetBatch(ctx, tx.Tx, keys)
	}
	return tx.Tx.GetBatch(ctx, keys)
}

func (tx cancelTx) Scan(ctx context.Context, opts ...hkv.IteratorOption) hkv.Iterator {
	return &cancelKVIterator{Iterator: tx.Tx.Scan(ctx, opts...)}
}

// stopped remembers that an iterator saw its context done, so that its
// Err says why it ended.
type stopped struct{ err error }

// done reports whether ctx is done, remembering its error.
func (s *stopped) done(ctx context.Context) bool {
	s.err = ctx.Err()
	return s.err != nil
}

// or returns the context's error if the iterator stopped for it, else the
// iterator's own.
func (s *stopped) or(err error) error {
	if s.err != nil {
		return s.err
	}
	return err
}

// cancelKVIterator stops at the first Next after its context is done.
type cancelKVIterator struct {
	hkv.Iterator
	stopped
}

func (it *cancelKVIterator) Next(ctx context.Context) bool {
	return !it.done(ctx) && it.Iterator.Next(ctx)
}

func (it *cancelKVIterator) Err() error { return it.or(it.Iterator.Err()) }

// cancelQS is a quad store whose iterators stop once the context given
// to their Next or Contains is done. Use it only for stores without a
// shape optimiser (the memstore): the kv and SQL optimisers build
// iterators that require their own store type.
type cancelQS struct{ cgraph.QuadStore }

func (qs cancelQS) QuadIterator(d quad.Direction, v refs.Ref) iterator.Shape {
	return cancelShape{qs.QuadStore.QuadIterator(d, v)}
}

func (qs cancelQS) NodesAllIterator() iterator.Shape {
	return cancelShape{qs.QuadStore.NodesAllIterator()}
}

func (qs cancelQS) QuadsAllIterator() iterator.Shape {
	return cancelShape{qs.QuadStore.QuadsAllIterator()}
}

type cancelShape struct{ iterator.Shape }

func (s cancelShape) Iterate() iterator.Scanner {
	return &cancelScanner{Scanner: s.Shape.Iterate()}
}

func (s cancelShape) Lookup() iterator.Index {
	return &cancelIndex{Index: s.Shape.Lookup()}
}

func (s cancelShape) Optimize(ctx context.Context) (iterator.Shape, bool) {
	o, ok := s.Shape.Optimize(ctx)
	if _, null := o.(*iterator.Null); null {
		return o, ok
	}
	return cancelShape{o}, ok
}

type cancelScanner struct {
	iterator.Scanner
	stopped
}

func (it *cancelScanner) Next(ctx context.Context) bool {
	return !it.done(ctx) && it.Scanner.Next(ctx)
}

func (it *cancelScanner) NextPath(ctx context.Context) bool {
	return !it.done(ctx) && it.Scanner.NextPath(ctx)
}

func (it *cancelScanner) Err() error { return it.or(it.Scanner.Err()) }

type cancelIndex struct {
	iterator.Index
	stopped
}

func (it *cancelIndex) Contains(ctx context.Context, v refs.Ref) bool {
	return !it.done(ctx) && it.Index.Contains(ctx, v)
}

func (it *cancelIndex) NextPath(ctx context.Context) bool {
	return !it.done(ctx) && it.Index.NextPath(ctx)
}

func (it *cancelIndex) Err() error { return it.or(it.Index.Err()) }
