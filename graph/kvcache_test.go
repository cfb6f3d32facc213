package graph

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"reflect"
	"runtime"
	"testing"

	"github.com/stancegraph/stancegraph/schema"
)

func TestLogCache(t *testing.T) {
	c := newLogCache(logCacheShards * 2 * logChunk)
	v := []byte("record")
	c.put(1, v)
	v[0] = 'X' // the cache holds a copy
	got, ok := c.get(1)
	if !ok || string(got) != "record" {
		t.Errorf("get = %q, %v", got, ok)
	}
	if _, ok := c.get(2); ok {
		t.Error("a record never put is found")
	}
	c.put(3, bytes.Repeat([]byte{'x'}, logMaxRecord+1))
	if _, ok := c.get(3); ok {
		t.Error("a record over logMaxRecord is cached")
	}
	// Filling far past the budget keeps every shard within it, and a
	// slice handed out before stays as it was.
	for i := range 600000 { // about 69 MB: every shard is emptied at least once
		c.put(uint64(100+i), fmt.Appendf(nil, "record %d %s", i, bytes.Repeat([]byte{'v'}, 100)))
	}
	if string(got) != "record" {
		t.Errorf("an earlier answer changed to %q", got)
	}
	for i := range c.shards {
		if s := &c.shards[i]; s.bytes > c.budget || len(s.idx) == 0 {
			t.Errorf("shard %d: %d bytes, %d records, budget %d", i, s.bytes, len(s.idx), c.budget)
		}
	}
	for _, id := range []uint64{100, 100000, 600099} {
		if v, ok := c.get(id); ok && !bytes.HasPrefix(v, fmt.Appendf(nil, "record %d ", id-100)) {
			t.Errorf("record %d read back as %q", id, v)
		}
	}
	if id, ok := logID(cayleyLogKey(7)); !ok || id != 7 {
		t.Errorf("logID of log key 7 = %d, %v", id, ok)
	}
	if _, ok := logID(append(cayleyLogKey(7), []byte("x"))); ok {
		t.Error("a longer key is taken for a log key")
	}
}

// cayleyLogKey writes the key of a log record as Cayley's kv layer does.
func cayleyLogKey(id uint64) [][]byte {
	return [][]byte{[]byte("log"), binary.BigEndian.AppendUint64(nil, id)}
}

// TestReadOnlyLogCache: a read-only bolt store caches the records its
// queries read and answers exactly as without the cache; a writable one
// has no cache.
func TestReadOnlyLogCache(t *testing.T) {
	dir := t.TempDir()
	w := mustOpen(t, Options{Path: dir})
	if w.kv.cache != nil {
		t.Error("a writable store caches log records")
	}
	replace(t, w, corpus(0, 30, "v1")...)
	queries := []string{
		`g.V().Has("` + schema.Type.String() + `").All()`,
		`g.V("` + corpusLabel(3).String() + `").Out().In().Unique().All()`,
		`g.Emit(g.V().Out().Count())`,
	}
	var want [][]Result
	for _, q := range queries {
		rs, err := w.Query(t.Context(), q, QueryOptions{Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, rs)
	}
	w.Close()
	for _, budget := range []int64{0, -1, logCacheShards * logChunk} {
		ro := mustOpen(t, Options{Path: dir, ReadOnly: true, LogCacheBytes: budget})
		if (ro.kv.cache == nil) != (budget < 0) {
			t.Errorf("budget %d: cache %v", budget, ro.kv.cache)
		}
		for round := range 2 { // the second round reads from the cache
			for i, q := range queries {
				rs, err := ro.Query(t.Context(), q, QueryOptions{Limit: -1})
				if err != nil || !reflect.DeepEqual(rs, want[i]) {
					t.Errorf("budget %d, round %d, %s: %d results (%v), want %d", budget, round, q, len(rs), err, len(want[i]))
				}
			}
		}
		if c := ro.kv.cache; c != nil {
			n := 0
			for i := range c.shards {
				n += len(c.shards[i].idx)
			}
			if n == 0 {
				t.Errorf("budget %d: nothing cached", budget)
			}
		}
		ro.Close()
	}
}

// TestReadOnlySkipsBloom: Cayley's kv layer allocates bloom filters for
// 100M quads on every writable open (tens of MB, and a scan of the
// store); a read-only store, which never writes, does without them.
func TestReadOnlySkipsBloom(t *testing.T) {
	dir := t.TempDir()
	w := mustOpen(t, Options{Path: dir})
	replace(t, w, corpus(0, 3, "v1")...)
	w.Close()
	grow := func(o Options) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		s := mustOpen(t, o)
		runtime.ReadMemStats(&after)
		s.Close()
		return after.TotalAlloc - before.TotalAlloc
	}
	rw, ro := grow(Options{Path: dir}), grow(Options{Path: dir, ReadOnly: true})
	t.Logf("allocated on open: writable %d bytes, read-only %d bytes", rw, ro)
	if ro > 8<<20 || rw < 32<<20 {
		t.Errorf("allocated on open: writable %d bytes, read-only %d bytes; want the bloom filters (tens of MB) only in the writable one", rw, ro)
	}
}
