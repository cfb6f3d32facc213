package graph

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// holdEnv, when set to "backend,dir,ro" or "backend,dir,rw", makes
// TestHoldStore open that store, say "ready" and keep it open until its
// stdin closes: another process for TestLockedAcrossProcesses.
const holdEnv = "STANCEGRAPH_TEST_HOLD"

func TestHoldStore(t *testing.T) {
	spec := os.Getenv(holdEnv)
	if spec == "" {
		t.Skip("helper process for TestLockedAcrossProcesses")
	}
	f := strings.Split(spec, ",")
	s, err := Open(t.Context(), Options{Backend: f[0], Path: f[1], ReadOnly: f[2] == "ro"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin)
}

// hold opens a store in another process and returns once it is open; the
// process ends with the test.
func hold(t *testing.T, backend, dir string, readOnly bool) {
	t.Helper()
	mode := "rw"
	if readOnly {
		mode = "ro"
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHoldStore$")
	cmd.Env = append(os.Environ(), holdEnv+"="+backend+","+dir+","+mode)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("helper process: %q, %v", line, err)
	}
}

// TestLockedAcrossProcesses checks the locking Options documents, between
// processes: a writer excludes everyone; read-only Stores share.
func TestLockedAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for _, backend := range []string{Bolt, LevelDB} {
		t.Run(backend, func(t *testing.T) {
			const timeout = 200 * time.Millisecond
			writer := t.TempDir()
			s := mustOpen(t, Options{Backend: backend, Path: writer})
			replace(t, s, corpusBatch(1, "v1"))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			readers := t.TempDir()
			s = mustOpen(t, Options{Backend: backend, Path: readers})
			replace(t, s, corpusBatch(1, "v1"))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}

			hold(t, backend, writer, false)
			for _, ro := range []bool{false, true} {
				if _, err := Open(t.Context(), Options{Backend: backend, Path: writer, ReadOnly: ro, LockTimeout: timeout}); !errors.Is(err, ErrLocked) {
					t.Errorf("open (read-only %v) while another process writes: %v, want ErrLocked", ro, err)
				}
			}

			hold(t, backend, readers, true)
			r := mustOpen(t, Options{Backend: backend, Path: readers, ReadOnly: true, LockTimeout: timeout})
			wantGraph(t, r, corpusLabel(1), corpusBatch(1, "v1").Quads)
			if _, err := Open(t.Context(), Options{Backend: backend, Path: readers, LockTimeout: timeout}); !errors.Is(err, ErrLocked) {
				t.Errorf("writer open while another process reads: %v, want ErrLocked", err)
			}
		})
	}
}
