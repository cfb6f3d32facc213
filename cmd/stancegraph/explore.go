package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/stancegraph/stancegraph/explore"
)

// filterFlags are the flags of the commands that list stance edges.
type filterFlags struct {
	MinConfidence float64
	Since, Until  string
	Forum         string
}

func (f *filterFlags) register(fs *pflag.FlagSet) {
	fs.Float64Var(&f.MinConfidence, "min-confidence", 0, "leave out claims with a lower confidence (0 to 1)")
	fs.StringVar(&f.Since, "since", "", "only statements on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.Until, "until", "", "only statements on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.Forum, "forum", "", "only statements at this forum or session (name, alias or IRI)")
}

func (f *filterFlags) options(evidence bool) (explore.Options, error) {
	if f.MinConfidence < 0 || f.MinConfidence > 1 {
		return explore.Options{}, usagef("--min-confidence %v is not between 0 and 1", f.MinConfidence)
	}
	return explore.Options{MinConfidence: f.MinConfidence, Since: f.Since, Until: f.Until, Forum: f.Forum, Evidence: evidence}, nil
}

// checkFormat accepts table, json and csv.
func checkFormat(f string) error {
	switch f {
	case "table", "json", "csv":
		return nil
	}
	return usagef("unknown format %q: use table, json or csv", f)
}

// loadView opens the store read-only, reads it into a View and closes it.
func loadView(ctx context.Context, g *globalOptions) (*explore.View, error) {
	store, err := g.open(ctx, true)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return explore.Load(ctx, store)
}

type exploreOptions struct {
	Out, ErrOut io.Writer
	Name        string
	Evidence    bool
	Format      string
	Filter      filterFlags
}

func newExploreCmd(g *globalOptions) *cobra.Command {
	o := &exploreOptions{}
	cmd := &cobra.Command{
		Use:   "explore NAME [--evidence] [--format table|json|csv]",
		Short: "Show what an actor says, or who says what about a target",
		Long: `explore looks up NAME (a label, alias, ISO code or IRI; case does not matter)
and prints what the graph says by and about it:

  - as an actor: its stances, one row per stance and target, with the number
    of claims and statements, the first and last date and the forums;
  - as a target: its supporters, opponents, proposers and those aligning
    with it, grouped the same way;
  - for a forum or session: the delegations that spoke there and what they
    said.

--evidence adds the evidence sentences under each row, with the statement
IRI and the code-point offsets of the sentence in the statement's text.
A name that matches nothing gets "did you mean" suggestions; one that
matches several entities lists them (give the IRI of one instead).

Exit status: 0 success, 1 failure or unknown name, 2 bad usage.`,
		Example: `  stancegraph explore China
  stancegraph explore "Programme of Action" --evidence
  stancegraph explore CHN --since 2021 --min-confidence 0.7 --format csv
  stancegraph explore "Security Council"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("explore needs exactly one NAME")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut, o.Name = cmd.OutOrStdout(), cmd.ErrOrStderr(), args[0]
			return runExplore(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.Evidence, "evidence", false, "print the evidence sentences of each row")
	f.StringVar(&o.Format, "format", "table", "output format: table, json or csv")
	o.Filter.register(f)
	return cmd
}

func runExplore(ctx context.Context, g *globalOptions, o *exploreOptions) error {
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
	res, err := v.Explore(o.Name, opts)
	if err != nil {
		return err
	}
	switch o.Format {
	case "json":
		return writeJSON(o.Out, res)
	case "csv":
		w := newRowCSV(o.Out, o.Evidence)
		w.rows("stance", res.Stances)
		w.rows("position", res.Positions)
		w.rows("spoken", res.Spoken)
		return w.flush()
	}
	e := res.Entity
	fmt.Fprintf(o.Out, "%s (%s) <%s>\n", e.Label, e.Kind, e.IRI)
	if len(res.MemberOf) > 0 {
		names := make([]string, len(res.MemberOf))
		for i, m := range res.MemberOf {
			names[i] = m.Label
		}
		fmt.Fprintf(o.Out, "member of: %s\n", strings.Join(names, ", "))
	}
	if res.Statements > 0 {
		fmt.Fprintf(o.Out, "statements as a delegation: %d\n", res.Statements)
	}
	if len(res.Speakers) > 0 {
		fmt.Fprintf(o.Out, "\nSpeakers (%d)\n", len(res.Speakers))
		tw := tabwriter.NewWriter(o.Out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DELEGATION\tSTATEMENTS\tFIRST\tLAST")
		for _, s := range res.Speakers {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", s.Delegation.Label, s.Statements, s.First, s.Last)
		}
		tw.Flush()
	}
	printed := false
	section := func(title string, rows []explore.Row, showActor, showTarget bool) {
		if len(rows) == 0 {
			return
		}
		printed = true
		fmt.Fprintf(o.Out, "\n%s (%d)\n", title, len(rows))
		writeRowTable(o.Out, rows, showActor, showTarget, o.Evidence)
	}
	section("Stances", res.Stances, false, true)
	section("Positions of others on "+e.Label, res.Positions, true, false)
	section("Stances taken here", res.Spoken, true, true)
	if !printed {
		fmt.Fprintln(o.Out, "\nno stances by or about it (with these filters)")
	}
	return nil
}

// writeRowTable prints rows as an aligned table or, when evidence is
// set, one line per row with its evidence sentences indented under it.
func writeRowTable(w io.Writer, rows []explore.Row, showActor, showTarget, evidence bool) {
	if evidence {
		for _, r := range rows {
			fmt.Fprintf(w, "%s %s %s: %d claims in %d statements, %s to %s, confidence %.2f; %s\n",
				r.Actor.Label, r.Stance, r.Target.Label, r.Count, r.Statements, r.First, r.Last, r.Confidence, forumNames(r.Forums))
			for _, ev := range r.Evidence {
				writeEvidence(w, ev)
			}
		}
		return
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	var head []string
	if showActor {
		head = append(head, "ACTOR")
	}
	head = append(head, "STANCE")
	if showTarget {
		head = append(head, "TARGET")
	}
	head = append(head, "CLAIMS", "STATEMENTS", "FIRST", "LAST", "CONFIDENCE", "FORUMS")
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range rows {
		var cells []string
		if showActor {
			cells = append(cells, r.Actor.Label)
		}
		cells = append(cells, string(r.Stance))
		if showTarget {
			cells = append(cells, r.Target.Label)
		}
		cells = append(cells, strconv.Itoa(r.Count), strconv.Itoa(r.Statements), r.First, r.Last,
			strconv.FormatFloat(r.Confidence, 'f', 2, 64), forumNames(r.Forums))
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

// writeEvidence prints one evidence sentence, indented.
func writeEvidence(w io.Writer, ev explore.Evidence) {
	if ev.Claim == "" {
		fmt.Fprintf(w, "    (stance edge without a claim) <%s>\n", ev.Statement)
		return
	}
	fmt.Fprintf(w, "    %q\n      %s <%s> [%d:%d] conf %.2f %s\n", ev.Sentence, ev.Date, ev.Statement, ev.Start, ev.End, ev.Confidence, ev.Modality)
}

func forumNames(fs []explore.Ref) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Label
	}
	return strings.Join(names, "; ")
}

// rowCSV writes rows as CSV with a header, one line per row or, with
// evidence, one line per evidence sentence.
type rowCSV struct {
	w        *csv.Writer
	evidence bool
}

func newRowCSV(out io.Writer, evidence bool) *rowCSV {
	w := csv.NewWriter(out)
	head := []string{"section", "actor", "actor_iri", "stance", "target", "target_iri", "claims", "statements", "first", "last", "confidence", "forums"}
	if evidence {
		head = append(head, "claim", "statement", "start", "end", "date", "sentence")
	}
	w.Write(head)
	return &rowCSV{w: w, evidence: evidence}
}

func (c *rowCSV) rows(section string, rows []explore.Row) {
	for _, r := range rows {
		base := []string{section, r.Actor.Label, r.Actor.IRI, string(r.Stance), r.Target.Label, r.Target.IRI,
			strconv.Itoa(r.Count), strconv.Itoa(r.Statements), r.First, r.Last,
			strconv.FormatFloat(r.Confidence, 'f', 3, 64), forumNames(r.Forums)}
		if !c.evidence {
			c.w.Write(base)
			continue
		}
		for _, ev := range r.Evidence {
			c.w.Write(append(append([]string{}, base...), ev.Claim, ev.Statement,
				strconv.Itoa(ev.Start), strconv.Itoa(ev.End), ev.Date, ev.Sentence))
		}
	}
}

func (c *rowCSV) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// writeJSON writes v as indented JSON without HTML escaping.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
