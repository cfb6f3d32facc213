// Command gen writes the generated gazetteer files of package data,
// states.tsv and memberships-regional.tsv, from the countries.json file of
// the world-countries npm package (the mledoze/countries data, ODbL 1.0):
//
//	cd /tmp && npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
//	COUNTRIES_JSON=/tmp/package/countries.json go generate ./data
//
// or, from the repository root,
//
//	go run ./data/internal/gen -countries /tmp/package/countries.json -out data
//
// It keeps the 193 UN member states and the two observer states, and
// applies the corrections listed in corrections.go on top of the data set.
// Never edit the output by hand: change the corrections and run gen again.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	countries := flag.String("countries", os.Getenv("COUNTRIES_JSON"), "path of world-countries' countries.json (default $COUNTRIES_JSON)")
	out := flag.String("out", ".", "directory to write states.tsv and memberships-regional.tsv to")
	wd := flag.String("wikidata", "", "path of wikidata.tsv (default: next to this program's source, internal/gen/wikidata.tsv under -out)")
	flag.Parse()
	if *wd == "" {
		*wd = filepath.Join(*out, "internal", "gen", "wikidata.tsv")
	}
	if err := run(*countries, *out, *wd); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(countries, out, wikidataPath string) error {
	if countries == "" {
		return fmt.Errorf("no countries.json given: set -countries or $COUNTRIES_JSON " +
			"(get it with: cd /tmp && npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz)")
	}
	src, err := readSource(countries)
	if err != nil {
		return err
	}
	states, err := buildStates(src)
	if err != nil {
		return err
	}
	wikidata, err := readWikidata(wikidataPath)
	if err != nil {
		return err
	}
	for _, s := range states {
		if wikidata[s.iso3] == "" {
			return fmt.Errorf("%s: no Wikidata item for %s", wikidataPath, s.iso3)
		}
	}
	if err := os.WriteFile(filepath.Join(out, "states.tsv"), []byte(statesTSV(src, states, wikidata)), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "memberships-regional.tsv"), []byte(regionalTSV(src, states)), 0o644)
}
