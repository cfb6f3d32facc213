package turns

import (
	"os"
	"strings"
	"testing"
)

// A part of a test record: a verbatim speech from testdata, or a
// procedural line as the corpus left out (it keeps no one-liners).
type part struct {
	file string // testdata file, or "" for line
	line string
	want Turn // Speaker, Delegation, OnBehalfOf and Procedural checked
}

// S/PV.8699 in meeting order, with the President's one-liners restored.
var spv8699 = []part{
	{file: "UNSC_SPV8699_2020_spch001_President.txt", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8699_2020_spch002_UN-SecretaryGeneral.txt", want: Turn{Speaker: "The Secretary-General"}},
	{line: "The President: I thank the Secretary-General for his briefing. I now give the floor to Mrs. Robinson.", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8699_2020_spch004_TheElders.txt", want: Turn{Speaker: "Mrs. Robinson"}},
	{file: "UNSC_SPV8699_2020_spch005_President.txt", want: Turn{Speaker: "The President", Delegation: "Viet Nam"}},
	{file: "UNSC_SPV8699_2020_spch022_President.txt", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8699_2020_spch037_President.txt", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8699_2020_spch038_Japan.txt", want: Turn{Speaker: "Mr. Ishikane", Delegation: "Japan"}},
	{line: "The President: I now give the floor to the representative of the Syrian Arab Republic.", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8699_2020_spch042_Syrian-Arab-Republic.txt", want: Turn{Speaker: "Mr. Ja'afari", Delegation: "Syrian Arab Republic"}},
	{line: "The President: I now give the floor to the representative of the Philippines.", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8699_2020_spch086_Philippines.txt", want: Turn{Speaker: "Mrs. Azucena", Delegation: "Philippines", OnBehalfOf: "10 States members of the Association of Southeast Asian Nations"}},
	{line: "The President: I now give the floor to the representative of Romania.", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8699_2020_spch090_Romania.txt", want: Turn{Speaker: "Mr. Jinga", Delegation: "Romania"}},
	{line: "The President: I now give the floor to the Head of the Delegation of the European Union to the United Nations.", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8699_2020_spch092_EU.txt", want: Turn{Speaker: "Mr. Skoog", Delegation: "European Union", OnBehalfOf: "European Union"}},
	{line: "The President: I now give the floor to the representative of Norway.", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8699_2020_spch098_Norway.txt", want: Turn{Speaker: "Ms. Juul", Delegation: "Norway", OnBehalfOf: "Nordic countries"}},
}

// S/PV.8698: the briefer, a speech in French, the President's statement
// in his national capacity.
var spv8698 = []part{
	{file: "UNSC_SPV8698_2020_spch003_President.txt", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8698_2020_spch004_SRSG-UNOWAS.txt", want: Turn{Speaker: "Mr. Chambas"}},
	{line: "The President: I thank Mr. Chambas for his briefing. I shall now give the floor to the members of the Council who wish to make statements.", want: Turn{Speaker: "The President", Procedural: true}},
	{file: "UNSC_SPV8698_2020_spch006_Niger.txt", want: Turn{Speaker: "Mr. Abarry", Delegation: "Niger"}},
	{file: "UNSC_SPV8698_2020_spch020_President.txt", want: Turn{Speaker: "The President", Delegation: "Viet Nam"}},
	{line: "The President: There are no more names inscribed on the list of speakers. The meeting rose at 12.05 p.m.", want: Turn{Speaker: "The President", Procedural: true}},
}

// record joins the parts with newlines, as a verbatim record's text
// has them, and returns each part's text after its label.
func record(t testing.TB, parts []part) (string, []string) {
	t.Helper()
	var b strings.Builder
	var bodies []string
	for _, p := range parts {
		text := p.line
		if p.file != "" {
			raw, err := os.ReadFile("testdata/" + p.file)
			if err != nil {
				t.Fatal(err)
			}
			text = string(raw)
		}
		text = strings.TrimSpace(text)
		_, body, _ := strings.Cut(text, ": ")
		bodies = append(bodies, strings.TrimSpace(body))
		b.WriteString(text)
		b.WriteString("\n")
	}
	return b.String(), bodies
}

func TestSplitRecords(t *testing.T) {
	for name, parts := range map[string][]part{"S/PV.8699": spv8699, "S/PV.8698": spv8698} {
		t.Run(name, func(t *testing.T) {
			text, bodies := record(t, parts)
			got := Split(text)
			if len(got) != len(parts) {
				t.Fatalf("%d turns, want %d", len(got), len(parts))
			}
			for i, tu := range got {
				w := parts[i].want
				if tu.N != i+1 || tu.Speaker != w.Speaker || tu.Delegation != w.Delegation || tu.OnBehalfOf != w.OnBehalfOf || tu.Procedural != w.Procedural {
					t.Errorf("turn %d = {N:%d Speaker:%q Delegation:%q OnBehalfOf:%q Procedural:%v}, want {Speaker:%q Delegation:%q OnBehalfOf:%q Procedural:%v}",
						i+1, tu.N, tu.Speaker, tu.Delegation, tu.OnBehalfOf, tu.Procedural, w.Speaker, w.Delegation, w.OnBehalfOf, w.Procedural)
				}
				if body := text[tu.Start:tu.End]; body != bodies[i] {
					t.Errorf("turn %d body = %.60q..., want %.60q...", i+1, body, bodies[i])
				}
				if !strings.HasPrefix(text[tu.HeaderStart:], w.Speaker) {
					t.Errorf("turn %d: label at %d is %.30q", i+1, tu.HeaderStart, text[tu.HeaderStart:])
				}
			}
			checkOffsets(t, text, got)
		})
	}
}

// checkOffsets checks that turns are in range, in order and apart.
func checkOffsets(t *testing.T, text string, ts []Turn) {
	t.Helper()
	prev := 0
	for i, tu := range ts {
		if tu.N != i+1 || tu.HeaderStart < prev || tu.Start < tu.HeaderStart || tu.End < tu.Start || tu.End > len(text) {
			t.Fatalf("turn %d offsets %d/%d..%d out of order (previous end %d, len %d)", i+1, tu.HeaderStart, tu.Start, tu.End, prev, len(text))
		}
		prev = tu.End
	}
}

func TestSplit(t *testing.T) {
	type want struct{ speaker, delegation, body string }
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"ocr noise", "Mr. Jinga (Romania) : Romania aligns itself.\nMr.  Skoog  (European Union):I speak for the EU.\nMs. X (United States of America):Thank you.",
			[]want{{"Mr. Jinga", "Romania", "Romania aligns itself."}, {"Mr. Skoog", "European Union", "I speak for the EU."}, {"Ms. X", "United States of America", "Thank you."}}},
		{"indented labels in paragraphs", "S/PV.8699\n\n  Mr. Abarry (Niger) (spoke in French): We thank you.\n\n  The Acting President: I give the floor to the representative of Chile.\n\n  Mr. Rivas: Chile thanks you.",
			[]want{{"Mr. Abarry", "Niger", "We thank you."}, {"The Acting President", "", "I give the floor to the representative of Chile."}, {"Mr. Rivas", "Chile", "Chile thanks you."}}},
		{"transcript headings", "OEWG, second session, meeting 3\n\nCHAIR:\nI give the floor to China.\n\nChina:\nThank you, Chair. China supports the proposal.\n\nUnited States of America:\nWe disagree.\n",
			[]want{{"CHAIR", "", "I give the floor to China."}, {"China", "China", "Thank you, Chair. China supports the proposal."}, {"United States of America", "United States of America", "We disagree."}}},
		{"speaker lines", "Speaker: Mr. Lee (Singapore)\nSingapore supports the Chair.\nSpeaker: Brazil\nBrazil agrees.",
			[]want{{"Mr. Lee", "Singapore", "Singapore supports the Chair."}, {"Brazil", "Brazil", "Brazil agrees."}}},
		{"lead text kept", strings.Repeat("Our speech goes on. ", 12) + "\nThe Acting President: On behalf of the General Assembly, I thank the President.",
			[]want{{"", "", strings.TrimSpace(strings.Repeat("Our speech goes on. ", 12))}, {"The Acting President", "", "On behalf of the General Assembly, I thank the President."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.text)
			if len(got) != len(tt.want) {
				t.Fatalf("%d turns, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Speaker != w.speaker || g.Delegation != w.delegation || tt.text[g.Start:g.End] != w.body {
					t.Errorf("turn %d = %q %q %q, want %q %q %q", i+1, g.Speaker, g.Delegation, tt.text[g.Start:g.End], w.speaker, w.delegation, w.body)
				}
			}
			checkOffsets(t, tt.text, got)
		})
	}
}

// TestSingleStatement: a speech that salutes the chair is no record.
func TestSingleStatement(t *testing.T) {
	for _, text := range []string{
		"Mr. President:\n\nAllow me to congratulate you, Mr. President: your election is well deserved.\nMr. Chairman:\nWe thank the Secretary-General: his report is clear.",
		"Mr. President,\n\nMy delegation aligns itself with the statement of the Group of 77.\n\nMr. Secretary-General: thank you.",
		"Colleagues:\n\nWe thank:\n\nthe Chair and the Secretariat.\n\nLadies and Gentlemen:\n\nThank you.",
		"Excellencies:\nWe support reforms on three principal tracks:\nfirst, peace.",
		"",
	} {
		if got := Split(text); got != nil {
			t.Errorf("Split(%.40q...) = %d turns, first %q, want nil", text, len(got), got[0].Speaker)
		}
	}
	// One label: one turn, the whole statement.
	text := "Mr. Jinga (Romania): Mr. President: Romania aligns itself with the European Union."
	got := Split(text)
	if len(got) != 1 || text[got[0].Start:got[0].End] != "Mr. President: Romania aligns itself with the European Union." {
		t.Errorf("Split = %+v", got)
	}
}

func FuzzSplit(f *testing.F) {
	text, _ := record(f, spv8698)
	f.Add(text)
	f.Add("CHAIR:\nI give the floor to China.\nChina:\nThanks.\n")
	f.Add("Speaker: Mr. Lee (Singapore (x))\nx")
	f.Add("Mr. A ((B)) (spoke in French) :\n\nThe President:")
	f.Fuzz(func(t *testing.T, text string) {
		ts := Split(text)
		checkOffsets(t, text, ts)
		if len(ts) > 0 && ts[0].HeaderStart < 0 {
			t.Fatal("negative offset")
		}
	})
}
