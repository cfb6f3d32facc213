package explore

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// BlocOptions filter the claims Blocs looks at and tune the clustering.
type BlocOptions struct {
	Options
	// Resolution is the modularity resolution of the Louvain method;
	// higher gives more, smaller blocs. 0 means 1.
	Resolution float64
	// Seed seeds the random source of the Louvain method; the same
	// graph and seed give the same blocs. 0 means 1.
	Seed uint64
}

// An Agreement is the agreement measure of two actors.
type Agreement struct {
	A Ref `json:"a"`
	B Ref `json:"b"`
	// Same and Opposite count the targets on which the two take the
	// same and opposite net stances; Aligned is 1 when one aligns with
	// the other. Union counts the targets either takes a stance on.
	Same     int `json:"same"`
	Opposite int `json:"opposite"`
	Aligned  int `json:"aligned"`
	Union    int `json:"union"`
	// Score is (Same + Aligned - Opposite) / (Union + Aligned), in [-1,1].
	Score float64 `json:"score"`
}

// A Position is a stance that several members of a bloc share.
type Position struct {
	Target  Ref    `json:"target"`
	Stance  Stance `json:"stance"`
	Members int    `json:"members"` // members taking it
}

// A Bloc is a cluster of actors that take the same stances.
type Bloc struct {
	Members []Ref `json:"members"` // sorted by label
	// Cohesion is the mean agreement score over the bloc's pairs.
	Cohesion float64    `json:"cohesion"`
	Shared   []Position `json:"shared"` // positions held by at least two members and half the bloc
}

// BlocResult is the answer of Blocs.
type BlocResult struct {
	Blocs []Bloc `json:"blocs"` // largest first
	// Unaligned lists actors with stances that agree with nobody.
	Unaligned []Ref `json:"unaligned"`
	// Agreements lists every pair with a positive score, best first.
	Agreements []Agreement `json:"agreements"`
	Modularity float64     `json:"modularity"`
}

// Blocs clusters the states, groups and organisations that take stances
// (unnamed actors are left out) by the stances they share. Each actor's
// net stance on a target is the sign of its supporting (and proposing)
// claims minus its opposing ones; two actors agree by the Agreement
// score, pairs with a positive score are joined by an edge of that
// weight, and gonum's Louvain modularisation finds the communities. The
// random source is seeded (BlocOptions.Seed), so a graph gives the same
// blocs on every run.
func (v *View) Blocs(o BlocOptions) (*BlocResult, error) {
	f, err := v.filter(o.Options)
	if err != nil {
		return nil, err
	}
	pos := map[quad.IRI]map[quad.IRI]int{} // actor -> target -> net
	aligned := map[[2]quad.IRI]bool{}
	for _, c := range v.claims {
		e := v.entities[c.Actor]
		if e == nil || !e.IsActor() || !v.keep(f, c) {
			continue
		}
		if c.Stance == AlignsWith {
			if t := v.entities[c.Target]; t != nil && t.IsActor() {
				aligned[pairKey(c.Actor, c.Target)] = true
				if pos[c.Actor] == nil {
					pos[c.Actor] = map[quad.IRI]int{}
				}
			}
			continue
		}
		if pos[c.Actor] == nil {
			pos[c.Actor] = map[quad.IRI]int{}
		}
		if c.Stance == Opposes {
			pos[c.Actor][c.Target]--
		} else {
			pos[c.Actor][c.Target]++
		}
	}
	actors := make([]quad.IRI, 0, len(pos))
	for a := range pos {
		actors = append(actors, a)
	}
	sort.Slice(actors, func(i, j int) bool { return actors[i] < actors[j] })

	res := &BlocResult{Blocs: []Bloc{}, Unaligned: []Ref{}, Agreements: []Agreement{}}
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i := range actors {
		g.AddNode(simple.Node(i))
	}
	score := map[[2]int]float64{}
	for i := range actors {
		for j := i + 1; j < len(actors); j++ {
			ag := agreement(pos[actors[i]], pos[actors[j]])
			if aligned[pairKey(actors[i], actors[j])] {
				ag.Aligned = 1
			}
			if ag.Union+ag.Aligned == 0 {
				continue
			}
			ag.Score = float64(ag.Same+ag.Aligned-ag.Opposite) / float64(ag.Union+ag.Aligned)
			if ag.Score <= 0 {
				continue
			}
			ag.A, ag.B = v.ref(actors[i]), v.ref(actors[j])
			res.Agreements = append(res.Agreements, ag)
			score[[2]int{i, j}] = ag.Score
			g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(i), simple.Node(j), ag.Score))
		}
	}
	sort.SliceStable(res.Agreements, func(i, j int) bool { return res.Agreements[i].Score > res.Agreements[j].Score })

	resolution, seed := o.Resolution, o.Seed
	if resolution == 0 {
		resolution = 1
	}
	if seed == 0 {
		seed = 1
	}
	var comms [][]int
	if len(score) > 0 {
		r := community.Modularize(g, resolution, rand.NewPCG(seed, seed))
		res.Modularity = community.Q(g, r.Communities(), resolution)
		for _, c := range r.Communities() {
			ids := make([]int, len(c))
			for k, n := range c {
				ids[k] = int(n.ID())
			}
			comms = append(comms, ids)
		}
	} else {
		for i := range actors {
			comms = append(comms, []int{i})
		}
	}
	for _, ids := range comms {
		if len(ids) < 2 {
			for _, i := range ids {
				res.Unaligned = append(res.Unaligned, v.ref(actors[i]))
			}
			continue
		}
		b := Bloc{Shared: []Position{}}
		var sum float64
		n := 0
		for x, i := range ids {
			b.Members = append(b.Members, v.ref(actors[i]))
			for _, j := range ids[x+1:] {
				sum += score[[2]int{min(i, j), max(i, j)}]
				n++
			}
		}
		b.Cohesion = sum / float64(n)
		sortRefs(b.Members)
		b.Shared = v.shared(ids, actors, pos)
		res.Blocs = append(res.Blocs, b)
	}
	sort.SliceStable(res.Blocs, func(i, j int) bool {
		a, b := res.Blocs[i], res.Blocs[j]
		if len(a.Members) != len(b.Members) {
			return len(a.Members) > len(b.Members)
		}
		return a.Members[0].Label < b.Members[0].Label
	})
	sortRefs(res.Unaligned)
	return res, nil
}

// shared returns the positions that at least two members and at least
// half of the bloc hold.
func (v *View) shared(ids []int, actors []quad.IRI, pos map[quad.IRI]map[quad.IRI]int) []Position {
	type key struct {
		target quad.IRI
		stance Stance
	}
	count := map[key]int{}
	for _, i := range ids {
		for t, n := range pos[actors[i]] {
			switch {
			case n > 0:
				count[key{t, Supports}]++
			case n < 0:
				count[key{t, Opposes}]++
			}
		}
	}
	out := []Position{}
	for k, n := range count {
		if n >= 2 && 2*n >= len(ids) {
			out = append(out, Position{Target: v.ref(k.target), Stance: k.stance, Members: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Members != b.Members {
			return a.Members > b.Members
		}
		if a.Target.Label != b.Target.Label {
			return strings.ToLower(a.Target.Label) < strings.ToLower(b.Target.Label)
		}
		return a.Stance.order() < b.Stance.order()
	})
	return out
}

// agreement counts the targets two position maps share.
func agreement(a, b map[quad.IRI]int) Agreement {
	var ag Agreement
	for t, x := range a {
		if x == 0 {
			continue
		}
		ag.Union++
		y := b[t]
		switch {
		case y == 0:
		case (x > 0) == (y > 0):
			ag.Same++
		default:
			ag.Opposite++
		}
	}
	for t, y := range b {
		if y != 0 && a[t] == 0 {
			ag.Union++
		}
	}
	return ag
}

func pairKey(a, b quad.IRI) [2]quad.IRI {
	if b < a {
		a, b = b, a
	}
	return [2]quad.IRI{a, b}
}

func sortRefs(rs []Ref) {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].Label != rs[j].Label {
			return rs[i].Label < rs[j].Label
		}
		return rs[i].IRI < rs[j].IRI
	})
}

// Dot returns the agreement graph as Graphviz DOT, undirected: one
// cluster per bloc, unaligned actors outside, and an edge per pair with
// a positive score, thicker for higher scores.
func (r *BlocResult) Dot() string {
	var b strings.Builder
	b.WriteString("graph blocs {\n  graph [layout=neato, overlap=false, splines=true, fontname=\"Helvetica\"];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=11, style=filled];\n")
	palette := []string{"#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99", "#1f78b4", "#33a02c", "#e31a1c", "#ff7f00"}
	for i, bl := range r.Blocs {
		fmt.Fprintf(&b, "  subgraph %s {\n    label=%s;\n", dotID(fmt.Sprintf("cluster_%d", i+1)), dotID(fmt.Sprintf("bloc %d", i+1)))
		for _, m := range bl.Members {
			fmt.Fprintf(&b, "    %s [label=%s, fillcolor=%q];\n", dotID(m.IRI), dotID(m.Label), palette[i%len(palette)])
		}
		b.WriteString("  }\n")
	}
	for _, m := range r.Unaligned {
		fmt.Fprintf(&b, "  %s [label=%s, fillcolor=\"#eeeeee\"];\n", dotID(m.IRI), dotID(m.Label))
	}
	for _, a := range r.Agreements {
		fmt.Fprintf(&b, "  %s -- %s [penwidth=%.1f, tooltip=%s];\n", dotID(a.A.IRI), dotID(a.B.IRI), 0.5+3*a.Score,
			dotID(fmt.Sprintf("%s – %s: %.2f (%d same, %d opposite)", a.A.Label, a.B.Label, a.Score, a.Same, a.Opposite)))
	}
	b.WriteString("}\n")
	return b.String()
}
