package eval_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/eval"
	"github.com/stancegraph/stancegraph/extract"
)

// floors are the levels reached on the annotated sets; a change that
// drops below one fails. Raise them when the rules improve.
var floors = []struct {
	dir                  string
	precision, recall, m float64
}{
	{"testdata/dev", 0.80, 0.67, 0.98},
	{"testdata/dev2", 0.87, 0.46, 0.98},
	{"testdata/dev3", 0.55, 0.12, 0.90},
	{"testdata/heldout", 0.66, 0.29, 0.98},
}

// pipeline builds the default extraction pipeline.
func pipeline(t *testing.T) *extract.Pipeline {
	t.Helper()
	g, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := extract.NewRegistry().Build(nil, g)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestQualityFloors(t *testing.T) {
	p := pipeline(t)
	for _, f := range floors {
		r, err := eval.Run(f.dir, p)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d statements, precision %.3f, recall %.3f (clear edges), F1 %.3f, metadata %.3f",
			f.dir, r.Statements, r.Clear.Precision(), r.Clear.Recall(), r.Clear.F1(), r.MetaAccuracy())
		if r.Clear.Precision() < f.precision {
			t.Errorf("%s: precision %.3f < %.2f", f.dir, r.Clear.Precision(), f.precision)
		}
		if r.Clear.Recall() < f.recall {
			t.Errorf("%s: recall %.3f < %.2f", f.dir, r.Clear.Recall(), f.recall)
		}
		if r.MetaAccuracy() < f.m {
			t.Errorf("%s: metadata accuracy %.3f < %.2f", f.dir, r.MetaAccuracy(), f.m)
		}
		// The verbose report is one line an edge, whatever line breaks
		// the evidence had in its source (TCD_69_2014 is hard-wrapped).
		for _, l := range append(r.Misses, r.Spurious...) {
			if strings.Contains(l, "\n") {
				t.Errorf("%s: report line spans lines: %q", f.dir, l)
			}
		}
	}
}

func TestCounts(t *testing.T) {
	c := eval.Counts{TP: 6, FP: 2, FN: 4}
	if c.Precision() != 0.75 || c.Recall() != 0.6 {
		t.Errorf("precision %v recall %v", c.Precision(), c.Recall())
	}
	if f := c.F1(); f < 0.666 || f > 0.667 {
		t.Errorf("F1 %v", f)
	}
	if (eval.Counts{}).F1() != 0 {
		t.Error("F1 of nothing is not 0")
	}
}

// TestMintedMatchesGold checks that a target minted from the text (a
// resolution by its symbol, not in the gazetteer) matches the gold name
// written with its punctuation.
func TestMintedMatchesGold(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ETH_72_2017.txt", "We welcome the adoption of Security Council resolution 2378 (2017), which we introduced.\n")
	write("ETH_72_2017.gold.tsv", "actor\tpredicate\ttarget\tgrade\tevidence\n"+
		"Ethiopia\tsupports\tSecurity Council resolution 2378 (2017)\tclear\tWe welcome\n"+
		"Ethiopia\tproposes\tSecurity Council resolution 2378 (2017)\tclear\twhich we introduced\n")
	r, err := eval.Run(dir, pipeline(t))
	if err != nil {
		t.Fatal(err)
	}
	if r.Clear.TP != 2 || r.Clear.FP != 0 {
		t.Errorf("TP %d FP %d, want 2 and 0; misses %v spurious %v", r.Clear.TP, r.Clear.FP, r.Misses, r.Spurious)
	}
}
