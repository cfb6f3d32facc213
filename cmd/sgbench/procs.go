package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/lib/pq" // the driver graph uses for PostgreSQL
)

// moduleRoot returns the folder of the main module (the repository).
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("find the repository with go list -m: %w (run sgbench inside the module)", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// goBuild runs go build in dir and returns its combined output on failure.
func goBuild(ctx context.Context, dir string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"build"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go build %s: %w\n%s", strings.Join(args, " "), err, tail(string(out), 2000))
	}
	return nil
}

// buildStance builds cmd/stancegraph into dir.
func buildStance(ctx context.Context, repo, dir string) (string, error) {
	bin := filepath.Join(dir, "stancegraph")
	return bin, goBuild(ctx, repo, nil, "-o", bin, "./cmd/stancegraph")
}

// buildCayley builds stock cmd/cayley at the version this module
// requires: from inside the module when its go.sum covers every backend
// cayley links, else in a scratch module next to bin that requires the
// same cayley (and quad v1.3.0); that fetches modules through the Go
// proxy the first time.
func buildCayley(ctx context.Context, repo, dir string) (string, error) {
	bin := filepath.Join(dir, "cayley")
	const pkg = "github.com/cayleygraph/cayley/cmd/cayley"
	inModule := goBuild(ctx, repo, nil, "-o", bin, pkg)
	if inModule == nil {
		return bin, nil
	}
	out, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Version}}", "github.com/cayleygraph/cayley").Output()
	if err != nil {
		return "", fmt.Errorf("cayley version: %w", err)
	}
	version := strings.TrimSpace(string(out))
	mod := filepath.Join(dir, "cayley-module")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module sgbench/stockcayley\n\ngo 1.26\n"), 0o644); err != nil {
		return "", err
	}
	get := exec.CommandContext(ctx, "go", "get", pkg+"@"+version, "github.com/cayleygraph/quad@v1.3.0")
	get.Dir = mod
	if out, err := get.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build stock cayley: in the module: %v; in a scratch module: go get: %w\n%s", firstLine(inModule.Error()), err, tail(string(out), 2000))
	}
	if err := goBuild(ctx, mod, []string{"GOFLAGS=-mod=mod"}, "-o", bin, pkg); err != nil {
		return "", fmt.Errorf("build stock cayley: %w", err)
	}
	return bin, nil
}

// procResult is what a finished subprocess cost.
type procResult struct {
	Seconds  float64
	MaxRSSMB float64
	Stderr   string
	TimedOut bool
}

// runProc runs bin with args in dir and measures wall time and peak
// resident memory. With timeout > 0 the process is killed when it runs
// longer, and TimedOut is set (without an error).
func runProc(ctx context.Context, dir string, timeout time.Duration, bin string, args ...string) (*procResult, error) {
	pctx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		pctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(pctx, bin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = io.Discard
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	err := cmd.Start()
	var hwm int64 // kB
	if err == nil {
		done := make(chan struct{})
		polled := make(chan struct{})
		go func() {
			defer close(polled)
			hwm = pollHWM(cmd.Process.Pid, done)
		}()
		err = cmd.Wait()
		close(done)
		<-polled
	}
	r := &procResult{Seconds: time.Since(start).Seconds(), Stderr: stderr.String()}
	if hwm > 0 {
		r.MaxRSSMB = float64(hwm) / 1024
	} else if cmd.ProcessState != nil {
		// No /proc: rusage, which on Linux also counts this process's
		// own peak (see pollHWM).
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.MaxRSSMB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if pctx.Err() != nil {
			r.TimedOut = true
			return r, nil
		}
		return r, fmt.Errorf("%s %s: %w\n%s", filepath.Base(bin), strings.Join(redactArgs(args), " "), err, tail(r.Stderr, 2000))
	}
	return r, nil
}

// pollHWM returns the peak resident memory (VmHWM, kB) of process pid,
// read from /proc every 10 ms until done is closed; 0 without /proc.
//
// The child's rusage (ProcessState.SysUsage().Maxrss) is not used: Go
// starts children with vfork, and Linux folds the high-water mark of the
// memory the child started in (this process's) into the child's maxrss at
// exec, so a child of a big parent reports the parent's peak. VmHWM
// belongs to the child's own address space. Growth in the last 10 ms
// before the child exits can be missed.
func pollHWM(pid int, done <-chan struct{}) int64 {
	path := fmt.Sprintf("/proc/%d/status", pid)
	var peak int64
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		if data, err := os.ReadFile(path); err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
					peak = max(peak, kb)
				}
			}
		}
		select {
		case <-done:
			return peak
		case <-t.C:
		}
	}
}

// ingestSummary is the line stancegraph ingest ends with.
var ingestSummary = regexp.MustCompile(`ingested (\d+) files in \S+: (\d+) statements, (\d+) new quads, (\d+) removed, (\d+) unchanged, (\d+) failed`)

// parseIngest reads files, statements, new quads and failures from the
// stderr of stancegraph ingest.
func parseIngest(stderr string) (files, statements, quads, failed int, err error) {
	m := ingestSummary.FindAllStringSubmatch(stderr, -1)
	if m == nil {
		return 0, 0, 0, 0, fmt.Errorf("no summary line in ingest's output:\n%s", tail(stderr, 1000))
	}
	last := m[len(m)-1]
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	return atoi(last[1]), atoi(last[2]), atoi(last[3]), atoi(last[6]), nil
}

// dirSize is the disk space the files under dir take (allocated blocks,
// as du counts them).
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			n += st.Blocks * 512
		} else {
			n += fi.Size()
		}
		return nil
	})
	return n, err
}

// pgServer is a reachable PostgreSQL server on which each run gets a
// schema of its own.
type pgServer struct {
	base    string
	db      *sql.DB
	schemas []string
}

// openPG connects to url; it fails when no server answers within a few
// seconds.
func openPG(ctx context.Context, u string) (*pgServer, error) {
	if u == "" {
		return nil, errors.New("no PostgreSQL URL (set -pg or $STANCEGRAPH_TEST_POSTGRES, e.g. from graph/testdata/start-postgres.sh)")
	}
	db, err := sql.Open("postgres", u)
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", redactURL(u), err)
	}
	return &pgServer{base: u, db: db}, nil
}

// newSchema creates a schema named prefix_<random> and returns a URL whose
// search_path points at it. Cayley's tables have fixed names; the schema
// keeps runs apart.
func (p *pgServer) newSchema(ctx context.Context, prefix string) (name, u string, err error) {
	var b [4]byte
	rand.Read(b[:])
	name = "sgbench_" + prefix + "_" + hex.EncodeToString(b[:])
	if _, err := p.db.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		return "", "", fmt.Errorf("create schema %s: %w", name, err)
	}
	p.schemas = append(p.schemas, name)
	pu, err := url.Parse(p.base)
	if err != nil {
		return "", "", err
	}
	q := pu.Query()
	q.Set("search_path", name)
	pu.RawQuery = q.Encode()
	return name, pu.String(), nil
}

// schemaSize is the size of every table in schema, indexes and TOAST
// included.
func (p *pgServer) schemaSize(ctx context.Context, schema string) (int64, error) {
	var n sql.NullInt64
	err := p.db.QueryRowContext(ctx, `SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c
		JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = $1 AND c.relkind = 'r'`, schema).Scan(&n)
	return n.Int64, err
}

// quadCount counts the rows of Cayley's quads table in schema.
func (p *pgServer) quadCount(ctx context.Context, schema string) (int, error) {
	var n int
	err := p.db.QueryRowContext(ctx, `SELECT count(*) FROM `+schema+`.quads`).Scan(&n)
	return n, err
}

// drop removes schema.
func (p *pgServer) drop(ctx context.Context, schema string) error {
	_, err := p.db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
	for i, s := range p.schemas {
		if s == schema {
			p.schemas = append(p.schemas[:i], p.schemas[i+1:]...)
			break
		}
	}
	return err
}

// close drops the schemas still listed, unless keep, and disconnects.
func (p *pgServer) close(keep bool) []string {
	left := append([]string(nil), p.schemas...)
	if !keep {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		for _, s := range left {
			p.drop(ctx, s)
		}
		left = nil
	}
	p.db.Close()
	return left
}

// stockServer is a running `cayley http`.
type stockServer struct {
	cmd  *exec.Cmd
	addr string
	out  bytes.Buffer
}

// startStock starts `cayley http` on a free loopback port over a bolt
// store and waits until it answers.
func startStock(ctx context.Context, bin, dbpath string) (*stockServer, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	s := &stockServer{addr: addr}
	s.cmd = exec.Command(bin, "http", "--db", "bolt", "--dbpath", dbpath, "--host", addr, "--timeout", "10m")
	s.cmd.Stdout, s.cmd.Stderr = &s.out, &s.out
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := stockQuery(ctx, addr, `g.Emit(1)`, 5*time.Second); err == nil {
			return s, nil
		}
		if ctx.Err() != nil || time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("cayley http did not answer on %s:\n%s", addr, tail(s.out.String(), 1000))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop ends the server: an interrupt, then a kill after five seconds.
func (s *stockServer) stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

func redactArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = redactURL(a)
	}
	return out
}

// redactURL hides a password in a database URL.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "***")
	}
	return u.String()
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
