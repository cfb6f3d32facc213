package reader

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// needPDFTool skips a test when pdftotext is missing, except under CI,
// where its absence is a failure: .ci/run installs poppler-utils.
func needPDFTool(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath(pdfTool); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%v", errNoPDFTool)
		}
		tb.Skipf("%v", errNoPDFTool)
	}
}

// paragraphs splits a cleaned text into its paragraphs.
func paragraphs(s string) []string { return strings.Split(strings.TrimSpace(s), "\n\n") }

// makeZip builds a zip archive with one file.
func makeZip(tb testing.TB, name, body string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	w.Write([]byte(body))
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
