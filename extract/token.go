package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A Token is one word, number or punctuation mark of a text.
// Start and End are byte offsets into the text; Norm is the form used for
// matching: lower case, accents removed, typographic apostrophes folded.
// A possessive "'s" is its own token, so "China's" matches "China".
type Token struct {
	Start, End int
	Norm       string
	Word       bool // letters or digits (not punctuation)
	Upper      bool // the token starts with an upper-case letter
}

// Tokenize splits text into tokens. Hyphens and dashes are separators, so
// "so-called" and "so called" give the same tokens; asterisks (Markdown
// emphasis) are dropped; other punctuation marks
// are tokens of their own. Tokenize never fails.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5)
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				// An apostrophe inside a word ("d'Ivoire", "People's").
				if isApostrophe(r2) && j+s2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					if isWordRune(r3) {
						j += s2
						continue
					}
				}
				// A decimal point or a slash between digits ("75/240", "1.5").
				if (r2 == '/' || r2 == '.' || r2 == ',') && j+s2 < len(text) && isDigitBefore(text, j) {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					if unicode.IsDigit(r3) {
						j += s2
						continue
					}
				}
				break
			}
			toks = appendWord(toks, text, i, j)
			i = j
		case unicode.IsSpace(r) || isDash(r) || r == '*':
			// Markdown emphasis ("**veto reform**") is layout, not a
			// word or mark of the sentence.
			i += size
		default:
			n := string(r)
			if isApostrophe(r) {
				n = "'"
			} else if isQuote(r) {
				n = "\""
			}
			toks = append(toks, Token{Start: i, End: i + size, Norm: n})
			i += size
		}
	}
	return toks
}

// appendWord appends text[i:j] as one token, or two when it ends in a
// possessive "'s".
func appendWord(toks []Token, text string, i, j int) []Token {
	w := text[i:j]
	if k := possessive(w); k > 0 {
		toks = append(toks, wordToken(text, i, i+k))
		return append(toks, Token{Start: i + k, End: j, Norm: "'s", Word: true})
	}
	return append(toks, wordToken(text, i, j))
}

// possessive returns the byte length of w without a final "'s" or "’s",
// or 0 when w has none.
func possessive(w string) int {
	if len(w) < 3 || (w[len(w)-1] != 's' && w[len(w)-1] != 'S') {
		return 0
	}
	r, size := utf8.DecodeLastRuneInString(w[:len(w)-1])
	if isApostrophe(r) {
		return len(w) - 1 - size
	}
	return 0
}

func wordToken(text string, i, j int) Token {
	w := text[i:j]
	r, _ := utf8.DecodeRuneInString(w)
	return Token{Start: i, End: j, Norm: normWord(w), Word: true, Upper: unicode.IsUpper(r)}
}

// NormPhrase normalises a phrase the way Tokenize normalises text, joining
// the tokens' Norm with single spaces. Gazetteer aliases and cue phrases
// are compared in this form.
func NormPhrase(s string) string {
	toks := Tokenize(s)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Norm
	}
	return strings.Join(parts, " ")
}

func normWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if isApostrophe(r) {
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigitBefore(text string, j int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:j])
	return unicode.IsDigit(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‘':
		return true
	}
	return false
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―':
		return true
	}
	return false
}
