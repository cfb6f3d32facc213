package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// country is the part of a world-countries record that gen reads.
type country struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2            string   `json:"cca2"`
	CCA3            string   `json:"cca3"`
	CCN3            string   `json:"ccn3"`
	UNMember        bool     `json:"unMember"`
	UNRegionalGroup string   `json:"unRegionalGroup"`
	AltSpellings    []string `json:"altSpellings"`
	Demonyms        map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

// source is the input data set.
type source struct {
	name, version string // from package.json next to countries.json, if any
	countries     []country
}

func (s *source) String() string {
	if s.version == "" {
		return "world-countries (ODbL 1.0)"
	}
	return s.name + " " + s.version + " (ODbL 1.0)"
}

func readSource(path string) (*source, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read countries: %w", err)
	}
	src := &source{name: "world-countries"}
	if err := json.Unmarshal(b, &src.countries); err != nil {
		return nil, fmt.Errorf("read countries %s: %w", path, err)
	}
	if pb, err := os.ReadFile(filepath.Join(filepath.Dir(path), "package.json")); err == nil {
		var pkg struct{ Name, Version string }
		if json.Unmarshal(pb, &pkg) == nil && pkg.Name != "" {
			src.name, src.version = pkg.Name, pkg.Version
		}
	}
	return src, nil
}

// state is one row of states.tsv.
type state struct {
	iso3, iso2, m49   string
	label             string
	observer          bool
	aliases, codes    []string
	demonyms          []string
	group             string // world-countries unRegionalGroup after corrections
	corrected         []string
	officialName      string
	worldCountriesRaw country
}

func buildStates(src *source) ([]*state, error) {
	var states []*state
	for _, c := range src.countries {
		if !c.UNMember && !observers[c.CCA3] {
			continue
		}
		s := &state{iso3: c.CCA3, iso2: c.CCA2, m49: c.CCN3, label: c.Name.Common,
			observer: observers[c.CCA3], group: c.UNRegionalGroup, worldCountriesRaw: c}
		if s.observer && c.UNMember {
			s.corrected = append(s.corrected, "observer, not member")
		}
		if l, ok := labels[c.CCA3]; ok {
			s.label = l
			s.corrected = append(s.corrected, "label")
		}
		if g, ok := regionalGroupFix[c.CCA3]; ok {
			s.group = g
			s.corrected = append(s.corrected, "regional group")
		}
		if s.observer && s.group == "" && c.CCA3 == "VAT" {
			s.group = ""
		}
		names := []string{c.Name.Common, c.Name.Official}
		names = append(names, unNames[c.CCA3]...)
		names = append(names, extraAliases[c.CCA3]...)
		for _, a := range c.AltSpellings {
			switch {
			case a == c.CCA2, dropNames[a], strings.Contains(a, ","), !latin(a):
				continue
			case isCode(a):
				s.codes = append(s.codes, a)
				continue
			}
			names = append(names, a)
		}
		s.aliases = uniq(names, s.label)
		s.codes = uniqExact(append(s.codes, extraCodes[c.CCA3]...))
		var dem []string
		if d, ok := c.Demonyms["eng"]; ok {
			dem = append(dem, splitDemonym(d.M)...)
			dem = append(dem, splitDemonym(d.F)...)
		}
		dem = append(dem, extraDemonyms[c.CCA3]...)
		s.demonyms = uniq(dem, s.label)
		states = append(states, s)
	}
	if len(states) != 195 {
		return nil, fmt.Errorf("found %d member and observer states, want 195 (193 members, 2 observers)", len(states))
	}
	dropSharedDemonyms(states)
	sort.Slice(states, func(i, j int) bool { return states[i].iso3 < states[j].iso3 })
	return states, nil
}

// dropSharedDemonyms removes demonyms that belong to more than one state
// ("Congolese", "Dominican"), which cannot tell the states apart, and
// demonyms that are another state's name.
func dropSharedDemonyms(states []*state) {
	count := make(map[string]int)
	names := make(map[string]bool)
	for _, s := range states {
		for _, d := range s.demonyms {
			count[strings.ToLower(d)]++
		}
		names[strings.ToLower(s.label)] = true
		for _, a := range s.aliases {
			names[strings.ToLower(a)] = true
		}
	}
	for _, s := range states {
		var keep []string
		for _, d := range s.demonyms {
			k := strings.ToLower(d)
			if count[k] > 1 || names[k] {
				continue
			}
			keep = append(keep, d)
		}
		s.demonyms = keep
	}
}

// splitDemonym splits "Antiguan, Barbudan" and "Kittitian or Nevisian".
func splitDemonym(d string) []string {
	var out []string
	for _, part := range strings.Split(d, ",") {
		for _, p := range strings.Split(part, " or ") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// latin reports whether every letter of s is Latin (basic, Latin-1 or
// Latin Extended-A/B), so names in other scripts and in phonetic notation
// are left out: statements are read in English.
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !(r < 0x250 && unicode.Is(unicode.Latin, r)) {
			return false
		}
	}
	return true
}

// isCode reports whether s is an upper-case abbreviation such as "UK" or
// "DPRK".
func isCode(s string) bool {
	if len(s) < 2 || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// uniq returns names without duplicates (case-insensitive) and without
// label, in first-seen order.
func uniq(names []string, label string) []string {
	seen := map[string]bool{strings.ToLower(label): true}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		k := strings.ToLower(n)
		if n == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

func uniqExact(names []string) []string {
	seen := make(map[string]bool)
	var out []string
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

const header = `# GENERATED by data/internal/gen from %s. DO NOT EDIT.
# Regenerate: cd /tmp && npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
#             COUNTRIES_JSON=/tmp/package/countries.json go generate ./data
# Corrections on top of the data set are listed in data/internal/gen/corrections.go.
# Licence: Open Database License (ODbL) 1.0; see data/ATTRIBUTION.md.
`

func statesTSV(src *source, states []*state, wikidata map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, header, src)
	b.WriteString("# The 193 UN member states and the 2 observer states. wikidata: from internal/gen/wikidata.tsv (Wikidata, CC0).\n")
	b.WriteString("kind\tkey\tlabel\tclass\taliases\tcase_sensitive\tdemonyms\tiso2\tiso3\tm49\twikidata\tobserver\tsource\n")
	for _, s := range states {
		class, obs := "State", "false"
		if s.observer {
			class, obs = "ObserverState", "true"
		}
		srcCell := src.String()
		if len(s.corrected) > 0 {
			srcCell += "; corrected: " + strings.Join(s.corrected, ", ")
		}
		fmt.Fprintf(&b, "state\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			s.iso3, s.label, class, strings.Join(s.aliases, "|"), strings.Join(s.codes, "|"),
			strings.Join(s.demonyms, "|"), s.iso2, s.iso3, s.m49, wikidata[s.iso3], obs, srcCell)
	}
	return b.String()
}

func regionalTSV(src *source, states []*state) string {
	var b strings.Builder
	fmt.Fprintf(&b, header, src)
	b.WriteString("# Membership of the five UN regional groups (unRegionalGroup). Dates are not in the data set.\n")
	b.WriteString("member\tgroup\tfrom\tuntil\tsource\n")
	for _, s := range states {
		if s.group == "" {
			continue
		}
		key, ok := groupKeys[s.group]
		if !ok {
			continue
		}
		srcCell := src.String() + " unRegionalGroup"
		if _, fixed := regionalGroupFix[s.iso3]; fixed {
			srcCell = "https://www.un.org/dgacm/en/content/regional-groups; corrected in data/internal/gen"
		}
		fmt.Fprintf(&b, "state/%s\t%s\t\t\t%s\n", s.iso3, key, srcCell)
	}
	return b.String()
}

// readWikidata reads wikidata.tsv: ISO 3166-1 alpha-3 code and Wikidata
// item of each state.
func readWikidata(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i, l := range strings.Split(string(b), "\n") {
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "iso3\t") {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 2 || len(c[0]) != 3 || !strings.HasPrefix(c[1], "Q") {
			return nil, fmt.Errorf("%s:%d: want ISO3<TAB>Q-id, got %q", path, i+1, l)
		}
		out[c[0]] = c[1]
	}
	return out, nil
}
