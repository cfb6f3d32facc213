// Package data holds stancegraph's gazetteers and loads them: the states,
// groups, organisations, forums, sessions, proposals and topics that
// statements are about (Entity), who belongs to which group when
// (Membership), who chaired what when (Post), the stance cue lexicon
// (Cue), the negation and hedging triggers, and the phrases for the
// speaking delegation and for unnamed actors.
//
// The gazetteers are tab-separated files with a header row, embedded in
// the binary (Default) and overridable file by file from a directory
// (LoadDir, LoadFS). Their format is described in README.md next to them.
// Loaders check every row and report every problem with its file and line
// as an ErrorList.
//
// Gazetteers.Quads turns the gazetteers into the triples of the gazetteer
// graph (schema.GazetteerGraph).
//
// states.tsv and memberships-regional.tsv are generated from the
// world-countries data set (ODbL 1.0) by ./internal/gen; see README.md.
package data

//go:generate go run ./internal/gen -out .
