package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/graph"
)

var (
	binOnce sync.Once
	binDir  string
	binErr  error
)

// TestMain removes the binary the reliability tests build.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildBinary builds stancegraph once per test run: the reliability tests
// kill and signal a real process.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "stancegraph-bin"); binErr != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(binDir, "stancegraph"), ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return filepath.Join(binDir, "stancegraph")
}

// corpusDir makes a folder of n statements from the examples, each under
// its own name, so that ingest has work for more than one batch.
func corpusDir(t *testing.T, n int) string {
	t.Helper()
	src, _ := filepath.Glob("../../data/examples/*.txt")
	if len(src) == 0 {
		t.Fatal("no examples")
	}
	dir := filepath.Join(t.TempDir(), "corpus")
	os.MkdirAll(dir, 0o755)
	for i := 0; i < n; i++ {
		b, err := os.ReadFile(src[i%len(src)])
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("s%03d-%s", i, filepath.Base(src[i%len(src)]))
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	return dir
}

func runBin(t *testing.T, bin, dir string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

func sortedExport(t *testing.T, bin, dir string, store ...string) string {
	t.Helper()
	out, errOut, err := runBin(t, bin, dir, append(store, "export")...)
	if err != nil {
		t.Fatalf("export: %v %s", err, errOut)
	}
	return strings.Join(sortedLines(out), "\n")
}

// TestKilledIngestResumes kills ingest with SIGKILL at random moments on a
// real bolt store, then runs it to the end: the store must equal a clean
// run's, so no statement was ever half-loaded.
func TestKilledIngestResumes(t *testing.T) {
	bin := buildBinary(t)
	corpus := corpusDir(t, 27)
	work := filepath.Dir(corpus)
	killTest(t, bin, work, []string{"--db", filepath.Join(work, "killed.db")})
}

// TestKilledIngestResumesPostgres is the same on PostgreSQL, compared
// with a clean run into bolt: the two backends hold the same graph.
func TestKilledIngestResumesPostgres(t *testing.T) {
	bin := buildBinary(t)
	u := postgresSchemaURL(t)
	corpus := corpusDir(t, 12)
	work := filepath.Dir(corpus)
	killTest(t, bin, work, []string{"--backend", "postgres", "--db", u})
}

func killTest(t *testing.T, bin, work string, store []string) {
	clean := filepath.Join(work, "clean.db")
	start := time.Now()
	if _, e, err := runBin(t, bin, work, "--db", clean, "ingest", "--batch", "2000", "--workers", "1", "corpus"); err != nil {
		t.Fatalf("clean ingest: %v %s", err, e)
	}
	took := time.Since(start)
	want := sortedExport(t, bin, work, "--db", clean)

	// Kill at moments spread over a whole run, each run resuming the last.
	rng := rand.New(rand.NewSource(1))
	kills := 0
	ingest := append(append([]string{}, store...), "ingest", "--batch", "2000", "--workers", "1", "corpus")
	for i := 0; i < 8; i++ {
		cmd := exec.Command(bin, ingest...)
		cmd.Dir = work
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int63n(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err != nil {
			kills++ // killed before it finished
		}
	}
	if _, e, err := runBin(t, bin, work, ingest...); err != nil {
		t.Fatalf("ingest after kills: %v %s", err, e)
	}
	if got := sortedExport(t, bin, work, store...); got != want {
		t.Errorf("store after %d kills and a resumed ingest differs from a clean run (%d vs %d lines)", kills, strings.Count(got, "\n"), strings.Count(want, "\n"))
	}
	t.Logf("%d of 8 runs killed mid-way (a clean run takes %s), store equal to a clean run's", kills, took.Round(time.Millisecond))
}

// postgresSchemaURL gives one test a schema of its own in the test
// database named by $STANCEGRAPH_TEST_POSTGRES (Cayley's tables have fixed
// names), or skips the test when it is not set outside CI.
func postgresSchemaURL(t *testing.T) string {
	base := os.Getenv("STANCEGRAPH_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("STANCEGRAPH_TEST_POSTGRES not set under CI (scripts/test sets it)")
		}
		t.Skip("STANCEGRAPH_TEST_POSTGRES not set")
	}
	db, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("cmd_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	if _, err := db.Exec("CREATE SCHEMA " + name); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db.Exec("DROP SCHEMA " + name + " CASCADE")
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestInterruptStopsCleanly sends SIGINT during ingest: it stops after the
// statements under way, says how far it got, and a second run completes.
func TestInterruptStopsCleanly(t *testing.T) {
	bin := buildBinary(t)
	corpus := corpusDir(t, 45)
	work := filepath.Dir(corpus)
	db := filepath.Join(work, "db")
	cmd := exec.Command(bin, "--db", db, "ingest", "--batch", "500", "--workers", "1", "corpus")
	cmd.Dir = work
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	cmd.Start()
	time.Sleep(400 * time.Millisecond)
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	if err == nil {
		t.Skip("ingest finished before the interrupt")
	}
	if !strings.Contains(errOut.String(), "interrupted after") {
		t.Errorf("interrupted ingest says: %s", errOut.String())
	}
	if _, e, err := runBin(t, bin, work, "--db", db, "ingest", "corpus"); err != nil {
		t.Fatalf("second run: %v %s", err, e)
	}
	out, _, _ := runBin(t, bin, work, "--db", db, "stats", "--format", "json")
	if !strings.Contains(out, `"Statements": 45`) {
		t.Errorf("after resume: %s", out)
	}
}

// TestLockedStore checks that a second writer on a bolt store gets a clear
// message within a few seconds instead of hanging, with exit status 3.
func TestLockedStore(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	s, err := graph.Open(context.Background(), graph.Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := copyFile(t, "statement-a.txt", dir, "a.txt")
	start := time.Now()
	_, errOut, err := runBin(t, bin, dir, "--db", db, "ingest", p)
	took := time.Since(start)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitLocked {
		t.Errorf("second writer: %v (want exit %d)", err, exitLocked)
	}
	if !strings.Contains(errOut, "database is in use by another process") {
		t.Errorf("second writer says: %s", errOut)
	}
	if took > 10*time.Second {
		t.Errorf("second writer waited %s", took)
	}
}

// TestOddFiles feeds files an analyst meets in a large download: each
// gets one line naming it, the others load, and memory stays bounded by
// the size limit.
func TestOddFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(filepath.Join(in, "sub"), 0o755)
	copyFile(t, "statement-a.txt", in, "good.txt")
	os.WriteFile(filepath.Join(in, "truncated.pdf"), []byte("%PDF-1.4\n1 0 obj << /Type /Catalog"), 0o644)
	os.WriteFile(filepath.Join(in, "nosentences.txt"), []byte("1 2 3 4 5\n"), 0o644)
	os.WriteFile(filepath.Join(in, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(in, "binary.txt"), []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x10\x00>\x00\x01"), 0o644)
	// Latin-1 with no declared encoding: read as Windows-1252, with a warning.
	os.WriteFile(filepath.Join(in, "latin1.txt"), []byte("We support the Paris Agreement. La d\xe9l\xe9gation fran\xe7aise.\n"), 0o644)
	os.WriteFile(filepath.Join(in, "oneline.txt"), bytes.Repeat([]byte("We support the Paris Agreement and the two-State solution "), 1<<20/58), 0o644)
	big := filepath.Join(in, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(100 << 20) // sparse: 100 MB of NUL bytes on disk
	f.Close()
	os.Symlink(in, filepath.Join(in, "sub", "loop"))
	db := filepath.Join(dir, "db")
	_, errOut, err := run(t, "", "--db", db, "ingest", "--max-bytes", "8000000", in)
	if err == nil {
		t.Fatal("ingest of bad files succeeded")
	}
	for _, want := range []string{"big.txt: too large", "truncated.pdf", "empty.txt: empty", "binary.txt: binary content", "latin1.txt: not valid UTF-8, read as Windows-1252"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(errOut), "\n") {
		if strings.HasPrefix(l, "error:") && strings.Count(l, "\n") > 0 {
			t.Errorf("multi-line error: %q", l)
		}
	}
	out, _ := mustRun(t, "--db", db, "stats", "--format", "json")
	if !strings.Contains(out, `"Statements": 4`) { // good, nosentences, oneline, latin1
		t.Errorf("stats: %s\n%s", out, errOut)
	}
	// --fail-fast stops at the first failure.
	_, errOut, err = run(t, "", "--db", filepath.Join(dir, "db2"), "ingest", "--fail-fast", "--workers", "1", "--max-bytes", "8000000", in)
	if err == nil || strings.Count(errOut, "error:") != 1 {
		t.Errorf("--fail-fast: %v\n%s", err, errOut)
	}
}
