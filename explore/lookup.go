package explore

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/unicode/norm"
)

// ErrNotFound is matched (with errors.Is) by every *NotFoundError.
var ErrNotFound = errors.New("no such entity")

// ErrAmbiguous is matched (with errors.Is) by every *AmbiguousError.
var ErrAmbiguous = errors.New("ambiguous name")

// A NotFoundError reports a name that matches no entity, with the
// closest known names as suggestions (possibly none).
type NotFoundError struct {
	Name        string
	Suggestions []Ref
}

func (e *NotFoundError) Error() string {
	if len(e.Suggestions) == 0 {
		return fmt.Sprintf("no entity named %q", e.Name)
	}
	names := make([]string, len(e.Suggestions))
	for i, s := range e.Suggestions {
		names[i] = fmt.Sprintf("%q", s.Label)
	}
	return fmt.Sprintf("no entity named %q; did you mean %s?", e.Name, strings.Join(names, ", "))
}

// Is reports whether target is ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// An AmbiguousError reports a name that matches several entities equally
// well. Candidates are sorted by label and IRI; pass one's IRI instead.
type AmbiguousError struct {
	Name       string
	Candidates []Ref
}

func (e *AmbiguousError) Error() string {
	parts := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		parts[i] = fmt.Sprintf("%s %q <%s>", c.Kind, c.Label, c.IRI)
	}
	return fmt.Sprintf("name %q is ambiguous: it matches %s; give the IRI of one", e.Name, strings.Join(parts, ", "))
}

// Is reports whether target is ErrAmbiguous.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// Name match ranks, best first.
const (
	rankLabel   = iota // the label
	rankCode           // an ISO code or an alias
	rankDemonym        // a demonym ("Chinese")
)

type nameEntry struct {
	name string // as written
	key  string // folded
	iri  quad.IRI
	rank int
	tri  map[string]bool // trigrams of key, for suggestions
}

// nameIndex finds entities by folded name.
type nameIndex struct {
	exact   map[string][]nameEntry
	entries []nameEntry // sorted by key
	// activity counts the claims an entity takes part in, to rank
	// suggestions and autocomplete matches.
	activity map[quad.IRI]int
}

func newNameIndex(v *View) *nameIndex {
	x := &nameIndex{exact: map[string][]nameEntry{}, activity: map[quad.IRI]int{}}
	for _, c := range v.claims {
		x.activity[c.Actor]++
		x.activity[c.Target]++
	}
	for iri, e := range v.entities {
		add := func(name string, rank int) {
			k := fold(name)
			if k == "" {
				return
			}
			en := nameEntry{name: name, key: k, iri: iri, rank: rank, tri: trigrams(k)}
			x.exact[k] = append(x.exact[k], en)
			x.entries = append(x.entries, en)
		}
		add(e.Label, rankLabel)
		for _, a := range e.Aliases {
			add(a, rankCode)
		}
		if e.ISO2 != "" {
			add(e.ISO2, rankCode)
		}
		if e.ISO3 != "" {
			add(e.ISO3, rankCode)
		}
		for _, d := range e.Demonyms {
			add(d, rankDemonym)
		}
	}
	sort.Slice(x.entries, func(i, j int) bool {
		a, b := x.entries[i], x.entries[j]
		if a.key != b.key {
			return a.key < b.key
		}
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		return a.iri < b.iri
	})
	return x
}

// fold returns s in lower case without accents, with runs of spaces and
// punctuation other than letters and digits collapsed to one space.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// Lookup finds the entity a user means by name: its IRI (with or without
// angle brackets), its label, an alias, an ISO 3166 code or a demonym,
// compared case- and accent-insensitively. A label match wins over an
// alias or code match, which wins over a demonym. When the best matches
// name several entities, Lookup returns an *AmbiguousError; when nothing
// matches, a *NotFoundError with suggestions for typos ("Chnia" ->
// "China").
func (v *View) Lookup(name string) (*Entity, error) {
	name = strings.TrimSpace(name)
	iri := quad.IRI(strings.TrimSuffix(strings.TrimPrefix(name, "<"), ">"))
	if e := v.entities[iri]; e != nil {
		return e, nil
	}
	if name == "" {
		return nil, &NotFoundError{Name: name}
	}
	matches := v.names.exact[fold(name)]
	if len(matches) > 0 {
		best := matches[0].rank
		for _, m := range matches {
			best = min(best, m.rank)
		}
		var cands []*Entity
		seen := map[quad.IRI]bool{}
		for _, m := range matches {
			if m.rank == best && !seen[m.iri] {
				seen[m.iri] = true
				cands = append(cands, v.entities[m.iri])
			}
		}
		if len(cands) == 1 {
			return cands[0], nil
		}
		// Prefer the one entity that takes part in stances, if only one does.
		var active []*Entity
		for _, e := range cands {
			if v.names.activity[e.IRI] > 0 {
				active = append(active, e)
			}
		}
		if len(active) == 1 && best == rankLabel {
			return active[0], nil
		}
		sort.Slice(cands, func(i, j int) bool {
			if cands[i].Label != cands[j].Label {
				return cands[i].Label < cands[j].Label
			}
			return cands[i].IRI < cands[j].IRI
		})
		err := &AmbiguousError{Name: name}
		for _, e := range cands {
			err.Candidates = append(err.Candidates, e.Ref())
		}
		return nil, err
	}
	return nil, &NotFoundError{Name: name, Suggestions: v.Suggest(name, 5)}
}

// Suggest returns up to n entities whose names are close to name: within
// a small edit distance (transpositions count once) or sharing most of
// their letter trigrams. Closer names come first; ties go to entities
// that take part in more stances.
func (v *View) Suggest(name string, n int) []Ref {
	k := fold(name)
	if k == "" || n <= 0 {
		return nil
	}
	maxDist := 1
	if l := len([]rune(k)); l > 4 {
		maxDist = 2
	}
	if l := len([]rune(k)); l > 10 {
		maxDist = 3
	}
	kt := trigrams(k)
	type cand struct {
		iri   quad.IRI
		score float64
	}
	best := map[quad.IRI]float64{}
	for _, en := range v.names.entries {
		var score float64
		if d := osaDistance(k, en.key, maxDist); d <= maxDist {
			score = 1 + float64(maxDist-d+1)
		} else if sim := dice(kt, en.tri); sim >= 0.5 {
			score = sim
		} else {
			continue
		}
		if score > best[en.iri] {
			best[en.iri] = score
		}
	}
	cands := make([]cand, 0, len(best))
	for iri, s := range best {
		cands = append(cands, cand{iri, s})
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if x, y := v.names.activity[a.iri], v.names.activity[b.iri]; x != y {
			return x > y
		}
		return a.iri < b.iri
	})
	var out []Ref
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, v.entities[c.iri].Ref())
	}
	return out
}

// A Match is one autocomplete result.
type Match struct {
	Ref
	Name   string `json:"name"`   // the name that matched (label, alias, code)
	Claims int    `json:"claims"` // claims the entity takes part in
}

// Search returns up to n entities for an autocomplete box: names that
// start with q first, then names containing q, then close misspellings.
// Within each group entities that take part in more stances come first.
// Entities that take part in no stance are listed only when fewer than n
// others match.
func (v *View) Search(q string, n int) []Match {
	k := fold(q)
	if k == "" || n <= 0 {
		return []Match{}
	}
	type cand struct {
		en   nameEntry
		tier int
	}
	best := map[quad.IRI]cand{}
	consider := func(en nameEntry, tier int) {
		if c, ok := best[en.iri]; ok && (c.tier < tier || (c.tier == tier && c.en.rank <= en.rank)) {
			return
		}
		best[en.iri] = cand{en, tier}
	}
	i := sort.Search(len(v.names.entries), func(i int) bool { return v.names.entries[i].key >= k })
	for ; i < len(v.names.entries) && strings.HasPrefix(v.names.entries[i].key, k); i++ {
		consider(v.names.entries[i], 0)
	}
	for _, en := range v.names.entries {
		if strings.Contains(en.key, " "+k) {
			consider(en, 1)
		} else if strings.Contains(en.key, k) {
			consider(en, 2)
		}
	}
	if len(best) < n {
		for _, r := range v.Suggest(q, n) {
			if _, ok := best[quad.IRI(r.IRI)]; !ok {
				best[quad.IRI(r.IRI)] = cand{nameEntry{name: r.Label, iri: quad.IRI(r.IRI)}, 3}
			}
		}
	}
	cands := make([]cand, 0, len(best))
	for _, c := range best {
		cands = append(cands, c)
	}
	act := v.names.activity
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if (act[a.en.iri] > 0) != (act[b.en.iri] > 0) {
			return act[a.en.iri] > 0
		}
		if a.tier != b.tier {
			return a.tier < b.tier
		}
		if act[a.en.iri] != act[b.en.iri] {
			return act[a.en.iri] > act[b.en.iri]
		}
		la, lb := v.entities[a.en.iri].Label, v.entities[b.en.iri].Label
		if la != lb {
			return la < lb
		}
		return a.en.iri < b.en.iri
	})
	out := make([]Match, 0, n)
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, Match{Ref: v.entities[c.en.iri].Ref(), Name: c.en.name, Claims: act[c.en.iri]})
	}
	return out
}

// osaDistance returns the optimal string alignment distance between a
// and b (Levenshtein plus adjacent transpositions), or max+1 once it is
// sure to exceed max.
func osaDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			c := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				c = min(c, prev2[j-2]+1)
			}
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// trigrams returns the set of letter trigrams of " s ".
func trigrams(s string) map[string]bool {
	r := []rune(" " + s + " ")
	out := map[string]bool{}
	for i := 0; i+3 <= len(r); i++ {
		out[string(r[i:i+3])] = true
	}
	return out
}

// dice returns the Dice coefficient of two trigram sets.
func dice(a, b map[string]bool) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	n := 0
	for t := range a {
		if b[t] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}
