package extract

import (
	"strings"

	"github.com/stancegraph/stancegraph/data"
)

// The gazetteers name some issues both in general and for one country:
// "territorial integrity" and "territorial integrity of Ukraine",
// "humanitarian assistance" and "humanitarian assistance to
// Afghanistan". A speech often splits the specific name ("the
// sovereignty, territorial integrity and independence of Ukraine and
// Georgia", "humanitarian assistance to a destitute Afghan population"),
// and the analyst wants the specific entity. specifics maps a general
// entity and a state to the specific one; it is derived from the names:
// a name "<general name> <preposition> [the] <state>" of one entity,
// where the general name is another entity's.
type specificKey struct {
	general, state *data.Entity
}

// specificPreps link a general name to the state it is about.
var specificPreps = map[string]bool{"in": true, "of": true, "to": true, "for": true, "on": true, "against": true}

// deriveSpecifics finds the specific entities among the topics and
// proposals of entities; names[i] are entities[i]'s normalised names, and
// byName maps a normalised name to the entity the matcher gives it.
func deriveSpecifics(entities []*data.Entity, names [][]string, byName map[string]*data.Entity) map[specificKey]*data.Entity {
	out := map[specificKey]*data.Entity{}
	for ei, e := range entities {
		if e.Kind != data.KindTopic && e.Kind != data.KindProposal {
			continue
		}
		for _, n := range names[ei] {
			words := strings.Split(n, " ")
			for i := 1; i+1 < len(words); i++ {
				if !specificPreps[words[i]] {
					continue
				}
				rest := words[i+1:]
				if rest[0] == "the" {
					rest = rest[1:]
				}
				st := byName[strings.Join(rest, " ")]
				gen := byName[strings.Join(words[:i], " ")]
				if st == nil || st.Kind != data.KindState || gen == nil || gen == e ||
					(gen.Kind != data.KindTopic && gen.Kind != data.KindProposal) {
					continue
				}
				k := specificKey{gen, st}
				if _, dup := out[k]; !dup {
					out[k] = e
				}
			}
		}
	}
	return out
}

// specialise replaces a general mention followed closely by the states
// it is about ("of Ukraine and Georgia", "to a destitute Afghan
// population") with the specific entity for each state, when the
// gazetteers have one for every state named.
func (m *Matcher) specialise(toks []Token, ms []Mention) []Mention {
	if len(m.specifics) == 0 {
		return ms
	}
	var out []Mention // nil until a mention changes
	for i, g := range ms {
		specific := m.specificOf(toks, ms, i)
		if specific == nil {
			if out != nil {
				out = append(out, g)
			}
			continue
		}
		if out == nil {
			out = append(make([]Mention, 0, len(ms)+len(specific)), ms[:i]...)
		}
		for _, e := range specific {
			g.Entity = e
			out = append(out, g)
		}
	}
	if out == nil {
		return ms
	}
	return out
}

// specificOf returns the specific entities for mention ms[i], one per
// state it is about, or nil when it is no general mention, names no
// state, or a state has no specific entity.
func (m *Matcher) specificOf(toks []Token, ms []Mention, i int) []*data.Entity {
	g := ms[i]
	if g.Kind != MentionEntity || !m.general[g.Entity] {
		return nil
	}
	states := statesAfter(toks, ms[i+1:], g.TokEnd)
	if len(states) == 0 {
		if s := theCountry(toks, ms[:i], g); s != nil {
			states = []*data.Entity{s}
		} else if s := sentenceState(toks, ms, i); s != nil {
			states = []*data.Entity{s}
		}
	}
	var specific []*data.Entity
	for _, s := range states {
		e := m.specifics[specificKey{g.Entity, s}]
		if e == nil {
			return nil
		}
		specific = append(specific, e)
	}
	return specific
}

// theCountry resolves "in the country" right after a general name g to
// the state named last before it in the same sentence: "Turning to
// Myanmar, we strongly condemn the military coup in the country".
func theCountry(toks []Token, before []Mention, g Mention) *data.Entity {
	e := g.TokEnd
	if e+2 >= len(toks) || !specificPreps[toks[e].Norm] || toks[e+1].Norm != "the" || toks[e+2].Norm != "country" {
		return nil
	}
	for k := len(before) - 1; k >= 0; k-- {
		m := before[k]
		if g.Tok-m.TokEnd > 30 {
			return nil
		}
		for _, t := range toks[m.TokEnd:g.Tok] {
			if t.Norm == "." || t.Norm == "?" || t.Norm == "!" {
				return nil
			}
		}
		if (m.Kind == MentionEntity || m.Kind == MentionDemonym) && m.Entity.Kind == data.KindState {
			return m.Entity
		}
	}
	return nil
}

// sentenceState returns the state a general mention ms[i] with no place
// of its own is about when its sentence names just one state, as the
// object of a preposition, before it: "My country deplores the situation
// in Lebanon and calls for an immediate cessation of hostilities". A
// state that is a subject ("Lebanon calls for a ceasefire") may be
// speaking of another place, and a general name followed by a
// preposition has a place of its own, or a purpose, that is no state.
func sentenceState(toks []Token, ms []Mention, i int) *data.Entity {
	g := ms[i]
	if g.TokEnd < len(toks) && specificPreps[toks[g.TokEnd].Norm] {
		return nil
	}
	first := sentenceStart(toks, g.Tok)
	last := sentenceEnd(toks, g.TokEnd)
	var state *data.Entity
	at := -1
	for _, m := range ms {
		if m.Tok < first || m.Tok >= last || (m.Kind != MentionEntity && m.Kind != MentionDemonym) || m.Entity.Kind != data.KindState {
			continue
		}
		if state != nil && m.Entity != state {
			return nil // two states: which one?
		}
		state, at = m.Entity, m.Tok
	}
	if state == nil || at > g.Tok || !inPrepPhrase(toks, at, first) {
		return nil
	}
	return state
}

// sentenceStart returns the first token of the sentence holding token i,
// sentenceEnd the token after the sentence holding token i (the end
// mark's position or len(toks)).
func sentenceStart(toks []Token, i int) int {
	for i > 0 && !endsSentence(toks[i-1].Norm) {
		i--
	}
	return i
}

func sentenceEnd(toks []Token, i int) int {
	for i < len(toks) && !endsSentence(toks[i].Norm) {
		i++
	}
	return i
}

func endsSentence(n string) bool { return n == "." || n == "?" || n == "!" || n == ";" }

// statesAfter returns the states named right after a general name ending
// at token end: at most two words, a preposition, at most three other
// words ("the", "destitute"), then state names or demonyms joined by
// commas and "and".
func statesAfter(toks []Token, next []Mention, end int) []*data.Entity {
	// The preposition may follow a word or two: "the reconciliation
	// process under way in South Sudan".
	prep := end
	for prep < len(toks) && prep < end+3 && toks[prep].Word && !specificPreps[toks[prep].Norm] {
		prep++
	}
	if prep >= len(toks) || !specificPreps[toks[prep].Norm] || len(next) == 0 {
		return nil
	}
	first := next[0]
	if first.Tok <= prep || first.Tok-prep-1 > 3 {
		return nil
	}
	for _, t := range toks[end:first.Tok] {
		if !t.Word {
			return nil
		}
	}
	var out []*data.Entity
	at := first.Tok
	for _, m := range next {
		if m.Tok != at || (m.Kind != MentionEntity && m.Kind != MentionDemonym) || m.Entity.Kind != data.KindState {
			break
		}
		out = append(out, m.Entity)
		at = m.TokEnd
		if at < len(toks) && toks[at].Norm == "," {
			at++
		}
		if at < len(toks) && toks[at].Norm == "and" {
			at++
		}
	}
	return out
}
