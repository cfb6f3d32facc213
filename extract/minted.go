package extract

import (
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/schema"
)

// proposalHeads end the names of proposals: "the X Initiative".
var proposalHeads = map[string]bool{
	"initiative": true, "proposal": true, "plan": true, "agenda": true, "declaration": true,
	"compact": true, "convention": true, "treaty": true, "strategy": true, "framework": true,
	"pact": true, "programme": true, "program": true, "accord": true, "agreement": true,
	"protocol": true, "roadmap": true, "partnership": true, "mechanism": true, "alliance": true,
	"charter": true, "coalition": true, "week": true, "decade": true,
}

var regionWords = wordSet("south", "north", "east", "west", "world")

// nameOpeners may stand before a capitalised proposal name: "the Bridgetown
// Initiative", "China's Global Development Initiative", "an International
// Decade for Action".
var nameOpeners = wordSet("the", "'s", "our", "an", "a")

var nameGlue = map[string]bool{"of": true, "on": true, "for": true, "the": true, "and": true, "to": true, "in": true}

// namedProposals returns mentions of proposals that the text marks as
// named but the gazetteer lacks: a quoted or capitalised phrase after
// "so-called", or a capitalised name ending in a head noun such as
// Initiative or Declaration ("the Bridgetown Initiative").
func (x *StanceExtractor) namedProposals(s *sentence) []Mention {
	toks := s.st.Tokens
	covered := func(i int) bool {
		for _, m := range s.mentions {
			if i >= m.Tok && i < m.TokEnd {
				return true
			}
		}
		return false
	}
	var out []Mention
	for i := s.t0; i < s.t1; i++ {
		// "resolution 2378 (2017)", "General Assembly resolution 76/262"
		// that the gazetteer lacks: a resolution by its symbol.
		if toks[i].Norm == "resolution" && !covered(i) {
			if m, ok := s.resolution(i); ok {
				out = append(out, m)
				i = m.TokEnd - 1
				continue
			}
		}
		// "so called" + quoted phrase or capitalised words.
		if toks[i].Norm == "so" && i+1 < s.t1 && toks[i+1].Norm == "called" {
			j := i + 2
			if j < s.t1 && covered(j) || j+1 < s.t1 && toks[j].Norm == "\"" && covered(j+1) {
				continue
			}
			var lo, hi int
			if j < s.t1 && toks[j].Norm == "\"" {
				lo = j + 1
				hi = lo
				for hi < s.t1 && toks[hi].Norm != "\"" && hi-lo < 12 {
					hi++
				}
				if hi >= s.t1 || toks[hi].Norm != "\"" {
					continue
				}
			} else {
				lo, hi = j, j
				for hi < s.t1 && (toks[hi].Upper || nameGlue[toks[hi].Norm] && hi > lo) && hi-lo < 10 {
					hi++
				}
				for hi > lo && nameGlue[toks[hi-1].Norm] {
					hi--
				}
			}
			// "the so-called Global South" names a region, not a
			// proposal.
			if hi > lo && !regionWords[toks[hi-1].Norm] {
				out = append(out, s.mint(lo, hi))
				i = hi
			}
			continue
		}
		// Capitalised name ending in a head noun.
		if !toks[i].Upper || covered(i) || i == s.t0 && !proposalHeads[toks[i].Norm] {
			continue
		}
		j := i
		for j < s.t1 && !covered(j) && (toks[j].Upper || nameGlue[toks[j].Norm] && j > i) && j-i < 10 {
			j++
		}
		// The whole capitalised name ("the Global Initiative on Data
		// Security"), provided it holds a head noun.
		k := j
		for k > i && nameGlue[toks[k-1].Norm] {
			k--
		}
		head := false
		for h := i; h < k; h++ {
			head = head || proposalHeads[toks[h].Norm] && toks[h].Upper
		}
		// National plans and strategies are not multilateral proposals.
		national := toks[i].Norm == "national"
		if head && !national && k-i >= 2 && (i == s.t0 || nameOpeners[toks[i-1].Norm]) {
			out = append(out, s.mint(i, k))
		}
		if j > i {
			i = j - 1
		}
	}
	return out
}

// mint makes a proposal entity from the words toks[lo:hi].
func (s *sentence) mint(lo, hi int) Mention {
	toks := s.st.Tokens
	label := s.st.Text[toks[lo].Start:toks[hi-1].End]
	return s.mintAs(strings.Join(strings.Fields(label), " "), schema.Proposal, lo, hi)
}

// mintAs makes a proposal entity of class with label, named by the words
// toks[lo:hi].
func (s *sentence) mintAs(label string, class quad.IRI, lo, hi int) Mention {
	toks := s.st.Tokens
	e := &data.Entity{
		Kind:   data.KindProposal,
		Key:    schema.Slug(label),
		Label:  label,
		Class:  string(class),
		Source: "text",
	}
	return Mention{Kind: MentionEntity, Entity: e, Tok: lo, TokEnd: hi,
		Start: toks[lo].Start, End: toks[hi-1].End, Phrase: joinNorm(toks[lo:hi]), Minted: true}
}

// resolution reads a resolution symbol after the word "resolution" at
// token i and mints it with a canonical label: "resolution 2378 (2017)"
// is the Security Council's (its numbers run on, with the year), "76/262"
// and "ES-11/1" the General Assembly's (session/number), unless the words
// before name the Human Rights Council or another body.
func (s *sentence) resolution(i int) (Mention, bool) {
	toks := s.st.Tokens
	body, lo := "", i
	switch {
	case i-2 >= s.t0 && toks[i-2].Norm == "security" && toks[i-1].Norm == "council":
		body, lo = "Security Council", i-2
	case i-2 >= s.t0 && toks[i-2].Norm == "general" && toks[i-1].Norm == "assembly":
		body, lo = "General Assembly", i-2
	case i-3 >= s.t0 && toks[i-3].Norm == "human" && toks[i-2].Norm == "rights" && toks[i-1].Norm == "council":
		body, lo = "Human Rights Council", i-3
	case i-1 >= s.t0 && (toks[i-1].Norm == "council" || toks[i-1].Norm == "assembly" || toks[i-1].Norm == "'s"):
		return Mention{}, false // another body's, or "the Council's resolution"
	}
	j := i + 1
	at := func(k int) string {
		if k < s.t1 {
			return toks[k].Norm
		}
		return ""
	}
	var symbol string
	end := 0
	switch {
	case isNumber(at(j), 4) && at(j+1) == "(" && isNumber(at(j+2), 4) && len(at(j+2)) == 4 && at(j+3) == ")":
		if body == "" {
			body = "Security Council"
		}
		if body != "Security Council" {
			return Mention{}, false
		}
		symbol, end = at(j)+" ("+at(j+2)+")", j+4
	case isSessionSymbol(at(j)):
		if body == "" {
			body = "General Assembly"
		}
		if body == "Security Council" {
			return Mention{}, false
		}
		symbol, end = at(j), j+1
	case at(j) == "es" && isSessionSymbol(at(j+1)):
		if body == "" {
			body = "General Assembly"
		}
		if body != "General Assembly" {
			return Mention{}, false
		}
		symbol, end = "ES-"+at(j+1), j+2
	default:
		return Mention{}, false
	}
	return s.mintAs(body+" resolution "+symbol, schema.Resolution, lo, end), true
}

// isNumber reports whether w is 1 to max digits.
func isNumber(w string, max int) bool {
	if w == "" || len(w) > max {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isSessionSymbol reports whether w is "session/number": "76/262", "11/1".
func isSessionSymbol(w string) bool {
	a, b, ok := strings.Cut(w, "/")
	return ok && isNumber(a, 2) && isNumber(b, 3)
}
