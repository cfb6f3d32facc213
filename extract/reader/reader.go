package reader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// A Document is the text of one source file, cleaned, with what was
// learnt reading it.
type Document struct {
	Path   string
	Format string // "txt", "md", "html", "pdf" or "docx"
	// Encoding is how a txt, md or html file was decoded: "utf-8",
	// "utf-8-bom", "utf-16le", "utf-16be", "windows-1252", a charset an
	// HTML <meta> named, or the name Options.Encoding gave, lower case.
	// It is "" for pdf and docx, whose text is Unicode inside the file.
	Encoding string
	// Text is the cleaned text: valid UTF-8 in NFC, paragraphs separated
	// by one blank line. Evidence offsets count into Text, in code points.
	Text string
	// Meta holds YAML front matter (txt, md), HTML <title> and <meta>
	// elements, or DOCX core properties. Keys are lower case: title,
	// speaker, delegation, forum, session, date, language, ...
	Meta map[string]string
	// Language is the detected language of Text: "en", "fr", "es", "ru",
	// "zh", "ar", or "und" when none could be told.
	Language string
	// Warnings has one line for each thing the reader had to guess, such
	// as "not valid UTF-8, read as Windows-1252".
	Warnings []string
}

// Options control Read. The zero value detects everything.
type Options struct {
	// Encoding forces a character set by its WHATWG or IANA name
	// ("latin1", "iso-8859-1", "windows-1251"); "" detects it. It applies
	// to txt, md and html.
	Encoding string
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Format forces "txt", "md", "html", "pdf" or "docx"; "" detects it.
	Format string
}

// DefaultMaxBytes is the input size limit when Options.MaxBytes is 0.
const DefaultMaxBytes = 64 << 20

// Errors that Read returns, wrapped with the file name and details.
// Test for them with errors.Is.
var (
	ErrBinary   = errors.New("binary content")
	ErrEmpty    = errors.New("empty")
	ErrTooLarge = errors.New("too large")
	ErrNoText   = errors.New("no text layer (scanned?)")
)

// formats lists the format names Read knows.
var formats = []string{"txt", "md", "html", "pdf", "docx"}

// ReadFile reads the file at path. See Read.
func ReadFile(path string, o Options) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *PathError already names the file
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > o.maxBytes() {
		return nil, fmt.Errorf("read %s: %w (%d bytes, limit %d)", path, ErrTooLarge, fi.Size(), o.maxBytes())
	}
	return Read(path, f, o)
}

// Read reads one source file from r. Path names the file in the Document
// and in errors, and its extension helps choose the format. Read returns
// an error wrapping ErrBinary, ErrEmpty, ErrTooLarge or ErrNoText when the
// input has no usable text, and other errors for unreadable or corrupt
// files; every error names path. Read is safe for concurrent use.
func Read(path string, r io.Reader, o Options) (*Document, error) {
	max := o.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("read %s: %w (more than %d bytes)", path, ErrTooLarge, max)
	}
	d := &Document{Path: path, Meta: map[string]string{}}
	d.Format = o.Format
	if d.Format == "" {
		d.Format = detectFormat(path, data)
	} else if !knownFormat(d.Format) {
		return nil, fmt.Errorf("read %s: unknown format %q (want one of %s)", path, d.Format, strings.Join(formats, ", "))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("read %s: %w", path, ErrEmpty)
	}
	var text string
	switch d.Format {
	case "pdf":
		text, err = readPDF(data)
	case "docx":
		text, err = readDOCX(data, d)
	case "html":
		text, err = readHTML(data, d, o.Encoding)
	default:
		text, err = readText(data, d, o.Encoding)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	// HTML and DOCX mark paragraphs explicitly: none was split by a page.
	joinSplit := d.Format != "html" && d.Format != "docx"
	d.Text = clean(text, d.Format == "pdf", joinSplit)
	if strings.TrimSpace(d.Text) == "" {
		if d.Format == "pdf" {
			return nil, fmt.Errorf("read %s: %w", path, ErrNoText)
		}
		return nil, fmt.Errorf("read %s: %w", path, ErrEmpty)
	}
	d.Language = DetectLanguage(d.Text)
	return d, nil
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

func knownFormat(f string) bool {
	for _, k := range formats {
		if f == k {
			return true
		}
	}
	return false
}

// detectFormat looks at the content first and the extension second.
func detectFormat(path string, data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) && isDOCX(data):
		return "docx"
	case looksHTML(data):
		return "html"
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return "md"
	case ".pdf":
		return "pdf" // lets a corrupt file fail as a PDF, with a PDF error
	case ".docx":
		return "docx"
	}
	return "txt"
}

// looksHTML reports whether the first non-space bytes (after a BOM and
// comments) open an HTML document.
func looksHTML(data []byte) bool {
	head := data[:min(len(data), 1024)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.ToLower(bytes.TrimSpace(head))
	for bytes.HasPrefix(head, []byte("<!--")) || bytes.HasPrefix(head, []byte("<?xml")) {
		end := bytes.Index(head, []byte(">"))
		if end < 0 {
			return false
		}
		head = bytes.TrimSpace(head[end+1:])
	}
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}
