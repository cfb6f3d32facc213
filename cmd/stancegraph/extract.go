package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/spf13/cobra"
	"github.com/stancegraph/stancegraph/extract"
	"github.com/stancegraph/stancegraph/schema"
)

type extractOptions struct {
	Out, ErrOut io.Writer
	Paths       []string
	Format      string
	Encoding    string
	MaxBytes    int64
	FailFast    bool
}

func newExtractCmd(g *globalOptions) *cobra.Command {
	o := &extractOptions{}
	cmd := &cobra.Command{
		Use:   "extract [--format nquads|jsonl|table] PATH...",
		Short: "Print what ingest would load, without touching the store",
		Long: `extract runs the same extraction as ingest and prints the result; the store is
not opened. It is how extraction is tested and debugged.

Formats:
  nquads  one quad per line, sorted; the fourth term is the statement's IRI.
          The output ends with the labels and types of every gazetteer entity
          mentioned, in the gazetteer graph, so it alone says what each IRI is.
  jsonl   the same quads as JSON objects, one per line
  table   one row per claim: actor, stance, target, modality, confidence, evidence`,
		Example: `  stancegraph extract statement.txt
  stancegraph extract --format table data/examples | less -S
  stancegraph extract --format nquads speech.pdf | rapper -i nquads -c -`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("extract needs at least one file or folder")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut, o.Paths = cmd.OutOrStdout(), cmd.ErrOrStderr(), args
			return runExtract(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Format, "format", "nquads", "output format: nquads, jsonl or table")
	f.StringVar(&o.Encoding, "encoding", "", "character set of files that are not UTF-8")
	f.Int64Var(&o.MaxBytes, "max-bytes", 64<<20, "largest file to read, in bytes")
	f.BoolVar(&o.FailFast, "fail-fast", false, "stop at the first file that fails")
	return cmd
}

func runExtract(ctx context.Context, g *globalOptions, o *extractOptions) error {
	switch o.Format {
	case "nquads", "jsonl", "table":
	default:
		return usagef("unknown format %q: use nquads, jsonl or table", o.Format)
	}
	p, err := g.pipeline()
	if err != nil {
		return err
	}
	files, walkErr := extract.Files(o.Paths)
	failed := 0
	if walkErr != nil {
		fmt.Fprintf(o.ErrOut, "error: %v\n", walkErr)
		failed++
	}
	var all []quad.Quad
	var tw *tabwriter.Writer
	if o.Format == "table" {
		tw = tabwriter.NewWriter(o.Out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "STATEMENT\tACTOR\tSTANCE\tTARGET\tMODALITY\tCONF\tEVIDENCE")
	}
	fr := &extract.FileReader{Options: extract.ReadOptions{Encoding: o.Encoding, MaxBytes: o.MaxBytes}}
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		f, err := fr.Read(path)
		if err != nil {
			failed++
			fmt.Fprintf(o.ErrOut, "error: %v\n", err)
			if o.FailFast {
				break
			}
			continue
		}
		for _, w := range f.Warnings {
			fmt.Fprintf(o.ErrOut, "warning: %s: %s\n", path, w)
		}
		if w := languageWarning(f); w != "" {
			fmt.Fprintf(o.ErrOut, "warning: %s\n", w)
		}
		for _, st := range f.Statements {
			qs := p.Run(st)
			if tw != nil {
				writeClaimRows(tw, st, qs, p)
				continue
			}
			all = append(all, qs...)
		}
	}
	switch o.Format {
	case "table":
		if err := tw.Flush(); err != nil {
			return err
		}
	case "nquads", "jsonl":
		all = append(all, mentionedEntities(p, all)...)
		all = extract.SortQuads(all)
		if err := writeQuads(o.Out, o.Format, all); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d inputs failed", failed, len(files))
	}
	return nil
}

// mentionedEntities returns the gazetteer's label and type quads of every
// entity the quads refer to, in the gazetteer graph.
func mentionedEntities(p *extract.Pipeline, qs []quad.Quad) []quad.Quad {
	used := map[quad.Value]bool{}
	for _, q := range qs {
		used[q.Subject] = true
		used[q.Object] = true
	}
	var out []quad.Quad
	for _, q := range p.Gazetteers.Quads() {
		if !used[q.Subject] {
			continue
		}
		if q.Predicate == schema.Label || q.Predicate == schema.Type {
			out = append(out, q)
		}
	}
	return out
}

func writeQuads(w io.Writer, format string, qs []quad.Quad) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		for _, q := range qs {
			rec := map[string]string{
				"subject": quad.ToString(q.Subject), "predicate": quad.ToString(q.Predicate),
				"object": quad.ToString(q.Object),
			}
			if q.Label != nil {
				rec["label"] = quad.ToString(q.Label)
			}
			if err := enc.Encode(rec); err != nil {
				return err
			}
		}
		return nil
	}
	qw := nquads.NewWriter(w)
	for _, q := range qs {
		if err := qw.WriteQuad(q); err != nil {
			return err
		}
	}
	return qw.Close()
}

// writeClaimRows prints one row per claim of a statement.
func writeClaimRows(w io.Writer, st *extract.Statement, qs []quad.Quad, p *extract.Pipeline) {
	labels := map[quad.Value]string{}
	for _, q := range qs {
		if q.Predicate == schema.Label {
			labels[q.Subject] = fmt.Sprint(quad.NativeOf(q.Object))
		}
	}
	name := func(v quad.Value) string {
		if l, ok := labels[v]; ok {
			return l
		}
		if e := entityByIRI(p, v); e != "" {
			return e
		}
		return quad.ToString(v)
	}
	claims := map[quad.Value]map[quad.IRI]quad.Value{}
	var order []quad.Value
	for _, q := range qs {
		if q.Predicate == schema.Type && q.Object == schema.Claim {
			order = append(order, q.Subject)
		}
	}
	for _, c := range order {
		claims[c] = map[quad.IRI]quad.Value{}
	}
	for _, q := range qs {
		if m, ok := claims[q.Subject]; ok {
			m[q.Predicate.(quad.IRI)] = q.Object
		}
	}
	stmt := st.Path
	if st.Turn > 0 {
		stmt = fmt.Sprintf("%s#%d", st.Path, st.Turn)
	}
	for _, c := range order {
		m := claims[c]
		stance := string(m[schema.StanceP].(quad.IRI))
		stance = stance[strings.LastIndex(stance, "#")+1:]
		ev := fmt.Sprint(quad.NativeOf(m[schema.Evidence]))
		if len(ev) > 100 {
			ev = ev[:97] + "..."
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", stmt, name(m[schema.Actor]), stance, name(m[schema.Target]),
			quad.NativeOf(m[schema.Modality]), literal(m[schema.Confidence]), strings.ReplaceAll(ev, "\n", " "))
	}
}

func literal(v quad.Value) string {
	if ts, ok := v.(quad.TypedString); ok {
		return string(ts.Value)
	}
	return fmt.Sprint(quad.NativeOf(v))
}

// entityByIRI returns the label of a gazetteer entity, or "".
func entityByIRI(p *extract.Pipeline, v quad.Value) string {
	iri, ok := v.(quad.IRI)
	if !ok {
		return ""
	}
	for _, e := range p.Gazetteers.Entities {
		if extract.EntityIRI(e) == iri {
			return e.Label
		}
	}
	return ""
}
