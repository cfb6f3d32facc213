package graph

import (
	"context"
	"encoding/binary"
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
// cache, counted as the 1 MiB chunks it holds plus 16 bytes for each
// record. With the earlier map-based cache a budget of 64 MiB was too
// small: a scan such as a tagged Out() emptied the shards that the next
// query needed (q5 of cmd/sgbench went from 30 to 63 ms p95).
const DefaultLogCacheBytes = 256 << 20

// logCacheShards spreads the cache over locks so that concurrent
// queries rarely wait for each other.
const logCacheShards = 32

// The records are copied into chunks of logChunk bytes and found through
// a map from id to a packed (chunk, offset, length): neither holds a
// pointer per record, so the garbage collector does not have to walk
// hundreds of thousands of cached records in every cycle, which made the
// slowest queries slower. Records over logMaxRecord bytes (statement
// texts) are not cached.
const (
	logChunk     = 1 << 20
	logMaxRecord = 64 << 10
)

// logCache maps the id of a log record to a copy of its bytes.
type logCache struct {
	seed   maphash.Seed
	budget int64 // bytes per shard
	shards [logCacheShards]logShard
}

type logShard struct {
	mu     sync.RWMutex
	idx    map[uint64]uint64 // id -> chunk<<40 | offset<<20 | length
	chunks [][]byte
	bytes  int64
}

func newLogCache(budget int64) *logCache {
	c := &logCache{seed: maphash.MakeSeed(), budget: budget / logCacheShards}
	for i := range c.shards {
		c.shards[i].idx = make(map[uint64]uint64)
	}
	return c
}

// logID returns the id of the log record key names.
func logID(key hkv.Key) (uint64, bool) {
	if len(key) != 2 || string(key[0]) != "log" || len(key[1]) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(key[1]), true
}

// logKey is the key of the log record of id, the inverse of logID.
func logKey(id uint64) hkv.Key {
	return hkv.Key{kvLog[0], binary.BigEndian.AppendUint64(nil, id)}
}

func (c *logCache) shard(id uint64) *logShard {
	return &c.shards[maphash.Comparable(c.seed, id)%logCacheShards]
}

func (c *logCache) get(id uint64) ([]byte, bool) {
	s := c.shard(id)
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.idx[id]
	if !ok {
		return nil, false
	}
	chunk, off, n := p>>40, p>>20&(1<<20-1), p&(1<<20-1)
	return s.chunks[chunk][off : off+n : off+n], true
}

// put stores a copy of v. A shard that would outgrow its budget is
// emptied first: the cache holds the records of recent queries. Slices
// handed out before stay valid: the chunks they point into are only
// dropped, never reused.
func (c *logCache) put(id uint64, v []byte) {
	if len(v) > logMaxRecord {
		return
	}
	s := c.shard(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.idx[id]; ok {
		return
	}
	n := len(s.chunks)
	if n == 0 || len(s.chunks[n-1])+len(v) >= logChunk {
		if s.bytes+logChunk > c.budget {
			clear(s.idx)
			s.chunks, s.bytes = nil, 0
		}
		s.chunks = append(s.chunks, make([]byte, 0, logChunk))
		s.bytes += logChunk
		n = len(s.chunks)
	}
	chunk := s.chunks[n-1]
	off := len(chunk)
	s.chunks[n-1] = append(chunk, v...)
	s.idx[id] = uint64(n-1)<<40 | uint64(off)<<20 | uint64(len(v))
	s.bytes += 16 // the map entry
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
	type missed struct {
		pos   int    // in keys
		id    uint64 // log id, when isLog
		isLog bool
	}
	vals := make([]hkv.Value, len(keys))
	var (
		miss  []missed
		mkeys []hkv.Key
	)
	for i, k := range keys {
		id, isLog := logID(k)
		if isLog {
			if v, ok := c.get(id); ok {
				vals[i] = v
				continue
			}
		}
		miss, mkeys = append(miss, missed{i, id, isLog}), append(mkeys, k)
	}
	if len(miss) == 0 {
		return vals, nil
	}
	got, err := tx.GetBatch(ctx, mkeys)
	if err != nil {
		return nil, err
	}
	for j, m := range miss {
		vals[m.pos] = got[j]
		if m.isLog && got[j] != nil {
			c.put(m.id, got[j])
		}
	}
	return vals, nil
}
