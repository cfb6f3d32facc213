package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/stancegraph/stancegraph/graph"
)

const (
	ns            = "https://stancegraph.org/ns#"
	generalDebate = "<https://stancegraph.org/id/forum/general-debate>"
	// stockCap is the most results `cayley http` returns for a query
	// (its /api/v2/query ignores any limit).
	stockCap = 100
)

func pred(name string) string { return "<" + ns + name + ">" }

// A benchQuery is one of the standard analyst queries.
type benchQuery struct {
	ID    string `json:"id"`
	Desc  string `json:"description"`
	Gizmo string `json:"gizmo"`
}

// standardQueries are the analyst queries of the issue, on target (a
// topic or proposal) and actor (a state).
func standardQueries(target, actor string) []benchQuery {
	sup, opp, pro, ali := pred("supports"), pred("opposes"), pred("proposes"), pred("alignsWith")
	return []benchQuery{
		{"q1", "supporters of " + short(target),
			fmt.Sprintf(`g.V(%q).In(%q).All()`, target, sup)},
		{"q2", "all stances of " + short(actor) + ", predicate tagged",
			fmt.Sprintf(`g.V(%q).Out([%q, %q, %q, %q], "stance").All()`, actor, sup, opp, pro, ali)},
		{"q2f", "same, one Out() per predicate, the tag set in the script",
			fmt.Sprintf(`[%q, %q, %q, %q].forEach(function(p) { g.V(%q).Out(p).ForEach(function(d) { d.stance = p; g.Emit(d) }) })`, sup, opp, pro, ali, actor)},
		{"q3u", "actors sharing a position with " + short(actor), // distinct targets first
			fmt.Sprintf(`g.V(%q).Out(%q).Unique().In(%q).Unique().All()`, actor, sup, sup)},
		{"q3", "same, without Unique() before the 2nd hop",
			fmt.Sprintf(`g.V(%q).Out(%q).In(%q).Unique().All()`, actor, sup, sup)},
		{"q4", "statements of " + short(actor) + " at the General Debate",
			fmt.Sprintf(`g.V(%q).In(%q).Has(%q, %q).All()`, actor, pred("delegation"), pred("forum"), generalDebate)},
		{"q5", "support claims on " + short(target) + " by year (counted client-side)",
			fmt.Sprintf(`g.V(%q).In(%q).Has(%q, %q).Out(%q).Out(%q).All()`, target, pred("target"), pred("stance"), sup, pred("statement"), pred("year"))},
	}
}

// short is the last part of an IRI: "<.../state/CHN>" gives "state/CHN".
func short(iri string) string {
	s := strings.Trim(iri, "<>")
	if i := strings.Index(s, "/id/"); i >= 0 {
		return s[i+4:]
	}
	return s
}

// A querier runs one Gizmo query and returns its results.
type querier func(ctx context.Context, q string, timeout time.Duration) ([]any, error)

// storeQuerier queries a graph.Store with no result cap.
func storeQuerier(s *graph.Store) querier {
	return func(ctx context.Context, q string, timeout time.Duration) ([]any, error) {
		return s.Query(ctx, q, graph.QueryOptions{Limit: -1, Timeout: timeout})
	}
}

// cappedQuerier queries a graph.Store with at most stockCap results, as
// stock cayley http answers.
func cappedQuerier(s *graph.Store) querier {
	return func(ctx context.Context, q string, timeout time.Duration) ([]any, error) {
		return s.Query(ctx, q, graph.QueryOptions{Limit: stockCap, Timeout: timeout})
	}
}

// httpQuerier queries a running `cayley http`.
func httpQuerier(addr string) querier {
	return func(ctx context.Context, q string, timeout time.Duration) ([]any, error) {
		return stockQuery(ctx, addr, q, timeout)
	}
}

// stockQuery posts q to cayley http's /api/v2/query.
func stockQuery(ctx context.Context, addr, q string, timeout time.Duration) ([]any, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/api/v2/query?lang=gizmo", strings.NewReader(q))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w after %v", graph.ErrQueryTimeout, timeout)
		}
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var body struct {
		Result []any  `json:"result"`
		Error  string `json:"error"`
	}
	if err := json.Unmarshal(data, &body); err != nil {
		return nil, fmt.Errorf("cayley http: %s: %w", tail(string(data), 200), err)
	}
	if body.Error != "" {
		return nil, fmt.Errorf("cayley http: %s", body.Error)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("cayley http: %s", resp.Status)
	}
	return body.Result, nil
}

// queryResult is the latency of one query on one store.
type queryResult struct {
	Query    string  `json:"query"`
	Store    string  `json:"store"`
	Runs     int     `json:"runs"`
	Results  int     `json:"results"` // rows returned (stock: at most 100)
	Distinct int     `json:"distinct"`
	MedianMS float64 `json:"median_ms"`
	P95MS    float64 `json:"p95_ms"`
	Error    string  `json:"error,omitempty"`
	TimedOut bool    `json:"timed_out,omitempty"`
	// Same reports, for stock Cayley, whether its answer equals ours as
	// a set ("equal"), is part of ours when ours has 100 results or more
	// ("subset"), or neither ("DIFFERENT").
	Same string `json:"same,omitempty"`
	// Years is, for q5, the support claims per year.
	Years map[string]int `json:"years,omitempty"`

	answer []string // distinct results as canonical JSON
}

// timeQuery runs q warmups times, then up to reps times while the budget
// lasts, and returns the median and 95th percentile of the timed runs.
func (o *options) timeQuery(ctx context.Context, store string, bq benchQuery, run querier) *queryResult {
	r := &queryResult{Query: bq.ID, Store: store}
	var times []float64
	var res []any
	start := time.Now()
	for i := 0; i < o.Warmups+o.Reps; i++ {
		if ctx.Err() != nil {
			r.Error = ctx.Err().Error()
			return r
		}
		t0 := time.Now()
		out, err := run(ctx, bq.Gizmo, o.QueryTimeout)
		d := time.Since(t0)
		if err != nil {
			r.TimedOut = errors.Is(err, graph.ErrQueryTimeout)
			if r.TimedOut {
				r.Error = fmt.Sprintf("over %v", o.QueryTimeout)
			} else {
				r.Error = firstLine(err.Error())
			}
			break
		}
		res = out
		if i >= o.Warmups || d > o.QueryBudget/4 {
			// A slow query counts its warm-up runs too.
			times = append(times, float64(d.Microseconds())/1000)
		}
		if time.Since(start) > o.QueryBudget && len(times) > 0 {
			break
		}
	}
	if len(times) > 0 {
		sort.Float64s(times)
		r.Runs = len(times)
		r.MedianMS = percentile(times, 0.5)
		r.P95MS = percentile(times, 0.95)
	}
	if res != nil || r.Error == "" {
		r.Results = len(res)
		r.answer = canonical(res)
		r.Distinct = len(r.answer)
		if bq.ID == "q5" {
			r.Years = countYears(res)
		}
	}
	return r
}

// percentile of sorted values, nearest rank.
func percentile(sorted []float64, p float64) float64 {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	if i < 0 {
		i = 0
	}
	return sorted[i]
}

// canonical returns the distinct results as JSON, sorted; results that
// are nil (a script's final value) are left out.
func canonical(res []any) []string {
	seen := map[string]bool{}
	for _, r := range res {
		if r == nil {
			continue
		}
		data, _ := json.Marshal(r)
		var v any
		json.Unmarshal(data, &v) // numbers compare as JSON numbers
		data, _ = json.Marshal(v)
		seen[string(data)] = true
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// countYears counts q5's results by year.
func countYears(res []any) map[string]int {
	out := map[string]int{}
	for _, r := range res {
		m, ok := r.(map[string]any)
		if !ok {
			continue
		}
		out[fmt.Sprint(m["id"])]++
	}
	return out
}

// compareStock says how stock Cayley's answer relates to ours.
func compareStock(ours, stock *queryResult) string {
	if ours.Error != "" || stock.Error != "" {
		return ""
	}
	in := map[string]bool{}
	for _, s := range ours.answer {
		in[s] = true
	}
	sub := true
	for _, s := range stock.answer {
		if !in[s] {
			sub = false
			break
		}
	}
	switch {
	case ours.Results < stockCap && sub && len(stock.answer) == len(ours.answer):
		return "equal"
	case ours.Results >= stockCap && sub:
		return "subset"
	}
	return "DIFFERENT"
}
