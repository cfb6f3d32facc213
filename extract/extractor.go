package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/schema"
)

// An Extractor finds quads in an analysed statement. Extract must be safe
// for concurrent use and must not modify st. Every quad it returns has
// st.IRI as its Label.
type Extractor interface {
	Extract(st *Statement) []quad.Quad
}

// A Constructor builds an extractor from loaded gazetteers. Construction
// can fail (bad lexicon); applying an extractor cannot.
type Constructor func(g *data.Gazetteers, a *Analyzer) (Extractor, error)

// Names of the built-in extractors.
const (
	NameStatement = "statement" // the statement node and its metadata
	NameStance    = "stance"    // claims and the four stance edges
)

// StatementExtractor writes the statement node: type, label, metadata,
// cleaned text, source path, SHA-256 and extractor version.
type StatementExtractor struct {
	version string
}

// NewStatementExtractor is the Constructor of NameStatement.
func NewStatementExtractor(g *data.Gazetteers, _ *Analyzer) (Extractor, error) {
	return &StatementExtractor{version: FullVersion(g)}, nil
}

// FullVersion is the extractor version recorded on statements: the rules'
// Version and the gazetteer's, so a change to either re-extracts.
func FullVersion(g *data.Gazetteers) string { return Version + "+gaz." + g.Version }

// Extract implements Extractor.
func (x *StatementExtractor) Extract(st *Statement) []quad.Quad {
	s := st.IRI
	m := &st.Meta
	q := func(p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: s}
	}
	out := []quad.Quad{
		q(schema.Type, schema.Statement),
		q(schema.Label, quad.String(statementLabel(st))),
		q(schema.Text, quad.String(st.Text)),
		q(schema.SourcePath, quad.String(st.Path)),
		q(schema.ExtractorVersion, quad.String(x.version)),
	}
	if st.SHA256 != "" {
		out = append(out, q(schema.SHA256, quad.String(st.SHA256)))
	}
	if m.Speaker != "" {
		p := schema.PersonIRI(m.Speaker)
		out = append(out, q(schema.Speaker, p),
			quad.Quad{Subject: p, Predicate: schema.Type, Object: schema.Person, Label: s},
			quad.Quad{Subject: p, Predicate: schema.Label, Object: quad.String(m.Speaker), Label: s})
	}
	if m.SpeakerTitle != "" {
		out = append(out, q(schema.SpeakerTitle, quad.String(m.SpeakerTitle)))
	}
	if m.Delegation != nil {
		out = append(out, q(schema.Delegation, EntityIRI(m.Delegation)))
	}
	if m.OnBehalfOf != nil {
		out = append(out, q(schema.OnBehalfOf, EntityIRI(m.OnBehalfOf)))
	}
	if m.Forum != nil {
		out = append(out, q(schema.ForumP, EntityIRI(m.Forum)))
	}
	switch {
	case m.Session != nil:
		out = append(out, q(schema.SessionP, EntityIRI(m.Session)))
	case m.SessionName != "":
		// A session the gazetteer lacks: a node of its own, flagged.
		key := schema.Slug(m.SessionName)
		if m.Forum != nil {
			key = m.Forum.Key + "-" + key
		}
		sess := schema.EntityIRI(schema.KindSession, key)
		label := m.SessionName
		out = append(out, q(schema.SessionP, sess),
			quad.Quad{Subject: sess, Predicate: schema.Type, Object: schema.Session, Label: s},
			quad.Quad{Subject: sess, Predicate: schema.Label, Object: quad.String(label), Label: s},
			quad.Quad{Subject: sess, Predicate: schema.FromGazetteer, Object: schema.Bool(false), Label: s})
		if m.Forum != nil {
			out = append(out, quad.Quad{Subject: sess, Predicate: schema.PartOf, Object: EntityIRI(m.Forum), Label: s})
		}
	}
	if m.Date != "" {
		out = append(out, q(schema.Date, schema.Typed(m.Date, schema.XSDDate)))
	}
	if m.Year != "" {
		out = append(out, q(schema.Year, schema.Typed(m.Year, schema.XSDGYear)))
	}
	if st.Turn > 0 {
		out = append(out, q(schema.Turn, schema.Int(st.Turn)))
	}
	if m.Language != "" {
		out = append(out, q(schema.Language, quad.String(m.Language)))
	}
	if m.Procedural {
		out = append(out, q(schema.Procedural, schema.Bool(true)))
	}
	return out
}

// statementLabel names a statement for people: "China at OEWG 2021-2025,
// 2021-12-14", falling back to the file name.
func statementLabel(st *Statement) string {
	m := &st.Meta
	who := ""
	if m.Delegation != nil {
		who = m.Delegation.Label
	} else if m.Speaker != "" {
		who = m.Speaker
	}
	if who == "" {
		return st.Path
	}
	var b strings.Builder
	b.WriteString(who)
	if m.Forum != nil {
		b.WriteString(" at " + m.Forum.Label)
	}
	switch {
	case m.Date != "":
		b.WriteString(", " + m.Date)
	case m.Year != "":
		b.WriteString(", " + m.Year)
	}
	if st.Turn > 0 {
		fmt.Fprintf(&b, " (turn %d)", st.Turn)
	}
	return b.String()
}

// EntityIRI returns the IRI of a gazetteer (or minted) entity.
func EntityIRI(e *data.Entity) quad.IRI { return schema.EntityIRI(string(e.Kind), e.Key) }

// StanceExtractor finds stances with the cue lexicon, negation and hedging
// triggers, and writes each as a direct edge plus a claim node carrying
// its evidence.
type StanceExtractor struct {
	rules *stanceRules
}

// NewStanceExtractor is the Constructor of NameStance.
func NewStanceExtractor(g *data.Gazetteers, _ *Analyzer) (Extractor, error) {
	for i, c := range g.Cues {
		switch c.Stance {
		case "supports", "opposes", "proposes", "aligns":
		default:
			return nil, fmt.Errorf("stance extractor: cue %d %q: unknown stance %q", i+1, c.Phrase, c.Stance)
		}
	}
	return &StanceExtractor{rules: compileRules(g)}, nil
}

// Stances returns the stances found in an analysed statement, in text
// order. Statements not in English give none.
func (x *StanceExtractor) Stances(st *Statement) []Stance {
	if l := st.Meta.Language; l != "" && l != "en" && l != "und" {
		return nil
	}
	return x.findStances(st)
}

// Extract implements Extractor.
func (x *StanceExtractor) Extract(st *Statement) []quad.Quad {
	stances := x.Stances(st)
	var out []quad.Quad
	l := st.IRI
	runes := newRuneCounter(st.Text)
	seenActor := map[quad.IRI]bool{}
	seenMinted := map[quad.IRI]bool{}
	for i, s := range stances {
		var actor quad.IRI
		if s.Actor.Entity != nil {
			actor = EntityIRI(s.Actor.Entity)
		} else {
			actor = schema.UnnamedActorIRI(l, s.Actor.Unnamed)
			if !seenActor[actor] {
				seenActor[actor] = true
				out = append(out,
					quad.Quad{Subject: actor, Predicate: schema.Type, Object: schema.UnnamedActor, Label: l},
					quad.Quad{Subject: actor, Predicate: schema.Label, Object: quad.String(s.Actor.Unnamed), Label: l})
			}
		}
		target := EntityIRI(s.Target)
		if s.Minted && !seenMinted[target] {
			seenMinted[target] = true
			out = append(out,
				quad.Quad{Subject: target, Predicate: schema.Type, Object: quad.IRI(s.Target.Class), Label: l},
				quad.Quad{Subject: target, Predicate: schema.Label, Object: quad.String(s.Target.Label), Label: l},
				quad.Quad{Subject: target, Predicate: schema.FromGazetteer, Object: schema.Bool(false), Label: l})
		}
		c := schema.ClaimIRI(l, i+1)
		cq := func(p quad.IRI, o quad.Value) quad.Quad {
			return quad.Quad{Subject: c, Predicate: p, Object: o, Label: l}
		}
		out = append(out,
			quad.Quad{Subject: actor, Predicate: s.Pred, Object: target, Label: l},
			cq(schema.Type, schema.Claim),
			cq(schema.Label, quad.String(claimLabel(s))),
			cq(schema.Actor, actor),
			cq(schema.StanceP, s.Pred),
			cq(schema.Target, target),
			cq(schema.Cue, quad.String(s.Cue)),
			cq(schema.Modality, quad.String(s.Modality)),
			cq(schema.Confidence, schema.Decimal(s.Confidence)),
			cq(schema.Evidence, quad.String(st.Text[s.Sentence.Start:s.Sentence.End])),
			cq(schema.Start, schema.Int(runes.at(s.Sentence.Start))),
			cq(schema.End, schema.Int(runes.at(s.Sentence.End))),
			cq(schema.InStatement, l),
		)
		if s.Class != "" {
			out = append(out, cq(schema.CueClass, quad.String(s.Class)))
		}
	}
	return out
}

func claimLabel(s Stance) string {
	a := s.Actor.Unnamed
	if s.Actor.Entity != nil {
		a = s.Actor.Entity.Label
	}
	p := string(s.Pred)
	p = p[strings.LastIndexAny(p, "#/")+1:]
	return a + " " + p + " " + s.Target.Label
}

// runeCounter converts increasing byte offsets to code-point offsets.
type runeCounter struct {
	text        string
	byteAt, pos int
}

func newRuneCounter(text string) *runeCounter { return &runeCounter{text: text} }

func (r *runeCounter) at(b int) int {
	if b < r.byteAt {
		r.byteAt, r.pos = 0, 0
	}
	r.pos += utf8.RuneCountInString(r.text[r.byteAt:b])
	r.byteAt = b
	return r.pos
}

// A Pipeline analyses a statement and runs its extractors in order,
// concatenating their quads.
type Pipeline struct {
	Analyzer   *Analyzer
	Extractors []Extractor
	Gazetteers *data.Gazetteers
}

// Run analyses st (filling its analysis fields) and returns the quads of
// every extractor, sorted and without duplicates.
func (p *Pipeline) Run(st *Statement) []quad.Quad {
	p.Analyzer.Analyze(st)
	var out []quad.Quad
	for _, x := range p.Extractors {
		out = append(out, x.Extract(st)...)
	}
	return SortQuads(out)
}

// SortQuads sorts quads in the order of quad.ByQuadString (subject,
// predicate, object, label as strings) and drops duplicates. It renders
// each term once, not at every comparison.
func SortQuads(qs []quad.Quad) []quad.Quad {
	type keyed struct {
		k [4]string
		q quad.Quad
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		ks[i] = keyed{[4]string{quad.StringOf(q.Subject), quad.StringOf(q.Predicate), quad.StringOf(q.Object), quad.StringOf(q.Label)}, q}
	}
	sort.Slice(ks, func(i, j int) bool {
		a, b := &ks[i].k, &ks[j].k
		for d := range a {
			if a[d] != b[d] {
				return a[d] < b[d]
			}
		}
		return false
	})
	out := qs[:0]
	for i := range ks {
		if i > 0 && ks[i].k == ks[i-1].k {
			continue
		}
		out = append(out, ks[i].q)
	}
	return out
}

// Registry maps extractor names to constructors.
type Registry struct {
	ctors map[string]Constructor
}

// NewRegistry returns a registry holding the built-in extractors.
func NewRegistry() *Registry {
	r := &Registry{ctors: map[string]Constructor{}}
	_ = r.Register(NameStatement, NewStatementExtractor)
	_ = r.Register(NameStance, NewStanceExtractor)
	return r
}

// Register adds a constructor; registering a name twice is an error.
func (r *Registry) Register(name string, c Constructor) error {
	if _, ok := r.ctors[name]; ok {
		return fmt.Errorf("extractor %q registered twice", name)
	}
	r.ctors[name] = c
	return nil
}

// Names returns the registered names, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.ctors))
	for n := range r.ctors {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Build constructs a pipeline of the named extractors in the order given
// (all registered extractors when names is empty).
func (r *Registry) Build(names []string, g *data.Gazetteers) (*Pipeline, error) {
	if len(names) == 0 {
		names = []string{NameStatement, NameStance}
	}
	a := NewAnalyzer(g)
	p := &Pipeline{Analyzer: a, Gazetteers: g}
	for _, n := range names {
		c, ok := r.ctors[n]
		if !ok {
			return nil, fmt.Errorf("unknown extractor %q (known: %s)", n, strings.Join(r.Names(), ", "))
		}
		x, err := c(g, a)
		if err != nil {
			return nil, err
		}
		p.Extractors = append(p.Extractors, x)
	}
	return p, nil
}
