package data_test

import (
	"fmt"
	"testing/fstest"

	"github.com/stancegraph/stancegraph/data"
)

// ExampleParseFS loads a gazetteer from memory; every bad row is reported
// with its file, line and cell.
func ExampleParseFS() {
	fsys := fstest.MapFS{
		"topics.tsv": {Data: []byte("key\tlabel\tclass\n" +
			"methane\tmethane emissions\tTopic\n" +
			"bad key\tX\tTopic\n" +
			"ozone\tozone layer\tState\n")},
	}
	g, err := data.ParseFS(fsys)
	fmt.Println(g == nil)
	fmt.Println(err)
	// Output:
	// true
	// 2 problems in gazetteers:
	// 	topics.tsv:3:1: bad key "bad key" (use letters, digits, '.', '_' and '-')
	// 	topics.tsv:4:3: class "State" not allowed for kind topic (want one of Topic, Norm, Proposal)
}

// ExampleGazetteers_Members lists the members of a group on a date.
func ExampleGazetteers_Members() {
	g, err := data.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(g.Members("org/eu", "2019-01-01")), len(g.Members("org/eu", "2024-01-01")))
	fmt.Println(g.Lookup("proposal/cyber-poa").Label)
	// Output:
	// 28 27
	// Programme of Action
}
