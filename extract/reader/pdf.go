package reader

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// pdfTool is the program that extracts PDF text; see README.md.
const pdfTool = "pdftotext"

// pdfTimeout bounds one run of pdfTool.
const pdfTimeout = 2 * time.Minute

// errNoPDFTool is returned when pdfTool is not on PATH.
var errNoPDFTool = errors.New(pdfTool + " not found: install poppler-utils (Debian: apt-get install poppler-utils)")

// readPDF returns the text of a PDF as pdftotext reads it in its default
// reading-order mode, with its layout analysis kept: pages separated by
// form feeds, text blocks (paragraphs, as told by line spacing) by blank
// lines, and lines by line breaks.
func readPDF(data []byte) (string, error) {
	tool, err := exec.LookPath(pdfTool)
	if err != nil {
		return "", errNoPDFTool
	}
	// pdftotext needs a seekable file; write the bytes to a temporary one.
	f, err := os.CreateTemp("", "reader-*.pdf")
	if err != nil {
		return "", fmt.Errorf("pdf: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", fmt.Errorf("pdf: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("pdf: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdfTimeout)
	defer cancel()
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, tool, "-bbox-layout", "-enc", "UTF-8", f.Name(), "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("pdf: %s took longer than %v", pdfTool, pdfTimeout)
		}
		msg := firstLine(strings.TrimSpace(stderr.String()))
		if msg == "" {
			msg = err.Error()
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == 3 {
			return "", fmt.Errorf("PDF text extraction not permitted, encrypted? (%s: %s)", pdfTool, msg)
		}
		return "", fmt.Errorf("corrupt or truncated PDF (%s: %s)", pdfTool, msg)
	}
	text, err := bboxText(&out)
	if err != nil {
		return "", fmt.Errorf("read %s output: %w", pdfTool, err)
	}
	return text, nil
}

// bboxText turns the XHTML of pdftotext -bbox-layout (doc, page, flow,
// block, line and word elements) into text.
func bboxText(r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	var b strings.Builder
	pages := 0
	brk := "" // separator owed before the next word
	inWord := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				if pages > 0 {
					brk = "\f"
				}
				pages++
			case "flow", "block":
				if brk != "\f" {
					brk = "\n\n"
				}
			case "line":
				if brk == "" {
					brk = "\n"
				}
			case "word":
				inWord = true
				if brk == "" {
					brk = " "
				}
				if b.Len() > 0 {
					b.WriteString(brk)
				}
				brk = ""
			}
		case xml.EndElement:
			if t.Name.Local == "word" {
				inWord = false
			}
		case xml.CharData:
			if inWord {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}
