package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stancegraph/stancegraph/explore"
)

type blocsOptions struct {
	Out, ErrOut io.Writer
	Output      string
	Format      string
	Resolution  float64
	Seed        uint64
	Shared      int
	Filter      filterFlags
}

func newBlocsCmd(g *globalOptions) *cobra.Command {
	o := &blocsOptions{}
	cmd := &cobra.Command{
		Use:   "blocs [--forum F] [--since DATE] [-o FILE]",
		Short: "Cluster states and groups into blocs by the stances they share",
		Long: `blocs clusters the states, groups and organisations that take stances
(unnamed actors such as "some countries" are left out) by what they say.

Each actor's net stance on a target is the sign of its supporting and
proposing claims minus its opposing ones. Two actors agree by

  score = (same + aligned - opposite) / (union + aligned)

where same and opposite count the targets on which their net stances match
or clash, union the targets either speaks to, and aligned is 1 when one
aligns itself with the other. Pairs with a positive score are joined by an
edge of that weight and gonum's Louvain method finds the communities, with
a fixed random seed: the same store gives the same blocs on every run.

Each bloc is printed with its members, its cohesion (mean score over its
pairs) and the positions that at least two members and half the bloc share.
-o writes the agreement graph: .dot, or .svg/.png rendered with Graphviz.

Exit status: 0 success, 1 failure, 2 bad usage.`,
		Example: `  stancegraph blocs
  stancegraph blocs --forum "General Debate" --since 2015 -o blocs.svg
  stancegraph blocs --min-confidence 0.7 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runBlocs(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "also write the agreement graph to this file (.dot, .svg or .png)")
	f.StringVar(&o.Format, "format", "table", "output format: table, json or csv")
	f.Float64Var(&o.Resolution, "resolution", 1, "modularity resolution: higher gives more, smaller blocs")
	f.Uint64Var(&o.Seed, "seed", 1, "seed of the community detection's random source")
	f.IntVar(&o.Shared, "shared", 10, "shared positions to print per bloc in the table (0: all)")
	o.Filter.register(f)
	return cmd
}

func runBlocs(ctx context.Context, g *globalOptions, o *blocsOptions) error {
	if err := checkFormat(o.Format); err != nil {
		return err
	}
	if err := checkImageName(o.Output); err != nil {
		return err
	}
	if o.Resolution <= 0 {
		return usagef("--resolution %v must be above 0", o.Resolution)
	}
	opts, err := o.Filter.options(false)
	if err != nil {
		return err
	}
	v, err := loadView(ctx, g)
	if err != nil {
		return err
	}
	res, err := v.Blocs(explore.BlocOptions{Options: opts, Resolution: o.Resolution, Seed: o.Seed})
	if err != nil {
		return err
	}
	if o.Output != "" {
		if err := renderDot(ctx, res.Dot(), o.Output); err != nil {
			return err
		}
		fmt.Fprintf(o.ErrOut, "wrote %s\n", o.Output)
	}
	switch o.Format {
	case "json":
		return writeJSON(o.Out, res)
	case "csv":
		w := csv.NewWriter(o.Out)
		w.Write([]string{"bloc", "member", "member_iri", "kind", "cohesion"})
		for i, b := range res.Blocs {
			for _, m := range b.Members {
				w.Write([]string{strconv.Itoa(i + 1), m.Label, m.IRI, m.Kind, strconv.FormatFloat(b.Cohesion, 'f', 3, 64)})
			}
		}
		for _, m := range res.Unaligned {
			w.Write([]string{"", m.Label, m.IRI, m.Kind, ""})
		}
		w.Flush()
		return w.Error()
	}
	if len(res.Blocs) == 0 {
		fmt.Fprintln(o.Out, "no blocs: no two actors share a stance (with these filters)")
	}
	for i, b := range res.Blocs {
		names := make([]string, len(b.Members))
		for k, m := range b.Members {
			names[k] = m.Label
		}
		fmt.Fprintf(o.Out, "Bloc %d: %d members, cohesion %.2f\n  %s\n", i+1, len(b.Members), b.Cohesion, strings.Join(names, ", "))
		shared := b.Shared
		if o.Shared > 0 && len(shared) > o.Shared {
			shared = shared[:o.Shared]
		}
		if len(shared) > 0 {
			fmt.Fprintln(o.Out, "  shared positions:")
		}
		for _, p := range shared {
			fmt.Fprintf(o.Out, "    %s %s (%d of %d)\n", p.Stance, p.Target.Label, p.Members, len(b.Members))
		}
		if len(b.Shared) > len(shared) {
			fmt.Fprintf(o.Out, "    ... %d more\n", len(b.Shared)-len(shared))
		}
		fmt.Fprintln(o.Out)
	}
	if len(res.Unaligned) > 0 {
		names := make([]string, len(res.Unaligned))
		for k, m := range res.Unaligned {
			names[k] = m.Label
		}
		fmt.Fprintf(o.Out, "Agreeing with nobody (%d): %s\n", len(names), strings.Join(names, ", "))
	}
	fmt.Fprintf(o.Out, "modularity %.3f\n", res.Modularity)
	return nil
}
