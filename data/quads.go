package data

import (
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/stancegraph/stancegraph/schema"
)

// IRI returns the IRI of e (schema.EntityIRI of its kind and key).
func (g *Gazetteers) IRI(e *Entity) quad.IRI { return schema.EntityIRI(string(e.Kind), e.Key) }

// IRIOf returns the IRI of the entity with id "kind/key". It does not
// check that the entity exists.
func IRIOf(id string) quad.IRI {
	kind, key, _ := strings.Cut(id, "/")
	return schema.EntityIRI(kind, key)
}

// WikidataIRI returns the IRI of a Wikidata item from its Q-id.
func WikidataIRI(qid string) quad.IRI { return quad.IRI("http://www.wikidata.org/entity/" + qid) }

// MembershipIRI returns the IRI of the node for m.
func MembershipIRI(m *Membership) quad.IRI {
	return schema.EntityIRI(schema.KindMembership, schema.Slug(m.Member+" "+m.Group+" "+m.From))
}

// PostIRI returns the IRI of the node for p.
func PostIRI(p *Post) quad.IRI {
	return schema.EntityIRI(schema.KindPost, schema.Slug(p.Forum+" "+p.Role+" "+p.Holder+" "+p.From))
}

// Quads returns the gazetteer graph: every entity with its class, label,
// aliases, demonyms, codes, symbol, Wikidata item, parent and source;
// every membership as a schema.Membership node (and a direct
// schema.MemberOf edge when it has no end date); every post as a
// schema.Post node with its holder, a schema.Person; and the
// schema.GazetteerGraph node with the version. Every quad's label is
// schema.GazetteerGraph and every IRI node has an rdfs:label. The quads
// are sorted (quad.ByQuadString) and without duplicates.
func (g *Gazetteers) Quads() []quad.Quad {
	var qs []quad.Quad
	add := func(s quad.IRI, p quad.IRI, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: schema.GazetteerGraph})
	}
	str := func(s string) quad.Value { return schema.String(s) }
	date := func(s string) quad.Value { return schema.Typed(s, schema.XSDDate) }
	classes := make(map[quad.IRI]bool)
	label := func(id string) string {
		if e := g.Lookup(id); e != nil {
			return e.Label
		}
		return id
	}

	add(schema.GazetteerGraph, schema.Type, schema.Gazetteer)
	add(schema.GazetteerGraph, schema.Label, str("stancegraph gazetteer"))
	add(schema.GazetteerGraph, schema.Version, str(g.Version))
	classes[schema.Gazetteer] = true

	for _, e := range g.Entities {
		s := g.IRI(e)
		class := quad.IRI(e.Class)
		if class == "" {
			class = quad.IRI(classByName[classesOf[e.Kind][0]])
		}
		classes[class] = true
		add(s, schema.Type, class)
		add(s, schema.Label, str(e.Label))
		for _, a := range e.Aliases {
			add(s, schema.Alias, str(a))
		}
		for _, a := range e.CaseSensitive {
			add(s, schema.Alias, str(a))
		}
		for _, d := range e.Demonyms {
			add(s, schema.Demonym, str(d))
		}
		if e.ISO2 != "" {
			add(s, schema.ISO2, str(e.ISO2))
		}
		if e.ISO3 != "" {
			add(s, schema.ISO3, str(e.ISO3))
		}
		if e.M49 != "" {
			add(s, schema.M49, str(e.M49))
		}
		if e.Symbol != "" {
			add(s, schema.Symbol, str(e.Symbol))
		}
		if e.Wikidata != "" {
			w := WikidataIRI(e.Wikidata)
			add(s, schema.Wikidata, w)
			add(w, schema.Label, str(e.Wikidata))
		}
		if e.PartOf != "" {
			add(s, schema.PartOf, IRIOf(e.PartOf))
		}
		if e.From != "" {
			add(s, schema.From, date(e.From))
		}
		if e.Until != "" {
			add(s, schema.Until, date(e.Until))
		}
		if e.Source != "" {
			add(s, schema.Source, str(e.Source))
		}
	}

	for i := range g.Memberships {
		m := &g.Memberships[i]
		n := MembershipIRI(m)
		member, group := IRIOf(m.Member), IRIOf(m.Group)
		if m.Current() {
			add(member, schema.MemberOf, group)
		}
		classes[schema.Membership] = true
		add(n, schema.Type, schema.Membership)
		add(n, schema.Label, str(label(m.Member)+" in "+label(m.Group)+period(m.From, m.Until)))
		add(n, schema.Member, member)
		add(n, schema.Organisation, group)
		if m.From != "" {
			add(n, schema.From, date(m.From))
		}
		if m.Until != "" {
			add(n, schema.Until, date(m.Until))
		}
		if m.Source != "" {
			add(n, schema.Source, str(m.Source))
		}
	}

	for i := range g.Posts {
		p := &g.Posts[i]
		n := PostIRI(p)
		person := schema.PersonIRI(p.Holder)
		classes[schema.Post] = true
		classes[schema.Person] = true
		add(n, schema.Type, schema.Post)
		add(n, schema.Label, str(p.Role+" of "+label(p.Forum)+": "+p.Holder+period(p.From, p.Until)))
		add(n, schema.Role, str(p.Role))
		add(n, schema.Holder, person)
		add(n, schema.Organisation, IRIOf(p.Forum))
		if p.From != "" {
			add(n, schema.From, date(p.From))
		}
		if p.Until != "" {
			add(n, schema.Until, date(p.Until))
		}
		if p.Source != "" {
			add(n, schema.Source, str(p.Source))
		}
		add(person, schema.Type, schema.Person)
		add(person, schema.Label, str(p.Holder))
	}

	// The classes used are IRI nodes too; give them their names.
	for c := range classes {
		add(c, schema.Label, str(strings.TrimPrefix(string(c), schema.NS)))
	}

	sort.Sort(quad.ByQuadString(qs))
	out := qs[:0]
	for i, q := range qs {
		if i > 0 && q == qs[i-1] {
			continue
		}
		out = append(out, q)
	}
	return out
}

// period formats a date range for a label: " (2021-06-01–2025-07-11)".
func period(from, until string) string {
	if from == "" && until == "" {
		return ""
	}
	return " (" + from + "\u2013" + until + ")"
}
