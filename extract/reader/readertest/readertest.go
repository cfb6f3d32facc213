// Package readertest builds document fixtures for tests: DOCX and PDF
// files made on the fly from text, so no fixture binary is checked in.
package readertest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	pngenc "image/png"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// DOCX builds a minimal DOCX: one w:p per paragraph, each split into
// runs at its commas to check that runs are concatenated, with a deleted
// run that must not be read.
func DOCX(tb testing.TB, title, creator string, paras []string) []byte {
	tb.Helper()
	var doc bytes.Buffer
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for i, p := range paras {
		doc.WriteString(`<w:p><w:pPr><w:jc w:val="both"/></w:pPr>`)
		parts := strings.SplitAfter(p, ",")
		for j, part := range parts {
			doc.WriteString(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">`)
			xml.EscapeText(&doc, []byte(part))
			doc.WriteString(`</w:t></w:r>`)
			if i == 3 && j == 0 {
				doc.WriteString(`<w:del><w:r><w:delText>deleted words</w:delText></w:r></w:del>`)
				doc.WriteString(`<w:r><w:instrText> PAGE </w:instrText></w:r>`)
			}
		}
		doc.WriteString(`</w:p>`)
	}
	doc.WriteString(`<w:sectPr/></w:body></w:document>`)
	core := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>%s</dc:title><dc:creator>%s</dc:creator></cp:coreProperties>`, title, creator)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"word/document.xml", doc.String()},
		{"docProps/core.xml", core},
	} {
		w, err := zw.Create(f.name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(f.body))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// PDF lays out paragraphs on A4 pages with a running header and a
// "Page N of M" footer, as a mission's statement PDF would be. fpdf breaks
// pages wherever the text reaches the bottom margin, so paragraphs go on
// over page breaks.
func PDF(tb testing.TB, paras []string) []byte {
	tb.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	tr := p.UnicodeTranslatorFromDescriptor("")
	p.SetMargins(25, 20, 25)
	p.SetAutoPageBreak(true, 25)
	p.AliasNbPages("{nb}")
	p.SetHeaderFunc(func() {
		p.SetFont("Helvetica", "", 8)
		p.CellFormat(0, 6, "A/AC.292/2021/INF/1", "", 1, "R", false, 0, "")
		p.Ln(4)
	})
	p.SetFooterFunc(func() {
		p.SetY(-18)
		p.SetFont("Helvetica", "", 8)
		p.CellFormat(0, 6, fmt.Sprintf("Page %d of {nb}", p.PageNo()), "", 0, "C", false, 0, "")
	})
	p.AddPage()
	for _, para := range paras {
		p.SetFont("Times", "", 12)
		p.MultiCell(0, 6, tr(para), "", "L", false)
		p.Ln(4)
	}
	return PDFBytes(tb, p)
}

// PDFBytes renders p.
func PDFBytes(tb testing.TB, p *fpdf.Fpdf) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TwoColumnPDF lays out a page like a UN verbatim record: a header
// line across the page, then two columns. Lines are written row by row,
// left then right, so content order is not reading order.
func TwoColumnPDF(tb testing.TB, left, right string) []byte {
	tb.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetFont("Times", "", 10)
	p.AddPage()
	p.Text(20, 15, "S/PV.8699 Maintenance of international peace and security 09/01/2020")
	split := func(s string) []string {
		var out []string
		for _, l := range p.SplitLines([]byte(s), 82) {
			out = append(out, string(l))
		}
		return out
	}
	ll, rl := split(left), split(right)
	for i := 0; i < max(len(ll), len(rl)); i++ {
		y := float64(30 + i*5)
		if i < len(ll) {
			p.Text(20, y, ll[i])
		}
		if i < len(rl) {
			p.Text(110, y, rl[i])
		}
	}
	p.Text(200, 285, "3/5")
	return PDFBytes(tb, p)
}

// ScannedPDF has a page with an image and no text, like a scan.
func ScannedPDF(tb testing.TB) []byte {
	tb.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 4)
	}
	var png bytes.Buffer
	if err := pngenc.Encode(&png, img); err != nil {
		tb.Fatal(err)
	}
	p.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, &png)
	p.ImageOptions("scan", 10, 10, 190, 270, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	return PDFBytes(tb, p)
}
