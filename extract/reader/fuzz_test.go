package reader

import (
	"bytes"
	"github.com/stancegraph/stancegraph/extract/reader/readertest"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// checkDoc checks the properties every successful Read has.
func checkDoc(t *testing.T, d *Document, err error) {
	t.Helper()
	if err != nil {
		return
	}
	if !utf8.ValidString(d.Text) {
		t.Fatalf("Text is not valid UTF-8: %q", d.Text)
	}
	if !norm.NFC.IsNormalString(d.Text) {
		t.Fatalf("Text is not NFC: %q", d.Text)
	}
	if strings.ContainsAny(d.Text, "\r\f\t\u00a0\u00ad") || strings.Contains(d.Text, "  ") || strings.Contains(d.Text, "\n\n\n") {
		t.Fatalf("Text is not clean: %q", d.Text)
	}
	if d.Text != strings.TrimSpace(d.Text) || d.Text == "" {
		t.Fatalf("Text is empty or not trimmed: %q", d.Text)
	}
}

func seedFiles(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzReadText(f *testing.F) {
	seedFiles(f, "testdata/seed-statement.txt", "testdata/statement.txt", "testdata/statement.md")
	f.Add([]byte("---\ntitle: x\n---\n**a** _b_ # c\n\fcyber-\nsecurity\n\n- 3 -\n"))
	f.Add([]byte("\xff\xfea\x00b\x00"))
	f.Add([]byte("caf\xe9 and the\n\nGeneral"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{"txt", "md"} {
			d, err := Read("fuzz."+format, bytes.NewReader(data), Options{Format: format})
			checkDoc(t, d, err)
			d2, err2 := Read("fuzz."+format, bytes.NewReader(data), Options{Format: format})
			if (err == nil) != (err2 == nil) || err == nil && d.Text != d2.Text {
				t.Fatalf("Read is not deterministic")
			}
		}
	})
}

func FuzzReadHTML(f *testing.F) {
	seedFiles(f, "testdata/statement.html")
	f.Add([]byte("<html><body><p>a<br>b</p><pre> x\n y</pre><table><td>c</td></table></body></html>"))
	f.Add([]byte("<!DOCTYPE html><meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read("fuzz.html", bytes.NewReader(data), Options{Format: "html"})
		checkDoc(t, d, err)
	})
}

func FuzzReadDOCX(f *testing.F) {
	f.Add(readertest.DOCX(f, "Title", "Creator", []string{"We thank the Chair,", "and the Secretariat."}))
	f.Add(makeZip(f, "word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>a</w:t><w:tab/><w:br/><w:br w:type="page"/></w:r></w:p>`))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read("fuzz.docx", bytes.NewReader(data), Options{Format: "docx"})
		checkDoc(t, d, err)
	})
}

// FuzzReadPDF runs pdftotext once per input: slow, but it checks that no
// output of it breaks the reader.
func FuzzReadPDF(f *testing.F) {
	needPDFTool(f)
	f.Add(readertest.PDF(f, []string{"We thank the Chair,", "and the Secretariat."}))
	f.Add(readertest.TwoColumnPDF(f, "Left column text of the record.", "Right column text."))
	f.Add([]byte("%PDF-1.4\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			t.Skip("large inputs add nothing")
		}
		d, err := Read("fuzz.pdf", bytes.NewReader(data), Options{Format: "pdf"})
		checkDoc(t, d, err)
	})
}

// BenchmarkRead reads a real General Debate speech (Angola, 2023).
func BenchmarkRead(b *testing.B) {
	data, err := os.ReadFile("testdata/AGO_78_2023.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("AGO_78_2023.txt", bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadHTML reads the statement page with its menus and footer.
func BenchmarkReadHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/statement.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("statement.html", bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
