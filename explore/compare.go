package explore

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// A Pair puts two actors' rows on one target side by side.
type Pair struct {
	Target Ref `json:"target"`
	A      Row `json:"a"`
	B      Row `json:"b"`
}

// A Comparison says where two actors agree and disagree.
type Comparison struct {
	A Ref `json:"a"`
	B Ref `json:"b"`
	// Agree lists targets on which both take the same stance.
	Agree []Pair `json:"agree"`
	// Disagree lists targets on which one supports (or proposes) what
	// the other opposes.
	Disagree []Pair `json:"disagree"`
	// OnlyA and OnlyB list the stances on targets the other actor never
	// speaks to.
	OnlyA []Row `json:"onlyA"`
	OnlyB []Row `json:"onlyB"`
}

// Compare looks up two actors and compares their stances under the
// options.
func (v *View) Compare(a, b string, o Options) (*Comparison, error) {
	ea, err := v.Lookup(a)
	if err != nil {
		return nil, err
	}
	eb, err := v.Lookup(b)
	if err != nil {
		return nil, err
	}
	if ea.IRI == eb.IRI {
		return nil, fmt.Errorf("compare %s with itself: give two different actors", ea.Label)
	}
	ra, err := v.ExploreEntity(ea, o)
	if err != nil {
		return nil, err
	}
	rb, err := v.ExploreEntity(eb, o)
	if err != nil {
		return nil, err
	}
	cmp := &Comparison{A: ea.Ref(), B: eb.Ref(), Agree: []Pair{}, Disagree: []Pair{}, OnlyA: []Row{}, OnlyB: []Row{}}
	type key struct {
		target quad.IRI
		stance Stance
	}
	index := func(rows []Row) (map[key]Row, map[quad.IRI]bool) {
		m, t := map[key]Row{}, map[quad.IRI]bool{}
		for _, r := range rows {
			m[key{quad.IRI(r.Target.IRI), r.Stance}] = r
			t[quad.IRI(r.Target.IRI)] = true
		}
		return m, t
	}
	ma, ta := index(ra.Stances)
	mb, tb := index(rb.Stances)
	for _, r := range ra.Stances {
		t := quad.IRI(r.Target.IRI)
		if !tb[t] {
			cmp.OnlyA = append(cmp.OnlyA, r)
			continue
		}
		if s, ok := mb[key{t, r.Stance}]; ok {
			cmp.Agree = append(cmp.Agree, Pair{Target: r.Target, A: r, B: s})
		}
		// Supports and Proposes both oppose Opposes: list a disagreement
		// once per target and opposed pair, from A's supporting side.
		if r.Stance == Supports || (r.Stance == Proposes && !hasKey(ma, key{t, Supports})) {
			if s, ok := mb[key{t, Opposes}]; ok {
				cmp.Disagree = append(cmp.Disagree, Pair{Target: r.Target, A: r, B: s})
			}
		}
		if r.Stance == Opposes {
			s, ok := mb[key{t, Supports}]
			if !ok {
				s, ok = mb[key{t, Proposes}]
			}
			if ok {
				cmp.Disagree = append(cmp.Disagree, Pair{Target: r.Target, A: r, B: s})
			}
		}
	}
	for _, r := range rb.Stances {
		if !ta[quad.IRI(r.Target.IRI)] {
			cmp.OnlyB = append(cmp.OnlyB, r)
		}
	}
	for _, ps := range [][]Pair{cmp.Agree, cmp.Disagree} {
		sort.SliceStable(ps, func(i, j int) bool {
			x, y := ps[i], ps[j]
			if nx, ny := x.A.Count+x.B.Count, y.A.Count+y.B.Count; nx != ny {
				return nx > ny
			}
			return strings.ToLower(x.Target.Label) < strings.ToLower(y.Target.Label)
		})
	}
	return cmp, nil
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
