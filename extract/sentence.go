package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Span is a half-open byte range [Start, End) of a statement's text.
type Span struct{ Start, End int }

// maxSentence is the longest span Sentences returns, in bytes.
const maxSentence = 4000

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"h.e": true, "e.g": true, "i.e": true, "etc": false, "no": true, "nos": true,
	"art": true, "para": true, "paras": true, "vol": true, "op": true, "cf": true,
	"amb": true, "gen": true, "lt": true, "col": true, "sr": true, "jr": true,
	"u.n": true, "u.s": true, "u.k": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "rev": true, "corr": true, "add": true,
	"vs": true, "approx": true, "fig": true, "inc": true, "ltd": true, "co": true,
}

// Sentences splits text into sentences. A sentence ends at ".", "!" or "?"
// (with any closing quotes or brackets) followed by space and an upper-case
// letter, digit, quote or bracket, unless the period ends a known
// abbreviation or a single initial; and at every blank line or line that
// ends without punctuation (a heading). Leading and trailing space is not
// part of a span. Sentences never fails and never returns an empty span.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	add := func(end int) {
		s, e := trimSpan(text, start, end)
		// No real sentence is this long: a text without punctuation is
		// cut at spaces so that the rules' cost stays linear.
		for e-s > maxSentence {
			cut := s + maxSentence
			if sp := strings.LastIndexAny(text[s:cut], " \n\t"); sp > 0 {
				cut = s + sp
			}
			for cut < e && !utf8.RuneStart(text[cut]) {
				cut++
			}
			out = append(out, Span{s, cut})
			s, e = trimSpan(text, cut, e)
		}
		if e > s {
			out = append(out, Span{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			// A blank line, or a line break after a line that does not end
			// like a sentence in the middle of a paragraph: a heading.
			j := i + 1
			if j < len(text) && text[j] == '\n' || lineIsHeading(text, start, i) {
				add(i)
			}
			i = j
			continue
		case r == '.' || r == '!' || r == '?' || r == '…':
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 == '"' || r2 == '”' || r2 == '’' || r2 == ')' || r2 == '\'' || r2 == '.' || r2 == '!' || r2 == '?' {
					j += s2
					continue
				}
				break
			}
			if j >= len(text) {
				i = j
				continue
			}
			r2, _ := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsSpace(r2) {
				i = j
				continue
			}
			k := j
			for k < len(text) {
				r3, s3 := utf8.DecodeRuneInString(text[k:])
				if !unicode.IsSpace(r3) {
					break
				}
				k += s3
			}
			if k >= len(text) {
				i = k
				continue
			}
			next, _ := utf8.DecodeRuneInString(text[k:])
			if r == '.' && isAbbrev(text, start, i) {
				i = j
				continue
			}
			if unicode.IsUpper(next) || unicode.IsDigit(next) || isQuote(next) || next == '(' || next == '[' || !unicode.IsLetter(next) && !unicode.IsSpace(next) {
				add(j)
			}
			i = j
			continue
		}
		i += size
	}
	add(len(text))
	return out
}

// isAbbrev reports whether the word ending at the period text[i] is an
// abbreviation or a single letter (an initial).
func isAbbrev(text string, from, i int) bool {
	j := i
	for j > from {
		r, s := utf8.DecodeLastRuneInString(text[:j])
		if unicode.IsLetter(r) || r == '.' {
			j -= s
			continue
		}
		break
	}
	w := strings.ToLower(text[j:i])
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		return true
	}
	return abbreviations[w]
}

// lineIsHeading reports whether the line text[ls:i] (the last line of the
// sentence under way) is a short line that ends without punctuation and
// stands alone: "Mr. Chairman," or "Colleagues,".
func lineIsHeading(text string, from, i int) bool {
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	if ls < from {
		ls = from
	}
	line := strings.TrimSpace(text[ls:i])
	if line == "" || len(line) > 60 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	// A short line ending with a comma or colon is a salutation.
	return (last == ',' || last == ':') && ls == from
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}
