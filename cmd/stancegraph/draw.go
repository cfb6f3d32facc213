package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stancegraph/stancegraph/explore"
)

type drawOptions struct {
	Out, ErrOut io.Writer
	Name        string
	Output      string
	MaxEdges    int
	Filter      filterFlags
}

func newDrawCmd(g *globalOptions) *cobra.Command {
	o := &drawOptions{}
	cmd := &cobra.Command{
		Use:   "draw NAME [-o file.svg|png|dot]",
		Short: "Draw an entity's stance neighbourhood with Graphviz",
		Long: `draw looks up NAME and draws its neighbourhood: the stance edges from it and
to it, one per actor, stance and target, coloured by stance (supports green,
opposes red, proposes blue, alignsWith dashed grey) and labelled with the
number of claims.

Without -o, or with -o file.dot, it writes Graphviz DOT text. With -o
file.svg or file.png it runs Graphviz's dot program, which must be on PATH
(Debian package graphviz).

Exit status: 0 success, 1 failure or unknown name, 2 bad usage.`,
		Example: `  stancegraph draw China -o china.svg
  stancegraph draw "Programme of Action" -o poa.png --min-confidence 0.7
  stancegraph draw CHN > china.dot`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("draw needs exactly one NAME")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Out, o.ErrOut, o.Name = cmd.OutOrStdout(), cmd.ErrOrStderr(), args[0]
			return runDraw(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "write to this file: .dot, .gv, .svg or .png (default: DOT to stdout)")
	f.IntVar(&o.MaxEdges, "max-edges", 60, "draw at most this many edges, those with the most claims")
	o.Filter.register(f)
	return cmd
}

func runDraw(ctx context.Context, g *globalOptions, o *drawOptions) error {
	if err := checkImageName(o.Output); err != nil {
		return err
	}
	opts, err := o.Filter.options(false)
	if err != nil {
		return err
	}
	v, err := loadView(ctx, g)
	if err != nil {
		return err
	}
	dot, err := v.Dot(o.Name, explore.DrawOptions{Options: opts, MaxEdges: o.MaxEdges})
	if err != nil {
		return err
	}
	if o.Output == "" {
		_, err := io.WriteString(o.Out, dot)
		return err
	}
	return renderDot(ctx, dot, o.Output)
}

// checkImageName accepts "" and file names ending in .dot, .gv, .svg or .png.
func checkImageName(name string) error {
	if name == "" {
		return nil
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".dot", ".gv", ".svg", ".png":
		return nil
	}
	return usagef("cannot write %s: use a name ending in .dot, .svg or .png", name)
}

// renderDot writes DOT text to path: as it is for .dot and .gv, or
// rendered by Graphviz's dot program for .svg and .png.
func renderDot(ctx context.Context, dot, path string) error {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if ext == "dot" || ext == "gv" {
		if err := os.WriteFile(path, []byte(dot), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}
	prog, err := exec.LookPath("dot")
	if err != nil {
		return fmt.Errorf("render %s: the Graphviz program dot is not on PATH: install the Debian package graphviz (apt-get install graphviz), or write DOT with -o %s", path, strings.TrimSuffix(path, filepath.Ext(path))+".dot")
	}
	cmd := exec.CommandContext(ctx, prog, "-T"+ext, "-o", path)
	cmd.Stdin = strings.NewReader(dot)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return fmt.Errorf("render %s with dot: %s", path, msg)
	}
	return nil
}
