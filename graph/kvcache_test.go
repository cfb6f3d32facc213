package graph

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"testing"

	"github.com/stancegraph/stancegraph/schema"
)

func TestLogCache(t *testing.T) {
	c := newLogCache(logCacheShards * 1000)
	v := []byte("record")
	c.put([]byte("id1"), v)
	v[0] = 'X' // the cache holds a copy
	if got, ok := c.get([]byte("id1")); !ok || string(got) != "record" {
		t.Errorf("get = %q, %v", got, ok)
	}
	if _, ok := c.get([]byte("id2")); ok {
		t.Error("a record never put is found")
	}
	// Filling far past the budget keeps every shard within it.
	for i := range 10000 {
		c.put(fmt.Appendf(nil, "key%d", i), bytes.Repeat([]byte{'v'}, 20))
	}
	for i := range c.shards {
		if s := &c.shards[i]; s.bytes > c.budget || len(s.m) == 0 {
			t.Errorf("shard %d: %d bytes, %d records, budget %d", i, s.bytes, len(s.m), c.budget)
		}
	}
	if _, ok := logID(logKey("7")); !ok {
		t.Error("a log key is not recognised")
	}
	if _, ok := logID(append(logKey("7"), []byte("x"))); ok {
		t.Error("a longer key is taken for a log key")
	}
}

func logKey(id string) [][]byte { return [][]byte{[]byte("log"), []byte(id)} }

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
	for _, budget := range []int64{0, -1, logCacheShards * 200} {
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
				n += len(c.shards[i].m)
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
