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

// Kinds lists every kind of entity in a fixed order.
var Kinds = []Kind{KindState, KindGroup, KindOrganization, KindForum, KindSession, KindProposal, KindTopic}

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
	// From and Until bound the life of a forum or the dates of a session
	// (ISO dates "YYYY-MM-DD", "" when open or unknown). Until is the last
	// day, inclusive. For a proposal or topic, From is when it came to
	// be: no statement of an earlier year takes a stance on it.
	From, Until string
	Source      string // where the facts come from
	// Valence is ValenceNegative for harms (terrorism, an embargo) and
	// ValenceHazard for harms nobody authors (climate change, a
	// pandemic): the stance rules never say an actor supports either.
	Valence string
	// Opposite is the principle that opposing this harm upholds ("the
	// use of force" -> "prohibition of the threat or use of force"), or
	// nil: an opposes edge on the harm is a supports edge on it.
	Opposite *Entity
	Line     int    // line of the defining row in its file, for errors
	File     string // file the entity was defined in
}

// ID returns "kind/key", the entity's identity within the gazetteers.
func (e *Entity) ID() string { return string(e.Kind) + "/" + e.Key }

// Names returns the label, the case-insensitive aliases and the demonyms
// of e, in that order, without duplicates (compared case-insensitively).
// Case-sensitive aliases are not included; see CaseSensitive.
func (e *Entity) Names() []string {
	seen := make(map[string]bool)
	var out []string
	for _, list := range [][]string{{e.Label}, e.Aliases, e.Demonyms} {
		for _, n := range list {
			k := fold(n)
			if n == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

// A Membership says that Member ("state/FRA") belonged to Group
// ("org/eu") from From until Until (ISO dates "YYYY-MM-DD"; "" when open
// or unknown). Until is the last day of membership, inclusive.
type Membership struct {
	Member, Group string
	From, Until   string
	Source        string
	File          string // file and line of the defining row
	Line          int
}

// Current reports whether the membership has no end date.
func (m *Membership) Current() bool { return m.Until == "" }

// ActiveOn reports whether the membership held on date ("YYYY-MM-DD").
// An empty From or Until leaves that side open.
func (m *Membership) ActiveOn(date string) bool {
	return (m.From == "" || m.From <= date) && (m.Until == "" || date <= m.Until)
}

// A Post says who held an office of a forum between two dates, so that
// "the Chair" resolves on a statement's date.
type Post struct {
	Forum       string // "forum/oewg-2021-2025"; any entity id is allowed ("org/un")
	Role        string // "Chair"
	Holder      string // person's name
	HolderState string // "state/SGP", may be empty
	From, Until string // Until is the last day in office, inclusive
	Source      string
	File        string // file and line of the defining row
	Line        int
}

// ActiveOn reports whether the post was held on date ("YYYY-MM-DD").
func (p *Post) ActiveOn(date string) bool {
	return (p.From == "" || p.From <= date) && (p.Until == "" || date <= p.Until)
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

// Stances a cue may signal.
const (
	StanceSupports = "supports"
	StanceOpposes  = "opposes"
	StanceProposes = "proposes"
	StanceAligns   = "aligns"
)

// Roles of a cue's target.
const (
	RoleObject  = "object"
	RoleSubject = "subject"
	RoleEither  = "either"
)

// Trigger kinds (NegEx-style scope cues), the keys of Gazetteers.Triggers.
const (
	TriggerNegation    = "negation"    // "not", "never": flips a stance
	TriggerPseudo      = "pseudo"      // "not only": looks like a negation but is none
	TriggerTerminator  = "terminator"  // "but", "however": ends a trigger's scope
	TriggerHedge       = "hedge"       // "may", "perhaps"
	TriggerConditional = "conditional" // "if", "unless"
	TriggerHistorical  = "historical"  // "in the past", "previously"
	TriggerReported    = "reported"    // "according to", "they claim"
	TriggerInverter    = "inverter"    // "withdrawal from", "violation of": turns the stance on what follows around
)

// Valences of entities (valence.tsv).
const (
	// ValenceNegative marks a harm: terrorism, an embargo, an occupation.
	ValenceNegative = "negative"
	// ValenceHazard marks a harm nobody authors: climate change, a
	// pandemic, poverty. Saying it threatens something describes a
	// threat; it takes no position.
	ValenceHazard = "hazard"
	// ValenceConsensus marks a good every delegation at the UN professes
	// (the United Nations itself): supporting it sets nobody apart, so
	// only an opposes edge on it says something.
	ValenceConsensus = "consensus"
)

// Harm reports whether e is a harm of either valence.
func (e *Entity) Harm() bool { return e.Valence == ValenceNegative || e.Valence == ValenceHazard }

// TriggerKinds lists the trigger kinds in a fixed order.
var TriggerKinds = []string{TriggerNegation, TriggerPseudo, TriggerTerminator, TriggerHedge,
	TriggerConditional, TriggerHistorical, TriggerReported, TriggerInverter}

// Gazetteers is everything loaded from a gazetteer directory.
//
// A *Gazetteers returned by the loaders is read-only: it is safe for
// concurrent use as long as nobody modifies it, and Default returns the
// same value to every caller, so callers must not modify it.
type Gazetteers struct {
	// Version identifies the gazetteer files: the first 12 hex digits of
	// a SHA-256 over every file's name and contents in name order.
	Version     string
	Entities    []*Entity // in file name order, then row order
	Memberships []Membership
	Posts       []Post
	Cues        []Cue
	// Triggers for negation and hedging (NegEx-style), by kind:
	// "negation", "pseudo", "terminator", "hedge", "conditional",
	// "historical", "reported". Phrases are lower case.
	Triggers map[string][]string
	// Unnamed are phrases that denote actors the text does not name
	// ("some countries", "certain States"), matched case-insensitively.
	Unnamed []string
	// Self are phrases that denote the speaking delegation
	// ("we", "my delegation", "my country", "our Government"), matched
	// case-insensitively.
	Self []string
	// SelfExact are phrases for the speaking delegation that must match
	// with their exact case: "us" (not "US") and "I".
	SelfExact []string
	// Files lists the names of the files the gazetteers were read from.
	Files []string
	// Warnings lists problems that do not stop loading, such as a name
	// shared by two entities of the same kind ("Congolese"), which a
	// matcher should treat as ambiguous.
	Warnings ErrorList

	// Dropped lists the embedded rows left out because they name an
	// entity of a file the user replaced (see LoadFS); they are among
	// Warnings too.
	Dropped ErrorList

	lenient map[string]bool // embedded files kept beside a user's (see parseFiles)

	byID map[string]*Entity
}

// Lookup returns the entity with the given "kind/key" id, or nil. It is
// safe for concurrent use: the index is built by the loader. On a
// Gazetteers built by hand it falls back to a linear scan.
func (g *Gazetteers) Lookup(id string) *Entity {
	if g.byID == nil {
		for _, e := range g.Entities {
			if e.ID() == id {
				return e
			}
		}
		return nil
	}
	return g.byID[id]
}

// Members returns the ids of the members of group on date ("YYYY-MM-DD"),
// sorted and without duplicates. An empty date means now: memberships
// with no end date.
func (g *Gazetteers) Members(group, date string) []string {
	seen := make(map[string]bool)
	var out []string
	for i := range g.Memberships {
		m := &g.Memberships[i]
		if m.Group != group || seen[m.Member] {
			continue
		}
		if (date == "" && m.Current()) || (date != "" && m.ActiveOn(date)) {
			seen[m.Member] = true
			out = append(out, m.Member)
		}
	}
	sortStrings(out)
	return out
}

// GroupsOf returns the ids of the groups and organisations member
// belonged to on date ("" for now), sorted and without duplicates.
func (g *Gazetteers) GroupsOf(member, date string) []string {
	seen := make(map[string]bool)
	var out []string
	for i := range g.Memberships {
		m := &g.Memberships[i]
		if m.Member != member || seen[m.Group] {
			continue
		}
		if (date == "" && m.Current()) || (date != "" && m.ActiveOn(date)) {
			seen[m.Group] = true
			out = append(out, m.Group)
		}
	}
	sortStrings(out)
	return out
}

// Holder returns the post of forum with role (compared case-insensitively)
// held on date ("YYYY-MM-DD"), or nil.
func (g *Gazetteers) Holder(forum, role, date string) *Post {
	for i := range g.Posts {
		p := &g.Posts[i]
		if p.Forum == forum && fold(p.Role) == fold(role) && p.ActiveOn(date) {
			return p
		}
	}
	return nil
}
