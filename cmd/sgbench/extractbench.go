package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stancegraph/stancegraph/extract"
)

// extractResult is the speed of the extraction pipeline, from cleaned text
// to quads, on one corpus.
type extractResult struct {
	Statements int     `json:"statements"`
	TextMB     float64 `json:"text_mb"` // cleaned text, 10^6 bytes
	Quads      int     `json:"quads"`   // quads one pass produces
	Workers    int     `json:"workers"`
	MBps       float64 `json:"mb_per_s"`          // all workers
	MBpsCore   float64 `json:"mb_per_s_per_core"` // all workers' rate divided by the workers
	MBpsOne    float64 `json:"mb_per_s_one"`      // one goroutine
	ReadSecs   float64 `json:"read_s"`            // reading and cleaning the files (not in the rates)
}

// minExtractTime is how long each extraction measurement runs at least
// (whole passes over the corpus).
const minExtractTime = 2 * time.Second

// benchExtract reads every file of dir into statements and times the
// pipeline over them: with one worker per core, as ingest runs it, and in
// one goroutine.
func benchExtract(ctx context.Context, p *extract.Pipeline, dir string) (*extractResult, error) {
	paths, err := extract.Files([]string{dir})
	if err != nil {
		return nil, err
	}
	start := time.Now()
	fr := &extract.FileReader{}
	var sts []*extract.Statement
	for _, path := range paths {
		f, err := fr.Read(path)
		if err != nil {
			return nil, err
		}
		sts = append(sts, f.Statements...)
	}
	r := &extractResult{Statements: len(sts), Workers: runtime.NumCPU(), ReadSecs: time.Since(start).Seconds()}
	var size int64
	for _, st := range sts {
		size += int64(len(st.Text))
	}
	r.TextMB = float64(size) / 1e6
	if len(sts) == 0 {
		return r, nil
	}
	pass := func(workers int) int {
		var next atomic.Int64
		var quads atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n := 0
				for {
					i := int(next.Add(1)) - 1
					if i >= len(sts) {
						break
					}
					c := *sts[i] // Run analyses the statement in place
					n += len(p.Run(&c))
				}
				quads.Add(int64(n))
			}()
		}
		wg.Wait()
		return int(quads.Load())
	}
	measure := func(workers int) (float64, error) {
		passes := 0
		start := time.Now()
		for passes == 0 || time.Since(start) < minExtractTime {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			r.Quads = pass(workers)
			passes++
		}
		return r.TextMB * float64(passes) / time.Since(start).Seconds(), nil
	}
	pass(r.Workers) // warm up
	if r.MBps, err = measure(r.Workers); err != nil {
		return nil, err
	}
	r.MBpsCore = r.MBps / float64(r.Workers)
	if r.MBpsOne, err = measure(1); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *extractResult) String() string {
	return fmt.Sprintf("%.1f MB/s on %d workers, %.1f MB/s in one goroutine", r.MBps, r.Workers, r.MBpsOne)
}
