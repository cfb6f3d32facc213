package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"
	"github.com/stancegraph/stancegraph/schema"
)

type forgetOptions struct {
	Out, ErrOut io.Writer
	Targets     []string
}

func newForgetCmd(g *globalOptions) *cobra.Command {
	o := &forgetOptions{}
	cmd := &cobra.Command{
		Use:   "forget PATH|IRI...",
		Short: "Remove statements and everything extracted from them",
		Long: `forget removes a statement's named graph: the statement node, its claims and
its stance edges. Give the path it was ingested from (relative to the same
folder) or the statement's IRI. All turns of a multi-speaker file go with it.`,
		Example: `  stancegraph forget data/examples/seed.txt
  stancegraph forget 'https://stancegraph.org/id/statement/data/examples/seed.txt'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("forget needs a PATH or statement IRI")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut, o.Targets = cmd.OutOrStdout(), cmd.ErrOrStderr(), args
			return runForget(cmd.Context(), g, o)
		},
	}
	return cmd
}

func runForget(ctx context.Context, g *globalOptions, o *forgetOptions) error {
	store, err := g.open(ctx, false)
	if err != nil {
		return err
	}
	defer store.Close()
	for _, t := range o.Targets {
		base := statementFor(t)
		total := 0
		n, err := store.DeleteGraph(ctx, base)
		if err != nil {
			return fmt.Errorf("forget %s: %w", t, err)
		}
		total += n
		// Turns of a multi-speaker record are numbered from 1 without gaps.
		for turn := 1; ; turn++ {
			n, err := store.DeleteGraph(ctx, quad.IRI(fmt.Sprintf("%s/turn/%d", string(base), turn)))
			if err != nil {
				return fmt.Errorf("forget %s: %w", t, err)
			}
			if n == 0 {
				break
			}
			total += n
		}
		if total == 0 {
			return fmt.Errorf("forget %s: no statement %s in the store", t, base)
		}
		fmt.Fprintf(o.ErrOut, "forgot %s: %d quads removed\n", t, total)
	}
	return nil
}

// statementFor returns the statement IRI for a path or an IRI.
func statementFor(s string) quad.IRI {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		return quad.IRI(s[1 : len(s)-1])
	}
	if strings.HasPrefix(s, schema.ID) {
		return quad.IRI(s)
	}
	return schema.StatementIRI(s, 0)
}
