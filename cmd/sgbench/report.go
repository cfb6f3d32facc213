package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Column headers of the markdown tables.
var (
	extractColumns = []string{"N", "files", "statements", "text MB", "quads", "MB/s all cores", "MB/s per core", "MB/s one goroutine"}
	ingestColumns  = []string{"N", "store", "tool", "seconds", "statements/s", "quads/s", "quads", "peak RSS MB", "size on disk MB", "note"}
	viewColumns    = []string{"N", "quads", "load s", "heap MB"}
	queryColumns   = []string{"N", "query", "rows (distinct)", "bolt", "memstore", "postgres", "bolt, ≤100 rows", "stock cayley bolt (HTTP, ≤100 rows)", "stock answer"}
	targetColumns  = []string{"target", "measured", "verdict"}
)

// targetResult is one of the targets and how the run did.
type targetResult struct {
	Target   string `json:"target"`
	Measured string `json:"measured"`
	Verdict  string `json:"verdict"` // met, missed, not measured
}

func printReport(o *options, rep *report) error {
	if o.JSON {
		enc := json.NewEncoder(o.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return writeMarkdown(o.Out, rep)
}

func writeMarkdown(w io.Writer, rep *report) error {
	var b strings.Builder
	m := rep.Machine
	fmt.Fprintf(&b, "Machine: %d cores (nproc), %s, %d GB RAM, %s, %s; run on %s. Queries: %d warm-ups, then up to %d timed runs each.\n\n",
		m.NProc, m.CPU, m.MemGB, m.Go, m.OSArch, m.Date, rep.Warmups, rep.Reps)

	b.WriteString("### Extraction (pipeline from cleaned text to quads, in process)\n\n")
	var rows [][]string
	for _, s := range rep.Sizes {
		if x := s.Extract; x != nil {
			rows = append(rows, []string{s.N, itoa(s.Files), itoa(x.Statements), f1(x.TextMB), itoa(x.Quads),
				fmt.Sprintf("%s (%d workers)", f1(x.MBps), x.Workers), f1(x.MBpsCore), f1(x.MBpsOne)})
		}
	}
	table(&b, extractColumns, rows)

	b.WriteString("\n### Ingest (end to end: the real binary as a subprocess; stock: `cayley load` of our export)\n\n")
	rows = nil
	for _, s := range rep.Sizes {
		for _, r := range s.Ingest {
			note := r.Note
			if r.Partial && note == "" {
				note = "stopped at its timeout"
			}
			rows = append(rows, []string{s.N, r.Store, r.Tool, f1(r.Seconds), f0(r.StmtsPerS), f0(r.QuadsPerS), itoa(r.Quads), f0(r.MaxRSSMB), f0(r.SizeMB), note})
		}
	}
	table(&b, ingestColumns, rows)

	rows = nil
	for _, s := range rep.Sizes {
		if v := s.View; v != nil {
			rows = append(rows, []string{s.N, itoa(v.Quads), f1(v.LoadSeconds), f0(v.HeapMB)})
		}
	}
	if len(rows) > 0 {
		b.WriteString("\n### Memstore read view (bolt's export loaded into memory in process)\n\n")
		table(&b, viewColumns, rows)
	}

	b.WriteString("\n### Query latency (ms, median / p95; our stores through graph.Store.Query with no result cap)\n\n")
	rows = nil
	for _, s := range rep.Sizes {
		byKey := map[string]*queryResult{}
		for _, r := range s.Queries {
			byKey[r.Query+"/"+r.Store] = r
		}
		for _, q := range rep.Queries {
			row := []string{s.N, q.ID, ""}
			for _, st := range []string{"bolt", "memstore", "postgres"} {
				r := byKey[q.ID+"/"+st]
				if r != nil && row[2] == "" && r.Error == "" {
					row[2] = fmt.Sprintf("%d (%d)", r.Results, r.Distinct)
				}
				row = append(row, latency(r, rep.Reps))
			}
			row = append(row, latency(byKey[q.ID+"/bolt100"], rep.Reps))
			st := byKey[q.ID+"/stock"]
			row = append(row, latency(st, rep.Reps))
			same := ""
			if st != nil {
				same = st.Same
			}
			row = append(row, same)
			rows = append(rows, row)
		}
	}
	table(&b, queryColumns, rows)
	b.WriteString("\nQueries:\n\n")
	for _, q := range rep.Queries {
		fmt.Fprintf(&b, "- %s, %s: `%s`\n", q.ID, q.Desc, q.Gizmo)
	}
	for _, s := range rep.Sizes {
		for _, r := range s.Queries {
			if r.Query == "q5" && r.Store != "stock" && len(r.Years) > 0 {
				fmt.Fprintf(&b, "\nq5 at N=%s (%s): %s\n", s.N, r.Store, years(r.Years))
				break
			}
		}
	}

	if len(rep.Targets) > 0 {
		b.WriteString("\n### Targets of the issue\n\n")
		rows = nil
		for _, t := range rep.Targets {
			rows = append(rows, []string{t.Target, t.Measured, t.Verdict})
		}
		table(&b, targetColumns, rows)
	}
	var notes []string
	notes = append(notes, rep.Notes...)
	for _, s := range rep.Sizes {
		for _, n := range s.Notes {
			notes = append(notes, "N="+s.N+": "+n)
		}
	}
	if len(notes) > 0 {
		b.WriteString("\nNotes:\n\n")
		for _, n := range notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// latency formats a query result's cell.
func latency(r *queryResult, reps int) string {
	switch {
	case r == nil:
		return "–"
	case r.TimedOut:
		return "timeout (" + r.Error + ")"
	case r.Error != "":
		return "error: " + r.Error
	}
	s := f1(r.MedianMS) + " / " + f1(r.P95MS)
	if r.Runs < reps {
		s += fmt.Sprintf(" (%d runs)", r.Runs)
	}
	return s
}

func years(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		y := k
		if i := strings.Index(y, `"^^`); i >= 0 {
			y = y[:i] // a typed literal: "2021"^^<...#gYear>
		}
		parts = append(parts, fmt.Sprintf("%s: %d", strings.Trim(y, `"`), m[k]))
	}
	return strings.Join(parts, ", ")
}

func table(b *strings.Builder, head []string, rows [][]string) {
	b.WriteString("| " + strings.Join(head, " | ") + " |\n")
	b.WriteString("|" + strings.Repeat("---|", len(head)) + "\n")
	for _, r := range rows {
		for i := range r {
			r[i] = strings.ReplaceAll(r[i], "|", `\|`)
		}
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

func f0(x float64) string { return fmt.Sprintf("%.0f", x) }

func f1(x float64) string {
	if x != 0 && math.Abs(x) < 10 {
		return fmt.Sprintf("%.2g", x)
	}
	return fmt.Sprintf("%.1f", x)
}

// judge compares the report with the targets of the issue.
func judge(rep *report, has func(string) bool) []targetResult {
	if len(rep.Sizes) == 0 {
		return nil
	}
	var whole *sizeResult
	for _, s := range rep.Sizes {
		if s.N == "all" {
			whole = s
		}
	}
	wholeName := "the whole corpus (N=all)"
	if whole == nil {
		whole = rep.Sizes[len(rep.Sizes)-1]
		wholeName = "N=" + whole.N + " (no -n all in this run)"
	}
	ingest := func(s *sizeResult, store, tool string) *ingestResult {
		for _, r := range s.Ingest {
			if r.Store == store && r.Tool == tool {
				return r
			}
		}
		return nil
	}
	var out []targetResult
	add := func(target, measured, verdict string) {
		out = append(out, targetResult{target, measured, verdict})
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "missed"
	}

	// 1. Whole corpus into bolt in under 60 s.
	if r := ingest(whole, "bolt", "stancegraph ingest"); r != nil {
		add("whole corpus into bolt < 60 s end to end", fmt.Sprintf("%s: %.1f s (%d statements)", wholeName, r.Seconds, r.Statements), verdict(r.Seconds < 60))
	} else {
		add("whole corpus into bolt < 60 s end to end", "bolt not measured", "not measured")
	}

	// 2. PostgreSQL ingest at least 3x stock Cayley's rate.
	done := false
	for i := len(rep.Sizes) - 1; i >= 0 && !done; i-- {
		s := rep.Sizes[i]
		ours, stock := ingest(s, "postgres", "stancegraph ingest"), ingest(s, "postgres", "cayley load")
		if ours == nil || stock == nil {
			continue
		}
		ratio := ours.QuadsPerS / stock.QuadsPerS
		m := fmt.Sprintf("N=%s: %.0f vs %.0f quads/s, %.1fx", s.N, ours.QuadsPerS, stock.QuadsPerS, ratio)
		if stock.Partial {
			m += " (stock stopped at its timeout; its rate is from the quads it loaded)"
		}
		add("PostgreSQL ingest ≥ 3x stock Cayley's rate", m, verdict(ratio >= 3))
		done = true
	}
	if !done {
		add("PostgreSQL ingest ≥ 3x stock Cayley's rate", "needs PostgreSQL and -stock", "not measured")
	}

	// 3, 4. p95 per query on the whole corpus. q2f and q3u are rewrites
	// of q2 and q3: a query meets the target when one of its forms does.
	p95 := func(store string, limit float64) {
		target := fmt.Sprintf("p95 < %.0f ms for every standard query on %s", limit, store)
		best := map[string]*queryResult{}
		var families []string
		for _, r := range whole.Queries {
			if r.Store != store {
				continue
			}
			f := strings.TrimRight(r.Query, "fu")
			b, seen := best[f]
			if !seen {
				families = append(families, f)
			}
			if !seen || (b.Error != "" && r.Error == "") || (r.Error == "" && r.P95MS < b.P95MS) {
				best[f] = r
			}
		}
		if len(families) == 0 {
			add(target, store+" not measured", "not measured")
			return
		}
		var worst *queryResult
		var misses []string
		for _, f := range families {
			r := best[f]
			if r.Error != "" {
				misses = append(misses, r.Query+" "+r.Error)
			} else if r.P95MS >= limit {
				misses = append(misses, fmt.Sprintf("%s %.0f ms", r.Query, r.P95MS))
			}
			if worst == nil || r.Error != "" || (worst.Error == "" && r.P95MS > worst.P95MS) {
				worst = r
			}
		}
		m := fmt.Sprintf("%s: slowest (best form of each query) %s %s", wholeName, worst.Query, latency(worst, rep.Reps))
		if len(misses) > 0 {
			m += "; over: " + strings.Join(misses, ", ")
		}
		add(target, m, verdict(len(misses) == 0))
	}
	p95("bolt", 50)
	p95("memstore", 50)
	p95("postgres", 200)

	// 5. Cost grows no faster than linearly.
	first := rep.Sizes[0]
	if first == whole || first.Extract == nil || whole.Extract == nil {
		add("cost grows no faster than linearly", "needs two sizes", "not measured")
		return out
	}
	scale := float64(whole.Extract.Statements) / float64(first.Extract.Statements)
	exp := func(a, b float64) float64 {
		if a <= 0 || b <= 0 || scale <= 1 {
			return math.NaN()
		}
		return math.Log(b/a) / math.Log(scale)
	}
	var parts []string
	worst := 0.0
	for _, st := range []string{"bolt", "postgres"} {
		a, b := ingest(first, st, "stancegraph ingest"), ingest(whole, st, "stancegraph ingest")
		if a != nil && b != nil {
			e := exp(a.Seconds, b.Seconds)
			parts = append(parts, fmt.Sprintf("ingest %s %.2f", st, e))
			worst = math.Max(worst, e)
		}
	}
	// Queries: each query on each store, and each query in its best
	// form (q2f for q2, q3u or q3) on each store.
	bestMedian := func(s *sizeResult, family, store string) float64 {
		m := math.Inf(1)
		for _, r := range s.Queries {
			if r.Store == store && r.Error == "" && strings.TrimRight(r.Query, "fu") == family {
				m = math.Min(m, r.MedianMS)
			}
		}
		return m
	}
	var qworst, bworst string
	qmax, bmax := math.Inf(-1), math.Inf(-1)
	for _, a := range first.Queries {
		if a.Store == "stock" || a.Store == "bolt100" || a.Error != "" {
			continue
		}
		for _, b := range whole.Queries {
			if a.Query == b.Query && a.Store == b.Store && b.Error == "" {
				// Latencies under a millisecond are mostly fixed cost.
				e := exp(math.Max(a.MedianMS, 1), math.Max(b.MedianMS, 1))
				if e > qmax {
					qmax, qworst = e, a.Query+" on "+a.Store
				}
			}
		}
		f := strings.TrimRight(a.Query, "fu")
		if x, y := bestMedian(first, f, a.Store), bestMedian(whole, f, a.Store); !math.IsInf(x, 1) && !math.IsInf(y, 1) {
			if e := exp(math.Max(x, 1), math.Max(y, 1)); e > bmax {
				bmax, bworst = e, f+" on "+a.Store
			}
		}
	}
	if qworst != "" {
		parts = append(parts, fmt.Sprintf("worst query median %.2f (%s)", qmax, qworst))
	}
	if bworst != "" {
		parts = append(parts, fmt.Sprintf("worst query in its best form %.2f (%s)", bmax, bworst))
		worst = math.Max(worst, bmax)
	}
	add("cost grows no faster than linearly",
		fmt.Sprintf("N=%s→%s (%.1fx statements), growth exponents (1 = linear): %s", first.N, whole.N, scale, strings.Join(parts, "; ")),
		verdict(worst <= 1.1))
	_ = has
	return out
}
