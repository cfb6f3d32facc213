package graph

import (
	"fmt"
	"strconv"

	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/schema"
)

// Sizes of the synthetic corpus, as in CAYLEY-NOTES: 200 states, 50
// forums and 500 proposals.
const (
	corpusStates    = 200
	corpusForums    = 50
	corpusProposals = 500
)

// corpusLabel returns the IRI of synthetic statement i.
func corpusLabel(i int) quad.IRI {
	return schema.StatementIRI(fmt.Sprintf("corpus/%04d/statement-%06d.txt", i/1000, i), 0)
}

// corpusBatch returns synthetic statement i: exactly 30 quads labelled with
// its IRI, shaped like the extractor's output (statement metadata, two
// claims, stance edges). Version varies the fingerprint, so a corpus can
// be rewritten with changes.
func corpusBatch(i int, version string) Batch {
	st := corpusLabel(i)
	state := func(n int) quad.IRI { return schema.EntityIRI(schema.KindState, fmt.Sprintf("S%03d", n%corpusStates)) }
	proposal := func(n int) quad.IRI {
		return schema.EntityIRI(schema.KindProposal, "proposal-"+strconv.Itoa(n%corpusProposals))
	}
	actor := state(i * 7)
	forum := schema.EntityIRI(schema.KindForum, "forum-"+strconv.Itoa(i%corpusForums))
	p1, p2 := proposal(i*13), proposal(i*31+5)
	c1, c2 := schema.ClaimIRI(st, 1), schema.ClaimIRI(st, 2)
	year := 2000 + i%25
	q := func(s quad.IRI, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: st}
	}
	quads := []quad.Quad{
		q(st, schema.Type, schema.Statement),
		q(st, schema.ForumP, forum),
		q(st, schema.Year, schema.Typed(strconv.Itoa(year), schema.XSDGYear)),
		q(st, schema.Date, schema.Typed(fmt.Sprintf("%d-03-%02d", year, 1+i%28), schema.XSDDate)),
		q(st, schema.Delegation, actor),
		q(st, schema.Speaker, schema.PersonIRI(fmt.Sprintf("Speaker %d", i%900))),
		q(st, schema.SHA256, schema.String(fmt.Sprintf("%064x", i))),
		q(st, schema.ExtractorVersion, schema.String(version)),
		q(st, schema.Turn, schema.Int(i%40)),
		q(st, schema.Language, schema.String("en")),
		q(st, schema.Text, schema.String(fmt.Sprintf("Statement %d. We support proposal %d.\nWe oppose proposal %d.", i, i*13%corpusProposals, (i*31+5)%corpusProposals))),
		q(st, schema.SourcePath, schema.String(fmt.Sprintf("corpus/statement-%06d.txt", i))),
		q(c1, schema.Type, schema.Claim),
		q(c1, schema.InStatement, st),
		q(c1, schema.Actor, actor),
		q(c1, schema.StanceP, schema.Supports),
		q(c1, schema.Target, p1),
		q(c1, schema.Cue, schema.String("support")),
		q(c1, schema.Confidence, schema.Decimal(0.9)),
		q(c1, schema.Start, schema.Int(0)),
		q(c2, schema.Type, schema.Claim),
		q(c2, schema.InStatement, st),
		q(c2, schema.Actor, actor),
		q(c2, schema.StanceP, schema.Opposes),
		q(c2, schema.Target, p2),
		q(c2, schema.Cue, schema.String("oppose")),
		q(c2, schema.Procedural, schema.Bool(false)),
		q(actor, schema.Supports, p1),
		q(actor, schema.Opposes, p2),
		q(actor, schema.AlignsWith, state(i*7+1)),
	}
	return Batch{Label: st, Quads: quads}
}

// corpus returns statements from..to-1 of the synthetic corpus.
func corpus(from, to int, version string) []Batch {
	out := make([]Batch, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, corpusBatch(i, version))
	}
	return out
}
