package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

type exportOptions struct {
	Out, ErrOut io.Writer
	Format      string
	File        string
}

func newExportCmd(g *globalOptions) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [--format nquads] [-o FILE]",
		Short: "Write the whole store as N-Quads (or another RDF format)",
		Long: `export streams every quad of the store. N-Quads output is valid for other RDF
tools (rapper, rdflib, Jena): IRIs are percent-encoded and typed literals keep
their full datatype IRI. With -o the file is written to a temporary name and
renamed when complete, so a failed export never leaves half a file.`,
		Example: `  stancegraph export -o graph.nq
  stancegraph export | gzip > graph.nq.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runExport(cmd.Context(), g, o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "nquads", "output format: nquads, jsonld, graphml, gml or dot")
	cmd.Flags().StringVarP(&o.File, "output", "o", "", "write to FILE instead of standard output")
	return cmd
}

func runExport(ctx context.Context, g *globalOptions, o *exportOptions) (err error) {
	store, err := g.open(ctx, true)
	if err != nil {
		return err
	}
	defer store.Close()
	w := o.Out
	if o.File != "" {
		tmp, err := os.CreateTemp(filepath.Dir(o.File), "."+filepath.Base(o.File)+".*")
		if err != nil {
			return fmt.Errorf("export to %s: %w", o.File, err)
		}
		defer func() {
			if err != nil {
				tmp.Close()
				os.Remove(tmp.Name())
				return
			}
			if err = tmp.Close(); err == nil {
				err = os.Rename(tmp.Name(), o.File)
			}
		}()
		w = tmp
	}
	n, err := store.Export(ctx, w, o.Format)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if o.File != "" {
		fmt.Fprintf(o.ErrOut, "exported %d quads to %s\n", n, o.File)
	}
	return nil
}
