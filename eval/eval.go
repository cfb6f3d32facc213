// Package eval measures extraction against hand-annotated statements.
//
// A gold directory holds statements (NAME.txt, or any readable file) with
// NAME.gold.tsv, the stance edges a careful analyst records
// (actor, predicate, target, grade clear|soft, evidence), and NAME.meta.tsv,
// the metadata fields the source gives (field, value). See
// testdata/GUIDE.md for the annotation guide.
//
// Names in gold files are resolved through the gazetteers (label, alias,
// ISO code); a name the gazetteer lacks is compared as normalised text, so
// it still matches a target the extractor minted from the same words.
package eval

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/extract"
	"github.com/stancegraph/stancegraph/schema"
)

// An Edge is one stance edge, with actor and target as resolved keys.
type Edge struct {
	Actor, Pred, Target string
}

func (e Edge) String() string { return e.Actor + " " + e.Pred + " " + e.Target }

// GoldEdge is an Edge with its annotation.
type GoldEdge struct {
	Edge
	Clear    bool
	Evidence string
	Line     int
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 0 when nothing was expected.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// A Report is the result of one evaluation.
type Report struct {
	Dir        string
	Statements int
	// Clear scores recall against clear gold edges only (a predicted edge
	// matching a soft gold edge is neither a TP nor an FP there); All
	// against every gold edge.
	Clear, All  Counts
	ByPred      map[string]*Counts // against every gold edge
	MetaRight   int
	MetaTotal   int
	MetaGuessed int // fields predicted that the gold says the source does not give
	Misses      []string
	Spurious    []string
	MetaErrors  []string
}

// MetaAccuracy is the share of gold metadata fields predicted right.
func (r *Report) MetaAccuracy() float64 { return ratio(r.MetaRight, r.MetaTotal) }

// Run evaluates pipeline p on every statement of dir that has a
// NAME.gold.tsv beside it.
func Run(dir string, p *extract.Pipeline) (*Report, error) { return RunMin(dir, p, 0) }

// RunMin is Run counting only edges with a claim of confidence at least
// minConf, as an analyst filtering with --min-confidence sees them.
func RunMin(dir string, p *extract.Pipeline, minConf float64) (*Report, error) {
	golds, err := filepath.Glob(filepath.Join(dir, "*.gold.tsv"))
	if err != nil {
		return nil, err
	}
	if len(golds) == 0 {
		return nil, fmt.Errorf("%s: no *.gold.tsv files", dir)
	}
	sort.Strings(golds)
	r := &Report{Dir: dir, ByPred: map[string]*Counts{}}
	res := newResolver(p.Gazetteers, p.Analyzer)
	for _, gpath := range golds {
		base := strings.TrimSuffix(gpath, ".gold.tsv")
		src, err := sourceFor(base)
		if err != nil {
			return nil, err
		}
		gold, err := readGold(gpath, res)
		if err != nil {
			return nil, err
		}
		f, err := extract.ReadFile(src, extract.ReadOptions{})
		if err != nil {
			return nil, err
		}
		pred := map[Edge]string{} // edge -> evidence of its first claim
		for _, st := range f.Statements {
			claims := map[quad.Value]map[quad.IRI]quad.Value{}
			qs := p.Run(st)
			for _, q := range qs {
				if q.Predicate == schema.Actor || q.Predicate == schema.StanceP || q.Predicate == schema.Target || q.Predicate == schema.Evidence || q.Predicate == schema.Confidence {
					if claims[q.Subject] == nil {
						claims[q.Subject] = map[quad.IRI]quad.Value{}
					}
					claims[q.Subject][q.Predicate.(quad.IRI)] = q.Object
				}
			}
			for _, c := range claims {
				if strings.Contains(string(iriOf(c[schema.Actor])), "/actor/") {
					continue // unnamed actors are outside the annotation scheme (GUIDE.md)
				}
				if confidence(c[schema.Confidence]) < minConf {
					continue
				}
				e := Edge{res.key(c[schema.Actor], st), shortPred(c[schema.StanceP]), res.key(c[schema.Target], st)}
				ev, _ := c[schema.Evidence].(quad.String)
				if old, ok := pred[e]; !ok || len(string(ev)) < len(old) {
					pred[e] = string(ev)
				}
			}
			if len(f.Statements) == 1 {
				r.scoreMeta(base+".meta.tsv", st, res)
			}
		}
		r.Statements++
		r.score(filepath.Base(base), gold, pred)
	}
	return r, nil
}

func predIRI(q quad.Quad) quad.IRI {
	iri, _ := q.Predicate.(quad.IRI)
	return iri
}

func shortPred(v quad.Value) string {
	s := string(v.(quad.IRI))
	return s[strings.LastIndex(s, "#")+1:]
}

func sourceFor(base string) (string, error) {
	for _, ext := range []string{".txt", ".md", ".html", ".pdf", ".docx"} {
		if _, err := os.Stat(base + ext); err == nil {
			return base + ext, nil
		}
	}
	return "", fmt.Errorf("%s.gold.tsv: no statement file %s.txt beside it", base, filepath.Base(base))
}

func (r *Report) score(name string, gold []GoldEdge, pred map[Edge]string) {
	byEdge := map[Edge]*GoldEdge{}
	for i := range gold {
		g := &gold[i]
		if old, ok := byEdge[g.Edge]; ok && (old.Clear || !g.Clear) {
			continue
		}
		byEdge[g.Edge] = g
	}
	pc := func(p string) *Counts {
		if r.ByPred[p] == nil {
			r.ByPred[p] = &Counts{}
		}
		return r.ByPred[p]
	}
	for e, g := range byEdge {
		if _, ok := pred[e]; ok {
			r.All.TP++
			pc(e.Pred).TP++
			if g.Clear {
				r.Clear.TP++
			}
			continue
		}
		r.All.FN++
		pc(e.Pred).FN++
		if g.Clear {
			r.Clear.FN++
		}
		r.Misses = append(r.Misses, fmt.Sprintf("%s: missed %s (%s)\t%s", name, e, grade(g.Clear), g.Evidence))
	}
	for e, ev := range pred {
		if _, ok := byEdge[e]; ok {
			continue
		}
		r.All.FP++
		r.Clear.FP++
		pc(e.Pred).FP++
		// Evidence keeps the source's line breaks; a report line must not.
		r.Spurious = append(r.Spurious, fmt.Sprintf("%s: spurious %s\t%s", name, e, strings.Join(strings.Fields(ev), " ")))
	}
	sort.Strings(r.Misses)
	sort.Strings(r.Spurious)
}

func grade(clear bool) string {
	if clear {
		return "clear"
	}
	return "soft"
}

// readGold reads NAME.gold.tsv.
func readGold(path string, res *resolver) ([]GoldEdge, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []GoldEdge
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if line == 1 || strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		c := strings.Split(t, "\t")
		if len(c) < 4 {
			return nil, fmt.Errorf("%s:%d: want 5 tab-separated columns, got %d", path, line, len(c))
		}
		pred := strings.TrimSpace(c[1])
		switch pred {
		case "supports", "opposes", "proposes", "alignsWith":
		default:
			return nil, fmt.Errorf("%s:%d: unknown predicate %q", path, line, pred)
		}
		g := GoldEdge{Edge: Edge{res.name(c[0]), pred, res.name(c[2])}, Clear: strings.TrimSpace(c[3]) == "clear", Line: line}
		if len(c) > 4 {
			g.Evidence = c[4]
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

// scoreMeta compares the statement's metadata with NAME.meta.tsv.
func (r *Report) scoreMeta(path string, st *extract.Statement, res *resolver) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	gold := map[string]string{}
	for _, l := range strings.Split(string(b), "\n") {
		c := strings.SplitN(l, "\t", 2)
		if len(c) == 2 && c[0] != "field" {
			gold[strings.TrimSpace(c[0])] = strings.TrimSpace(c[1])
		}
	}
	m := &st.Meta
	got := map[string]string{
		"speaker": m.Speaker, "date": m.Date, "year": m.Year,
		"delegation": entityKey(m.Delegation), "forum": entityKey(m.Forum),
	}
	switch {
	case m.Session != nil:
		got["session"] = entityKey(m.Session)
	case m.SessionName != "":
		got["session"] = "name:" + extract.NormPhrase(m.SessionName)
	}
	name := filepath.Base(path)
	for _, field := range []string{"speaker", "delegation", "forum", "session", "date", "year"} {
		want, ok := gold[field]
		g := got[field]
		if !ok || want == "" {
			if g != "" {
				r.MetaGuessed++
				r.MetaErrors = append(r.MetaErrors, fmt.Sprintf("%s: %s given as %q, the source does not say", name, field, g))
			}
			continue
		}
		r.MetaTotal++
		if metaEqual(field, want, g, m, res) {
			r.MetaRight++
			continue
		}
		r.MetaErrors = append(r.MetaErrors, fmt.Sprintf("%s: %s = %q, want %q", name, field, g, want))
	}
}

func metaEqual(field, want, got string, m *extract.Metadata, res *resolver) bool {
	switch field {
	case "speaker":
		w, g := extract.NormPhrase(want), extract.NormPhrase(got)
		return g != "" && (w == g || strings.HasSuffix(g, " "+w) || strings.HasSuffix(w, " "+g))
	case "delegation", "forum":
		return res.name(want) == got
	case "session":
		if got == "" {
			return false
		}
		if res.name(want) == got {
			return true
		}
		if m.Session != nil {
			w := extract.NormPhrase(want)
			for _, a := range append([]string{m.Session.Label}, m.Session.Aliases...) {
				if a := extract.NormPhrase(a); a == w || strings.Contains(a, w) {
					return true
				}
			}
		}
		return "name:"+extract.NormPhrase(want) == got
	}
	return want == got
}

func entityKey(e *data.Entity) string {
	if e == nil {
		return ""
	}
	return e.ID()
}

// resolver maps names (gold) and IRIs (predicted) to comparable keys.
type resolver struct {
	a     *extract.Analyzer
	byIRI map[quad.IRI]*data.Entity
}

func newResolver(g *data.Gazetteers, a *extract.Analyzer) *resolver {
	r := &resolver{a: a, byIRI: map[quad.IRI]*data.Entity{}}
	for _, e := range g.Entities {
		r.byIRI[extract.EntityIRI(e)] = e
	}
	return r
}

// name resolves a gold name to "kind/key", or "name:<normalised>".
func (r *resolver) name(s string) string {
	s = strings.TrimSpace(s)
	if e := r.a.Lookup(s); e != nil {
		return e.ID()
	}
	return "name:" + slugWords(s)
}

// slugWords normalises a name not in the gazetteer as node IRIs do, so
// that "Security Council resolution 2378 (2017)" in the gold matches the
// node minted from the text.
func slugWords(s string) string { return strings.ReplaceAll(schema.Slug(s), "-", " ") }

// key resolves a predicted node to "kind/key", or "name:<normalised label>"
// for nodes minted from the text.
func (r *resolver) key(v quad.Value, st *extract.Statement) string {
	iri, _ := v.(quad.IRI)
	if e := r.byIRI[iri]; e != nil {
		return e.ID()
	}
	s := string(iri)
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	return "name:" + strings.ReplaceAll(s, "-", " ")
}

func iriOf(v quad.Value) quad.IRI {
	iri, _ := v.(quad.IRI)
	return iri
}

func confidence(v quad.Value) float64 {
	ts, ok := v.(quad.TypedString)
	if !ok {
		return 0
	}
	f, _ := strconv.ParseFloat(string(ts.Value), 64)
	return f
}
