package serve

import "github.com/cayleygraph/quad"

func quadIRI(s string) quad.IRI { return quad.IRI(s) }
