package explore

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// Options filter the claims a query looks at. The zero value keeps all.
type Options struct {
	// MinConfidence drops claims whose confidence is below it.
	MinConfidence float64
	// Evidence asks for the evidence sentences of each row.
	Evidence bool
	// Since and Until bound the statement dates, inclusive. Each is a
	// year ("2021"), a month ("2021-12") or a date ("2021-12-14"); a
	// statement with only a year is compared by its year.
	Since, Until string
	// Forum keeps statements made at this forum or session (or a forum
	// that is part of it). It is a name for View.Lookup.
	Forum string
	// Stance, when set, keeps only claims with this stance.
	Stance Stance
}

// filter is Options with the forum resolved.
type filter struct {
	Options
	forum quad.IRI
}

// filter resolves o.Forum.
func (v *View) filter(o Options) (*filter, error) {
	f := &filter{Options: o}
	for _, d := range []string{o.Since, o.Until} {
		if d != "" && !validDate(d) {
			return nil, fmt.Errorf("bad date %q: use YYYY, YYYY-MM or YYYY-MM-DD", d)
		}
	}
	if o.Forum != "" {
		e, err := v.Lookup(o.Forum)
		if err != nil {
			return nil, fmt.Errorf("forum: %w", err)
		}
		f.forum = e.IRI
	}
	return f, nil
}

func validDate(d string) bool {
	if len(d) != 4 && len(d) != 7 && len(d) != 10 {
		return false
	}
	for i, r := range d {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// keep reports whether c passes the filter.
func (v *View) keep(f *filter, c *Claim) bool {
	if c.Confidence < f.MinConfidence {
		return false
	}
	if f.Stance != "" && c.Stance != f.Stance {
		return false
	}
	if f.Since != "" || f.Until != "" {
		when := c.Statement.When()
		if when == "" {
			return false
		}
		if f.Since != "" && trunc(when, len(f.Since)) < trunc(f.Since, len(when)) {
			return false
		}
		if f.Until != "" && trunc(when, len(f.Until)) > trunc(f.Until, len(when)) {
			return false
		}
	}
	if f.forum != "" && !v.atForum(c.Statement, f.forum) {
		return false
	}
	return true
}

func trunc(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// atForum reports whether st was made at forum, one of its sessions or
// a forum that is part of it.
func (v *View) atForum(st *Statement, forum quad.IRI) bool {
	for _, start := range []quad.IRI{st.Session, st.Forum} {
		seen := map[quad.IRI]bool{}
		for x := start; x != "" && !seen[x]; {
			if x == forum {
				return true
			}
			seen[x] = true
			e := v.entities[x]
			if e == nil {
				break
			}
			x = e.PartOf
		}
	}
	return false
}

// An Evidence is one sentence that supports a row.
type Evidence struct {
	Claim      string  `json:"claim,omitempty"` // claim IRI; "" for a bare stance edge
	Sentence   string  `json:"sentence"`
	Statement  string  `json:"statement"` // statement IRI
	Start      int     `json:"start"`     // code points into the statement text
	End        int     `json:"end"`
	Date       string  `json:"date,omitempty"`
	Confidence float64 `json:"confidence"`
	Modality   string  `json:"modality,omitempty"`
	Cue        string  `json:"cue,omitempty"`
}

// A Row is one actor's stance on one target, summed over its claims.
type Row struct {
	Actor  Ref    `json:"actor"`
	Stance Stance `json:"stance"`
	Target Ref    `json:"target"`
	// Count is the number of distinct claims (claims with the same
	// statement and evidence span count once).
	Count      int    `json:"count"`
	Statements int    `json:"statements"`
	First      string `json:"first,omitempty"` // earliest statement date
	Last       string `json:"last,omitempty"`  // latest statement date
	Forums     []Ref  `json:"forums,omitempty"`
	// Confidence is the highest confidence of the row's claims.
	Confidence float64    `json:"confidence"`
	Evidence   []Evidence `json:"evidence,omitempty"`
}

// rowKey identifies a row.
type rowKey struct {
	actor, target quad.IRI
	stance        Stance
}

// rows groups claims into rows sorted by stance, then count (most
// first), then the label of other (the actor or target side).
func (v *View) rows(claims []*Claim, evidence bool, byTarget bool) []Row {
	type acc struct {
		row    *Row
		spans  map[string]bool
		stmts  map[quad.IRI]bool
		forums map[quad.IRI]bool
	}
	m := map[rowKey]*acc{}
	var order []rowKey
	for _, c := range claims {
		k := rowKey{c.Actor, c.Target, c.Stance}
		a := m[k]
		if a == nil {
			a = &acc{row: &Row{Actor: v.ref(c.Actor), Stance: c.Stance, Target: v.ref(c.Target)},
				spans: map[string]bool{}, stmts: map[quad.IRI]bool{}, forums: map[quad.IRI]bool{}}
			m[k] = a
			order = append(order, k)
		}
		span := fmt.Sprintf("%s|%d|%d|%s", c.Statement.IRI, c.Start, c.End, c.Evidence)
		if c.IRI == "" {
			span = string(c.Statement.IRI) + "|edge"
		}
		if a.spans[span] {
			continue
		}
		a.spans[span] = true
		r := a.row
		r.Count++
		a.stmts[c.Statement.IRI] = true
		if w := c.Statement.When(); w != "" {
			if r.First == "" || w < r.First {
				r.First = w
			}
			if w > r.Last {
				r.Last = w
			}
		}
		if f := c.Statement.Forum; f != "" && !a.forums[f] {
			a.forums[f] = true
			r.Forums = append(r.Forums, v.ref(f))
		}
		r.Confidence = max(r.Confidence, c.Confidence)
		if evidence {
			r.Evidence = append(r.Evidence, v.evidence(c))
		}
	}
	out := make([]Row, 0, len(order))
	for _, k := range order {
		a := m[k]
		a.row.Statements = len(a.stmts)
		sort.Slice(a.row.Forums, func(i, j int) bool { return a.row.Forums[i].Label < a.row.Forums[j].Label })
		sort.SliceStable(a.row.Evidence, func(i, j int) bool { return a.row.Evidence[i].Date < a.row.Evidence[j].Date })
		out = append(out, *a.row)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Stance != b.Stance {
			return a.Stance.order() < b.Stance.order()
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		x, y := a.Target, b.Target
		if byTarget {
			x, y = a.Actor, b.Actor
		}
		if x.Label != y.Label {
			return strings.ToLower(x.Label) < strings.ToLower(y.Label)
		}
		return x.IRI < y.IRI
	})
	return out
}

// evidence returns the Evidence of a claim.
func (v *View) evidence(c *Claim) Evidence {
	return Evidence{Claim: string(c.IRI), Sentence: c.Evidence, Statement: string(c.Statement.IRI),
		Start: c.Start, End: c.End, Date: c.Statement.When(), Confidence: c.Confidence,
		Modality: c.Modality, Cue: c.Cue}
}

// A Speaker is a delegation that spoke at a forum.
type Speaker struct {
	Delegation Ref    `json:"delegation"`
	Statements int    `json:"statements"`
	First      string `json:"first,omitempty"`
	Last       string `json:"last,omitempty"`
}

// A Result answers Explore for one entity. Stances lists what the entity
// says as an actor; Positions lists what others say about it as a target
// (its supporters, opponents, proposers and those aligning with it). For
// a forum or session, Speakers lists the delegations that spoke there
// and Spoken what they said.
type Result struct {
	Entity     Ref       `json:"entity"`
	Aliases    []string  `json:"aliases,omitempty"`
	MemberOf   []Ref     `json:"memberOf,omitempty"`
	Statements int       `json:"statements"` // statements it made as a delegation
	Stances    []Row     `json:"stances"`
	Positions  []Row     `json:"positions"`
	Speakers   []Speaker `json:"speakers,omitempty"`
	Spoken     []Row     `json:"spoken,omitempty"`
}

// Explore looks up name and gathers what the graph says by and about it
// under the options. Errors from Lookup are returned as they are.
func (v *View) Explore(name string, o Options) (*Result, error) {
	e, err := v.Lookup(name)
	if err != nil {
		return nil, err
	}
	return v.ExploreEntity(e, o)
}

// ExploreEntity is Explore for an entity already looked up.
func (v *View) ExploreEntity(e *Entity, o Options) (*Result, error) {
	f, err := v.filter(o)
	if err != nil {
		return nil, err
	}
	res := &Result{Entity: e.Ref(), Aliases: e.Aliases, Stances: []Row{}, Positions: []Row{}}
	for _, g := range e.MemberOf {
		res.MemberOf = append(res.MemberOf, v.ref(g))
	}
	pick := func(cs []*Claim) []*Claim {
		var out []*Claim
		for _, c := range cs {
			if v.keep(f, c) {
				out = append(out, c)
			}
		}
		return out
	}
	res.Stances = v.rows(pick(v.byActor[e.IRI]), o.Evidence, false)
	res.Positions = v.rows(pick(v.byTarget[e.IRI]), o.Evidence, true)
	for _, st := range v.statements {
		if st.Delegation == e.IRI {
			res.Statements++
		}
	}
	if e.Kind == KindForum || e.Kind == KindSession {
		ff := *f
		ff.forum = e.IRI
		speakers := map[quad.IRI]*Speaker{}
		for _, st := range v.statements {
			if !v.atForum(st, e.IRI) || st.Delegation == "" {
				continue
			}
			w := st.When()
			if (f.Since != "" && w != "" && trunc(w, len(f.Since)) < trunc(f.Since, len(w))) ||
				(f.Until != "" && w != "" && trunc(w, len(f.Until)) > trunc(f.Until, len(w))) {
				continue
			}
			s := speakers[st.Delegation]
			if s == nil {
				s = &Speaker{Delegation: v.ref(st.Delegation)}
				speakers[st.Delegation] = s
			}
			s.Statements++
			if w != "" && (s.First == "" || w < s.First) {
				s.First = w
			}
			if w > s.Last {
				s.Last = w
			}
		}
		for _, s := range speakers {
			res.Speakers = append(res.Speakers, *s)
		}
		sort.Slice(res.Speakers, func(i, j int) bool {
			a, b := res.Speakers[i], res.Speakers[j]
			if a.Statements != b.Statements {
				return a.Statements > b.Statements
			}
			return a.Delegation.Label < b.Delegation.Label
		})
		var cs []*Claim
		for _, c := range v.claims {
			if v.keep(&ff, c) {
				cs = append(cs, c)
			}
		}
		res.Spoken = v.rows(cs, o.Evidence, false)
	}
	return res, nil
}

// FindClaims returns the claims that pass the options and, when set, have
// the given actor and target (names for Lookup), in claim order.
func (v *View) FindClaims(actor, target string, o Options) ([]*Claim, error) {
	f, err := v.filter(o)
	if err != nil {
		return nil, err
	}
	var a, t *Entity
	if actor != "" {
		if a, err = v.Lookup(actor); err != nil {
			return nil, fmt.Errorf("actor: %w", err)
		}
	}
	if target != "" {
		if t, err = v.Lookup(target); err != nil {
			return nil, fmt.Errorf("target: %w", err)
		}
	}
	cs := v.claims
	switch {
	case a != nil:
		cs = v.byActor[a.IRI]
	case t != nil:
		cs = v.byTarget[t.IRI]
	}
	var out []*Claim
	for _, c := range cs {
		if (a != nil && c.Actor != a.IRI) || (t != nil && c.Target != t.IRI) || !v.keep(f, c) {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}
