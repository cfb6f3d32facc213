package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run executes the stancegraph command line in-process.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd()
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	err = root.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func mustRun(t *testing.T, args ...string) (string, string) {
	t.Helper()
	out, errOut, err := run(t, "", args...)
	if err != nil {
		t.Fatalf("stancegraph %s: %v\nstderr:\n%s", strings.Join(args, " "), err, errOut)
	}
	return out, errOut
}

// copyFile copies testdata/name to dir/newName.
func copyFile(t *testing.T, name, dir, newName string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, newName)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func sortedLines(s string) []string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(l)
	return l
}

const (
	labelP = "<http://www.w3.org/2000/01/rdf-schema#label>"
	ns     = "https://stancegraph.org/ns#"
)

func TestIngestQueryExportImport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	copyFile(t, "statement-a.txt", in, "renamed.txt")
	copyFile(t, "UNSC_SPV8699_2020_spch090_Romania.txt", in, "UNSC_SPV8699_2020_spch090_Romania.txt")
	db := filepath.Join(dir, "db")

	_, errOut := mustRun(t, "--db", db, "ingest", in)
	if !strings.Contains(errOut, "2 statements") || !strings.Contains(errOut, "0 failed") {
		t.Errorf("ingest summary = %q", errOut)
	}
	if _, err := os.Stat(filepath.Join(db, "indexes.bolt")); err != nil {
		t.Errorf("bolt file not where stock cayley --dbpath expects it: %v", err)
	}

	// Who supports the Programme of Action?
	q := `g.V().Has("` + labelP + `", "Programme of Action").In("<` + ns + `supports>").Out("` + labelP + `").All()`
	out, _ := mustRun(t, "--db", db, "query", q)
	if !strings.Contains(out, `"China"`) {
		t.Errorf("supporters of the Programme of Action: %s", out)
	}
	// The same query from stdin, as a table.
	out, _, err := run(t, q, "--db", db, "query", "--format", "table", "-")
	if err != nil || !strings.Contains(out, "China") {
		t.Errorf("query - : %v %s", err, out)
	}

	// Which sentence says China opposes something?
	q2 := `g.V().Has("<` + ns + `stance>", "<` + ns + `opposes>").Has("<` + ns + `actor>", "<https://stancegraph.org/id/state/CHN>").Out("<` + ns + `evidence>").All()`
	out, _ = mustRun(t, "--db", db, "query", q2)
	if !strings.Contains(out, "so called") {
		t.Errorf("evidence of China's opposition: %s", out)
	}

	// Export, import into a fresh store, export again: the same quads.
	exp1, _ := mustRun(t, "--db", db, "export")
	nq := filepath.Join(dir, "g.nq")
	os.WriteFile(nq, []byte(exp1), 0o644)
	db2 := filepath.Join(dir, "db2")
	mustRun(t, "--db", db2, "import", nq)
	exp2, _ := mustRun(t, "--db", db2, "export")
	a, b := sortedLines(exp1), sortedLines(exp2)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("export -> import -> export differs: %d vs %d lines", len(a), len(b))
	}
	if strings.Contains(exp1, "<xsd:") || strings.Contains(exp1, "\"True\"") {
		t.Errorf("export uses short datatype forms")
	}

	// export -o writes the same.
	out3 := filepath.Join(dir, "out.nq")
	mustRun(t, "--db", db, "export", "-o", out3)
	b3, _ := os.ReadFile(out3)
	if strings.Join(sortedLines(string(b3)), "\n") != strings.Join(a, "\n") {
		t.Errorf("export -o differs from export to stdout")
	}

	// stats.
	out, _ = mustRun(t, "--db", db, "stats")
	if !strings.Contains(out, "statements") || !strings.Contains(out, "supports") {
		t.Errorf("stats: %s", out)
	}
}

func TestReingestIsIdempotentAndChangesReplace(t *testing.T) {
	dir := t.TempDir()
	p := copyFile(t, "statement-a.txt", dir, "a.txt")
	db := filepath.Join(dir, "db")
	mustRun(t, "--db", db, "ingest", p)
	exp1, _ := mustRun(t, "--db", db, "export")

	_, errOut := mustRun(t, "--db", db, "ingest", p)
	if !strings.Contains(errOut, " 0 new quads") || !strings.Contains(errOut, "1 unchanged") {
		t.Errorf("re-ingest summary = %q", errOut)
	}
	exp2, _ := mustRun(t, "--db", db, "export")
	if strings.Join(sortedLines(exp1), "\n") != strings.Join(sortedLines(exp2), "\n") {
		t.Errorf("re-ingest changed the store")
	}

	// Change the file: drop the sentence about the Programme of Action.
	b, _ := os.ReadFile(p)
	changed := strings.Replace(string(b), "To this end, China supports the idea of a political commitment", "To this end, China notes the idea of a political commitment", 1)
	if changed == string(b) {
		t.Fatal("test sentence not found")
	}
	os.WriteFile(p, []byte(changed), 0o644)
	_, errOut = mustRun(t, "--db", db, "ingest", p)
	if !strings.Contains(errOut, "removed") {
		t.Errorf("changed file summary = %q", errOut)
	}
	exp3, _ := mustRun(t, "--db", db, "export")
	if strings.Contains(exp3, "China supports the idea") {
		t.Errorf("old text still in the store after the file changed")
	}
	if strings.Count(exp3, "> <"+ns+"sha256> ") != 1 {
		t.Errorf("want exactly one sha256 on the statement after replace")
	}

	// forget removes it all.
	mustRun(t, "--db", db, "forget", p)
	exp4, _ := mustRun(t, "--db", db, "export")
	if strings.Contains(exp4, "/statement/") {
		t.Errorf("statement quads remain after forget")
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	copyFile(t, "statement-a.txt", in, "good.txt")
	os.WriteFile(filepath.Join(in, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(in, "binary.txt"), []byte("abc\x00\x01\x02def"), 0o644)
	os.WriteFile(filepath.Join(in, "latin.txt"), []byte("We support the Paris Agreement, said the d\xe9l\xe9gation.\n"), 0o644)
	os.WriteFile(filepath.Join(in, "fr.txt"), []byte("La France soutient l'Accord de Paris et le programme de développement durable. Nous appelons tous les États à le mettre en œuvre dans les meilleurs délais.\n"), 0o644)
	db := filepath.Join(dir, "db")
	_, errOut, err := run(t, "", "--db", db, "ingest", in)
	if err == nil {
		t.Fatal("ingest with bad files succeeded")
	}
	for _, want := range []string{"empty.txt", "binary.txt", "latin.txt: ", "Windows-1252", "2 failed", "fr.txt: language \"fr\""} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	// The good files still loaded.
	out, _ := mustRun(t, "--db", db, "stats", "--format", "json")
	if !strings.Contains(out, `"Statements": 3`) {
		t.Errorf("stats after partial ingest: %s", out)
	}
	if code := exitCode(err); code != exitFailure {
		t.Errorf("exit code = %d", code)
	}
}

func TestQueryErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	p := copyFile(t, "statement-a.txt", dir, "a.txt")
	mustRun(t, "--db", db, "ingest", p)
	_, _, err := run(t, "", "--db", db, "query", "g.V(.All()")
	if err == nil || strings.Contains(err.Error(), "goroutine") {
		t.Errorf("bad syntax: %v", err)
	}
	_, _, err = run(t, "", "--db", db, "query", "--timeout", "300ms", "while(true){}")
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("runaway query: %v", err)
	}
	_, _, err = run(t, "", "--db", db, "query")
	if code := exitCode(err); code != exitUsage {
		t.Errorf("missing query: exit %d (%v)", code, err)
	}
}

func TestSchemaCmd(t *testing.T) {
	out, _ := mustRun(t, "schema")
	if strings.Contains(out, "<<") {
		t.Errorf("schema prints IRIs in double brackets")
	}
	for _, p := range []string{"supports", "opposes", "proposes", "alignsWith"} {
		if !strings.Contains(out, " <"+ns+p+"> ") {
			t.Errorf("schema lacks %s", p)
		}
	}
}

// TestRecordShrinks re-ingests a verbatim record that lost a turn, and a
// record that became a single statement: no statement of the old version
// stays behind.
func TestRecordShrinks(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	p := filepath.Join(dir, "record.txt")
	turn := func(who, text string) string { return who + ": " + text + "\n\n" }
	three := turn("Mr. Jinga (Romania)", "Romania aligns itself with the statement of the European Union. We support the two-State solution and the Paris Agreement.") +
		turn("Mr. Zhang Jun (China)", "China supports the Global Development Initiative and the 2030 Agenda for Sustainable Development.") +
		turn("Mr. Nebenzia (Russian Federation)", "We reject unilateral coercive measures and call for the lifting of the embargo against Cuba.")
	os.WriteFile(p, []byte(three), 0o644)
	mustRun(t, "--db", db, "ingest", p)
	count := func() string {
		out, _ := mustRun(t, "--db", db, "stats", "--format", "json")
		return out
	}
	if c := count(); !strings.Contains(c, `"Statements": 3`) {
		t.Fatalf("three turns: %s", c)
	}
	os.WriteFile(p, []byte(strings.Join(strings.SplitAfterN(three, "\n\n", 3)[:2], "")), 0o644)
	mustRun(t, "--db", db, "ingest", p)
	if c := count(); !strings.Contains(c, `"Statements": 2`) {
		t.Errorf("after losing a turn: %s", c)
	}
	os.WriteFile(p, []byte("We support the Paris Agreement.\n"), 0o644)
	mustRun(t, "--db", db, "ingest", p)
	exp, _ := mustRun(t, "--db", db, "export")
	if c := count(); !strings.Contains(c, `"Statements": 1`) || strings.Contains(exp, "/turn/") {
		t.Errorf("after becoming one statement: %s", c)
	}
}

// TestGazetteerReplacedFileNotice checks that replacing an embedded
// gazetteer file still extracts, and that the embedded rows left out for
// naming its entities are reported on stderr, not silently lost.
func TestGazetteerReplacedFileNotice(t *testing.T) {
	dir := t.TempDir()
	topics := "kind\tkey\tlabel\tclass\taliases\ntopic\tmy-topic\tmy topic\tTopic\tour pet topic\n"
	if err := os.WriteFile(filepath.Join(dir, "topics.tsv"), []byte(topics), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "BGR_78_2023.txt")
	if err := os.WriteFile(p, []byte("Bulgaria supports our pet topic and the Paris Agreement.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut := mustRun(t, "--gazetteer", dir, "extract", "--format", "table", p)
	if !strings.Contains(out, "my topic") || !strings.Contains(out, "Paris Agreement") {
		t.Errorf("extract with a replaced topics.tsv:\n%s", out)
	}
	if !strings.Contains(errOut, "embedded rows name entities your files no longer define") {
		t.Errorf("no notice of the rows left out; stderr:\n%s", errOut)
	}
}
