package explore

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/graph"
	"github.com/stancegraph/stancegraph/schema"
)

// A Stance is the local name of a stance predicate: "supports",
// "opposes", "proposes" or "alignsWith".
type Stance string

// The four stances, in the order results list them.
const (
	Supports   Stance = "supports"
	Opposes    Stance = "opposes"
	Proposes   Stance = "proposes"
	AlignsWith Stance = "alignsWith"
)

// Stances lists the four stances in a fixed order.
var Stances = []Stance{Supports, Opposes, Proposes, AlignsWith}

// IRI returns the stance's predicate IRI.
func (s Stance) IRI() quad.IRI { return quad.IRI(schema.NS + string(s)) }

// Opposite returns the stance that contradicts s: Opposes for Supports
// and Proposes, Supports for Opposes, and "" for AlignsWith.
func (s Stance) Opposite() Stance {
	switch s {
	case Supports, Proposes:
		return Opposes
	case Opposes:
		return Supports
	}
	return ""
}

// order returns the position of s in Stances.
func (s Stance) order() int {
	for i, t := range Stances {
		if t == s {
			return i
		}
	}
	return len(Stances)
}

// ParseStance returns the stance named s ("supports", "opposes",
// "proposes", "alignsWith" or "aligns"), case-insensitively, or an
// error naming s.
func ParseStance(s string) (Stance, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "supports", "support":
		return Supports, nil
	case "opposes", "oppose":
		return Opposes, nil
	case "proposes", "propose":
		return Proposes, nil
	case "alignswith", "aligns", "align":
		return AlignsWith, nil
	}
	return "", fmt.Errorf("unknown stance %q: use supports, opposes, proposes or alignsWith", s)
}

// Kinds of entity, as Entity.Kind reports them.
const (
	KindState    = schema.KindState
	KindGroup    = schema.KindGroup
	KindOrg      = schema.KindOrganization
	KindForum    = schema.KindForum
	KindSession  = schema.KindSession
	KindProposal = schema.KindProposal
	KindTopic    = schema.KindTopic
	KindPerson   = schema.KindPerson
	KindUnnamed  = "unnamed" // an unnamed actor ("some countries")
	KindOther    = "other"
)

// An Entity is a node that stances are about or that takes them: a
// state, group, organisation, forum, session, proposal, topic, person or
// unnamed actor.
type Entity struct {
	IRI      quad.IRI
	Label    string
	Kind     string     // KindState, KindGroup, ...
	Types    []quad.IRI // rdf:type values, sorted
	Aliases  []string
	Demonyms []string
	ISO2     string
	ISO3     string
	MemberOf []quad.IRI // groups and organisations, sorted
	PartOf   quad.IRI   // session -> forum, forum -> parent forum
	// FromText is true for targets minted from text rather than taken
	// from the gazetteers.
	FromText bool
}

// Ref returns the short reference to e that results carry.
func (e *Entity) Ref() Ref { return Ref{IRI: string(e.IRI), Label: e.Label, Kind: e.Kind} }

// IsActor reports whether e can be a member of a bloc: a state, group
// or organisation (not an unnamed actor, person or topic).
func (e *Entity) IsActor() bool {
	return e.Kind == KindState || e.Kind == KindGroup || e.Kind == KindOrg
}

// A Ref names an entity in results: its IRI, label and kind.
type Ref struct {
	IRI   string `json:"iri"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

// A Statement is one speaker's statement at a forum.
type Statement struct {
	IRI          quad.IRI
	Label        string
	Delegation   quad.IRI
	OnBehalfOf   quad.IRI
	Forum        quad.IRI
	Session      quad.IRI
	Speaker      quad.IRI
	SpeakerTitle string
	Date         string // "YYYY-MM-DD", or "" when unknown
	Year         string // "YYYY", or "" when unknown
	Text         string // evidence offsets count code points into it
	SourcePath   string
	Claims       []*Claim // in claim order
}

// When returns the statement's date, or its year when the date is
// unknown.
func (s *Statement) When() string {
	if s.Date != "" {
		return s.Date
	}
	return s.Year
}

// A Claim is one stance found in a statement, with its evidence.
type Claim struct {
	IRI        quad.IRI // "" for a stance edge stored without a claim node
	Actor      quad.IRI
	Stance     Stance
	Target     quad.IRI
	Cue        string
	CueClass   string
	Modality   string
	Confidence float64
	Evidence   string
	Start, End int // code points into Statement.Text, End exclusive
	Statement  *Statement
}

// A View is an in-memory, read-only copy of a stance graph. Build one
// with Load or New; its methods are safe for concurrent use.
type View struct {
	entities   map[quad.IRI]*Entity
	statements map[quad.IRI]*Statement
	claims     []*Claim // sorted by statement, then claim IRI
	claimByIRI map[quad.IRI]*Claim
	byActor    map[quad.IRI][]*Claim
	byTarget   map[quad.IRI][]*Claim
	quads      int
	names      *nameIndex
}

// Load streams every quad of s into a new View.
func Load(ctx context.Context, s *graph.Store) (*View, error) {
	b := newBuilder()
	if err := s.EachQuad(ctx, func(q quad.Quad) error { b.add(q); return nil }); err != nil {
		return nil, fmt.Errorf("load view: %w", err)
	}
	return b.view(), nil
}

// New builds a View from quads, as Load does from a store.
func New(quads []quad.Quad) *View {
	b := newBuilder()
	for _, q := range quads {
		b.add(q)
	}
	return b.view()
}

// Quads returns how many quads the view was built from.
func (v *View) Quads() int { return v.quads }

// Entity returns the entity with the given IRI, or nil.
func (v *View) Entity(iri quad.IRI) *Entity { return v.entities[iri] }

// Statement returns the statement with the given IRI, or nil.
func (v *View) Statement(iri quad.IRI) *Statement { return v.statements[iri] }

// Claim returns the claim with the given IRI, or nil.
func (v *View) Claim(iri quad.IRI) *Claim { return v.claimByIRI[iri] }

// Statements returns every statement, sorted by IRI.
func (v *View) Statements() []*Statement {
	out := make([]*Statement, 0, len(v.statements))
	for _, s := range v.statements {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out
}

// Claims returns every claim, sorted by statement and claim IRI.
func (v *View) Claims() []*Claim { return v.claims }

// ref returns the Ref of iri, with a label made from the IRI when the
// view does not know the node.
func (v *View) ref(iri quad.IRI) Ref {
	if e := v.entities[iri]; e != nil {
		return e.Ref()
	}
	return Ref{IRI: string(iri), Label: localName(iri), Kind: kindOfIRI(iri)}
}

// label returns the label of iri, or a name made from it.
func (v *View) label(iri quad.IRI) string { return v.ref(iri).Label }

// localName returns the last path segment of an IRI.
func localName(iri quad.IRI) string {
	s := string(iri)
	if i := strings.LastIndexAny(s, "/#"); i >= 0 && i < len(s)-1 {
		return s[i+1:]
	}
	return s
}

// kindOfIRI guesses an entity's kind from its IRI path.
func kindOfIRI(iri quad.IRI) string {
	s := string(iri)
	if !strings.HasPrefix(s, schema.ID) {
		return KindOther
	}
	s = s[len(schema.ID):]
	if strings.HasPrefix(s, "statement/") {
		if strings.Contains(s, "/actor/") {
			return KindUnnamed
		}
		return KindOther
	}
	if i := strings.IndexByte(s, '/'); i > 0 {
		return s[:i]
	}
	return KindOther
}

// node collects what the quads say about one subject.
type node struct {
	types    []quad.IRI
	label    string
	aliases  []string
	demonyms []string
	iso2     string
	iso3     string
	memberOf []quad.IRI
	partOf   quad.IRI
	fromText bool

	delegation, onBehalfOf, forum, session, speaker quad.IRI
	speakerTitle, date, year, text, sourcePath      string

	actor, target, stance quad.IRI
	cue, cueClass, modal  string
	evidence              string
	confidence            float64
	start, end            int
	inStatement           quad.IRI
	isClaim, isStatement  bool
}

type edge struct {
	actor, target quad.IRI
	stance        Stance
	label         quad.IRI
}

type builder struct {
	nodes map[quad.IRI]*node
	edges []edge
	n     int
}

func newBuilder() *builder { return &builder{nodes: map[quad.IRI]*node{}} }

func (b *builder) node(iri quad.IRI) *node {
	n := b.nodes[iri]
	if n == nil {
		n = &node{}
		b.nodes[iri] = n
	}
	return n
}

// add records one quad.
func (b *builder) add(q quad.Quad) {
	b.n++
	subj, ok := q.Subject.(quad.IRI)
	if !ok {
		return
	}
	pred, ok := q.Predicate.(quad.IRI)
	if !ok {
		return
	}
	obj, _ := q.Object.(quad.IRI)
	lit := literal(q.Object)
	if schema.IsStance(pred) {
		if obj != "" {
			lbl, _ := q.Label.(quad.IRI)
			b.edges = append(b.edges, edge{actor: subj, target: obj, stance: Stance(localName(pred)), label: lbl})
			b.node(subj)
			b.node(obj)
		}
		return
	}
	n := b.node(subj)
	switch pred {
	case schema.Type:
		if obj != "" && !hasIRI(n.types, obj) {
			n.types = append(n.types, obj)
		}
		switch obj {
		case schema.Claim:
			n.isClaim = true
		case schema.Statement:
			n.isStatement = true
		}
	case schema.Label:
		if n.label == "" || q.Label == quad.Value(schema.GazetteerGraph) {
			n.label = lit
		}
	case schema.Alias:
		n.aliases = appendNew(n.aliases, lit)
	case schema.Demonym:
		n.demonyms = appendNew(n.demonyms, lit)
	case schema.ISO2:
		n.iso2 = lit
	case schema.ISO3:
		n.iso3 = lit
	case schema.MemberOf:
		if obj != "" && !hasIRI(n.memberOf, obj) {
			n.memberOf = append(n.memberOf, obj)
		}
	case schema.PartOf:
		n.partOf = obj
	case schema.FromGazetteer:
		n.fromText = lit == "false"
	case schema.Delegation:
		n.delegation, n.isStatement = obj, true
	case schema.OnBehalfOf:
		n.onBehalfOf = obj
	case schema.ForumP:
		n.forum = obj
	case schema.SessionP:
		n.session = obj
	case schema.Speaker:
		n.speaker = obj
	case schema.SpeakerTitle:
		n.speakerTitle = lit
	case schema.Date:
		n.date = lit
	case schema.Year:
		n.year = lit
	case schema.Text:
		n.text, n.isStatement = lit, true
	case schema.SourcePath:
		n.sourcePath = lit
	case schema.Actor:
		n.actor, n.isClaim = obj, true
	case schema.StanceP:
		n.stance, n.isClaim = obj, true
	case schema.Target:
		n.target, n.isClaim = obj, true
	case schema.Cue:
		n.cue = lit
	case schema.CueClass:
		n.cueClass = lit
	case schema.Modality:
		n.modal = lit
	case schema.Confidence:
		n.confidence, _ = strconv.ParseFloat(lit, 64)
	case schema.Evidence:
		n.evidence = lit
	case schema.Start:
		n.start, _ = strconv.Atoi(lit)
	case schema.End:
		n.end, _ = strconv.Atoi(lit)
	case schema.InStatement:
		n.inStatement = obj
	}
}

// view builds the View from what was added.
func (b *builder) view() *View {
	v := &View{
		entities:   map[quad.IRI]*Entity{},
		statements: map[quad.IRI]*Statement{},
		claimByIRI: map[quad.IRI]*Claim{},
		byActor:    map[quad.IRI][]*Claim{},
		byTarget:   map[quad.IRI][]*Claim{},
		quads:      b.n,
	}
	for iri, n := range b.nodes {
		if n.isStatement {
			if n.year == "" && len(n.date) >= 4 {
				n.year = n.date[:4]
			}
			v.statements[iri] = &Statement{
				IRI: iri, Label: n.label, Delegation: n.delegation, OnBehalfOf: n.onBehalfOf,
				Forum: n.forum, Session: n.session, Speaker: n.speaker, SpeakerTitle: n.speakerTitle,
				Date: n.date, Year: n.year, Text: n.text, SourcePath: n.sourcePath,
			}
		}
	}
	for iri, n := range b.nodes {
		switch {
		case n.isStatement:
		case n.isClaim:
			if n.actor == "" || n.target == "" || !schema.IsStance(n.stance) {
				continue
			}
			c := &Claim{
				IRI: iri, Actor: n.actor, Stance: Stance(localName(n.stance)), Target: n.target,
				Cue: n.cue, CueClass: n.cueClass, Modality: n.modal, Confidence: n.confidence,
				Evidence: n.evidence, Start: n.start, End: n.end, Statement: v.statements[n.inStatement],
			}
			if c.Statement == nil {
				c.Statement = &Statement{IRI: n.inStatement}
			}
			v.claims = append(v.claims, c)
			v.claimByIRI[iri] = c
		case hasIRI(n.types, schema.Membership) || hasIRI(n.types, schema.Post) || iri == schema.GazetteerGraph:
		default:
			sort.Slice(n.types, func(i, j int) bool { return n.types[i] < n.types[j] })
			sort.Slice(n.memberOf, func(i, j int) bool { return n.memberOf[i] < n.memberOf[j] })
			e := &Entity{
				IRI: iri, Label: n.label, Kind: kindOf(iri, n.types), Types: n.types,
				Aliases: n.aliases, Demonyms: n.demonyms, ISO2: n.iso2, ISO3: n.iso3,
				MemberOf: n.memberOf, PartOf: n.partOf, FromText: n.fromText,
			}
			if e.Label == "" {
				e.Label = localName(iri)
			}
			v.entities[iri] = e
		}
	}
	// Stance edges stored without a claim node still count, with no
	// evidence and zero confidence.
	have := map[edge]bool{}
	for _, c := range v.claims {
		have[edge{c.Actor, c.Target, c.Stance, c.Statement.IRI}] = true
	}
	for _, e := range b.edges {
		if have[e] {
			continue
		}
		have[e] = true
		st := v.statements[e.label]
		if st == nil {
			st = &Statement{IRI: e.label}
		}
		v.claims = append(v.claims, &Claim{Actor: e.actor, Stance: e.stance, Target: e.target, Statement: st})
	}
	sort.Slice(v.claims, func(i, j int) bool {
		a, b := v.claims[i], v.claims[j]
		if a.Statement.IRI != b.Statement.IRI {
			return a.Statement.IRI < b.Statement.IRI
		}
		if na, nb := claimNumber(a.IRI), claimNumber(b.IRI); na != nb {
			return na < nb
		}
		return a.IRI < b.IRI
	})
	for _, c := range v.claims {
		v.byActor[c.Actor] = append(v.byActor[c.Actor], c)
		v.byTarget[c.Target] = append(v.byTarget[c.Target], c)
		if st := v.statements[c.Statement.IRI]; st != nil {
			st.Claims = append(st.Claims, c)
		}
	}
	v.names = newNameIndex(v)
	return v
}

// claimNumber returns n of a ".../claim/n" IRI, or 1<<30.
func claimNumber(iri quad.IRI) int {
	s := string(iri)
	if i := strings.LastIndex(s, "/claim/"); i >= 0 {
		if n, err := strconv.Atoi(s[i+len("/claim/"):]); err == nil {
			return n
		}
	}
	return 1 << 30
}

// kindOf returns the kind of an entity from its types, or its IRI.
func kindOf(iri quad.IRI, types []quad.IRI) string {
	for _, t := range types {
		switch t {
		case schema.State, schema.ObserverState:
			return KindState
		case schema.Group:
			return KindGroup
		case schema.Organization:
			return KindOrg
		case schema.Forum:
			return KindForum
		case schema.Session:
			return KindSession
		case schema.Proposal, schema.Instrument, schema.Resolution, schema.Norm:
			return KindProposal
		case schema.Topic:
			return KindTopic
		case schema.Person:
			return KindPerson
		case schema.UnnamedActor:
			return KindUnnamed
		}
	}
	return kindOfIRI(iri)
}

// literal returns the lexical form of a literal, or the string of an IRI.
func literal(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.IRI:
		return string(v)
	case nil:
		return ""
	}
	return quad.StringOf(v)
}

func hasIRI(list []quad.IRI, x quad.IRI) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

func appendNew(list []string, s string) []string {
	for _, t := range list {
		if t == s {
			return list
		}
	}
	return append(list, s)
}
