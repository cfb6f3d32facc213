// Command stancegraph reads what delegations say at multilateral forums
// and turns it into a knowledge graph of who supports, opposes, proposes
// and aligns with what, stored in Cayley and queried with Gizmo.
//
// Run "stancegraph --help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "stancegraph:", err)
	os.Exit(exitCode(err))
}

// Exit codes, documented in the root command's help.
const (
	exitFailure = 1 // the command failed, or some inputs failed
	exitUsage   = 2 // bad flags or arguments
	exitLocked  = 3 // the database is in use by another process
)

func exitCode(err error) int {
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case isLocked(err):
		return exitLocked
	}
	return exitFailure
}

// usageError is a mistake in the command line; main prints it with a hint
// to run --help.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() + " (see --help)" }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}
