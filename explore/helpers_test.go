package explore_test

import "github.com/cayleygraph/quad"

func quadIRI(s string) quad.IRI { return quad.IRI(s) }
