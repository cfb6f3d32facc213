package graph

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// This file parses N-Quads lines (https://www.w3.org/TR/n-quads/) into
// quads whose literals stay as written: a typed literal keeps its
// datatype IRI, "True" stays "True". The quad library's raw reader
// (nquads.NewReader(r, true)) promises the same but re-reads each
// unescaped literal by guesswork, so "@"@en, or any literal holding `"@`
// or `"^^<`, comes back wrong (quad v1.3.0, nquads.unEscapeRaw and
// quad.Raw). Relative IRIs are accepted, as the quad library accepts them.

// A syntaxError is a malformed N-Quads line; Col counts characters from 1.
type syntaxError struct {
	Col int
	Msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("column %d: %s", e.Col, e.Msg) }

// parseNQuad parses one line of N-Quads, without its line ending. ok is
// false for a blank line or a comment.
func parseNQuad(line string) (q quad.Quad, ok bool, err error) {
	if !utf8.ValidString(line) {
		i := 0
		for i < len(line) {
			r, n := utf8.DecodeRuneInString(line[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return q, false, &syntaxError{Col: utf8.RuneCountInString(line[:i]) + 1, Msg: "invalid UTF-8"}
	}
	p := &lineParser{s: line}
	p.space()
	if p.eof() || p.peek() == '#' {
		return q, false, nil
	}
	if q.Subject, err = p.term("subject", false); err != nil {
		return q, false, err
	}
	if q.Predicate, err = p.term("predicate", false); err != nil {
		return q, false, err
	}
	if _, ok := q.Predicate.(quad.IRI); !ok {
		return q, false, p.errorAt(p.last, "predicate must be an IRI")
	}
	if q.Object, err = p.term("object", true); err != nil {
		return q, false, err
	}
	if !p.eof() && p.peek() != '.' {
		if q.Label, err = p.term("graph label", false); err != nil {
			return q, false, err
		}
	}
	if p.eof() || p.peek() != '.' {
		return q, false, p.errorf("expected '.' to end the statement")
	}
	p.i++
	p.space()
	if !p.eof() && p.peek() != '#' {
		return q, false, p.errorf("unexpected %q after the statement", p.peek())
	}
	return q, true, nil
}

type lineParser struct {
	s    string
	i    int // byte offset of the next character
	last int // byte offset of the last term read
}

func (p *lineParser) eof() bool  { return p.i >= len(p.s) }
func (p *lineParser) peek() rune { r, _ := utf8.DecodeRuneInString(p.s[p.i:]); return r }

func (p *lineParser) space() {
	for !p.eof() && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *lineParser) errorAt(off int, format string, args ...any) error {
	return &syntaxError{Col: utf8.RuneCountInString(p.s[:off]) + 1, Msg: fmt.Sprintf(format, args...)}
}

func (p *lineParser) errorf(format string, args ...any) error {
	return p.errorAt(p.i, format, args...)
}

// term reads an IRI, a blank node or (if literal is set) a literal, and
// the white space after it.
func (p *lineParser) term(what string, literal bool) (quad.Value, error) {
	p.last = p.i
	if p.eof() {
		return nil, p.errorf("missing %s", what)
	}
	var (
		v   quad.Value
		err error
	)
	switch c := p.s[p.i]; {
	case c == '<':
		var iri string
		iri, err = p.iri()
		v = quad.IRI(iri)
	case c == '_':
		v, err = p.bnode()
	case c == '"' && literal:
		v, err = p.literal()
	case c == '"':
		return nil, p.errorf("%s cannot be a literal", what)
	default:
		return nil, p.errorf("unexpected %q where the %s should start", p.peek(), what)
	}
	if err != nil {
		return nil, err
	}
	p.space()
	return v, nil
}

// iri reads <...> and returns the IRI with its \u escapes decoded.
func (p *lineParser) iri() (string, error) {
	start := p.i
	p.i++ // <
	var b strings.Builder
	for {
		if p.eof() {
			return "", p.errorAt(start, "IRI has no closing '>'")
		}
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		switch {
		case r == '>':
			p.i++
			return b.String(), nil
		case r == '\\':
			u, err := p.uchar()
			if err != nil {
				return "", err
			}
			b.WriteRune(u)
			continue
		case r <= 0x20 || strings.ContainsRune(`<"{}|^`+"`", r):
			return "", p.errorf("character %q is not allowed in an IRI", r)
		}
		b.WriteRune(r)
		p.i += n
	}
}

// uchar reads \uXXXX or \UXXXXXXXX.
func (p *lineParser) uchar() (rune, error) {
	start := p.i
	if p.i+1 >= len(p.s) || (p.s[p.i+1] != 'u' && p.s[p.i+1] != 'U') {
		return 0, p.errorf("bad escape in IRI")
	}
	n := 4
	if p.s[p.i+1] == 'U' {
		n = 8
	}
	if p.i+2+n > len(p.s) {
		return 0, p.errorf("short \\%c escape", p.s[p.i+1])
	}
	v, err := strconv.ParseUint(p.s[p.i+2:p.i+2+n], 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, p.errorAt(start, "bad \\%c escape %q", p.s[p.i+1], p.s[p.i:p.i+2+n])
	}
	p.i += 2 + n
	return rune(v), nil
}

// bnode reads _:label.
func (p *lineParser) bnode() (quad.Value, error) {
	if !strings.HasPrefix(p.s[p.i:], "_:") {
		return nil, p.errorf("expected '_:' to start a blank node")
	}
	p.i += 2
	start := p.i
	for !p.eof() {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		first := p.i == start
		if !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) ||
			(!first && (r == '-' || r == '.' || r == 0xB7 || unicode.Is(unicode.Mn, r) || r == 0x203F || r == 0x2040))) {
			break
		}
		p.i += n
	}
	for p.i > start && p.s[p.i-1] == '.' { // a label cannot end with '.'
		p.i--
	}
	if p.i == start {
		return nil, p.errorf("blank node has no label")
	}
	return quad.BNode(p.s[start:p.i]), nil
}

// literal reads "..." with an optional @lang or ^^<datatype>.
func (p *lineParser) literal() (quad.Value, error) {
	start := p.i
	p.i++ // "
	var b strings.Builder
	for {
		if p.eof() {
			return nil, p.errorAt(start, "literal has no closing '\"'")
		}
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if r == '"' {
			p.i++
			break
		}
		if r == '\n' || r == '\r' {
			return nil, p.errorf("line break in a literal (write \\n or \\r)")
		}
		if r != '\\' {
			b.WriteRune(r)
			p.i += n
			continue
		}
		if p.i+1 >= len(p.s) {
			return nil, p.errorf("'\\' at the end of the line")
		}
		if e := strings.IndexByte(`tbnrf"'\`, p.s[p.i+1]); e >= 0 {
			b.WriteByte("\t\b\n\r\f\"'\\"[e])
			p.i += 2
			continue
		}
		u, err := p.uchar()
		if err != nil {
			return nil, p.errorf("bad escape %q in a literal", p.s[p.i:p.i+2])
		}
		b.WriteRune(u)
	}
	text := quad.String(b.String())
	switch {
	case strings.HasPrefix(p.s[p.i:], "^^"):
		p.i += 2
		if p.eof() || p.s[p.i] != '<' {
			return nil, p.errorf("expected a datatype IRI after '^^'")
		}
		dt, err := p.iri()
		if err != nil {
			return nil, err
		}
		return quad.TypedString{Value: text, Type: quad.IRI(dt)}, nil
	case strings.HasPrefix(p.s[p.i:], "@"):
		p.i++
		tag := p.i
		for part := 0; ; part++ {
			n := p.i
			for !p.eof() && (isASCIILetter(p.s[p.i]) || (part > 0 && p.s[p.i] >= '0' && p.s[p.i] <= '9')) {
				p.i++
			}
			if p.i == n {
				return nil, p.errorf("bad language tag")
			}
			if p.eof() || p.s[p.i] != '-' {
				break
			}
			p.i++
		}
		return quad.LangString{Value: text, Lang: p.s[tag:p.i]}, nil
	}
	return text, nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
