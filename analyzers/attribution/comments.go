package attribution

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
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

// text returns the group's text without markers, lines joined by spaces,
// with quoted examples blanked (see unquotedLines).
func (g group) text() string {
	var b strings.Builder
	for _, l := range g.unquotedLines() {
		b.WriteString(l.text)
		b.WriteByte(' ')
	}
	return b.String()
}

// unquotedLines returns the lines of the group's comments in order, with
// every quotation that reads like an example of a notice blanked: a span
// between double quotes ("...", “...”) or backticks, closed within the
// group, that holds a copyright mark, a license grant or a URL. Comments
// that describe notices quote them ("Copyright (c) 2020 Name", "based on
// the code from https://..."); a quotation is a mention, not a statement.
// Quotes without those words stay ((the "License"), "AS IS"), and a quote
// that never closes blanks nothing. Blanking keeps byte offsets.
func (g group) unquotedLines() []line {
	var lines []line
	for _, c := range g.list {
		lines = append(lines, c.lines()...)
	}
	type pos struct{ line, col int }
	var open *pos
	var openQuote rune
	var spans [][2]pos
	for i, l := range lines {
		for j, r := range l.text {
			switch {
			case open == nil && (r == '"' || r == '“' || r == '`'):
				open, openQuote = &pos{i, j}, r
			case open != nil && (r == openQuote && r != '“' || openQuote == '“' && r == '”'):
				spans = append(spans, [2]pos{*open, {i, j + utf8.RuneLen(r)}})
				open = nil
			}
		}
	}
	// parts returns, for each line a span covers, the line and the byte
	// range of the span in it.
	type part struct{ line, from, to int }
	parts := func(sp [2]pos) []part {
		var out []part
		for i := sp[0].line; i <= sp[1].line; i++ {
			p := part{i, 0, len(lines[i].text)}
			if i == sp[0].line {
				p.from = sp[0].col
			}
			if i == sp[1].line {
				p.to = sp[1].col
			}
			out = append(out, p)
		}
		return out
	}
	for _, sp := range spans {
		var quoted strings.Builder
		for _, p := range parts(sp) {
			quoted.WriteString(lines[p.line].text[p.from:p.to])
			quoted.WriteByte(' ')
		}
		if !noticeWords.MatchString(quoted.String()) {
			continue
		}
		for _, p := range parts(sp) {
			t := lines[p.line].text
			lines[p.line].text = t[:p.from] + strings.Repeat(" ", p.to-p.from) + t[p.to:]
		}
	}
	return lines
}

// noticeWords are the words that make a quotation an example of a notice.
var noticeWords = regexp.MustCompile(`(?i)copyright|\(c\)|©|licensed\s+under|spdx-license|https?://`)

func (g group) start() int { return g.list[0].start }
func (g group) end() int   { return g.list[len(g.list)-1].end }
