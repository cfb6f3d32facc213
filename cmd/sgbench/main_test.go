package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchExamples runs the benchmark on data/examples (and a corpus of
// renamed copies twice its size) on bolt and memstore, two timed runs a
// query, and checks that the tables have every column and the numbers
// are plausible.
func TestBenchExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds stancegraph and ingests twice; skipped with -short")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	o, err := parseFlags([]string{"-corpus", filepath.Join(repo, "data", "examples"), "-n", "4,all,18",
		"-reps", "2", "-warmups", "1", "-backends", "memstore,bolt", "-stock=false"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	o.Repo, o.ErrOut = repo, &errOut
	t.Setenv("TMPDIR", t.TempDir()) // the work folder must be gone afterwards
	rep, err := measure(t.Context(), o)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if left, _ := filepath.Glob(filepath.Join(os.Getenv("TMPDIR"), "sgbench-*")); len(left) > 0 {
		t.Errorf("work folder left behind: %v", left)
	}

	var md bytes.Buffer
	if err := writeMarkdown(&md, rep); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	for _, head := range [][]string{extractColumns, ingestColumns, viewColumns, queryColumns, targetColumns} {
		if line := "| " + strings.Join(head, " | ") + " |"; !strings.Contains(out, line) {
			t.Errorf("no table with header %s in:\n%s", line, out)
		}
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Errorf("report does not encode as JSON: %v", err)
	}

	if len(rep.Sizes) != 3 {
		t.Fatalf("%d sizes measured, want 3", len(rep.Sizes))
	}
	wantFiles := []int{4, 9, 18}
	wantCopies := []int{0, 0, 9}
	for i, s := range rep.Sizes {
		if s.Files != wantFiles[i] || s.Copies != wantCopies[i] {
			t.Errorf("N=%s: %d files, %d copies; want %d, %d", s.N, s.Files, s.Copies, wantFiles[i], wantCopies[i])
		}
		x := s.Extract
		if x == nil || x.Statements < s.Files || x.Quads <= 0 || x.MBps <= 0 || x.MBpsOne <= 0 || x.MBpsCore <= 0 {
			t.Errorf("N=%s: implausible extraction %+v", s.N, x)
		}
		if len(s.Ingest) != 1 {
			t.Fatalf("N=%s: %d ingest rows, want bolt only", s.N, len(s.Ingest))
		}
		in := s.Ingest[0]
		if in.Store != "bolt" || in.Statements != x.Statements || in.Quads <= x.Quads || in.Seconds <= 0 ||
			in.QuadsPerS <= 0 || in.StmtsPerS <= 0 || in.MaxRSSMB < 1 || in.SizeMB <= 0 {
			// Quads include the gazetteer graph, so more than extraction's.
			t.Errorf("N=%s: implausible ingest %+v (extraction: %d statements, %d quads)", s.N, in, x.Statements, x.Quads)
		}
		if v := s.View; v == nil || v.Quads != in.Quads || v.LoadSeconds <= 0 {
			t.Errorf("N=%s: memstore view %+v, want %d quads", s.N, v, in.Quads)
		}
		if got, want := len(s.Queries), 3*len(rep.Queries); got != want { // bolt, bolt100, memstore
			t.Errorf("N=%s: %d query results, want %d", s.N, got, want)
		}
		rows := map[string]int{}
		for _, r := range s.Queries {
			if r.Error != "" || r.Runs != 2 || r.MedianMS <= 0 || r.P95MS < r.MedianMS {
				t.Errorf("N=%s: %s on %s: implausible %+v", s.N, r.Query, r.Store, r)
			}
			if r.Store == "bolt100" {
				if r.Results > stockCap {
					t.Errorf("N=%s: %s: %d rows with the cap of %d", s.N, r.Query, r.Results, stockCap)
				}
				continue
			}
			if n, ok := rows[r.Query]; ok && n != r.Results {
				t.Errorf("N=%s: %s: %d rows on %s, %d on the other store", s.N, r.Query, r.Results, r.Store, n)
			}
			rows[r.Query] = r.Results
		}
		// China speaks at the General Debate in CHN_76_2021.txt, which
		// every size holds (the smallest takes every other file or so).
		if s.N != "4" && rows["q4"] < 1 {
			t.Errorf("N=%s: q4 found no statement of China at the General Debate", s.N)
		}
	}
	// The copies are new statements of later sessions.
	if a, b := rep.Sizes[1].Ingest[0].Statements, rep.Sizes[2].Ingest[0].Statements; b != 2*a {
		t.Errorf("N=18 has %d statements, want twice N=all's %d", b, a)
	}
	if q4all, q418 := queryRows(rep.Sizes[1], "q4"), queryRows(rep.Sizes[2], "q4"); q418 != 2*q4all {
		t.Errorf("q4: %d rows at N=18, want twice the %d at N=all (a renamed copy per statement)", q418, q4all)
	}
	if len(rep.Targets) == 0 {
		t.Error("no targets judged")
	}
}

func queryRows(s *sizeResult, id string) int {
	for _, r := range s.Queries {
		if r.Query == id {
			return r.Results
		}
	}
	return -1
}

func TestShiftedName(t *testing.T) {
	for _, c := range []struct {
		name string
		k    int
		want string
	}{
		{"CHN_76_2021.txt", 1, "CHN_93_2038.txt"},
		{"EU_63_2008.txt", 2, "EU_97_2042.txt"},
		{"UNSC_SPV8699_2020_spch012_China.txt", 1, "UNSC_SPV8699_2020_spch012_China.txt"},
		{"CHN_76_2021.txt", 0, "CHN_76_2021.txt"},
	} {
		if got := shiftedName(c.name, c.k, 17); got != c.want {
			t.Errorf("shiftedName(%q, %d) = %q, want %q", c.name, c.k, got, c.want)
		}
	}
}

func TestParseFlags(t *testing.T) {
	if _, err := parseFlags([]string{"-backends", "memstore"}, io.Discard); err == nil {
		t.Error("memstore without bolt accepted")
	}
	if _, err := parseFlags([]string{"-n", "0"}, io.Discard); err == nil {
		t.Error("-n 0 accepted")
	}
	o, err := parseFlags([]string{"-n", "300,all,10000", "-reps", "5"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if got := []size{{N: 300}, {All: true}, {N: 10000}}; len(o.Sizes) != 3 || o.Sizes[0] != got[0] || o.Sizes[1] != got[1] || o.Sizes[2] != got[2] {
		t.Errorf("sizes %v", o.Sizes)
	}
}
