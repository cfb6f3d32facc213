package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/stancegraph/stancegraph/graph"
)

type queryOptions struct {
	Out, ErrOut io.Writer
	In          io.Reader
	Query       string
	Lang        string
	Limit       int
	Format      string
	Timeout     time.Duration
}

func newQueryCmd(g *globalOptions) *cobra.Command {
	o := &queryOptions{}
	cmd := &cobra.Command{
		Use:   "query [--lang gizmo] [--limit N] [--format json|table] QUERY|-",
		Short: "Run a Gizmo (or other Cayley) query against the store",
		Long: `query runs a query in one of the languages Cayley registers (gizmo by default)
and prints its results. "-" reads the query from standard input.

Predicates and nodes are full IRIs in angle brackets. The stance predicates are
<https://stancegraph.org/ns#supports>, ...#opposes, ...#proposes and
...#alignsWith; every node has an <http://www.w3.org/2000/01/rdf-schema#label>.
Run "stancegraph schema" for the whole vocabulary.

A query that runs longer than --timeout is stopped and reported.`,
		Example: `  # who supports the Programme of Action?
  stancegraph query 'g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "Programme of Action").In("<https://stancegraph.org/ns#supports>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()'

  # which sentence says China opposes something?
  stancegraph query --format table - <<'EOF'
  var L = "<http://www.w3.org/2000/01/rdf-schema#label>", NS = "https://stancegraph.org/ns#"
  g.V().Has("<" + NS + "stance>", "<" + NS + "opposes>")
   .Has("<" + NS + "actor>", g.V().Has(L, "China"))
   .Tag("claim").Out("<" + NS + "evidence>").Tag("evidence").All()
  EOF`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("query needs exactly one QUERY argument, or - to read it from stdin")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut, o.In, o.Query = cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd.InOrStdin(), args[0]
			return runQuery(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Lang, "lang", "gizmo", "query language: "+strings.Join(graph.QueryLanguages(), ", "))
	f.IntVar(&o.Limit, "limit", 100, "most results to print (-1: no limit)")
	f.StringVar(&o.Format, "format", "json", "output format: json or table")
	f.DurationVar(&o.Timeout, "timeout", 30*time.Second, "stop the query after this long")
	return cmd
}

func runQuery(ctx context.Context, g *globalOptions, o *queryOptions) error {
	if o.Format != "json" && o.Format != "table" {
		return usagef("unknown format %q: use json or table", o.Format)
	}
	q := o.Query
	if q == "-" {
		b, err := io.ReadAll(o.In)
		if err != nil {
			return fmt.Errorf("read query from stdin: %w", err)
		}
		q = string(b)
	}
	store, err := g.open(ctx, true)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.Query(ctx, q, graph.QueryOptions{Lang: o.Lang, Limit: o.Limit, Timeout: o.Timeout})
	if err != nil {
		return err
	}
	if o.Format == "json" {
		enc := json.NewEncoder(o.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if res == nil {
			res = []graph.Result{}
		}
		return enc.Encode(res)
	}
	return writeResultTable(o.Out, res)
}

// writeResultTable prints results with one column per tag, "id" first.
// Results that are not tag maps (a count, a string) get one column.
func writeResultTable(w io.Writer, res []graph.Result) error {
	rows := make([]map[string]any, len(res))
	cols := map[string]bool{}
	for i, r := range res {
		m, ok := r.(map[string]any)
		if !ok {
			m = map[string]any{"result": r}
		}
		rows[i] = m
		for k := range m {
			cols[k] = true
		}
	}
	var names []string
	for k := range cols {
		if k != "id" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	if cols["id"] {
		names = append([]string{"id"}, names...)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(names, "\t")))
	for _, r := range rows {
		row := make([]string, len(names))
		for i, n := range names {
			if v, ok := r[n]; ok {
				row[i] = cell(fmt.Sprint(v))
			}
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

// cell fits a value into a table cell: one line, at most 160 characters
// (use --format json for whole values).
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 160 {
		s = string(r[:159]) + "…"
	}
	return s
}
