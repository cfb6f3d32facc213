package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stancegraph/stancegraph/explore"
)

type timelineOptions struct {
	Out, ErrOut io.Writer
	Target      string
	Output      string
	Format      string
	Filter      filterFlags
}

func newTimelineCmd(g *globalOptions) *cobra.Command {
	o := &timelineOptions{}
	cmd := &cobra.Command{
		Use:   "timeline TARGET [-o chart.png|svg] [--format table|json|csv]",
		Short: "Count the stances on a target per year and per session",
		Long: `timeline looks up TARGET and counts the claims that support, oppose, propose
or align with it, per year and per session, with the number of distinct
actors. -o also draws the yearly counts as a bar chart; the format follows
the file name: .png, .svg or .pdf.

Exit status: 0 success, 1 failure or unknown name, 2 bad usage.`,
		Example: `  stancegraph timeline "Programme of Action"
  stancegraph timeline "unilateral coercive measures" -o ucm.svg
  stancegraph timeline multilateralism --format csv --min-confidence 0.7`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("timeline needs exactly one TARGET")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut, o.Target = cmd.OutOrStdout(), cmd.ErrOrStderr(), args[0]
			return runTimeline(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "also draw a chart into this file (.png, .svg or .pdf)")
	f.StringVar(&o.Format, "format", "table", "output format: table, json or csv")
	o.Filter.register(f)
	return cmd
}

func runTimeline(ctx context.Context, g *globalOptions, o *timelineOptions) error {
	if err := checkFormat(o.Format); err != nil {
		return err
	}
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(o.Output), "."))
	if o.Output != "" && ext != "png" && ext != "svg" && ext != "pdf" {
		return usagef("cannot draw a chart into %s: use a name ending in .png, .svg or .pdf", o.Output)
	}
	opts, err := o.Filter.options(false)
	if err != nil {
		return err
	}
	v, err := loadView(ctx, g)
	if err != nil {
		return err
	}
	tl, err := v.Timeline(o.Target, opts)
	if err != nil {
		return err
	}
	if o.Output != "" {
		f, err := os.Create(o.Output)
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		err = tl.Chart(f, ext)
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write %s: %w", o.Output, cerr)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(o.ErrOut, "wrote %s\n", o.Output)
	}
	switch o.Format {
	case "json":
		return writeJSON(o.Out, tl)
	case "csv":
		w := csv.NewWriter(o.Out)
		w.Write([]string{"kind", "period", "label", "supports", "opposes", "proposes", "alignsWith", "actors"})
		writeBuckets(w, "year", tl.Years)
		writeBuckets(w, "session", tl.Sessions)
		w.Flush()
		return w.Error()
	}
	fmt.Fprintf(o.Out, "%s (%s) <%s>\n", tl.Target.Label, tl.Target.Kind, tl.Target.IRI)
	table := func(title, col string, bs []explore.Bucket) {
		fmt.Fprintf(o.Out, "\n%s\n", title)
		if len(bs) == 0 {
			fmt.Fprintln(o.Out, "  none")
			return
		}
		tw := tabwriter.NewWriter(o.Out, 2, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "%s\tSUPPORTS\tOPPOSES\tPROPOSES\tALIGNS\tACTORS\t\n", col)
		for _, b := range bs {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t\n", b.Label, b.Supports, b.Opposes, b.Proposes, b.AlignsWith, b.Actors)
		}
		tw.Flush()
	}
	table("Per year", "YEAR", tl.Years)
	table("Per session", "SESSION", tl.Sessions)
	return nil
}

func writeBuckets(w *csv.Writer, kind string, bs []explore.Bucket) {
	for _, b := range bs {
		w.Write([]string{kind, b.Period, b.Label, strconv.Itoa(b.Supports), strconv.Itoa(b.Opposes),
			strconv.Itoa(b.Proposes), strconv.Itoa(b.AlignsWith), strconv.Itoa(b.Actors)})
	}
}
