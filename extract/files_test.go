package extract_test

import (
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/extract"
	"github.com/stancegraph/stancegraph/extract/reader/readertest"
)

// statementParas is a statement in paragraphs, from the seed statement.
var statementParas = []string{
	"Statement by Counsellor Wu Jianjian, Head of the Chinese Delegation at the General Exchange of Views of the First Substantive Session of the Open-ended Working Group on Security of and in the Use of Information and Communications Technologies",
	"December 14, 2021",
	"Mr. Chairman, colleagues,",
	"Some countries and military blocks have been developing offensive cyber capabilities and sophisticated cyber weapons endangering international peace and security.",
	"Certain countries have sought to launch the so called \u201calliance for future of the internet\u201d which is nothing but the example of attempts to divide the internet.",
	"In the long run, the international community should also come up with legally binding norms. To this end, China supports the idea of a political commitment based on recommendations, norms and principles already agreed upon as contained in the Programme of Action proposed by a number of countries.",
	"China's Global Initiative on Data Security could serve as a preliminary basis for discussion.",
}

func stanceSet(t *testing.T, path string) []string {
	t.Helper()
	_, qs := extractFile(t, path)
	var out []string
	for e := range edges(t, qs) {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// TestSameStatementEveryFormat checks that a statement gives the same
// stance edges as .txt, .md, .html, .docx and .pdf.
func TestSameStatementEveryFormat(t *testing.T) {
	dir := t.TempDir()
	text := strings.Join(statementParas, "\n\n") + "\n"
	var h strings.Builder
	h.WriteString("<!DOCTYPE html><html><head><title>Statement</title></head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><main><article>")
	for _, p := range statementParas {
		fmt.Fprintf(&h, "<p>%s</p>\n", html.EscapeString(p))
	}
	h.WriteString("</article></main><footer>Permanent Mission, 345 East 42nd Street, New York</footer></body></html>")
	files := map[string][]byte{
		"s.txt":  []byte(text),
		"s.md":   []byte("---\nlanguage: en\n---\n" + text),
		"s.html": []byte(h.String()),
		"s.docx": readertest.DOCX(t, "Statement", "Mission", statementParas),
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		files["s.pdf"] = readertest.PDF(t, statementParas)
	} else if os.Getenv("CI") != "" {
		t.Fatal("pdftotext missing under CI (install poppler-utils)")
	}
	want := stanceSet(t, writeFile(t, dir, "s.txt", files["s.txt"]))
	if len(want) < 5 {
		t.Fatalf("too few edges from the text: %v", want)
	}
	for name, b := range files {
		got := stanceSet(t, writeFile(t, dir, name, b))
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s edges differ from the .txt:\n got %v\nwant %v", name, got, want)
		}
	}
}

func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSidecarMetadata checks that a folder's metadata.csv gives each file
// its speaker, delegation, forum and date, and that a bad table is an
// error naming the table and line.
func TestSidecarMetadata(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", []byte("We support the Paris Agreement and the two-State solution.\n"))
	writeFile(t, dir, "metadata.csv", []byte("file,speaker,delegation,forum,date\na.txt,Ms. Example,Chile,General Assembly,2023-09-20\n"))
	fr := &extract.FileReader{}
	f, err := fr.Read(filepath.Join(dir, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	st := f.Statements[0]
	pipeline(t).Run(st)
	m := st.Meta
	if m.Speaker != "Ms. Example" || m.Delegation == nil || m.Delegation.ISO3 != "CHL" || m.Forum == nil || m.Date != "2023-09-20" || m.Year != "2023" {
		t.Errorf("metadata from the table: %+v", m)
	}
	got := stanceSet(t, filepath.Join(dir, "a.txt"))
	_ = got

	bad := t.TempDir()
	writeFile(t, bad, "b.txt", []byte("Text.\n"))
	writeFile(t, bad, "metadata.csv", []byte("file,colour\nb.txt,red\n"))
	_, err = (&extract.FileReader{}).Read(filepath.Join(bad, "b.txt"))
	if err == nil || !strings.Contains(err.Error(), "metadata.csv:1") || !strings.Contains(err.Error(), "colour") {
		t.Errorf("bad table: %v", err)
	}
}

// TestVerbatimRecord splits a record of several Security Council speeches
// into one statement per turn, each with its own speaker and delegation,
// and credits alignment to the right state.
func TestVerbatimRecord(t *testing.T) {
	var parts []string
	for _, f := range []string{"UNSC_SPV8699_2020_spch014_Indonesia.txt", "UNSC_SPV8699_2020_spch092_EU.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata/golden", f))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, strings.TrimSpace(string(b)))
	}
	record := "Security Council\nSeventy-fifth year\n8699th meeting\nThursday, 9 January 2020, 10 a.m.\nNew York\n\n" +
		"The President: I now give the floor to the representative of Indonesia.\n\n" + parts[0] +
		"\n\nThe President: I now give the floor to the observer of the European Union.\n\n" + parts[1] + "\n"
	p := writeFile(t, t.TempDir(), "record.txt", []byte(record))
	sts, qs := extractFile(t, p)
	if len(sts) != 4 {
		t.Fatalf("want 4 turns, got %d", len(sts))
	}
	if !sts[0].Meta.Procedural || sts[0].Meta.Speaker != "" {
		t.Errorf("turn 1: %+v", sts[0].Meta)
	}
	if d := sts[1].Meta.Delegation; d == nil || d.ISO3 != "IDN" || sts[1].Meta.Speaker == "" {
		t.Errorf("turn 2 delegation %v speaker %q", d, sts[1].Meta.Speaker)
	}
	if d := sts[3].Meta.Delegation; d == nil || d.Label != "European Union" {
		t.Errorf("turn 4 delegation %v", d)
	}
	if sts[1].IRI == sts[3].IRI || !strings.HasSuffix(string(sts[3].IRI), "/turn/4") {
		t.Errorf("turn IRIs: %s %s", sts[1].IRI, sts[3].IRI)
	}
	for _, st := range sts {
		m := st.Meta
		if m.Date != "2020-01-09" || m.Forum == nil || m.Forum.Key != "security-council" || m.Session == nil || m.Session.Label != "S/PV.8699" {
			t.Errorf("turn %d: the record's forum, meeting and date are not on it: %+v", st.Turn, m)
		}
	}
	got := edges(t, qs)
	for _, want := range []string{
		"Indonesia alignsWith Non-Aligned Movement",
		"Indonesia alignsWith Association of Southeast Asian Nations",
		"Montenegro alignsWith European Union",
		"Ukraine alignsWith European Union",
	} {
		if !got[want] {
			t.Errorf("missing %q", want)
		}
	}
}
