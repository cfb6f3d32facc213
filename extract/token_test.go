package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // Norm of each token, space separated
	}{
		{"China's Global Initiative", "china 's global initiative"},
		{"the so-called \u201calliance\u201d", "the so called \" alliance \""},
		{"resolution 75/240.", "resolution 75/240 ."},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"Türkiye and COVID-19", "turkiye and covid 19"},
		{"G-77 and China", "g 77 and china"},
		{"  ", ""},
		{"Members' rights", "members ' rights"},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in)
		var got []string
		for _, tk := range toks {
			got = append(got, tk.Norm)
			if tk.Start < 0 || tk.End > len(tt.in) || tk.Start >= tk.End {
				t.Errorf("Tokenize(%q): bad span %d-%d", tt.in, tk.Start, tk.End)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func TestSentences(t *testing.T) {
	// § marks where each sentence starts.
	tests := []string{
		"§Mr. Chairman, colleagues,\n\n§I would like to begin. §We trust that Mr. X will lead.",
		"§The U.N. was founded in 1945. §Resolution 75/240 was adopted.",
		"§He said \"we agree.\" §Then we left!",
		"§See para. 5 of the report. §No. 3 is next.",
		"§Thank you, Mr. President.",
		"§First, we should act.\n§Second, we should talk.",
	}
	for _, in := range tests {
		var starts []int
		var b strings.Builder
		for _, r := range in {
			if r == '§' {
				starts = append(starts, b.Len())
				continue
			}
			b.WriteRune(r)
		}
		text := b.String()
		spans := Sentences(text)
		var got []int
		for _, s := range spans {
			got = append(got, s.Start)
		}
		if len(got) != len(starts) {
			t.Errorf("Sentences(%q): starts %v, want %v (%q)", text, got, starts, spanTexts(text, spans))
			continue
		}
		for i := range got {
			if got[i] != starts[i] {
				t.Errorf("Sentences(%q): starts %v, want %v", text, got, starts)
				break
			}
		}
	}
}

func spanTexts(text string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Chairman,\n\nWe support the Programme of Action. It is good.")
	f.Add("\u201cso-called\u201d China’s G-77… 75/240. a.b.c.")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range Sentences(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %v after %d in %q", s, prev, text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[s.Start:s.End]) {
				t.Fatalf("span %v splits a rune", s)
			}
			prev = s.End
		}
		for _, tk := range Tokenize(text) {
			if tk.Start < 0 || tk.End > len(text) || tk.Start >= tk.End {
				t.Fatalf("bad token span %d-%d", tk.Start, tk.End)
			}
		}
	})
}
