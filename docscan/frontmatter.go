package docscan

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FrontMatter is a document's YAML front matter.
type FrontMatter struct {
	Start, End int            // byte range of the block, delimiters included
	Keys       map[string]int // top-level keys → offset of the key
	Err        string         // why it could not be parsed, if it could not
	ErrOffset  int            // where the error is
	// License is the value of a top-level license key (an SPDX id), and
	// LicenseOffset where it is.
	License       string
	LicenseOffset int
}

// DefaultProseKeys are the front-matter keys whose values are prose.
// Search keywords and tags are lists of terms, not prose: never linted.
var DefaultProseKeys = []string{"title", "description", "summary"}

// splitFrontMatter finds a leading front matter block and returns its
// bounds and the offset of its body (after the opening line).
func splitFrontMatter(src []byte) (start, bodyStart, end int, ok bool) {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return 0, 0, 0, false
	}
	bodyStart = bytes.IndexByte(src, '\n') + 1
	for off := bodyStart; off < len(src); {
		nl := bytes.IndexByte(src[off:], '\n')
		line := src[off:]
		if nl >= 0 {
			line = src[off : off+nl]
		}
		if t := bytes.TrimRight(line, "\r \t"); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			return 0, bodyStart, off + len(line), true
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	return 0, 0, 0, false
}

// parseFrontMatter parses the front matter of src (the original bytes)
// and adds runs for the prose keys. Bad YAML is recorded, not fatal.
func (d *Document) parseFrontMatter(orig []byte, proseKeys []string) {
	start, body, end, ok := splitFrontMatter(orig)
	if !ok {
		return
	}
	fm := &FrontMatter{Start: start, End: end, Keys: map[string]int{}}
	d.FrontMatter = fm
	closing := bytes.LastIndexByte(orig[:end], '\n') + 1
	block := orig[body:closing]
	lineStarts := []int{body}
	for i, c := range block {
		if c == '\n' {
			lineStarts = append(lineStarts, body+i+1)
		}
	}
	offsetOf := func(line, col int) int {
		if line < 1 || line > len(lineStarts) {
			return body
		}
		return lineStarts[line-1] + max(col-1, 0)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(block, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 1
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if i := strings.IndexByte(rest, ':'); i > 0 {
				n := 0
				for _, c := range rest[:i] {
					if c < '0' || c > '9' {
						n = -1
						break
					}
					n = n*10 + int(c-'0')
				}
				if n > 0 {
					line, msg = n, strings.TrimSpace(rest[i+1:])
				}
			}
		}
		fm.Err, fm.ErrOffset = msg, offsetOf(line, 1)
		return
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		if len(root.Content) > 0 {
			fm.Err, fm.ErrOffset = "front matter is not a mapping of keys to values", body
		}
		return
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		fm.Keys[k.Value] = offsetOf(k.Line, k.Column)
		if strings.EqualFold(k.Value, "license") && v.Kind == yaml.ScalarNode {
			fm.License, fm.LicenseOffset = v.Value, offsetOf(v.Line, v.Column)
		}
		if !containsFold(proseKeys, k.Value) {
			continue
		}
		values := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			values = v.Content
		}
		for _, sv := range values {
			if sv.Kind != yaml.ScalarNode || sv.Value == "" {
				continue
			}
			d.frontMatterRun(orig, k.Value, sv, offsetOf(sv.Line, sv.Column))
		}
	}
}

// frontMatterRun maps a scalar's text back to the source: plain and quoted
// single-line scalars exactly; others by finding each line's text.
func (d *Document) frontMatterRun(orig []byte, key string, v *yaml.Node, at int) {
	var rb runBuilder
	text := v.Value
	switch v.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		at++
	}
	if at+len(text) <= len(orig) && string(orig[at:at+len(text)]) == text {
		rb.addText([]byte(text), at)
	} else {
		// Folded, literal or escaped scalars: place each line where it is.
		from := at
		for _, line := range strings.Split(text, "\n") {
			if line == "" {
				continue
			}
			i := bytes.Index(orig[from:], []byte(line))
			if i < 0 {
				rb.addText([]byte(line), from)
			} else {
				rb.addText([]byte(line), from+i)
				from += i + len(line)
			}
			rb.space(from)
		}
	}
	if rb.b.Len() == 0 {
		return
	}
	r := rb.run(ScopeFrontMatter, rb.offs[len(rb.offs)-1]+1)
	r.Key = key
	d.Runs = append(d.Runs, r)
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
