package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/stancegraph/stancegraph/extract/reader"
	"github.com/stancegraph/stancegraph/extract/turns"
	"github.com/stancegraph/stancegraph/schema"
)

// Extensions lists the file extensions ingest and extract pick up when
// they walk a folder. Files named explicitly are read whatever their name.
var Extensions = []string{".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}

// Files expands paths (files or folders, walked recursively) into the list
// of files to read, sorted within each folder. Folders are walked without
// following symbolic links, so a link loop cannot trap the walk; hidden
// files and folders, and README files, are skipped. A path that does not exist is an error
// naming it.
func Files(paths []string) ([]string, error) {
	var out []string
	var errs []error
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			continue
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", path, unwrapPathError(err)))
				return nil
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !hasExtension(name) || isReadme(name) {
				return nil
			}
			found = append(found, path)
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, errors.Join(errs...)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// isReadme reports whether a file is a folder's README, which describes
// the statements rather than being one.
func isReadme(name string) bool {
	base := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
	return base == "readme"
}

func hasExtension(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// A File is one source file read into statements.
type File struct {
	Path       string
	SHA256     string
	Statements []*Statement
	Warnings   []string
	Language   string
}

// ReadOptions configure ReadFile.
type ReadOptions struct {
	Encoding string // force a character set ("" detects)
	MaxBytes int64  // largest file read (0 = the reader's default)
	// Given is metadata from outside the file (a sidecar table), merged
	// under what the file itself states.
	Given map[string]string
}

// SidecarName is the metadata table read from a statement's folder: a CSV
// file with a header row whose first column is "file" (a file name in the
// folder) and whose other columns are among speaker, title, delegation,
// forum, session, date, year and language. The table ranks above what is
// read from a statement's header and file name, and below the file's own
// front matter and turn labels.
const SidecarName = "metadata.csv"

// A FileReader reads files into statements, with the metadata tables of
// their folders. It caches each folder's table and is safe for
// concurrent use.
type FileReader struct {
	Options ReadOptions
	mu      sync.Mutex
	tables  map[string]sidecar
}

type sidecar struct {
	rows map[string]map[string]string
	err  error
}

// Read reads one file like ReadFile, adding the row of its folder's
// metadata table, if any.
func (r *FileReader) Read(path string) (*File, error) {
	dir := filepath.Dir(path)
	r.mu.Lock()
	if r.tables == nil {
		r.tables = map[string]sidecar{}
	}
	sc, ok := r.tables[dir]
	if !ok {
		sc.rows, sc.err = readSidecar(filepath.Join(dir, SidecarName))
		r.tables[dir] = sc
	}
	r.mu.Unlock()
	if sc.err != nil {
		return nil, sc.err
	}
	o := r.Options
	if row := sc.rows[filepath.Base(path)]; row != nil {
		g := map[string]string{}
		for k, v := range o.Given {
			g[k] = v
		}
		for k, v := range row {
			g[k] = v
		}
		o.Given = g
	}
	return ReadFile(path, o)
}

var sidecarColumns = map[string]bool{"speaker": true, "title": true, "delegation": true, "forum": true,
	"session": true, "date": true, "year": true, "language": true}

// readSidecar reads a metadata table; a missing table is no error.
func readSidecar(path string) (map[string]map[string]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrapPathError(err))
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = 0
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: header: %w", path, err)
	}
	for i, h := range head {
		head[i] = strings.ToLower(strings.TrimSpace(h))
		if i == 0 && head[i] != "file" {
			return nil, fmt.Errorf("%s:1: first column is %q, want \"file\"", path, h)
		}
		if i > 0 && !sidecarColumns[head[i]] {
			return nil, fmt.Errorf("%s:1: unknown column %q (want file, speaker, title, delegation, forum, session, date, year, language)", path, h)
		}
	}
	rows := map[string]map[string]string{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		name := strings.TrimSpace(rec[0])
		if _, dup := rows[name]; dup {
			return nil, fmt.Errorf("%s:%d: file %q listed twice", path, line, name)
		}
		row := map[string]string{}
		for i := 1; i < len(rec); i++ {
			if v := strings.TrimSpace(rec[i]); v != "" {
				row[head[i]] = v
			}
		}
		rows[name] = row
	}
	return rows, nil
}

// ReadFile reads one file into its statements: one for an ordinary file,
// one per speaker turn for a verbatim record or transcript. Errors name
// the file. Metadata in o.Given ranks below what the file states itself.
func ReadFile(path string, o ReadOptions) (*File, error) {
	max := o.MaxBytes
	if max <= 0 {
		max = reader.DefaultMaxBytes
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() > max {
		return nil, fmt.Errorf("read %s: %w (%d bytes, limit %d; raise it with --max-bytes)", path, reader.ErrTooLarge, fi.Size(), max)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrapPathError(err))
	}
	sum := sha256.Sum256(raw)
	doc, err := reader.Read(path, bytes.NewReader(raw), reader.Options{Encoding: o.Encoding, MaxBytes: max})
	if err != nil {
		return nil, err
	}
	f := &File{Path: path, SHA256: hex.EncodeToString(sum[:]), Warnings: doc.Warnings, Language: doc.Language}
	given := map[string]string{}
	for k, v := range o.Given {
		given[k] = v
	}
	for k, v := range doc.Meta {
		given[k] = v
	}
	if doc.Language != "" {
		if _, ok := given["language"]; !ok {
			given["language"] = doc.Language
		}
	}
	ts := turns.Split(doc.Text)
	if len(ts) <= 1 {
		// One statement; a turn label at its start ("Mr. Jinga (Romania):")
		// still says who speaks.
		if len(ts) == 1 && ts[0].HeaderStart == 0 {
			given = turnGiven(given, ts[0])
		}
		f.Statements = []*Statement{{
			IRI: schema.StatementIRI(path, 0), Path: path, SHA256: f.SHA256, Text: doc.Text, Given: given,
		}}
		return f, nil
	}
	// The record's opening (title page, or the text before the first
	// labelled turn) dates and places every turn.
	record := doc.Text[:ts[0].HeaderStart]
	if ts[0].Speaker == "" && ts[0].Delegation == "" {
		record = doc.Text[:ts[0].End]
	}
	if len(record) > 2000 {
		record = record[:2000]
	}
	for _, t := range ts {
		f.Statements = append(f.Statements, &Statement{
			IRI: schema.StatementIRI(path, t.N), Path: path, SHA256: f.SHA256,
			Text: doc.Text[t.HeaderStart:t.End], Given: turnGiven(given, t), Turn: t.N,
			Record: record,
		})
	}
	return f, nil
}

// turnGiven adds what a turn label says to the metadata given for a
// file. A role ("The President") is a title, not a speaker's name.
func turnGiven(given map[string]string, t turns.Turn) map[string]string {
	g := make(map[string]string, len(given)+4)
	for k, v := range given {
		g[k] = v
	}
	if sp := t.Speaker; sp != "" {
		if role, ok := strings.CutPrefix(sp, "The "); ok {
			g["title"] = role
		} else {
			g["speaker"] = sp
		}
	}
	if t.Delegation != "" {
		g["delegation"] = t.Delegation
	}
	if t.OnBehalfOf != "" {
		g["onbehalfof"] = t.OnBehalfOf
	}
	if t.Procedural {
		g["procedural"] = "true"
	}
	return g
}
