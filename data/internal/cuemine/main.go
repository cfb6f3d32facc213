// Command cuemine finds candidate stance cues for the cue lexicon
// (data/cues.tsv) in a corpus of statements, data-driven: it looks at the
// words that stand right before and right after the stance targets the
// gazetteers know, and prints the frequent word sequences that no cue
// covers yet.
//
// For every statement it uses the extractor's own analysis (package
// extract: Tokenize, Sentences and the gazetteer matcher of
// extract.NewAnalyzer over data.Default()) and, for every mention of a
// proposal or a topic (the kinds a stance is about), collects
//
//	before  the 1-4 words just before the mention ("our steadfast support
//	        for" X), candidates for object-role cues. Determiners right
//	        before the mention ("the", "a", "our", "its", "all", ...) are
//	        skipped first, so "support for the X" and "support for X" give
//	        the same candidates;
//	after   the 1-4 words just after the mention (X "remains essential"),
//	        candidates for subject-role cues.
//
// A sequence stops at the start or end of the sentence, at a comma or any
// other punctuation mark, and at another gazetteer mention. Words are in
// the extractor's normalisation (lower case, accents and apostrophes
// folded, hyphens as spaces), so a candidate can be pasted into cues.tsv
// as it is. Each candidate is counted once per statement: the figure
// printed is its document frequency.
//
// A candidate is covered when a cue phrase of the lexicon ("*" matching
// any one word) occurs anywhere inside it with the right role ("support
// for" covers "our steadfast support for"): the cue would already fire on
// it. Covered candidates and those made only of function words are not
// printed unless -all is given.
//
// Run it from the repository root:
//
//	go run ./data/internal/cuemine -corpus DIR[,DIR...] -exclude eval/testdata/heldout [-min 5] [-top 400] [-side before,after] [-all] [-examples]
//
// DIRs are searched recursively for .txt files. Files whose base name is
// also a file name in an -exclude folder are skipped (the held-out
// evaluation set: only the folder's names are read, never its files).
// Output is tab-separated: side, document frequency, the share of those
// statements in which the target was a proposal (not a broad topic, which
// only cues of weight 0.75 or more reach), coverage ("-" uncovered, or
// "=cue" naming the covering cue with -all), the candidate, and with
// -examples one context in the text's spelling. A summary (statements
// read and skipped, mentions, distinct candidates) goes to stderr.
//
// cuemine is a tool for curating the cue lexicon: nothing imports it.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/extract"
)

// determiners skipped between a before-candidate and its target.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "our": true, "its": true,
	"their": true, "this": true, "these": true, "that": true, "those": true, "all": true,
	"his": true, "her": true, "my": true, "your": true, "any": true}

// function words: a candidate made only of these is no cue.
var function = map[string]bool{"the": true, "a": true, "an": true, "of": true, "and": true,
	"or": true, "to": true, "in": true, "on": true, "for": true, "with": true, "by": true,
	"at": true, "from": true, "as": true, "is": true, "are": true, "was": true, "were": true,
	"be": true, "been": true, "that": true, "this": true, "these": true, "those": true,
	"its": true, "our": true, "their": true, "his": true, "her": true, "it": true, "we": true,
	"which": true, "who": true, "has": true, "have": true, "had": true, "will": true,
	"would": true, "all": true, "into": true, "under": true, "between": true, "among": true,
	"through": true, "within": true, "also": true, "'s": true, "s": true, "my": true,
	"i": true, "they": true, "there": true, "than": true, "such": true, "other": true,
	"both": true, "well": true, "about": true, "over": true, "including": true, "up": true,
	"out": true, "so": true, "only": true, "more": true, "new": true, "not": true,
	"upon": true, "towards": true, "toward": true, "against": true, "after": true,
	"before": true, "during": true, "since": true, "until": true, "while": true}

type cand struct {
	docs    map[string]bool
	props   map[string]bool // statements where the target was a proposal
	example string
}

type cueWords struct {
	words []string
	role  string
	text  string
}

func main() {
	corpus := flag.String("corpus", "", "comma-separated corpus folders (searched recursively for .txt files)")
	exclude := flag.String("exclude", "", "comma-separated folders whose file names are skipped (held-out sets)")
	min := flag.Int("min", 5, "print candidates found in at least this many statements")
	top := flag.Int("top", 400, "print at most this many candidates per side (0: all)")
	sides := flag.String("side", "before,after", "which contexts to print: before, after")
	all := flag.Bool("all", false, "print covered and function-word candidates too")
	examples := flag.Bool("examples", false, "print one context of each candidate")
	flag.Parse()
	dirs := flag.Args()
	if *corpus != "" {
		dirs = append(strings.Split(*corpus, ","), dirs...)
	}
	if len(dirs) == 0 {
		fmt.Fprintln(os.Stderr, "usage: cuemine -corpus DIR[,DIR...] [-exclude DIR] [-min N] [-top N] [-side before,after] [-all] [-examples]")
		os.Exit(2)
	}
	skip := map[string]bool{}
	for _, d := range strings.Split(*exclude, ",") {
		if d == "" {
			continue
		}
		ents, err := os.ReadDir(d)
		if err != nil {
			fail(err)
		}
		for _, e := range ents {
			skip[e.Name()] = true
		}
	}
	g, err := data.Default()
	if err != nil {
		fail(err)
	}
	an := extract.NewAnalyzer(g)
	var cues []cueWords
	for _, c := range g.Cues {
		cues = append(cues, cueWords{words: strings.Fields(c.Phrase), role: c.Role, text: c.Phrase})
	}
	cands := map[string]map[string]*cand{"before": {}, "after": {}}
	add := func(side string, words []string, doc string, prop bool, ex string) {
		key := strings.Join(words, " ")
		c := cands[side][key]
		if c == nil {
			c = &cand{docs: map[string]bool{}, props: map[string]bool{}, example: ex}
			cands[side][key] = c
		}
		c.docs[doc] = true
		if prop {
			c.props[doc] = true
		}
	}
	files, skipped, mentions := 0, 0, 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
				return err
			}
			if skip[d.Name()] {
				skipped++
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			text := string(b)
			toks := extract.Tokenize(text)
			sents := extract.Sentences(text)
			ms := an.Matcher().Find(text, toks)
			inMention := make([]bool, len(toks))
			for _, m := range ms {
				for k := m.Tok; k < m.TokEnd; k++ {
					inMention[k] = true
				}
			}
			si := 0
			for _, m := range ms {
				if m.Kind != extract.MentionEntity || m.Entity == nil ||
					(m.Entity.Kind != data.KindProposal && m.Entity.Kind != data.KindTopic) {
					continue
				}
				for si < len(sents) && sents[si].End <= m.Start {
					si++
				}
				if si >= len(sents) || sents[si].Start > m.Start {
					continue
				}
				s := sents[si]
				mentions++
				prop := m.Entity.Kind == data.KindProposal
				// Before: walk back over determiners, then up to four words.
				j := m.Tok - 1
				for j >= 0 && toks[j].Start >= s.Start && !inMention[j] && determiners[toks[j].Norm] {
					j--
				}
				var before []string
				for k := j; k >= 0 && len(before) < 4; k-- {
					t := toks[k]
					if t.Start < s.Start || !t.Word || inMention[k] {
						break
					}
					before = append([]string{t.Norm}, before...)
				}
				for n := 1; n <= len(before); n++ {
					w := before[len(before)-n:]
					ex := ""
					if *examples {
						ex = context(text, toks, m.Tok-n-2, m.TokEnd+1)
					}
					add("before", w, p, prop, ex)
				}
				// After: up to four words.
				var after []string
				for k := m.TokEnd; k < len(toks) && len(after) < 4; k++ {
					t := toks[k]
					if t.End > s.End || !t.Word || inMention[k] {
						break
					}
					after = append(after, t.Norm)
				}
				for n := 1; n <= len(after); n++ {
					ex := ""
					if *examples {
						ex = context(text, toks, m.Tok-1, m.TokEnd+n+1)
					}
					add("after", after[:n], p, prop, ex)
				}
			}
			return nil
		})
		if err != nil {
			fail(err)
		}
	}
	fmt.Fprintf(os.Stderr, "cuemine: %d statements read, %d skipped (excluded), %d target mentions (proposal, topic), %d before- and %d after-candidates\n",
		files, skipped, mentions, len(cands["before"]), len(cands["after"]))
	for _, side := range strings.Split(*sides, ",") {
		cs := cands[side]
		if cs == nil {
			continue
		}
		type row struct {
			key   string
			c     *cand
			cover string
		}
		var rows []row
		eligible := 0
		for k, c := range cs {
			if len(c.docs) < *min {
				continue
			}
			words := strings.Fields(k)
			cover := covered(cues, words, side)
			if !*all && (cover != "" || onlyFunction(words)) {
				continue
			}
			eligible++
			rows = append(rows, row{k, c, cover})
		}
		sort.Slice(rows, func(i, j int) bool {
			if a, b := len(rows[i].c.docs), len(rows[j].c.docs); a != b {
				return a > b
			}
			return rows[i].key < rows[j].key
		})
		fmt.Fprintf(os.Stderr, "cuemine: %s: %d candidates in at least %d statements printed of those\n", side, eligible, *min)
		if *top > 0 && len(rows) > *top {
			rows = rows[:*top]
		}
		for _, r := range rows {
			cov := "-"
			if r.cover != "" {
				cov = "=" + r.cover
			}
			line := fmt.Sprintf("%s\t%d\t%.2f\t%s\t%s", side, len(r.c.docs),
				float64(len(r.c.props))/float64(len(r.c.docs)), cov, r.key)
			if *examples {
				line += "\t" + r.c.example
			}
			fmt.Println(line)
		}
	}
}

// covered returns the cue phrase that occurs inside words with a role that
// fits the side ("" when none): object or either cues for before-candidates,
// subject or either cues (and passive "... by" cues) for after-candidates.
func covered(cues []cueWords, words []string, side string) string {
	best := ""
	for _, c := range cues {
		switch {
		case side == "before" && c.role == data.RoleSubject:
			continue
		case side == "after" && c.role == data.RoleObject && c.words[len(c.words)-1] != "by":
			continue
		}
		for i := 0; i+len(c.words) <= len(words); i++ {
			ok := true
			for k, w := range c.words {
				if w != "*" && w != words[i+k] {
					ok = false
					break
				}
			}
			if ok && len(c.text) > len(best) {
				best = c.text
			}
		}
	}
	return best
}

func onlyFunction(words []string) bool {
	for _, w := range words {
		if !function[w] {
			return false
		}
	}
	return true
}

// context returns the text of tokens [i, j), clipped to the text, on one line.
func context(text string, toks []extract.Token, i, j int) string {
	if i < 0 {
		i = 0
	}
	if j > len(toks) {
		j = len(toks)
	}
	if i >= j {
		return ""
	}
	return strings.Join(strings.Fields(text[toks[i].Start:toks[j-1].End]), " ")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "cuemine:", err)
	os.Exit(1)
}
