package graph

// Query languages. Importing them registers them with Cayley's language
// registry; this is the set stock `cayley` registers at the pinned commit.
import (
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql"
	_ "github.com/cayleygraph/cayley/query/linkedql/steps" // linkedql and its steps
	_ "github.com/cayleygraph/cayley/query/mql"
	_ "github.com/cayleygraph/cayley/query/sexp"
)
