package reader

import (
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// readText decodes a txt or md file, moves its front matter into d.Meta
// and strips markdown markers.
func readText(data []byte, d *Document, forced string) (string, error) {
	s, err := decode(data, d, forced, nil)
	if err != nil {
		return "", err
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = frontMatter(s, d)
	if d.Format == "md" {
		return stripMarkdown(s), nil
	}
	return stripStrong(s), nil
}

// frontMatter removes YAML front matter ("---" lines around YAML at the
// very start) from s and stores its scalar values in d.Meta.
func frontMatter(s string, d *Document) string {
	t := strings.TrimLeft(s, "\n")
	if !strings.HasPrefix(t, "---\n") {
		return s
	}
	end := strings.Index(t[3:], "\n---")
	if end < 0 {
		return s
	}
	block := t[4 : 3+end+1]
	rest := t[3+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 && strings.TrimSpace(rest[:i]) == "" {
		rest = rest[i+1:]
	} else if strings.TrimSpace(rest) == "" {
		rest = ""
	} else {
		return s // "---abc" is no closing line
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(block), &root); err != nil {
		d.Warnings = append(d.Warnings, "front matter is not valid YAML, kept as text: "+firstLine(err.Error()))
		return s
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		d.Warnings = append(d.Warnings, "front matter is not a YAML mapping, kept as text")
		return s
	}
	// Values are kept as written: "2021-12-14" stays a string, not a time.
	m := root.Content[0].Content
	for i := 0; i+1 < len(m); i += 2 {
		k, v := strings.ToLower(m[i].Value), m[i+1]
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Tag != "!!null" {
				d.Meta[k] = v.Value
			}
		case yaml.SequenceNode:
			var parts []string
			for _, e := range v.Content {
				if e.Kind == yaml.ScalarNode {
					parts = append(parts, e.Value)
				}
			}
			d.Meta[k] = strings.Join(parts, "; ")
		}
	}
	return rest
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

var (
	strongRe  = regexp.MustCompile(`\*\*|__`)
	headingRe = regexp.MustCompile(`(?m)^[ ]{0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$`)
	emRe      = regexp.MustCompile(`(?m)(^|[\s(\[\p{Pd}"'“‘])[*_]([^\s*_](?:[^*_\n]*[^\s*_])?)[*_]($|[\s)\].,;:!?\p{Pd}"'”’])`)
	linkRe    = regexp.MustCompile(`!?\[([^\]\n]*)\]\([^)\n]*\)`)
)

// stripStrong removes strong-emphasis markers, which plain-text
// statements copied from markdown keep ("**Statement by ...**").
func stripStrong(s string) string {
	if !strings.Contains(s, "**") && !strings.Contains(s, "__") {
		return s
	}
	return strongRe.ReplaceAllString(s, "")
}

// stripMarkdown removes emphasis, heading markers and link targets.
func stripMarkdown(s string) string {
	s = stripStrong(s)
	s = headingRe.ReplaceAllString(s, "$1")
	s = linkRe.ReplaceAllString(s, "$1")
	for range 2 { // adjacent emphases share a delimiter character
		s = emRe.ReplaceAllString(s, "$1$2$3")
	}
	return s
}
