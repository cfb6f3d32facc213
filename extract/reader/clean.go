package reader

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// clean runs the clean-up steps of the package comment, in order. pdf
// turns on the unwrapping of hard-wrapped lines, and joinSplit the joining
// of paragraphs split by page breaks.
func clean(s string, pdf, joinSplit bool) string {
	s = normaliseChars(s)
	s = norm.NFC.String(s)
	pages := splitPages(s)
	removeRunningLines(pages)
	for _, p := range pages {
		p.lines = slices.DeleteFunc(p.lines, isPageNumber)
	}
	hy := hyphenatedWords(pages)
	var lines []string
	for i, p := range pages {
		if i > 0 && !pdf {
			lines = append(lines, "")
		}
		lines = append(lines, p.lines...)
	}
	if pdf {
		// Page breaks were removed with the running lines: a paragraph
		// that goes on over a page unwraps like any other.
		lines = unwrap(lines, typicalLen(pages), hy)
	}
	lines = dehyphenate(lines, hy)
	if joinSplit {
		lines = joinSplitParagraphs(lines, hy)
	}
	return joinLines(lines)
}

// normaliseChars does steps 1 and 2: line ends, spaces, invisible and
// control characters.
func normaliseChars(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch r {
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case '\n', '\f':
			b.WriteRune(r)
		case '\t', '\u00A0', '\u202F', '\u2007':
			b.WriteByte(' ')
		case '\u2028':
			b.WriteByte('\n')
		case '\u2029':
			b.WriteString("\n\n")
		case '\u00AD', '\u200B', '\u2060', '\uFEFF':
		default:
			if unicode.IsControl(r) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

type page struct{ lines []string }

func splitPages(s string) []*page {
	var pages []*page
	for _, p := range strings.Split(s, "\f") {
		lines := strings.Split(p, "\n")
		for i, l := range lines {
			lines[i] = collapseSpaces(l)
		}
		pages = append(pages, &page{lines: lines})
	}
	// A trailing form feed (pdftotext ends every page with one) makes an
	// empty last page.
	if n := len(pages); n > 1 && isBlankPage(pages[n-1]) {
		pages = pages[:n-1]
	}
	return pages
}

func isBlankPage(p *page) bool {
	for _, l := range p.lines {
		if l != "" {
			return false
		}
	}
	return true
}

// collapseSpaces trims a line and turns runs of spaces into one.
func collapseSpaces(l string) string {
	l = strings.TrimSpace(l)
	if !strings.Contains(l, "  ") {
		return l
	}
	var b strings.Builder
	space := false
	for _, r := range l {
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// edge is how many non-blank lines at the top and at the bottom of a page
// may be running headers or footers.
const edge = 2

// removeRunningLines removes running headers and footers: short lines
// among the first or last edge non-blank lines of a page that, with
// digits ignored, open or close at least half of the pages.
func removeRunningLines(pages []*page) {
	if len(pages) < 2 {
		return
	}
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, i := range edgeLines(p) {
			k := runningKey(p.lines[i])
			if k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	for _, p := range pages {
		drop := map[int]bool{}
		for _, i := range edgeLines(p) {
			if count[runningKey(p.lines[i])] >= need {
				drop[i] = true
			}
		}
		if len(drop) == 0 {
			continue
		}
		kept := p.lines[:0]
		for i, l := range p.lines {
			if !drop[i] {
				kept = append(kept, l)
			}
		}
		p.lines = kept
	}
}

// edgeLines returns the indexes of the first and last edge non-blank lines.
func edgeLines(p *page) []int {
	var idx []int
	for i, n := 0, 0; i < len(p.lines) && n < edge; i++ {
		if p.lines[i] != "" {
			idx = append(idx, i)
			n++
		}
	}
	for i, n := len(p.lines)-1, 0; i >= 0 && n < edge; i-- {
		if p.lines[i] != "" {
			if !slices.Contains(idx, i) {
				idx = append(idx, i)
			}
			n++
		}
	}
	return idx
}

// runningKey is the line with digit runs replaced by "#", lower case, or
// "" for lines too long to be headers.
func runningKey(l string) string {
	if l == "" || utf8.RuneCountInString(l) > 100 {
		return ""
	}
	var b strings.Builder
	digit := false
	for _, r := range strings.ToLower(l) {
		if unicode.IsDigit(r) {
			if !digit {
				b.WriteByte('#')
			}
			digit = true
			continue
		}
		digit = false
		b.WriteRune(r)
	}
	return b.String()
}

var pageNumberRe = regexp.MustCompile(`(?i)^(?:[-–—]\s*)?(?:page\s+\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})(?:\s*[-–—])?$`)

// isPageNumber reports whether a whole line is a page number: "3",
// "- 3 -", "Page 3", "Page 3 of 5", "3/5".
func isPageNumber(l string) bool { return l != "" && pageNumberRe.MatchString(l) }

var hyphenWordRe = regexp.MustCompile(`\p{L}+-\p{L}+`)

// hyphenatedWords collects, in lower case, the hyphenated words written
// inside lines ("cyber-security"), which a line-end hyphen must keep.
func hyphenatedWords(pages []*page) map[string]bool {
	set := map[string]bool{}
	for _, p := range pages {
		for _, l := range p.lines {
			if !strings.Contains(l, "-") {
				continue
			}
			for _, w := range hyphenWordRe.FindAllString(l, -1) {
				set[strings.ToLower(w)] = true
			}
		}
	}
	return set
}

// joinHyphen joins a line ending in a word and a hyphen with the next line
// starting in lower case: "cyber-" + "security ..." gives "cybersecurity
// ...", or "cyber-security ..." when hy holds "cyber-security". ok is
// false when the lines are not so split.
func joinHyphen(prev, next string, hy map[string]bool) (joined string, ok bool) {
	if !strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, "--") {
		return "", false
	}
	stem := prev[:len(prev)-1]
	last, _ := utf8.DecodeLastRuneInString(stem)
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLetter(last) || !unicode.IsLower(first) {
		return "", false
	}
	head := lastWord(stem)
	j := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) })
	if j < 0 {
		j = len(next)
	}
	if hy[strings.ToLower(head+"-"+next[:j])] {
		return prev + next, true
	}
	return stem + next, true
}

// dehyphenate undoes hyphenation across single line breaks.
func dehyphenate(lines []string, hy map[string]bool) []string {
	out := lines[:0:0]
	for _, l := range lines {
		if n := len(out); n > 0 && l != "" {
			if j, ok := joinHyphen(out[n-1], l, hy); ok {
				out[n-1] = j
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// typicalLen is the length in runes of a full line: the 80th percentile
// of the lines longer than 20 runes, or 0 when there are none.
func typicalLen(pages []*page) int {
	var ns []int
	for _, p := range pages {
		for _, l := range p.lines {
			if n := utf8.RuneCountInString(l); n > 20 {
				ns = append(ns, n)
			}
		}
	}
	if len(ns) == 0 {
		return 0
	}
	slices.Sort(ns)
	return ns[len(ns)*4/5]
}

var listItemRe = regexp.MustCompile(`^(?:[•▪◦‣●○■□–—*-]\s|\(?[0-9]{1,3}[.)]\s|\(?[a-zA-Z][.)]\s|\([ivxlc]+\)\s|[IVXLC]+\.\s)`)

// unwrap joins the hard-wrapped lines of a PDF into paragraphs, separated
// by a blank line. A line break stays where the next line is blank or
// starts a list item, and after a line shorter than 85% of typical unless
// the next line starts in lower case.
func unwrap(lines []string, typical int, hy map[string]bool) []string {
	var out []string
	var cur string
	flush := func() {
		if cur != "" {
			if len(out) > 0 {
				out = append(out, "")
			}
			out = append(out, cur)
			cur = ""
		}
	}
	prevLen := 0
	for _, l := range lines {
		switch {
		case l == "":
			flush()
		case cur == "":
			cur = l
		case listItemRe.MatchString(l) || endsParagraph(prevLen, typical, l):
			flush()
			cur = l
		default:
			if j, ok := joinHyphen(cur, l, hy); ok {
				cur = j
			} else {
				cur += " " + l
			}
		}
		prevLen = utf8.RuneCountInString(l)
	}
	flush()
	return out
}

// endsParagraph reports whether a line of n runes, ending paragraph text
// cur, is the last line of its paragraph, given the next line: a line
// that is clearly shorter than a full one ends a paragraph unless the
// next line starts in lower case. (A break wrongly kept before a capital,
// as in "the" / "United Nations", is mended by joinSplitParagraphs.)
func endsParagraph(n, typical int, next string) bool {
	if typical == 0 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	return n*20 < typical*17 && !unicode.IsLower(first)
}

// endsSentence reports whether s ends with sentence-final punctuation,
// maybe followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’»)]`)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:;。！？", r)
}

// functionWords end a line that cannot end a paragraph.
var functionWords = wordSet(`a an the and or nor but of to in on at by for with from into onto upon
		as than that which who whom whose this these those its their our his her my your
		is are was were be been being has have had will shall would should can could may might must
		not between among under over about against during without within through towards toward
		such very more most all any each both either neither also only so if whether when where while`)

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// joinSplitParagraphs joins paragraphs that a page break split (step 8).
func joinSplitParagraphs(lines []string, hy map[string]bool) []string {
	out := lines[:0:0]
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l != "" || len(out) == 0 || out[len(out)-1] == "" {
			out = append(out, l)
			continue
		}
		// l starts a run of blank lines after a paragraph: look past it.
		j := i
		for j < len(lines) && lines[j] == "" {
			j++
		}
		if j == len(lines) {
			break
		}
		prev, next := out[len(out)-1], lines[j]
		if joined, ok := joinAcrossBreak(prev, next, hy); ok {
			out[len(out)-1] = joined
			i = j
			continue
		}
		out = append(out, "")
		i = j - 1
	}
	return out
}

func joinAcrossBreak(prev, next string, hy map[string]bool) (string, bool) {
	if j, ok := joinHyphen(prev, next, hy); ok {
		return j, true
	}
	if endsSentence(prev) {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(next)
	switch {
	case unicode.IsLower(first):
	case unicode.IsUpper(first) && endsWithFunctionWord(prev):
	default:
		return "", false
	}
	if listItemRe.MatchString(next) {
		return "", false
	}
	return prev + " " + next, true
}

func endsWithFunctionWord(s string) bool {
	return functionWords[strings.ToLower(lastWord(s))]
}

// lastWord returns the letters at the end of s ("" when s ends otherwise).
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	return s[i:]
}

// joinLines ends step 9: one blank line between paragraphs, none at the
// ends.
func joinLines(lines []string) string {
	var b strings.Builder
	blank := false
	for _, l := range lines {
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(l)
	}
	return b.String()
}
