package graph_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/graph"
	"github.com/stancegraph/stancegraph/schema"
)

func Example() {
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Options{Backend: graph.Memstore})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	st := schema.StatementIRI("ga/2021/chn.txt", 0)
	chn := schema.EntityIRI(schema.KindState, "CHN")
	poa := schema.EntityIRI(schema.KindProposal, "programme-of-action")
	q := func(s, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: st}
	}
	res, err := s.ReplaceGraphs(ctx, []graph.Batch{{Label: st, Quads: []quad.Quad{
		q(st, schema.Type, schema.Statement),
		q(st, schema.SHA256, quad.String("9f86d081")),
		q(st, schema.ExtractorVersion, quad.String("v1")),
		q(chn, schema.Supports, poa),
	}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", res)

	sha, version, ok, err := s.Fingerprint(ctx, st)
	fmt.Println(sha, version, ok, err)

	rs, err := s.Query(ctx, `g.V("<`+string(chn)+`>").Out("<`+string(schema.Supports)+`>").All()`, graph.QueryOptions{})
	fmt.Println(rs, err)

	// Replacing the graph with the same quads changes nothing.
	res, _ = s.ReplaceGraphs(ctx, []graph.Batch{{Label: st, Quads: []quad.Quad{
		q(st, schema.Type, schema.Statement),
		q(st, schema.SHA256, quad.String("9f86d081")),
		q(st, schema.ExtractorVersion, quad.String("v1")),
		q(chn, schema.Supports, poa),
	}}})
	fmt.Printf("%+v\n", res)

	if _, err := s.ExportSorted(ctx, os.Stdout, "nquads"); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {Graphs:1 Added:4 Removed:0}
	// 9f86d081 v1 true <nil>
	// [map[id:<https://stancegraph.org/id/proposal/programme-of-action>]] <nil>
	// {Graphs:0 Added:0 Removed:0}
	// <https://stancegraph.org/id/state/CHN> <https://stancegraph.org/ns#supports> <https://stancegraph.org/id/proposal/programme-of-action> <https://stancegraph.org/id/statement/ga/2021/chn.txt> .
	// <https://stancegraph.org/id/statement/ga/2021/chn.txt> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://stancegraph.org/ns#Statement> <https://stancegraph.org/id/statement/ga/2021/chn.txt> .
	// <https://stancegraph.org/id/statement/ga/2021/chn.txt> <https://stancegraph.org/ns#extractorVersion> "v1" <https://stancegraph.org/id/statement/ga/2021/chn.txt> .
	// <https://stancegraph.org/id/statement/ga/2021/chn.txt> <https://stancegraph.org/ns#sha256> "9f86d081" <https://stancegraph.org/id/statement/ga/2021/chn.txt> .
}
