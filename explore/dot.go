package explore

import (
	"fmt"
	"sort"
	"strings"
)

// DrawOptions say which part of the graph Dot draws.
type DrawOptions struct {
	Options
	// MaxEdges caps the edges drawn, keeping those with the most claims;
	// 0 means 60.
	MaxEdges int
}

// An Edge is one aggregated stance edge of a neighbourhood.
type Edge struct {
	From   Ref    `json:"from"`
	To     Ref    `json:"to"`
	Stance Stance `json:"stance"`
	Count  int    `json:"count"`
}

// A Neighbourhood is an entity with the stance edges to and from it.
type Neighbourhood struct {
	Center Ref    `json:"center"`
	Nodes  []Ref  `json:"nodes"` // the center first, then by label
	Edges  []Edge `json:"edges"` // most claims first
}

// Neighbourhood looks up name and returns its stance edges, in both
// directions, aggregated per actor, stance and target.
func (v *View) Neighbourhood(name string, o DrawOptions) (*Neighbourhood, error) {
	e, err := v.Lookup(name)
	if err != nil {
		return nil, err
	}
	r, err := v.ExploreEntity(e, o.Options)
	if err != nil {
		return nil, err
	}
	max := o.MaxEdges
	if max <= 0 {
		max = 60
	}
	n := &Neighbourhood{Center: e.Ref(), Nodes: []Ref{e.Ref()}, Edges: []Edge{}}
	rows := append(append([]Row{}, r.Stances...), r.Positions...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Count > rows[j].Count })
	seen := map[string]bool{string(e.IRI): true}
	var others []Ref
	for _, row := range rows[:min(max, len(rows))] {
		n.Edges = append(n.Edges, Edge{From: row.Actor, To: row.Target, Stance: row.Stance, Count: row.Count})
		for _, x := range []Ref{row.Actor, row.Target} {
			if !seen[x.IRI] {
				seen[x.IRI] = true
				others = append(others, x)
			}
		}
	}
	sortRefs(others)
	n.Nodes = append(n.Nodes, others...)
	return n, nil
}

// Dot returns the neighbourhood of name (see Neighbourhood) as a
// Graphviz DOT digraph: one node per entity, shaped by kind, and one
// edge per actor, stance and target, coloured by stance and labelled
// with the number of claims.
func (v *View) Dot(name string, o DrawOptions) (string, error) {
	n, err := v.Neighbourhood(name, o)
	if err != nil {
		return "", err
	}
	return n.Dot(), nil
}

// Dot returns the neighbourhood as a Graphviz DOT digraph.
func (n *Neighbourhood) Dot() string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", dotID("stances of "+n.Center.Label))
	b.WriteString("  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\"];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=11, style=filled, fillcolor=\"#f5f5f5\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	for i, r := range n.Nodes {
		attrs := fmt.Sprintf("label=%s, shape=%s", dotID(r.Label), shapeOf(r.Kind))
		if i == 0 {
			attrs += ", penwidth=2, fillcolor=\"#ffe9a8\""
		}
		fmt.Fprintf(&b, "  %s [%s];\n", dotID(r.IRI), attrs)
	}
	for _, e := range n.Edges {
		c := stanceColors[e.Stance]
		style := "solid"
		if e.Stance == AlignsWith {
			style = "dashed"
		}
		fmt.Fprintf(&b, "  %s -> %s [label=%s, color=\"#%02x%02x%02x\", style=%s, penwidth=%.1f];\n",
			dotID(e.From.IRI), dotID(e.To.IRI), dotID(fmt.Sprintf("%s ×%d", e.Stance, e.Count)),
			c.R, c.G, c.B, style, 1+min(float64(e.Count), 5)/2)
	}
	b.WriteString("}\n")
	return b.String()
}

// shapeOf returns the DOT node shape of an entity kind.
func shapeOf(kind string) string {
	switch kind {
	case KindState:
		return "ellipse"
	case KindGroup, KindOrg:
		return "hexagon"
	case KindUnnamed:
		return "plaintext"
	case KindProposal:
		return "box"
	case KindTopic:
		return "note"
	}
	return "oval"
}

// dotID quotes s as a DOT string.
func dotID(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
