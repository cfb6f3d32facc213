package reader

import (
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		pdf  bool
		want string
	}{
		{"line ends", "a\r\nb\rc\n", false, "a\nb\nc"},
		{"invisible characters", "cyber\u00adsecurity\u200b is\u00a0a\ttopic\u2060.\x07", false, "cybersecurity is a topic."},
		{"joiners kept", "می\u200cخواهم", false, "می\u200cخواهم"},
		{"nfc", "Cote\u0301 d’Ivoire", false, "Coté d’Ivoire"},
		{"curly quotes kept", "“Never again,” she said — twice…", false, "“Never again,” she said — twice…"},
		{"spaces", "  a   b.  \n\n\n\n  c  ", false, "a b.\n\nc"},
		{"hyphen joined", "we need cyber-\nsecurity now", false, "we need cybersecurity now"},
		{"hyphen kept when written elsewhere", "cyber-security matters.\n\nwe need cyber-\nsecurity now", false, "cyber-security matters.\n\nwe need cyber-security now"},
		{"hyphen before capital kept", "the Asia-\nPacific region", false, "the Asia-\nPacific region"},
		{"dash kept", "one thing --\nanother", false, "one thing --\nanother"},
		{"lower-case continuation joined", "as we abide by\n\nthem, which", false, "as we abide by them, which"},
		{"function word and capital joined", "reports, and the\n\nGeneral Assembly has", false, "reports, and the General Assembly has"},
		{"hyphen across a break", "cyber-\n\nsecurity", false, "cybersecurity"},
		{"sentence end not joined", "We agree.\n\nthe rest", false, "We agree.\n\nthe rest"},
		{"colon not joined", "as follows:\n\nfirst, peace", false, "as follows:\n\nfirst, peace"},
		{"salutation not joined", "Mr. Chairman,\n\nI thank you", false, "Mr. Chairman,\n\nI thank you"},
		{"list item not joined", "the following\n\n(a) peace", false, "the following\n\n(a) peace"},
		{"page numbers", "Text one.\n\n3\n\nPage 3 of 5\n\n- 4 -\n\n4/5\n\npage 12\n\nText two.", false, "Text one.\n\nText two."},
		{"years and numbered paragraphs kept", "2021\n\n1. First.", false, "2021\n\n1. First."},
		{
			"running headers and footers",
			"A/78/PV.5 23/09/2023\nWe thank the\nPresident.\n3/5\n\fA/78/PV.5 23/09/2023\nWe support the\nSecretary-General.\n4/5\n\fA/78/PV.5 23/09/2023\nThank you.\n5/5\n",
			false,
			"We thank the\nPresident.\n\nWe support the\nSecretary-General.\n\nThank you.",
		},
		{"page break joins a paragraph", "we thank the\fPresident of the Assembly.", false, "we thank the President of the Assembly."},
		{
			"pdf unwrapping",
			"The pandemic is propelling digitization and ICT application. Digital\neconomy has become a new engine of recovery for countries. Data\nhas become a new driving force.\nColleagues,\nWe must act on cyber-\nsecurity together, across the board, with all our partners now.\n\nThank you.",
			true,
			"The pandemic is propelling digitization and ICT application. Digital economy has become a new engine of recovery for countries. Data has become a new driving force.\n\nColleagues,\n\nWe must act on cybersecurity together, across the board, with all our partners now.\n\nThank you.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in, tt.pdf, true); got != tt.want {
				t.Errorf("clean(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStripMarkdown(t *testing.T) {
	in := "## The **Pact** for the _Future_ ##\n\nWe *welcome* it, as in [A/RES/79/1](https://undocs.org/A/RES/79/1), and keep snake_case_names and 2*3*4.\n\n![logo](x.png)"
	want := "The Pact for the Future\n\nWe welcome it, as in A/RES/79/1, and keep snake_case_names and 2*3*4.\n\nlogo"
	if got := stripMarkdown(in); got != want {
		t.Errorf("stripMarkdown =\n%q\nwant\n%q", got, want)
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The Working Group should stay committed to the pursuit of cooperation and peace by formulating international rules for cyberspace, in line with the will of most countries.", "en"},
		{"La France salue le travail du Groupe de travail et appelle tous les États à respecter le droit international dans le cyberespace, qui est une priorité pour nous.", "fr"},
		{"España agradece la labor del Grupo de Trabajo y reafirma su compromiso con el derecho internacional en el ciberespacio, que es una prioridad para nuestro país.", "es"},
		{"Российская Федерация выступает за укрепление международной информационной безопасности и против милитаризации киберпространства.", "ru"},
		{"中国一贯致力于维护网络空间和平与安全，愿同各方一道推动开放式工作组取得积极进展。", "zh"},
		{"تؤكد المجموعة العربية على أهمية تعزيز التعاون الدولي في مجال أمن تكنولوجيا المعلومات والاتصالات.", "ar"},
		{"Thank you.", "und"},
		{"12345 67890 !!! ??? 2021-12-14 A/RES/75/240 S/PV.8699", "und"},
	}
	for _, tt := range tests {
		if got := DetectLanguage(tt.text); got != tt.want {
			t.Errorf("DetectLanguage(%.30q...) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestHTML(t *testing.T) {
	const page = `<!doctype html><html lang="fr"><head><meta charset="windows-1252"><title>D` + "\xe9" + `claration</title></head>
<body><nav><a href="/">Accueil</a></nav><div id="content"><p>La France <b>salue</b> le travail du Groupe de travail.<br>Nous appelons tous les ` + "\xc9" + `tats &agrave; respecter le droit international.</p>
<table><tr><td>Vote</td><td>Oui</td></tr></table><pre>  ligne un
  ligne deux</pre><script>alert(1)</script></div></body></html>`
	d, err := Read("fr.html", strings.NewReader(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "La France salue le travail du Groupe de travail.\nNous appelons tous les États à respecter le droit international.\n\nVote Oui\n\nligne un\nligne deux"
	if d.Text != want {
		t.Errorf("Text =\n%q\nwant\n%q", d.Text, want)
	}
	if d.Encoding != "windows-1252" || d.Meta["title"] != "Déclaration" || d.Meta["language"] != "fr" || d.Language != "fr" {
		t.Errorf("Encoding %q, Meta %q, Language %q", d.Encoding, d.Meta, d.Language)
	}
}
