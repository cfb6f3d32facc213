package reader

import (
	"bytes"
	"errors"
	"flag"
	"github.com/stancegraph/stancegraph/extract/reader/readertest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.txt")

// TestGolden reads every testdata/*.txt, *.md and *.html file and compares
// its cleaned text with <name>.golden.txt.
func TestGolden(t *testing.T) {
	var files []string
	for _, pat := range []string{"*.txt", "*.md", "*.html"} {
		m, _ := filepath.Glob(filepath.Join("testdata", pat))
		files = append(files, m...)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, ".golden.txt") })
	for _, f := range files {
		name := strings.TrimSuffix(f, filepath.Ext(f))
		t.Run(filepath.Base(f), func(t *testing.T) {
			d, err := ReadFile(f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden := name + ".golden.txt"
			if *update && !strings.HasPrefix(filepath.Base(name), "statement") {
				// statement.golden.txt is written by hand: every format must meet it.
				if err := os.WriteFile(golden, []byte(d.Text+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Text + "\n"; got != string(want) {
				t.Errorf("text differs from %s:\n%s", golden, diffLines(string(want), got))
			}
		})
	}
}

// diffLines reports the first differing line, enough to find a problem.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + wl + "\ngot:  " + gl
		}
	}
	return "(same lines)"
}

// TestSameStatement reads one statement written as .txt, .md, .html,
// .docx and .pdf. Every format gives exactly the text of
// testdata/statement.golden.txt: the same paragraphs, byte for byte.
func TestSameStatement(t *testing.T) {
	want, err := os.ReadFile("testdata/statement.golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	paras := paragraphs(string(want))
	inputs := map[string][]byte{}
	for _, ext := range []string{"txt", "md", "html"} {
		b, err := os.ReadFile("testdata/statement." + ext)
		if err != nil {
			t.Fatal(err)
		}
		inputs[ext] = b
	}
	inputs["docx"] = readertest.DOCX(t, "Statement by China", "Wu Jianjian", paras)
	inputs["pdf"] = readertest.PDF(t, paras)
	for _, ext := range []string{"txt", "md", "html", "docx", "pdf"} {
		t.Run(ext, func(t *testing.T) {
			if ext == "pdf" {
				needPDFTool(t)
			}
			d, err := Read("statement."+ext, bytes.NewReader(inputs[ext]), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != ext {
				t.Errorf("Format = %q, want %q", d.Format, ext)
			}
			if d.Language != "en" {
				t.Errorf("Language = %q, want en", d.Language)
			}
			if got := d.Text + "\n"; got != string(want) {
				t.Errorf("text differs from statement.golden.txt:\n%s", diffLines(string(want), got))
			}
		})
	}
}

func TestMeta(t *testing.T) {
	tests := []struct {
		file string
		data []byte
		want map[string]string
	}{
		{file: "testdata/statement.md", want: map[string]string{
			"title": "Statement by China at the OEWG general exchange of views", "speaker": "Counsellor Wu Jianjian",
			"delegation": "China", "forum": "OEWG on ICTs 2021-2025", "session": "1", "date": "2021-12-14", "language": "en"}},
		{file: "testdata/statement.html", want: map[string]string{
			"title": "Statement by China at the OEWG | Permanent Mission of China", "date": "2021-12-14", "language": "en",
			"description": "Statement at the first substantive session of the OEWG 2021-2025"}},
		{file: "x.docx", data: readertest.DOCX(t, "Statement by China", "Wu Jianjian", []string{"Thank you, Mr. Chairman."}),
			want: map[string]string{"title": "Statement by China", "creator": "Wu Jianjian"}},
		{file: "front.txt", data: []byte("---\ntitle: A plain text\ndelegation: [France, Germany]\nempty:\n---\nWe thank the Chair for her work.\n"),
			want: map[string]string{"title": "A plain text", "delegation": "France; Germany"}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			var d *Document
			var err error
			if tt.data != nil {
				d, err = Read(tt.file, bytes.NewReader(tt.data), Options{})
			} else {
				d, err = ReadFile(tt.file, Options{})
			}
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.want {
				if d.Meta[k] != v {
					t.Errorf("Meta[%q] = %q, want %q", k, d.Meta[k], v)
				}
			}
			if _, ok := d.Meta["empty"]; ok {
				t.Errorf("Meta has a key for a null value")
			}
			if strings.Contains(d.Text, "---") || strings.Contains(d.Text, "title:") {
				t.Errorf("front matter left in text: %q", d.Text)
			}
		})
	}
}

// TestSeed checks the three page-break splits of the seed statement.
func TestSeed(t *testing.T) {
	d, err := ReadFile("testdata/seed-statement.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"concluded their reports, and the General Assembly has adopted",
		"abide by them, which is crucial",
		"China calls upon relevant countries",
		"Statement by Counsellor Wu Jianjian", // the ** markers are gone
	} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, bad := range []string{"**", "and the\n", "abide by\n", "calls\n"} {
		if strings.Contains(d.Text, bad) {
			t.Errorf("text still has %q", bad)
		}
	}
	// Paragraphs that end a sentence or a salutation are not joined.
	for _, want := range []string{"\n\nColleagues,\n\nThe pandemic", "\n\nMr. Chairman,\n\nRegarding"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks paragraph break %q", want)
		}
	}
}

func TestEncodings(t *testing.T) {
	const text = "Côte d’Ivoire welcomes the “Pact for the Future” — naïvely, perhaps.\n"
	utf16 := func(e unicode.Endianness) []byte {
		b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	latin1 := []byte("Cr\xe8me de la cr\xe8me: the Holy See's statement at the \xabforum\xbb.\n")
	tests := []struct {
		name     string
		data     []byte
		encoding string // Options.Encoding
		want     string // Document.Encoding
		text     string
		warning  string
	}{
		{"utf-8", []byte(text), "", "utf-8", text, ""},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), text...), "", "utf-8-bom", text, ""},
		{"utf-16le", utf16(unicode.LittleEndian), "", "utf-16le", text, ""},
		{"utf-16be", utf16(unicode.BigEndian), "", "utf-16be", text, ""},
		{"windows-1252", cp1252, "", "windows-1252", text, "not valid UTF-8, read as Windows-1252"},
		{"forced latin1", latin1, "latin1", "latin1", "Crème de la crème: the Holy See's statement at the «forum».\n", ""},
		{"forced iso-8859-1", latin1, "ISO-8859-1", "iso-8859-1", "Crème de la crème: the Holy See's statement at the «forum».\n", ""},
		{"forced windows-1251", []byte("\xcc\xe8\xf0 \xe8 \xe1\xe5\xe7\xee\xef\xe0\xf1\xed\xee\xf1\xf2\xfc\n"), "windows-1251", "windows-1251", "Мир и безопасность\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read("x.txt", bytes.NewReader(tt.data), Options{Encoding: tt.encoding})
			if err != nil {
				t.Fatal(err)
			}
			if d.Encoding != tt.want {
				t.Errorf("Encoding = %q, want %q", d.Encoding, tt.want)
			}
			if want := strings.TrimSpace(tt.text); d.Text != want {
				t.Errorf("Text = %q, want %q", d.Text, want)
			}
			if tt.warning == "" && len(d.Warnings) > 0 || tt.warning != "" && !slices.Contains(d.Warnings, tt.warning) {
				t.Errorf("Warnings = %q, want %q", d.Warnings, tt.warning)
			}
		})
	}
	if _, err := Read("x.txt", strings.NewReader("abc"), Options{Encoding: "klingon"}); err == nil || !strings.Contains(err.Error(), `unknown encoding "klingon"`) {
		t.Errorf("unknown encoding: err = %v", err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		opts Options
		is   error  // nil: any error
		msg  string // the whole message, or a part of it when it ends in "..."
	}{
		{"statements/x.txt", []byte("Mr. President\x00\x01"), Options{}, ErrBinary, "read statements/x.txt: binary content (NUL byte at offset 13)"},
		{"x.txt", []byte("text\x1b[0m"), Options{}, ErrBinary, "read x.txt: binary content (control byte 0x1B at offset 4)"},
		{"x.bin", []byte("\xef\xbb\xbfab\x00"), Options{}, ErrBinary, "read x.bin: binary content (NUL byte at offset 5)"},
		{"x.txt", nil, Options{}, ErrEmpty, "read x.txt: empty"},
		{"x.txt", []byte(" \n\t\r\n "), Options{}, ErrEmpty, "read x.txt: empty"},
		{"x.md", []byte("---\ntitle: only front matter\n---\n"), Options{}, ErrEmpty, "read x.md: empty"},
		{"x.txt", []byte("\u00a0\u200b\n"), Options{}, ErrEmpty, "read x.txt: empty"},
		{"x.txt", []byte("0123456789ABC"), Options{MaxBytes: 10}, ErrTooLarge, "read x.txt: too large (more than 10 bytes)"},
		{"x.txt", []byte("text"), Options{Format: "odt"}, nil, `read x.txt: unknown format "odt" (want one of txt, md, html, pdf, docx)`},
		{"x.docx", []byte("PK\x03\x04 not really a zip"), Options{}, nil, "read x.docx: docx: zip: not a valid zip file"},
		{"x.docx", makeZip(t, "a.txt", "hello"), Options{}, nil, "read x.docx: docx: no word/document.xml in the archive"},
		{"x.docx", readertest.DOCX(t, "t", "c", []string{""}), Options{}, ErrEmpty, "read x.docx: empty"},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			_, err := Read(tt.name, bytes.NewReader(tt.data), tt.opts)
			checkErr(t, err, tt.is, tt.msg)
		})
	}
}

func checkErr(t *testing.T, err, is error, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", msg)
	}
	if is != nil && !errors.Is(err, is) {
		t.Errorf("error %q is not %v", err, is)
	}
	if prefix, ok := strings.CutSuffix(msg, "..."); ok {
		if !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("error = %q, want %q", err, msg)
		}
	} else if err.Error() != msg {
		t.Errorf("error = %q, want %q", err, msg)
	}
}

func TestReadFileTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(path, bytes.Repeat([]byte("word "), 100), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(path, Options{MaxBytes: 100})
	checkErr(t, err, ErrTooLarge, "read "+path+": too large (500 bytes, limit 100)")
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing.txt"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestPDF(t *testing.T) {
	needPDFTool(t)
	t.Run("two columns in reading order", func(t *testing.T) {
		left := "The President: I now give the floor to the representative of Romania. Mr. Jinga (Romania): Romania aligns itself with the statement to be delivered on behalf of the European Union. The Charter of the United Nations remains the cornerstone of the"
		right := "international order, and we must uphold the principles of sovereignty and territorial integrity. The President: I now give the floor to Mr. Skoog. Mr. Skoog (European Union): I have the honour to speak on behalf of the European Union and its member States."
		d, err := Read("spv.pdf", bytes.NewReader(readertest.TwoColumnPDF(t, left, right)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := "S/PV.8699 Maintenance of international peace and security 09/01/2020\n\n" + left + " " + right
		if d.Text != want {
			t.Errorf("Text =\n%q\nwant\n%q", d.Text, want)
		}
	})
	t.Run("hyphen at line end", func(t *testing.T) {
		p := fpdf.New("P", "mm", "A4", "")
		p.SetFont("Times", "", 12)
		p.AddPage()
		for _, l := range []string{
			"States should strengthen their cooperation on cyber-",
			"security and on the protection of critical infrastructure in line",
			"with the framework of responsible State behaviour.",
		} {
			p.CellFormat(0, 6, l, "", 1, "L", false, 0, "")
		}
		d, err := Read("h.pdf", bytes.NewReader(readertest.PDFBytes(t, p)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := "States should strengthen their cooperation on cybersecurity and on the protection of critical infrastructure in line with the framework of responsible State behaviour."
		if d.Text != want {
			t.Errorf("Text = %q, want %q", d.Text, want)
		}
	})
	t.Run("scanned", func(t *testing.T) {
		_, err := Read("scan.pdf", bytes.NewReader(readertest.ScannedPDF(t)), Options{})
		checkErr(t, err, ErrNoText, "read scan.pdf: no text layer (scanned?)")
	})
	t.Run("truncated", func(t *testing.T) {
		full := readertest.PDF(t, []string{"Thank you, Mr. President."})
		_, err := Read("statements/cut.pdf", bytes.NewReader(full[:len(full)/3]), Options{})
		checkErr(t, err, nil, "read statements/cut.pdf: corrupt or truncated PDF (pdftotext: ...")
	})
}

func TestFormatDetection(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"a.txt", "<!DOCTYPE html><html><body><p>The Chair opened the meeting.</p></body></html>", "html"},
		{"a.md", "\ufeff<!-- saved page -->\n<HTML><body><p>The Chair opened the meeting.</p></body></HTML>", "html"},
		{"a.html", "The Chair opened the meeting.", "txt"},
		{"a.markdown", "# The Chair opened the meeting.", "md"},
		{"a", "The Chair opened the meeting.", "txt"},
	}
	for _, tt := range tests {
		d, err := Read(tt.name, strings.NewReader(tt.data), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Format != tt.want {
			t.Errorf("%s: Format = %q, want %q", tt.name, d.Format, tt.want)
		}
		if d.Text != "The Chair opened the meeting." {
			t.Errorf("%s: Text = %q", tt.name, d.Text)
		}
	}
	d, err := Read("x.docx.txt", bytes.NewReader(readertest.DOCX(t, "", "", []string{"Thank you."})), Options{})
	if err != nil || d.Format != "docx" {
		t.Errorf("docx by content: %v, %+v", err, d)
	}
	d, err = Read("x.txt", strings.NewReader("<html><p>Thank you.</p></html>"), Options{Format: "txt"})
	if err != nil || d.Format != "txt" || d.Text != "<html><p>Thank you.</p></html>" {
		t.Errorf("forced txt: %v, %+v", err, d)
	}
}

func TestValidUTF8(t *testing.T) {
	d, err := Read("x.txt", strings.NewReader("\ufeffabc \xff\xfe def"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(d.Text) {
		t.Errorf("Text is not valid UTF-8: %q", d.Text)
	}
}
