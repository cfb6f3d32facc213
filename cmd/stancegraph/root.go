package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/extract"
	"github.com/stancegraph/stancegraph/graph"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	DB        string // bolt directory or postgres URL
	Backend   string // bolt, memstore, postgres
	Gazetteer string // directory overriding the embedded gazetteers
	// PostgresFKChecks keeps PostgreSQL's foreign-key checks on in writes.
	PostgresFKChecks bool
	// errOut receives notices about the gazetteers (the command's stderr).
	errOut io.Writer
}

const defaultDB = "./stancegraph.db"

func newRootCmd() *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "stancegraph",
		Short: "Turn statements at multilateral forums into a queryable graph of stances",
		Long: `stancegraph reads statements by delegations at multilateral forums (UN General
Assembly, Security Council, the OEWG on ICTs, ...) and extracts who supports,
opposes, proposes or aligns with what. Each edge is traceable to the sentence
that says it. The graph lives in a Cayley store (an embedded bolt file by
default) and is queried with Gizmo, or exported as N-Quads.

The store is --db (default ` + defaultDB + `, or $STANCEGRAPH_DB): a directory
holding Cayley's bolt file, the layout stock Cayley's --dbpath expects.

Exit status: 0 success, 1 failure (or some inputs failed), 2 bad usage,
3 the database is in use by another process.`,
		Example: `  stancegraph ingest data/examples
  stancegraph query 'g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "China").Out("<https://stancegraph.org/ns#supports>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()'
  stancegraph extract --format table statement.txt
  stancegraph export -o graph.nq`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			g.errOut = cmd.ErrOrStderr()
		},
	}
	dbDefault := defaultDB
	if v := os.Getenv("STANCEGRAPH_DB"); v != "" {
		dbDefault = v
	}
	root.PersistentFlags().StringVar(&g.DB, "db", dbDefault, "store: a bolt directory, or a postgres:// URL with --backend postgres ($STANCEGRAPH_DB)")
	root.PersistentFlags().StringVar(&g.Backend, "backend", "bolt", "store backend: bolt, postgres or memstore")
	root.PersistentFlags().BoolVar(&g.PostgresFKChecks, "postgres-fk-checks", false, "on PostgreSQL, keep foreign-key checks in writes (by default a role allowed to set session_replication_role skips them; see the README)")
	root.PersistentFlags().StringVar(&g.Gazetteer, "gazetteer", "", "directory of gazetteer files that replace the embedded ones of the same name")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &usageError{err} })

	root.AddCommand(
		newIngestCmd(g),
		newExtractCmd(g),
		newQueryCmd(g),
		newExportCmd(g),
		newImportCmd(g),
		newStatsCmd(g),
		newForgetCmd(g),
		newSchemaCmd(g),
		newEvalCmd(g),
		newExploreCmd(g),
		newCompareCmd(g),
		newBlocsCmd(g),
		newTimelineCmd(g),
		newDrawCmd(g),
		newServeCmd(g),
		newReplCmd(g),
	)
	return root
}

// gazetteers loads the embedded gazetteers, or those of --gazetteer.
func (g *globalOptions) gazetteers() (*data.Gazetteers, error) {
	if g.Gazetteer == "" {
		return data.Default()
	}
	gz, err := data.LoadDir(g.Gazetteer)
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", g.Gazetteer, err)
	}
	// Embedded rows that point into a file the user replaced are
	// dropped; say so once, with the first, so nothing vanishes unseen.
	if d := gz.Dropped; len(d) > 0 && g.errOut != nil {
		fmt.Fprintf(g.errOut, "gazetteer %s: %d embedded rows name entities your files no longer define and are ignored (first: %s)\n",
			g.Gazetteer, len(d), d[0])
	}
	return gz, nil
}

// pipeline builds the extraction pipeline over the gazetteers.
func (g *globalOptions) pipeline() (*extract.Pipeline, error) {
	gz, err := g.gazetteers()
	if err != nil {
		return nil, err
	}
	return extract.NewRegistry().Build(nil, gz)
}

// open opens the store named by --db and --backend.
func (g *globalOptions) open(ctx context.Context, readOnly bool) (*graph.Store, error) {
	backend := strings.ToLower(g.Backend)
	if backend == "" {
		backend = "bolt"
	}
	if strings.HasPrefix(g.DB, "postgres://") || strings.HasPrefix(g.DB, "postgresql://") {
		backend = "postgres"
	}
	s, err := graph.Open(ctx, graph.Options{Backend: backend, Path: g.DB, ReadOnly: readOnly, PostgresFKChecks: g.PostgresFKChecks})
	if err != nil {
		return nil, fmt.Errorf("open %s store %s: %w", backend, redact(g.DB), err)
	}
	return s, nil
}

func isLocked(err error) bool { return errors.Is(err, graph.ErrLocked) }

// redact hides a password in a database URL.
func redact(db string) string {
	if i := strings.Index(db, "://"); i >= 0 {
		if j := strings.Index(db[i+3:], "@"); j >= 0 {
			cred := db[i+3 : i+3+j]
			if k := strings.Index(cred, ":"); k >= 0 {
				return db[:i+3] + cred[:k] + ":***" + db[i+3+j:]
			}
		}
	}
	return db
}
