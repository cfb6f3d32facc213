package data

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/stancegraph/stancegraph/schema"
)

//go:embed *.tsv
var embedded embed.FS

// Embedded returns the gazetteer files built into the binary, for users
// who want to copy and edit them.
func Embedded() fs.FS { return embedded }

var (
	defaultOnce sync.Once
	defaultG    *Gazetteers
	defaultErr  error
)

// Default returns the gazetteers built into the binary. They are parsed
// once; every call returns the same value, which callers must not modify.
func Default() (*Gazetteers, error) {
	defaultOnce.Do(func() { defaultG, defaultErr = ParseFS(embedded) })
	return defaultG, defaultErr
}

// LoadDir loads the gazetteers with the files of dir laid over the
// embedded ones; see LoadFS.
func LoadDir(dir string) (*Gazetteers, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("load gazetteer directory %s: not a directory", dir)
	}
	return LoadFS(os.DirFS(dir))
}

// LoadFS loads the gazetteers with the *.tsv files at the top of fsys laid
// over the embedded ones: a file of fsys replaces the embedded file of the
// same name, and embedded files that fsys does not have are kept. To drop
// an embedded file, give a file of that name with no rows. Other files of
// fsys are ignored.
//
// Problems in the files are returned as an ErrorList, every one with its
// file and line; the Gazetteers is then nil.
func LoadFS(fsys fs.FS) (*Gazetteers, error) {
	files, err := readFiles(embedded)
	if err != nil {
		return nil, err
	}
	user, err := readFiles(fsys)
	if err != nil {
		return nil, err
	}
	lenient := make(map[string]bool)
	for name := range files {
		if _, mine := user[name]; !mine {
			lenient[name] = true
		}
	}
	for name, b := range user {
		files[name] = b
	}
	return parseFiles(files, lenient)
}

// ParseFS loads the gazetteers from the *.tsv files at the top of fsys
// only, without the embedded files. Problems are returned as an
// ErrorList; the Gazetteers is then nil.
func ParseFS(fsys fs.FS) (*Gazetteers, error) {
	files, err := readFiles(fsys)
	if err != nil {
		return nil, err
	}
	return parseFiles(files, nil)
}

func readFiles(fsys fs.FS) (map[string][]byte, error) {
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("list gazetteer files: %w", err)
	}
	files := make(map[string][]byte, len(names))
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read gazetteer file: %w", err)
		}
		files[name] = b
	}
	return files, nil
}

// Kinds of file, from the part of the name before the first "-" or ".".
const (
	fileMemberships = "memberships"
	filePosts       = "posts"
	fileCues        = "cues"
	fileTriggers    = "triggers"
	fileSelf        = "self"
	fileValence     = "valence"
	fileEntities    = "entities"
)

func fileType(name string) string {
	base := strings.TrimSuffix(path.Base(name), ".tsv")
	prefix, _, _ := strings.Cut(base, "-")
	switch prefix {
	case fileMemberships, filePosts, fileCues, fileTriggers, fileSelf, fileValence:
		return prefix
	}
	return fileEntities
}

// kindByFile gives the kind of the rows of an entity file without a
// kind column.
var kindByFile = map[string]Kind{
	"states": KindState, "groups": KindGroup, "orgs": KindOrganization,
	"organizations": KindOrganization, "forums": KindForum, "sessions": KindSession,
	"proposals": KindProposal, "topics": KindTopic,
}

// Columns each kind of file may have; the first ones listed in required
// must be present.
var (
	entityColumns = []string{"kind", "key", "label", "class", "aliases", "case_sensitive",
		"demonyms", "iso2", "iso3", "m49", "wikidata", "symbol", "observer", "part_of",
		"topic", "from", "until", "source", "note"}
	membershipColumns = []string{"member", "group", "from", "until", "source", "note"}
	postColumns       = []string{"forum", "role", "holder", "holder_state", "from", "until", "source", "note"}
	cueColumns        = []string{"phrase", "stance", "class", "weight", "role", "note"}
	triggerColumns    = []string{"kind", "phrase", "note"}
	selfColumns       = []string{"kind", "phrase", "case_sensitive", "note"}
	valenceColumns    = []string{"entity", "valence", "opposite", "note"}
	required          = map[string][]string{
		fileEntities:    {"key", "label"},
		fileMemberships: {"member", "group"},
		filePosts:       {"forum", "role", "holder"},
		fileCues:        {"phrase", "stance", "weight", "role"},
		fileTriggers:    {"kind", "phrase"},
		fileSelf:        {"kind", "phrase"},
		fileValence:     {"entity", "valence"},
	}
	columnsOf = map[string][]string{
		fileEntities: entityColumns, fileMemberships: membershipColumns, filePosts: postColumns,
		fileCues: cueColumns, fileTriggers: triggerColumns, fileSelf: selfColumns,
		fileValence: valenceColumns,
	}
)

// classByName maps the short class names used in files to schema IRIs.
var classByName = map[string]string{
	"State": string(schema.State), "ObserverState": string(schema.ObserverState),
	"Group": string(schema.Group), "Organization": string(schema.Organization),
	"Forum": string(schema.Forum), "Session": string(schema.Session),
	"Proposal": string(schema.Proposal), "Instrument": string(schema.Instrument),
	"Resolution": string(schema.Resolution), "Norm": string(schema.Norm),
	"Topic": string(schema.Topic),
}

// classesOf lists the classes allowed for each kind; the first is the
// default.
var classesOf = map[Kind][]string{
	KindState:        {"State", "ObserverState"},
	KindGroup:        {"Group", "Organization"},
	KindOrganization: {"Organization", "Group"},
	KindForum:        {"Forum"},
	KindSession:      {"Session"},
	KindProposal:     {"Proposal", "Instrument", "Resolution", "Norm", "Topic"},
	KindTopic:        {"Topic", "Norm", "Proposal"},
}

var (
	keyRE      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	iso2RE     = regexp.MustCompile(`^[A-Z]{2}$`)
	iso3RE     = regexp.MustCompile(`^[A-Z]{3}$`)
	m49RE      = regexp.MustCompile(`^[0-9]{3}$`)
	wikidataRE = regexp.MustCompile(`^Q[1-9][0-9]*$`)
)

var stances = map[string]bool{StanceSupports: true, StanceOpposes: true, StanceProposes: true, StanceAligns: true}
var roles = map[string]bool{RoleObject: true, RoleSubject: true, RoleEither: true}

// parseFiles parses and checks a set of files (name -> contents).
// parseFiles parses the gazetteer files. A row of a lenient file (an
// embedded file kept beside a user's) that refers to an entity no file
// defines any more, because the user replaced the file that did, is
// dropped with a warning instead of failing the load: a user who replaces
// topics.tsv need not also rewrite proposals.tsv and valence.tsv.
func parseFiles(files map[string][]byte, lenient map[string]bool) (*Gazetteers, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)

	h := sha256.New()
	g := &Gazetteers{Triggers: make(map[string][]string), byID: make(map[string]*Entity), Files: names, lenient: lenient}
	var errs ErrorList
	var valences []row // applied once every entity is known
	for _, name := range names {
		b := files[name]
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(b))
		h.Write(b)

		typ := fileType(name)
		t := parseTSV(name, b, &errs)
		if t.header == nil {
			continue
		}
		if !checkHeader(t, typ, &errs) {
			continue
		}
		for _, r := range t.rows {
			switch typ {
			case fileEntities:
				g.addEntity(r, &errs)
			case fileMemberships:
				g.addMembership(r, &errs)
			case filePosts:
				g.addPost(r, &errs)
			case fileCues:
				g.addCue(r, &errs)
			case fileTriggers:
				g.addTrigger(r, &errs)
			case fileSelf:
				g.addSelf(r, &errs)
			case fileValence:
				valences = append(valences, r)
			}
		}
	}
	g.Version = hex.EncodeToString(h.Sum(nil))[:12]
	for _, r := range valences {
		g.addValence(r, &errs)
	}
	g.checkReferences(&errs)
	g.Dropped.Sort()
	g.Warnings = append(g.ambiguities(), g.Dropped...)
	g.Warnings.Sort()
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return g, nil
}

// checkHeader reports unknown and missing columns; it returns false when
// the rows cannot be read.
func checkHeader(t *table, typ string, errs *ErrorList) bool {
	ok := true
	allowed := columnsOf[typ]
	for i, name := range t.header {
		if name != "" && !contains(allowed, name) {
			errs.Add(t.file, t.hline, i+1, fmt.Errorf("unknown column %q (want some of %s)", name, strings.Join(allowed, ", ")))
		}
	}
	for _, name := range required[typ] {
		if !t.has(name) {
			errs.Addf(t.file, t.hline, "missing column %q", name)
			ok = false
		}
	}
	if typ == fileEntities && !t.has("kind") {
		base := strings.TrimSuffix(path.Base(t.file), ".tsv")
		prefix, _, _ := strings.Cut(base, "-")
		if _, known := kindByFile[prefix]; !known {
			errs.Addf(t.file, t.hline, "missing column \"kind\" (the file name does not imply a kind)")
			ok = false
		}
	}
	return ok
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (g *Gazetteers) addEntity(r row, errs *ErrorList) {
	file, line := r.t.file, r.line
	bad := func(col string, format string, args ...any) {
		errs.Add(file, line, r.column(col), fmt.Errorf(format, args...))
	}
	e := &Entity{
		Key:           r.get("key"),
		Label:         r.get("label"),
		Aliases:       r.list("aliases"),
		CaseSensitive: r.list("case_sensitive"),
		Demonyms:      r.list("demonyms"),
		ISO2:          r.get("iso2"),
		ISO3:          r.get("iso3"),
		M49:           r.get("m49"),
		Wikidata:      r.get("wikidata"),
		Symbol:        r.get("symbol"),
		PartOf:        r.get("part_of"),
		Topic:         r.get("topic"),
		From:          r.get("from"),
		Until:         r.get("until"),
		Source:        r.get("source"),
		File:          file,
		Line:          line,
	}
	if k := r.get("kind"); k != "" {
		e.Kind = Kind(k)
	} else {
		base := strings.TrimSuffix(path.Base(file), ".tsv")
		prefix, _, _ := strings.Cut(base, "-")
		e.Kind = kindByFile[prefix]
	}
	ok := true
	if !contains(kindStrings(), string(e.Kind)) {
		bad("kind", "unknown kind %q (want one of %s)", e.Kind, strings.Join(kindStrings(), ", "))
		ok = false
	}
	if e.Key == "" {
		bad("key", "empty key")
		ok = false
	} else if !keyRE.MatchString(e.Key) {
		bad("key", "bad key %q (use letters, digits, '.', '_' and '-')", e.Key)
		ok = false
	}
	if e.Label == "" {
		bad("label", "empty label for %q", e.ID())
	}
	switch o := strings.ToLower(r.get("observer")); o {
	case "", "false", "no":
	case "true", "yes":
		e.Observer = true
	default:
		bad("observer", "bad observer value %q (want true or false)", r.get("observer"))
	}
	if ok {
		allowed := classesOf[e.Kind]
		c := r.get("class")
		switch {
		case c == "" && e.Observer && e.Kind == KindState:
			e.Class = string(schema.ObserverState)
		case c == "":
			e.Class = classByName[allowed[0]]
		default:
			name := strings.TrimPrefix(c, schema.NS)
			if !contains(allowed, name) {
				bad("class", "class %q not allowed for kind %s (want one of %s)", c, e.Kind, strings.Join(allowed, ", "))
			} else {
				e.Class = classByName[name]
			}
		}
		if e.Class == string(schema.ObserverState) {
			e.Observer = true
		}
	}
	if e.ISO2 != "" && !iso2RE.MatchString(e.ISO2) {
		bad("iso2", "bad ISO 3166-1 alpha-2 code %q", e.ISO2)
	}
	if e.ISO3 != "" && !iso3RE.MatchString(e.ISO3) {
		bad("iso3", "bad ISO 3166-1 alpha-3 code %q", e.ISO3)
	}
	if e.Kind == KindState && e.ISO3 != "" && e.ISO3 != e.Key {
		bad("key", "state key %q differs from its ISO3 code %q", e.Key, e.ISO3)
	}
	if e.M49 != "" && !m49RE.MatchString(e.M49) {
		bad("m49", "bad M49 code %q (want three digits)", e.M49)
	}
	if e.Wikidata != "" && !wikidataRE.MatchString(e.Wikidata) {
		bad("wikidata", "bad Wikidata id %q (want Q followed by digits)", e.Wikidata)
	}
	checkDates(r, "from", "until", errs)
	for _, col := range []string{"aliases", "case_sensitive", "demonyms"} {
		seen := make(map[string]bool)
		for _, a := range r.list(col) {
			if !hasLetterOrDigit(a) {
				bad(col, "name %q has no letter or digit", a)
			}
			if seen[a] {
				bad(col, "name %q listed twice", a)
			}
			seen[a] = true
		}
	}
	if !ok {
		return
	}
	if old := g.byID[e.ID()]; old != nil {
		bad("key", "duplicate id %q (first defined at %s:%d)", e.ID(), old.File, old.Line)
		return
	}
	g.byID[e.ID()] = e
	g.Entities = append(g.Entities, e)
}

func kindStrings() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

func hasLetterOrDigit(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return true
		}
	}
	return false
}

// checkDates checks the two date cells of r and that from <= until.
func checkDates(r row, fromCol, untilCol string, errs *ErrorList) bool {
	ok := true
	for _, col := range []string{fromCol, untilCol} {
		if v := r.get(col); v != "" && !validDate(v) {
			errs.Add(r.t.file, r.line, r.column(col), fmt.Errorf("bad date %q in column %q (want YYYY-MM-DD)", v, col))
			ok = false
		}
	}
	if from, until := r.get(fromCol), r.get(untilCol); ok && from != "" && until != "" && until < from {
		errs.Add(r.t.file, r.line, r.column(untilCol), fmt.Errorf("until %s is before from %s", until, from))
		ok = false
	}
	return ok
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func (g *Gazetteers) addMembership(r row, errs *ErrorList) {
	m := Membership{
		Member: r.get("member"), Group: r.get("group"),
		From: r.get("from"), Until: r.get("until"),
		Source: r.get("source"), File: r.t.file, Line: r.line,
	}
	if m.Member == "" {
		errs.Add(r.t.file, r.line, r.column("member"), errors.New("empty member"))
	}
	if m.Group == "" {
		errs.Add(r.t.file, r.line, r.column("group"), errors.New("empty group"))
	}
	checkDates(r, "from", "until", errs)
	g.Memberships = append(g.Memberships, m)
}

func (g *Gazetteers) addPost(r row, errs *ErrorList) {
	p := Post{
		Forum: r.get("forum"), Role: r.get("role"), Holder: r.get("holder"),
		HolderState: r.get("holder_state"), From: r.get("from"), Until: r.get("until"),
		Source: r.get("source"), File: r.t.file, Line: r.line,
	}
	for _, col := range []string{"forum", "role", "holder"} {
		if r.get(col) == "" {
			errs.Add(r.t.file, r.line, r.column(col), fmt.Errorf("empty %s", col))
		}
	}
	checkDates(r, "from", "until", errs)
	g.Posts = append(g.Posts, p)
}

func (g *Gazetteers) addCue(r row, errs *ErrorList) {
	c := Cue{Phrase: r.get("phrase"), Stance: r.get("stance"), Class: r.get("class"), Role: r.get("role")}
	bad := func(col string, format string, args ...any) {
		errs.Add(r.t.file, r.line, r.column(col), fmt.Errorf(format, args...))
	}
	if msg := checkPhrase(c.Phrase); msg != "" {
		bad("phrase", "cue %q: %s", c.Phrase, msg)
	}
	if !stances[c.Stance] {
		bad("stance", "unknown stance %q (want supports, opposes, proposes or aligns)", c.Stance)
	}
	if !roles[c.Role] {
		bad("role", "unknown role %q (want object, subject or either)", c.Role)
	}
	w, err := strconv.ParseFloat(r.get("weight"), 64)
	if err != nil || w < 0 || w > 1 || w != w {
		bad("weight", "weight %q is not a number in [0,1]", r.get("weight"))
	}
	c.Weight = w
	for _, old := range g.Cues {
		if old.Phrase == c.Phrase && old.Stance == c.Stance && old.Role == c.Role {
			bad("phrase", "duplicate cue %q (%s)", c.Phrase, c.Stance)
			return
		}
	}
	g.Cues = append(g.Cues, c)
}

// checkPhrase checks a lexicon phrase: lower case, single spaces, not
// only wildcards. It returns a message, or "" when the phrase is good.
func checkPhrase(p string) string {
	switch {
	case p == "":
		return "empty phrase"
	case strings.ToLower(p) != p:
		return "phrase must be lower case"
	case strings.Join(strings.Fields(p), " ") != p:
		return "words must be separated by single spaces"
	case strings.Trim(p, "* ") == "":
		return "phrase has no words, only wildcards"
	}
	return ""
}

func (g *Gazetteers) addTrigger(r row, errs *ErrorList) {
	kind, phrase := r.get("kind"), r.get("phrase")
	if !contains(TriggerKinds, kind) {
		errs.Add(r.t.file, r.line, r.column("kind"), fmt.Errorf("unknown trigger kind %q (want one of %s)", kind, strings.Join(TriggerKinds, ", ")))
		return
	}
	if msg := checkPhrase(phrase); msg != "" && phrase != ";" {
		errs.Add(r.t.file, r.line, r.column("phrase"), fmt.Errorf("trigger %q: %s", phrase, msg))
		return
	}
	if contains(g.Triggers[kind], phrase) {
		errs.Add(r.t.file, r.line, r.column("phrase"), fmt.Errorf("duplicate %s trigger %q", kind, phrase))
		return
	}
	g.Triggers[kind] = append(g.Triggers[kind], phrase)
}

func (g *Gazetteers) addSelf(r row, errs *ErrorList) {
	kind, phrase := r.get("kind"), r.get("phrase")
	exact := false
	switch cs := strings.ToLower(r.get("case_sensitive")); cs {
	case "", "false", "no":
	case "true", "yes":
		exact = true
	default:
		errs.Add(r.t.file, r.line, r.column("case_sensitive"), fmt.Errorf("bad case_sensitive value %q (want true or false)", cs))
	}
	if phrase == "" || strings.Join(strings.Fields(phrase), " ") != phrase {
		errs.Add(r.t.file, r.line, r.column("phrase"), fmt.Errorf("bad phrase %q (want words separated by single spaces)", phrase))
		return
	}
	var list *[]string
	switch {
	case kind == "self" && exact:
		list = &g.SelfExact
	case kind == "self":
		list = &g.Self
	case kind == "unnamed" && !exact:
		list = &g.Unnamed
	case kind == "unnamed":
		errs.Add(r.t.file, r.line, r.column("case_sensitive"), errors.New("unnamed-actor phrases cannot be case-sensitive"))
		return
	default:
		errs.Add(r.t.file, r.line, r.column("kind"), fmt.Errorf("unknown kind %q (want self or unnamed)", kind))
		return
	}
	for _, old := range *list {
		if fold(old) == fold(phrase) && (!exact || old == phrase) {
			errs.Add(r.t.file, r.line, r.column("phrase"), fmt.Errorf("duplicate %s phrase %q", kind, phrase))
			return
		}
	}
	*list = append(*list, phrase)
}

// checkReferences reports part_of, membership and post references to
// entities that do not exist, and duplicate memberships.
func (g *Gazetteers) checkReferences(errs *ErrorList) {
	for _, e := range g.Entities {
		if e.PartOf == "" {
			continue
		}
		switch p := g.byID[e.PartOf]; {
		case p == nil && g.lenient[e.File]:
			g.Dropped.Addf(e.File, e.Line, "unknown part_of %q (its file was replaced): part_of ignored", e.PartOf)
			e.PartOf = ""
		case p == nil:
			errs.Addf(e.File, e.Line, "unknown part_of %q", e.PartOf)
		case p == e:
			errs.Addf(e.File, e.Line, "%q is part of itself", e.ID())
		}
	}
	g.Memberships = slices.DeleteFunc(g.Memberships, func(m Membership) bool {
		if !g.lenient[m.File] || (m.Member == "" || g.byID[m.Member] != nil) && (m.Group == "" || g.byID[m.Group] != nil) {
			return false
		}
		g.Dropped.Addf(m.File, m.Line, "membership of %q in %q names an entity whose file was replaced: row ignored", m.Member, m.Group)
		return true
	})
	g.Posts = slices.DeleteFunc(g.Posts, func(p Post) bool {
		if !g.lenient[p.File] || (p.Forum == "" || g.byID[p.Forum] != nil) && (p.HolderState == "" || g.byID[p.HolderState] != nil) {
			return false
		}
		g.Dropped.Addf(p.File, p.Line, "post %s of %q names an entity whose file was replaced: row ignored", p.Role, p.Forum)
		return true
	})
	seen := make(map[string]*Membership)
	for i := range g.Memberships {
		m := &g.Memberships[i]
		if m.Member != "" && g.byID[m.Member] == nil {
			errs.Addf(m.File, m.Line, "unknown member %q", m.Member)
		}
		if m.Group != "" && g.byID[m.Group] == nil {
			errs.Addf(m.File, m.Line, "unknown group %q", m.Group)
		} else if grp := g.byID[m.Group]; grp != nil && grp.Kind != KindGroup && grp.Kind != KindOrganization {
			errs.Addf(m.File, m.Line, "%q is a %s, not a group or organisation", m.Group, grp.Kind)
		}
		if m.Member != "" && m.Member == m.Group {
			errs.Addf(m.File, m.Line, "%q is a member of itself", m.Member)
		}
		k := m.Member + "\x00" + m.Group + "\x00" + m.From
		if old := seen[k]; old != nil {
			errs.Addf(m.File, m.Line, "duplicate membership of %q in %q from %q (first at %s:%d)", m.Member, m.Group, m.From, old.File, old.Line)
		}
		seen[k] = m
	}
	for i := range g.Posts {
		p := &g.Posts[i]
		if p.Forum != "" && g.byID[p.Forum] == nil {
			errs.Addf(p.File, p.Line, "unknown forum %q", p.Forum)
		}
		if p.HolderState != "" && g.byID[p.HolderState] == nil {
			errs.Addf(p.File, p.Line, "unknown holder_state %q", p.HolderState)
		}
	}
}

// ambiguities returns a warning for every name (label, alias or demonym,
// compared case-insensitively) shared by two entities of the same kind,
// and for every case-sensitive alias shared by two entities of any kind.
func (g *Gazetteers) ambiguities() ErrorList {
	var warns ErrorList
	type key struct {
		kind Kind
		name string
	}
	first := make(map[key]*Entity)
	exact := make(map[string]*Entity)
	for _, e := range g.Entities {
		for _, n := range e.Names() {
			k := key{e.Kind, fold(n)}
			if old := first[k]; old != nil && old != e {
				warns.Addf(e.File, e.Line, "name %q of %q is also a name of %q (%s:%d)", n, e.ID(), old.ID(), old.File, old.Line)
				continue
			}
			first[k] = e
		}
		for _, n := range e.CaseSensitive {
			if old := exact[n]; old != nil && old != e {
				warns.Addf(e.File, e.Line, "case-sensitive alias %q of %q is also one of %q (%s:%d)", n, e.ID(), old.ID(), old.File, old.Line)
				continue
			}
			exact[n] = e
		}
	}
	warns.Sort()
	return warns
}

// fold returns s in the form names are compared in: lower case, with
// typographic apostrophes made plain.
func fold(s string) string {
	return strings.ToLower(strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s))
}

func sortStrings(s []string) { sort.Strings(s) }

// addValence marks an entity as a harm ("negative" or "hazard"): the
// stance rules never say an actor supports it.
func (g *Gazetteers) addValence(r row, errs *ErrorList) {
	id, v := r.get("entity"), r.get("valence")
	e := g.byID[id]
	if e == nil {
		if g.lenient[r.t.file] {
			g.Dropped.Add(r.t.file, r.line, r.column("entity"), fmt.Errorf("unknown entity %q (its file was replaced): row ignored", id))
			return
		}
		errs.Add(r.t.file, r.line, r.column("entity"), fmt.Errorf("unknown entity %q", id))
		return
	}
	if v != ValenceNegative && v != ValenceHazard && v != ValenceConsensus {
		errs.Add(r.t.file, r.line, r.column("valence"), fmt.Errorf("unknown valence %q (want %s, %s or %s)", v, ValenceNegative, ValenceHazard, ValenceConsensus))
		return
	}
	e.Valence = v
	if o := r.get("opposite"); o != "" {
		e.Opposite = g.byID[o]
		if e.Opposite == nil && g.lenient[r.t.file] {
			g.Dropped.Add(r.t.file, r.line, r.column("opposite"), fmt.Errorf("unknown entity %q (its file was replaced): opposite ignored", o))
		} else if e.Opposite == nil {
			errs.Add(r.t.file, r.line, r.column("opposite"), fmt.Errorf("unknown entity %q", o))
		}
	}
}
