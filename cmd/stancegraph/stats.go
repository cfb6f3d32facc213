package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

type statsOptions struct {
	Out    io.Writer
	Format string
}

func newStatsCmd(g *globalOptions) *cobra.Command {
	o := &statsOptions{}
	cmd := &cobra.Command{
		Use:   "stats [--format table|json]",
		Short: "Count statements, actors, targets and edges in the store",
		Long: `stats prints how many statements, actors and targets the store holds, the
stance edges by predicate, and statements by forum and by year.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out = cmd.OutOrStdout()
			return runStats(cmd.Context(), g, o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "table", "output format: table or json")
	return cmd
}

func runStats(ctx context.Context, g *globalOptions, o *statsOptions) error {
	if o.Format != "table" && o.Format != "json" {
		return usagef("unknown format %q: use table or json", o.Format)
	}
	store, err := g.open(ctx, true)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	if o.Format == "json" {
		enc := json.NewEncoder(o.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	tw := tabwriter.NewWriter(o.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "quads\t%d\n", st.Quads)
	fmt.Fprintf(tw, "statements\t%d\n", st.Statements)
	fmt.Fprintf(tw, "actors\t%d\n", st.Actors)
	fmt.Fprintf(tw, "targets\t%d\n", st.Targets)
	section := func(title string, m map[string]int) {
		if len(m) == 0 {
			return
		}
		fmt.Fprintf(tw, "\n%s\t\n", title)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(tw, "  %s\t%d\n", shortIRI(k), m[k])
		}
	}
	section("edges by predicate", st.ByPredicate)
	section("statements by forum", st.ByForum)
	section("statements by year", st.ByYear)
	return tw.Flush()
}

// shortIRI drops the angle brackets and the namespace of our IRIs.
func shortIRI(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	for _, p := range []string{"https://stancegraph.org/ns#", "https://stancegraph.org/id/"} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}
