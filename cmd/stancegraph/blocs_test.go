package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/explore"
)

func TestBlocsCmd(t *testing.T) {
	db := exampleDB(t)
	out1, _ := mustRun(t, "--db", db, "blocs")
	out2, _ := mustRun(t, "--db", db, "blocs")
	if out1 != out2 {
		t.Errorf("blocs differ between runs:\n%s\n%s", out1, out2)
	}
	if !strings.Contains(out1, "Bloc 1:") || !strings.Contains(out1, "modularity") {
		t.Errorf("blocs:\n%s", out1)
	}
	out, _ := mustRun(t, "--db", db, "blocs", "--format", "json", "--since", "2021")
	var res explore.BlocResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	for _, b := range res.Blocs {
		for _, m := range b.Members {
			if m.Kind != "state" && m.Kind != "group" && m.Kind != "org" {
				t.Errorf("bloc member %+v", m)
			}
		}
	}
	dot := filepath.Join(t.TempDir(), "blocs.dot")
	mustRun(t, "--db", db, "blocs", "-o", dot)
	if b, err := os.ReadFile(dot); err != nil || !strings.HasPrefix(string(b), "graph blocs {") {
		t.Errorf("blocs -o .dot: %v %.40s", err, b)
	}
	if _, _, err := run(t, "", "--db", db, "blocs", "-o", "x.jpg"); exitCode(err) != exitUsage {
		t.Errorf("blocs -o x.jpg: %v", err)
	}
	if _, _, err := run(t, "", "--db", db, "blocs", "--forum", "Chnia"); err == nil || !strings.Contains(err.Error(), "forum") {
		t.Errorf("blocs --forum Chnia: %v", err)
	}
}

func TestTimelineCmd(t *testing.T) {
	db := exampleDB(t)
	dir := t.TempDir()
	png := filepath.Join(dir, "poa.png")
	out, errOut := mustRun(t, "--db", db, "timeline", "Programme of Action", "-o", png)
	if !strings.Contains(out, "2021") || !strings.Contains(out, "Per session") || !strings.Contains(errOut, "wrote") {
		t.Errorf("timeline:\n%s", out)
	}
	b, err := os.ReadFile(png)
	if err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("chart is not a PNG: %v", err)
	}
	svg := filepath.Join(dir, "poa.svg")
	mustRun(t, "--db", db, "timeline", "PoA", "-o", svg, "--format", "csv")
	if b, err := os.ReadFile(svg); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("chart is not SVG: %v", err)
	}
	if _, _, err := run(t, "", "--db", db, "timeline", "PoA", "-o", "chart.gif"); exitCode(err) != exitUsage {
		t.Errorf("timeline -o chart.gif: %v", err)
	}
}

func TestDrawCmd(t *testing.T) {
	db := exampleDB(t)
	out, _ := mustRun(t, "--db", db, "draw", "China")
	if !strings.HasPrefix(out, "digraph") || !strings.Contains(out, "supports ×") {
		t.Errorf("draw China:\n%s", out)
	}
	dir := t.TempDir()
	mustRun(t, "--db", db, "draw", "China", "-o", filepath.Join(dir, "china.dot"))
	if _, err := os.Stat("/usr/bin/dot"); err == nil {
		svg := filepath.Join(dir, "china.svg")
		mustRun(t, "--db", db, "draw", "China", "-o", svg)
		if b, err := os.ReadFile(svg); err != nil || !strings.Contains(string(b), "<svg") {
			t.Errorf("draw -o svg: %v", err)
		}
	}
	// Without dot on PATH, rendering fails with a hint; DOT still works.
	t.Setenv("PATH", t.TempDir())
	_, _, err := run(t, "", "--db", db, "draw", "China", "-o", filepath.Join(dir, "x.png"))
	if err == nil || !strings.Contains(err.Error(), "graphviz") {
		t.Errorf("draw without dot: %v", err)
	}
	mustRun(t, "--db", db, "draw", "China", "-o", filepath.Join(dir, "y.dot"))
}
