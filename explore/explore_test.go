package explore_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/explore/exploretest"
)

func TestSeedChinaSupportsProgrammeOfAction(t *testing.T) {
	v := exploretest.View(t, filepath.Join(exploretest.Dir(), exploretest.Seed))
	res, err := v.Explore("china", explore.Options{Evidence: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Entity.Label != "China" || res.Entity.Kind != explore.KindState {
		t.Fatalf("entity = %+v", res.Entity)
	}
	var found *explore.Row
	for i, r := range res.Stances {
		if r.Stance == explore.Supports && r.Target.Label == "Programme of Action" {
			found = &res.Stances[i]
		}
	}
	if found == nil {
		t.Fatalf("China does not support the Programme of Action: %+v", res.Stances)
	}
	if len(found.Evidence) == 0 || !strings.Contains(found.Evidence[0].Sentence, "Programme of Action") {
		t.Fatalf("evidence = %+v", found.Evidence)
	}
	// The offsets point at the evidence sentence in the statement text.
	ev := found.Evidence[0]
	st := v.Statement(quadIRI(ev.Statement))
	if st == nil {
		t.Fatalf("no statement %s", ev.Statement)
	}
	if got := string([]rune(st.Text)[ev.Start:ev.End]); got != ev.Sentence {
		t.Errorf("text[%d:%d] = %q, want the evidence %q", ev.Start, ev.End, got, ev.Sentence)
	}

	// The same from the target's side: China among the supporters.
	res, err = v.Explore("PoA", explore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ok := false
	for _, r := range res.Positions {
		if r.Stance == explore.Supports && r.Actor.Label == "China" {
			ok = true
		}
	}
	if !ok {
		t.Errorf("China not among the supporters of the PoA: %+v", res.Positions)
	}
}

func TestLookup(t *testing.T) {
	v := exploretest.View(t)
	for _, name := range []string{"China", "CHINA", "chn", "CN", "People's Republic of China", "<https://stancegraph.org/id/state/CHN>", "https://stancegraph.org/id/state/CHN"} {
		e, err := v.Lookup(name)
		if err != nil || e.Label != "China" {
			t.Errorf("Lookup(%q) = %v, %v", name, e, err)
		}
	}
	_, err := v.Lookup("Chnia")
	var nf *explore.NotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, explore.ErrNotFound) {
		t.Fatalf("Lookup(Chnia) = %v", err)
	}
	if len(nf.Suggestions) == 0 || nf.Suggestions[0].Label != "China" {
		t.Errorf("suggestions for Chnia = %+v", nf.Suggestions)
	}
	if !strings.Contains(err.Error(), `did you mean "China"`) {
		t.Errorf("message = %q", err)
	}
	_, err = v.Lookup("NAM") // Namibia's ISO code and the Non-Aligned Movement
	var amb *explore.AmbiguousError
	if !errors.As(err, &amb) || !errors.Is(err, explore.ErrAmbiguous) {
		t.Fatalf("Lookup(NAM) = %v", err)
	}
	var labels []string
	for _, c := range amb.Candidates {
		labels = append(labels, c.Label)
	}
	if len(labels) != 2 || !strings.Contains(err.Error(), "Namibia") {
		t.Errorf("candidates = %v; %v", labels, err)
	}
	if _, err := v.Lookup("xyzzy plugh"); !errors.Is(err, explore.ErrNotFound) {
		t.Errorf("Lookup(nonsense) = %v", err)
	}
}

func TestSearch(t *testing.T) {
	v := exploretest.View(t)
	m := v.Search("chi", 5)
	if len(m) == 0 || m[0].Label != "China" {
		t.Fatalf("Search(chi) = %+v", m)
	}
	if m := v.Search("Chnia", 5); len(m) == 0 || m[0].Label != "China" {
		t.Errorf("Search(Chnia) = %+v", m)
	}
	if m := v.Search("", 5); len(m) != 0 {
		t.Errorf("Search('') = %+v", m)
	}
}

func TestCompare(t *testing.T) {
	v := exploretest.View(t)
	c, err := v.Compare("China", "United States", explore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Agree)+len(c.Disagree)+len(c.OnlyA)+len(c.OnlyB) == 0 {
		t.Fatalf("empty comparison: %+v", c)
	}
	for _, p := range c.Agree {
		if p.A.Stance != p.B.Stance || p.A.Target != p.B.Target {
			t.Errorf("agreement with different stances: %+v", p)
		}
	}
	for _, p := range c.Disagree {
		if p.A.Stance.Opposite() != p.B.Stance && p.B.Stance.Opposite() != p.A.Stance {
			t.Errorf("disagreement that is none: %+v", p)
		}
	}
	if _, err := v.Compare("China", "PRC", explore.Options{}); err == nil {
		t.Error("comparing China with itself succeeded")
	}
}

func TestExploreFilters(t *testing.T) {
	v := exploretest.View(t)
	all, err := v.Explore("China", explore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	high, err := v.Explore("China", explore.Options{MinConfidence: 0.99})
	if err != nil {
		t.Fatal(err)
	}
	if len(high.Stances) >= len(all.Stances) {
		t.Errorf("min confidence kept %d of %d rows", len(high.Stances), len(all.Stances))
	}
	late, err := v.Explore("China", explore.Options{Since: "2021"})
	if err != nil {
		t.Fatal(err)
	}
	if len(late.Stances) == 0 || len(late.Stances) >= len(all.Stances) {
		t.Errorf("since 2021: %d of %d rows", len(late.Stances), len(all.Stances))
	}
	for _, r := range late.Stances {
		if r.First < "2021" {
			t.Errorf("row before --since: %+v", r)
		}
	}
	oewg, err := v.Explore("China", explore.Options{Forum: "Open-ended Working Group on Security of and in the Use of Information and Communications Technologies 2021-2025"})
	if err != nil {
		t.Fatal(err)
	}
	if len(oewg.Stances) == 0 || len(oewg.Stances) >= len(all.Stances) {
		t.Errorf("forum filter: %d of %d rows", len(oewg.Stances), len(all.Stances))
	}
	if _, err := v.Explore("China", explore.Options{Since: "last year"}); err == nil {
		t.Error("bad date accepted")
	}
	// Rows are de-duplicated: one row per actor, stance and target.
	seen := map[string]bool{}
	for _, r := range all.Stances {
		k := string(r.Stance) + r.Target.IRI
		if seen[k] {
			t.Errorf("duplicate row %s", k)
		}
		seen[k] = true
		if r.Count < 1 || r.Statements < 1 || r.Statements > r.Count {
			t.Errorf("bad counts %+v", r)
		}
	}
}

func TestForum(t *testing.T) {
	v := exploretest.View(t)
	res, err := v.Explore("Security Council", explore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Speakers) == 0 || len(res.Spoken) == 0 {
		t.Errorf("forum view: speakers %+v spoken %d", res.Speakers, len(res.Spoken))
	}
}

func TestBlocsDeterministic(t *testing.T) {
	v := exploretest.View(t)
	a, err := v.Blocs(explore.BlocOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Blocs) == 0 {
		t.Fatalf("no blocs: %+v", a)
	}
	for _, b := range a.Blocs {
		if len(b.Members) < 2 {
			t.Errorf("bloc of one: %+v", b)
		}
		for _, m := range b.Members {
			if m.Kind == explore.KindUnnamed {
				t.Errorf("unnamed actor in a bloc: %+v", m)
			}
		}
	}
	for i := 0; i < 3; i++ {
		w := exploretest.View(t)
		b, err := w.Blocs(explore.BlocOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Blocs, b.Blocs) {
			t.Fatalf("blocs differ between runs:\n%+v\n%+v", a.Blocs, b.Blocs)
		}
	}
}

func TestTimelineAndChart(t *testing.T) {
	v := exploretest.View(t)
	tl, err := v.Timeline("Programme of Action", explore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Years) == 0 || tl.Years[0].Supports == 0 {
		t.Fatalf("timeline = %+v", tl)
	}
	for _, format := range []string{"png", "svg"} {
		var buf bytes.Buffer
		if err := tl.Chart(&buf, format); err != nil {
			t.Fatal(err)
		}
		if buf.Len() < 100 {
			t.Errorf("%s chart of %d bytes", format, buf.Len())
		}
	}
}

func TestDot(t *testing.T) {
	v := exploretest.View(t)
	dot, err := v.Dot("China", explore.DrawOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"digraph", `"https://stancegraph.org/id/state/CHN" -> `, "supports ×"} {
		if !strings.Contains(dot, want) {
			t.Errorf("dot lacks %q:\n%s", want, dot)
		}
	}
}

func TestFindClaims(t *testing.T) {
	v := exploretest.View(t)
	cs, err := v.FindClaims("China", "", explore.Options{Stance: explore.Opposes})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 {
		t.Fatal("China opposes nothing")
	}
	for _, c := range cs {
		if c.Stance != explore.Opposes || c.Actor != "https://stancegraph.org/id/state/CHN" {
			t.Errorf("claim %+v", c)
		}
	}
}

// TestOffsetsAreCodePoints checks every claim's offsets against its
// statement's text, counted in code points; FJI_76_2021.txt has
// characters outside the Basic Multilingual Plane before and inside its
// evidence sentences.
func TestOffsetsAreCodePoints(t *testing.T) {
	v := exploretest.View(t)
	n, astral := 0, 0
	for _, c := range v.Claims() {
		if c.IRI == "" || c.Statement.Text == "" {
			continue
		}
		text := []rune(c.Statement.Text)
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
			t.Errorf("%s: offsets [%d:%d] outside the text of %d code points", c.IRI, c.Start, c.End, len(text))
			continue
		}
		if got := string(text[c.Start:c.End]); got != c.Evidence {
			t.Errorf("%s: text[%d:%d] = %q, want %q", c.IRI, c.Start, c.End, got, c.Evidence)
		}
		n++
		for _, r := range string(text[:c.End]) {
			if r > 0xFFFF {
				astral++
				break
			}
		}
	}
	if n == 0 || astral == 0 {
		t.Errorf("checked %d claims, %d with astral characters before their end", n, astral)
	}
}
