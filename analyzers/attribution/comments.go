package attribution

import (
	"bytes"
	"strings"
)

// The analyzer is syntax-only and reads Go files itself (see reader.go),
// so it extracts comments with a small lexer rather than a full parse: it
// only has to step over string, raw string and rune literals.

// comment is one // or /* */ comment of a Go file.
type comment struct {
	start, end int // byte offsets in the file, markers included
	text       string
}

// group is a run of comments on adjacent lines with nothing but white
// space between them, as go/ast groups them.
type group struct {
	list []comment
}

// line is one line of a comment without its markers, at an offset.
type line struct {
	text string
	off  int
}

// fileComments lexes src and returns its comment groups and the offset of
// the first token that is not a comment (the package clause, normally),
// or len(src). With headerOnly it stops there.
func fileComments(src []byte, headerOnly bool) (groups []group, firstToken int) {
	firstToken = -1
	var cur *group
	lastEnd, lastLine := -1, -1
	counted, lineNo := 0, 0
	lineOf := func(off int) int { // offsets only grow: count newlines once
		lineNo += bytes.Count(src[counted:off], nl)
		counted = off
		return lineNo
	}
	add := func(c comment) {
		startLine := lineOf(c.start)
		if cur == nil || lastLine < 0 || startLine > lastLine+1 || len(bytes.TrimSpace(src[lastEnd:c.start])) > 0 {
			groups = append(groups, group{})
			cur = &groups[len(groups)-1]
		}
		cur.list = append(cur.list, c)
		lastEnd, lastLine = c.end, lineOf(c.end)
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			add(comment{start: i, end: i + j, text: string(src[i : i+j])})
			i += j
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := bytes.Index(src[i+2:], []byte("*/"))
			end := len(src)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			add(comment{start: i, end: end, text: string(src[i:end])})
			i = end
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		}
		if firstToken < 0 {
			firstToken = i
			if headerOnly {
				return groups, firstToken
			}
		}
		cur = nil // code between comments splits groups
		switch c {
		case '"', '\'':
			i = skipQuoted(src, i, c)
		case '`':
			j := bytes.IndexByte(src[i+1:], '`')
			if j < 0 {
				i = len(src)
			} else {
				i += j + 2
			}
		default:
			i++
		}
	}
	if firstToken < 0 {
		firstToken = len(src)
	}
	return groups, firstToken
}

var nl = []byte{'\n'}

// skipQuoted returns the offset after the literal that starts at src[i]
// with quote q; an unterminated literal ends at the line's end.
func skipQuoted(src []byte, i int, q byte) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q:
			return j + 1
		case '\n':
			return j
		}
	}
	return len(src)
}

// lines returns the lines of a comment without markers (//, /*, */ and
// the leading * of block-comment lines), each with its offset in the file.
func (c comment) lines() []line {
	if strings.HasPrefix(c.text, "//") {
		return []line{{text: c.text[2:], off: c.start + 2}}
	}
	body := strings.TrimPrefix(c.text, "/*")
	body = strings.TrimSuffix(body, "*/")
	var out []line
	off := c.start + 2
	for _, l := range strings.Split(body, "\n") {
		t := strings.TrimLeft(l, " \t")
		lead := len(l) - len(t)
		if strings.HasPrefix(t, "*") {
			t, lead = t[1:], lead+1
		}
		out = append(out, line{text: strings.TrimRight(t, "\r"), off: off + lead})
		off += len(l) + 1
	}
	return out
}

// text returns the group's text without markers, lines joined by spaces.
func (g group) text() string {
	var b strings.Builder
	for _, c := range g.list {
		for _, l := range c.lines() {
			b.WriteString(l.text)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func (g group) start() int { return g.list[0].start }
func (g group) end() int   { return g.list[len(g.list)-1].end }
