package extract

import (
	"testing"

	"github.com/stancegraph/stancegraph/data"
)

// TestSpecialiseKeepsOtherMentions checks that a general mention with no
// state after it stays, also after another was made specific, and that
// each state of a list gives its own specific mention.
func TestSpecialiseKeepsOtherMentions(t *testing.T) {
	g, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(g)
	text := "We support the sovereignty, territorial integrity and independence of Ukraine and Georgia, and we respect territorial integrity and self-determination."
	var got []string
	for _, ms := range m.Find(text, Tokenize(text)) {
		if ms.Entity != nil {
			got = append(got, ms.Entity.Key)
		}
	}
	want := []string{"ukraine-territorial-integrity", "georgia-territorial-integrity", "UKR", "GEO", "territorial-integrity", "self-determination"}
	if len(got) != len(want) {
		t.Fatalf("mentions %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("mentions %v, want %v", got, want)
		}
	}
}
