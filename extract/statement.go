package extract

import (
	"github.com/cayleygraph/quad"
	"github.com/stancegraph/stancegraph/data"
)

// Version is the version of the extraction rules. It is recorded on every
// statement (with the gazetteer version) so that ingest re-extracts a
// statement when either changes. Bump it whenever a rule changes output.
const Version = "0.6.0"

// A Statement is one unit of source text: a file, or one speaker's turn of
// a multi-speaker record. The fields up to Text are set by the caller; the
// Analyzer fills the rest. Extractors read a Statement and never modify it.
type Statement struct {
	IRI    quad.IRI // stable; becomes the Label of every quad extracted from it
	Path   string   // source file as given by the user
	SHA256 string   // hex SHA-256 of the source file's bytes
	Text   string   // cleaned text; offsets count into it
	// Given is metadata the source states outside the text: YAML front
	// matter, a sidecar table, a verbatim-record turn label. Keys are lower
	// case: speaker, title, delegation, forum, session, date, language.
	Given map[string]string
	// Turn is the position of the statement in a multi-speaker record (from
	// 1), or 0 for a file holding one statement.
	Turn int
	// Record is the opening of the multi-speaker record a turn comes
	// from (its title page: forum, meeting, date), "" for other files.
	Record string

	Meta      Metadata
	Tokens    []Token
	Sentences []Span
	Mentions  []Mention
}

// Metadata is what is known about who spoke where and when. A field the
// source does not give is left empty: nothing is guessed.
type Metadata struct {
	Speaker      string
	SpeakerTitle string
	Delegation   *data.Entity // the state, group or organisation speaking
	OnBehalfOf   *data.Entity // the group the delegation speaks for
	Forum        *data.Entity
	Session      *data.Entity
	SessionName  string // session as written when no gazetteer entity matches
	Date         string // YYYY-MM-DD
	Year         string // YYYY
	Language     string
	Procedural   bool
}

// Actor returns the entity that "we" denotes in the statement: the group
// when the delegation speaks on behalf of one, else the delegation, or nil
// when neither is known.
func (m *Metadata) Actor() *data.Entity {
	if m.OnBehalfOf != nil {
		return m.OnBehalfOf
	}
	return m.Delegation
}
