package graph

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// DefaultQueryMemory is the memory budget of a query when
// QueryOptions.Memory is zero.
const DefaultQueryMemory = 512 << 20 // 512 MiB

// ErrQueryMemory is wrapped by the error of a query that was stopped
// because the Go heap grew by more than its memory budget while it ran.
var ErrQueryMemory = errors.New("query stopped for using too much memory")

// memInterval is how often the memory watchdog samples the heap.
const memInterval = 25 * time.Millisecond

// heapMetric is the runtime/metrics name of the bytes held by heap
// objects, live or not yet collected. Reading it does not stop the world
// (runtime.ReadMemStats does).
const heapMetric = "/memory/classes/heap/objects:bytes"

// heapBytes returns the bytes now held by heap objects.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// A memWatch stops a query whose run grows the heap by more than a
// budget. Goja, which runs gizmo scripts, has no heap limit of its own,
// and an array grown in a loop would take the whole process down; the
// watchdog samples the process's heap every memInterval and, when it has
// grown by more than the budget since the query started, collects
// garbage once (so that garbage left by other work is not blamed on the
// query) and, if the heap is still over, cancels the query's context.
// That is the path the timeout takes: gizmo interrupts its JavaScript
// runtime, other languages stop between results.
//
// The heap is the whole process's: queries running at the same time
// share it, so under concurrent load one query may be stopped for
// another's growth. The budget bounds growth, not a total.
type memWatch struct {
	budget uint64
	over   atomic.Bool
	done   chan struct{}
	ended  chan struct{}
}

// watchMemory starts a watchdog that calls cancel when the heap grows by
// more than budget bytes; a budget of zero or less watches nothing. Call
// stop when the query is done.
func watchMemory(budget int64, cancel context.CancelFunc) *memWatch {
	w := &memWatch{done: make(chan struct{}), ended: make(chan struct{})}
	if budget <= 0 {
		close(w.ended)
		return w
	}
	w.budget = uint64(budget)
	base := heapBytes()
	go func() {
		defer close(w.ended)
		t := time.NewTicker(memInterval)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-t.C:
			}
			h := heapBytes()
			if h < base {
				// The heap at the start held garbage that has been
				// collected since: count growth from the lowest point, or
				// a query would have to outgrow that garbage first.
				base = h
			}
			if h <= base+w.budget {
				continue
			}
			runtime.GC()
			if heapBytes() <= base+w.budget {
				continue
			}
			w.over.Store(true)
			cancel()
			return
		}
	}()
	return w
}

// stop ends the watchdog and waits for it.
func (w *memWatch) stop() {
	select {
	case <-w.done:
	default:
		close(w.done)
	}
	<-w.ended
}

// err returns the error of a query the watchdog stopped, nil when it did
// not stop it.
func (w *memWatch) err(lang string) error {
	if !w.over.Load() {
		return nil
	}
	return fmt.Errorf("%s %w (the heap grew by more than %s while it ran)", lang, ErrQueryMemory, sizeString(w.budget))
}

// sizeString writes a byte count in KiB, MiB or GiB when it is a whole
// number of them.
func sizeString(n uint64) string {
	for _, u := range []struct {
		size uint64
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
