package extract

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/stancegraph/stancegraph/data"
)

var (
	// UN General Debate Corpus: CCC_SS_YYYY.txt (CCC = ISO3 or EU).
	ungdcName = regexp.MustCompile(`^([A-Z]{2,3})_(\d{1,3})_(\d{4})\.txt$`)
	// UN Security Council speeches: UNSC_SPV8699_2020_spch090_Romania.txt.
	unscName = regexp.MustCompile(`^UNSC_SPV(\d+)_(\d{4})_spch(\d+)_(.+)\.txt$`)

	headerStart = regexp.MustCompile(`(?i)^\W*(statement|remarks|address|speech|intervention|explanation of (?:vote|position)|opening remarks)\b[^\n]{0,40}?\b(by|of|delivered by)\b`)
	statementBy = regexp.MustCompile(`(?i)\b(?:statement|remarks|address|speech|intervention)\s+(?:delivered\s+)?by\s+([^,\n]+?)\s*(?:,|\n|$|\bat\b|\bon behalf\b)`)
	monthNames  = `January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec`
	dateMDY     = regexp.MustCompile(`\b(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dateDMY     = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthNames + `)\.?,?\s+(\d{4})\b`)
	dateISO     = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	sessionWord = regexp.MustCompile(`(?i)\b((?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))\s+(?:substantive\s+|organizational\s+|regular\s+|special\s+)?session)\b`)
)

var honorifics = map[string]bool{
	"h.e.": true, "he": true, "his": true, "her": true, "excellency": true, "mr.": true, "mr": true,
	"ms.": true, "ms": true, "mrs.": true, "mrs": true, "dr.": true, "dr": true, "ambassador": true,
	"counsellor": true, "counselor": true, "minister": true, "secretary": true, "deputy": true,
	"first": true, "second": true, "third": true, "attaché": true, "attache": true, "professor": true,
	"prof.": true, "sir": true, "dame": true, "madam": true, "director": true, "general": true,
	"director-general": true, "envoy": true, "special": true, "senator": true, "president": true,
	"prime": true, "foreign": true, "state": true, "of": false,
}

var monthNum = map[string]string{
	"jan": "01", "feb": "02", "mar": "03", "apr": "04", "may": "05", "jun": "06",
	"jul": "07", "aug": "08", "sep": "09", "oct": "10", "nov": "11", "dec": "12",
}

// readMetadata fills st.Meta from, in order of precedence: what the source
// states outside the text (st.Given), a turn label ("Mr. Jinga (Romania):"),
// a statement header ("Statement by ..., Head of the ... Delegation, at
// ..., date"), and a known file-name convention.
func (a *Analyzer) readMetadata(st *Statement) {
	m := &st.Meta
	a.fromFileName(st)
	a.fromRecord(st)
	a.fromHeader(st)
	a.fromGiven(st)
	if m.Year == "" && len(m.Date) >= 4 {
		m.Year = m.Date[:4]
	}
	if m.Session == nil && m.Forum != nil && m.SessionName != "" {
		m.Session = a.findSession(m.Forum, m.SessionName, m.Year)
	}
	// A session held on one day (a Security Council meeting) dates its
	// statements.
	if s := m.Session; s != nil && m.Date == "" && s.From != "" && s.From == s.Until {
		m.Date, m.Year = s.From, s.From[:4]
	}
	a.onBehalfOf(st)
	a.presidingOfficer(st)
}

var (
	meetingNumber = regexp.MustCompile(`\b(\d{3,5})(?:st|nd|rd|th) meeting\b`)
	pvSymbol      = regexp.MustCompile(`\b((?:S|A/\d{1,2}|A/ES-\d{1,2})/PV\.\d{1,5})\b`)
)

// fromRecord reads the opening of a verbatim record that a turn comes
// from: the forum, the meeting (its S/PV symbol) and the date.
func (a *Analyzer) fromRecord(st *Statement) {
	rec := st.Record
	if rec == "" {
		return
	}
	m := &st.Meta
	for _, mn := range a.matcher.Find(rec, Tokenize(rec)) {
		if mn.Entity != nil && mn.Entity.Kind == data.KindForum {
			m.Forum = mn.Entity
			break
		}
	}
	if s := pvSymbol.FindString(rec); s != "" {
		m.SessionName = s
	} else if g := meetingNumber.FindStringSubmatch(rec); g != nil && m.Forum != nil && m.Forum.Key == "security-council" {
		m.SessionName = "S/PV." + g[1]
	}
	if d := findDate(rec); d != "" {
		m.Date, m.Year = d, d[:4]
	}
}

// presidingOfficer names the holder of the post a turn is labelled with
// ("The Chair:", "The President:") when the gazetteer says who held it in
// that forum on the statement's date.
func (a *Analyzer) presidingOfficer(st *Statement) {
	m := &st.Meta
	if m.Speaker != "" || m.SpeakerTitle == "" || m.Forum == nil || m.Date == "" {
		return
	}
	role := m.SpeakerTitle
	switch strings.ToLower(role) {
	case "chair", "chairman", "chairperson", "chairwoman":
		role = "Chair"
	case "president", "acting president":
		role = "President"
	default:
		return
	}
	for f := m.Forum; f != nil; f = a.g.Lookup(f.PartOf) {
		if p := a.g.Holder(f.ID(), role, m.Date); p != nil {
			m.Speaker = p.Holder
			return
		}
		if f.PartOf == "" {
			return
		}
	}
}

func (a *Analyzer) fromFileName(st *Statement) {
	m := &st.Meta
	base := filepath.Base(st.Path)
	if g := ungdcName.FindStringSubmatch(base); g != nil {
		code, sess, year := g[1], g[2], g[3]
		n, _ := strconv.Atoi(sess)
		y, _ := strconv.Atoi(year)
		if y-n != 1945 { // session N of the General Assembly opens in 1945+N
			return
		}
		if e := a.byCode(code); e != nil {
			m.Delegation = e
		}
		m.Forum = a.forumByName("General Debate")
		m.SessionName = "UNGA " + sess
		m.Year = year
		return
	}
	if g := unscName.FindStringSubmatch(base); g != nil {
		m.Forum = a.forumByName("Security Council")
		m.SessionName = "S/PV." + g[1]
		m.Year = g[2]
		if e := a.actorByName(strings.ReplaceAll(g[4], "-", " ")); e != nil {
			m.Delegation = e
		}
	}
}

// fromHeader reads a statement header at the top of the text.
func (a *Analyzer) fromHeader(st *Statement) {
	head := headerRegion(st.Text)
	if head == "" {
		return
	}
	m := &st.Meta
	if g := statementBy.FindStringSubmatchIndex(head); g != nil {
		name := head[g[2]:g[3]]
		title, person := splitHonorifics(name)
		if person != "" {
			m.Speaker = person
		}
		rest := head[g[3]:]
		rest = strings.TrimLeft(rest, ", ")
		if i := strings.Index(rest, " at "); i > 0 {
			rest = rest[:i]
		}
		if i := strings.IndexAny(rest, "\n"); i > 0 && i < 100 {
			rest = rest[:i]
		}
		t := strings.Join(strings.Fields(rest), " ")
		if title != "" && t != "" {
			t = title + ", " + t
		} else if title != "" {
			t = title
		}
		t = strings.Trim(t, ",. ")
		if t != "" && len(t) < 120 {
			m.SpeakerTitle = t
		}
	}
	// The header is stronger evidence than a file name: what it states
	// replaces what the name suggested.
	var deleg, forum, session *data.Entity
	toks := Tokenize(head)
	for _, mn := range a.matcher.Find(head, toks) {
		e := mn.Entity
		if e == nil {
			continue
		}
		switch {
		case isActorEntity(e) && deleg == nil && !afterAt(head, mn.Start):
			deleg = e
		case e.Kind == data.KindForum && forum == nil:
			forum = e
		case e.Kind == data.KindSession && session == nil:
			session = e
		}
	}
	if deleg != nil {
		m.Delegation = deleg
	}
	if forum != nil {
		m.Forum, m.Session, m.SessionName = forum, nil, ""
	}
	if session != nil {
		m.Session = session
		if forum == nil && session.PartOf != "" {
			if f := a.g.Lookup(session.PartOf); f != nil {
				m.Forum = f
			}
		}
	}
	if s := sessionWord.FindString(head); s != "" && m.Session == nil {
		m.SessionName = s
	}
	if d := findDate(head); d != "" {
		m.Date = d
		m.Year = d[:4]
	}
}

// afterAt reports whether offset i of the header lies after " at the ",
// where the forum, not the delegation, is named.
func afterAt(head string, i int) bool {
	j := strings.Index(head, " at ")
	k := strings.Index(head, "\nat ")
	if j < 0 || (k >= 0 && k < j) {
		j = k
	}
	return j >= 0 && i > j
}

// headerRegion returns the header of a statement: the lines before its
// first salutation or body paragraph, when the text starts like a header.
func headerRegion(text string) string {
	t := strings.TrimLeft(text, " \n\t*#")
	// A document symbol or running header may come first: allow two
	// short lines before the header proper.
	for skip := 0; !headerStart.MatchString(t); skip++ {
		i := strings.IndexByte(t, '\n')
		if skip == 2 || i < 0 || i > 80 {
			return ""
		}
		t = strings.TrimLeft(t[i:], " \n\t*#")
	}
	off := len(text) - len(t)
	end := len(text)
	if end-off > 800 {
		end = off + 800
	}
	h := text[off:end]
	// Stop at the first salutation or long paragraph.
	lines := strings.SplitAfter(h, "\n")
	n := 0
	for i, l := range lines {
		s := strings.TrimSpace(l)
		if i > 0 && (isSalutation(s) || len(s) > 300) {
			break
		}
		n += len(l)
	}
	return h[:n]
}

func isSalutation(s string) bool {
	s = strings.ToLower(s)
	for _, p := range []string{"mr. chair", "madam chair", "mr chair", "mr. president", "madam president", "mr president", "colleagues", "excellencies", "distinguished", "thank you"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// splitHonorifics splits "Counsellor Wu Jianjian" into its titles
// ("Counsellor") and the person's name ("Wu Jianjian").
func splitHonorifics(s string) (title, name string) {
	f := strings.Fields(s)
	i := 0
	for i < len(f) && honorifics[strings.ToLower(f[i])] {
		i++
	}
	return strings.Join(f[:i], " "), strings.Join(f[i:], " ")
}

func (a *Analyzer) fromGiven(st *Statement) {
	m := &st.Meta
	for k, v := range st.Given {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		switch k {
		case "speaker":
			m.Speaker = v
		case "title":
			m.SpeakerTitle = v
		case "delegation":
			if e := a.actorByName(v); e != nil {
				m.Delegation = e
			}
		case "forum":
			if e := a.forumByName(v); e != nil {
				m.Forum = e
			}
		case "session":
			m.SessionName = v
			m.Session = nil
		case "date":
			if d := findDate(v); d != "" {
				m.Date, m.Year = d, d[:4]
			}
		case "year":
			if len(v) == 4 {
				m.Year = v
			}
		case "language":
			m.Language = v
		case "procedural":
			m.Procedural = v == "true"
		case "onbehalfof":
			if e := a.actorByName(v); e != nil {
				m.OnBehalfOf = e
			}
		}
	}
}

// onBehalfOf finds "on behalf of X" said by the speaker in the opening
// sentences ("I have the honour to speak on behalf of the Group of 77").
func (a *Analyzer) onBehalfOf(st *Statement) {
	for i, s := range st.Sentences {
		if i >= 4 {
			return
		}
		sent := strings.ToLower(st.Text[s.Start:s.End])
		k := strings.Index(sent, "on behalf of")
		if k < 0 {
			k = strings.Index(sent, "on the behalf of")
		}
		if k < 0 || strings.Contains(sent[:k], "align") || strings.Contains(sent[:k], "deliver") || strings.Contains(sent[:k], "made") {
			continue
		}
		if !strings.Contains(sent[:k], "speak") && !strings.Contains(sent[:k], "honour") && !strings.Contains(sent[:k], "honor") && !strings.HasPrefix(strings.TrimSpace(sent[:k]), "i ") {
			continue
		}
		for _, mn := range st.Mentions {
			if mn.Start < s.Start+k || mn.End > s.End || mn.Entity == nil {
				continue
			}
			if mn.Entity.Kind == data.KindGroup || mn.Entity.Kind == data.KindOrganization {
				if st.Meta.Delegation == nil {
					st.Meta.Delegation = mn.Entity
				} else if st.Meta.Delegation != mn.Entity {
					st.Meta.OnBehalfOf = mn.Entity
				}
				return
			}
			break
		}
	}
}

// findDate returns the first date in s as YYYY-MM-DD, or "".
func findDate(s string) string {
	type hit struct {
		at      int
		y, m, d string
	}
	var best *hit
	try := func(h hit) {
		if best == nil || h.at < best.at {
			best = &h
		}
	}
	if g := dateMDY.FindStringSubmatchIndex(s); g != nil {
		try(hit{g[0], s[g[6]:g[7]], monthNum[strings.ToLower(s[g[2]:g[2]+3])], s[g[4]:g[5]]})
	}
	if g := dateDMY.FindStringSubmatchIndex(s); g != nil {
		try(hit{g[0], s[g[6]:g[7]], monthNum[strings.ToLower(s[g[4]:g[4]+3])], s[g[2]:g[3]]})
	}
	if g := dateISO.FindStringSubmatchIndex(s); g != nil {
		try(hit{g[0], s[g[2]:g[3]], s[g[4]:g[5]], s[g[6]:g[7]]})
	}
	if best == nil {
		return ""
	}
	d, err := strconv.Atoi(best.d)
	mo, err2 := strconv.Atoi(best.m)
	if err != nil || err2 != nil || d < 1 || d > 31 || mo < 1 || mo > 12 {
		return ""
	}
	return best.y + "-" + best.m + "-" + twoDigits(d)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
