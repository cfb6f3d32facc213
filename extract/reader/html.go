package reader

import (
	"bytes"
	"fmt"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// readHTML decodes an HTML file, stores <title> and <meta> in d.Meta and
// returns the text of its main content.
func readHTML(data []byte, d *Document, forced string) (string, error) {
	s, err := decode(data, d, forced, func(b []byte) string {
		_, name, _ := charset.DetermineEncoding(b, "text/html")
		return name
	})
	if err != nil {
		return "", err
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", fmt.Errorf("parse html: %w", err)
	}
	htmlMeta(doc, d.Meta)
	if _, ok := d.Meta["language"]; !ok {
		if lang := attr(findFirst(doc, atom.Html), "lang"); lang != "" {
			d.Meta["language"] = lang
		}
	}
	main := doc
	p := readability.NewParser()
	p.CharThresholds = 200
	if art, err := p.ParseDocument(doc, nil); err == nil && art.Node != nil {
		main = art.Node
	} else {
		d.Warnings = append(d.Warnings, "no main content found, reading the whole page")
		if body := findFirst(doc, atom.Body); body != nil {
			main = body
		}
	}
	var w textWriter
	w.node(main)
	return w.b.String(), nil
}

// htmlMeta copies <title> and <meta name|property=... content=...> into m.
func htmlMeta(n *html.Node, m map[string]string) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Title:
			if _, ok := m["title"]; !ok {
				m["title"] = strings.Join(strings.Fields(textOf(n)), " ")
			}
		case atom.Meta:
			name := attr(n, "name")
			if name == "" {
				name = attr(n, "property")
			}
			if content := attr(n, "content"); name != "" && content != "" {
				m[strings.ToLower(name)] = content
			}
		case atom.Body:
			return // metadata lives in the head
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		htmlMeta(c, m)
	}
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func findFirst(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	var b bytes.Buffer
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// textWriter renders HTML as text: block elements become paragraphs
// separated by a blank line, <br> a line break, and white space collapses
// as a browser collapses it, except inside <pre>.
type textWriter struct {
	b     strings.Builder
	brk   int // pending break: 0 none, 1 line, 2 paragraph
	space bool
	pre   int
}

var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Button: true, atom.Select: true,
	atom.Nav: true, atom.Iframe: true, atom.Object: true, atom.Head: true,
}

var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Main: true, atom.Aside: true,
	atom.Table: true, atom.Tr: true, atom.Pre: true, atom.Figure: true,
	atom.Figcaption: true, atom.Address: true, atom.Hr: true, atom.Form: true,
	atom.Caption: true, atom.Body: true,
}

func (w *textWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.brk = max(w.brk, 1)
			return
		case atom.Td, atom.Th:
			w.space = true
		}
		if blocks[n.DataAtom] {
			w.brk = 2
		}
		if n.DataAtom == atom.Pre {
			w.pre++
			defer func() { w.pre-- }()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	if n.Type == html.ElementNode && blocks[n.DataAtom] {
		w.brk = 2
	}
}

func (w *textWriter) text(s string) {
	if w.pre > 0 {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if i > 0 {
				w.brk = max(w.brk, 1)
			}
			if l != "" {
				w.emit(l)
			}
		}
		return
	}
	for i, f := range strings.Fields(s) {
		if i > 0 || strings.IndexFunc(s[:1], isHTMLSpace) == 0 {
			w.space = true
		}
		w.emit(f)
	}
	if s != "" && isHTMLSpace(rune(s[len(s)-1])) {
		w.space = true
	}
}

func (w *textWriter) emit(s string) {
	if w.b.Len() > 0 {
		switch {
		case w.brk == 2:
			w.b.WriteString("\n\n")
		case w.brk == 1:
			w.b.WriteString("\n")
		case w.space:
			w.b.WriteString(" ")
		}
	}
	w.brk, w.space = 0, false
	w.b.WriteString(s)
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}
