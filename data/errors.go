package data

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrFieldCount is the cause of a ParseError for a row whose number of
// cells differs from its header's.
var ErrFieldCount = errors.New("wrong number of cells")

// A ParseError is one problem in a gazetteer file, with its position.
// Line and Column count from 1; 0 means unknown.
type ParseError struct {
	File   string
	Line   int
	Column int // the cell, counted from 1
	Err    error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// An ErrorList is a list of problems found while loading gazetteers.
// The zero value is an empty list ready to use.
type ErrorList []*ParseError

// Add appends a problem at file:line (column 0 = unknown).
func (l *ErrorList) Add(file string, line, column int, err error) {
	*l = append(*l, &ParseError{File: file, Line: line, Column: column, Err: err})
}

// Addf appends a problem whose message is formatted from format and args.
func (l *ErrorList) Addf(file string, line int, format string, args ...any) {
	l.Add(file, line, 0, fmt.Errorf(format, args...))
}

func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	return a.Err.Error() < b.Err.Error()
}

// Sort sorts the list by file, line, column and message.
func (l ErrorList) Sort() { sort.Stable(l) }

// Error returns every problem, one per line.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems in gazetteers:", len(l))
	for _, e := range l {
		b.WriteString("\n\t")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the problems, so errors.Is and errors.As look at each.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
