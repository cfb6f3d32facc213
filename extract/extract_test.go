package extract_test

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/extract"
	"github.com/stancegraph/stancegraph/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	pipeOnce sync.Once
	pipe     *extract.Pipeline
	pipeErr  error
)

func pipeline(t testing.TB) *extract.Pipeline {
	t.Helper()
	pipeOnce.Do(func() {
		g, err := data.Default()
		if err != nil {
			pipeErr = err
			return
		}
		pipe, pipeErr = extract.NewRegistry().Build(nil, g)
	})
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe
}

func extractFile(t testing.TB, path string) ([]*extract.Statement, []quad.Quad) {
	t.Helper()
	f, err := extract.ReadFile(path, extract.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline(t)
	var qs []quad.Quad
	for _, st := range f.Statements {
		qs = append(qs, p.Run(st)...)
	}
	return f.Statements, qs
}

// edges returns "actor pred target" by label for every stance edge.
func edges(t testing.TB, qs []quad.Quad) map[string]bool {
	p := pipeline(t)
	labels := map[quad.Value]string{}
	for _, e := range p.Gazetteers.Entities {
		labels[extract.EntityIRI(e)] = e.Label
	}
	for _, q := range qs {
		if q.Predicate == schema.Label {
			labels[q.Subject] = string(q.Object.(quad.String))
		}
	}
	out := map[string]bool{}
	for _, q := range qs {
		p, _ := q.Predicate.(quad.IRI)
		if !schema.IsStance(p) {
			continue
		}
		s := string(p)
		out[labels[q.Subject]+" "+s[strings.LastIndex(s, "#")+1:]+" "+labels[q.Object]] = true
	}
	return out
}

// TestSeedAcceptance checks the first cut's acceptance edges and metadata
// on the seed statement under two unrelated names.
func TestSeedAcceptance(t *testing.T) {
	src, err := os.ReadFile("testdata/golden/oewg-statement.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"x.txt", "notes-17.md"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), name)
			os.WriteFile(p, src, 0o644)
			sts, qs := extractFile(t, p)
			got := edges(t, qs)
			for _, want := range []string{
				"China supports Programme of Action",
				"China opposes Declaration for the Future of the Internet",
				"China supports Global Initiative on Data Security",
				"China supports legally binding instrument on ICTs",
				"China supports sovereignty in cyberspace",
				"China opposes offensive cyber capabilities",
			} {
				if !got[want] {
					t.Errorf("missing edge %q", want)
				}
			}
			if got["China proposes Programme of Action"] {
				t.Errorf("China credited with proposing the Programme of Action")
			}
			m := sts[0].Meta
			if m.Speaker != "Wu Jianjian" {
				t.Errorf("speaker = %q", m.Speaker)
			}
			if m.Delegation == nil || m.Delegation.Label != "China" {
				t.Errorf("delegation = %v", m.Delegation)
			}
			if m.Forum == nil || m.Forum.Key != "oewg-2021-2025" {
				t.Errorf("forum = %v", m.Forum)
			}
			if m.Session == nil || !strings.Contains(strings.ToLower(m.Session.Label), "first substantive") {
				t.Errorf("session = %v (%q)", m.Session, m.SessionName)
			}
			if m.Date != "2021-12-14" || m.Year != "2021" {
				t.Errorf("date, year = %q, %q", m.Date, m.Year)
			}
		})
	}
}

// TestGolden extracts every testdata/golden/*.txt and compares the sorted
// N-Quads with NAME.golden.nq. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txt")
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			_, qs := extractFile(t, f)
			var b strings.Builder
			w := nquads.NewWriter(&b)
			for _, q := range extract.SortQuads(qs) {
				if err := w.WriteQuad(q); err != nil {
					t.Fatal(err)
				}
			}
			w.Close()
			got := b.String()
			golden := strings.TrimSuffix(f, ".txt") + ".golden.nq"
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from extraction; diff with -update and review", golden)
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				sort.Strings(gl)
				sort.Strings(wl)
				showDiff(t, wl, gl)
			}
		})
	}
}

func showDiff(t *testing.T, want, got []string) {
	w := map[string]bool{}
	for _, l := range want {
		w[l] = true
	}
	g := map[string]bool{}
	for _, l := range got {
		g[l] = true
	}
	n := 0
	for _, l := range want {
		if !g[l] && n < 10 {
			t.Logf("- %s", l)
			n++
		}
	}
	for _, l := range got {
		if !w[l] && n < 20 {
			t.Logf("+ %s", l)
			n++
		}
	}
}

// TestConformance runs every registered extractor over odd inputs: output
// is deterministic, labelled with the statement, uses schema predicates,
// and nothing panics.
func TestConformance(t *testing.T) {
	g, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	known := map[quad.IRI]bool{}
	for _, term := range schema.Terms {
		known[term.IRI] = true
	}
	inputs := []string{"", " ", "\n\n\n", "We.", "We support", "so called", "China's", strings.Repeat("we support the Paris Agreement ", 200),
		"Mr. X (Romania): Romania aligns itself with the statement of the EU.", "\u201c\u201d\u2019s", "«Programme of Action»"}
	r := extract.NewRegistry()
	for _, name := range r.Names() {
		p, err := r.Build([]string{name}, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range inputs {
			st := func() *extract.Statement {
				return &extract.Statement{IRI: schema.StatementIRI("t.txt", 0), Path: "t.txt", Text: in}
			}
			a, b := p.Run(st()), p.Run(st())
			if len(a) != len(b) {
				t.Errorf("%s: not deterministic on %q", name, in)
			}
			for i, q := range a {
				if q != b[i] {
					t.Errorf("%s: not deterministic on %q", name, in)
					break
				}
				if q.Label != schema.StatementIRI("t.txt", 0) {
					t.Errorf("%s: quad %v not labelled with its statement", name, q)
				}
				if !known[q.Predicate.(quad.IRI)] {
					t.Errorf("%s: predicate %v not in schema", name, q.Predicate)
				}
			}
		}
	}
}

func BenchmarkPipeline(b *testing.B) {
	files, _ := filepath.Glob("testdata/golden/*.txt")
	p := pipeline(b)
	var sts []*extract.Statement
	size := 0
	for _, f := range files {
		fl, err := extract.ReadFile(f, extract.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for _, st := range fl.Statements {
			sts = append(sts, st)
			size += len(st.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, st := range sts {
			c := *st
			p.Run(&c)
		}
	}
}

// BenchmarkPipelineCorpus extracts 200 UN General Debate speeches from
// the shared corpus (skipped when ../shared/corpus is absent): the whole
// pipeline from cleaned text to sorted quads, one goroutine.
func BenchmarkPipelineCorpus(b *testing.B) {
	files, _ := filepath.Glob("../../shared/corpus/ungdc-2008-2022/*_7[0-4]_*.txt")
	if len(files) == 0 {
		b.Skip("../../shared/corpus not present")
	}
	if len(files) > 200 {
		files = files[:200]
	}
	p := pipeline(b)
	var sts []*extract.Statement
	size := 0
	for _, f := range files {
		fl, err := extract.ReadFile(f, extract.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for _, st := range fl.Statements {
			sts = append(sts, st)
			size += len(st.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, st := range sts {
			c := *st
			p.Run(&c)
		}
	}
}

// FuzzPipeline runs the whole analysis and every extractor on arbitrary
// text with a file name from the corpus conventions: no panic, every quad
// valid and labelled with the statement, claim offsets inside the text.
func FuzzPipeline(f *testing.F) {
	f.Add("Mr. Jinga (Romania): Romania aligns itself with the statement of the European Union.", "UNSC_SPV8699_2020_spch090_Romania.txt")
	f.Add("Statement by H.E. Ms. X, Permanent Representative of Chile\n\n14 December 2021\n\nWe support the Programme of Action. We do not support the so-called \"Y\".", "x.md")
	f.Add("China's Global Initiative on Data Security. Some countries condemn it. We welcome this initiative.", "CHN_76_2021.txt")
	f.Add("---\nspeaker: A\ndate: 2023-09-20\n---\n¿Qué? 🇨🇱 We call on Russia to end the war in Ukraine.", "b.txt")
	p := pipeline(f)
	f.Fuzz(func(t *testing.T, text, name string) {
		if len(text) > 1<<16 {
			t.Skip()
		}
		st := &extract.Statement{IRI: schema.StatementIRI(name, 0), Path: name, Text: text}
		qs := p.Run(st)
		n := utf8.RuneCountInString(text)
		for _, q := range qs {
			if !q.IsValid() || q.Label != st.IRI {
				t.Fatalf("bad quad %v", q)
			}
			if q.Predicate == schema.Start || q.Predicate == schema.End {
				v, err := strconv.Atoi(string(q.Object.(quad.TypedString).Value))
				if err != nil || v < 0 || v > n {
					t.Fatalf("offset %v outside the text of %d code points", q.Object, n)
				}
			}
		}
	})
}

// TestProposalRules checks who is credited with a proposal in sentences
// of the shapes the rules for owners, asides and shared subjects read,
// and other readings, each in a General Debate speech by Bulgaria
// (BGR_78_2023.txt).
func TestProposalRules(t *testing.T) {
	tests := []struct {
		text      string
		want, not []string
	}{
		{"Mexico, together with France, proposed resolution ES-11/2.",
			[]string{"Mexico proposes General Assembly resolution ES-11/2", "France proposes General Assembly resolution ES-11/2"},
			[]string{"Bulgaria proposes General Assembly resolution ES-11/2"}},
		{"Bulgaria welcomes efforts to increase transparency and is a co-sponsor of resolution 76/262.",
			[]string{"Bulgaria proposes General Assembly resolution 76/262 (veto initiative)"}, nil},
		{"Mexico welcomes efforts to increase transparency, but the co-sponsors of resolution 76/262 stand alone.",
			nil, []string{"Mexico proposes General Assembly resolution 76/262 (veto initiative)"}},
		{"Global Powers should convince New Delhi to accept Pakistan's offer of mutual restraint on strategic and conventional weapons.",
			[]string{"Pakistan proposes strategic restraint regime in South Asia"}, nil},
		{"Pakistan's comprehensive plan for recovery, rehabilitation and reconstruction with resilience, the 4RF Plan, was launched.",
			[]string{"Pakistan proposes 4RF Plan", "Pakistan supports 4RF Plan"}, nil},
		{"Pakistan's plan is ambitious, and the 4RF Plan needs funding.",
			nil, []string{"Pakistan proposes 4RF Plan"}},
		// An actor naming a proposal as its modifier proposes it; the
		// United Nations in a title does not.
		{"The Human Rights Council adopted OIC resolution 53/1 last July.",
			[]string{"Organisation of Islamic Cooperation proposes Human Rights Council resolution 53/1"}, nil},
		{"We support the United Nations programme of action on small arms.",
			nil, []string{"United Nations proposes Programme of Action on Small Arms and Light Weapons"}},
		{"We support the Uniting for Consensus group's proposal for expansion of the Council.",
			[]string{"Uniting for Consensus proposes Uniting for Consensus proposal on Security Council reform"}, nil},
		// Not about proposers: "appalled by X" is no passive with an
		// agent X, and a list of resolutions names each one.
		{"We are appalled by the increase of cyberattacks against critical infrastructure.",
			[]string{"Bulgaria opposes cyberattacks against critical infrastructure"}, nil},
		{"Bulgaria firmly supports international criminal justice, in particular the International Criminal Court.",
			[]string{"Bulgaria supports International Criminal Court"}, nil},
		{"We support resolutions 1325 (2000), 2250 (2015) and 2334 (2016).",
			[]string{"Bulgaria supports Security Council resolution 1325 (2000)", "Bulgaria supports Security Council resolution 2250 (2015)",
				"Bulgaria supports Security Council resolution 2334 (2016)"}, nil},
		// Examples of an object, however far after it: "in particular".
		{"We reaffirm our commitment to the two-State solution and international parameters, in particular Security Council resolutions 242 (1967) and 338 (1973).",
			[]string{"Bulgaria supports two-State solution", "Bulgaria supports Security Council resolution 242 (1967)",
				"Bulgaria supports Security Council resolution 338 (1973)"}, nil},
		// Verb forms of action names; a verb that is a cue of its own
		// keeps its object.
		{"Bulgaria supports efforts to reform the Security Council.",
			[]string{"Bulgaria supports Security Council reform"}, nil},
		{"We must reform the Security Council without further delay.",
			[]string{"Bulgaria supports Security Council reform"}, nil},
		{"We are committed to eradicating extreme poverty and to revitalizing the General Assembly.",
			[]string{"Bulgaria supports poverty eradication", "Bulgaria supports revitalization of the work of the General Assembly"}, nil},
		{"Africa needs to create jobs and eradicate extreme poverty.",
			nil, []string{"Bulgaria opposes poverty", "Africa opposes poverty"}},
		{"We respect the principles of self-determination and non-interference.",
			[]string{"Bulgaria supports right to self-determination"}, nil},
		// A general name split from the state it is about names the
		// specific entity, one per state.
		{"We reiterate our unwavering support for the sovereignty, territorial integrity and independence of Ukraine and Georgia.",
			[]string{"Bulgaria supports territorial integrity of Ukraine", "Bulgaria supports territorial integrity of Georgia"},
			[]string{"Bulgaria supports territorial integrity"}},
		{"We advocate continued humanitarian assistance to a destitute Afghan population.",
			[]string{"Bulgaria supports humanitarian assistance to Afghanistan"}, []string{"Bulgaria supports humanitarian assistance"}},
		{"Bulgaria welcomes the reconciliation process under way in South Sudan.",
			[]string{"Bulgaria supports South Sudan peace process"}, []string{"Bulgaria supports national reconciliation"}},
		{"Turning to Myanmar, we strongly condemn the military coup in the country.",
			[]string{"Bulgaria opposes 2021 military coup in Myanmar"}, []string{"Bulgaria opposes coups d'état"}},
		// A general name with no place of its own, in a sentence about
		// one state, is about that state; a state that speaks is not
		// the place.
		{"My country deplores the situation in Lebanon and calls for an immediate cessation of hostilities.",
			[]string{"Bulgaria supports ceasefire in Lebanon"}, []string{"Bulgaria supports ceasefire"}},
		{"Lebanon calls for an immediate ceasefire.",
			[]string{"Lebanon supports ceasefire"}, []string{"Lebanon supports ceasefire in Lebanon"}},
		{"We welcome the talks in Egypt and Qatar on a ceasefire.",
			nil, []string{"Bulgaria supports ceasefire in Lebanon"}},
		{"We support humanitarian assistance to all in need.",
			[]string{"Bulgaria supports humanitarian assistance"}, nil},
		// A broad topic judged as the subject of the sentence is a stance
		// target; named in passing after a weak cue it is not.
		{"Decisive climate action is a pressing global imperative.",
			[]string{"Bulgaria supports climate action"}, nil},
		{"We should discuss multilateralism.",
			nil, []string{"Bulgaria supports multilateralism"}},
		// The subject across an aside between commas.
		{"Estonia, as a small, export-dependent country, is an advocate of free trade.",
			[]string{"Estonia supports free trade"}, nil},
		// A relative clause's subject is the noun before it: a document
		// is nobody's stance, a state or the speaker's own description is.
		{"India has evaded the Security Council's resolutions, which call for a plebiscite in Jammu and Kashmir.",
			nil, []string{"Bulgaria supports Jammu and Kashmir dispute"}},
		{"Bulgaria is a country that respects freedom of expression.",
			[]string{"Bulgaria supports freedom of expression"}, nil},
		{"Bulgaria was among the 141 Member States that voted in favour of resolution ES-11/1.",
			[]string{"Bulgaria supports General Assembly resolution ES-11/1"}, nil},
		// An actor inside a prepositional phrase is no subject; "the
		// Government of X" stands for X.
		{"We applaud the efforts of the United Nations to promote good governance.",
			[]string{"Bulgaria supports good governance"}, []string{"United Nations supports good governance"}},
		{"We welcome the partnership between the United Nations and the African Union in support of peacekeeping.",
			[]string{"Bulgaria supports peacekeeping"}, []string{"African Union supports peacekeeping", "United Nations supports peacekeeping"}},
		{"The Government of Israel has rejected the Arab Peace Initiative.",
			[]string{"Israel opposes Arab Peace Initiative"}, []string{"Bulgaria opposes Arab Peace Initiative"}},
		{"We reiterate our demand that Iran put an end to its occupation of the three islands.",
			[]string{"Bulgaria opposes foreign occupation"}, []string{"Iran opposes foreign occupation"}},
		// A clause dated two or more years before the statement (2023
		// here) tells history; "since" a year still holds.
		{"In 2000, world leaders welcomed the Millennium Declaration.",
			nil, []string{"Bulgaria supports Millennium Development Goals"}},
		{"Since 2015, we have supported the Paris Agreement.",
			[]string{"Bulgaria supports Paris Agreement"}, nil},
		{"In 2022, we welcomed the Paris Agreement's review.",
			[]string{"Bulgaria supports Paris Agreement"}, nil},
		// The state one helps is no subject of what one helps it do.
		{"We hope that such a solution will help neighbourly Syria to achieve good governance.",
			[]string{"Bulgaria supports good governance"}, []string{"Syrian Arab Republic supports good governance"}},
		// Agreeing with a view supports what it says, not whom one
		// agrees with.
		{"We agree with the African Union that the Paris Agreement must be implemented.",
			[]string{"Bulgaria supports Paris Agreement"}, []string{"Bulgaria supports African Union"}},
		{"We share the view that mediation should be the tool of preference.",
			[]string{"Bulgaria supports mediation"}, nil},
		// A semicolon between names separates list items, not clauses.
		{"We respect the principles of the non-use of force, self-determination; sovereignty and territorial integrity, non-interference in the internal affairs of States.",
			[]string{"Bulgaria supports territorial integrity", "Bulgaria supports non-interference in internal affairs"}, nil},
		{"We support the Paris Agreement; however, others oppose human rights.",
			[]string{"Bulgaria supports Paris Agreement"}, []string{"Bulgaria supports human rights"}},
		// The support of X is X's: nobody takes a stance on X. In
		// support of X is a stance on it.
		{"With the support of the World Bank, we held a donor conference on the Paris Agreement.",
			nil, []string{"Bulgaria supports World Bank"}},
		{"We deployed troops in support of the African Union Mission in Somalia.",
			[]string{"Bulgaria supports African Union Mission in Somalia"}, nil},
		// A cue inside a title is part of the name.
		{"Gabon has established the National Commission for the Fight against Illicit Enrichment to ensure good governance.",
			nil, []string{"Bulgaria opposes good governance"}},
		// A threat cue takes a position only on a harm someone authors:
		// describing what climate change threatens takes none, and the
		// Charter is no threat.
		{"Climate change is a threat multiplier, and terrorism remains a serious threat to peace.",
			[]string{"Bulgaria opposes terrorism"}, []string{"Bulgaria opposes climate change"}},
		// A hazard nobody authors takes no side: all would combat
		// poverty or climate change. A harm someone commits does.
		{"We must combat climate change and poverty, and fight terrorism.",
			[]string{"Bulgaria opposes terrorism"}, []string{"Bulgaria opposes climate change", "Bulgaria opposes poverty"}},
		{"The United Nations was founded to save succeeding generations from the scourge of war, as the Preamble of the Charter of the United Nations says.",
			nil, []string{"Bulgaria opposes United Nations Charter"}},
		// An explicit cue governs through a weak one that opens its
		// object; one that turns the stance does not chain.
		{"Bulgaria is a staunch supporter of further strengthening the global nuclear disarmament and non-proliferation architecture.",
			[]string{"Bulgaria supports nuclear disarmament and non-proliferation"}, nil},
		// The head of a long subject counts, and a name a preposition
		// attaches to it; a name that modifies a common noun is no head.
		{"Allocating at least one additional non-permanent seat to the Group of Eastern European States in a future reformed Security Council remains a priority for us.",
			[]string{"Bulgaria supports additional non-permanent Security Council seat for the Eastern European Group", "Bulgaria supports Security Council reform"}, nil},
		{"An African Union action plan to fight human trafficking is an important stage in efforts to counter contemporary forms of slavery.",
			nil, []string{"Bulgaria supports African Union"}},
		{"Following on from the Bridgetown Initiative, the Paris Summit opened the debate on a New Global Financing Pact, launched by the French President and the Prime Minister of Barbados.",
			nil, []string{"Barbados supports Bridgetown Initiative"}},
		// Opposing a harm with an opposite upholds the opposite; a
		// second object of the cue after "and to" counts.
		{"We call on all parties to refrain from the use of force and to resume direct negotiations leading to a fair and sustainable two-State solution.",
			[]string{"Bulgaria supports prohibition of the threat or use of force", "Bulgaria supports two-State solution"}, []string{"Bulgaria opposes use of force"}},
		// "Illegal" before or inside a name takes a side against it; a
		// term of art ("illegal migration") and "illegal under
		// international law" do not.
		{"The illegal, unjust and inhumane blockade against Cuba hurts its people, and India keeps troops in illegally occupied Jammu and Kashmir.",
			[]string{"Bulgaria opposes embargo against Cuba", "Bulgaria opposes Indian occupation of Jammu and Kashmir"}, nil},
		{"Threats include illegal migration, terrorism and violent extremism; settlements are illegal under international law.",
			nil, []string{"Bulgaria opposes irregular migration", "Bulgaria opposes terrorism", "Bulgaria opposes international law"}},
		{"Leaders committed themselves to gender equality as effective ways to combat terrorism and to stimulate truly sustainable development.",
			nil, []string{"Bulgaria opposes sustainable development"}},
		{"Sustaining peace must always be at the top of our agenda, and our priorities will include expanding access to climate finance.",
			[]string{"Bulgaria supports climate finance"}, nil},
		// A consensus good gets no supports edge; it may be opposed.
		{"Bulgaria is committed to the United Nations and upholds international law and the Paris Agreement.",
			[]string{"Bulgaria supports Paris Agreement"}, []string{"Bulgaria supports United Nations", "Bulgaria supports international law"}},
		// Contractions: a cue or trigger with an apostrophe matches as
		// the text is tokenised, straight or curly.
		{"What’s needed is veto reform, and we don’t support the Paris Agreement.",
			[]string{"Bulgaria supports Security Council reform", "Bulgaria opposes Paris Agreement"}, []string{"Bulgaria supports Paris Agreement"}},
		// A possessive between two cues names whose act it is: what is
		// commended is what was adopted.
		{"I commend the Security Council’s adoption of Resolution 2719.",
			[]string{"Bulgaria supports Security Council resolution 2719 (2023)"}, nil},
		// A passive cue after "this resolution" looks back for it, and
		// its agents may be a list.
		{"We welcome resolution 2719 (2023). Aligned with the New Agenda for Peace, this resolution—jointly proposed by Gabon, Ghana, and Mozambique—now is a pillar of peace.",
			[]string{"Gabon proposes Security Council resolution 2719 (2023)", "Ghana proposes Security Council resolution 2719 (2023)", "Mozambique proposes Security Council resolution 2719 (2023)"},
			[]string{"Gabon proposes New Agenda for Peace"}},
		// Owners and title words are no object: what the efforts aim
		// at is. Markdown emphasis is no word.
		{"I take this opportunity to support the UN Secretary-General’s efforts to achieve a realistic, pragmatic, and lasting political solution on the **Moroccan Sahara**.",
			[]string{"Bulgaria supports political solution to the question of Western Sahara"}, nil},
		{"We support the African Union Peace Fund and the Organization for Security and Co-operation in Europe's monitors.",
			nil, []string{"Bulgaria supports African Union", "Bulgaria supports Organization for Security and Co-operation in Europe"}},
		// "It is indispensable." takes up the last sentence's name.
		{"Without UNRWA, there is no healthcare and no food. It is indispensable.",
			[]string{"Bulgaria supports United Nations Relief and Works Agency for Palestine Refugees in the Near East"}, nil},
		{"The Paris Agreement was adopted. It is essential that we build roads.",
			nil, []string{"Bulgaria supports Paris Agreement"}},
		// Refusing to allow X opposes X, unless X is the subject of what
		// is refused; a breach named as what must be absent upholds the
		// principle.
		{"Bulgaria will not allow the deployment of foreign bases on its territory, and we do not allow the Paris Agreement to fail.",
			[]string{"Bulgaria opposes foreign military bases"}, []string{"Bulgaria opposes Paris Agreement"}},
		{"The problems of the region must be addressed by its countries without interference from external Powers.",
			[]string{"Bulgaria supports non-interference in internal affairs"}, nil},
		// A resolution the gazetteer lacks is a node by its symbol:
		// "NNNN (YYYY)" is the Security Council's, "SS/NNN" the
		// Assembly's unless another body is named.
		{"We support resolution 2378 (2017), General Assembly resolution 99/999 and Human Rights Council resolution 16/18.",
			[]string{"Bulgaria supports Security Council resolution 2378 (2017)", "Bulgaria supports General Assembly resolution 99/999", "Bulgaria supports Human Rights Council resolution 16/18"}, nil},
		// A proposal that would harm is opposed; nuclear weapons as
		// the worst threat make a stance for disarmament.
		{"Adding additional permanent members to the Security Council would further erode its credibility, and nuclear weapons continue to represent the worst threat to humankind.",
			[]string{"Bulgaria opposes new permanent members of the Security Council", "Bulgaria supports nuclear disarmament"}, nil},
		{"The Paris Agreement erodes nothing.",
			nil, []string{"Bulgaria opposes Paris Agreement"}},
		// A relative clause refers back: its subject proposes, or a
		// passive's agent does.
		{"We must take the right steps, including by adopting an international pact for the environment, which has been proposed by France.",
			[]string{"France proposes Global Pact for the Environment"}, nil},
		{"We welcome Security Council resolution 2378 (2017), which we introduced, and the Paris Agreement, which introduced new rules.",
			[]string{"Bulgaria proposes Security Council resolution 2378 (2017)"}, []string{"Bulgaria proposes Paris Agreement"}},
		{"A comprehensive reform of the Security Council, which Pakistan supports, should enhance its legitimacy, and resolution 70/5, which calls for the lifting of the embargo, deserves support.",
			[]string{"Pakistan supports Security Council reform"}, []string{"Bulgaria opposes General Assembly resolution 70/5"}},
		{"It affirmed the aspiration contained in the Universal Declaration of Human Rights that we should strive for a world free of fear.",
			nil, []string{"Bulgaria supports Universal Declaration of Human Rights"}},
		// Naming a case in condemning words ("aggression", "blockade")
		// is a stance; the general notion discussed is not.
		{"Ongoing military aggression in eastern Ukraine continues, and foreign occupation is a root cause of terrorism.",
			[]string{"Bulgaria opposes war in Ukraine"}, []string{"Bulgaria opposes foreign occupation"}},
		{"Terrorism and the proliferation of weapons of mass destruction remain existential threats, and the Global Counter-Terrorism Strategy remains paramount; we have consistently stood up for the right of self-determination.",
			[]string{"Bulgaria opposes nuclear proliferation", "Bulgaria supports United Nations Global Counter-Terrorism Strategy", "Bulgaria supports right to self-determination"}, nil},
		// A listed subject is praised whole; a list of threats is
		// description.
		{"The Global Counter-Terrorism Strategy and the Plan of Action to Prevent Violent Extremism remain paramount.",
			[]string{"Bulgaria supports United Nations Global Counter-Terrorism Strategy", "Bulgaria supports prevention of violent extremism"}, nil},
		// Deploring someone's withdrawal from X supports X.
		{"We deplore the withdrawal of the United States from the Joint Comprehensive Plan of Action.",
			[]string{"Bulgaria supports Joint Comprehensive Plan of Action"}, []string{"Bulgaria opposes Joint Comprehensive Plan of Action"}},
		// Regret opposes its object, not a clause it introduces; a harm
		// is named as a harm.
		{"We firmly oppose any attempt to militarize outer space, we regret Russia's withdrawal from the Black Sea Grain Initiative, and we regret that the Paris Agreement was not implemented.",
			[]string{"Bulgaria opposes weaponization of outer space", "Bulgaria supports Black Sea Grain Initiative"}, []string{"Bulgaria opposes Paris Agreement", "Bulgaria opposes outer space security"}},
		{"The Arms Trade Treaty is a landmark achievement, and the Black Sea Grain Initiative must be renewed.",
			[]string{"Bulgaria supports Arms Trade Treaty", "Bulgaria supports Black Sea Grain Initiative"}, nil},
		{"Israeli settlements constitute a flagrant violation of international law and are an obstacle to peace; the embargo against Cuba must end, and terrorism has no justification.",
			[]string{"Bulgaria opposes Israeli settlements", "Bulgaria opposes embargo against Cuba", "Bulgaria opposes terrorism"}, nil},
		{"We echo the African Union's call for debt relief.",
			[]string{"Bulgaria supports debt relief for developing countries", "African Union supports debt relief for developing countries"}, nil},
		// Concern about a lack of progress on X is support for X.
		{"We are deeply concerned about the lack of progress on the two-State solution.",
			[]string{"Bulgaria supports two-State solution"}, []string{"Bulgaria opposes two-State solution"}},
		// An opening "with X," leaves the name after the comma the
		// subject.
		{"Together with Norway, Kenya launched the Global Development Initiative.",
			[]string{"Kenya proposes Global Development Initiative"}, nil},
		{"We support ending the occupation of Palestinian territory.",
			[]string{"Bulgaria opposes Israeli occupation of Palestinian territory"}, []string{"Bulgaria supports Israeli occupation of Palestinian territory"}},
		// Two nouns sharing one "of" object are governed by the cue
		// before them.
		{"We are fully committed to the protection and promotion of human rights.",
			[]string{"Bulgaria supports human rights"}, nil},
		// A second infinitive has a verb of its own; a second "to" object
		// belongs to the same cue.
		{"We are at the forefront of efforts to fight terrorism and to provide humanitarian assistance.",
			[]string{"Bulgaria opposes terrorism"}, []string{"Bulgaria opposes humanitarian assistance"}},
		{"We are committed to international humanitarian law and to the prevention of conflicts.",
			[]string{"Bulgaria supports conflict prevention"}, nil},
		// "fight" and "tackle" take harms; what describes the object is
		// no second object.
		{"We must tackle corruption, but tackling the Sustainable Development Goals takes money.",
			[]string{"Bulgaria opposes corruption"}, []string{"Bulgaria opposes Sustainable Development Goals"}},
		{"We help banks to fight slavery, one of the major organized crime models of our time.",
			[]string{"Bulgaria opposes modern slavery"}, []string{"Bulgaria opposes transnational organized crime"}},
		// A modal makes a weak verb advocacy, which may take a broad
		// topic; "realize that" is understanding.
		{"We need to strengthen multilateralism, and Bulgaria has long advocated for a two-State solution.",
			[]string{"Bulgaria supports multilateralism", "Bulgaria supports two-State solution"}, nil},
		{"Bulgaria wants to strengthen multilateralism.",
			nil, []string{"Bulgaria supports multilateralism"}},
		{"We need to realize that disrespect for international law endangers us all.",
			nil, []string{"Bulgaria opposes international law"}},
		// A name matches with an article the gazetteer's name lacks.
		{"We welcome the Joint United Nations-African Union Framework for an Enhanced Partnership in Peace and Security.",
			[]string{"Bulgaria supports UN-AU Partnership on Peace and Security"}, nil},
		// A name that opens with a verb of fighting is read as the verb
		// and its object where a verb can stand; a hazard keeps the
		// name of what is done about it.
		{"We must combat terrorism, and we support the fight against terrorism.",
			[]string{"Bulgaria opposes terrorism", "Bulgaria supports counter-terrorism"}, nil},
		{"The SDGs give us the impetus needed to eradicate poverty and create inclusive and sustainable development for all.",
			nil, []string{"Bulgaria opposes sustainable development"}},
		// "are against" needs an actor as its subject.
		{"It is clear that we are against colonization, and this is against international law.",
			[]string{"Bulgaria opposes colonialism"}, []string{"Bulgaria opposes international law"}},
		// "not allow X to prevail" opposes X, "not allow X to be
		// undermined" supports it, and what follows the infinitive is
		// its object.
		{"We cannot allow unilateralism to prevail over multilateralism, and we must not allow the JCPOA to be undermined.",
			[]string{"Bulgaria opposes unilateralism", "Bulgaria supports Joint Comprehensive Plan of Action"},
			[]string{"Bulgaria opposes multilateralism", "Bulgaria opposes Joint Comprehensive Plan of Action"}},
		// "we need X" advocates X; "we need to" is a modal.
		{"We need more multilateralism, and peacekeeping reform must continue.",
			[]string{"Bulgaria supports multilateralism", "Bulgaria supports peacekeeping"}, nil},
		// Before a relative pronoun, the subject is the word it stands
		// for.
		{"We call on all parties to respect international humanitarian law and refrain from any acts that violate their obligations, and we will develop a social protection network that is essential.",
			[]string{"Bulgaria supports social protection"}, []string{"Bulgaria opposes international humanitarian law"}},
		// A participle in the passive with no agent judges its subject;
		// "is committed to" stays active.
		{"Russia's military incursion into Ukraine can only be condemned as a flagrant violation of the Charter.",
			[]string{"Bulgaria opposes war in Ukraine"}, nil},
		{"Bulgaria has been committed for years to multilateralism.",
			[]string{"Bulgaria supports multilateralism"}, nil},
		// A clause of its own ends an object list; concern about a
		// practice is no support for what it invokes.
		{"The Council must ensure full compliance with the Charter of the United Nations, especially when the right of self-defence is invoked, and Bulgaria reiterates its concern about the invoking of Article 51 of the Charter.",
			[]string{"Bulgaria supports United Nations Charter"}, []string{"Bulgaria supports right of self-defence"}},
		// A clause of reason or time before the first name, or a model
		// named for comparison, leaves the cue without that object.
		{"We cannot accept the suggestion of failure, especially after the mixed outcome of the Millennium Development Goals, and I proposed a regional coalition, modelled on the United Nations Global Counter-Terrorism Strategy.",
			nil, []string{"Bulgaria opposes Millennium Development Goals", "Bulgaria proposes United Nations Global Counter-Terrorism Strategy"}},
		// A generic alias completed by another name is that name.
		{"We support ongoing work for a legally binding instrument on biodiversity beyond national jurisdiction.",
			[]string{"Bulgaria supports BBNJ Agreement"}, []string{"Bulgaria supports legally binding instrument on ICTs"}},
		{"We are committed to the policy of good-neighbourliness, and we oppose double standards and the use of mercenaries.",
			[]string{"Bulgaria supports good-neighbourliness", "Bulgaria opposes double standards", "Bulgaria opposes use of mercenaries"}, nil},
		// Condemning an act against a principle upholds it; a harm
		// named on its own is no principle.
		{"Bulgaria condemns any military action by any State against the independence, sovereignty and territorial integrity of another State, and we welcome the framework for the elimination of Syrian chemical weapons.",
			[]string{"Bulgaria supports territorial integrity", "Bulgaria opposes use of chemical weapons in Syria"},
			[]string{"Bulgaria opposes territorial integrity", "Bulgaria opposes accountability for chemical weapons use in Syria"}},
		// "signed between A and B" names parties, not an object.
		{"The two memorandums of understanding signed between the Government of Turkey and the Head of the Government of National Accord in Tripoli worry us.",
			nil, []string{"Bulgaria supports Head of the Government of National Accord in Tripoli"}},
		// A generic alias of a cyber entity needs cyber talk around it;
		// a participle after a noun describes the noun.
		{"We support the adoption of a legally binding international instrument on pandemic prevention, and we call on Iran to deploy confidence-building measures; the Summit had a session dedicated to the digital transformation.",
			nil, []string{"Bulgaria supports legally binding instrument on ICTs", "Bulgaria supports confidence-building measures in cyberspace", "Bulgaria supports digital transformation"}},
		{"In the OEWG on ICT security, we support confidence-building measures and oppose a legally binding instrument.",
			[]string{"Bulgaria supports confidence-building measures in cyberspace", "Bulgaria opposes legally binding instrument on ICTs"}, nil},
		// "practice" is a verb only after a modal.
		{"We should practice true multilateralism, and we firmly reject the practice of unilateral coercive measures.",
			[]string{"Bulgaria supports multilateralism", "Bulgaria opposes unilateral coercive measures"}, nil},
		// "so-called" doubts the words right after it.
		{"Other so-called frozen conflicts in Abkhazia, Transnistria and Nagorno Karabakh should be resolved peacefully, unlike the so-called Programme of Action.",
			[]string{"Bulgaria opposes Programme of Action"}, []string{"Bulgaria opposes settlement of the Transnistrian conflict"}},
		// What another must do is what the speaker asks for.
		{"The United Nations must take a firm stand against unilateral coercive measures, and Israel should end the occupation of Palestinian territory.",
			[]string{"Bulgaria opposes unilateral coercive measures", "Bulgaria opposes Israeli occupation of Palestinian territory"},
			[]string{"United Nations opposes unilateral coercive measures", "Israel opposes Israeli occupation of Palestinian territory"}},
		// An example is violated as its head is; a trend is nobody's
		// stance; "so-called" before a region or a plain topic doubts no
		// proposal.
		{"Bulgaria condemns all violations of international law, including international humanitarian law. Global opposition to gender equality is on the rise, and the problems of the so-called Global South are ours.",
			[]string{"Bulgaria supports international humanitarian law"},
			[]string{"Bulgaria opposes international humanitarian law", "Bulgaria opposes gender equality", "Bulgaria opposes Global South"}},
		// A subject compared with others ("like the EU") holds the
		// stance with them.
		{"In the longer term, Bulgaria – like the European Union and the United States – believes in the idea of a two-State solution.",
			[]string{"Bulgaria supports two-State solution", "European Union supports two-State solution", "United States supports two-State solution"}, nil},
		// A donor's own aid is no proposal of its.
		{"Monaco's official development assistance will increase, and we call on all developed countries to meet the 0.7 per cent target.",
			[]string{"Bulgaria supports official development assistance"}, []string{"Monaco proposes official development assistance"}},
		// Proposes edges need a proposer and a proposal: not a participle
		// describing a noun, a "he", what a proposal is for, or "our"
		// before an agenda that is everyone's.
		{"Our position on the proposed fissile material cut-off treaty is known; we endorse the theme he has proposed, namely the post-2015 development agenda; we have proposed ideas for reform of the Security Council; our post-2015 agenda must be ambitious.",
			[]string{"Bulgaria supports Security Council reform"},
			[]string{"Bulgaria proposes fissile material cut-off treaty", "Bulgaria proposes post-2015 development agenda", "Bulgaria proposes Security Council reform"}},
		// A relative clause with an auxiliary is still its antecedent's;
		// opposing an attempt to violate a principle upholds it.
		{"Some countries support forces in Libya that have rejected Security Council resolution 1970 (2011), and Bulgaria cannot accept any attempt to violate the territorial integrity of any State.",
			[]string{"Bulgaria supports territorial integrity"},
			[]string{"Bulgaria opposes Security Council resolution 1970 (2011)", "Libya opposes Security Council resolution 1970 (2011)", "Bulgaria opposes territorial integrity"}},
		{"We must commit to a rules-based approach, avoiding unilateral actions that violate the Charter of the United Nations.",
			nil, []string{"Bulgaria opposes United Nations Charter"}},
		// "the future we want" is a relative clause; "we need X" after a
		// comma or a dash is not; a name in an "as" clause or a pronoun
		// subject is no subject of an evaluation.
		{"The outcome document, entitled \"The future we want\", identified poverty eradication as a challenge. In a globalized world we need a stronger World Trade Organization. The shortage of solutions as the United Nations celebrates its anniversary is alarming. The Transforming Education Summit was a reminder that we must continue to fight for education.",
			[]string{"Bulgaria supports World Trade Organization"},
			[]string{"Bulgaria supports poverty eradication", "Bulgaria opposes United Nations", "Bulgaria supports Transforming Education Summit"}},
		{"Access to funding mechanisms such as the Green Climate Fund is of critical importance to us.",
			[]string{"Bulgaria supports Green Climate Fund"}, nil},
		// An appositive verdict ("the only solution that can work"); a
		// draft resolution "for" a named week or decade proposes it.
		{"We aim at reaching the two-State solution, the only solution that can work, and we will introduce a draft resolution for an International Decade of Volcano Science.",
			[]string{"Bulgaria supports two-State solution", "Bulgaria proposes International Decade of Volcano Science"}, nil},
		// Copular evaluation of a subject, through an inverter.
		{"The violations of international humanitarian law are alarming, and the eradication of poverty is urgent.",
			[]string{"Bulgaria supports international humanitarian law", "Bulgaria supports poverty eradication"},
			[]string{"Bulgaria opposes international humanitarian law"}},
		{"We stand for the principle of non-interference, and we are against the use of chemical weapons.",
			[]string{"Bulgaria supports non-interference in internal affairs", "Bulgaria opposes use of chemical weapons"}, nil},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), "BGR_78_2023.txt")
		if err := os.WriteFile(p, []byte(tt.text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, qs := extractFile(t, p)
		got := edges(t, qs)
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("%q: missing %q (got %v)", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			if got[n] {
				t.Errorf("%q: unwanted %q", tt.text, n)
			}
		}
	}
}

// TestReportedPerActor checks that in a shared subject only the other
// actor's stance is reported: the speaker's own is asserted.
func TestReportedPerActor(t *testing.T) {
	p := filepath.Join(t.TempDir(), "PRT_76_2021.txt")
	text := "Portugal and the European Union stand with multilateralism.\n"
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sts, _ := extractFile(t, p)
	var sx *extract.StanceExtractor
	for _, x := range pipeline(t).Extractors {
		if s, ok := x.(*extract.StanceExtractor); ok {
			sx = s
		}
	}
	got := map[string]string{}
	for _, s := range sx.Stances(sts[0]) {
		got[s.Actor.Entity.Label] = s.Modality
	}
	want := map[string]string{"Portugal": extract.ModAsserted, "European Union": extract.ModReported}
	if len(got) != len(want) || got["Portugal"] != want["Portugal"] || got["European Union"] != want["European Union"] {
		t.Errorf("modalities %v, want %v", got, want)
	}
}

// TestAnachronism checks that an entity that did not exist yet in the
// statement's year is no stance target: "Goal 4" in 2010 is a
// Millennium goal, in 2023 a Sustainable Development Goal.
func TestAnachronism(t *testing.T) {
	for name, want := range map[string]bool{"UGA_65_2010.txt": false, "UGA_78_2023.txt": true} {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte("Uganda will achieve Goal 4.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, qs := extractFile(t, p)
		if got := edges(t, qs)["Uganda supports SDG 4: Quality education"]; got != want {
			t.Errorf("%s: supports SDG 4 = %v, want %v", name, got, want)
		}
	}
}
