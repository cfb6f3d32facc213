package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/stancegraph/stancegraph/graph"
)

type importOptions struct {
	Out, ErrOut io.Writer
	In          io.Reader
	File        string
	Format      string
	SkipBad     bool
}

func newImportCmd(g *globalOptions) *cobra.Command {
	o := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import [--format nquads] FILE|-",
		Short: "Add quads from an N-Quads file to the store",
		Long: `import reads quads (N-Quads by default) and adds them to the store. Literals are
kept exactly as written. A malformed line is reported with its line number and
nothing from the file is stored, unless --skip-bad is given.`,
		Example: `  stancegraph export -o g.nq && stancegraph --db other.db import g.nq`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("import needs one FILE, or - for standard input")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut, o.In, o.File = cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd.InOrStdin(), args[0]
			return runImport(cmd.Context(), g, o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "nquads", "input format")
	cmd.Flags().BoolVar(&o.SkipBad, "skip-bad", false, "skip malformed lines (reported) instead of failing")
	return cmd
}

func runImport(ctx context.Context, g *globalOptions, o *importOptions) error {
	r := o.In
	name := "stdin"
	if o.File != "-" {
		f, err := os.Open(o.File)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		r, name = f, o.File
	}
	store, err := g.open(ctx, false)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.Import(ctx, r, o.Format, graph.ImportOptions{SkipBad: o.SkipBad})
	if err != nil {
		return fmt.Errorf("import %s: %w", name, err)
	}
	for _, e := range res.Bad {
		fmt.Fprintf(o.ErrOut, "skipped: %s: %v\n", name, e)
	}
	fmt.Fprintf(o.ErrOut, "imported %d quads from %s (%d new)\n", res.Read, name, res.Added)
	return nil
}
