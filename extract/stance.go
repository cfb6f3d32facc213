package extract

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/schema"
)

// Modalities of a claim.
const (
	ModAsserted    = "asserted"
	ModHedged      = "hedged"
	ModConditional = "conditional"
	ModReported    = "reported"
)

// An ActorRef is who takes a stance: a gazetteer entity, an unnamed actor
// phrase ("some countries"), or the statement's speaker.
type ActorRef struct {
	Entity  *data.Entity
	Unnamed string // normalised phrase, for unnamed actors
}

// A Stance is one stance found in a statement, before it becomes quads.
type Stance struct {
	Actor      ActorRef
	Pred       quad.IRI
	Target     *data.Entity
	Minted     bool // the target was named in the text but is not in the gazetteer
	Sentence   Span
	Cue        string // the cue as written
	Class      string // finer cue class
	Modality   string
	Confidence float64
}

// stanceRules holds the compiled cue lexicon and trigger lists.
type stanceRules struct {
	cues       []data.Cue
	cueSet     *phraseSet
	negation   *phraseSet
	pseudo     *phraseSet
	terminator *phraseSet
	hedge      *phraseSet
	condition  *phraseSet
	historical *phraseSet
	inverter   *phraseSet
}

func compileRules(g *data.Gazetteers) *stanceRules {
	r := &stanceRules{cues: g.Cues, cueSet: newPhraseSet()}
	for i, c := range g.Cues {
		r.cueSet.add(c.Phrase, i)
	}
	set := func(kind string) *phraseSet {
		p := newPhraseSet()
		for _, t := range g.Triggers[kind] {
			p.add(t, 0)
		}
		return p
	}
	r.negation, r.pseudo, r.terminator = set("negation"), set("pseudo"), set("terminator")
	r.hedge, r.condition, r.historical = set("hedge"), set("conditional"), set("historical")
	r.inverter = set("inverter")
	return r
}

type cueHit struct {
	cue        *data.Cue
	start, end int // token indexes
}

// topicCueWeight is the least cue weight that makes a broad topic a
// stance target.
const topicCueWeight = 0.75

// noActorSubject marks a clause whose subject is a forum ("the Council
// decided") or another thing that is no actor ("resolutions, which call
// for"): its cues are no delegation's stance.
const noActorSubject = "\x00forum"

// evaluative cues state the speaker's own judgement whoever the grammatical
// subject is: "the so-called X", "X is nothing but", "X endangers peace".
func evaluative(c *data.Cue) bool {
	switch c.Class {
	case "so-called", "nothing-but", "evaluation", "threat", "advocacy":
		return true
	}
	return c.Role == "subject"
}

func isActorEntity(e *data.Entity) bool {
	return e != nil && (e.Kind == data.KindState || e.Kind == data.KindGroup || e.Kind == data.KindOrganization)
}

func isTargetEntity(e *data.Entity) bool {
	return e != nil && (e.Kind == data.KindProposal || e.Kind == data.KindTopic || e.Kind == data.KindOrganization)
}

// findStances applies the rules to every sentence of st.
func (x *StanceExtractor) findStances(st *Statement) []Stance {
	speaker := st.Meta.Actor()
	var out []Stance
	mi := 0
	ti := 0
	var prevTarget *Mention // the first target named in the previous sentence
	var prevAny *Mention    // the same, organisations included
	var prevSpan Span
	for _, s := range st.Sentences {
		for ti < len(st.Tokens) && st.Tokens[ti].Start < s.Start {
			ti++
		}
		tj := ti
		for tj < len(st.Tokens) && st.Tokens[tj].End <= s.End {
			tj++
		}
		for mi < len(st.Mentions) && st.Mentions[mi].Start < s.Start {
			mi++
		}
		mj := mi
		for mj < len(st.Mentions) && st.Mentions[mj].End <= s.End {
			mj++
		}
		sent := sentence{st: st, span: s, t0: ti, t1: tj, mentions: st.Mentions[mi:mj], prev: prevTarget, prevAny: prevAny, prevSpan: prevSpan}
		if minted := x.namedProposals(&sent); len(minted) > 0 {
			ms := append(append([]Mention(nil), sent.mentions...), minted...)
			sort.Slice(ms, func(i, j int) bool { return ms[i].Tok < ms[j].Tok })
			sent.mentions = ms
		}
		out = append(out, x.sentenceStances(&sent, speaker)...)
		// "it" in the next sentence most often takes up the topic of this
		// one: its first target.
		prevTarget, prevAny, prevSpan = nil, nil, s
		for k := range sent.mentions {
			if m := sent.mentions[k]; m.Kind == MentionEntity && isTargetEntity(m.Entity) && prevAny == nil {
				prevAny = &sent.mentions[k]
			}
			if m := sent.mentions[k]; m.Kind == MentionEntity && isTargetEntity(m.Entity) && m.Entity.Kind != data.KindOrganization {
				prevTarget = &sent.mentions[k]
				break
			}
		}
		ti, mi = tj, mj
	}
	return out
}

type sentence struct {
	st       *Statement
	span     Span
	t0, t1   int // token range
	mentions []Mention
	prev     *Mention // first target of the previous sentence, for "it"
	prevAny  *Mention // the same, organisations included, for "It is indispensable."
	prevSpan Span     // the previous sentence, for evidence that names what "it" is
}

func (x *StanceExtractor) sentenceStances(s *sentence, speaker *data.Entity) []Stance {
	toks := s.st.Tokens
	r := x.rules
	// Cues, leftmost-longest.
	var hits []cueHit
	inMention := make(map[int]bool)
	for _, m := range s.mentions {
		if m.Kind == MentionEntity {
			for k := m.Tok; k < m.TokEnd; k++ {
				inMention[k] = true
			}
		}
	}
	for i := s.t0; i < s.t1; {
		if v, end, ok := r.cueSet.longest(toks, i, s.t1); ok {
			// A cue inside a name ("support for terrorism", "Action for
			// Peacekeeping") is part of the name.
			if !inMention[i] && !inMention[end-1] && !idleCue(toks, s.t0, r.cues[v].Phrase, i, end) {
				hits = append(hits, cueHit{cue: &r.cues[v], start: i, end: end})
			}
			i = end
			continue
		}
		i++
	}
	var out []Stance
	add := func(st Stance) {
		for _, o := range out {
			if o.Actor == st.Actor && o.Pred == st.Pred && o.Target == st.Target {
				return
			}
		}
		out = append(out, st)
	}
	var prevActors []ActorRef // of the last cue with an active subject
	for h, hit := range hits {
		c := hit.cue
		if hit.end < s.t1 && toks[hit.end].Norm == "that" && (c.Phrase == "realize" || c.Phrase == "realise") {
			continue // "we need to realize that ...": to understand, not to achieve
		}
		if passiveJudgement(toks, s.t0, s.t1, hit) {
			// "Russia's incursion into Ukraine can only be condemned":
			// the speaker's judgement of the subject.
			c = &data.Cue{Phrase: c.Phrase, Stance: c.Stance, Class: "evaluation", Weight: c.Weight, Role: "subject"}
		}
		if h > 0 && modalBefore(toks, hits[h-1], hit) {
			// "we need to strengthen multilateralism": the modal makes
			// the weak verb advocacy, which may take a broad topic.
			c = &data.Cue{Phrase: c.Phrase, Stance: c.Stance, Class: c.Class, Weight: topicCueWeight, Role: c.Role}
		}
		cs, ce := x.clause(s, hit.start)
		if x.inRange(r.historical, toks, cs, hit.start) || pastYear(toks, cs, hit.start, s.st.Meta.Year) {
			continue
		}
		if givenSupport(toks, s.t0, hit) || inTitle(toks, s.t0, hit) {
			continue
		}
		if hit.end < s.t1 && toks[hit.end].Norm == "between" {
			continue // "memorandums signed between Turkey and ...": the parties, not an object
		}
		modality, conf := ModAsserted, c.Weight
		explicit := c.Weight >= 0.85
		if !explicit && toks[s.t1-1].Norm == "?" {
			continue // a rhetorical question is no stance but an explicit one
		}
		if x.negated(toks, cs, hit.start) {
			switch {
			case !explicit:
				// "has not implemented X", "fail to combat X": a
				// negated weak cue says nothing clear.
				continue
			case c.Stance == "supports":
				c = &data.Cue{Phrase: c.Phrase, Stance: "opposes", Class: "negated-" + c.Class, Weight: c.Weight * 0.9, Role: c.Role}
			default:
				continue
			}
			conf = c.Weight
		}
		if x.inRange(r.condition, toks, s.t0, hit.start) {
			modality, conf = ModConditional, conf*0.6
		} else if x.inRange(r.hedge, toks, maxInt(cs, hit.start-4), hit.start) {
			modality, conf = ModHedged, conf*0.75
		}
		// "proposed by X" is passive; "appalled by X", "stand by X" are not.
		passive := toks[hit.end-1].Norm == "by" && c.Stance == "proposes"
		// The subject before the cue, found once: for this cue's actors
		// below, and for a later cue that shares it ("... and is a
		// co-sponsor of").
		inherit := prevActors
		var subject []ActorRef
		haveSubject := !passive && !evaluative(c)
		if haveSubject {
			subject = s.actorsBefore(cs, hit.start, c.Stance == "aligns")
			if len(subject) > 0 && subject[0].Unnamed != noActorSubject {
				prevActors = subject
			}
		}
		// Scope of the targets.
		var targets []Mention
		lo, hi := hit.end, ce
		if h+1 < len(hits) && hits[h+1].start < hi && !evaluative(hits[h+1].cue) && !chained(toks, hit, hits[h+1]) {
			hi = hits[h+1].start
		}
		if hi > hit.end+30 && c.Stance != "aligns" {
			hi = hit.end + 30
		}
		before := func() []Mention {
			if hit.start > s.t0 && !passive && (toks[hit.start-1].Norm == "we" || toks[hit.start-1].Norm == "they" || toks[hit.start-1].Norm == "i" || toks[hit.start-1].Norm == "you") {
				// "a clear reminder that we must continue to fight": the
				// subject is the pronoun.
				return nil
			}
			lo := cs
			if h > 0 && hits[h-1].end > lo {
				lo = hits[h-1].end
			}
			if near := hit.start - 12; lo < near {
				// A long subject ("Allocating ... a non-permanent seat to
				// the Group of Eastern European States in a future
				// reformed Security Council remains a priority") may
				// start before the window; a proposal name that reaches
				// into it still counts. A passive cue's subject is the
				// name just before it, so it gets no such reach.
				start := near
				for _, m := range s.mentions {
					if !passive && m.Kind == MentionEntity && m.Entity.Kind == data.KindProposal && m.Tok >= lo && m.Tok < near && m.TokEnd > near && m.Tok < start {
						start = m.Tok
					}
				}
				lo = start
			}
			if passive {
				// "this resolution—jointly proposed by Gabon, Ghana and
				// Mozambique": the demonstrative names what went before.
				if m, ok := s.passiveAnaphor(hit.start); ok {
					return []Mention{m}
				}
				// "an international pact for the environment, which has
				// been proposed by France": the relative pronoun's.
				if m, ok := s.relativeObject(hit.start, true); ok {
					return []Mention{m}
				}
			}
			ts := s.targetsIn(lo, hit.start, c.Stance == "aligns")
			if !passive {
				// "the shortage of solutions for SIDS as the United Nations
				// celebrates its anniversary is alarming": a name in a
				// clause of its own is not the subject.
				ts = slices.DeleteFunc(ts, func(t Mention) bool { return subordinate(toks[maxInt(lo, t.Tok-4):t.Tok]) || asClause(toks, lo, t.Tok) })
			}
			if !passive && hit.start > lo && relativePronoun(toks[hit.start-1].Norm) {
				// "acts that violate their obligations": the subject is
				// the word the pronoun stands for, a name only when it
				// ends right there.
				ts = relativeHead(toks, ts, hit.start-1)
			}
			if len(ts) > 1 && !passive {
				// The subject nearest the cue, and the head it is
				// attached to by a preposition.
				if k := subjectHead(toks, ts); k < len(ts)-1 {
					ts = []Mention{ts[k], ts[len(ts)-1]}
				} else if c.Stance == "supports" {
					// "the Global Counter-Terrorism Strategy and the Plan
					// of Action to Prevent Violent Extremism remain
					// paramount": a listed subject is praised whole. (A
					// list of threats is description, not a stance.)
					ts = subjectList(toks, ts)
				} else {
					ts = ts[len(ts)-1:]
				}
			}
			return ts
		}
		after := func() []Mention {
			ts := s.targetsIn(lo, hi, c.Stance == "aligns")
			if c.Stance == "aligns" {
				return ts
			}
			reach := 10
			if c.Weight >= 0.85 {
				// An explicit cue ("supports", "condemns") governs a
				// longer object: "supports the idea of ... as contained
				// in the Programme of Action".
				reach = 22
			}
			// A call ("call on all parties to refrain from X and to
			// resume Y") governs each infinitive it introduces; a verb
			// of its own ("ways to combat X and to stimulate Y") does
			// not.
			coord := c.Stance == "supports" && c.Class == "calls-for"
			if c.Class == "so-called" {
				// "the so-called X": X follows at once ("other so-called
				// frozen conflicts in Abkhazia and Transnistria" doubts
				// the words, not the places).
				reach = 1
			}
			return firstChain(s.st.Tokens, ts, lo, reach, coord)
		}
		switch {
		case passive || c.Role == "subject":
			targets = before()
			if len(targets) == 0 && !passive {
				// "Without UNRWA, there is no healthcare. It is
				// indispensable.": the pronoun stands for the last
				// sentence's first target.
				if t, ok := s.pronounSubject(hit); ok {
					targets = []Mention{t}
					conf *= 0.85
				}
			}
		case c.Role == "either":
			targets = after()
			if len(targets) == 0 {
				targets = before()
			}
		default:
			// "resolution 2378 (2017), which we introduced": the
			// relative pronoun is the object, and its antecedent the
			// target, whatever follows the verb.
			// A modal cue ("the aspiration that we should strive for
			// X") heads no relative clause.
			if t, ok := s.relativeObject(hit.start, false); ok && c.Stance != "aligns" && c.Class != "advocacy" {
				targets = []Mention{t}
			} else {
				targets = after()
			}
		}
		if len(targets) == 0 && !passive && c.Role != "subject" && c.Stance != "aligns" {
			if t, ok := s.antecedent(hit.start, hit.end, hi); ok {
				targets = []Mention{t}
				conf *= 0.85
			}
		}
		if len(targets) == 0 && c.Stance == "aligns" && speaker != nil {
			// "X, Y and Z align themselves with this statement."
			targets = []Mention{{Kind: MentionEntity, Entity: speaker}}
		}
		if len(targets) == 0 || refusesClause(toks, hit) {
			continue
		}
		if c.Stance == "proposes" && thirdPersonSubject(toks, cs, hit.start) {
			continue // "the theme he has proposed": someone unnamed
		}
		// Actors.
		var actors []ActorRef
		switch {
		case passive:
			actors = s.actorsAfter(hit.end, ce)
		case evaluative(c) && c.Stance != "aligns":
			actors = nil // the speaker
		case haveSubject:
			actors = slices.Clone(subject) // resolved in place below; prevActors keeps the original
		default:
			actors = s.actorsBefore(cs, hit.start, c.Stance == "aligns")
		}
		if len(actors) > 0 && !passive && c.Stance != "aligns" && c.Stance != "proposes" && obliged(toks, maxInt(cs, hit.start-5), hit.start) && !speakerOnly(actors, speaker, s.st.Meta.Delegation) {
			// "Israel must end the occupation", "the UN must take a
			// firm stand against unilateral coercive measures": what
			// another must do is what the speaker asks for.
			actors = nil
		}
		if len(actors) == 0 && !passive && inherit != nil && coordinated(toks, cs, hit.start) {
			// "Bulgaria welcomes X and is a co-sponsor of Y": the
			// subject of the first verb is that of the second.
			actors = slices.Clone(inherit) // resolved in place below
		}
		if len(actors) == 0 && c.Class == "against" {
			continue // "this is against international law": a judgement of something, not someone's stance
		}
		if len(actors) == 0 {
			// A passive cue with no agent ("the proposed text"), a
			// proposal with no proposer named, and "the proponents of X"
			// are nobody's stance.
			if speaker == nil || passive || c.Stance == "proposes" || c.Class == "supporter" {
				continue
			}
			actors = []ActorRef{{Entity: speaker}}
			if !evaluative(c) {
				conf *= 0.9
			}
		}
		if len(actors) == 1 && actors[0].Unnamed == noActorSubject {
			if !evaluative(c) {
				continue
			}
			actors = nil
		}
		for i := range actors {
			if actors[i].Entity == nil && actors[i].Unnamed == "" {
				if c.Stance == "aligns" {
					actors[i].Entity = s.st.Meta.Delegation
				} else {
					actors[i].Entity = speaker
				}
			}
		}
		cue := s.st.Text[toks[hit.start].Start:toks[hit.end-1].End]
		for _, a := range actors {
			if a.Entity == nil && a.Unnamed == "" {
				continue
			}
			// Another's stance is reported; in "Portugal and the
			// European Union stand with ..." only the Union's is.
			mod, cf := modality, conf
			if a.Unnamed != "" || (a.Entity != speaker && a.Entity != s.st.Meta.Delegation) {
				mod, cf = ModReported, conf*0.8
			}
			for ti := 0; ti < len(targets); ti++ {
				t := targets[ti]
				if a.Entity != nil && a.Entity == t.Entity {
					continue
				}
				// "we will not allow the Paris Agreement to fail" refuses
				// its failure; "we cannot allow unilateralism to prevail"
				// refuses it. Another infinitive says what is refused, and
				// no edge is made.
				allowFail := false
				if v, ok := allowTo(toks, hit, t); ok {
					if ti+1 < len(targets) {
						// What follows the infinitive is its object:
						// "unilateralism to prevail over multilateralism".
						targets = targets[:ti+1]
					}
					switch {
					case allowPrevails[v]:
					case allowFails[v] && c.Stance == "opposes":
						allowFail = true
					default:
						continue
					}
				}
				if anachronism(t.Entity, s.st.Meta.Year) {
					// "Goal 4, reducing child mortality" in 2010 is a
					// Millennium goal: SDG 4 was adopted in 2015.
					continue
				}
				if c.Class == "endorses" && toks[hit.end-1].Norm == "with" && isActorEntity(t.Entity) && !exampleOf(toks, hit.end, t.Tok) {
					// "we agree with the United Nations Secretary-General
					// that ...": whom one agrees with is no object of
					// support; what one agrees to is.
					continue
				}
				span := s.span
				if t.TokEnd > 0 && t.Tok < s.t0 {
					// "It" stood for a name in the sentence before: the
					// evidence shows both.
					span.Start = s.prevSpan.Start
				}
				base := Stance{Actor: a, Target: t.Entity, Minted: t.Minted, Sentence: span,
					Cue: cue, Class: c.Class, Modality: mod, Confidence: clamp01(cf)}
				stance := c.Stance
				if stance == "proposes" && t.Tok > hit.end && domainOf(toks, hit.end, t.Tok) {
					// "ideas for reform of the Security Council", "the
					// process required under UNCLOS": what is proposed is
					// for it or under it, so it is supported, not proposed.
					stance = "supports"
				}
				if allowFail {
					stance, base.Class = "supports", "inverted-"+c.Class
				}
				// "concerned about the withdrawal from X": against the
				// withdrawal, so for X.
				invLo := maxInt(hit.end, t.Tok-3)
				if t.Tok < hit.start {
					// "disrespect for the Charter and international law
					// ... threatens": the inverter governs the list.
					invLo = maxInt(cs, t.Tok-6)
				} else if ti > 0 && targets[ti-1].Tok > hit.end && targets[ti-1].Tok < t.Tok && exampleOf(toks, targets[ti-1].TokEnd, t.Tok) {
					// "a violation of international law, including the UN
					// Charter": the example is violated as its head is.
					invLo = maxInt(hit.end, targets[ti-1].Tok-3)
				}
				if x.inRange(r.inverter, toks, invLo, t.Tok) || withdrawalFrom(toks, maxInt(hit.end, t.Tok-9), t.Tok) || lackOfProgress(toks, maxInt(hit.end, t.Tok-6), t.Tok) ||
					c.Stance == "opposes" && !t.Entity.Harm() && t.Tok > hit.end && (s.againstPrinciple(maxInt(hit.end, t.Tok-8), t.Tok) || violated(toks, maxInt(hit.end, t.Tok-3), t.Tok)) {
					switch stance {
					case "supports":
						stance, base.Class = "opposes", "inverted-"+c.Class
					case "opposes":
						stance, base.Class = "supports", "inverted-"+c.Class
					default:
						continue
					}
				}
				// Nobody supports a harm: "we must tackle terrorism".
				if stance == "supports" && (t.Entity.Harm() || t.Entity.Valence == data.ValenceConsensus) {
					// Nor does supporting what all profess (the United
					// Nations, at the United Nations) set anyone apart.
					continue
				}
				// Nor does anyone take a side on a hazard: "we must combat
				// poverty" states a goal all share, no position a
				// delegation holds against others.
				if stance == "opposes" && t.Entity.Valence == data.ValenceHazard {
					continue
				}
				// A threat cue makes only a harm someone authors its
				// target: "Climate change threatens life on our planet"
				// describes a threat, and in "save succeeding generations
				// from the scourge of war, as the Charter says" the
				// Charter is no threat.
				if c.Class == "threat" && t.Entity.Valence != data.ValenceNegative &&
					!(t.Entity.Kind == data.KindProposal && wouldBefore(toks, cs, hit.start)) {
					// A proposal said to be a threat if adopted ("adding
					// permanent members would erode its credibility") is
					// opposed.
					continue
				}
				// "so-called" doubts a proposal, a norm or a harm's name
				// ("the so-called Islamic State"); "the so-called Global
				// South" is only a manner of speaking.
				if c.Class == "so-called" && t.Entity.Kind != data.KindProposal && t.Entity.Class != string(schema.Norm) && !t.Entity.Harm() {
					continue
				}
				// "fight", "combat", "eradicate" take a harm: "tackling any of
				// the Sustainable Development Goals" is work towards them.
				if (c.Class == "fights" || c.Class == "calls-for-end") && stance == "opposes" && !t.Entity.Harm() && t.Entity.Opposite == nil {
					continue
				}
				// A broad topic (democracy, human rights) is a stance
				// target only after an explicit cue: "based on human
				// rights" or "we should promote democracy" in passing
				// says little about a position. A harm may be opposed
				// with any cue ("weapons endangering peace").
				if t.Entity.Class == string(schema.Topic) && c.Weight < topicCueWeight && stance != "aligns" &&
					!(stance == "opposes" && t.Entity.Harm()) &&
					!(c.Class == "evaluation" && c.Role == "subject") {
					continue
				}
				if stance == "opposes" && t.Entity.Opposite != nil {
					// "refrain from the use of force" upholds the
					// prohibition of it: one node gathers both ways of
					// saying so.
					if o, _, ok := opposed(t.Entity, s.st.Meta.Year); ok {
						stance, base.Target, base.Minted = "supports", o, false
					}
				}
				switch stance {
				case "supports":
					base.Pred = schema.Supports
				case "opposes":
					base.Pred = schema.Opposes
				case "aligns":
					if !isActorEntity(t.Entity) || a.Unnamed != "" {
						continue
					}
					base.Pred = schema.AlignsWith
				case "proposes":
					if t.Entity.Kind != data.KindProposal {
						continue
					}
					base.Pred = schema.Proposes
					add(base)
					base.Pred = schema.Supports
				default:
					continue
				}
				add(base)
			}
		}
	}
	x.possessiveProposals(s, speaker, add)
	x.illegalNames(s, speaker, add)
	x.withoutHarms(s, speaker, add)
	x.framedHarms(s, speaker, add)
	return out
}

// opposed returns the edge that opposing harm e makes in a statement of
// year: opposes e, or supports the principle that is its opposite; false
// when that target did not exist yet.
func opposed(e *data.Entity, year string) (*data.Entity, quad.IRI, bool) {
	target, pred := e, schema.Opposes
	if o := e.Opposite; o != nil {
		target, pred = o, schema.Supports
	}
	return target, pred, !anachronism(target, year)
}

// hasPrefixFold reports whether s begins with prefix, ignoring case,
// without allocating: these checks run for every mention of every
// sentence.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// hasUpper reports whether s holds an upper-case letter: a label that
// names a case ("annexation of Crimea") rather than a notion.
func hasUpper(s string) bool {
	return strings.IndexFunc(s, unicode.IsUpper) >= 0
}

// framingWords are words by which a speaker condemns what it names:
// "the ongoing military aggression in eastern Ukraine", "the Crimean
// peninsula remains occupied", "the blockade" (where others say
// "embargo").
var framingWords = map[string]bool{"aggression": true, "occupation": true, "occupied": true, "annexation": true,
	"annexed": true, "invasion": true, "blockade": true}

// framedHarms finds a harm the speaker names in condemning words, with no
// cue: that choice of words is the stance (lower confidence).
func (x *StanceExtractor) framedHarms(s *sentence, speaker *data.Entity, add func(Stance)) {
	if speaker == nil {
		return
	}
	toks := s.st.Tokens
	for _, m := range s.mentions {
		if m.Kind != MentionEntity || m.Entity.Valence != data.ValenceNegative || m.Minted {
			continue
		}
		// Only a named case counts ("the annexation of Crimea"), not the
		// general notion a speech discusses ("foreign occupation").
		if !hasUpper(m.Entity.Label) {
			continue
		}
		framed := false
		for k := m.Tok; k < m.TokEnd && !framed; k++ {
			framed = framingWords[toks[k].Norm]
		}
		if !framed {
			continue
		}
		cs, _ := x.clause(s, m.Tok)
		if x.inRange(x.rules.historical, toks, cs, m.Tok) || pastYear(toks, cs, m.Tok, s.st.Meta.Year) || toks[s.t1-1].Norm == "?" {
			continue
		}
		target, pred, ok := opposed(m.Entity, s.st.Meta.Year)
		if !ok {
			continue
		}
		add(Stance{Actor: ActorRef{Entity: speaker}, Pred: pred, Target: target, Sentence: s.span,
			Cue: s.st.Text[m.Start:m.End], Class: "framing", Modality: ModAsserted, Confidence: 0.6})
	}
}

// withoutHarms finds the principle a speaker upholds by naming its
// breach as what must be absent: "addressed by the countries of the
// region without interference from external Powers", "free from the
// threat or use of force". Only a harm with an opposite counts: "without
// poverty" upholds nothing named.
func (x *StanceExtractor) withoutHarms(s *sentence, speaker *data.Entity, add func(Stance)) {
	if speaker == nil {
		return
	}
	toks := s.st.Tokens
	for _, m := range s.mentions {
		if m.Kind != MentionEntity || m.Entity.Opposite == nil {
			continue
		}
		principle, _, ok := opposed(m.Entity, s.st.Meta.Year)
		if !ok {
			continue
		}
		k := m.Tok - 1
		for k > s.t0 && (toks[k].Norm == "the" || toks[k].Norm == "any" || toks[k].Norm == "all") {
			k--
		}
		if k < s.t0 {
			continue
		}
		at := -1
		switch {
		case toks[k].Norm == "without":
			at = k
		case k > s.t0 && toks[k-1].Norm == "free" && (toks[k].Norm == "from" || toks[k].Norm == "of"):
			at = k - 1
		}
		if at < 0 {
			continue
		}
		cs, _ := x.clause(s, at)
		if x.negated(toks, cs, at) || x.inRange(x.rules.historical, toks, cs, at) {
			continue
		}
		add(Stance{Actor: ActorRef{Entity: speaker}, Pred: schema.Supports, Target: principle, Sentence: s.span,
			Cue: s.st.Text[toks[at].Start:toks[m.Tok-1].End], Class: "without", Modality: ModAsserted, Confidence: 0.7})
	}
}

// illegalWords qualify what they name as unlawful: "the illegal
// blockade", "illegally occupied Jammu and Kashmir".
var illegalWords = map[string]bool{"illegal": true, "illegally": true, "unlawful": true, "unlawfully": true, "illegitimate": true}

// illegalCompanions are the words that stand with "illegal" before a
// name: "the illegal, unjust and inhumane blockade".
var illegalCompanions = map[string]bool{"inhumane": true, "inhuman": true, "unjust": true, "unjustified": true, "immoral": true,
	"criminal": true, "brutal": true, "cruel": true, "unilateral": true, "arbitrary": true, "unfair": true, "coercive": true,
	"economic": true, "commercial": true, "financial": true, "military": true, "continued": true, "ongoing": true, "prolonged": true,
	"illegitimate": true, "unprovoked": true, "genocidal": true, "discriminatory": true, "extraterritorial": true}

// illegalQualifies lists the words that may follow "illegal" inside a
// name when it qualifies an act ("illegal occupation", "illegal
// unilateral coercive measures") rather than naming a crime ("illegal
// migration").
var illegalQualifies = map[string]bool{"occupation": true, "annexation": true, "blockade": true, "embargo": true, "sanctions": true,
	"settlements": true, "settlement": true, "siege": true, "wall": true, "invasion": true, "aggression": true, "war": true,
	"measures": true, "use": true, "withdrawal": true, "unilateral": true, "coercive": true, "economic": true, "military": true, "israeli": true}

// illegalNames finds a target the speaker calls illegal: "the illegal
// economic sanctions", "Indian Illegally Occupied Jammu and Kashmir". A
// name whose label is itself a crime ("illegal, unreported and
// unregulated fishing") is a term of art, no qualification.
func (x *StanceExtractor) illegalNames(s *sentence, speaker *data.Entity, add func(Stance)) {
	if speaker == nil {
		return
	}
	toks := s.st.Tokens
	for _, m := range s.mentions {
		if m.Kind != MentionEntity || !isTargetEntity(m.Entity) || m.Entity.Valence == data.ValenceHazard {
			continue
		}
		if l := m.Entity.Label; hasPrefixFold(l, "illegal") || hasPrefixFold(l, "illicit") || hasPrefixFold(l, "unlawful") {
			continue
		}
		at := -1
		for k := m.Tok; k < m.TokEnd-1 && at < 0; k++ {
			// Inside a name only a qualification counts: "illegally
			// occupied", "the illegal blockade"; "illegal migration"
			// and "illegal fishing" are terms of art.
			switch n := toks[k].Norm; {
			case n == "illegally" || n == "unlawfully":
				at = k
			case illegalWords[n] && illegalQualifies[toks[k+1].Norm]:
				at = k
			}
		}
		// Before the name, across other modifiers: "the illegal
		// embargo", "the illegal, unjust and inhumane blockade", "the
		// illegal unilateral coercive measures".
		for k := m.Tok - 1; at < 0 && k >= s.t0 && k >= m.Tok-5; k-- {
			n := toks[k].Norm
			if illegalWords[n] {
				at = k
				break
			}
			if n != "and" && n != "," && !illegalCompanions[n] {
				break
			}
		}
		if at < 0 {
			continue
		}
		cs, _ := x.clause(s, at)
		if x.negated(toks, cs, at) || x.inRange(x.rules.historical, toks, cs, at) {
			continue
		}
		target, pred, ok := opposed(m.Entity, s.st.Meta.Year)
		if !ok {
			continue
		}
		add(Stance{Actor: ActorRef{Entity: speaker}, Pred: pred, Target: target, Minted: m.Minted, Sentence: s.span,
			Cue: s.st.Text[toks[at].Start:toks[at].End], Class: "illegal", Modality: ModAsserted, Confidence: 0.8})
	}
}

// possessiveProposals finds "China's Global Initiative on Data Security",
// "our initiative X" and "Pakistan's offer of mutual restraint ...": the
// owner proposes (and supports) the proposal.
func (x *StanceExtractor) possessiveProposals(s *sentence, speaker *data.Entity, add func(Stance)) {
	toks := s.st.Tokens
	propose := func(actor *data.Entity, owner, m Mention) {
		mod := ModAsserted
		conf := 0.85
		if actor != speaker && actor != s.st.Meta.Delegation {
			mod, conf = ModReported, 0.7
		}
		cue := s.st.Text[toks[owner.Tok].Start:toks[m.Tok].Start]
		base := Stance{Actor: ActorRef{Entity: actor}, Target: m.Entity, Minted: m.Minted, Sentence: s.span,
			Cue: strings.TrimSpace(cue), Class: "initiative", Modality: mod, Confidence: conf}
		base.Pred = schema.Proposes
		add(base)
		base.Pred = schema.Supports
		add(base)
	}
	for k, m := range s.mentions {
		if m.Owner != nil {
			// "the Uniting for Consensus group's proposal": a gazetteer
			// name that opens with its proposer's possessive.
			propose(m.Owner, m, m)
			continue
		}
		// "the OIC resolution 53/1", "the G4 proposal": an actor naming
		// the proposal right after it, whose name starts with a
		// proposal noun.
		if k+1 < len(s.mentions) {
			if owner, ok := modifierActor(m); ok {
				// A capital noun makes a title instead: "United Nations
				// Programme of Action", "UN Resolution 2758".
				if n := s.mentions[k+1]; n.Tok == m.TokEnd && n.Entity != nil && n.Entity.Kind == data.KindProposal &&
					!toks[n.Tok].Upper && (ownedProposals[toks[n.Tok].Norm] || toks[n.Tok].Norm == "resolution") {
					propose(owner, m, n)
					continue
				}
			}
		}
		owner, end, ok := possessor(s, m, speaker)
		if !ok {
			continue
		}
		// "China's Global Initiative ...": the proposal right after.
		// "our 2030 Agenda", "our post-2015 agenda" is everyone's: after
		// "our" the name must say it is a proposal ("our initiative").
		if k+1 < len(s.mentions) && isProposal(s.mentions[k+1]) && s.mentions[k+1].Tok == end {
			if m.Kind != MentionSelf || m.Phrase != "our" || namesProposal(toks, s.mentions[k+1]) {
				propose(owner, m, s.mentions[k+1])
			}
			continue
		}
		// "Pakistan's offer of X", "Pakistan's comprehensive plan for
		// ... the 4RF Plan": a proposal noun within three words, then the
		// first proposal its phrase names.
		head := -1
		for j := end; j < s.t1 && j <= end+3; j++ {
			if ownedProposals[toks[j].Norm] {
				head = j
				break
			}
		}
		if head < 0 {
			continue
		}
		for _, t := range s.mentions[k+1:] {
			if t.Tok <= head {
				continue
			}
			if t.Tok > head+14 || stopsPhrase(toks, head+1, t.Tok) || (t.Kind == MentionEntity && isActorEntity(t.Entity)) {
				break
			}
			if isProposal(t) {
				propose(owner, m, t)
				break
			}
		}
	}
}

// possessor returns the actor of a possessive ("China's", "my country's",
// "our") at mention m, and the token after it.
func possessor(s *sentence, m Mention, speaker *data.Entity) (*data.Entity, int, bool) {
	toks := s.st.Tokens
	genitive := m.TokEnd < s.t1 && toks[m.TokEnd].Norm == "'s"
	switch {
	case m.Kind == MentionSelf && (m.Phrase == "our" || m.Phrase == "my"):
		return speaker, m.TokEnd, speaker != nil
	case m.Kind == MentionSelf && genitive:
		return speaker, m.TokEnd + 1, speaker != nil // "my country's initiative"
	case m.Kind == MentionEntity && isActorEntity(m.Entity) && genitive:
		return m.Entity, m.TokEnd + 1, true
	}
	return nil, 0, false
}

// modifierActor returns the actor of a mention that can modify a noun:
// a group or organisation's name ("OIC", "G4"), or a state's demonym
// ("French").
func modifierActor(m Mention) (*data.Entity, bool) {
	switch {
	case m.Kind == MentionDemonym && m.Entity != nil && m.Entity.Kind == data.KindState:
		return m.Entity, true
	case m.Kind == MentionEntity && m.Entity.Kind == data.KindOrganization && m.Entity.Key == "un":
		// "the United Nations programme of action": the system a text
		// was adopted in, not its proposer.
		return nil, false
	case m.Kind == MentionEntity && (m.Entity.Kind == data.KindGroup || m.Entity.Kind == data.KindOrganization):
		return m.Entity, true
	}
	return nil, false
}

func isProposal(m Mention) bool {
	return m.Entity != nil && m.Entity.Kind == data.KindProposal && m.Entity.Class == string(schema.Proposal)
}

// ownedProposals are the nouns that make "X's ..." a proposal of X.
var ownedProposals = map[string]bool{
	"proposal": true, "proposals": true, "initiative": true, "initiatives": true, "plan": true,
	"offer": true, "idea": true, "vision": true, "programme": true, "program": true,
	"roadmap": true, "concept": true, "draft": true, "framework": true, "strategy": true,
}

// stopsPhrase reports whether toks[from:to] holds a stop (".", ";",
// ":") or a finite verb of the commonest kinds: the noun phrase of a
// proposal noun does not reach past it.
func stopsPhrase(toks []Token, from, to int) bool {
	for j := from; j < to; j++ {
		switch toks[j].Norm {
		case ".", ";", ":", "is", "are", "was", "were", "has", "have", "had", "will", "would", "should", "must", "can", "could":
			return true
		}
	}
	return false
}

// clause returns the token range of the clause around token i: bounded by
// the sentence and by terminators ("but", "however", ";").
func (x *StanceExtractor) clause(s *sentence, i int) (int, int) {
	toks := s.st.Tokens
	lo := s.t0
	for j := i - 1; j >= s.t0; j-- {
		if (toks[j].Norm == ";" || x.isTerminator(toks, j, s.t1)) && !s.listSemicolon(j) {
			lo = j + 1
			break
		}
	}
	hi := s.t1
	for j := i + 1; j < s.t1; j++ {
		if (toks[j].Norm == ";" || x.isTerminator(toks, j, s.t1)) && !s.listSemicolon(j) {
			hi = j
			break
		}
	}
	return lo, hi
}

// listSemicolon reports whether the semicolon at token j separates the
// items of a list of names rather than clauses: a name ends right before
// it and another starts right after it ("the non-use of force,
// self-determination; sovereignty and territorial integrity").
func (s *sentence) listSemicolon(j int) bool {
	toks := s.st.Tokens
	if toks[j].Norm != ";" {
		return false
	}
	before, after := false, false
	for _, m := range s.mentions {
		if m.Kind != MentionEntity {
			continue
		}
		if m.TokEnd == j {
			before = true
		}
		if m.Tok == j+1 || (m.Tok == j+2 && toks[j+1].Norm == "the") {
			after = true
		}
	}
	return before && after
}

func (x *StanceExtractor) isTerminator(toks []Token, j, limit int) bool {
	_, _, ok := x.rules.terminator.longest(toks, j, limit)
	return ok
}

// negated reports whether a negation trigger (and not a pseudo-trigger)
// stands in the four tokens before the cue, within its clause.
func (x *StanceExtractor) negated(toks []Token, cs, cue int) bool {
	from := maxInt(cs, cue-5)
	n := 0
	for i := from; i < cue; i++ {
		if _, end, ok := x.rules.pseudo.longest(toks, i, len(toks)); ok && end > i {
			if end > cue { // the pseudo-trigger runs into the cue: "not only support"
				return false
			}
			i = end - 1
			continue
		}
		if _, end, ok := x.rules.negation.longest(toks, i, cue); ok && end <= cue {
			n++
			i = end - 1
		}
	}
	// "cannot be done without upholding": two negations cancel.
	return n%2 == 1
}

func (x *StanceExtractor) inRange(p *phraseSet, toks []Token, from, to int) bool {
	_, ok := p.any(toks, from, to)
	return ok
}

// targetsIn returns the target mentions (actors, for alignment) whose
// tokens lie in [lo, hi).
func (s *sentence) targetsIn(lo, hi int, actors bool) []Mention {
	var out []Mention
	for _, m := range s.mentions {
		if m.Tok < lo || m.TokEnd > hi {
			continue
		}
		if !actors && m.Kind == MentionEntity && isActorEntity(m.Entity) && m.TokEnd < len(s.st.Tokens) &&
			(s.st.Tokens[m.TokEnd].Norm == "'s" || s.st.Tokens[m.TokEnd].Word && s.st.Tokens[m.TokEnd].Upper) {
			// "support the Secretary-General's efforts to achieve X":
			// the owner of the efforts is not what is supported, nor is
			// the UN in "the UN Secretary-General".
			continue
		}
		if !actors && m.Kind == MentionEntity && m.Entity.Kind == data.KindOrganization {
			// An organisation is a target only as the direct object of
			// the cue: "we support the ICC", "support for the WHO".
			if !directObject(s.st.Tokens, lo, m.Tok) {
				continue
			}
		}
		if actors {
			if m.Kind == MentionEntity && isActorEntity(m.Entity) {
				out = append(out, m)
			}
			continue
		}
		if m.Kind == MentionEntity && isTargetEntity(m.Entity) && !modifies(s.st.Tokens, m.TokEnd, hi) {
			out = append(out, m)
		}
	}
	if actors {
		// Prefer the group a statement is delivered on behalf of.
		var groups []Mention
		for _, m := range out {
			if m.Entity.Kind != data.KindState {
				groups = append(groups, m)
			}
		}
		if len(groups) > 0 {
			return groups
		}
	}
	return out
}

// actorsBefore returns the actors of the clause before the cue: the
// nearest actor mention and those listed with it ("Estonia and
// Singapore"). A self phrase gives a zero ActorRef (the speaker).
func (s *sentence) actorsBefore(lo, cue int, align bool) []ActorRef {
	toks := s.st.Tokens
	if ref, ok := s.relativeSubject(s.t0, cue); ok {
		return ref
	}
	var out []ActorRef
	next := cue // token index the list must reach
	for k := len(s.mentions) - 1; k >= 0; k-- {
		m := s.mentions[k]
		if m.TokEnd > cue {
			continue
		}
		if m.Tok < lo {
			break
		}
		if len(out) == 0 && m.Kind == MentionEntity && (m.Entity.Kind == data.KindForum || m.Entity.Kind == data.KindSession) && nearSubject(toks, m.TokEnd, cue) {
			// "the General Assembly has adopted ..., supporting X": a
			// body of the UN is the subject, and it is no actor.
			return []ActorRef{{Unnamed: noActorSubject}}
		}
		ref, ok := actorRef(m)
		if !ok {
			ref, ok = demonymActor(toks, m)
		}
		if ok && m.Kind == MentionEntity && isAddressee(toks, m.Tok, lo) {
			// "we call on Russia to ...": Russia is asked, the speaker asks.
			continue
		}
		if !ok {
			if len(out) > 0 && !isActorEntity(m.Entity) {
				break
			}
			continue
		}
		like := len(out) > 0 && comparative(toks[m.TokEnd:next])
		if len(out) > 0 && !onlyListGlue(toks[m.TokEnd:next]) && !like {
			break
		}
		if len(out) == 1 && !hasAnd(toks[m.TokEnd:next]) && !like {
			// A list ends in "and": "Estonia and Singapore", "A, B and C".
			// "a Member of the United Nations, Viet Nam" is none.
			break
		}
		if len(out) == 0 && !nearSubject(toks, m.TokEnd, cue) && !withAside(toks, m, cue) && !commaAside(toks, m.TokEnd, cue) {
			// An actor named far from the cue is seldom its subject
			// ("the United Nations ... the achievement of the 2030
			// Agenda"): the speaker is.
			if m.Kind == MentionEntity {
				return nil
			}
			continue
		}
		if m.Kind == MentionEntity && m.TokEnd < len(toks) && toks[m.TokEnd].Upper && toks[m.TokEnd].Word {
			// "UN Decade of Action": part of a longer name.
			continue
		}
		if m.Kind == MentionEntity && len(out) == 0 && inPrepPhrase(toks, m.Tok, lo) && !withAside(toks, m, cue) {
			// "the efforts of the United Nations to promote ...",
			// "chosen by the United Nations as champion of ...": an
			// actor inside a prepositional phrase is no subject.
			continue
		}
		out = append(out, ref)
		next = m.Tok
		if !align && len(out) == 1 && m.Kind != MentionEntity {
			break
		}
	}
	return out
}

// relativeSubject reads a cue that opens a relative clause ("the
// Council's resolutions, which call for ...", "States that support
// ..."): its subject is the noun before the pronoun. When that is an
// actor, it is the cue's actor; otherwise the clause is no delegation's
// stance (noActorSubject). ok is false when the cue opens no relative
// clause.
func (s *sentence) relativeSubject(lo, cue int) ([]ActorRef, bool) {
	toks := s.st.Tokens
	k := cue - 1
	for n := 0; n < 3 && k > lo && (isClauseAdverb(toks[k].Norm) || activeAux[toks[k].Norm]); n++ {
		k-- // "forces that have rejected", "which has always supported"
	}
	if k <= lo {
		return nil, false
	}
	switch toks[k].Norm {
	case "which", "who":
	case "that":
		if !toks[k-1].Word && toks[k-1].Norm != "," {
			return nil, false
		}
	default:
		return nil, false
	}
	if selfDescription(toks, lo, k) || among(toks, lo, k) {
		// "Peru is a country that respects democracy", "Botswana was
		// among the 141 Member States that voted in favour of ...": the
		// subject's own.
		return nil, false
	}
	end := k
	if toks[end-1].Norm == "," {
		end--
	}
	for i := len(s.mentions) - 1; i >= 0; i-- {
		m := s.mentions[i]
		if m.TokEnd > k {
			if m.Tok <= k {
				return nil, false // "those who": a phrase of its own
			}
			continue
		}
		if m.TokEnd == end {
			if m.Tok > lo && (toks[m.Tok-1].Norm == "in" || toks[m.Tok-1].Norm == "from" || toks[m.Tok-1].Norm == "within") {
				break // "forces in Libya that have rejected ...": the forces
			}
			if ref, ok := actorRef(m); ok {
				return []ActorRef{ref}, true
			}
		}
		break
	}
	return []ActorRef{{Unnamed: noActorSubject}}, true
}

// selfDescription reports whether the relative pronoun at token k
// follows a predicate noun of the clause's subject: "is a country that",
// "remains a peace-loving nation which".
func selfDescription(toks []Token, lo, k int) bool {
	j := k - 1
	switch toks[j].Norm {
	case "country", "nation", "state", "people", "government", "member", "partner":
	default:
		return false
	}
	for n := 0; n < 3 && j > lo; n++ {
		j--
		switch toks[j].Norm {
		case "a", "an":
			if j > lo {
				switch toks[j-1].Norm {
				case "is", "are", "remains", "remain", "was", "as", "not", "be":
					return true
				}
			}
			return false
		}
	}
	return false
}

// among reports whether "among" shortly precedes the relative pronoun at
// token k: "was among the countries that joined ...".
func among(toks []Token, lo, k int) bool {
	for j := k - 1; j > lo && j >= k-6; j-- {
		switch toks[j].Norm {
		case "among", "amongst":
			return true
		case ",", ";", ".":
			return false
		}
	}
	return false
}

// activeAux are the words between a relative pronoun and its active verb.
var activeAux = wordSet("have", "has", "had", "always", "consistently", "repeatedly", "openly")

// isClauseAdverb reports whether w may stand between a relative pronoun
// and its verb: "which also calls for", "that rightly supports".
func isClauseAdverb(w string) bool {
	switch w {
	case "also", "still", "further", "rightly", "fully", "strongly", "duly", "clearly", "explicitly":
		return true
	}
	return false
}

// actorsAfter returns the actors named after a passive cue ("proposed by
// a number of countries").
func (s *sentence) actorsAfter(lo, hi int) []ActorRef {
	for _, m := range s.mentions {
		if m.Tok < lo || m.TokEnd > hi {
			continue
		}
		if ref, ok := actorRef(m); ok {
			// "proposed by Pakistan on behalf of the OIC": the group.
			if g, ok := s.onBehalfAfter(m.TokEnd, hi); ok {
				return []ActorRef{g}
			}
			return s.actorList(ref, m, hi)
		}
		if m.Tok > lo+6 {
			break
		}
	}
	return nil
}

// actorList extends the actor first, named by mention m, with those listed
// after it: "proposed by Gabon, Ghana, and Mozambique".
func (s *sentence) actorList(first ActorRef, m Mention, hi int) []ActorRef {
	out := []ActorRef{first}
	end := m.TokEnd
	for _, n := range s.mentions {
		if n.Tok < end {
			continue
		}
		if n.TokEnd > hi || !onlyListGlue(s.st.Tokens[end:n.Tok]) || !hasAnd(s.st.Tokens[end:n.Tok]) && s.st.Tokens[end].Norm != "," {
			break
		}
		ref, ok := actorRef(n)
		if !ok {
			break
		}
		out = append(out, ref)
		end = n.TokEnd
	}
	return out
}

func actorRef(m Mention) (ActorRef, bool) {
	switch m.Kind {
	case MentionSelf:
		return ActorRef{}, true
	case MentionUnnamed:
		return ActorRef{Unnamed: m.Phrase}, true
	case MentionEntity:
		if isActorEntity(m.Entity) {
			return ActorRef{Entity: m.Entity}, true
		}
	}
	return ActorRef{}, false
}

// demonymActor reads "the Chinese delegation", "the French Government":
// a demonym followed by a word for the state's representatives.
func demonymActor(toks []Token, m Mention) (ActorRef, bool) {
	if m.Kind != MentionDemonym || m.TokEnd >= len(toks) {
		return ActorRef{}, false
	}
	switch toks[m.TokEnd].Norm {
	case "delegation", "government", "side", "authorities", "presidency", "administration":
		return ActorRef{Entity: m.Entity}, true
	}
	return ActorRef{}, false
}

// withAside reports whether m ends an aside "together with m," just
// before the cue: "Mexico, together with France, proposed ...", where
// the list goes on before it.
func withAside(toks []Token, m Mention, cue int) bool {
	if cue != m.TokEnd+1 || toks[m.TokEnd].Norm != "," || m.Tok < 3 || toks[m.Tok-1].Norm != "with" {
		return false
	}
	switch toks[m.Tok-2].Norm {
	case "together", "along", "jointly":
		return toks[m.Tok-3].Norm == ","
	}
	return false
}

// commaAside reports whether an actor ending at token end is the subject
// of the cue at token cue across an aside between commas: "Estonia, as a
// small, export-dependent country, is an advocate of free trade",
// "Mexico, for its part, supports ...". The aside is short and starts
// with a word that opens one; the subject is then near the cue.
func commaAside(toks []Token, end, cue int) bool {
	if end+1 >= cue || toks[end].Norm != "," {
		return false
	}
	switch toks[end+1].Norm {
	case "as":
		if end+2 < cue && toks[end+2].Norm == "well" {
			return false // "X, as well as Y, ...": a list
		}
	case "for", "like", "therefore", "however", "too", "also", "which", "who":
	default:
		return false
	}
	last := -1
	for j := end + 1; j < cue; j++ {
		switch toks[j].Norm {
		case ",":
			last = j
		case ";", ":", "(", ")", "\"", ".":
			return false
		}
	}
	return last > end+1 && last-end <= 13 && nearSubject(toks, last+1, cue)
}

// anachronism reports whether e did not exist yet in the statement's
// year: its From date is in a later year.
func anachronism(e *data.Entity, year string) bool {
	return len(e.From) >= 4 && len(year) == 4 && year < e.From[:4]
}

// inTitle reports whether a cue is part of a title: capitalised inside
// its sentence, after a capitalised word ("the Follow-up International
// Conference on Financing for Development to Review the Implementation
// of the Monterrey Consensus").
func inTitle(toks []Token, t0 int, hit cueHit) bool {
	if hit.start == t0 || !toks[hit.start].Upper {
		return false
	}
	for j := hit.start - 1; j >= t0 && j >= hit.start-3; j-- {
		switch {
		case toks[j].Upper && toks[j].Word:
			return true
		case toks[j].Norm == "the" || toks[j].Norm == "to" || toks[j].Norm == "on" || toks[j].Norm == "for" || toks[j].Norm == "of" || toks[j].Norm == "and":
		default:
			return false
		}
	}
	return false
}

// givenSupport reports whether the cue is the noun "support" with its
// giver after it: "with the support of the World Bank, we held ...", "the
// support of the international community". The giver backs the speaker;
// nobody takes a stance on the giver. "In support of X" is a stance.
func givenSupport(toks []Token, t0 int, hit cueHit) bool {
	if hit.end-hit.start != 1 || toks[hit.start].Norm != "support" || hit.end >= len(toks) || hit.start == t0 {
		return false
	}
	if n := toks[hit.end].Norm; n != "of" && n != "from" {
		return false
	}
	switch toks[hit.start-1].Norm {
	case "the", "its", "their", "his", "her", "generous", "continued", "valuable", "invaluable", "financial", "technical":
		return true
	}
	return false
}

// pastYear reports whether the clause before a cue (tokens cs to cue)
// dates it to a year at least two years before the statement's: "In
// 2000, world leaders adopted the Millennium Declaration", "in the year
// 1945". A statement of unknown year dates nothing.
func pastYear(toks []Token, cs, cue int, year string) bool {
	now, err := strconv.Atoi(year)
	if err != nil {
		return false
	}
	for j := cs; j+1 < cue; j++ {
		if toks[j].Norm != "in" { // not "since 2015 we have supported ...": still true
			continue
		}
		k := j + 1
		if k+2 < cue && toks[k].Norm == "the" && toks[k+1].Norm == "year" {
			k += 2
		}
		y, err := strconv.Atoi(toks[k].Norm)
		if err == nil && len(toks[k].Norm) == 4 && y >= 1900 && y <= now-2 {
			return true
		}
	}
	return false
}

// subjectPreps are prepositions whose object is no subject of the verb
// after it.
var subjectPreps = map[string]bool{"of": true, "by": true, "through": true, "from": true, "in": true, "within": true,
	"at": true, "under": true, "to": true, "for": true, "between": true, "among": true, "with": true, "into": true,
	"via": true, "across": true, "towards": true, "toward": true, "upon": true, "on": true}

// actorHeads are nouns whose "of X" stands for the actor X.
var actorHeads = map[string]bool{"government": true, "governments": true, "president": true, "minister": true,
	"authorities": true, "leadership": true, "leaders": true, "delegation": true, "delegations": true, "representative": true,
	"representatives": true, "king": true, "regime": true, "administration": true, "parliament": true, "people": true,
	"forces": true, "republic": true, "kingdom": true, "state": true, "emir": true, "head": true, "ministry": true}

// inPrepPhrase reports whether the actor mention starting at token i is
// the object of a preposition, alone or at the head of a list ("between
// the United Nations and the African Union"); "the", "both" and "all"
// may stand between.
func inPrepPhrase(toks []Token, i, lo int) bool {
	// "With Norway, Kenya launched ...": a comma right before the name
	// closes an opening phrase, and the name is the subject.
	afterComma := i-1 >= lo && toks[i-1].Norm == ","
	for j := i - 1; j >= lo && j >= i-12; j-- {
		switch n := toks[j].Norm; {
		case n == "the" || n == "both" || n == "all":
		case n == "of" && j > lo && actorHeads[toks[j-1].Norm]:
			// "the Government of Israel has rejected ...": the actor
			// stands for its government.
			return false
		case subjectPreps[n]:
			if afterComma && j <= lo+1 {
				return false
			}
			return true
		case n == "and" || n == ",":
			// Part of a list: its head decides.
		case toks[j].Word && toks[j].Upper:
			// Another name of the list ("the United States and ...").
		default:
			return false
		}
	}
	return false
}

// onlyListGlue reports whether toks only join list items: commas, "and",
// "the", "as well as".
func onlyListGlue(toks []Token) bool {
	for _, t := range toks {
		switch t.Norm {
		case ",", "and", "the", "as", "well", "of", "together", "with", "along":
		default:
			return false
		}
	}
	return true
}

func hasAnd(toks []Token) bool {
	for _, t := range toks {
		if t.Norm == "and" || t.Norm == "well" || t.Norm == "together" || t.Norm == "along" {
			return true
		}
	}
	return false
}

func clamp01(f float64) float64 {
	if f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// addressees are the objects of an appeal: "call on X", "urge X".
var appealWords = map[string]bool{
	"on": true, "upon": true, "urge": true, "urges": true, "encourage": true, "encourages": true,
	"invite": true, "invites": true, "ask": true, "asks": true, "request": true, "requests": true,
	"appeal": true, "calling": true, "implore": true, "exhort": true, "demand": true, "demands": true,
	"press": true, "persuade": true, "help": true, "enable": true, "allow": true,
	"helps": true, "helping": true, "enables": true, "enabling": true, "allows": true, "allowing": true,
	"assist": true, "assists": true, "assisting": true, "urged": true, "urging": true, "encouraged": true,
	"encouraging": true, "invited": true, "inviting": true, "called": true, "requested": true, "asked": true,
}

// demandWords ask for what follows "that".
var demandWords = map[string]bool{"demand": true, "demands": true, "insist": true, "insists": true, "urge": true,
	"request": true, "requests": true, "recommend": true, "recommends": true, "ask": true, "asks": true, "call": true,
	"calls": true, "expect": true, "expects": true}

// addresseeAttributes may stand between an appeal and its addressee.
var addresseeAttributes = map[string]bool{"the": true, "all": true, "both": true, "our": true, "their": true,
	"its": true, "brotherly": true, "neighbouring": true, "neighboring": true, "neighbourly": true,
	"fellow": true, "friendly": true, "sisterly": true}

// coordinated reports whether the cue at token cue starts a second
// predicate of the clause's subject: "and" then a verb such as "is" or
// "has" ("and is a co-sponsor of", "and has proposed"), within the
// clause starting at cs. "and its commitment to" is no new predicate.
func coordinated(toks []Token, cs, cue int) bool {
	verb := false
	for j := cue - 1; j >= cs && j >= cue-3; j-- {
		switch toks[j].Norm {
		case "and":
			return verb && j > cs
		case "is", "are", "was", "were", "has", "have", "had", "will", "also", "remains", "remain", "stands", "continues":
			verb = true
		case ",", ";", "but", "or":
			return false
		}
	}
	return false
}

// isAddressee reports whether the actor mention at token i is the object
// of an appeal or of help ("call on Russia", "urge all States", "help
// neighbouring Syria to achieve ..."); determiners and a few attributes
// ("the", "all", "brotherly") may stand between.
func isAddressee(toks []Token, i, lo int) bool {
	for j := i - 1; j >= lo && j >= i-3; j-- {
		switch n := toks[j].Norm; {
		case addresseeAttributes[n]:
			continue
		case n == "that" && j-1 >= lo && (appealWords[toks[j-1].Norm] || demandWords[toks[j-1].Norm]):
			// "we demand that Iran put an end to ...": Iran is asked.
			return true
		case appealWords[n]:
			return true
		default:
			return false
		}
	}
	return false
}

// firstChain keeps the targets a cue governs: the first one, if it starts
// within reach tokens of the cue, and those that follow it closely, as in a
// list ("the Paris Agreement and the 2030 Agenda"), or are named as its
// examples ("peace based on the two-State solution and international
// parameters, in particular resolutions 242 (1967) and 338 (1973)").
func firstChain(toks []Token, ts []Mention, cueEnd, reach int, coord bool) []Mention {
	if len(ts) == 0 || ts[0].Tok-cueEnd > reach {
		return nil
	}
	if gap := toks[cueEnd:ts[0].Tok]; adjunctClause(gap) || modelledOn(gap) {
		// "cannot accept the suggestion of failure, especially after
		// the mixed outcome of the MDGs"; "proposed a coalition,
		// modelled on the Global Counter-Terrorism Strategy".
		return nil
	}
	out := ts[:1]
	for _, t := range ts[1:] {
		prev := out[len(out)-1].TokEnd
		if t.Tok-prev > 5 && !exampleOf(toks, prev, t.Tok) &&
			!(coord && t.Tok-cueEnd <= 22 && coordinatedObject(toks[prev:t.Tok])) {
			break
		}
		if t.Tok > prev && (!coord && infinitiveAfter(toks[prev:t.Tok]) || appositive(toks[prev:t.Tok]) || subordinate(toks[prev:t.Tok])) {
			// "efforts to fight terrorism ... and to provide humanitarian
			// aid": a second infinitive has a verb of its own.
			break
		}
		out = append(out, t)
	}
	return out
}

// nearSubject reports whether an actor ending at token end can be the
// subject of the cue at token cue: at most five tokens between them, and
// no comma or quote (a parenthesis ends the subject).
func nearSubject(toks []Token, end, cue int) bool {
	if cue-end > 5 {
		return false
	}
	for _, t := range toks[end:cue] {
		switch t.Norm {
		case ",", "\"", "(", ")", ":":
			return false
		}
	}
	return true
}

// directObject reports whether an organisation mention starting at tok
// is the object of a cue ending at lo: near it, with no preposition that
// makes it a source or partner ("support from the UN", "partnership
// between the UN and ..."), and when it follows "of", as the holder of a
// mandate or work ("the work of the ICC"), not as part of a title ("the
// Charter of the United Nations").
func directObject(toks []Token, lo, tok int) bool {
	if exampleOf(toks, lo, tok) {
		// "supports international criminal justice, in particular the
		// International Criminal Court": the named example of the object.
		return true
	}
	if tok-lo > 8 {
		return false
	}
	for _, t := range toks[lo:tok] {
		switch t.Norm {
		case "from", "by", "with", "between", "among", "through", "'s", "within", "at", "in":
			return false
		}
	}
	j := tok - 1
	if j >= lo && toks[j].Norm == "the" {
		j--
	}
	if j >= lo && toks[j].Norm == "of" {
		if j == lo {
			return true // "support of the ICC" style cue ending before "of"
		}
		switch toks[j-1].Norm {
		case "mandate", "work", "role", "efforts", "jurisdiction", "independence", "activities", "mission", "decisions", "reform", "revitalization", "strengthening":
			return true
		}
		return false
	}
	return true
}

// exampleOf reports whether the mention at tok is introduced as an
// example ("in particular", "notably", "including", "especially",
// "namely") of an object that starts within eight words of the cue
// ending at lo, with no barrier word between.
func exampleOf(toks []Token, lo, tok int) bool {
	j := tok - 1
	// A title before the mention: "in particular Security Council
	// resolutions 242 (1967) and 338 (1973)", where the mentions are the
	// numbers.
	if j > lo && (toks[j].Norm == "resolutions" || toks[j].Norm == "resolution") {
		j--
	}
	for k := 0; k < 3 && j > lo && toks[j].Word && toks[j].Upper; k++ {
		j--
	}
	if j > lo && toks[j].Norm == "the" {
		j--
	}
	m := j
	switch toks[j].Norm {
	case "notably", "including", "especially", "namely":
	case "particular":
		if j-1 <= lo || toks[j-1].Norm != "in" {
			return false
		}
		m = j - 1
	default:
		return false
	}
	if m-lo > 14 {
		return false
	}
	for _, t := range toks[lo:m] {
		switch t.Norm {
		case "from", "by", "with", "between", "among", "through", "within", "at", ";", ":", "but":
			return false
		}
	}
	return true
}

// anaphoraNouns are the heads of "this initiative", "that resolution":
// phrases that point back to a proposal named just before.
var anaphoraNouns = map[string]bool{
	"initiative": true, "proposal": true, "resolution": true, "agreement": true, "treaty": true,
	"convention": true, "declaration": true, "position": true, "plan": true, "instrument": true,
	"document": true, "approach": true, "framework": true, "agenda": true, "compact": true,
	"process": true, "programme": true, "program": true, "goal": true, "goals": true, "idea": true,
	"mechanism": true, "strategy": true, "pact": true, "accord": true,
}

// antecedent resolves "supports it", "welcome this initiative": the
// object right after the cue is a pronoun or a demonstrative with a
// proposal noun, and it stands for the nearest target named before the
// cue in this sentence, or else the first one of the previous sentence.
func (s *sentence) antecedent(cueStart, cueEnd, hi int) (Mention, bool) {
	toks := s.st.Tokens
	j := cueEnd
	for j < hi && (toks[j].Norm == "to" || toks[j].Norm == "for" || toks[j].Norm == "in" || toks[j].Norm == "fully") {
		j++
	}
	if j >= hi {
		return Mention{}, false
	}
	noun := ""
	switch toks[j].Norm {
	case "it":
		// "it" must end the object: "supports it and", "supports it."
	case "this", "that", "these", "those":
		if j+1 >= hi || !anaphoraNouns[toks[j+1].Norm] {
			return Mention{}, false
		}
		noun = toks[j+1].Norm
	default:
		return Mention{}, false
	}
	var cand *Mention
	for k := len(s.mentions) - 1; k >= 0; k-- {
		m := &s.mentions[k]
		if m.TokEnd <= cueStart && m.Kind == MentionEntity && isTargetEntity(m.Entity) && m.Entity.Kind != data.KindOrganization {
			cand = m
			break
		}
	}
	if cand == nil {
		cand = s.prev
	}
	if cand == nil {
		return Mention{}, false
	}
	// A proposal noun wants a proposal, not a broad topic.
	if noun != "" && noun != "idea" && noun != "approach" && cand.Entity.Kind != data.KindProposal {
		return Mention{}, false
	}
	return *cand, true
}

// wouldBefore reports whether "would" or "could" stands in the three
// words before the cue: the harm is what the subject would do.
func wouldBefore(toks []Token, cs, cue int) bool {
	for k := cue - 1; k >= cs && k >= cue-3; k-- {
		if n := toks[k].Norm; n == "would" || n == "could" {
			return true
		}
	}
	return false
}

// wordBefore returns the index of the word before the target at tok,
// past an article ("from the JCPOA"); below lo when there is none.
func wordBefore(toks []Token, lo, tok int) int {
	j := tok - 1
	if j >= lo && toks[j].Norm == "the" {
		j--
	}
	return j
}

// withdrawalFrom reports whether the target at tok is what someone
// named withdraws from: "the withdrawal of the United States from the
// JCPOA", "Russia's withdrawal from the Black Sea Grain Initiative".
func withdrawalFrom(toks []Token, lo, tok int) bool {
	j := wordBefore(toks, lo, tok)
	if j < lo || toks[j].Norm != "from" {
		return false
	}
	for k := j - 1; k >= lo; k-- {
		switch n := toks[k].Norm; {
		case n == "withdrawal" || n == "withdrawing" || n == "withdrew" || n == "withdraw" || n == "exit" || n == "departure":
			return k < j-1 // "withdrawal from" alone is the trigger list's
		case n == "of" || n == "the" || n == "'s" || toks[k].Word && toks[k].Upper:
		default:
			return false
		}
	}
	return false
}

// lackOfProgress reports whether the target at tok is what progress is
// lacking on: "concerned about the lack of progress on the two-State
// solution", "the slow implementation of the Paris Agreement".
func lackOfProgress(toks []Token, lo, tok int) bool {
	j := wordBefore(toks, lo, tok)
	if j-2 < lo {
		return false
	}
	switch toks[j].Norm {
	case "on", "in", "towards", "of":
	default:
		return false
	}
	a, b := toks[j-2].Norm, toks[j-1].Norm
	if a == "of" && b == "progress" {
		return j-3 >= lo && (toks[j-3].Norm == "lack" || toks[j-3].Norm == "absence")
	}
	return (a == "slow" || a == "insufficient" || a == "limited") && (b == "progress" || b == "implementation")
}

// refusesClause reports whether an opposes cue takes a clause, not a
// name, as its object: "we regret that the Paris Agreement was not
// implemented", "we cannot tolerate the fact that the rights of women are
// declining". No name in the clause is opposed.
func refusesClause(toks []Token, hit cueHit) bool {
	if hit.cue.Stance != "opposes" || hit.end >= len(toks) {
		return false
	}
	return toks[hit.end].Norm == "that" ||
		hit.end+2 < len(toks) && toks[hit.end].Norm == "the" && toks[hit.end+1].Norm == "fact"
}

// allowTo reports whether a cue ending in "allow" or "permit" takes the
// target as the subject of an infinitive: "not allow X to fail", "does
// not allow us to access ODA".
func allowTo(toks []Token, hit cueHit, t Mention) (string, bool) {
	switch toks[hit.end-1].Norm {
	case "allow", "permit", "let":
	default:
		return "", false
	}
	if hit.end < len(toks) {
		switch toks[hit.end].Norm {
		case "us", "them", "it", "me", "him", "her", "anyone", "anybody":
			return "", true
		}
	}
	if t.TokEnd > 0 && t.TokEnd+1 < len(toks) && toks[t.TokEnd].Norm == "to" && toks[t.TokEnd+1].Word {
		v := toks[t.TokEnd+1].Norm
		if v == "be" && t.TokEnd+2 < len(toks) {
			v += " " + toks[t.TokEnd+2].Norm
		}
		return v, true
	}
	return "", false
}

// allowPrevails and allowFails are the verbs after "not allow X to":
// refusing that X prevails opposes X; refusing that X fails supports it.
var allowPrevails = map[string]bool{"prevail": true, "continue": true, "persist": true, "spread": true, "triumph": true,
	"win": true, "dictate": true, "go": true, "become": true, "undermine": true, "derail": true, "destroy": true,
	"replace": true, "take": true, "dominate": true, "flourish": true, "thrive": true, "succeed": true, "remain": true}
var allowFails = map[string]bool{"fail": true, "collapse": true, "die": true, "wither": true, "unravel": true,
	"falter": true, "lapse": true, "erode": true, "be undermined": true, "be eroded": true, "be weakened": true,
	"be forgotten": true, "be derailed": true, "be destroyed": true, "be lost": true, "be sidelined": true}

// relativeObject finds the proposal a relative clause refers back to:
// "resolution 2378 (2017), which we introduced", "the initiative that
// my country launched", or, for a passive cue, "a pact, which has been
// proposed by France". Between the pronoun and the cue stand only the
// clause's subject (a pronoun or a named actor) or, for a passive, its
// auxiliaries: "the UDHR that we should strive for" is a complement,
// and "resolution 70/5, which calls for the lifting" has the pronoun as
// subject.
func (s *sentence) relativeObject(cue int, passive bool) (Mention, bool) {
	toks := s.st.Tokens
	rel := -1
	for k := cue - 1; k >= s.t0 && k >= cue-4; k-- {
		if n := toks[k].Norm; n == "which" || n == "that" {
			rel = k
			break
		}
	}
	if rel < 0 || rel == cue-1 {
		return Mention{}, false
	}
	between := toks[rel+1 : cue]
	if passive {
		for _, t := range between {
			if !relativeAux[t.Norm] {
				return Mention{}, false
			}
		}
	} else {
		k := rel + 1
		switch toks[k].Norm {
		case "we", "i", "they", "he", "she":
			k++
		default:
			found := false
			for _, m := range s.mentions {
				if m.Tok == k || m.Tok == k+1 && (toks[k].Norm == "the" || toks[k].Norm == "my" || toks[k].Norm == "our") {
					if _, ok := actorRef(m); ok && m.Kind == MentionEntity {
						k, found = m.TokEnd, true
					}
					break
				}
			}
			if !found {
				return Mention{}, false
			}
		}
		for ; k < cue; k++ {
			if !relativeAux[toks[k].Norm] || toks[k].Norm == "been" || toks[k].Norm == "was" || toks[k].Norm == "were" {
				return Mention{}, false
			}
		}
	}
	j := rel - 1
	if j >= s.t0 && toks[j].Norm == "," {
		j--
	}
	for k := len(s.mentions) - 1; k >= 0; k-- {
		m := s.mentions[k]
		if m.TokEnd == j+1 && m.Kind == MentionEntity && m.Entity.Kind == data.KindProposal {
			return m, true
		}
	}
	return Mention{}, false
}

// relativeAux are the words a relative clause may hold between its
// subject and verb: "which we have jointly introduced", "which has been
// proposed by".
var relativeAux = map[string]bool{"has": true, "have": true, "had": true, "been": true, "was": true, "were": true,
	"is": true, "are": true, "will": true, "jointly": true, "first": true, "originally": true, "recently": true,
	"initially": true, "successfully": true, "also": true, "proudly": true}

// pronounSubject resolves a subject pronoun right before a subject cue
// ("It is indispensable.") to the previous sentence's first target. An
// "it" that opens an extraposed clause ("it is essential that", "it is
// important to") stands for nothing.
func (s *sentence) pronounSubject(hit cueHit) (Mention, bool) {
	toks := s.st.Tokens
	if hit.start <= s.t0 || s.prevAny == nil {
		return Mention{}, false
	}
	switch toks[hit.start-1].Norm {
	case "it", "this", "they":
	default:
		return Mention{}, false
	}
	if hit.start-1 > s.t0 && toks[hit.start-2].Word {
		return Mention{}, false // "it" must open its clause: not "make it a priority"
	}
	if hit.end < s.t1 {
		switch toks[hit.end].Norm {
		case "to", "that", "for", "whether", "if":
			return Mention{}, false
		}
	}
	return *s.prevAny, true
}

// passiveAnaphor resolves "this resolution" right before a passive cue
// ("this resolution—jointly proposed by ...") to the nearest earlier
// proposal of that kind: in the sentence before the phrase, else the
// first target of the previous sentence.
func (s *sentence) passiveAnaphor(cue int) (Mention, bool) {
	toks := s.st.Tokens
	j := cue - 1
	for j > s.t0 && (toks[j].Norm == "jointly" || toks[j].Norm == "originally" || toks[j].Norm == "first" || toks[j].Norm == "initially" ||
		toks[j].Norm == "," || !toks[j].Word && toks[j].End-toks[j].Start <= 3) {
		j--
	}
	if j <= s.t0 || !anaphoraNouns[toks[j].Norm] {
		return Mention{}, false
	}
	if n := toks[j-1].Norm; n != "this" && n != "that" {
		return Mention{}, false // "the idea, proposed by" need not look back
	}
	noun := toks[j].Norm
	fits := func(m *Mention) bool {
		if m == nil || m.Kind != MentionEntity || m.Entity.Kind != data.KindProposal {
			return false
		}
		return noun != "resolution" || m.Entity.Class == string(schema.Resolution)
	}
	for k := len(s.mentions) - 1; k >= 0; k-- {
		if m := &s.mentions[k]; m.TokEnd <= j-1 && fits(m) {
			return *m, true
		}
	}
	if fits(s.prev) {
		return *s.prev, true
	}
	return Mention{}, false
}

// onBehalfAfter reads "on behalf of X" right after token i: the group or
// organisation X.
func (s *sentence) onBehalfAfter(i, hi int) (ActorRef, bool) {
	toks := s.st.Tokens
	if i+3 > hi || toks[i].Norm != "on" || toks[i+1].Norm != "behalf" || toks[i+2].Norm != "of" {
		return ActorRef{}, false
	}
	for _, m := range s.mentions {
		if m.Tok >= i+3 && m.Tok <= i+4 && m.Kind == MentionEntity && isActorEntity(m.Entity) && m.Entity.Kind != data.KindState {
			return ActorRef{Entity: m.Entity}, true
		}
	}
	return ActorRef{}, false
}

// modifierHeads are nouns that make a target name a modifier: "the human
// rights situation", "human rights defenders", "terrorism victims" are
// not stances on human rights or terrorism.
var modifierHeads = map[string]bool{
	"situation": true, "situations": true, "defenders": true, "defender": true, "activists": true,
	"violations": true, "violation": true, "abuses": true, "abuse": true, "record": true,
	"victims": true, "perpetrators": true, "crisis": true, "emergency": true, "impacts": true,
	"impact": true, "effects": true, "consequences": true, "workers": true, "officials": true,
}

// modifies reports whether the token after a mention ending at end is a
// head noun the mention only modifies.
func modifies(toks []Token, end, hi int) bool {
	return end < hi && end < len(toks) && modifierHeads[toks[end].Norm]
}

// chained reports whether the cue next opens the object of the cue hit
// with the same stance: in "a staunch supporter of further strengthening
// the non-proliferation architecture" what is supported is what is to be
// strengthened, so the explicit cue governs through the weak one. A cue
// that turns the stance ("support ending the blockade") does not chain.
func chained(toks []Token, hit, next cueHit) bool {
	if hit.cue.Stance != "supports" || next.cue.Stance != "supports" {
		return false
	}
	gap := toks[hit.end:next.start]
	// "support the Secretary-General's efforts to achieve X": the
	// efforts are the means, X the object.
	if n := len(gap); n >= 2 && gap[n-1].Norm == "to" && (gap[n-2].Norm == "efforts" || gap[n-2].Norm == "work" || gap[n-2].Norm == "initiative") {
		gap = gap[:n-2]
	}
	// "commend the Security Council's adoption of resolution 2719": a
	// possessive before the second cue names whose act it is; what is
	// commended is still what was adopted.
	if n := len(gap); n >= 2 && n <= 7 && gap[n-1].Norm == "'s" {
		for _, t := range gap[:n-1] {
			if t.Norm != "the" && !(t.Word && t.Upper) {
				return false
			}
		}
		return true
	}
	if len(gap) == 1 && (gap[0].Norm == "its" || gap[0].Norm == "their" || gap[0].Norm == "your" || gap[0].Norm == "our") {
		return true
	}
	if hit.cue.Weight <= next.cue.Weight {
		return false // the weak cue opening the object is the stronger one's
	}
	if coordinatedHead(gap, next) {
		return true
	}
	for _, t := range gap {
		switch t.Norm {
		case "the", "further", "a", "continued", "continuing":
		default:
			return false
		}
	}
	return len(gap) <= 2
}

// subjectList returns the nearest target and those listed before it,
// joined by commas and "and" only.
func subjectList(toks []Token, ts []Mention) []Mention {
	k := len(ts) - 1
	for k > 0 && onlyListGlue(toks[ts[k-1].TokEnd:ts[k].Tok]) && ts[k].Tok > ts[k-1].TokEnd {
		k--
	}
	return ts[k:]
}

// subjectHead picks, of the targets before a subject cue, the head of the
// subject: the nearest one, unless a preposition attaches it to the one
// before ("a non-permanent seat to the Eastern European Group in a future
// reformed Security Council remains a priority": the seat is). After a
// possessive the nearest is the head ("the African Union's efforts to
// silence the guns").
func subjectHead(toks []Token, ts []Mention) int {
	k := len(ts) - 1
	for k > 0 {
		gap := toks[ts[k-1].TokEnd:ts[k].Tok]
		// The preposition must follow the head: in "a United Nations
		// action plan to fight trafficking" the plan is the head.
		if len(gap) == 0 || !(subjectPreps[gap[0].Norm] || gap[0].Norm == "to" || gap[0].Norm == "for" || gap[0].Norm == "on") {
			return k
		}
		for _, t := range gap {
			switch {
			case t.Norm == "," || t.Norm == "and" || t.Norm == "or" || t.Norm == "is" || t.Norm == "are" || t.Norm == "that" || t.Norm == "which" || t.Norm == "'s",
				t.Word && t.Upper:
				// A capitalised word makes a longer name ("the United
				// Nations Conference on Sustainable Development").
				return k
			}
		}
		k--
	}
	return k
}

// coordinatedObject reports whether the words between two targets start a
// second object of the same cue: "call on all parties to refrain from the
// use of force and to resume negotiations leading to a two-State
// solution".
func coordinatedObject(gap []Token) bool {
	for i := 0; i+1 < len(gap); i++ {
		if gap[i].Norm == "and" && (gap[i+1].Norm == "to" || gap[i+1].Norm == "for") {
			return true
		}
		switch gap[i].Norm {
		case ".", ";", ":", "but", "while", "whereas", "which", "who":
			return false
		}
	}
	return false
}

// coordinatedHead reports whether gap is a noun coordinated with the
// nominal cue next ("committed to the protection and promotion of human
// rights"): the two heads share the "of" object, so the cue before them
// governs it.
func coordinatedHead(gap []Token, next cueHit) bool {
	if len(gap) > 0 && gap[0].Norm == "the" {
		gap = gap[1:]
	}
	if len(gap) != 2 || gap[1].Norm != "and" || !gap[0].Word || gap[0].Upper {
		return false
	}
	return strings.HasSuffix(next.cue.Phrase, " of")
}

// appositive reports whether the words between two targets open a
// description of the first ("fight slavery — one of the major organized
// crime models of our time"): what describes the object is not a second
// object.
func appositive(gap []Token) bool {
	if len(gap) > 0 && gap[0].Norm == "," {
		gap = gap[1:] // a dash is no token; a comma is
	}
	return len(gap) >= 2 && gap[0].Norm == "one" && gap[1].Norm == "of"
}

// infinitiveAfter reports whether the words between two targets start a
// second infinitive, "and to" and a verb ("efforts to fight terrorism ...
// and to provide humanitarian aid"), rather than a second object of the
// same preposition ("committed to international humanitarian law and to
// the prevention of conflicts").
func infinitiveAfter(gap []Token) bool {
	for i := 0; i+2 < len(gap); i++ {
		if gap[i].Norm != "and" || gap[i+1].Norm != "to" {
			continue
		}
		w := gap[i+2]
		if !w.Word || w.Upper || determiners[w.Norm] || nominal(w.Norm) {
			return false
		}
		return true
	}
	return false
}

// relativeEnd are words that follow a relative clause "the N we want"
// rather than an object of "we want".
var relativeEnd = map[string]bool{"is": true, "are": true, "was": true, "must": true, "should": true, "will": true,
	"can": true, "cannot": true, "has": true, "have": true, "requires": true, "require": true, "means": true,
	"for": true, "and": true, "or": true, "in": true, "within": true, "with": true, "by": true, "at": true,
	"to": true, "that": true, "where": true, "which": true, "demands": true, "calls": true}

// clauseOpeners may stand before a subject pronoun that opens a clause.
var clauseOpeners = map[string]bool{"and": true, "but": true, "so": true, "today": true, "now": true, "therefore": true,
	"also": true, "what": true, "because": true, "that": true, "if": true, "as": true, "when": true, "thus": true,
	"together": true, "here": true, "hence": true, "finally": true, "first": true, "secondly": true, "why": true}

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true, "who": true, "which": true, "that": true}

var determiners = map[string]bool{"the": true, "a": true, "an": true, "all": true, "our": true, "its": true,
	"their": true, "this": true, "that": true, "these": true, "those": true, "his": true, "her": true, "my": true}

// nominal reports whether w looks like a noun by its ending.
func nominal(w string) bool {
	for _, suf := range []string{"ion", "ment", "ity", "ance", "ence", "ism", "ness", "ship", "ies"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return w == "respect"
}

// modalBefore reports whether hit, a weak verb of support ("promote",
// "strengthen"), is governed by the advocacy modal just before it
// ("we must promote", "we need to further strengthen").
func modalBefore(toks []Token, prev, hit cueHit) bool {
	if prev.cue.Class != "advocacy" || prev.cue.Stance != "supports" || hit.cue.Stance != "supports" ||
		hit.cue.Weight >= topicCueWeight || hit.cue.Role != "object" {
		return false
	}
	switch hit.start - prev.end {
	case 0:
		return true
	case 1:
		switch toks[prev.end].Norm {
		case "also", "further", "jointly", "collectively", "urgently", "fully", "effectively", "all", "actively", "continue", "therefore":
			return true
		}
	}
	return false
}

func relativePronoun(w string) bool { return w == "that" || w == "which" || w == "who" }

// relativeHead keeps, of the targets before a relative pronoun at rel,
// the one that ends at it (a comma may stand between), or none.
func relativeHead(toks []Token, ts []Mention, rel int) []Mention {
	end := rel
	if end > 0 && toks[end-1].Norm == "," {
		end--
	}
	for _, t := range ts {
		// "a social protection network that is essential": a noun
		// after the name may head the compound.
		if t.TokEnd == end || t.TokEnd == end-1 && toks[end-1].Word && !toks[end-1].Upper && !subjectPreps[toks[end-1].Norm] && toks[end-1].Norm != "and" {
			return []Mention{t}
		}
	}
	return nil
}

// passiveParticiples are the cues that read as a judgement in the passive;
// "is committed to" and "is opposed to" keep their active sense.
var passiveParticiples = map[string]bool{"supported": true, "welcomed": true, "endorsed": true, "reaffirmed": true,
	"ratified": true, "signed": true, "rejected": true, "condemned": true, "denounced": true}

// passiveJudgement reports whether a one-word participle cue of support
// or opposition is in the passive with no agent ("must be condemned",
// "is strongly supported", "should be welcomed"): its target is the
// subject before it.
func passiveJudgement(toks []Token, t0, t1 int, hit cueHit) bool {
	if hit.end-hit.start != 1 || hit.cue.Role != "object" || !passiveParticiples[toks[hit.start].Norm] {
		return false
	}
	if hit.end < t1 && toks[hit.end].Norm == "by" {
		return false // an agent follows: "was supported by 120 States"
	}
	i := hit.start - 1
	if i > t0 && strings.HasSuffix(toks[i].Norm, "ly") {
		i-- // "be strongly condemned"
	}
	if i < t0 {
		return false
	}
	switch toks[i].Norm {
	case "be", "is", "are", "been", "being":
		return true
	}
	return false
}

// subordinate reports whether the words between two targets open a
// clause of their own ("compliance with the Charter, especially when the
// right of self-defence is invoked"): what it names is no object.
func subordinate(gap []Token) bool { return anyWord(gap, subordinators) }

var subordinators = wordSet("when", "whenever", "if", "unless", "because", "although", "though", "while", "whereas", "since", "after", "until")

// anyWord reports whether a token of toks is one of set.
func anyWord(toks []Token, set map[string]bool) bool {
	for _, t := range toks {
		if set[t.Norm] {
			return true
		}
	}
	return false
}

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// modelledOn reports whether the words after a cue say its object is
// only like the name that follows ("a coalition modelled on X").
func modelledOn(gap []Token) bool {
	for i := 0; i+1 < len(gap); i++ {
		switch gap[i].Norm {
		case "modelled", "modeled", "patterned":
			if gap[i+1].Norm == "on" || gap[i+1].Norm == "after" {
				return true
			}
		}
	}
	return false
}

// adjunctClause reports whether the words between a cue and its first
// target open a clause of time or reason ("especially after the mixed
// outcome of the MDGs"); a condition ("if we are to leave no one
// behind") may still state the goal.
func adjunctClause(gap []Token) bool { return anyWord(gap, adjunctOpeners) }

var adjunctOpeners = wordSet("after", "until", "because", "although", "though", "whereas", "since")

// againstPrinciple reports whether the name at tok is what an act
// condemned is "against" ("condemns any military action by any State
// against the independence, sovereignty and territorial integrity of
// another State"): the words between "against" and the name are a list
// of nouns.
func (s *sentence) againstPrinciple(lo, tok int) bool {
	toks := s.st.Tokens
	for _, m := range s.mentions {
		if m.Tok >= lo && m.TokEnd <= tok && m.Kind == MentionEntity {
			lo = maxInt(lo, m.TokEnd) // "the fight against climate change and quality education"
		}
	}
	for j := tok - 1; j >= lo; j-- {
		switch w := toks[j].Norm; {
		case w == "against":
			return true
		case w == "the" || w == "," || w == "and" || w == "its" || w == "their" || toks[j].Word && !toks[j].Upper && !subjectPreps[w] && w != "to" && w != "that" && w != "which" && w != "is" && w != "are":
		default:
			return false
		}
	}
	return false
}

// postNominal reports whether t, the word before a participle cue, is a
// noun the participle describes rather than a verb or adverb that makes
// it a predicate ("we are dedicated to", "remain fully dedicated to").
func postNominal(t Token) bool {
	if !t.Word || t.Upper {
		return t.Word // "the Summit dedicated to": a name
	}
	switch t.Norm {
	case "is", "are", "am", "be", "been", "being", "was", "were", "remain", "remains", "remained", "stay", "stays", "we", "i", "they", "fully", "deeply", "firmly", "strongly", "also", "always", "still", "truly", "wholly", "entirely", "totally", "resolutely", "particularly", "equally", "very", "so", "more", "most":
		return false
	}
	return !strings.HasSuffix(t.Norm, "ly")
}

func modalWord(w string) bool {
	switch w {
	case "must", "should", "shall", "will", "can", "to", "we", "i", "also", "always", "truly", "genuinely", "all":
		return true
	}
	return false
}

// idleCue reports whether the cue phrase at tokens [i, end) is here no cue at
// all: "in practice" and "the practice of" (a verb only after a modal:
// "we should practice true multilateralism"), and "a session dedicated
// to X", which describes the session.
func idleCue(toks []Token, t0 int, phrase string, i, end int) bool {
	switch phrase {
	case "practice", "practise":
		return i == t0 || !modalWord(toks[i-1].Norm)
	case "dedicated to", "devoted to":
		return i > t0 && postNominal(toks[i-1])
	case "launch", "proposed", "launched", "introduced", "submitted", "presented", "initiated":
		// "the proposed fissile material treaty", "the theme proposed
		// for this debate": a participle describing a noun proposes
		// nothing.
		if i > t0 {
			p := toks[i-1]
			return determiners[p.Norm] || !p.Upper && p.Word && postNominal(p) && !pronouns[p.Norm]
		}
	case "we want", "we need", "we all want", "we all need":
		// "the future we want", "the United Nations we need": a relative
		// clause after a noun, whose object is that noun.
		if i > t0 && toks[i-1].Word && !clauseOpeners[toks[i-1].Norm] {
			return end >= len(toks) || !toks[end].Word || relativeEnd[toks[end].Norm]
		}
	case "opposition to", "support for":
		// "global opposition to gender equality is on the rise"
		// describes a trend, nobody's stance.
		if i > t0 {
			switch toks[i-1].Norm {
			case "global", "growing", "increasing", "rising", "widespread", "popular", "public":
				return true
			}
		}
	}
	return false
}

// obliged reports whether a modal of obligation ("must", "should",
// "ought to", "need to", "has to") stands in toks[lo:hi], before a cue.
func obliged(toks []Token, lo, hi int) bool {
	for j := lo; j < hi; j++ {
		switch toks[j].Norm {
		case "must", "should", "ought":
			return true
		case "need", "needs", "has", "have":
			if j+1 < len(toks) && toks[j+1].Norm == "to" {
				return true
			}
		}
	}
	return false
}

// speakerOnly reports whether every actor is the speaker or the speaking
// delegation (or "we"): then the modal changes nothing.
func speakerOnly(actors []ActorRef, speaker, delegation *data.Entity) bool {
	for _, a := range actors {
		if a.Unnamed != "" || a.Entity != nil && a.Entity != speaker && a.Entity != delegation {
			return false
		}
	}
	return true
}

// comparative reports whether gap joins a subject to actors it is
// compared with: "Sweden – like the EU and the United States – believes
// in ...", "Norway, along with Iceland, supports ...".
func comparative(gap []Token) bool {
	if len(gap) > 0 && gap[0].Norm == "," {
		gap = gap[1:]
	}
	if len(gap) > 0 && gap[len(gap)-1].Norm == "the" {
		gap = gap[:len(gap)-1]
	}
	switch len(gap) {
	case 1:
		return gap[0].Norm == "like" || gap[0].Norm == "alongside"
	case 2:
		return (gap[0].Norm == "along" || gap[0].Norm == "together") && gap[1].Norm == "with" || gap[0].Norm == "just" && gap[1].Norm == "like"
	}
	return false
}

// thirdPersonSubject reports whether the subject right before a cue is
// "he", "she" or "they" (with an auxiliary between): someone the
// statement does not name.
func thirdPersonSubject(toks []Token, lo, cue int) bool {
	j := cue - 1
	for j >= lo && (toks[j].Norm == "has" || toks[j].Norm == "have" || toks[j].Norm == "had" || toks[j].Norm == "also" || toks[j].Norm == "just" || toks[j].Norm == "recently") {
		j--
	}
	return j >= lo && (toks[j].Norm == "he" || toks[j].Norm == "she" || toks[j].Norm == "they")
}

// domainOf reports whether the name at tok follows "for", "under" or
// "within" after a proposal cue ending at lo: the proposal is about it or
// made under it, and is not it.
func domainOf(toks []Token, lo, tok int) bool {
	j := tok - 1
	for j > lo && (toks[j].Norm == "the" || toks[j].Norm == "its" || toks[j].Norm == "our") {
		j--
	}
	if j < lo {
		return false
	}
	switch toks[j].Norm {
	case "for", "under", "within", "towards", "toward":
		// "a draft resolution for an annual World Interfaith Harmony
		// Week": after a proposal noun, "for" names what is proposed.
		if j > lo && toks[j].Norm == "for" && (ownedProposals[toks[j-1].Norm] || toks[j-1].Norm == "resolution") {
			return false
		}
		return true
	}
	return false
}

// namesProposal reports whether a proposal's name holds a word that makes
// it one ("Initiative", "Plan", "Proposal").
func namesProposal(toks []Token, m Mention) bool {
	for _, t := range toks[m.Tok:m.TokEnd] {
		if ownedProposals[t.Norm] || proposalHeads[t.Norm] && !sharedHeads[t.Norm] {
			return true
		}
	}
	return false
}

// sharedHeads end the names of texts all parties share ("our 2030
// Agenda", "our Paris Agreement"), which "our" does not make one's own.
var sharedHeads = wordSet("agenda", "agreement", "convention", "treaty", "charter")

// violated reports whether a verb of violating stands in toks[lo:hi]
// before a name: "cannot accept any attempt to violate the territorial
// integrity of any State" upholds it. Only an opposing cue is turned so:
// under "commit to ... avoiding actions that violate the Charter" the
// avoidance turns it back.
func violated(toks []Token, lo, hi int) bool { return anyWord(toks[lo:hi], violations) }

var violations = wordSet("violate", "violates", "infringe", "infringes", "breach", "breaches", "undermine", "undermines")

// asClause reports whether "as" opens a clause before the name at tok
// ("as the United Nations celebrates"): "as" then an article or a name.
func asClause(toks []Token, lo, tok int) bool {
	j := wordBefore(toks, lo, tok)
	return j >= lo && toks[j].Norm == "as" && (j == 0 || toks[j-1].Norm != "such") && j+1 < len(toks) && (toks[j+1].Norm == "the" || toks[j+1].Upper)
}
