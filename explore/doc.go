// Package explore answers questions about a stance graph from memory.
//
// Load reads every quad of a graph.Store once and builds a View: the
// gazetteer entities (labels, aliases, ISO codes, types, memberships),
// the statements (delegation, forum, session, date, speaker, text) and
// their claims (actor, stance, target, confidence, evidence sentence and
// its code-point offsets into the statement text). A View is read-only
// and safe for concurrent use; all its queries run without touching the
// store, which is how the explorer web server answers quickly.
//
// Names are resolved by View.Lookup: an IRI, a label, an alias, an ISO
// code or a demonym, compared without case or accents. A name that
// matches nothing gives a *NotFoundError with "did you mean" suggestions;
// one that matches several entities equally well gives an
// *AmbiguousError that lists them.
//
// The questions are View.Explore (an actor's stances, a target's
// supporters and opponents, a forum's speakers), View.Compare (where two
// actors agree and differ), View.Blocs (actors clustered by shared
// stances with gonum's Louvain community detection), View.Timeline
// (stances on a target per year and session, with Chart for an image)
// and View.Dot (an entity's neighbourhood as Graphviz DOT).
package explore
