package graph

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// DefaultFormat is the quad format Export and Import use when none is given.
const DefaultFormat = "nquads"

// Formats returns the names of the quad formats that Export (write true)
// or Import (write false) accept, sorted.
func Formats(write bool) []string {
	var names []string
	for _, f := range quad.Formats() {
		if (write && f.Writer != nil) || (!write && f.Reader != nil) {
			names = append(names, f.Name)
		}
	}
	sort.Strings(names)
	return names
}

// formatByName finds a registered quad format by name ("nquads",
// "jsonld", "graphviz") or by file extension without the dot ("nq",
// "dot"); "" means DefaultFormat.
func formatByName(name string, write bool) (*quad.Format, error) {
	if name == "" {
		name = DefaultFormat
	}
	f := quad.FormatByName(name)
	if f == nil {
		f = quad.FormatByExt("." + strings.TrimPrefix(name, "."))
	}
	if f == nil || (write && f.Writer == nil) || (!write && f.Reader == nil) {
		verb := "read"
		if write {
			verb = "write"
		}
		return nil, fmt.Errorf("unknown format %q: can %s %s", name, verb, strings.Join(Formats(write), ", "))
	}
	return f, nil
}

// Export writes every quad of the store to w in the named format
// (DefaultFormat when ""), in store order, and returns how many it wrote.
// It streams for N-Quads; some formats (jsonld, graphml) collect the
// whole graph before writing. Literals come out as stored: typed
// literals keep their full datatype IRIs.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) (int, error) {
	n, err := s.export(ctx, w, format, false)
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

// ExportSorted is Export with the quads sorted by quad.ByQuadString, so
// equal stores give identical files. It holds every quad in memory.
func (s *Store) ExportSorted(ctx context.Context, w io.Writer, format string) (int, error) {
	n, err := s.export(ctx, w, format, true)
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

func (s *Store) export(ctx context.Context, w io.Writer, format string, sorted bool) (int, error) {
	f, err := formatByName(format, true)
	if err != nil {
		return 0, err
	}
	release, err := s.reading()
	if err != nil {
		return 0, err
	}
	defer release()
	bw := bufio.NewWriterSize(w, 64<<10)
	qw := f.Writer(bw)
	var (
		n   int
		all []quad.Quad
	)
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return n, err
		}
		if sorted {
			all = append(all, q)
			continue
		}
		if err := qw.WriteQuad(q); err != nil {
			return n, err
		}
		n++
	}
	if err := it.Err(); err != nil {
		return n, err
	}
	if err := ctx.Err(); err != nil {
		return n, err
	}
	if sorted {
		sort.Sort(quad.ByQuadString(all))
		for _, q := range all {
			if err := qw.WriteQuad(q); err != nil {
				return n, err
			}
			n++
		}
	}
	if err := qw.Close(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// ImportOptions controls Import.
type ImportOptions struct {
	// SkipBad skips malformed N-Quads lines, reporting them in
	// ImportResult.Bad, instead of failing the import.
	SkipBad bool
}

// ImportResult counts what Import read and added.
type ImportResult struct {
	Read   int // quads read from the input
	Added  int // quads that were not yet in the store
	Graphs int // named graphs (or the default graph) that gained quads
	// Bad lists the malformed lines skipped under ImportOptions.SkipBad.
	Bad ErrorList
}

// A ParseError is a malformed line of N-Quads input.
type ParseError struct {
	Line   int    // line number, from 1
	Column int    // character (not byte) in the line, from 1; 0 if unknown
	Text   string // the line as read, shortened when long
	Err    error  // what is wrong with it
}

// Error says where the line is bad and why.
func (e *ParseError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("line %d, column %d: %v", e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// An ErrorList is a list of parse errors, in input order.
type ErrorList []*ParseError

// Error returns the first error and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more bad lines)", l[0], len(l)-1)
}

// Unwrap returns the errors of l, for errors.Is and errors.As.
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

// Import adds the quads read from r in the named format (DefaultFormat
// when "") to the store. It only adds: quads already stored are left as
// they are and not counted, so importing a file twice adds nothing the
// second time.
//
// The whole input is read and checked before anything is written. For
// N-Quads every malformed line is reported with its line number; unless
// o.SkipBad is set, Import then returns an ErrorList and writes nothing.
// N-Quads literals are kept as written: a typed literal keeps its
// datatype IRI ("1"^^<...#integer> stays a typed string, not a Go
// number), so an export of the import is byte-identical. (This package
// parses N-Quads itself: the quad library's raw reader misreads literals
// such as "@"@en.) Other formats stop at their
// first error, even with o.SkipBad.
//
// Import holds the parsed input in memory; writes go in transactions of
// about ten thousand quads, so a failure while writing (not while
// reading) can leave part of the input stored.
func (s *Store) Import(ctx context.Context, r io.Reader, format string, o ImportOptions) (ImportResult, error) {
	res, err := s.importQuads(ctx, r, format, o)
	if err != nil {
		return res, fmt.Errorf("import %s: %w", formatName(format), err)
	}
	return res, nil
}

func formatName(name string) string {
	if name == "" {
		return DefaultFormat
	}
	return name
}

func (s *Store) importQuads(ctx context.Context, r io.Reader, format string, o ImportOptions) (ImportResult, error) {
	var res ImportResult
	f, err := formatByName(format, false)
	if err != nil {
		return res, err
	}
	var quads []quad.Quad
	if f.Name == "nquads" {
		var bad ErrorList
		quads, bad, err = readNQuads(ctx, r)
		if err != nil {
			return res, err
		}
		if len(bad) > 0 && !o.SkipBad {
			return res, bad
		}
		res.Bad = bad
	} else {
		quads, err = readQuads(ctx, f.Reader(r))
		if err != nil {
			return res, err
		}
	}
	res.Read = len(quads)

	unlock, err := s.lockWrite()
	if err != nil {
		return res, err
	}
	defer unlock()
	added, err := s.newQuads(ctx, quads)
	if err != nil {
		return res, err
	}
	var pending []cgraph.Delta
	for i, q := range added {
		pending = append(pending, cgraph.Delta{Quad: q, Action: cgraph.Add})
		if len(pending) < txQuads && i < len(added)-1 {
			continue
		}
		if err := s.applyDeltas(ctx, pending); err != nil {
			return res, fmt.Errorf("write: %w", err)
		}
		res.Added += len(pending)
		pending = pending[:0]
	}
	graphs := make(map[quad.Value]bool)
	for _, q := range added {
		graphs[q.Label] = true
	}
	res.Graphs = len(graphs)
	return res, nil
}

// maxLineText is how much of a bad line a ParseError keeps.
const maxLineText = 200

// readNQuads reads N-Quads line by line (see parseNQuad). It returns
// the quads of the good lines and an error for each bad one; err is an
// I/O error.
func readNQuads(ctx context.Context, r io.Reader) (quads []quad.Quad, bad ErrorList, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		text, rerr := br.ReadString('\n')
		if rerr != nil && rerr != io.EOF {
			return nil, nil, rerr
		}
		if len(text) == 0 && rerr == io.EOF {
			break
		}
		if line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		t := strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
		q, ok, perr := parseNQuad(t)
		if ok && perr == nil {
			perr = checkQuad(q)
		}
		if perr != nil {
			pe := &ParseError{Line: line, Text: t, Err: perr}
			var se *syntaxError
			if errors.As(perr, &se) {
				pe.Column, pe.Err = se.Col, errors.New(se.Msg)
			}
			if len(pe.Text) > maxLineText {
				pe.Text = strings.ToValidUTF8(pe.Text[:maxLineText], "") + "..."
			}
			bad = append(bad, pe)
		} else if ok {
			quads = append(quads, q)
		}
		if rerr == io.EOF {
			break
		}
	}
	return quads, bad, nil
}

// readQuads reads every quad from a format's reader.
func readQuads(ctx context.Context, qr quad.ReadCloser) ([]quad.Quad, error) {
	defer qr.Close()
	var quads []quad.Quad
	for {
		q, err := qr.ReadQuad()
		if err == io.EOF {
			return quads, nil
		} else if err != nil {
			return nil, fmt.Errorf("quad %d: %w", len(quads)+1, err)
		}
		if err := checkQuad(q); err != nil {
			return nil, fmt.Errorf("quad %d: %w", len(quads)+1, err)
		}
		quads = append(quads, q)
		if len(quads)%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
}

// newQuads returns the quads of qs that are not stored yet, without
// duplicates, grouped by graph. It reads each labelled graph once
// through the label index, and unlabelled quads by subject.
func (s *Store) newQuads(ctx context.Context, qs []quad.Quad) ([]quad.Quad, error) {
	type group struct {
		key   quad.Value // the label, or the subject of unlabelled quads
		quads []quad.Quad
	}
	var (
		groups []*group
		byKey  = make(map[[2]quad.Value]*group)
	)
	for _, q := range qs {
		k := [2]quad.Value{q.Label, nil}
		if q.Label == nil {
			k[1] = q.Subject
		}
		g := byKey[k]
		if g == nil {
			g = &group{key: q.Label}
			if q.Label == nil {
				g.key = q.Subject
			}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.quads = append(g.quads, q)
	}
	var labels []quad.Value
	for _, g := range groups {
		if g.quads[0].Label != nil {
			labels = append(labels, g.key)
		}
	}
	graphs, err := s.readGraphs(ctx, labels)
	if err != nil {
		return nil, err
	}
	var out []quad.Quad
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		old := graphs[g.key]
		if g.quads[0].Label == nil {
			if old, err = s.unlabelledQuads(ctx, g.key); err != nil {
				return nil, fmt.Errorf("read quads of %s: %w", g.key, err)
			}
		}
		added, _ := diffQuads(old, g.quads)
		out = append(out, added...)
	}
	return out, nil
}

// unlabelledQuads returns the quads in the default graph with subject sub.
func (s *Store) unlabelledQuads(ctx context.Context, sub quad.Value) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.eachQuad(ctx, quad.Subject, sub, func(ref cgraph.Ref) error {
		q, err := s.qs.Quad(ref)
		if err != nil {
			return err
		}
		if q.Label == nil {
			out = append(out, q)
		}
		return nil
	})
	return out, err
}

// NQuads returns qs as sorted N-Quads text, one quad a line, as Export
// writes them; for tests and goldens.
func NQuads(qs []quad.Quad) string {
	sorted := append([]quad.Quad(nil), qs...)
	sort.Sort(quad.ByQuadString(sorted))
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	w.WriteQuads(sorted)
	w.Close()
	return buf.String()
}
