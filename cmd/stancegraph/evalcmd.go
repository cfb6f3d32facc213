package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/stancegraph/stancegraph/eval"
)

type evalOptions struct {
	Out     io.Writer
	Dirs    []string
	Format  string
	Verbose bool
	MinConf float64
}

func newEvalCmd(g *globalOptions) *cobra.Command {
	o := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval GOLD_DIR...",
		Short: "Measure extraction against hand-annotated statements",
		Long: `eval extracts every statement of GOLD_DIR that has a NAME.gold.tsv beside it and
prints precision, recall and F1 per predicate and overall, and the accuracy of
the metadata (NAME.meta.tsv). See eval/testdata/GUIDE.md for the format.

"clear" scores recall against the clear gold edges only; "all" against every
gold edge. A predicted edge counts as right if it matches any gold edge.`,
		Example: `  stancegraph eval eval/testdata/dev
  stancegraph eval -v eval/testdata/dev | grep missed`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("eval needs a GOLD_DIR")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.Dirs = cmd.OutOrStdout(), args
			return runEval(cmd.Context(), g, o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "table", "output format: table or json")
	cmd.Flags().BoolVarP(&o.Verbose, "verbose", "v", false, "list every missed and spurious edge and metadata error")
	cmd.Flags().Float64Var(&o.MinConf, "min-confidence", 0, "count only edges with a claim at least this confident")
	return cmd
}

func runEval(ctx context.Context, g *globalOptions, o *evalOptions) error {
	p, err := g.pipeline()
	if err != nil {
		return err
	}
	var reports []*eval.Report
	for _, d := range o.Dirs {
		r, err := eval.RunMin(d, p, o.MinConf)
		if err != nil {
			return fmt.Errorf("eval %s: %w", d, err)
		}
		reports = append(reports, r)
	}
	if o.Format == "json" {
		type row struct {
			Dir                                 string
			Statements                          int
			Precision, RecallClear, F1Clear     float64
			RecallAll, F1All, MetaAccuracy      float64
			TP, FP, FNClear, FNAll, MetaGuessed int
			ByPredicate                         map[string]eval.Counts
		}
		var out []row
		for _, r := range reports {
			bp := map[string]eval.Counts{}
			for k, v := range r.ByPred {
				bp[k] = *v
			}
			out = append(out, row{r.Dir, r.Statements, r.Clear.Precision(), r.Clear.Recall(), r.Clear.F1(),
				r.All.Recall(), r.All.F1(), r.MetaAccuracy(), r.All.TP, r.All.FP, r.Clear.FN, r.All.FN, r.MetaGuessed, bp})
		}
		enc := json.NewEncoder(o.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(o.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SET\tPREDICATE\tTP\tFP\tFN\tPRECISION\tRECALL\tF1")
	for _, r := range reports {
		preds := make([]string, 0, len(r.ByPred))
		for k := range r.ByPred {
			preds = append(preds, k)
		}
		sort.Strings(preds)
		for _, k := range preds {
			c := r.ByPred[k]
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", r.Dir, k, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
		}
		fmt.Fprintf(tw, "%s\tall (clear)\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", r.Dir, r.Clear.TP, r.Clear.FP, r.Clear.FN, r.Clear.Precision(), r.Clear.Recall(), r.Clear.F1())
		fmt.Fprintf(tw, "%s\tall (clear+soft)\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", r.Dir, r.All.TP, r.All.FP, r.All.FN, r.All.Precision(), r.All.Recall(), r.All.F1())
		fmt.Fprintf(tw, "%s\tmetadata\t%d/%d right\t%d guessed\t\t%.3f\t\t\n", r.Dir, r.MetaRight, r.MetaTotal, r.MetaGuessed, r.MetaAccuracy())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if o.Verbose {
		for _, r := range reports {
			for _, l := range append(append(r.Misses, r.Spurious...), r.MetaErrors...) {
				fmt.Fprintln(o.Out, l)
			}
		}
	}
	return ctx.Err()
}
