package turns

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir is shared/corpus beside the repository, where the project's
// machines and CI keep it; tests that need it skip when it is missing.
const corpusDir = "../../../shared/corpus"

// twoSpeakers are General Debate files that hold two speeches.
var twoSpeakers = map[string]bool{
	// The President of Honduras' speech, then "Ms. Rodas (Honduras)
	// (spoke in Spanish): Our President is surrounded ...".
	"HND_64_2009.txt": true,
}

// TestGeneralDebateNotSplit checks that no General Debate speech in the
// shared corpus, each a single statement, is cut into turns. Many open
// with "Mr. President," or "Mr. President:" on their own line. A few
// files hold a real second label (the Acting President's thanks at the
// end, a second speaker of the delegation): there the speech must still
// be one turn that starts the text and holds most of it.
func TestGeneralDebateNotSplit(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "ungdc-*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no shared corpus at " + corpusDir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if twoSpeakers[filepath.Base(f)] {
			if ts := Split(string(b)); len(ts) != 2 {
				t.Errorf("%s: %d turns, want 2", filepath.Base(f), len(ts))
			}
			continue
		}
		text := string(b)
		ts := Split(text)
		if len(ts) == 0 {
			continue
		}
		if lead := len(text) - len(strings.TrimLeft(text, " \n\t\ufeff")); ts[0].HeaderStart != lead || (ts[0].End-ts[0].Start)*2 < len(strings.TrimSpace(text)) {
			t.Errorf("%s: cut into %d turns, first %q at %d..%d, second %q at %d", filepath.Base(f), len(ts), ts[0].Speaker, ts[0].Start, ts[0].End, ts[1].Speaker, ts[1].HeaderStart)
		}
	}
	t.Logf("%d speeches", len(files))
}
