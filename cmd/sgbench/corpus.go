package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/stancegraph/stancegraph/extract"
)

// A size is one corpus size to measure: a number of files, or every file
// of the corpus (All).
type size struct {
	N   int
	All bool
}

func (s size) String() string {
	if s.All {
		return "all"
	}
	return strconv.Itoa(s.N)
}

func parseSizes(s string) ([]size, error) {
	var out []size
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		switch {
		case f == "":
			continue
		case strings.EqualFold(f, "all"):
			out = append(out, size{All: true})
		default:
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("-n: %q is neither a positive number nor \"all\"", f)
			}
			out = append(out, size{N: n})
		}
	}
	if len(out) == 0 {
		return nil, errors.New("-n: no sizes given")
	}
	return out, nil
}

// corpusFiles lists the statement files of a corpus folder, as ingest
// would find them, relative to dir and sorted; documentation at the
// corpus root (SOURCES.md and the like) is left out.
func corpusFiles(dir string) ([]string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w (give another folder with -corpus)", dir, unwrapPath(err))
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("corpus %s: not a folder", dir)
	}
	paths, err := extract.Files([]string{dir})
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	var out []string
	for _, p := range paths {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return nil, err
		}
		if !strings.Contains(rel, string(filepath.Separator)) && strings.EqualFold(filepath.Ext(rel), ".md") {
			continue
		}
		out = append(out, rel)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus %s: no statement files", dir)
	}
	return out, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ungdName is the UN General Debate Corpus file-name convention
// (CCC_SS_YYYY.txt, session SS of the General Assembly opening in year
// 1945+SS), which the extractor reads delegation, session and year from.
var ungdName = regexp.MustCompile(`^([A-Z]{2,3})_(\d{1,3})_(\d{4})(\.txt)$`)

// shiftedName renames a copy: General Debate files move k*span years and
// sessions on, so copies are new statements of later sessions; other
// files keep their name (the copy's folder makes its IRI new).
func shiftedName(name string, k, span int) string {
	g := ungdName.FindStringSubmatch(name)
	if g == nil || k == 0 {
		return name
	}
	sess, _ := strconv.Atoi(g[2])
	year, _ := strconv.Atoi(g[3])
	return fmt.Sprintf("%s_%d_%d%s", g[1], sess+k*span, year+k*span, g[4])
}

// yearSpan is the number of years the General Debate files cover, the
// shift between copies; at least 1.
func yearSpan(files []string) int {
	lo, hi := 0, 0
	for _, f := range files {
		if g := ungdName.FindStringSubmatch(filepath.Base(f)); g != nil {
			y, _ := strconv.Atoi(g[3])
			if lo == 0 || y < lo {
				lo = y
			}
			if y > hi {
				hi = y
			}
		}
	}
	if lo == 0 {
		return 1
	}
	return hi - lo + 1
}

// builtCorpus is a corpus folder made for one size.
type builtCorpus struct {
	Dir    string
	Files  int
	Copies int   // files that are renamed copies
	Bytes  int64 // bytes of the source files
}

// buildCorpus fills dst with sz files from src: for a size up to the
// corpus, files evenly spread over the sorted list (so every set and year
// is represented); above it, the whole corpus followed by renamed copies
// in folders rep1, rep2, ... Files are hard-linked when possible and
// copied otherwise; each folder's metadata table comes along.
func buildCorpus(src, dst string, files []string, sz size) (*builtCorpus, error) {
	n := sz.N
	if sz.All {
		n = len(files)
	}
	type item struct{ from, to string }
	var items []item
	if n <= len(files) {
		for i := 0; i < n; i++ {
			f := files[i*len(files)/n]
			items = append(items, item{f, f})
		}
	} else {
		span := yearSpan(files)
		for k := 0; len(items) < n; k++ {
			for _, f := range files {
				if len(items) == n {
					break
				}
				to := f
				if k > 0 {
					to = filepath.Join(fmt.Sprintf("rep%d", k), filepath.Dir(f), shiftedName(filepath.Base(f), k, span))
				}
				items = append(items, item{f, to})
			}
		}
	}
	bc := &builtCorpus{Dir: dst}
	sidecars := map[string]bool{}
	for _, it := range items {
		to := filepath.Join(dst, it.to)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return nil, err
		}
		nb, err := linkOrCopy(filepath.Join(src, it.from), to)
		if err != nil {
			return nil, err
		}
		bc.Files++
		bc.Bytes += nb
		if it.from != it.to {
			bc.Copies++
		}
		dir := filepath.Dir(it.to)
		if !sidecars[dir] {
			sidecars[dir] = true
			sc := filepath.Join(src, filepath.Dir(it.from), extract.SidecarName)
			if _, err := os.Stat(sc); err == nil {
				// A table naming files absent here is harmless; renamed
				// copies lose their rows (none of the shared corpus has one).
				if _, err := linkOrCopy(sc, filepath.Join(dst, dir, extract.SidecarName)); err != nil {
					return nil, err
				}
			}
		}
	}
	return bc, nil
}

// linkOrCopy makes to a hard link of from, or a copy where links fail,
// and returns the file's size.
func linkOrCopy(from, to string) (int64, error) {
	fi, err := os.Stat(from)
	if err != nil {
		return 0, err
	}
	if err := os.Link(from, to); err == nil {
		return fi.Size(), nil
	}
	in, err := os.Open(from)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return 0, err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return 0, err
	}
	return fi.Size(), out.Close()
}
