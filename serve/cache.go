package serve

import (
	"bytes"
	"container/list"
	"encoding/json"
	"net/http"
	"sync"

	"github.com/stancegraph/stancegraph/explore"
)

// DefaultCacheEntries is how many answers of the JSON endpoints a
// Handler keeps when Options.CacheEntries is zero.
const DefaultCacheEntries = 4096

// maxCachedBody is the largest answer the cache keeps, and
// maxCacheBytes the most it keeps in all.
const (
	maxCachedBody = 256 << 10
	maxCacheBytes = 64 << 20
)

// answerCache keeps the JSON endpoints' answers, which depend only on
// the URL and the view, for the most recently asked URLs. A new view (a
// reload after a write) empties it.
type answerCache struct {
	mu    sync.Mutex
	max   int // entries
	bytes int // held in all
	view  *explore.View
	order *list.List // of *cached, most recent first
	byKey map[string]*list.Element
}

type cached struct {
	key  string
	body []byte
}

func newAnswerCache(max int) *answerCache {
	return &answerCache{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the answer to key under view v.
func (c *answerCache) get(v *explore.View, key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.view != v {
		return nil, false
	}
	e, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cached).body, true
}

// put keeps the answer to key under view v, dropping the least recently
// used answers beyond the cache's size (in entries and in bytes) and
// every answer of another view.
func (c *answerCache) put(v *explore.View, key string, body []byte) {
	if c == nil || len(body) > maxCachedBody {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.view != v {
		c.view = v
		c.order.Init()
		clear(c.byKey)
		c.bytes = 0
	}
	if e, ok := c.byKey[key]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.byKey[key] = c.order.PushFront(&cached{key: key, body: body})
	c.bytes += len(key) + len(body)
	for c.order.Len() > c.max || c.bytes > maxCacheBytes {
		e := c.order.Back()
		c.order.Remove(e)
		old := e.Value.(*cached)
		delete(c.byKey, old.key)
		c.bytes -= len(old.key) + len(old.body)
	}
}

// encodeJSON encodes v as writeJSON does.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeJSONBytes writes an encoded JSON answer with status 200.
func writeJSONBytes(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}
