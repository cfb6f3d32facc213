package data

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// A table is one parsed TSV file: a header row and data rows. Comment
// lines (first non-blank character '#') and blank lines are skipped.
type table struct {
	file   string
	header []string
	hline  int            // line of the header
	col    map[string]int // column name -> index
	rows   []row
}

// A row is one data row with the line it was read from.
type row struct {
	t     *table
	line  int
	cells []string
}

// parseTSV splits data into a header and rows, adding every problem to
// errs. Cells are trimmed of surrounding spaces. A row with more or fewer
// cells than the header is reported and skipped. A file with no header
// (empty, or only comments) gives a table with no columns and no rows.
func parseTSV(file string, data []byte, errs *ErrorList) *table {
	t := &table{file: file, col: make(map[string]int)}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	lineNo := 0
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		lineNo++
		line = bytes.TrimSuffix(line, []byte("\r"))
		trimmed := bytes.TrimSpace(line)
		if len(trimmed) == 0 || trimmed[0] == '#' {
			continue
		}
		if !utf8.Valid(line) {
			errs.Addf(file, lineNo, "invalid UTF-8")
			continue
		}
		cells := strings.Split(string(line), "\t")
		for i, c := range cells {
			cells[i] = strings.TrimSpace(c)
		}
		if t.header == nil {
			t.header = make([]string, len(cells))
			t.hline = lineNo
			for i, c := range cells {
				name := strings.ToLower(c)
				t.header[i] = name
				if name == "" {
					errs.Add(file, lineNo, i+1, fmt.Errorf("empty column name in header"))
					continue
				}
				if _, dup := t.col[name]; dup {
					errs.Add(file, lineNo, i+1, fmt.Errorf("duplicate column %q in header", name))
					continue
				}
				t.col[name] = i
			}
			continue
		}
		if len(cells) != len(t.header) {
			errs.Add(file, lineNo, 0, fmt.Errorf("%w: row has %d, header has %d (cells are separated by tabs)",
				ErrFieldCount, len(cells), len(t.header)))
			continue
		}
		t.rows = append(t.rows, row{t: t, line: lineNo, cells: cells})
	}
	return t
}

// has reports whether the table has the named column.
func (t *table) has(name string) bool { _, ok := t.col[name]; return ok }

// get returns the cell of the named column, or "" when there is none.
func (r row) get(name string) string {
	i, ok := r.t.col[name]
	if !ok {
		return ""
	}
	return r.cells[i]
}

// column returns the 1-based column number of name, or 0.
func (r row) column(name string) int {
	if i, ok := r.t.col[name]; ok {
		return i + 1
	}
	return 0
}

// list returns the "|"-separated values of the named column, trimmed,
// without empty values.
func (r row) list(name string) []string { return splitList(r.get(name)) }

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
