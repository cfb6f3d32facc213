package schema

import "github.com/cayleygraph/quad"

// A Term documents one class or predicate of the vocabulary.
type Term struct {
	IRI     quad.IRI
	Class   bool   // a class (true) or a predicate (false)
	Comment string // what it means
	// Matches names the public vocabulary term it corresponds to, if any,
	// as a full IRI; "" when there is none.
	Matches string
}

const (
	schemaOrg = "https://schema.org/"
	popolo    = "http://www.popoloproject.com/schemas/"
	org       = "http://www.w3.org/ns/org#"
	prov      = "http://www.w3.org/ns/prov#"
	dcterms   = "http://purl.org/dc/terms/"
	foaf      = "http://xmlns.com/foaf/0.1/"
)

// Terms lists every class and predicate stancegraph writes, in the order
// `stancegraph schema` prints them.
var Terms = []Term{
	{Statement, true, "one speaker's statement at a forum: a file, or one turn of a verbatim record", popolo + "speech.json (Speech)"},
	{Claim, true, "one stance found in a statement, with its cue, modality, confidence and evidence sentence", prov + "Entity"},
	{State, true, "a UN member state", schemaOrg + "Country"},
	{ObserverState, true, "a non-member observer state (Holy See, State of Palestine)", schemaOrg + "Country"},
	{Group, true, "a negotiating group or bloc of states (G77 and China, NAM, Nordic countries)", org + "Organization"},
	{Organization, true, "an international or regional organisation (EU, AU, ASEAN)", org + "FormalOrganization"},
	{Forum, true, "a body where statements are made (General Assembly, Security Council, OEWG)", org + "Organization"},
	{Session, true, "one session of a forum", schemaOrg + "Event"},
	{Proposal, true, "a proposal, initiative or draft under discussion (Programme of Action)", ""},
	{Instrument, true, "an adopted treaty, convention or declaration (Paris Agreement, NPT)", schemaOrg + "Legislation"},
	{Resolution, true, "a resolution of a UN body, with its symbol (A/RES/75/240)", schemaOrg + "Legislation"},
	{Norm, true, "a norm or principle of state behaviour", ""},
	{Topic, true, "an issue or idea positions are taken on (sovereignty in cyberspace)", schemaOrg + "Thing"},
	{Person, true, "a speaker or office holder", foaf + "Person"},
	{UnnamedActor, true, "actors the text does not name (\"some countries\"), scoped to one statement", ""},
	{Membership, true, "a dated membership of an actor in a group", org + "Membership"},
	{Post, true, "an office in a forum (Chair) held by a person between dates", org + "Post"},
	{Gazetteer, true, "the named graph holding all entities and their facts", prov + "Collection"},

	{Supports, false, "actor favours target; also written for a proposer's own proposal", ""},
	{Opposes, false, "actor is against target", ""},
	{Proposes, false, "actor put target forward (always with supports)", ""},
	{AlignsWith, false, "aligning actor -> actor whose statement it joins", ""},

	{Speaker, false, "statement -> person who delivered it", popolo + "speech.json (creator)"},
	{SpeakerTitle, false, "statement -> the speaker's title as written", popolo + "speech.json (role)"},
	{Delegation, false, "statement -> state, group or organisation that speaks", ""},
	{OnBehalfOf, false, "statement -> group the delegation speaks for", ""},
	{ForumP, false, "statement -> forum", schemaOrg + "location"},
	{SessionP, false, "statement -> session of the forum", popolo + "speech.json (event_id)"},
	{Date, false, "statement -> date (xsd:date)", dcterms + "date"},
	{Year, false, "statement -> year (xsd:gYear)", ""},
	{Text, false, "statement -> cleaned text; claim offsets count code points into it", schemaOrg + "text"},
	{SourcePath, false, "statement -> path of the source file", prov + "hadPrimarySource"},
	{SHA256, false, "statement -> SHA-256 of the source file", ""},
	{ExtractorVersion, false, "statement -> version of the extractor that produced its quads", prov + "wasGeneratedBy"},
	{Turn, false, "statement -> position of the turn in a multi-speaker record", ""},
	{Language, false, "statement -> language tag of the text", dcterms + "language"},
	{Procedural, false, "statement -> true for a procedural turn (giving the floor)", ""},

	{Actor, false, "claim -> who takes the stance", ""},
	{StanceP, false, "claim -> one of the four stance predicates", ""},
	{Target, false, "claim -> what the stance is about", ""},
	{Cue, false, "claim -> the cue phrase as written", ""},
	{CueClass, false, "claim -> finer kind of cue (welcomes, condemns, calls-for, ...)", ""},
	{Modality, false, "claim -> asserted, negated, hedged, conditional or reported", ""},
	{Confidence, false, "claim -> confidence in [0,1] (xsd:decimal)", ""},
	{Evidence, false, "claim -> the evidence sentence", prov + "value"},
	{Start, false, "claim -> start of the evidence, code points into the statement text", ""},
	{End, false, "claim -> end of the evidence (exclusive)", ""},
	{InStatement, false, "claim -> statement it was extracted from", prov + "wasDerivedFrom"},

	{Label, false, "every IRI node -> its name", ""},
	{Type, false, "node -> class", ""},
	{Alias, false, "entity -> another name matched in text", "http://www.w3.org/2004/02/skos/core#altLabel"},
	{Demonym, false, "state -> demonym or adjective (\"Chinese\")", ""},
	{ISO2, false, "state -> ISO 3166-1 alpha-2", ""},
	{ISO3, false, "state -> ISO 3166-1 alpha-3", ""},
	{M49, false, "state -> UN M49 code", ""},
	{Wikidata, false, "entity -> Wikidata item", "http://www.w3.org/2002/07/owl#sameAs"},
	{MemberOf, false, "actor -> group it belongs to", org + "memberOf"},
	{PartOf, false, "session -> forum; forum -> parent body", dcterms + "isPartOf"},
	{Symbol, false, "resolution -> UN document symbol", ""},
	{FromGazetteer, false, "target -> false when minted from text, not the gazetteer", ""},
	{Member, false, "membership or post -> member", org + "member"},
	{Organisation, false, "membership or post -> group or forum", org + "organization"},
	{Holder, false, "post -> person holding it", org + "heldBy"},
	{Role, false, "post -> name of the office", org + "role"},
	{From, false, "membership or post -> start date", ""},
	{Until, false, "membership or post -> end date", ""},
	{Version, false, "gazetteer -> its version", ""},
	{Source, false, "entity or fact -> where it comes from", dcterms + "source"},
}
