// Package turns splits the text of a multi-speaker record, such as a UN
// verbatim record (S/PV..., A/..../PV...) or a meeting transcript, into
// the turns of its speakers.
//
// Split recognises three kinds of turn label, each only at the start of a
// line:
//
//   - verbatim-record labels followed by the speech on the same line:
//     "Mr. Jinga (Romania): ...", "Mrs. Robinson: ...",
//     "Mr. Abarry (Niger) (spoke in French): ...", "The President: ...",
//     "The Secretary-General: ...", with OCR noise such as a space before
//     the colon. A title word is no name: "Mr. President:" and
//     "Mr. Chairman:" open speeches, they are not labels;
//   - transcript headings alone on their line, the speech on the lines
//     below: "CHAIR:", "China:", "United States of America:";
//   - "Speaker: Name (Delegation)" lines.
//
// Headings of the second kind count only when the text has at least two of
// them, and never when they look like salutations ("Colleagues:"), so a
// single statement is not split.
//
// When a label gives no delegation, the preceding turn's "I (now) give the
// floor to the representative of X" supplies it, and a chair speaking "in
// my capacity as the representative of X" supplies his own.
package turns

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Turn is one speaker's turn in a record. Offsets are byte offsets into
// the text given to Split.
type Turn struct {
	N          int    // 1-based order in the record
	Speaker    string // "Mr. Jinga", "The President", as written (spaces collapsed)
	Delegation string // "Romania" as written, "" when not given
	OnBehalfOf string // group named in "I speak on behalf of ..." at the start of the turn, "" otherwise
	// Procedural is true for a presiding officer's turn that gives the
	// floor, adjourns, suspends or is another short procedural formula,
	// and not a statement in a national capacity.
	Procedural  bool
	Start, End  int // the turn's body, after its label
	HeaderStart int // the start of the label
}

const (
	titles = `(?:Mr|Mrs|Ms|Miss|Mme|Mmes|Dr|Sir|Dame|Lord|Lady|Baroness|Prince|Princess|Sheikh|Sheikha|Archbishop|Cardinal|Monsignor|Msgr|Rev|Father|Sister|Judge|Justice|General)`
	// A name: capitalised words, with lower-case particles between them.
	name  = `\p{Lu}[\p{L}'’.\-]*(?:[ \t]+(?:(?:de|da|del|della|der|den|van|von|bin|binti|al|el|la|le|du|dos|das|di|ibn|y|e)[ \t]+)*\p{Lu}[\p{L}'’.\-]*){0,4}`
	roles = `(?:The|the)[ \t]+(?:Acting[ \t]+|Temporary[ \t]+)?(?:President|Vice-President|Chair|Chairman|Chairwoman|Chairperson|Co-Chair|Secretary-General|Deputy[ \t]+Secretary-General|Under-Secretary-General|High[ \t]+Representative|Special[ \t]+Envoy|Moderator|Facilitator|Rapporteur|Secretary)`
	paren = `\((?:[^()\n]|\([^()\n]*\))*\)`
)

var (
	// verbatimRe matches "Mr. Jinga (Romania) (spoke in French):" at a
	// line start; group 1 is the speaker, 2 the parenthesised parts.
	verbatimRe = regexp.MustCompile(`(?m)^[ \t]*(` + titles + `\.?[ \t]+` + name + `|` + roles + `)[ \t]*((?:` + paren + `[ \t]*){0,3}):`)
	// headingRe matches a transcript heading alone on its line.
	headingRe = regexp.MustCompile(`(?m)^[ \t]*([\p{Lu}][^\n:]{0,58}[^\s:]|\p{Lu}):[ \t]*$`)
	// speakerRe matches "Speaker: ..." lines.
	speakerRe  = regexp.MustCompile(`(?m)^[ \t]*Speaker[ \t]*:[ \t]*([^\n]{2,120}?)[ \t]*$`)
	spokeInRe  = regexp.MustCompile(`(?i)^(?:spoke|speaking|interpretation|in)\b|^(?:original|translated)\b`)
	floorRe    = regexp.MustCompile(`(?i)\bgive\s+the\s+floor\s+to\s+(?:(?:His|Her)\s+Excellency\s+)?(?:the\s+)?(?:distinguished\s+)?(?:(?:Acting\s+)?Head\s+of\s+(?:the\s+)?)?(?:Permanent\s+)?(?:representative|delegate|delegation|observer|Ambassador|Minister\s+[^.;:]*?)\s+of\s+([^.,;:()\n]+)`)
	capacityRe = regexp.MustCompile(`(?i)\bin\s+my\s+(?:national\s+)?capacity\s+as\s+([^.;:()\n]+)`)
	behalfRe   = regexp.MustCompile(`(?i)\b(?:speak(?:ing)?|deliver(?:ing)?\s+(?:this|a|the)\s+statement|make\s+(?:this|a|the)\s+statement|tak(?:e|ing)\s+the\s+floor)\s+on\s+(?:the\s+)?behalf\s+of\s+(?:the\s+)?([^.,;:()\n—–]+)`)
)

// titleWords are names that are offices, not people: "Mr. President:" is
// a salutation, not a label.
var titleWords = map[string]bool{
	"president": true, "chairman": true, "chair": true, "chairperson": true, "chairwoman": true,
	"secretary-general": true, "speaker": true, "vice-president": true, "co-chair": true, "co-chairs": true,
	"moderator": true, "facilitator": true, "minister": true, "ambassador": true, "prime": true,
	"deputy": true, "representative": true, "delegate": true, "colleagues": true,
}

// salutations make a line a greeting, not a transcript heading.
var salutationRe = regexp.MustCompile(`(?i)\b(?:mr|mrs|ms|madam|madame|excellenc\w*|colleagues|friends|delegates|ladies|gentlemen|distinguished|dear|thank|note|notes|source|subject|date|title|agenda|item|annex|resolution|chapter|section|article|paragraph|page|statement|remarks|summary|conclusion|introduction|question|questions|answer|answers|example|first|second|third|finally)\b`)

// roleWords mark presiding officers, whose turns may be procedural.
var chairRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:acting\s+|temporary\s+)?(?:president|chair|chairman|chairwoman|chairperson|co-chair|moderator|facilitator)$`)

// A label found in the text, before turns are built.
type label struct {
	start, end int // the label; the body starts at end
	speaker    string
	delegation string
}

// minLeadText is the length from which text before the first label is a
// turn rather than a document header.
const minLeadText = 200

// Split returns the turns of text in order. It returns nil when text has
// no turn label at a line start, and one turn when it has one, so a
// single statement comes back whole. Turns do not overlap. Text before
// the first label belongs to no turn when it is short (a document
// header), and is turn 1, with no Speaker, when it holds 200 bytes or more.
func Split(text string) []Turn {
	labels := findLabels(text)
	if len(labels) == 0 {
		return nil
	}
	// Text before the first label is a turn of its own, of an unnamed
	// speaker, when it is more than a document header: a General Debate
	// speech followed by the presiding officer's thanks.
	if pre := strings.TrimSpace(text[:labels[0].start]); len(pre) >= minLeadText {
		i := strings.Index(text, pre[:1])
		labels = append([]label{{start: i, end: i}}, labels...)
	}
	turns := make([]Turn, len(labels))
	for i, l := range labels {
		end := len(text)
		if i+1 < len(labels) {
			end = labels[i+1].start
		}
		start := skipSpace(text, l.end, end)
		end = trimSpaceEnd(text, start, end)
		turns[i] = Turn{N: i + 1, Speaker: l.speaker, Delegation: l.delegation, Start: start, End: end, HeaderStart: l.start}
	}
	floorTo := ""
	for i := range turns {
		t := &turns[i]
		body := text[t.Start:t.End]
		chair := chairRe.MatchString(t.Speaker)
		if t.Delegation == "" && floorTo != "" && !chair {
			t.Delegation = floorTo
		}
		national := ""
		if m := capacityRe.FindStringSubmatch(body); m != nil {
			if j := strings.LastIndex(m[1], " of "); j >= 0 {
				national = cleanName(m[1][j+4:])
			}
		}
		if chair && t.Delegation == "" && national != "" {
			t.Delegation = national
		}
		t.OnBehalfOf = onBehalfOf(body)
		t.Procedural = chair && national == "" && isProcedural(body)
		floorTo = ""
		if ms := floorRe.FindAllStringSubmatch(body, -1); ms != nil {
			floorTo = cleanName(ms[len(ms)-1][1])
		}
	}
	return turns
}

// findLabels finds every label of the three kinds, in text order.
func findLabels(text string) []label {
	var labels []label
	for _, m := range verbatimRe.FindAllStringSubmatchIndex(text, -1) {
		speaker := collapse(text[m[2]:m[3]])
		if isTitleName(speaker) {
			continue
		}
		labels = append(labels, label{start: lineStart(text, m[0]), end: m[1], speaker: speaker, delegation: delegationOf(text[m[4]:m[5]])})
	}
	for _, m := range speakerRe.FindAllStringSubmatchIndex(text, -1) {
		v := text[m[2]:m[3]]
		speaker, deleg := v, ""
		if i := strings.IndexByte(v, '('); i > 0 {
			speaker, deleg = strings.TrimSpace(v[:i]), delegationOf(v[i:])
		} else if !chairRe.MatchString(v) && !strings.Contains(v, ".") {
			deleg = v // "Speaker: China"
		}
		labels = append(labels, label{start: lineStart(text, m[0]), end: m[1], speaker: collapse(speaker), delegation: deleg})
	}
	var headings []label
	for _, m := range headingRe.FindAllStringSubmatchIndex(text, -1) {
		h := collapse(text[m[2]:m[3]])
		if salutationRe.MatchString(h) || !isNameLike(h) || utf8.RuneCountInString(h) > 50 {
			continue
		}
		if verbatimRe.MatchString(text[m[0]:m[1]]) {
			continue // "Mr. Jinga (Romania):" alone on its line was found above
		}
		deleg := ""
		if !chairRe.MatchString(h) && !strings.EqualFold(h, "secretariat") {
			deleg = h
		}
		headings = append(headings, label{start: lineStart(text, m[0]), end: m[1], speaker: h, delegation: deleg})
	}
	if len(headings) >= 2 {
		labels = append(labels, headings...)
	}
	return sortLabels(labels)
}

// sortLabels sorts labels by position and drops any that starts inside
// the one before it.
func sortLabels(ls []label) []label {
	slices.SortStableFunc(ls, func(a, b label) int { return a.start - b.start })
	out := ls[:0]
	for _, l := range ls {
		if n := len(out); n > 0 && l.start < out[n-1].end {
			continue
		}
		out = append(out, l)
	}
	return out
}

// particles may stand lower case in a name that is a heading.
var particles = map[string]bool{"of": true, "the": true, "and": true, "de": true, "du": true,
	"des": true, "la": true, "le": true, "for": true, "on": true, "in": true, "to": true, "del": true}

// isNameLike reports whether a heading reads like a name: capitalised
// words, particles and parenthesised parts only ("United States of
// America", "Mr. Jinga (Romania)", "CHAIR").
func isNameLike(h string) bool {
	if strings.ContainsAny(h, ",;!?\"“”") || strings.HasPrefix(h, "Speaker") {
		return false
	}
	inParen := 0
	for _, w := range strings.Fields(h) {
		if inParen == 0 && !strings.HasPrefix(w, "(") {
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) && !particles[w] {
				return false
			}
		}
		inParen += strings.Count(w, "(") - strings.Count(w, ")")
	}
	return true
}

// isTitleName reports whether a "Mr. X" label names an office: "Mr.
// President", "Madam Chair".
func isTitleName(speaker string) bool {
	f := strings.Fields(speaker)
	if len(f) < 2 || strings.EqualFold(f[0], "the") {
		return false
	}
	return titleWords[strings.ToLower(f[1])]
}

// delegationOf takes the delegation from the parenthesised parts of a
// label, skipping "(spoke in French)" and the like.
func delegationOf(parens string) string {
	for parens != "" {
		i := strings.IndexByte(parens, '(')
		if i < 0 {
			break
		}
		depth, j := 0, i
		for ; j < len(parens); j++ {
			if parens[j] == '(' {
				depth++
			} else if parens[j] == ')' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if j >= len(parens) {
			break
		}
		inner := collapse(parens[i+1 : j])
		parens = parens[j+1:]
		if inner != "" && !spokeInRe.MatchString(inner) {
			return inner
		}
	}
	return ""
}

// onBehalfOf finds "I speak on behalf of X" in the first sentences of a
// body.
func onBehalfOf(body string) string {
	head := body
	if len(head) > 400 {
		head = head[:400]
	}
	m := behalfRe.FindStringSubmatch(head)
	if m == nil {
		return ""
	}
	g := m[1]
	if i := strings.Index(g, " - "); i > 0 {
		g = g[:i]
	}
	for _, cut := range []string{" and its member", " and their member", " and its Member"} {
		if i := strings.Index(g, cut); i > 0 {
			g = g[:i]
		}
	}
	g = cleanName(g)
	if personRe.MatchString(g) {
		return "" // on behalf of a minister or of "my Government" is no group
	}
	return g
}

var personRe = regexp.MustCompile(`(?i)^(?:(?:His|Her|Their)\s+(?:Excellency|Majesty|Highness)|` + titles + `\b|my\b|our\b|(?:Foreign\s+|Prime\s+)?Minister\b|President\b)`)

// procedural formulas of presiding officers.
var proceduralRe = regexp.MustCompile(`(?i)give\s+the\s+floor|the\s+meeting\s+(?:is|was)\s+(?:adjourned|suspended|resumed|called\s+to\s+order)|(?:adjourn|suspend|resume)\s+(?:the|this|our)\s+(?:meeting|debate|session)|rule\s+3[79]|provisional\s+rules\s+of\s+procedure|invite\s+[^.]{0,200}\s+to\s+participate|item\s+on\s+(?:its|the)\s+agenda|agenda\s+is\s+adopted|no\s+objection|it\s+is\s+so\s+decided|limit\s+their\s+statements|speakers'?\s+list|(?:I|we)\s+(?:shall|will)\s+now\s+(?:proceed|begin|take\s+up|hear)|has\s+thus\s+concluded`)

// isProcedural reports whether a presiding officer's body is procedural:
// short, or mostly made of procedural formulas.
func isProcedural(body string) bool {
	n := len(body)
	if n < 400 {
		return true
	}
	hits := len(proceduralRe.FindAllStringIndex(body, -1))
	return hits > 0 && n < 1200*hits
}

func cleanName(s string) string {
	s = collapse(s)
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' })
	for _, cut := range []string{" to speak", " to make", " to deliver", " to the United Nations", " who ", " for "} {
		if i := strings.Index(s, cut); i > 0 {
			s = s[:i]
		}
	}
	return s
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// lineStart moves a match start past the indentation that (?m)^[ \t]*
// took in.
func lineStart(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

func skipSpace(text string, i, end int) int {
	for i < end && unicode.IsSpace(rune(text[i])) {
		i++
	}
	return i
}

func trimSpaceEnd(text string, start, end int) int {
	for end > start && unicode.IsSpace(rune(text[end-1])) {
		end--
	}
	return end
}
