// Command mine finds candidate names for the proposal and topic gazetteers
// (data/proposals.tsv, data/topics.tsv) in a corpus of statements, and
// prints them with their document frequency: the number of distinct
// statements (files) that contain them.
//
// It counts three kinds of candidate:
//
//	name  capitalised multi-word names that contain a head noun (Agreement,
//	      Convention, Treaty, Protocol, Initiative, Agenda, Framework,
//	      Declaration, Compact, Programme, Plan, Strategy, Pact, Accord,
//	      Charter, Partnership, Mechanism, Fund, Goals, Summit, Conference,
//	      Process, Roadmap, Statute, Consensus, ...): the whole capitalised
//	      span ("Treaty on the Non-Proliferation of Nuclear Weapons") and its
//	      prefix ending at each head noun ("Paris Agreement" in "Paris
//	      Agreement on climate change");
//	res   resolution symbols: "resolution 2231 (2015)", "resolution 2231",
//	      "resolution 73/27", "resolution ES-11/1";
//	obj   lower-case issue phrases after stance verbs ("we support the ___",
//	      "we condemn ___", "we are committed to ___", "call for ___"):
//	      the bigrams and trigrams of the object noun phrase.
//
// Every candidate is checked against the gazetteers built into the binary
// (the files of data/ as they are when mine is built) with the extractor's
// own matcher, and marked
//
//	=id    a name of entity id covers the whole candidate
//	~ids   names of these entities cover part of it
//	-      no name matches anywhere in it
//
// Run it from the repository root:
//
//	go run ./data/internal/mine [-min 5] [-exclude eval/testdata/heldout] [-kind name,res,obj] [-uncovered] DIR...
//	go run ./data/internal/mine -phrases FILE [-exclude ...] DIR...
//
// With -phrases, mine instead prints the document frequency of each phrase
// of FILE (one a line, matched as whole words in the extractor's
// normalisation: case, accents, hyphens and apostrophes folded), with the
// coverage of the phrase: a quick check of a name before it is added.
//
// DIR... are folders of one-statement .txt files (searched recursively).
// Files whose base name is also a file name in an -exclude folder are
// skipped (the held-out evaluation set; only the names are read, never the
// files). Output is tab-separated: kind, document frequency, coverage,
// candidate (in the text's own spelling, the most frequent one), sorted by
// frequency. A summary (files read, candidates, threshold) goes to stderr.
//
// mine is a tool for curating the gazetteers: nothing imports it.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/extract"
)

// heads are the nouns that end (or begin) the name of a proposal,
// instrument, process or meeting.
var heads = map[string]bool{}

func init() {
	for _, h := range strings.Fields(`Agreement Agreements Convention Conventions Treaty Treaties
		Protocol Protocols Initiative Initiatives Agenda Framework Declaration Declarations
		Compact Compacts Programme Programmes Program Plan Strategy Pact Accord Accords Charter
		Partnership Mechanism Fund Goals Goal Summit Conference Process Roadmap Road Map
		Statute Consensus Platform Pathway Covenant Regulations Resolution Resolutions Principles
		Action Alliance Coalition Facility Formula Deal Modalities Guidelines Code Arrangement
		Architecture Decade Commitment Commitments Call Vision Outcome Regime Zone Corridor`) {
		heads[h] = true
	}
}

// connectors may join the capitalised words of a name.
var connectors = map[string]bool{"of": true, "on": true, "the": true, "for": true, "and": true,
	"against": true, "to": true, "in": true, "de": true, "from": true, "at": true, "with": true}

// leading words that are capitalised only because they start a sentence or
// are determiners, dropped from the front of a name.
var leading = map[string]bool{"The": true, "We": true, "Our": true, "This": true, "That": true,
	"These": true, "Its": true, "His": true, "Her": true, "Their": true, "In": true, "At": true,
	"As": true, "A": true, "An": true, "And": true, "My": true, "Since": true, "With": true,
	"Under": true, "Through": true, "By": true, "For": true, "On": true, "Of": true, "To": true,
	"Mr": true, "Madam": true, "Mrs": true, "Both": true, "All": true, "Last": true, "Next": true,
	"Such": true, "Also": true, "Today": true, "It": true, "Yet": true, "But": true, "If": true}

var (
	resSC  = regexp.MustCompile(`(?i)\bresolutions? (\d{2,4}) ?\((\d{4})\)`)
	resNum = regexp.MustCompile(`(?i)\bresolutions? (\d{3,4})\b`)
	resGA  = regexp.MustCompile(`(?i)\bresolutions? ((?:ES-)?\d{1,2}/\d{1,3})\b`)
	// stance verbs and the start of their object.
	stanceRe = regexp.MustCompile(`(?i)\b(?:we|i|my delegation|my country|my government|[a-z]+ly)\s+(?:(?:also|fully|strongly|firmly|therefore|further|again|once again|continue to|will continue to|must|should|reaffirm our|reiterate our|strongly|wholeheartedly|unequivocally|resolutely|categorically)\s+)*(support|supports|welcome|welcomes|condemn|condemns|reject|rejects|oppose|opposes|endorse|endorses|commend|commends|call for|calls for|advocate|advocates|remain committed to|are committed to|is committed to|reaffirm our commitment to|reiterate our commitment to|reaffirm our support for|reiterate our support for|champion|favour|favor|urge|deplore|denounce|applaud|promote|pursue|appreciate)\s+(?:the\s+|a\s+|an\s+|all\s+|our\s+|its\s+|their\s+)?`)
	nounRe   = regexp.MustCompile(`(?i)\b(?:our|its|their|full|strong|firm|unwavering|steadfast|continued|unequivocal)\s+(?:commitment to|support for|support to|condemnation of|rejection of|opposition to)\s+(?:the\s+|a\s+|an\s+|all\s+)?`)
	// words that end an object noun phrase.
	npStop = map[string]bool{"and": true, "or": true, "that": true, "which": true, "who": true,
		"to": true, "by": true, "in": true, "as": true, "with": true, "for": true, "from": true,
		"at": true, "is": true, "are": true, "was": true, "were": true, "be": true, "has": true,
		"have": true, "will": true, "would": true, "should": true, "must": true, "can": true,
		"on": true, "through": true, "within": true, "into": true, "between": true, "among": true,
		"we": true, "it": true, "its": true, "their": true, "our": true, "this": true, "these": true,
		"those": true, "all": true, "so": true, "but": true, "not": true, "also": true, "because": true,
		"while": true, "whose": true, "where": true, "when": true, "if": true, "since": true,
		"under": true, "without": true, "including": true, "particularly": true, "especially": true}
	// words that may not start or end a lower-case candidate.
	edgeStop = map[string]bool{"the": true, "of": true, "a": true, "an": true, "any": true,
		"such": true, "further": true, "other": true, "very": true, "more": true, "most": true,
		"every": true, "each": true, "new": false}
)

type cand struct {
	kind     string
	docs     map[string]bool
	spelling map[string]int
}

func main() {
	min := flag.Int("min", 5, "print candidates found in at least this many statements")
	exclude := flag.String("exclude", "", "comma-separated folders whose file names are skipped (held-out sets)")
	kinds := flag.String("kind", "name,res,obj", "kinds of candidate to print")
	uncovered := flag.Bool("uncovered", false, "print only candidates not fully covered by an entity")
	phrases := flag.String("phrases", "", "count the document frequency of the phrases in this file instead")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: mine [-min N] [-exclude DIR] [-kind name,res,obj] [-uncovered] CORPUS_DIR...")
		os.Exit(2)
	}
	skip := map[string]bool{}
	for _, d := range strings.Split(*exclude, ",") {
		if d == "" {
			continue
		}
		ents, err := os.ReadDir(d)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mine:", err)
			os.Exit(1)
		}
		for _, e := range ents {
			skip[e.Name()] = true
		}
	}
	var plist []string
	pdf := map[string]int{}
	if *phrases != "" {
		b, err := os.ReadFile(*phrases)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mine:", err)
			os.Exit(1)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				plist = append(plist, l)
			}
		}
	}
	cands := map[string]*cand{}
	add := func(kind, doc, surface string) {
		surface = strings.Join(strings.Fields(surface), " ")
		key := kind + "\t" + extract.NormPhrase(surface)
		c := cands[key]
		if c == nil {
			c = &cand{kind: kind, docs: map[string]bool{}, spelling: map[string]int{}}
			cands[key] = c
		}
		c.docs[doc] = true
		c.spelling[surface]++
	}
	files, skipped := 0, 0
	for _, dir := range flag.Args() {
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
			text := strings.Join(strings.Fields(string(b)), " ")
			if plist != nil {
				norm := " " + extract.NormPhrase(text) + " "
				for _, p := range plist {
					if strings.Contains(norm, " "+extract.NormPhrase(p)+" ") {
						pdf[p]++
					}
				}
				return nil
			}
			for _, n := range names(text) {
				add("name", p, n)
			}
			for _, n := range resolutions(text) {
				add("res", p, n)
			}
			for _, n := range objects(text) {
				add("obj", p, n)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "mine:", err)
			os.Exit(1)
		}
	}
	g, err := data.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mine: gazetteers:", err)
		os.Exit(1)
	}
	m := extract.NewMatcher(g)
	if plist != nil {
		for _, p := range plist {
			fmt.Printf("%d\t%s\t%s\n", pdf[p], coverage(m, p), p)
		}
		fmt.Fprintf(os.Stderr, "mine: %d statements read, %d skipped (excluded), %d phrases\n", files, skipped, len(plist))
		return
	}
	want := map[string]bool{}
	for _, k := range strings.Split(*kinds, ",") {
		want[k] = true
	}
	type out struct {
		kind, cover, text string
		df                int
	}
	var rows []out
	for _, c := range cands {
		if len(c.docs) < *min || !want[c.kind] {
			continue
		}
		best, bn := "", -1
		for s, n := range c.spelling {
			if n > bn || (n == bn && s < best) {
				best, bn = s, n
			}
		}
		cover := coverage(m, best)
		if *uncovered && strings.HasPrefix(cover, "=") {
			continue
		}
		rows = append(rows, out{c.kind, cover, best, len(c.docs)})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].df != rows[j].df {
			return rows[i].df > rows[j].df
		}
		return rows[i].text < rows[j].text
	})
	for _, r := range rows {
		fmt.Printf("%s\t%d\t%s\t%s\n", r.kind, r.df, r.cover, r.text)
	}
	fmt.Fprintf(os.Stderr, "mine: %d statements read, %d skipped (excluded), %d distinct candidates, %d printed with df >= %d\n",
		files, skipped, len(cands), len(rows), *min)
}

// coverage says which gazetteer names match in s.
func coverage(m *extract.Matcher, s string) string {
	toks := extract.Tokenize(s)
	ms := m.Find(s, toks)
	start := 0
	if len(toks) > 0 && toks[0].Norm == "the" {
		start = 1
	}
	var ids []string
	seen := map[string]bool{}
	for _, x := range ms {
		if x.Entity == nil {
			continue
		}
		if (x.Tok == 0 || x.Tok == start) && x.TokEnd == len(toks) {
			return "=" + x.Entity.ID()
		}
		if !seen[x.Entity.ID()] {
			seen[x.Entity.ID()] = true
			ids = append(ids, x.Entity.ID())
		}
	}
	if len(ids) == 0 {
		return "-"
	}
	return "~" + strings.Join(ids, ",")
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’./-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[,;:.!?()"“”]`)

func capitalised(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

// names returns the capitalised spans of text that hold a head noun, and
// their prefixes ending at a head noun.
func names(text string) []string {
	ws := wordRe.FindAllString(text, -1)
	var out []string
	for i := 0; i < len(ws); {
		if !capitalised(ws[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(ws) {
			w := ws[j]
			switch {
			case capitalised(w):
				j++
				continue
			case connectors[w] && j+1 < len(ws) && capitalised(ws[j+1]),
				connectors[w] && j+2 < len(ws) && connectors[ws[j+1]] && capitalised(ws[j+2]):
				j++
				continue
			case w == "," && j+1 < len(ws) && capitalised(ws[j+1]) && heads[ws[i]]:
				// "Global Compact for Safe, Orderly and Regular Migration"
				j++
				continue
			}
			break
		}
		span := ws[i:j]
		i = j
		for len(span) > 0 && leading[span[0]] {
			span = span[1:]
		}
		for len(span) > 0 && (connectors[span[len(span)-1]] || span[len(span)-1] == ",") {
			span = span[:len(span)-1]
		}
		if len(span) < 2 || len(span) > 14 {
			continue
		}
		hasHead := false
		for k, w := range span {
			if heads[strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")] {
				hasHead = true
				if k >= 1 && k < len(span)-1 {
					out = append(out, joinWords(span[:k+1]))
				}
			}
		}
		if hasHead {
			out = append(out, joinWords(span))
		}
	}
	return out
}

func joinWords(ws []string) string {
	s := strings.Join(ws, " ")
	return strings.ReplaceAll(s, " ,", ",")
}

// resolutions returns the resolution symbols cited in text.
func resolutions(text string) []string {
	var out []string
	for _, m := range resSC.FindAllStringSubmatch(text, -1) {
		out = append(out, "resolution "+m[1]+" ("+m[2]+")")
	}
	for _, m := range resNum.FindAllStringSubmatch(text, -1) {
		out = append(out, "resolution "+m[1])
	}
	for _, m := range resGA.FindAllStringSubmatch(text, -1) {
		out = append(out, "resolution "+m[1])
	}
	return out
}

// objects returns the bigrams and trigrams of the lower-case noun phrases
// that follow stance verbs, and the whole phrase when it has two to five
// words.
func objects(text string) []string {
	var out []string
	locs := append(stanceRe.FindAllStringIndex(text, -1), nounRe.FindAllStringIndex(text, -1)...)
	for _, loc := range locs {
		rest := text[loc[1]:]
		if len(rest) > 200 {
			rest = rest[:200]
		}
		ws := wordRe.FindAllString(rest, 12)
		var np []string
		for _, w := range ws {
			lw := strings.ToLower(w)
			if npStop[lw] || !unicode.IsLetter([]rune(w)[0]) && !unicode.IsDigit([]rune(w)[0]) {
				break
			}
			// keep "of" inside a phrase: "eradication of poverty"
			np = append(np, w)
			if len(np) == 6 {
				break
			}
		}
		for len(np) > 0 && edgeStop[strings.ToLower(np[len(np)-1])] {
			np = np[:len(np)-1]
		}
		if len(np) >= 2 && len(np) <= 5 && !capitalised(np[0]) {
			out = append(out, strings.Join(np, " "))
		}
		for n := 2; n <= 3; n++ {
			for k := 0; k+n <= len(np); k++ {
				g := np[k : k+n]
				if edgeStop[strings.ToLower(g[0])] || edgeStop[strings.ToLower(g[n-1])] {
					continue
				}
				lower := true
				for _, w := range g {
					if capitalised(w) {
						lower = false
					}
				}
				if lower && (n != len(np)) {
					out = append(out, strings.Join(g, " "))
				}
			}
		}
	}
	return out
}
