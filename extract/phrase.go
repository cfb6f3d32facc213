package extract

import "strings"

// A phraseSet matches normalised multi-word phrases against token
// streams; "*" in a phrase matches any one word token. The value of a
// phrase is an index into the caller's table.
type phraseSet struct {
	root *phraseNode
}

type phraseNode struct {
	next map[string]*phraseNode
	val  int // index+1, 0 = none
}

func newPhraseSet() *phraseSet { return &phraseSet{root: &phraseNode{}} }

// add adds a phrase with value v (>= 0). A later phrase with the same
// words replaces an earlier one.
func (p *phraseSet) add(phrase string, v int) {
	// Each word is tokenised as text is, so "what's" is the two tokens
	// "what" and "'s" that "What’s" in a statement becomes.
	var words []string
	for _, w := range strings.Fields(phrase) {
		if w == "*" {
			words = append(words, w)
			continue
		}
		for _, t := range Tokenize(w) {
			words = append(words, t.Norm)
		}
	}
	if len(words) == 0 {
		return
	}
	n := p.root
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*phraseNode{}
		}
		c := n.next[w]
		if c == nil {
			c = &phraseNode{}
			n.next[w] = c
		}
		n = c
	}
	n.val = v + 1
}

// longest returns the value and end token index of the longest phrase
// starting at toks[i] and ending before limit, or ok=false.
func (p *phraseSet) longest(toks []Token, i, limit int) (v, end int, ok bool) {
	var walk func(n *phraseNode, j int)
	walk = func(n *phraseNode, j int) {
		if n.val > 0 && (!ok || j > end) {
			v, end, ok = n.val-1, j, true
		}
		if j >= limit || n.next == nil {
			return
		}
		if c := n.next[toks[j].Norm]; c != nil {
			walk(c, j+1)
		}
		if c := n.next["*"]; c != nil && toks[j].Word {
			walk(c, j+1)
		}
	}
	walk(p.root, i)
	return v, end, ok
}

// any reports whether a phrase of p occurs in toks[from:to], and where.
func (p *phraseSet) any(toks []Token, from, to int) (at int, ok bool) {
	for i := from; i < to; i++ {
		if _, _, ok := p.longest(toks, i, to); ok {
			return i, true
		}
	}
	return 0, false
}
