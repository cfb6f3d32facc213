package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stancegraph/stancegraph/graph"
)

type replOptions struct {
	In          io.Reader
	Out, ErrOut io.Writer
	History     string // history file; "" means none
	Limit       int
	Timeout     time.Duration
}

// maxHistory is how many lines the history file keeps.
const maxHistory = 1000

func newReplCmd(g *globalOptions) *cobra.Command {
	o := &replOptions{}
	cmd := &cobra.Command{
		Use:   "repl [--history FILE]",
		Short: "Run Gizmo queries interactively",
		Long: `repl reads Gizmo queries line by line and prints each one's results as JSON.
A line ending in a backslash continues on the next line. The store is opened
read-only.

Commands:
  .help      this help
  .history   the lines entered so far
  .exit      leave (so does end of input, Ctrl-D)

Lines are appended to a history file, by default stancegraph/repl_history
under the user's cache directory ($XDG_CACHE_HOME or ~/.cache on Linux);
--history "" keeps none.

Exit status: 0 success, 1 failure, 2 bad usage, 3 the database is in use by
a writer.`,
		Example: `  stancegraph repl
  echo 'g.V("<https://stancegraph.org/id/state/CHN>").Out("<https://stancegraph.org/ns#supports>").All()' | stancegraph repl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.In, o.Out, o.ErrOut = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			if !cmd.Flags().Changed("history") {
				o.History = defaultHistoryFile()
			}
			return runRepl(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.History, "history", "", "history file (default: stancegraph/repl_history in the user cache directory)")
	f.IntVar(&o.Limit, "limit", graph.DefaultQueryLimit, "most results to print per query (-1: no limit)")
	f.DurationVar(&o.Timeout, "timeout", graph.DefaultQueryTimeout, "stop a query after this long")
	return cmd
}

// defaultHistoryFile returns the history file under the user's cache
// directory, or "" when there is none.
func defaultHistoryFile() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "stancegraph", "repl_history")
}

func runRepl(ctx context.Context, g *globalOptions, o *replOptions) error {
	store, err := g.open(ctx, true)
	if err != nil {
		return err
	}
	defer store.Close()
	var history []string
	if o.History != "" {
		if b, err := os.ReadFile(o.History); err == nil {
			history = strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		} else if !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(o.ErrOut, "warning: read history %s: %v\n", o.History, err)
		}
	}
	sc := bufio.NewScanner(o.In)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	enc := json.NewEncoder(o.Out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	fmt.Fprintln(o.ErrOut, `gizmo on `+redact(g.DB)+`; .help for help, .exit to leave`)
	var pending []string
	prompt := func() {
		if len(pending) > 0 {
			fmt.Fprint(o.ErrOut, "   ... ")
		} else {
			fmt.Fprint(o.ErrOut, "gizmo> ")
		}
	}
	for prompt(); sc.Scan(); prompt() {
		if err := ctx.Err(); err != nil {
			return nil
		}
		line := sc.Text()
		if strings.HasSuffix(line, `\`) {
			pending = append(pending, strings.TrimSuffix(line, `\`))
			continue
		}
		q := strings.TrimSpace(strings.Join(append(pending, line), "\n"))
		pending = nil
		switch q {
		case "":
			continue
		case ".exit", ".quit":
			fmt.Fprintln(o.ErrOut)
			return nil
		case ".help":
			fmt.Fprintln(o.Out, "Type a Gizmo query, e.g. g.V(\"<https://stancegraph.org/id/state/CHN>\").Out().All()\n.history lists past lines, .exit leaves.")
			continue
		case ".history":
			for i, h := range history {
				fmt.Fprintf(o.Out, "%4d  %s\n", i+1, h)
			}
			continue
		}
		history = append(history, strings.ReplaceAll(q, "\n", " "))
		appendHistory(o, q)
		res, err := store.Query(ctx, q, graph.QueryOptions{Lang: "gizmo", Limit: o.Limit, Timeout: o.Timeout})
		if err != nil {
			fmt.Fprintf(o.ErrOut, "error: %v\n", err)
			continue
		}
		if res == nil {
			res = []graph.Result{}
		}
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("write results: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	fmt.Fprintln(o.ErrOut)
	return nil
}

// appendHistory adds a line to the history file, trimming the file to
// maxHistory lines. Failures are warnings: history is a convenience.
func appendHistory(o *replOptions, q string) {
	if o.History == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(o.History), 0o700); err != nil {
		fmt.Fprintf(o.ErrOut, "warning: history %s: %v\n", o.History, err)
		return
	}
	var lines []string
	if b, err := os.ReadFile(o.History); err == nil && len(b) > 0 {
		lines = strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	}
	lines = append(lines, strings.ReplaceAll(q, "\n", " "))
	if len(lines) > maxHistory {
		lines = lines[len(lines)-maxHistory:]
	}
	if err := os.WriteFile(o.History, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		fmt.Fprintf(o.ErrOut, "warning: history %s: %v\n", o.History, err)
	}
}
