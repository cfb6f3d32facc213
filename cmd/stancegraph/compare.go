package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stancegraph/stancegraph/explore"
)

type compareOptions struct {
	Out, ErrOut io.Writer
	A, B        string
	Evidence    bool
	Format      string
	Filter      filterFlags
}

func newCompareCmd(g *globalOptions) *cobra.Command {
	o := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare A B [--evidence] [--format table|json|csv]",
		Short: "Show where two actors agree, disagree, and what only one speaks to",
		Long: `compare looks up two actors (labels, aliases, ISO codes or IRIs) and lists
the targets on which they take the same stance (agree), opposite stances
(one supports or proposes what the other opposes: disagree), and the
targets only one of them takes a stance on.

--evidence adds the evidence sentences of both sides.

Exit status: 0 success, 1 failure or unknown name, 2 bad usage.`,
		Example: `  stancegraph compare China "United States"
  stancegraph compare CHN USA --evidence
  stancegraph compare China Russia --since 2021 --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("compare needs two names, A and B")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut, o.A, o.B = cmd.OutOrStdout(), cmd.ErrOrStderr(), args[0], args[1]
			return runCompare(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.Evidence, "evidence", false, "print the evidence sentences")
	f.StringVar(&o.Format, "format", "table", "output format: table, json or csv")
	o.Filter.register(f)
	return cmd
}

func runCompare(ctx context.Context, g *globalOptions, o *compareOptions) error {
	if err := checkFormat(o.Format); err != nil {
		return err
	}
	opts, err := o.Filter.options(o.Evidence)
	if err != nil {
		return err
	}
	v, err := loadView(ctx, g)
	if err != nil {
		return err
	}
	c, err := v.Compare(o.A, o.B, opts)
	if err != nil {
		return err
	}
	switch o.Format {
	case "json":
		return writeJSON(o.Out, c)
	case "csv":
		w := newRowCSV(o.Out, o.Evidence)
		for _, p := range c.Agree {
			w.rows("agree", []explore.Row{p.A, p.B})
		}
		for _, p := range c.Disagree {
			w.rows("disagree", []explore.Row{p.A, p.B})
		}
		w.rows("only-a", c.OnlyA)
		w.rows("only-b", c.OnlyB)
		return w.flush()
	}
	a, b := c.A.Label, c.B.Label
	fmt.Fprintf(o.Out, "%s <%s>\n%s <%s>\n", a, c.A.IRI, b, c.B.IRI)
	pairs := func(title string, ps []explore.Pair) {
		fmt.Fprintf(o.Out, "\n%s (%d)\n", title, len(ps))
		if len(ps) == 0 {
			return
		}
		tw := tabwriter.NewWriter(o.Out, 2, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "TARGET\t%s\t%s\n", strings.ToUpper(a), strings.ToUpper(b))
		for _, p := range ps {
			fmt.Fprintf(tw, "%s\t%s ×%s\t%s ×%s\n", p.Target.Label, p.A.Stance, strconv.Itoa(p.A.Count), p.B.Stance, strconv.Itoa(p.B.Count))
			if o.Evidence {
				tw.Flush()
				for _, ev := range p.A.Evidence {
					fmt.Fprintf(o.Out, "  %s:\n", a)
					writeEvidence(o.Out, ev)
				}
				for _, ev := range p.B.Evidence {
					fmt.Fprintf(o.Out, "  %s:\n", b)
					writeEvidence(o.Out, ev)
				}
			}
		}
		tw.Flush()
	}
	pairs("Agree", c.Agree)
	pairs("Disagree", c.Disagree)
	only := func(who string, rows []explore.Row) {
		fmt.Fprintf(o.Out, "\nOnly %s (%d)\n", who, len(rows))
		if len(rows) > 0 {
			writeRowTable(o.Out, rows, false, true, o.Evidence)
		}
	}
	only(a, c.OnlyA)
	only(b, c.OnlyB)
	return nil
}
