package reader

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxXMLBytes bounds how much of one DOCX part is read, against zip bombs.
const maxXMLBytes = 256 << 20

// isDOCX reports whether data is a zip archive holding word/document.xml.
func isDOCX(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			return true
		}
	}
	return false
}

// readDOCX returns the paragraphs of word/document.xml, separated by a
// blank line, and stores the core properties title and creator in d.Meta.
func readDOCX(data []byte, d *Document) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("docx: %w", err)
	}
	var body, core *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			body = f
		case "docProps/core.xml":
			core = f
		}
	}
	if body == nil {
		return "", errors.New("docx: no word/document.xml in the archive")
	}
	if core != nil {
		if err := docxCore(core, d.Meta); err != nil {
			d.Warnings = append(d.Warnings, "docProps/core.xml unreadable: "+err.Error())
		}
	}
	rc, err := body.Open()
	if err != nil {
		return "", fmt.Errorf("docx: %w", err)
	}
	defer rc.Close()
	text, err := docxText(io.LimitReader(rc, maxXMLBytes))
	if err != nil {
		return "", fmt.Errorf("docx: word/document.xml: %w", err)
	}
	return text, nil
}

// wordNS is the WordprocessingML main namespace.
const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// docxText walks document.xml: w:p ends a paragraph, w:t is text, w:tab
// a space, w:br and w:cr a line break. Deleted text (w:delText) and field
// instructions (w:instrText) are not text and are skipped.
func docxText(r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	var b strings.Builder
	inText := 0
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
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText++
			case "tab":
				b.WriteByte(' ')
			case "br", "cr":
				if attrValue(t, "type") == "page" {
					b.WriteByte('\f')
				} else {
					b.WriteByte('\n')
				}
			}
		case xml.EndElement:
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText--
			case "p":
				b.WriteString("\n\n")
			}
		case xml.CharData:
			if inText > 0 {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}

func attrValue(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxCore reads dc:title, dc:creator, dc:subject, dc:language and
// dcterms:created from docProps/core.xml into m.
func docxCore(f *zip.File, m map[string]string) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	var core struct {
		Title    string `xml:"title"`
		Creator  string `xml:"creator"`
		Subject  string `xml:"subject"`
		Language string `xml:"language"`
		Created  string `xml:"created"`
	}
	if err := xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&core); err != nil {
		return err
	}
	for k, v := range map[string]string{"title": core.Title, "creator": core.Creator,
		"subject": core.Subject, "language": core.Language, "date": core.Created} {
		if v = strings.TrimSpace(v); v != "" {
			m[k] = v
		}
	}
	return nil
}
