package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// checkLoopback refuses an address whose host is not a loopback address
// (a name must resolve to loopback addresses only).
func checkLoopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return fmt.Errorf("bad -addr %q: want host:port", addr)
	}
	ips := []net.IP{net.ParseIP(host)}
	if ips[0] == nil {
		if host != "localhost" {
			return fmt.Errorf("-addr %s: only loopback addresses (127.0.0.1, ::1, localhost) are allowed", addr)
		}
		addrs, err := net.LookupIP(host)
		if err != nil || len(addrs) == 0 {
			return fmt.Errorf("-addr %s: cannot resolve localhost", addr)
		}
		ips = addrs
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("-addr %s: %v is not a loopback address; sgload only loads the local machine", addr, ip)
		}
	}
	return nil
}

// A kind of request in the mix, with its weight.
type requestKind struct {
	name   string
	weight int
}

// requestKinds is the mix: what the explorer page asks most, plus
// Gizmo queries through Cayley's API.
var requestKinds = []requestKind{
	{"lookup", 25}, {"explore", 15}, {"graph", 10}, {"compare", 10},
	{"claims", 15}, {"statement", 5}, {"gizmo", 20},
}

// entity is what /api/lookup tells of one.
type entity struct {
	IRI   string `json:"iri"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

// corpus holds what requests are made of.
type corpus struct {
	actors, targets, all []entity
	statements           []string
}

// report is the outcome of a run.
type report struct {
	Addr       string
	Clients    int
	Duration   time.Duration
	Requests   int
	Errors     int
	ErrorKinds map[string]int
	FirstError []string
	Latency    map[string][]time.Duration // by kind, sorted
	All        []time.Duration
	RSSBefore  int64 // KiB; 0 when unknown
	RSSAfter   int64
	RSSMax     int64
	HWM        int64
}

// run loads the server o names (or starts it) and reports.
func run(ctx context.Context, o *options) (*report, error) {
	addr, pid := o.Addr, o.PID
	if o.DB != "" {
		a, p, stop, err := startServer(ctx, o)
		if err != nil {
			return nil, err
		}
		defer stop()
		addr, pid = a, p
		if err := checkLoopback(addr); err != nil {
			return nil, err
		}
	}
	base := "http://" + addr
	client := &http.Client{
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        o.Clients,
			MaxIdleConnsPerHost: o.Clients,
			IdleConnTimeout:     30 * time.Second,
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		},
	}
	defer client.CloseIdleConnections()
	c, err := gather(ctx, client, base)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(o.Log, "sgload: %d actors, %d other entities, %d statements from %s; %d clients for %v\n",
		len(c.actors), len(c.targets), len(c.statements), base, o.Clients, o.Duration)

	rep := &report{Addr: addr, Clients: o.Clients, Duration: o.Duration, ErrorKinds: map[string]int{}, Latency: map[string][]time.Duration{}}
	rep.RSSBefore, _ = rss(pid, "VmRSS")
	var mu sync.Mutex
	record := func(kind string, d time.Duration, err error) {
		mu.Lock()
		defer mu.Unlock()
		rep.Requests++
		if err != nil {
			rep.Errors++
			rep.ErrorKinds[kind]++
			if len(rep.FirstError) < 5 {
				rep.FirstError = append(rep.FirstError, kind+": "+err.Error())
			}
			return
		}
		rep.Latency[kind] = append(rep.Latency[kind], d)
		rep.All = append(rep.All, d)
	}

	lctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	// Sample the server's memory while it runs.
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			if kb, err := rss(pid, "VmRSS"); err == nil {
				mu.Lock()
				rep.RSSMax = max(rep.RSSMax, kb)
				mu.Unlock()
			}
			select {
			case <-lctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < o.Clients; i++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			rnd := rand.New(rand.NewSource(seed))
			for lctx.Err() == nil {
				kind, u, body := c.request(rnd, base)
				t0 := time.Now()
				err := do(lctx, client, u, body)
				if lctx.Err() != nil && err != nil {
					return // cut off by the end of the run
				}
				record(kind, time.Since(t0), err)
			}
		}(o.Seed*1000 + int64(i))
	}
	wg.Wait()
	<-sampled
	rep.Duration = time.Since(start)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	time.Sleep(200 * time.Millisecond) // let the server settle
	rep.RSSAfter, _ = rss(pid, "VmRSS")
	rep.HWM, _ = rss(pid, "VmHWM")
	for k := range rep.Latency {
		sortDurations(rep.Latency[k])
	}
	sortDurations(rep.All)
	return rep, nil
}

// gather asks /api/lookup for entities and /api/claims for statements.
func gather(ctx context.Context, client *http.Client, base string) (*corpus, error) {
	c := &corpus{}
	seen := map[string]bool{}
	for _, q := range []string{"a", "e", "i", "o", "u", "an", "re", "st", "ni", "ar", "China", "United", "Union", "weapons", "climate", "security", "development", "rights"} {
		var res struct {
			Matches []entity `json:"matches"`
		}
		if err := getJSON(ctx, client, base+"/api/lookup?limit=100&q="+url.QueryEscape(q), &res); err != nil {
			return nil, fmt.Errorf("lookup %q: %w", q, err)
		}
		for _, e := range res.Matches {
			if seen[e.IRI] {
				continue
			}
			seen[e.IRI] = true
			c.all = append(c.all, e)
			if e.Kind == "state" || e.Kind == "group" {
				c.actors = append(c.actors, e)
			} else {
				c.targets = append(c.targets, e)
			}
		}
	}
	if len(c.actors) < 2 || len(c.targets) == 0 {
		return nil, fmt.Errorf("the server knows too few entities (%d actors, %d others) to make requests of", len(c.actors), len(c.targets))
	}
	for _, a := range c.actors[:min(len(c.actors), 20)] {
		var res struct {
			Claims []struct {
				Statement string `json:"statement"`
			} `json:"claims"`
		}
		if err := getJSON(ctx, client, base+"/api/claims?limit=5&actor="+url.QueryEscape(a.IRI), &res); err != nil {
			var se *statusError
			if errors.As(err, &se) && se.code == http.StatusNotFound {
				continue
			}
			return nil, fmt.Errorf("claims of %s: %w", a.IRI, err)
		}
		for _, cl := range res.Claims {
			c.statements = append(c.statements, cl.Statement)
		}
	}
	return c, nil
}

// Gizmo query templates; %[1]s is an entity IRI.
var gizmoQueries = []string{
	`g.V("<%[1]s>").In("<https://stancegraph.org/ns#supports>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`,
	`g.V("<%[1]s>").Out("<https://stancegraph.org/ns#supports>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`,
	`g.Emit(g.V("<%[1]s>").In("<https://stancegraph.org/ns#actor>").Count())`,
	`g.V("<%[1]s>").In("<https://stancegraph.org/ns#actor>").Has("<https://stancegraph.org/ns#stance>", "<https://stancegraph.org/ns#opposes>").Tag("claim").Out("<https://stancegraph.org/ns#evidence>").Tag("evidence").All()`,
	`g.V("<%[1]s>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`,
}

// request picks a request: its kind, URL and (for POST) body.
func (c *corpus) request(rnd *rand.Rand, base string) (kind, u, body string) {
	total := 0
	for _, k := range requestKinds {
		total += k.weight
	}
	n := rnd.Intn(total)
	for _, k := range requestKinds {
		if n < k.weight {
			kind = k.name
			break
		}
		n -= k.weight
	}
	pick := func(es []entity) entity { return es[rnd.Intn(len(es))] }
	esc := url.QueryEscape
	switch kind {
	case "lookup":
		l := []rune(pick(c.all).Label)
		return kind, base + "/api/lookup?q=" + esc(string(l[:min(len(l), 1+rnd.Intn(6))])), ""
	case "explore":
		return kind, base + "/api/explore?entity=" + esc(pick(c.all).IRI), ""
	case "graph":
		return kind, base + "/api/graph?entity=" + esc(pick(c.all).IRI), ""
	case "compare":
		a := pick(c.actors)
		b := pick(c.actors)
		for b.IRI == a.IRI {
			b = pick(c.actors)
		}
		return kind, base + "/api/compare?a=" + esc(a.IRI) + "&b=" + esc(b.IRI), ""
	case "claims":
		if rnd.Intn(2) == 0 {
			return kind, base + "/api/claims?limit=50&actor=" + esc(pick(c.actors).IRI), ""
		}
		return kind, base + "/api/claims?limit=50&evidence=true&target=" + esc(pick(c.targets).IRI), ""
	case "statement":
		if len(c.statements) > 0 {
			return kind, base + "/api/statement?iri=" + esc(c.statements[rnd.Intn(len(c.statements))]), ""
		}
		return "explore", base + "/api/explore?entity=" + esc(pick(c.actors).IRI), ""
	}
	q := gizmoQueries[rnd.Intn(len(gizmoQueries))]
	return "gizmo", base + "/api/v2/query?lang=gizmo", fmt.Sprintf(q, pick(c.all).IRI)
}

// statusError is an answer other than 200.
type statusError struct {
	code int
	msg  string
}

func (e *statusError) Error() string { return fmt.Sprintf("status %d: %s", e.code, e.msg) }

// do makes one request and reads the whole answer; anything but a 200
// is an error.
func do(ctx context.Context, client *http.Client, u, body string) error {
	_, err := fetch(ctx, client, u, body)
	return err
}

func fetch(ctx context.Context, client *http.Client, u, body string) ([]byte, error) {
	method := http.MethodGet
	var r io.Reader
	if body != "" {
		method, r = http.MethodPost, strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, r)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		msg := strings.TrimSpace(string(b))
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return nil, &statusError{code: resp.StatusCode, msg: msg}
	}
	return b, nil
}

func getJSON(ctx context.Context, client *http.Client, u string, v any) error {
	b, err := fetch(ctx, client, u, "")
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// startServer runs `BIN --db DB serve --addr 127.0.0.1:0`, waits for it
// to say where it listens and returns that address, its pid and a
// function that stops it with SIGTERM.
func startServer(ctx context.Context, o *options) (addr string, pid int, stop func(), err error) {
	cmd := exec.Command(o.Bin, "--db", o.DB, "serve", "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return "", 0, nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", 0, nil, fmt.Errorf("start %s: %w", o.Bin, err)
	}
	stop = func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
	found := make(chan string, 1)
	var said strings.Builder
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			if _, rest, ok := strings.Cut(line, "serving http://"); ok {
				a, _, _ := strings.Cut(rest, "/")
				select {
				case found <- a:
				default:
				}
			} else if said.Len() < 2000 {
				said.WriteString(line + "\n")
			}
		}
		close(found)
	}()
	select {
	case a, ok := <-found:
		if !ok {
			stop()
			return "", 0, nil, fmt.Errorf("%s serve exited: %s", o.Bin, strings.TrimSpace(said.String()))
		}
		fmt.Fprintf(o.Log, "sgload: started %s serve (pid %d) on %s\n", o.Bin, cmd.Process.Pid, a)
		return a, cmd.Process.Pid, stop, nil
	case <-time.After(5 * time.Minute):
	case <-ctx.Done():
	}
	stop()
	return "", 0, nil, errors.New("the server did not start")
}

// rss reads a memory field (VmRSS, VmHWM) of a process in KiB.
func rss(pid int, field string) (int64, error) {
	if pid <= 0 {
		return 0, errors.New("no pid")
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				return strconv.ParseInt(f[0], 10, 64)
			}
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
}

func sortDurations(ds []time.Duration) { sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] }) }

// percentile returns the p-th percentile (0-100) of sorted durations.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := int(float64(len(ds))*p/100+0.5) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

func mib(kb int64) string {
	if kb == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.1f MiB", float64(kb)/1024)
}

// write prints the report.
func (r *report) write(w io.Writer) {
	secs := r.Duration.Seconds()
	fmt.Fprintf(w, "target      %s, %d clients, %v\n", r.Addr, r.Clients, r.Duration.Round(time.Millisecond))
	fmt.Fprintf(w, "requests    %d (%.1f/s)\n", r.Requests, float64(r.Requests)/secs)
	fmt.Fprintf(w, "latency     p50 %s  p95 %s  p99 %s  max %s\n", ms(percentile(r.All, 50)), ms(percentile(r.All, 95)), ms(percentile(r.All, 99)), ms(percentile(r.All, 100)))
	fmt.Fprintf(w, "errors      %d\n", r.Errors)
	for _, e := range r.FirstError {
		fmt.Fprintf(w, "  %s\n", e)
	}
	fmt.Fprintf(w, "server RSS  before %s, after %s, max sampled %s, peak (VmHWM) %s\n", mib(r.RSSBefore), mib(r.RSSAfter), mib(r.RSSMax), mib(r.HWM))
	fmt.Fprintf(w, "%-10s %8s %8s %8s %8s %8s\n", "KIND", "N", "ERRORS", "P50", "P95", "P99")
	for _, k := range requestKinds {
		ds := r.Latency[k.name]
		if len(ds) == 0 && r.ErrorKinds[k.name] == 0 {
			continue
		}
		fmt.Fprintf(w, "%-10s %8d %8d %8s %8s %8s\n", k.name, len(ds)+r.ErrorKinds[k.name], r.ErrorKinds[k.name], ms(percentile(ds, 50)), ms(percentile(ds, 95)), ms(percentile(ds, 99)))
	}
}
