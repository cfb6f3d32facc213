package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReplCmd(t *testing.T) {
	db := exampleDB(t)
	hist := filepath.Join(t.TempDir(), "cache", "repl_history")
	in := strings.Join([]string{
		`g.V().Has("` + labelP + `", "Programme of Action")\`,
		`  .In("<` + ns + `supports>").Out("` + labelP + `").All()`,
		`g.V(.All()`,
		``,
		`.history`,
		`.exit`,
		`g.V().All()`,
	}, "\n")
	out, errOut, err := run(t, in, "--db", db, "repl", "--history", hist)
	if err != nil {
		t.Fatalf("repl: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, `"id": "China"`) {
		t.Errorf("repl output lacks China:\n%s", out)
	}
	if !strings.Contains(errOut, "error: gizmo query") || !strings.Contains(errOut, "gizmo> ") {
		t.Errorf("repl stderr:\n%s", errOut)
	}
	if !strings.Contains(out, `   2  g.V(.All()`) {
		t.Errorf(".history:\n%s", out)
	}
	b, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `g.V().Has(`) {
		t.Errorf("history file: %q", lines)
	}
	// History persists into the next session; end of input leaves too.
	out, _, err = run(t, ".history\n", "--db", db, "repl", "--history", hist)
	if err != nil || !strings.Contains(out, "g.V(.All()") {
		t.Errorf("second session: %v\n%s", err, out)
	}
	// No history file at all.
	if _, _, err := run(t, "g.V().Count()\n", "--db", db, "repl", "--history", ""); err != nil {
		t.Errorf("repl without history: %v", err)
	}
}
