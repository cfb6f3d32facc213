package data

import (
	"io/fs"
	"strings"
	"testing"
)

// FuzzParseTSV checks that no input makes the parser panic and that every
// problem it reports carries its file and a line number.
func FuzzParseTSV(f *testing.F) {
	f.Add("proposals.tsv", []byte("kind\tkey\tlabel\nproposal\tx\tX\n"))
	f.Add("memberships.tsv", []byte("member\tgroup\tfrom\tuntil\nstate/FRA\torg/eu\t2020-01-01\t2019-01-01\n"))
	f.Add("posts.tsv", []byte("forum\trole\tholder\n\t\t\n"))
	f.Add("cues.tsv", []byte("phrase\tstance\tweight\trole\nwelcomes\tsupports\t0.9\tobject\n"))
	f.Add("triggers.tsv", []byte("kind\tphrase\nnegation\tnot\n"))
	f.Add("self.tsv", []byte("kind\tphrase\tcase_sensitive\nself\tus\ttrue\n"))
	f.Add("x.tsv", []byte("\ufeff# c\r\nkey\tlabel\r\n\xff\n"))
	names, _ := fs.Glob(Embedded(), "*.tsv")
	for _, name := range names {
		b, _ := fs.ReadFile(Embedded(), name)
		// A few lines of each embedded file, to keep the seeds small.
		lines := strings.SplitAfterN(string(b), "\n", 12)
		f.Add(name, []byte(strings.Join(lines[:len(lines)-1], "")))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if len(data) > 1<<16 {
			t.Skip("input too large to matter")
		}
		if name == "" || strings.ContainsAny(name, "/\x00") {
			name = "x.tsv"
		}
		var errs ErrorList
		tbl := parseTSV(name, data, &errs)
		for _, r := range tbl.rows {
			if len(r.cells) != len(tbl.header) {
				t.Fatalf("row at line %d has %d cells, header %d", r.line, len(r.cells), len(tbl.header))
			}
		}
		g, err := parseFiles(map[string][]byte{name: data}, nil)
		if err == nil {
			if g == nil {
				t.Fatal("nil gazetteers and nil error")
			}
			_ = g.Quads()
			errs = append(errs, g.Warnings...)
		} else {
			list, ok := err.(ErrorList)
			if !ok {
				t.Fatalf("error %T, want ErrorList", err)
			}
			errs = append(errs, list...)
		}
		for _, e := range errs {
			if e.File != name || e.Line <= 0 {
				t.Errorf("problem without a position: %#v", e)
			}
		}
	})
}
