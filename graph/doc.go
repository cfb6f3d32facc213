// Package graph stores stancegraph's quads in a Cayley quad store. It is the
// only package that imports Cayley.
//
// A Store is opened with Open on one of three backends: a bolt directory
// (the default), an in-memory store, or a PostgreSQL database. The files a
// Store writes are plain Cayley stores: stock `cayley --db bolt --dbpath DIR`
// (or `--db postgres`) opens them and answers the same queries.
//
// Every quad extracted from a statement carries the statement's IRI as its
// label, so each statement is a named graph. ReplaceGraphs writes whole
// named graphs (a Batch each) and never splits one across transactions;
// GraphQuads, DeleteGraph and Fingerprint read or remove one named graph
// through a label index, so they do not scan the whole store.
//
// Query runs a query in any language Cayley registers (gizmo, graphql, mql,
// sexp) with a limit and a timeout that stops even endless scripts. Export
// and Import move quads in the formats the quad library registers; N-Quads
// are read raw, so literals keep the datatype IRIs they were written with.
//
// The blank imports that register Cayley backends, query languages and quad
// formats are in backends.go, langs.go and formats.go.
package graph
