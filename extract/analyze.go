package extract

import (
	"strconv"
	"strings"

	"github.com/stancegraph/stancegraph/data"
)

// An Analyzer prepares statements for the extractors: it tokenizes the
// text, splits sentences, finds mentions and reads metadata, in that
// order. It is built once from the gazetteers and is safe for concurrent
// use.
type Analyzer struct {
	g        *data.Gazetteers
	matcher  *Matcher
	codes    map[string]*data.Entity   // ISO2/ISO3 (upper case) -> state; "EU" -> EU
	sessions map[string][]*data.Entity // forum id -> its sessions
}

// NewAnalyzer builds an analyzer over g.
func NewAnalyzer(g *data.Gazetteers) *Analyzer {
	a := &Analyzer{g: g, matcher: NewMatcher(g), codes: map[string]*data.Entity{}, sessions: map[string][]*data.Entity{}}
	for _, e := range g.Entities {
		if e.ISO3 != "" {
			a.codes[strings.ToUpper(e.ISO3)] = e
		}
		if e.ISO2 != "" {
			a.codes[strings.ToUpper(e.ISO2)] = e
		}
		if e.Kind == data.KindSession && e.PartOf != "" {
			a.sessions[e.PartOf] = append(a.sessions[e.PartOf], e)
		}
	}
	if eu := a.actorByName("European Union"); eu != nil {
		a.codes["EU"] = eu
	}
	return a
}

// Matcher returns the analyzer's matcher.
func (a *Analyzer) Matcher() *Matcher { return a.matcher }

// Analyze fills st's Tokens, Sentences, Mentions and Meta from st.Text,
// st.Path, st.Given and st.Turn. It never fails: what cannot be read is
// left empty.
func (a *Analyzer) Analyze(st *Statement) {
	st.Tokens = Tokenize(st.Text)
	st.Sentences = Sentences(st.Text)
	st.Mentions = a.matcher.Find(st.Text, st.Tokens)
	st.Meta = Metadata{}
	a.readMetadata(st)
}

func (a *Analyzer) byCode(code string) *data.Entity { return a.codes[strings.ToUpper(code)] }

// entityByName resolves a name to an entity of one of kinds: a code, a
// label or an alias matched over the whole name.
func (a *Analyzer) entityByName(name string, kinds ...data.Kind) *data.Entity {
	name = strings.TrimSpace(name)
	if e := a.codes[strings.ToUpper(name)]; e != nil && len(name) <= 3 {
		return e
	}
	toks := Tokenize(name)
	// Leading "the" is not part of most aliases.
	if len(toks) > 1 && toks[0].Norm == "the" {
		toks = toks[1:]
	}
	n := a.matcher.root
	for _, t := range toks {
		if n = n.next[t.Norm]; n == nil {
			return nil
		}
	}
	for _, v := range n.vals {
		if v.entity == nil || (v.kind != MentionEntity && v.kind != MentionDemonym) {
			continue
		}
		for _, k := range kinds {
			if v.entity.Kind == k {
				return v.entity
			}
		}
	}
	return nil
}

func (a *Analyzer) actorByName(name string) *data.Entity {
	return a.entityByName(name, data.KindState, data.KindGroup, data.KindOrganization)
}

func (a *Analyzer) forumByName(name string) *data.Entity {
	return a.entityByName(name, data.KindForum)
}

// LookupActor resolves a name, alias or ISO code to a state, group or
// organisation.
func (a *Analyzer) LookupActor(name string) *data.Entity { return a.actorByName(name) }

// Lookup resolves a name, alias or code to an entity of any kind.
func (a *Analyzer) Lookup(name string) *data.Entity {
	return a.entityByName(name, data.KindState, data.KindGroup, data.KindOrganization,
		data.KindForum, data.KindSession, data.KindProposal, data.KindTopic)
}

var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}

// sessionNumber returns the number in a session name ("first substantive
// session" -> 1, "UNGA 76" -> 76, "76th session" -> 76), or 0.
func sessionNumber(name string) int {
	toks := Tokenize(name)
	for _, t := range toks {
		if n, ok := ordinals[t.Norm]; ok {
			return n
		}
	}
	// The last number: "OEWG 2021-2025 session 3" -> 3.
	num := 0
	for _, t := range toks {
		w := strings.TrimRight(t.Norm, "stndrh")
		if n, err := strconv.Atoi(w); err == nil && w != "" {
			num = n
		}
	}
	return num
}

// findSession finds the session of forum named by name: one whose label
// or alias equals the name, or failing that one carrying the same number
// and the same kind word ("substantive", "organizational").
func (a *Analyzer) findSession(forum *data.Entity, name, year string) *data.Entity {
	cands := a.sessions[forum.ID()]
	want := NormPhrase(name)
	for _, s := range cands {
		for _, al := range append([]string{s.Label}, s.Aliases...) {
			if NormPhrase(al) == want {
				return s
			}
		}
	}
	n := sessionNumber(name)
	if n == 0 {
		return nil
	}
	kind := ""
	for _, k := range []string{"substantive", "organizational", "organisational", "special"} {
		if strings.Contains(want, k) {
			kind = k
		}
	}
	for _, s := range cands {
		for _, al := range append([]string{s.Label}, s.Aliases...) {
			if sessionNumber(al) == n && (kind == "" || strings.Contains(NormPhrase(al), kind)) {
				return s
			}
		}
	}
	return nil
}
