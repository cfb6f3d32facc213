package graph

import (
	"context"
	"hash/maphash"
	"sync"

	hkv "github.com/hidal-go/hidalgo/kv"
)

// Cayley's kv store keeps every quad and node as a protobuf record in
// its "log" bucket, keyed by id, and fetches one record per quad an
// iterator visits: a B+tree descent through two nested buckets each time.
// On the whole corpus that is half the time of a typical analyst query.
// A read-only Store caches the raw records it has read, in memory: no
// write can happen while it is open (bolt and leveldb lock the store
// against writers), so a cached record never goes stale. Writable Stores
// do not cache, since Cayley rewrites log records (reference counts,
// deletions).

// DefaultLogCacheBytes bounds the memory of a read-only store's log
// cache, counted as record and id bytes plus 64 for each entry. The
// records of the whole shared corpus (563k quads, 128k nodes) take about
// 150 MB of heap. A budget of 64 MiB was too small: a scan such as a
// tagged Out() emptied the shards that the next query needed (q5 of
// cmd/sgbench went from 30 to 63 ms p95).
const DefaultLogCacheBytes = 256 << 20

// logCacheShards spreads the cache over locks so that concurrent
// queries rarely wait for each other.
const logCacheShards = 32

// logCache maps the id of a log record to a copy of its bytes.
type logCache struct {
	seed   maphash.Seed
	budget int64 // bytes per shard
	shards [logCacheShards]logShard
}

type logShard struct {
	mu    sync.RWMutex
	m     map[string][]byte
	bytes int64
}

func newLogCache(budget int64) *logCache {
	c := &logCache{seed: maphash.MakeSeed(), budget: budget / logCacheShards}
	for i := range c.shards {
		c.shards[i].m = make(map[string][]byte)
	}
	return c
}

// logID returns the id part of key when key names a log record.
func logID(key hkv.Key) ([]byte, bool) {
	if len(key) != 2 || string(key[0]) != "log" {
		return nil, false
	}
	return key[1], true
}

func (c *logCache) shard(id []byte) *logShard {
	return &c.shards[maphash.Bytes(c.seed, id)%logCacheShards]
}

func (c *logCache) get(id []byte) ([]byte, bool) {
	s := c.shard(id)
	s.mu.RLock()
	v, ok := s.m[string(id)]
	s.mu.RUnlock()
	return v, ok
}

// put stores a copy of v. A shard that would outgrow its budget is
// emptied first: the cache holds the records of recent queries.
func (c *logCache) put(id, v []byte) {
	s := c.shard(id)
	cost := int64(len(id) + len(v) + 64) // 64: map entry and slice headers
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[string(id)]; ok {
		return
	}
	if s.bytes+cost > c.budget {
		clear(s.m)
		s.bytes = 0
	}
	s.m[string(id)] = append([]byte(nil), v...)
	s.bytes += cost
}

// cachedGet is Get through the cache.
func (c *logCache) cachedGet(ctx context.Context, tx hkv.Tx, key hkv.Key) (hkv.Value, error) {
	id, ok := logID(key)
	if !ok {
		return tx.Get(ctx, key)
	}
	if v, ok := c.get(id); ok {
		return v, nil
	}
	v, err := tx.Get(ctx, key)
	if err == nil {
		c.put(id, v)
	}
	return v, err
}

// cachedGetBatch is GetBatch through the cache: it asks the store only
// for the records it does not hold.
func (c *logCache) cachedGetBatch(ctx context.Context, tx hkv.Tx, keys []hkv.Key) ([]hkv.Value, error) {
	vals := make([]hkv.Value, len(keys))
	var miss []int
	for i, k := range keys {
		if id, ok := logID(k); ok {
			if v, ok := c.get(id); ok {
				vals[i] = v
				continue
			}
		}
		miss = append(miss, i)
	}
	if len(miss) == 0 {
		return vals, nil
	}
	mkeys := make([]hkv.Key, len(miss))
	for j, i := range miss {
		mkeys[j] = keys[i]
	}
	got, err := tx.GetBatch(ctx, mkeys)
	if err != nil {
		return nil, err
	}
	for j, i := range miss {
		vals[i] = got[j]
		if id, ok := logID(keys[i]); ok && got[j] != nil {
			c.put(id, got[j])
		}
	}
	return vals, nil
}
