package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/explore/exploretest"
)

// exampleDB ingests the explore test statements into a new bolt store.
func exampleDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "db")
	mustRun(t, "--db", db, "ingest", exploretest.Dir())
	return db
}

func TestExploreCmd(t *testing.T) {
	db := exampleDB(t)
	out, _ := mustRun(t, "--db", db, "explore", "china")
	for _, want := range []string{"China (state)", "Stances (", "Programme of Action", "supports"} {
		if !strings.Contains(out, want) {
			t.Errorf("explore china lacks %q:\n%s", want, out)
		}
	}
	out, _ = mustRun(t, "--db", db, "explore", "Programme of Action", "--evidence")
	if !strings.Contains(out, "China supports Programme of Action") || !strings.Contains(out, `"To this end, China supports the idea`) {
		t.Errorf("explore PoA --evidence:\n%s", out)
	}
	out, _ = mustRun(t, "--db", db, "explore", "CHN", "--format", "json", "--min-confidence", "0.8")
	var res explore.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	for _, r := range res.Stances {
		if r.Confidence < 0.8 {
			t.Errorf("row below --min-confidence: %+v", r)
		}
	}
	out, _ = mustRun(t, "--db", db, "explore", "China", "--format", "csv", "--evidence")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][0] != "section" || recs[0][len(recs[0])-1] != "sentence" {
		t.Errorf("csv: %v %v", err, recs[:min(2, len(recs))])
	}

	_, _, err = run(t, "", "--db", db, "explore", "Chnia")
	if !errors.Is(err, explore.ErrNotFound) || !strings.Contains(err.Error(), `did you mean "China"`) {
		t.Errorf("explore Chnia: %v", err)
	}
	_, _, err = run(t, "", "--db", db, "explore", "NAM")
	if !errors.Is(err, explore.ErrAmbiguous) {
		t.Errorf("explore NAM: %v", err)
	}
	_, _, err = run(t, "", "--db", db, "explore", "China", "--format", "xml")
	if exitCode(err) != exitUsage {
		t.Errorf("bad format: %v", err)
	}
	_, _, err = run(t, "", "--db", db, "explore")
	if exitCode(err) != exitUsage {
		t.Errorf("no name: %v", err)
	}
	_, _, err = run(t, "", "--db", filepath.Join(t.TempDir(), "none"), "explore", "China")
	if err == nil || !strings.Contains(err.Error(), "none") {
		t.Errorf("missing store: %v", err)
	}
}

func TestCompareCmd(t *testing.T) {
	db := exampleDB(t)
	out, _ := mustRun(t, "--db", db, "compare", "China", "United States")
	for _, want := range []string{"Agree (", "Disagree (", "Only China (", "Only United States (", "United Nations Charter"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare lacks %q:\n%s", want, out)
		}
	}
	out, _ = mustRun(t, "--db", db, "compare", "CHN", "USA", "--format", "json", "--evidence")
	var c explore.Comparison
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if c.A.Label != "China" || c.B.Label != "United States" || len(c.Agree) == 0 || len(c.Agree[0].A.Evidence) == 0 {
		t.Errorf("compare json: %+v", c)
	}
	if _, _, err := run(t, "", "--db", db, "compare", "China"); exitCode(err) != exitUsage {
		t.Errorf("one name: %v", err)
	}
}
