package extract

import (
	"sort"
	"strings"

	"github.com/stancegraph/stancegraph/data"
)

// MentionKind says what a mention refers to.
type MentionKind uint8

// Kinds of mention.
const (
	MentionEntity  MentionKind = iota + 1 // a gazetteer entity by name or alias
	MentionDemonym                        // a state or group by its adjective ("Chinese")
	MentionSelf                           // the speaking delegation ("we", "my country")
	MentionUnnamed                        // actors the text does not name ("some countries")
)

// A Mention is a phrase of the text that names something. Tok and TokEnd
// are token indexes [Tok, TokEnd) into Statement.Tokens; Start and End are
// byte offsets into Statement.Text.
type Mention struct {
	Kind        MentionKind
	Entity      *data.Entity // for MentionEntity and MentionDemonym
	Tok, TokEnd int
	Start, End  int
	Phrase      string // the normalised phrase matched
	// Owner is, for a proposal whose name opens with an actor's
	// possessive ("the ACT group's code of conduct", "Japan's bid for a
	// permanent seat"), that actor.
	Owner *data.Entity
	// Minted is set when the text names a proposal the gazetteer lacks
	// ("the so-called X", "the X Initiative"); Entity is then made up
	// from the text and is not in the gazetteers.
	Minted bool
}

// A Matcher finds gazetteer names, self references and unnamed-actor
// phrases in token streams. It is built once from the gazetteers and is
// safe for concurrent use.
type Matcher struct {
	root *trieNode

	specifics map[specificKey]*data.Entity // see specific.go
	general   map[*data.Entity]bool        // the general entities of specifics
	// labels are the entities' labels, normalised: a mention whose
	// phrase differs names its entity by an alias.
	labels map[*data.Entity]string
	// fightVerbs are the one-word cues of fighting and ending
	// ("combat", "eradicate"): a name that starts with one ("combat
	// terrorism") is read as the verb and its object where a verb can
	// stand ("we must combat terrorism").
	fightVerbs map[string]bool
}

type trieNode struct {
	next map[string]*trieNode
	vals []matchVal
}

type matchVal struct {
	kind   MentionKind
	entity *data.Entity
	exact  string // non-empty: the alias must match with this exact case
}

// NewMatcher builds a matcher over every entity label, alias, case-
// sensitive alias and demonym of g, and g's self and unnamed phrases.
// Entities keep gazetteer order, so an alias shared by several entities
// resolves to the first one deterministically.
func NewMatcher(g *data.Gazetteers) *Matcher {
	m := &Matcher{root: &trieNode{}}
	byName := map[string]*data.Entity{}
	names := make([][]string, len(g.Entities)) // each entity's label and aliases, normalised, once each
	for i, e := range g.Entities {
		seen := map[string]bool{}
		for _, a := range append([]string{e.Label}, e.Aliases...) {
			n := NormPhrase(a)
			if n == "" || seen[n] {
				continue
			}
			seen[n] = true
			names[i] = append(names[i], n)
			m.add(n, matchVal{kind: MentionEntity, entity: e})
			if byName[n] == nil {
				byName[n] = e
			}
		}
		for _, a := range e.CaseSensitive {
			m.add(NormPhrase(a), matchVal{kind: MentionEntity, entity: e, exact: a})
		}
		for _, d := range e.Demonyms {
			n := NormPhrase(d)
			if n != "" && !seen[n] {
				m.add(n, matchVal{kind: MentionDemonym, entity: e})
			}
		}
	}
	// Verb forms of action names, where no name given in the gazetteers
	// reads the same and the verb is no stance cue of its own ("eradicate
	// poverty" stays the cue "eradicate" and its object "poverty").
	cues := map[string]bool{}
	for _, c := range g.Cues {
		cues[c.Phrase] = true
	}
	for i, e := range g.Entities {
		for _, n := range names[i] {
			for _, v := range verbForms(n) {
				verb, _, _ := strings.Cut(v, " ")
				if !cues[verb] && !m.has(v) {
					m.add(v, matchVal{kind: MentionEntity, entity: e})
				}
			}
		}
	}
	m.labels = make(map[*data.Entity]string, len(g.Entities))
	for _, e := range g.Entities {
		m.labels[e] = NormPhrase(e.Label)
	}
	m.fightVerbs = map[string]bool{}
	for _, c := range g.Cues {
		if (c.Class == "fights" || c.Class == "calls-for-end") && !strings.Contains(c.Phrase, " ") {
			m.fightVerbs[c.Phrase] = true
		}
	}
	m.specifics = deriveSpecifics(g.Entities, names, byName)
	m.general = map[*data.Entity]bool{}
	for k := range m.specifics {
		m.general[k.general] = true
	}
	for _, p := range g.Self {
		m.add(NormPhrase(p), matchVal{kind: MentionSelf})
	}
	for _, p := range g.SelfExact {
		m.add(NormPhrase(p), matchVal{kind: MentionSelf, exact: p})
	}
	for _, p := range g.Unnamed {
		m.add(NormPhrase(p), matchVal{kind: MentionUnnamed})
	}
	return m
}

// has reports whether a name or phrase reads phrase.
func (m *Matcher) has(phrase string) bool {
	n := m.root
	for _, w := range strings.Split(phrase, " ") {
		if n = n.next[w]; n == nil {
			return false
		}
	}
	return len(n.vals) > 0
}

func (m *Matcher) add(phrase string, v matchVal) {
	if phrase == "" {
		return
	}
	n := m.root
	for _, w := range strings.Split(phrase, " ") {
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		c := n.next[w]
		if c == nil {
			c = &trieNode{}
			n.next[w] = c
		}
		n = c
	}
	for _, old := range n.vals {
		if old.kind == v.kind && old.entity == v.entity && old.exact == v.exact {
			return
		}
	}
	n.vals = append(n.vals, v)
}

// Find returns the mentions in toks, leftmost-longest and not
// overlapping, in text order. text is the string toks were made from.
func (m *Matcher) Find(text string, toks []Token) []Mention {
	var out []Mention
	for i := 0; i < len(toks); {
		bestEnd, best := m.longest(text, toks, i)
		if bestEnd < 0 {
			if toks[i].Norm == "resolutions" {
				ms, end := m.resolutionList(text, toks, i+1)
				out = append(out, ms...)
				i = max(end, i+1)
				continue
			}
			i++
			continue
		}
		// "the Commonwealth of the Bahamas": an alias that starts with
		// "the" gives way to a longer name starting right after it.
		if toks[i].Norm == "the" && i+1 < len(toks) {
			if e2, _ := m.longest(text, toks, i+1); e2 > bestEnd {
				i++
				continue
			}
		}
		if best.kind == MentionEntity && m.fightVerbs[toks[i].Norm] && verbalBefore(text, toks, i) {
			// The verb is a cue and its object a harm named after it;
			// a hazard keeps the name of what is done about it
			// ("eradicate poverty" stays poverty eradication).
			if _, obj := m.longest(text, toks, i+1); obj.kind == MentionEntity && obj.entity.Valence == data.ValenceNegative {
				i++
				continue
			}
		}
		out = append(out, Mention{
			Kind: best.kind, Entity: best.entity,
			Tok: i, TokEnd: bestEnd,
			Start: toks[i].Start, End: toks[bestEnd-1].End,
			Phrase: joinNorm(toks[i:bestEnd]),
			Owner:  m.owner(text, toks[:bestEnd], i, best),
		})
		i = bestEnd
	}
	return m.specialise(toks, m.dropGeneric(toks, out))
}

// dropGeneric drops two kinds of generic alias. A lower-case alias of a
// cyber entity that says nothing of cyber ("we support a legally binding
// international instrument" on pandemics) needs a cyber name that says so
// within 80 tokens. A lower-case alias of a proposal that another name
// completes after "on" or "for" ("a legally binding instrument on
// biodiversity beyond national jurisdiction") is that other name.
func (m *Matcher) dropGeneric(toks []Token, ms []Mention) []Mention {
	generic := make([]bool, len(ms))
	for k, mn := range ms {
		generic[k] = m.genericCyber(toks, mn)
	}
	out := ms[:0]
	for k, mn := range ms {
		if generic[k] && !cyberNear(ms, generic, k) {
			continue
		}
		if k+1 < len(ms) && mn.Kind == MentionEntity && mn.Entity.Kind == data.KindProposal && m.lowerAlias(toks, mn) && completedBy(toks, mn, ms[k+1]) {
			continue
		}
		out = append(out, mn)
	}
	return out
}

// lowerAlias reports whether mn names its gazetteer entity by an alias,
// not its label, written in lower case.
func (m *Matcher) lowerAlias(toks []Token, mn Mention) bool {
	return !mn.Minted && mn.Phrase != m.labels[mn.Entity] && !anyUpper(toks[mn.Tok:mn.TokEnd])
}

// completedBy reports whether n, a topic or proposal, follows mn after
// "on" or "for" (and "the").
func completedBy(toks []Token, mn, n Mention) bool {
	j := mn.TokEnd
	if j >= len(toks) || toks[j].Norm != "on" && toks[j].Norm != "for" {
		return false
	}
	j++
	if j < len(toks) && toks[j].Norm == "the" {
		j++
	}
	return n.Tok == j && n.Kind == MentionEntity && (n.Entity.Kind == data.KindTopic || n.Entity.Kind == data.KindProposal)
}

func anyUpper(toks []Token) bool {
	for _, t := range toks {
		if t.Upper {
			return true
		}
	}
	return false
}

// resolutionList finds the resolutions of "resolutions 242 (1967) and
// 338 (1973)" from toks[i] on: each number, with its year, names the
// entity that "resolution 242 (1967)" would. It returns the mentions and
// the token after the list.
func (m *Matcher) resolutionList(text string, toks []Token, i int) ([]Mention, int) {
	var out []Mention
	for i < len(toks) && isSymbol(toks[i].Norm) {
		end := i + 1
		if end+2 < len(toks) && toks[end].Norm == "(" && isSymbol(toks[end+1].Norm) && toks[end+2].Norm == ")" {
			end += 3 // "(1967)"
		}
		bestEnd, best := walk(m.root.next["resolution"], "resolution ", text, toks[:end], i)
		if bestEnd > 0 && best.kind == MentionEntity {
			out = append(out, Mention{Kind: MentionEntity, Entity: best.entity, Tok: i, TokEnd: bestEnd,
				Start: toks[i].Start, End: toks[bestEnd-1].End, Phrase: "resolution " + joinNorm(toks[i:bestEnd])})
		}
		i = end
		if i < len(toks) && toks[i].Norm == "," {
			i++
		}
		if i < len(toks) && toks[i].Norm == "and" {
			i++
		}
	}
	return out, i
}

// isSymbol reports whether a token is a resolution number: "242",
// "76/262".
func isSymbol(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	for _, r := range w {
		if (r < '0' || r > '9') && r != '/' {
			return false
		}
	}
	return true
}

// longest returns the end and value of the longest phrase starting at
// toks[i], or -1.
// owner returns the actor whose possessive opens a proposal's name in
// toks[i:] ("the ACT group's ..."), or nil.
func (m *Matcher) owner(text string, toks []Token, i int, v matchVal) *data.Entity {
	if v.kind != MentionEntity || v.entity.Kind != data.KindProposal {
		return nil
	}
	if toks[i].Norm == "the" {
		i++
	}
	p := i
	for p < len(toks) && toks[p].Norm != "'s" {
		p++
	}
	if p == len(toks) {
		return nil
	}
	end, a := m.longest(text, toks[:p], i)
	if end != p || a.kind != MentionEntity || !isActorEntity(a.entity) {
		return nil
	}
	return a.entity
}

func (m *Matcher) longest(text string, toks []Token, i int) (int, matchVal) {
	return walk(m.root, "", text, toks, i)
}

// walk follows toks from toks[i] down the trie from n and returns the end
// and value of the longest phrase it finds, or -1; prefix is the surface
// text the words before n stand for ("resolution " for "resolutions 242
// and 338").
func walk(n *trieNode, prefix, text string, toks []Token, i int) (int, matchVal) {
	bestEnd := -1
	var best matchVal
	for j := i; j < len(toks) && n != nil; j++ {
		next := n.next[toks[j].Norm]
		if next == nil && j > i && articles[toks[j].Norm] && j+1 < len(toks) && !articles[toks[j+1].Norm] && n.next[toks[j+1].Norm] != nil {
			// "reform of the international financial institutions"
			// reads as the name "reform of international financial
			// institutions": an article inside a name may be added.
			continue
		}
		if n = next; n == nil {
			break
		}
		if v, ok := pick(n.vals, prefix+text[toks[i].Start:toks[j].End]); ok {
			bestEnd, best = j+1, v
		}
	}
	return bestEnd, best
}

// pick chooses the value for a matched phrase: a case-sensitive alias only
// when the text has its exact case; entity names before demonyms before
// pronoun-like phrases.
func pick(vals []matchVal, surface string) (matchVal, bool) {
	cands := make([]matchVal, 0, len(vals))
	for _, v := range vals {
		if v.exact != "" && v.exact != surface {
			continue
		}
		cands = append(cands, v)
	}
	if len(cands) == 0 {
		return matchVal{}, false
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].kind < cands[b].kind })
	return cands[0], true
}

func joinNorm(toks []Token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Norm
	}
	return strings.Join(parts, " ")
}

var articles = map[string]bool{"the": true, "a": true, "an": true}

// verbalBefore reports whether the word before toks[i] lets it be a verb:
// a modal, "to", a subject pronoun, an auxiliary or an adverb ("we must
// combat terrorism", "we are combating terrorism"), not an article, a
// possessive or a preposition ("the fight against terrorism", "in
// combating terrorism"), and toks[i] is not the first half of a
// hyphenated word ("counter-terrorism").
func verbalBefore(text string, toks []Token, i int) bool {
	if i == 0 {
		return false
	}
	if i+1 < len(toks) && toks[i].End < toks[i+1].Start && text[toks[i].End:toks[i+1].Start] == "-" {
		return false
	}
	w := toks[i-1].Norm
	switch w {
	case "to", "must", "will", "shall", "should", "can", "cannot", "would", "could", "may", "might",
		"we", "i", "they", "you", "not", "also", "further", "continue", "continues", "are", "is", "am",
		"be", "been", "help", "helps", "helping", "and", "or", "jointly", "together":
		return true
	}
	return strings.HasSuffix(w, "ly")
}

// genericCyber reports whether mn names a cyber entity by a lower-case
// alias that says nothing of cyber ("legally binding instrument").
func (m *Matcher) genericCyber(toks []Token, mn Mention) bool {
	if mn.Kind != MentionEntity || mn.Entity.Topic != "cyber" || !m.lowerAlias(toks, mn) {
		return false
	}
	for _, w := range strings.Fields(mn.Phrase) {
		switch w {
		case "ict", "icts", "cyber", "cyberspace", "digital", "internet", "information", "online", "computer", "data":
			return false
		}
		if strings.HasPrefix(w, "cyber") {
			return false
		}
	}
	return true
}

// cyberNear reports whether a cyber entity is named by words that say so
// (not generic) within 80 tokens of ms[k].
func cyberNear(ms []Mention, generic []bool, k int) bool {
	for j, n := range ms {
		if j == k || generic[j] || n.Kind != MentionEntity || n.Entity.Topic != "cyber" || n.Tok > ms[k].Tok+80 || n.TokEnd < ms[k].Tok-80 {
			continue
		}
		return true
	}
	return false
}
