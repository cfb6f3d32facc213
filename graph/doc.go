// Package graph stores stancegraph's quads in a Cayley quad store. It is the
// only package that imports Cayley.
//
// A Store is opened with Open on one of four backends: a bolt directory
// (the default), a leveldb directory, an in-memory store, or a PostgreSQL
// database. What a Store writes is a plain Cayley store: stock
// `cayley --db bolt --dbpath DIR` (or leveldb, or postgres) opens it and
// answers the same queries with the same results.
//
// Every quad extracted from a statement carries the statement's IRI as its
// label, so each statement is a named graph. ReplaceGraphs writes whole
// named graphs (a Batch each) and never splits one across transactions;
// GraphQuads, DeleteGraph and Fingerprint read or remove one named graph
// through a label index, so they do not scan the whole store.
//
// Query runs a query in any language Cayley registers (gizmo, graphql,
// linkedql, mql, sexp) with a limit and a timeout that stops even endless
// scripts. Export and Import move quads in the formats the quad library
// registers; N-Quads literals are read as written, so typed literals keep
// their datatype IRIs and an export of an import is byte-identical.
//
// Cayley needs care in places, and this package takes it: on kv stores
// (bolt, leveldb) adds and deletes of one write share a transaction but go
// through separate Cayley calls, since one call drops nodes from the adds;
// on bolt, reads and commits are kept apart, since Cayley's nested read
// transactions deadlock against a commit that grows the file; on
// PostgreSQL, whole graphs are read and written with set statements
// rather than Cayley's row-at-a-time ones.
//
// The blank imports that register Cayley backends, query languages and quad
// formats are in backends.go, langs.go and formats.go.
package graph
