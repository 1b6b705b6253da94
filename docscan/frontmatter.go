package docscan

import (
	"bytes"
	"strings"
	"unicode/utf8"

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

// splitFrontMatter finds a front matter block that starts at offset from
// of src (after a byte order mark, if any) and returns its bounds and the
// offset of its body (after the opening line). Line breaks are LF or CRLF
// (normalizeCR turned lone CRs into LFs).
func splitFrontMatter(src []byte, from int) (start, bodyStart, end int, ok bool) {
	rest := src[from:]
	if !bytes.HasPrefix(rest, []byte("---\n")) && !bytes.HasPrefix(rest, []byte("---\r\n")) {
		return 0, 0, 0, false
	}
	bodyStart = from + bytes.IndexByte(rest, '\n') + 1
	for off := bodyStart; off < len(src); {
		nl := bytes.IndexByte(src[off:], '\n')
		line := src[off:]
		if nl >= 0 {
			line = src[off : off+nl]
		}
		if t := bytes.TrimRight(line, "\r \t"); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			return from, bodyStart, off + len(line), true
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	return 0, 0, 0, false
}

// parseFrontMatter parses the front matter src[start:end] (body from
// body on) and adds runs for the prose keys. Bad YAML is recorded, not
// fatal.
func (d *Document) parseFrontMatter(src []byte, start, body, end int, proseKeys []string) {
	fm := &FrontMatter{Start: start, End: end, Keys: map[string]int{}}
	d.FrontMatter = fm
	orig := src
	closing := bytes.LastIndexByte(orig[:end], '\n') + 1
	block := orig[body:closing]
	lineStarts := []int{body}
	for i := bytes.IndexByte(block, '\n'); i >= 0; {
		lineStarts = append(lineStarts, body+i+1)
		j := bytes.IndexByte(block[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	// offsetOf turns the YAML library's line and column (in characters)
	// into a byte offset.
	offsetOf := func(line, col int) int {
		if line < 1 || line > len(lineStarts) {
			return body
		}
		off := lineStarts[line-1]
		for ; col > 1 && off < closing && orig[off] != '\n'; col-- {
			_, n := utf8.DecodeRune(orig[off:closing])
			off += n
		}
		return off
	}
	d.work += len(block)
	var root yaml.Node
	if simple, ok := simpleYAML(block); ok {
		root = *simple
	} else if err := yaml.Unmarshal(block, &root); err != nil {
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
			d.frontMatterRun(orig[:end], k.Value, sv, offsetOf(sv.Line, sv.Column))
		}
	}
}

// frontMatterRun maps a scalar's text back to the source (orig ends with
// the front matter): plain and quoted single-line scalars exactly; others
// by finding each line's text a little ahead of the previous one.
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
		from := min(at, len(orig))
		for _, line := range strings.Split(text, "\n") {
			if line == "" {
				continue
			}
			// An escaped line is at most 10 times longer in the source
			// (\UXXXXXXXX): look no further, so that lines that are not
			// found cost their own length, not the rest of the file.
			window := orig[from:min(len(orig), from+10*len(line)+64)]
			d.work += len(window)
			i := bytes.Index(window, []byte(line))
			if i < 0 {
				rb.addText([]byte(line), from)
			} else {
				rb.addText([]byte(line), from+i)
				from += i + len(line)
			}
			rb.space(from)
		}
	}
	if rb.empty() {
		return
	}
	r := rb.run(ScopeFrontMatter, rb.lastOffset()+1)
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

// simpleYAML reads the front matter most pages have, a mapping of keys to
// plain or simply quoted one-line values and lists of them, about ten
// times faster than the YAML library, which it stands in for: it returns
// the nodes the library would (lines and columns in characters), or false
// for anything else (block or multi-line scalars, flow collections,
// anchors, tags, escapes, tabs, duplicate keys, odd indentation), which
// the library then reads. FuzzSimpleYAML checks that they agree.
func simpleYAML(block []byte) (*yaml.Node, bool) {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	var (
		seq     *yaml.Node // the list the last key opened, if its value was empty
		seqCol  int        // column of its "- "
		lastVal *yaml.Node // the last key's value
		seen    = map[string]bool{}
		first   = true
	)
	line := 0
	for off := 0; off < len(block); {
		end := bytes.IndexByte(block[off:], '\n')
		if end < 0 {
			end = len(block)
		} else {
			end += off
		}
		text := bytes.TrimSuffix(block[off:end], []byte("\r"))
		off = end + 1
		line++
		if !printable(string(text)) || bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("...")) {
			return nil, false // a tab, CR or control character; a document marker
		}
		trimmed := bytes.TrimLeft(text, " ")
		switch {
		case len(trimmed) == 0 || trimmed[0] == '#':
			continue
		case trimmed[0] == '-':
			// A list item under the last key: "  - value".
			ind := len(text) - len(trimmed)
			if lastVal == nil || (seq == nil && (lastVal.Kind != yaml.ScalarNode || lastVal.Value != "" || lastVal.Tag != "!!null")) ||
				len(trimmed) < 3 || trimmed[1] != ' ' || (seq != nil && ind != seqCol) {
				return nil, false
			}
			if seq == nil {
				seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Column: ind + 1}
				seqCol = ind
				m.Content[len(m.Content)-1] = seq
				lastVal = seq
			}
			v, ok := simpleScalar(text, ind+2, line)
			if !ok {
				return nil, false
			}
			seq.Content = append(seq.Content, v)
		case len(trimmed) != len(text):
			return nil, false // indented: a continuation or a nested mapping
		default:
			colon := bytes.IndexByte(text, ':')
			if colon < 0 || (colon+1 < len(text) && text[colon+1] != ' ') {
				return nil, false // no key, or a ':' inside it
			}
			key := string(text[:colon])
			if !plainSafe(key) || seen[key] || key == "<<" || len(key) > 1000 { // YAML keys end at 1024 characters
				return nil, false
			}
			seen[key] = true
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: line, Column: 1}
			start := colon + 1
			for start < len(text) && text[start] == ' ' {
				start++
			}
			var v *yaml.Node
			if start >= len(text) {
				v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: line, Column: utf8.RuneCount(text[:colon]) + 2}
			} else {
				var ok bool
				if v, ok = simpleScalar(text, start, line); !ok {
					return nil, false
				}
			}
			if first {
				m.Line, m.Column, first = line, 1, false
			}
			m.Content = append(m.Content, k, v)
			lastVal, seq = v, nil
		}
	}
	if len(m.Content) == 0 {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: m.Line, Column: 1, Content: []*yaml.Node{m}}, true
}

// simpleScalar reads the one-line scalar text[start:] (plain, or quoted
// with no escapes), or returns false.
func simpleScalar(text []byte, start, line int) (*yaml.Node, bool) {
	raw := string(bytes.TrimRight(text[start:], " "))
	if raw == "" {
		return nil, false
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Line: line, Column: utf8.RuneCount(text[:start]) + 1}
	switch q := raw[0]; {
	case q == '"' || q == '\'':
		if len(raw) < 2 || raw[len(raw)-1] != q || strings.IndexByte(raw[1:len(raw)-1], q) >= 0 || strings.IndexByte(raw, '\\') >= 0 || !printable(raw) {
			return nil, false
		}
		n.Value = raw[1 : len(raw)-1]
		n.Style = yaml.DoubleQuotedStyle
		if q == '\'' {
			n.Style = yaml.SingleQuotedStyle
		}
	case plainSafe(raw):
		n.Value = raw
		n.Tag = plainTag(raw)
	default:
		return nil, false
	}
	return n, true
}

// plainSafe reports a plain scalar that means itself in YAML: it starts
// with no indicator, holds no ": " or " #", ends with no ':', and has no
// control characters.
func plainSafe(s string) bool {
	return s != "" && !strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@` ") && !strings.HasSuffix(s, ":") &&
		!strings.Contains(s, ": ") && !strings.Contains(s, " #") && !strings.HasSuffix(s, " ") && printable(s)
}

// printable reports text with no control characters and nothing YAML
// reads as a line break or a byte order mark.
func printable(s string) bool {
	for _, r := range s {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xA0) || r == 0xFEFF || r == 0x2028 || r == 0x2029 || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// plainTag is the tag the YAML library resolves a plain scalar to; only
// strings and the few values below (the others fall back to the library)
// are told apart, as the front-matter code reads Value alone.
func plainTag(s string) string {
	switch s {
	case "~", "null", "Null", "NULL":
		return "!!null"
	}
	return "!!str"
}
