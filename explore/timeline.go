package explore

import (
	"fmt"
	"image/color"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// A Bucket counts the claims on a target in one period.
type Bucket struct {
	Period     string `json:"period"` // "2021", or a session IRI
	Label      string `json:"label"`  // "2021", or the session's label
	Supports   int    `json:"supports"`
	Opposes    int    `json:"opposes"`
	Proposes   int    `json:"proposes"`
	AlignsWith int    `json:"alignsWith"`
	Actors     int    `json:"actors"` // distinct actors
}

// Count returns the bucket's count for stance s.
func (b *Bucket) Count(s Stance) int {
	switch s {
	case Supports:
		return b.Supports
	case Opposes:
		return b.Opposes
	case Proposes:
		return b.Proposes
	case AlignsWith:
		return b.AlignsWith
	}
	return 0
}

func (b *Bucket) add(s Stance) {
	switch s {
	case Supports:
		b.Supports++
	case Opposes:
		b.Opposes++
	case Proposes:
		b.Proposes++
	case AlignsWith:
		b.AlignsWith++
	}
}

// A Timeline counts the stances taken on a target per year and per
// session.
type Timeline struct {
	Target   Ref      `json:"target"`
	Years    []Bucket `json:"years"`    // in year order; claims without a date are left out
	Sessions []Bucket `json:"sessions"` // by first date, then label
}

// Timeline looks up a target and counts the claims about it (distinct
// evidence spans, as Explore counts them) per year and per session.
func (v *View) Timeline(target string, o Options) (*Timeline, error) {
	e, err := v.Lookup(target)
	if err != nil {
		return nil, err
	}
	f, err := v.filter(o)
	if err != nil {
		return nil, err
	}
	tl := &Timeline{Target: e.Ref(), Years: []Bucket{}, Sessions: []Bucket{}}
	years := map[string]*Bucket{}
	sessions := map[string]*Bucket{}
	first := map[string]string{}
	actors := map[string]map[quad.IRI]bool{}
	seen := map[string]bool{}
	for _, c := range v.byTarget[e.IRI] {
		if !v.keep(f, c) {
			continue
		}
		span := fmt.Sprintf("%s|%s|%d|%d|%s|%t", c.Statement.IRI, c.Actor, c.Start, c.End, c.Stance, c.IRI == "")
		if seen[span] {
			continue
		}
		seen[span] = true
		bump := func(m map[string]*Bucket, key, label string) {
			b := m[key]
			if b == nil {
				b = &Bucket{Period: key, Label: label}
				m[key] = b
				actors[key] = map[quad.IRI]bool{}
			}
			b.add(c.Stance)
			actors[key][c.Actor] = true
		}
		if y := c.Statement.Year; y != "" {
			bump(years, y, y)
		}
		if s := c.Statement.Session; s != "" {
			bump(sessions, "session "+string(s), v.label(s))
			if w := c.Statement.When(); w != "" && (first["session "+string(s)] == "" || w < first["session "+string(s)]) {
				first["session "+string(s)] = w
			}
		}
	}
	for k, b := range years {
		b.Actors = len(actors[k])
		tl.Years = append(tl.Years, *b)
	}
	for k, b := range sessions {
		b.Actors = len(actors[k])
		b.Period = strings.TrimPrefix(b.Period, "session ")
		tl.Sessions = append(tl.Sessions, *b)
	}
	sort.Slice(tl.Years, func(i, j int) bool { return tl.Years[i].Period < tl.Years[j].Period })
	sort.Slice(tl.Sessions, func(i, j int) bool {
		a, b := tl.Sessions[i], tl.Sessions[j]
		fa, fb := first["session "+a.Period], first["session "+b.Period]
		if fa != fb {
			return fa < fb
		}
		return a.Label < b.Label
	})
	return tl, nil
}

// stanceColors are the colours charts and drawings use per stance.
var stanceColors = map[Stance]color.RGBA{
	Supports:   {R: 0x1b, G: 0x9e, B: 0x4b, A: 0xff},
	Opposes:    {R: 0xd6, G: 0x27, B: 0x28, A: 0xff},
	Proposes:   {R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
	AlignsWith: {R: 0x7f, G: 0x7f, B: 0x7f, A: 0xff},
}

// Chart draws the yearly counts as grouped bars, one colour per stance,
// and writes the image to w in format "png", "svg", "pdf", "jpg" or
// "tiff". A timeline with no dated claims gives an empty chart.
func (t *Timeline) Chart(w io.Writer, format string) error {
	p := plot.New()
	p.Title.Text = "Stances on " + t.Target.Label
	p.Y.Label.Text = "claims"
	p.X.Label.Text = "year"
	names := make([]string, len(t.Years))
	for i, b := range t.Years {
		names[i] = b.Label
	}
	used := []Stance{}
	for _, s := range Stances {
		for _, b := range t.Years {
			if b.Count(s) > 0 {
				used = append(used, s)
				break
			}
		}
	}
	width := vg.Points(12)
	for i, s := range used {
		vals := make(plotter.Values, len(t.Years))
		for j, b := range t.Years {
			vals[j] = float64(b.Count(s))
		}
		bars, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return fmt.Errorf("chart %s: %w", t.Target.Label, err)
		}
		bars.Color = stanceColors[s]
		bars.LineStyle.Width = 0
		bars.Offset = width * vg.Length(float64(i)-float64(len(used)-1)/2)
		p.Add(bars)
		p.Legend.Add(string(s), bars)
	}
	p.Legend.Top = true
	if len(names) > 0 {
		p.NominalX(names...)
	}
	p.Y.Min = 0
	wt, err := p.WriterTo(vg.Points(max(360, 60*float64(len(names))+120)), vg.Points(300), strings.ToLower(format))
	if err != nil {
		return fmt.Errorf("chart %s: %w", t.Target.Label, err)
	}
	if _, err := wt.WriteTo(w); err != nil {
		return fmt.Errorf("chart %s: %w", t.Target.Label, err)
	}
	return nil
}
