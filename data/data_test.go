package data

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// mapFS builds an fstest.MapFS from name -> contents.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, s := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

func mustDefault(t testing.TB) *Gazetteers {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return g
}

func TestParseFSGood(t *testing.T) {
	fsys := mapFS(map[string]string{
		"states.tsv": "# comment\n" +
			"key\tlabel\taliases\tcase_sensitive\tdemonyms\tiso2\tiso3\tm49\n" +
			"FRA\tFrance\tFrench Republic\t\tFrench\tFR\tFRA\t250\n" +
			"\n" +
			"DEU\tGermany\t\t\tGerman\tDE\tDEU\t276\n",
		"groups.tsv": "kind\tkey\tlabel\tclass\n" +
			"org\teu\tEuropean Union\tOrganization\n",
		"memberships.tsv": "member\tgroup\tfrom\tuntil\n" +
			"state/FRA\torg/eu\t1958-01-01\t\n" +
			"state/DEU\torg/eu\t1958-01-01\t2000-12-31\n",
		"proposals.tsv": "kind\tkey\tlabel\tclass\taliases\tcase_sensitive\tpart_of\ttopic\tsymbol\tsource\n" +
			"proposal\tpoa\tProgramme of Action\tProposal\tcyber Programme of Action\tPoA\t\tcyber\tA/RES/77/37\thttps://undocs.org/A/RES/77/37\n" +
			"proposal\tnorm-a\tnorm (a)\tNorm\t\t\tproposal/poa\tcyber\t\t\n",
	})
	g, err := ParseFS(fsys)
	if err != nil {
		t.Fatalf("ParseFS: %v", err)
	}
	if len(g.Entities) != 5 {
		t.Errorf("got %d entities, want 5", len(g.Entities))
	}
	fra := g.Lookup("state/FRA")
	if fra == nil || fra.Label != "France" || fra.ISO2 != "FR" || fra.M49 != "250" || fra.Line != 3 || fra.File != "states.tsv" {
		t.Errorf("state/FRA = %+v", fra)
	}
	poa := g.Lookup("proposal/poa")
	if poa == nil || poa.Symbol != "A/RES/77/37" || len(poa.CaseSensitive) != 1 || poa.Topic != "cyber" {
		t.Errorf("proposal/poa = %+v", poa)
	}
	if got := g.Members("org/eu", "1999-01-01"); strings.Join(got, ",") != "state/DEU,state/FRA" {
		t.Errorf("members of the EU in 1999 = %v", got)
	}
	if got := g.Members("org/eu", ""); strings.Join(got, ",") != "state/FRA" {
		t.Errorf("members of the EU now = %v", got)
	}
	if len(g.Version) != 12 {
		t.Errorf("version %q, want 12 hex digits", g.Version)
	}
}

// TestParseFSErrors checks that every bad row is reported, each with its
// file and line, and that good rows around bad ones do not stop loading.
func TestParseFSErrors(t *testing.T) {
	fsys := mapFS(map[string]string{
		"proposals.tsv": "kind\tkey\tlabel\tclass\taliases\tsource\n" + // 1
			"proposal\tgood\tGood\tProposal\t\t\n" + // 2
			"proposal\tbad key\tBad\tProposal\t\t\n" + // 3
			"proposal\tx\tX\tState\t\t\n" + // 4
			"proposal\tgood\tAgain\tProposal\t\t\n" + // 5
			"proposal\ty\tY\tProposal\ta|a\t\n" + // 6
			"proposal\tz\tZ\n" + // 7: too few cells
			"planet\tmars\tMars\t\t\t\n" + // 8
			"proposal\tw\t\tProposal\t\t\n", // 9: empty label
		"states.tsv": "key\tlabel\tiso2\tiso3\tm49\n" + // 1
			"FRA\tFrance\tfr\tFRA\t25\n" + // 2: bad iso2 and m49
			"XYZ\tNowhere\tXY\tABC\t999\n", // 3: key differs from iso3
		"memberships.tsv": "member\tgroup\tfrom\tuntil\n" + // 1
			"state/FRA\torg/none\t2020-13-01\t\n" + // 2: unknown group, bad date
			"state/FRA\tproposal/good\t2020-01-01\t2019-01-01\n", // 3: not a group, until < from
		"posts.tsv": "forum\trole\tholder\n" + // 1
			"forum/none\tChair\t\n", // 2: unknown forum, empty holder
		"valence.tsv": "entity\tvalence\topposite\n" + // 1
			"proposal/good\tbad\t\n" + // 2: unknown valence
			"proposal/none\thazard\t\n" + // 3: unknown entity
			"proposal/y\tnegative\tproposal/none\n", // 4: unknown opposite
		"odd.tsv": "label\twhatever\n", // no kind column, no key column
	})
	g, err := ParseFS(fsys)
	if g != nil {
		t.Errorf("ParseFS returned gazetteers with an error")
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("ParseFS error %v (%T), want an ErrorList", err, err)
	}
	want := map[string]string{ // "file:line" -> part of the message
		"proposals.tsv:3":   "bad key",
		"proposals.tsv:4":   "not allowed for kind proposal",
		"proposals.tsv:5":   "duplicate id",
		"proposals.tsv:6":   "listed twice",
		"proposals.tsv:7":   "wrong number of cells",
		"proposals.tsv:8":   "unknown kind",
		"proposals.tsv:9":   "empty label",
		"states.tsv:2":      "alpha-2",
		"states.tsv:3":      "differs from its ISO3",
		"memberships.tsv:2": "bad date",
		"memberships.tsv:3": "until 2019-01-01 is before from",
		"posts.tsv:2":       "unknown forum",
		"odd.tsv:1":         "missing column",
		"valence.tsv:2":     "unknown valence \"bad\" (want negative, hazard or consensus)",
		"valence.tsv:4":     "unknown entity \"proposal/none\"",
		"valence.tsv:3":     "unknown entity",
	}
	got := make(map[string][]string)
	for _, e := range list {
		if e.File == "" || e.Line <= 0 {
			t.Errorf("problem without a position: %v", e)
		}
		k := e.File + ":" + strconv.Itoa(e.Line)
		got[k] = append(got[k], e.Err.Error())
	}
	for pos, msg := range want {
		found := false
		for _, m := range got[pos] {
			if strings.Contains(m, msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem %q at %s; got %q", msg, pos, got[pos])
		}
	}
	if msgs := got["proposals.tsv:2"]; len(msgs) > 0 {
		t.Errorf("good row proposals.tsv:2 reported: %q", msgs)
	}
	if !errors.Is(err, ErrFieldCount) {
		t.Errorf("errors.Is(err, ErrFieldCount) = false")
	}
	// Every message names its file and line.
	for _, line := range strings.Split(err.Error(), "\n")[1:] {
		if !strings.Contains(line, ".tsv:") {
			t.Errorf("message without a position: %q", line)
		}
	}
}

func TestErrorListErr(t *testing.T) {
	var l ErrorList
	if l.Err() != nil {
		t.Errorf("empty ErrorList.Err() = %v, want nil", l.Err())
	}
	l.Addf("a.tsv", 3, "bad %s", "thing")
	if err := l.Err(); err == nil || err.Error() != "a.tsv:3: bad thing" {
		t.Errorf("Err() = %v", err)
	}
	l.Add("a.tsv", 1, 2, errors.New("first"))
	l.Sort()
	if l[0].Line != 1 || !strings.HasPrefix(l.Error(), "2 problems") {
		t.Errorf("sorted list = %v", l)
	}
}

func TestLoadFSOverlay(t *testing.T) {
	fsys := mapFS(map[string]string{
		"proposals.tsv": "kind\tkey\tlabel\tclass\ttopic\tsource\n" +
			"proposal\tmy-initiative\tMy Initiative\tProposal\thealth\tmine\n",
		"notes.txt": "ignored",
	})
	g, err := LoadFS(fsys)
	if err != nil {
		t.Fatalf("LoadFS: %v", err)
	}
	if g.Lookup("proposal/my-initiative") == nil {
		t.Errorf("user proposal missing")
	}
	if g.Lookup("proposal/cyber-poa") != nil {
		t.Errorf("embedded proposals.tsv not replaced by the user's file")
	}
	if g.Lookup("state/CHN") == nil || g.Lookup("topic/multilateralism") == nil {
		t.Errorf("embedded files not kept")
	}
	def := mustDefault(t)
	if g.Version == def.Version {
		t.Errorf("version unchanged by an overlay")
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	climate := "kind\tkey\tlabel\tclass\taliases\ttopic\tsource\n" +
		"topic\tmethane\tmethane emissions\tTopic\tmethane pledge|Global Methane Pledge\tclimate\thttps://www.globalmethanepledge.org/\n"
	if err := os.WriteFile(filepath.Join(dir, "topics-climate.tsv"), []byte(climate), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	e := g.Lookup("topic/methane")
	if e == nil || e.File != "topics-climate.tsv" {
		t.Fatalf("topic/methane = %+v", e)
	}
	if g.Lookup("topic/multilateralism") == nil {
		t.Errorf("embedded topics.tsv lost")
	}
	if _, err := LoadDir(filepath.Join(dir, "missing")); err == nil {
		t.Errorf("LoadDir of a missing directory: no error")
	}
}

func TestDefault(t *testing.T) {
	g := mustDefault(t)
	for _, w := range g.Warnings {
		t.Logf("warning: %v", w)
	}
	g2, err := ParseFS(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if g2.Version != g.Version {
		t.Errorf("version differs between two parses: %s, %s", g.Version, g2.Version)
	}
	counts := make(map[Kind]int)
	for _, e := range g.Entities {
		counts[e.Kind]++
	}
	t.Logf("entities by kind: %v", counts)
	if counts[KindProposal] < 250 || counts[KindTopic] < 150 {
		t.Errorf("only %d proposals and %d topics", counts[KindProposal], counts[KindTopic])
	}
}

func TestStates(t *testing.T) {
	g := mustDefault(t)
	members, observers := 0, 0
	for _, e := range g.Entities {
		if e.Kind != KindState {
			continue
		}
		if e.Observer {
			observers++
		} else {
			members++
		}
		if !iso2RE.MatchString(e.ISO2) || !iso3RE.MatchString(e.ISO3) || !m49RE.MatchString(e.M49) || !wikidataRE.MatchString(e.Wikidata) {
			t.Errorf("%s (%s): ISO2 %q, ISO3 %q, M49 %q, Wikidata %q", e.ID(), e.Label, e.ISO2, e.ISO3, e.M49, e.Wikidata)
		}
	}
	if members < 193 || observers != 2 {
		t.Errorf("%d member states and %d observers, want 193 and 2", members, observers)
	}
	for _, id := range []string{"state/VAT", "state/PSE"} {
		if e := g.Lookup(id); e == nil || !e.Observer {
			t.Errorf("%s is not an observer state: %+v", id, e)
		}
	}
	chn := g.Lookup("state/CHN")
	if chn == nil || !contains(chn.Demonyms, "Chinese") {
		t.Errorf("China's demonyms: %+v", chn)
	}
}

func TestEUMembers(t *testing.T) {
	g := mustDefault(t)
	for _, c := range []struct {
		date string
		want int
	}{{"2024-01-01", 27}, {"2019-01-01", 28}, {"", 27}} {
		got := g.Members("org/eu", c.date)
		if len(got) != c.want {
			t.Errorf("EU members on %q: %d, want %d", c.date, len(got), c.want)
		}
	}
	if got := g.GroupsOf("state/GBR", "2019-01-01"); !contains(got, "org/eu") {
		t.Errorf("United Kingdom not in the EU on 2019-01-01: %v", got)
	}
	if got := g.GroupsOf("state/GBR", ""); contains(got, "org/eu") {
		t.Errorf("United Kingdom still in the EU: %v", got)
	}
}

// TestG77AndNAMMembers: the member lists of the two largest groups of the
// General Debate, from the sources memberships.tsv cites.
func TestG77AndNAMMembers(t *testing.T) {
	g := mustDefault(t)
	for _, c := range []struct {
		group, date string
		want        int
		in, out     []string
	}{
		// The g77.org list counts China, which is no member: 134 - 1.
		{"group/g77", "", 133, []string{"state/DZA", "state/IND", "state/BRA", "state/PSE", "state/AZE"}, []string{"state/CHN", "state/MEX", "state/USA"}},
		// South Sudan joined in January 2024: 121 members.
		{"group/nam", "", 121, []string{"state/IND", "state/CUB", "state/SSD", "state/BLR"}, []string{"state/CHN", "state/ARG", "state/CYP"}},
	} {
		got := g.Members(c.group, c.date)
		if len(got) != c.want {
			t.Errorf("%s members on %q: %d, want %d", c.group, c.date, len(got), c.want)
		}
		for _, s := range c.in {
			if !contains(got, s) {
				t.Errorf("%s on %q lacks %s", c.group, c.date, s)
			}
		}
		for _, s := range c.out {
			if contains(got, s) {
				t.Errorf("%s on %q has %s", c.group, c.date, s)
			}
		}
	}
}

// byName indexes every entity by its names (label, aliases, demonyms,
// compared case-insensitively).
func byName(g *Gazetteers) map[string][]*Entity {
	m := make(map[string][]*Entity)
	for _, e := range g.Entities {
		for _, n := range e.Names() {
			m[fold(n)] = append(m[fold(n)], e)
		}
	}
	return m
}

func TestProposals(t *testing.T) {
	g := mustDefault(t)
	names := byName(g)
	for _, c := range []struct{ name, id, class string }{
		{"Programme of Action", "proposal/cyber-poa", "Proposal"},
		{"cyber Programme of Action", "proposal/cyber-poa", "Proposal"},
		{"Declaration for the Future of the Internet", "proposal/dfi", "Proposal"},
		{"alliance for future of the internet", "proposal/dfi", "Proposal"},
		{"Global Initiative on Data Security", "proposal/gids", "Proposal"},
		{"Durban Declaration and Programme of Action", "proposal/durban-declaration", "Instrument"},
		{"Doha Programme of Action", "proposal/doha-programme-of-action", "Instrument"},
		{"Vienna Programme of Action", "proposal/vienna-programme-of-action", "Instrument"},
		{"Istanbul Programme of Action", "proposal/istanbul-programme-of-action", "Instrument"},
		{"Almaty Programme of Action", "proposal/almaty-programme-of-action", "Instrument"},
		{"Beijing Declaration and Platform for Action", "proposal/beijing-platform", "Instrument"},
		{"A/RES/75/240", "proposal/a-res-75-240", "Resolution"},
		{"resolution 2254 (2015)", "proposal/sc-res-2254", "Resolution"},
		{"SDG 4", "proposal/sdg-4", "Instrument"},
		{"Goal 17", "proposal/sdg-17", "Instrument"},
		{"sovereignty principle", "topic/sovereignty-cyberspace", "Norm"},
		{"cyber weapons", "topic/offensive-cyber", "Topic"},
		{"the Charter", "proposal/un-charter", "Instrument"},
		{"blockade against Cuba", "topic/cuba-embargo", "Topic"},
		{"full-scale invasion", "topic/ukraine-war", "Topic"},
		{"legally binding norms", "proposal/lbi-icts", "Proposal"},
	} {
		es := names[fold(c.name)]
		if len(es) != 1 || es[0].ID() != c.id || es[0].Class != classByName[c.class] {
			var ids []string
			for _, e := range es {
				ids = append(ids, e.ID()+" "+e.Class)
			}
			t.Errorf("%q names %v, want only %s (%s)", c.name, ids, c.id, c.class)
		}
	}
	norms := 0
	for _, e := range g.Entities {
		if e.PartOf == "proposal/voluntary-norms" && e.Class == classByName["Norm"] {
			norms++
		}
	}
	if norms != 11 {
		t.Errorf("%d voluntary norms, want 11", norms)
	}
	// Case-sensitive acronyms match only in their case.
	if poa := g.Lookup("proposal/cyber-poa"); !contains(poa.CaseSensitive, "PoA") {
		t.Errorf("PoA is not a case-sensitive alias of the Programme of Action")
	}
}

// TestProposalAndTopicRows checks the hand-curated files: every row has a
// class, a topic tag and a source, and no name of a proposal or topic is
// also a name of another entity of any kind.
func TestProposalAndTopicRows(t *testing.T) {
	g := mustDefault(t)
	names := byName(g)
	for _, e := range g.Entities {
		if e.Kind != KindProposal && e.Kind != KindTopic {
			continue
		}
		if e.Class == "" || e.Topic == "" || e.Source == "" {
			t.Errorf("%s:%d: %s lacks class, topic or source", e.File, e.Line, e.ID())
		}
		for _, n := range e.Names() {
			for _, o := range names[fold(n)] {
				if o != e {
					t.Errorf("%s:%d: name %q of %s is also a name of %s", e.File, e.Line, n, e.ID(), o.ID())
				}
			}
		}
	}
}

// stopWords are common English words that must never be a name matched
// case-insensitively: they would fire on ordinary prose.
var stopWords = strings.Fields(`a an the and or of in on for to by with we us our you they it
	peace security development climate war charter agenda programme program action declaration
	convention treaty resolution initiative compact goal goals strategy framework pact law rights
	trade health education water energy food women youth children council assembly group union
	state states people country countries world support reform sovereignty cooperation order force
	freedom human international global national united nations plan process agreement embargo
	blockade sanctions dialogue partnership report fund policy system crisis conflict protection
	access change future chair president summit conference session committee mechanism forum
	agency office mission court commission members member government may can will not`)

func TestNoStopWordNames(t *testing.T) {
	g := mustDefault(t)
	stop := make(map[string]bool)
	for _, w := range stopWords {
		stop[w] = true
	}
	for _, e := range g.Entities {
		for _, n := range e.Names() {
			if stop[fold(n)] {
				t.Errorf("%s:%d: %s has the common word %q as a name", e.File, e.Line, e.ID(), n)
			}
		}
	}
}

func TestDevTargetsCovered(t *testing.T) {
	b, err := os.ReadFile("../eval/testdata/dev-targets.txt")
	if err != nil {
		t.Skip(err)
	}
	names := byName(mustDefault(t))
	// Targets that are one-off phrases no gazetteer would hold.
	var missing []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if len(names[fold(l)]) == 0 {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		t.Errorf("dev targets with no entity: %q", missing)
	}
}

func TestHolder(t *testing.T) {
	g := mustDefault(t)
	p := g.Holder("forum/oewg-2021-2025", "chair", "2021-12-14")
	if p == nil || !strings.Contains(p.Holder, "Gafoor") {
		t.Errorf("Chair of the OEWG on 2021-12-14 = %+v", p)
	}
}

// TestLoadFSReplacedFile checks that replacing an embedded file leaves
// the embedded rows that name its entities out with a warning, instead of
// failing the load, while a user's own file is still checked strictly.
func TestLoadFSReplacedFile(t *testing.T) {
	topics := "kind\tkey\tlabel\tclass\taliases\n" +
		"topic\tmy-topic\tmy topic\tTopic\t\n"
	g, err := LoadFS(mapFS(map[string]string{"topics.tsv": topics}))
	if err != nil {
		t.Fatalf("LoadFS with topics.tsv replaced: %v", err)
	}
	if g.Lookup("topic/my-topic") == nil || g.Lookup("topic/multilateralism") != nil {
		t.Fatalf("topics.tsv not replaced")
	}
	dropped := 0
	for _, w := range g.Warnings {
		if strings.Contains(w.Error(), "was replaced") {
			dropped++
		}
	}
	if dropped == 0 {
		t.Errorf("no warning for the embedded rows naming replaced topics")
	}
	for _, e := range g.Entities {
		if e.PartOf != "" && g.Lookup(e.PartOf) == nil {
			t.Errorf("%s keeps part_of %q, which no file defines", e.ID(), e.PartOf)
		}
	}
	// The user's own valence.tsv is held to every reference.
	_, err = LoadFS(mapFS(map[string]string{"topics.tsv": topics,
		"valence.tsv": "entity\tvalence\topposite\ntopic/terrorism\tnegative\t\n"}))
	if err == nil || !strings.Contains(err.Error(), `unknown entity "topic/terrorism"`) {
		t.Errorf("user valence.tsv naming an unknown topic: %v", err)
	}
}
