package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/stancegraph/stancegraph/schema"
)

func newSchemaCmd(g *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "schema [--format table|json]",
		Short: "Print the vocabulary: classes and predicates with their IRIs and meanings",
		Long: `schema prints every class and predicate stancegraph writes, with its full IRI,
what it means, and the public vocabulary term it corresponds to (schema.org,
Popolo, W3C ORG, PROV-O, Dublin Core) where there is one.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSchema(cmd.OutOrStdout(), format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

func runSchema(w io.Writer, format string) error {
	switch format {
	case "json":
		type term struct {
			IRI     string `json:"iri"`
			Kind    string `json:"kind"`
			Comment string `json:"comment"`
			Matches string `json:"matches,omitempty"`
		}
		var out []term
		for _, t := range schema.Terms {
			k := "predicate"
			if t.Class {
				k = "class"
			}
			out = append(out, term{string(t.IRI), k, t.Comment, t.Matches})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "table":
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "KIND\tIRI\tMEANING\tMATCHES")
		for _, t := range schema.Terms {
			k := "predicate"
			if t.Class {
				k = "class"
			}
			fmt.Fprintf(tw, "%s\t<%s>\t%s\t%s\n", k, string(t.IRI), t.Comment, t.Matches)
		}
		return tw.Flush()
	}
	return usagef("unknown format %q: use table or json", format)
}
