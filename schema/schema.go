// Package schema is the vocabulary of stancegraph: one typed, full IRI per
// class and predicate, the literal datatypes the project writes, and the
// functions that mint IRIs for statements, claims and entities.
//
// It is a leaf package: it imports only the standard library and
// github.com/cayleygraph/quad, so every other package can depend on it.
// Nothing here relies on a global prefix table; every constant is a full IRI.
//
// The four stance predicates (Supports, Opposes, Proposes, AlignsWith) are
// the graph contract that users' scripts rely on. Their IRIs never change.
package schema

import "github.com/cayleygraph/quad"

// NS is the namespace of stancegraph's classes and predicates.
const NS = "https://stancegraph.org/ns#"

// ID is the base of every IRI that stancegraph mints for things
// (statements, claims, states, groups, forums, proposals, topics, people).
const ID = "https://stancegraph.org/id/"

// Namespaces of public vocabularies used directly.
const (
	RDFNS  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFSNS = "http://www.w3.org/2000/01/rdf-schema#"
	XSDNS  = "http://www.w3.org/2001/XMLSchema#"
)

// Public predicates used as they are.
const (
	// Type links a node to its class (rdf:type).
	Type quad.IRI = RDFNS + "type"
	// Label is the human-readable name of every IRI node (rdfs:label).
	// Labels are plain literals, so Has(rdfs:label, "China") finds a node.
	Label quad.IRI = RDFSNS + "label"
	// Comment describes a class or predicate (rdfs:comment).
	Comment quad.IRI = RDFSNS + "comment"
)

// Literal datatypes. Literals other than plain strings are written as
// quad.TypedString with one of these full IRIs (never an xsd: short form).
const (
	XSDString  quad.IRI = XSDNS + "string"
	XSDDate    quad.IRI = XSDNS + "date"
	XSDGYear   quad.IRI = XSDNS + "gYear"
	XSDInteger quad.IRI = XSDNS + "integer"
	XSDDecimal quad.IRI = XSDNS + "decimal"
	XSDBoolean quad.IRI = XSDNS + "boolean"
)

// Stance predicates: direct edges actor -> P -> target, labelled with the
// IRI of the statement they come from.
const (
	// Supports: the actor favours the target (welcomes, endorses, calls for,
	// commits to it). A proposer also supports its own proposal.
	Supports quad.IRI = NS + "supports"
	// Opposes: the actor is against the target (rejects, condemns, does not
	// support it, calls it "so-called").
	Opposes quad.IRI = NS + "opposes"
	// Proposes: the actor put the target forward (its initiative, draft,
	// proposal). Always written together with Supports.
	Proposes quad.IRI = NS + "proposes"
	// AlignsWith points from the aligning actor to the actor whose
	// statement it joins ("aligns itself with the statement of the EU").
	AlignsWith quad.IRI = NS + "alignsWith"
)

// StancePredicates lists the four stance predicates in a fixed order.
var StancePredicates = []quad.IRI{Supports, Opposes, Proposes, AlignsWith}

// IsStance reports whether p is one of the four stance predicates.
func IsStance(p quad.IRI) bool {
	for _, s := range StancePredicates {
		if s == p {
			return true
		}
	}
	return false
}

// Classes.
const (
	// Statement is one speaker's statement at a forum: a file, or one turn
	// of a verbatim record.
	Statement quad.IRI = NS + "Statement"
	// Claim is one stance found in a statement, with its evidence.
	Claim quad.IRI = NS + "Claim"
	// State is a UN member state.
	State quad.IRI = NS + "State"
	// ObserverState is a non-member observer state (Holy See, Palestine).
	ObserverState quad.IRI = NS + "ObserverState"
	// Group is a negotiating group or bloc of states (G77, NAM, Nordic countries).
	Group quad.IRI = NS + "Group"
	// Organization is an international or regional organisation (EU, AU, ASEAN).
	Organization quad.IRI = NS + "Organization"
	// Forum is a body where statements are made (General Assembly, OEWG).
	Forum quad.IRI = NS + "Forum"
	// Session is one session of a forum.
	Session quad.IRI = NS + "Session"
	// Proposal is a proposal, initiative, draft or instrument under discussion.
	Proposal quad.IRI = NS + "Proposal"
	// Instrument is an adopted treaty, convention or declaration.
	Instrument quad.IRI = NS + "Instrument"
	// Resolution is a resolution of a UN body, identified by its symbol.
	Resolution quad.IRI = NS + "Resolution"
	// Norm is a norm or principle of behaviour.
	Norm quad.IRI = NS + "Norm"
	// Topic is an issue or idea that positions are taken on.
	Topic quad.IRI = NS + "Topic"
	// Person is a speaker or office holder.
	Person quad.IRI = NS + "Person"
	// UnnamedActor stands for "some countries", "certain States": actors the
	// text does not name. It is scoped to one statement.
	UnnamedActor quad.IRI = NS + "UnnamedActor"
	// Membership is a dated membership of an actor in a group (W3C ORG).
	Membership quad.IRI = NS + "Membership"
	// Post is an office in a forum held by a person on dates (W3C ORG).
	Post quad.IRI = NS + "Post"
	// Gazetteer is the named graph that holds all entities and their facts.
	Gazetteer quad.IRI = NS + "Gazetteer"
)

// Statement metadata predicates (subject: a Statement).
const (
	Speaker          quad.IRI = NS + "speaker"          // -> Person
	SpeakerTitle     quad.IRI = NS + "speakerTitle"     // literal: "Counsellor", "Head of the Chinese Delegation"
	Delegation       quad.IRI = NS + "delegation"       // -> State, Group or Organization that speaks
	OnBehalfOf       quad.IRI = NS + "onBehalfOf"       // -> Group the delegation speaks for
	ForumP           quad.IRI = NS + "forum"            // -> Forum
	SessionP         quad.IRI = NS + "session"          // -> Session
	Date             quad.IRI = NS + "date"             // xsd:date
	Year             quad.IRI = NS + "year"             // xsd:gYear
	Text             quad.IRI = NS + "text"             // the cleaned text; evidence offsets count into it
	SourcePath       quad.IRI = NS + "sourcePath"       // literal: path of the source file
	SHA256           quad.IRI = NS + "sha256"           // literal: hex SHA-256 of the source file's bytes
	ExtractorVersion quad.IRI = NS + "extractorVersion" // literal
	Turn             quad.IRI = NS + "turn"             // xsd:integer, position in a multi-speaker record
	Language         quad.IRI = NS + "language"         // literal: BCP 47 tag
	Procedural       quad.IRI = NS + "procedural"       // xsd:boolean, a procedural turn
)

// Claim predicates (subject: a Claim).
const (
	Actor       quad.IRI = NS + "actor"      // -> who takes the stance
	StanceP     quad.IRI = NS + "stance"     // -> one of the four stance predicates
	Target      quad.IRI = NS + "target"     // -> what the stance is about
	Cue         quad.IRI = NS + "cue"        // literal: the cue phrase as written
	CueClass    quad.IRI = NS + "cueClass"   // literal: welcomes, condemns, calls-for, ...
	Modality    quad.IRI = NS + "modality"   // literal: asserted, negated, hedged, conditional, reported
	Confidence  quad.IRI = NS + "confidence" // xsd:decimal in [0,1]
	Evidence    quad.IRI = NS + "evidence"   // literal: the evidence sentence
	Start       quad.IRI = NS + "start"      // xsd:integer, code points into the statement text
	End         quad.IRI = NS + "end"        // xsd:integer, exclusive
	InStatement quad.IRI = NS + "statement"  // -> the Statement the claim comes from
)

// Entity predicates (subject: a gazetteer entity).
const (
	Alias         quad.IRI = NS + "alias"         // literal: another name matched in text
	Demonym       quad.IRI = NS + "demonym"       // literal: "Chinese"
	ISO2          quad.IRI = NS + "iso2"          // literal: ISO 3166-1 alpha-2
	ISO3          quad.IRI = NS + "iso3"          // literal: ISO 3166-1 alpha-3
	M49           quad.IRI = NS + "m49"           // literal: UN M49 numeric code
	Wikidata      quad.IRI = NS + "wikidata"      // IRI of the Wikidata item
	MemberOf      quad.IRI = NS + "memberOf"      // -> Group or Organization
	PartOf        quad.IRI = NS + "partOf"        // Session -> Forum, Forum -> parent Forum
	Symbol        quad.IRI = NS + "symbol"        // literal: UN document symbol "A/RES/75/240"
	FromGazetteer quad.IRI = NS + "fromGazetteer" // xsd:boolean false on targets minted from text
	Member        quad.IRI = NS + "member"        // Membership -> member
	Organisation  quad.IRI = NS + "organization"  // Membership/Post -> group or forum
	Holder        quad.IRI = NS + "holder"        // Post -> Person
	Role          quad.IRI = NS + "role"          // literal: "Chair"
	From          quad.IRI = NS + "from"          // xsd:date
	Until         quad.IRI = NS + "until"         // xsd:date
	Version       quad.IRI = NS + "version"       // literal: gazetteer version
	Source        quad.IRI = NS + "source"        // literal: where a fact comes from
)

// GazetteerGraph is the graph label of every gazetteer quad.
const GazetteerGraph quad.IRI = ID + "gazetteer"
