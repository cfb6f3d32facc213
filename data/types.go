package data

// Kind is the kind of a gazetteer entity. Its string is the first path
// segment of the entity's IRI (see schema.EntityIRI).
type Kind string

// Kinds of entity.
const (
	KindState        Kind = "state"    // UN member state or observer state
	KindGroup        Kind = "group"    // negotiating group or bloc
	KindOrganization Kind = "org"      // international or regional organisation
	KindForum        Kind = "forum"    // body where statements are made
	KindSession      Kind = "session"  // one session of a forum
	KindProposal     Kind = "proposal" // proposal, instrument, resolution, initiative, norm
	KindTopic        Kind = "topic"    // issue or idea
)

// An Entity is one thing the gazetteers know: a state, group, forum,
// session, proposal or topic.
type Entity struct {
	Kind  Kind
	Key   string // unique within Kind: ISO3 for states, a slug for the rest
	Label string // the preferred English name (rdfs:label)
	// Class is the schema class IRI (schema.State, schema.Proposal, ...),
	// finer than Kind: a KindProposal entity may be a schema.Resolution.
	Class string
	// Aliases are other names matched in text, exactly as they may be
	// written ("PoA", "Programme of Action"). Matching is case-insensitive
	// unless CaseSensitive is set.
	Aliases       []string
	CaseSensitive []string // aliases matched only with this exact case ("US", "AU")
	Demonyms      []string // adjectival forms for states and groups ("Chinese")
	ISO2, ISO3    string
	M49           string
	Wikidata      string // Q-id, e.g. "Q148"
	Symbol        string // UN document symbol for resolutions
	Observer      bool   // observer state, not a member
	PartOf        string // IRI key "kind/key" of the parent (session -> forum)
	Topic         string // "cyber", "general", ... free grouping for users
	Source        string // where the facts come from
	Line          int    // line of the defining row in its file, for errors
	File          string // file the entity was defined in
}

// ID returns "kind/key", the entity's identity within the gazetteers.
func (e *Entity) ID() string { return string(e.Kind) + "/" + e.Key }

// A Membership says that Member ("state/FRA") belonged to Group
// ("org/eu") from From until Until (ISO dates "YYYY-MM-DD"; "" when open).
type Membership struct {
	Member, Group string
	From, Until   string
	Source        string
}

// A Post says who held an office of a forum between two dates, so that
// "the Chair" resolves on a statement's date.
type Post struct {
	Forum       string // "forum/oewg-2021-2025"
	Role        string // "Chair"
	Holder      string // person's name
	HolderState string // "state/SGP", may be empty
	From, Until string
	Source      string
}

// A Cue is one entry of the stance cue lexicon: a phrase that signals a
// stance when its actor and target are found around it.
type Cue struct {
	Phrase string  // lower case, words separated by single spaces; "*" matches one word
	Stance string  // "supports", "opposes", "proposes", "aligns"
	Class  string  // finer cue: welcomes, condemns, calls-for, ...
	Weight float64 // base confidence in [0,1]
	// Role says where the target sits relative to the cue:
	// "object" (after it: "we support X"), "subject" (before it:
	// "X is crucial"), "either".
	Role string
}

// Gazetteers is everything loaded from a gazetteer directory.
type Gazetteers struct {
	Version     string
	Entities    []*Entity
	Memberships []Membership
	Posts       []Post
	Cues        []Cue
	// Triggers for negation and hedging (NegEx-style), by kind:
	// "negation", "pseudo", "terminator", "hedge", "conditional", "historical".
	Triggers map[string][]string
	// Unnamed are phrases that denote actors the text does not name
	// ("some countries", "certain States").
	Unnamed []string
	// Self are phrases that denote the speaking delegation
	// ("we", "my delegation", "my country", "our Government").
	Self []string

	byID map[string]*Entity
}

// Lookup returns the entity with the given "kind/key" id, or nil.
func (g *Gazetteers) Lookup(id string) *Entity {
	if g.byID == nil {
		g.index()
	}
	return g.byID[id]
}

func (g *Gazetteers) index() {
	g.byID = make(map[string]*Entity, len(g.Entities))
	for _, e := range g.Entities {
		g.byID[e.ID()] = e
	}
}
