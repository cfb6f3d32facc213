package schema

import (
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/unicode/norm"
)

// Kinds of entity, used as the first path segment of entity IRIs.
const (
	KindState        = "state"
	KindGroup        = "group"
	KindOrganization = "org"
	KindForum        = "forum"
	KindSession      = "session"
	KindProposal     = "proposal"
	KindTopic        = "topic"
	KindPerson       = "person"
	KindPost         = "post"
	KindMembership   = "membership"
)

// Slug turns a name into a lower-case IRI path segment of letters, digits
// and single hyphens: "Programme of Action" -> "programme-of-action".
// Accents are removed; letters outside Latin are kept. Slug never returns
// an empty string: a name with no letters or digits gives "x".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// EntityIRI mints the IRI of a gazetteer entity from its kind (KindState,
// KindGroup, ...) and key. States use their ISO 3166-1 alpha-3 code as key
// (state/CHN); other kinds use a slug. The key is percent-encoded.
func EntityIRI(kind, key string) quad.IRI {
	return quad.IRI(ID + kind + "/" + url.PathEscape(key))
}

// PersonIRI mints the IRI of a person from their name.
func PersonIRI(name string) quad.IRI { return EntityIRI(KindPerson, Slug(name)) }

// StatementIRI mints the IRI of the statement read from path, relative or
// absolute as given. turn is the speaker turn in a multi-speaker file, or 0
// when the file holds one statement. Each path segment is percent-encoded,
// so names with spaces or brackets give valid IRIs; ".." segments are
// encoded so that RDF tools do not resolve them away.
func StatementIRI(path string, turn int) quad.IRI {
	p := filepath.ToSlash(filepath.Clean(path))
	p = strings.TrimPrefix(p, "/")
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if s == ".." {
			segs[i] = "%2E%2E"
			continue
		}
		segs[i] = url.PathEscape(s)
	}
	iri := ID + "statement/" + strings.Join(segs, "/")
	if turn > 0 {
		iri += "/turn/" + strconv.Itoa(turn)
	}
	return quad.IRI(iri)
}

// ClaimIRI mints the IRI of the n-th claim (from 1) of a statement.
func ClaimIRI(statement quad.IRI, n int) quad.IRI {
	return quad.IRI(string(statement) + "/claim/" + strconv.Itoa(n))
}

// UnnamedActorIRI mints the IRI of an unnamed actor ("some countries")
// within one statement. Unnamed actors are never shared across statements.
func UnnamedActorIRI(statement quad.IRI, phrase string) quad.IRI {
	return quad.IRI(string(statement) + "/actor/" + Slug(phrase))
}

// String returns a plain literal (xsd:string implied).
func String(s string) quad.Value { return quad.String(s) }

// Typed returns a literal with the given datatype, written with its full IRI.
func Typed(v string, datatype quad.IRI) quad.Value {
	return quad.TypedString{Value: quad.String(v), Type: datatype}
}

// Int returns an xsd:integer literal.
func Int(n int) quad.Value { return Typed(strconv.Itoa(n), XSDInteger) }

// Decimal returns an xsd:decimal literal with at most three decimals.
func Decimal(f float64) quad.Value {
	s := strconv.FormatFloat(f, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return Typed(s, XSDDecimal)
}

// Bool returns an xsd:boolean literal ("true" or "false").
func Bool(b bool) quad.Value { return Typed(strconv.FormatBool(b), XSDBoolean) }
