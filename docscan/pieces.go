package docscan

import (
	"bytes"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// pieces returns the offsets where src is cut into pieces of about
// pieceSize bytes for parsing, starting at from and ending with len(src)
// (just those two for a document under twice pieceSize). A cut is made
// only where a top-level block surely starts: after a blank line, at a
// line that begins in column 0 with a character that continues no list,
// definition or footnote, outside fenced code and outside HTML blocks
// that may hold blank lines (comments, <pre>, <script>, <style>,
// <textarea>, <?...?>, <!...>). Inside anything else the piece grows.
func pieces(src []byte, from int) []int {
	cuts := []int{from}
	if len(src)-from < 2*pieceSize {
		return append(cuts, len(src))
	}
	var (
		fence    byte   // open fence character
		fenceLen int    // its length
		htmlEnd  []byte // what ends the open HTML block
		blank    = true // the previous line was blank
	)
	for off := from; off < len(src); {
		end := lineEnd(src, off)
		line := bytes.TrimSuffix(src[off:end], []byte("\r"))
		w := indent(line)
		rest := line[w:]
		switch {
		case fence != 0:
			if n := fenceRun(rest, fence); w <= 3 && n >= fenceLen && isBlank(rest[n:]) {
				fence = 0
			}
		case htmlEnd != nil:
			if bytes.Contains(bytes.ToLower(line), htmlEnd) {
				htmlEnd = nil
			}
		default:
			if blank && !isBlank(line) && w == 0 && off-cuts[len(cuts)-1] >= pieceSize && startsBlock(line) {
				cuts = append(cuts, off)
			}
			if c := firstByte(rest); w <= 3 && (c == '`' || c == '~') {
				if n := fenceRun(rest, c); n >= 3 {
					fence, fenceLen = c, n
				}
			} else if w <= 3 && c == '<' {
				if e := htmlBlockEnd(rest); e != nil && !bytes.Contains(bytes.ToLower(rest[1:]), e) {
					htmlEnd = e
				}
			}
		}
		blank = isBlank(line)
		off = end + 1
	}
	if len(src)-cuts[len(cuts)-1] < pieceSize/4 && len(cuts) > 1 {
		cuts = cuts[:len(cuts)-1] // no crumb at the end
	}
	return append(cuts, len(src))
}

// startsBlock reports whether a line in column 0 after a blank line
// starts a new top-level block rather than continuing a list item, a
// definition or a footnote.
func startsBlock(line []byte) bool {
	switch line[0] {
	case ' ', '\t', ':', '|':
		return false
	}
	return listMarker(line) == 0
}

// htmlBlockEnd returns what ends an HTML block that may hold blank lines
// and starts at line (which starts with '<'), in lowercase, or nil.
func htmlBlockEnd(line []byte) []byte {
	lower := bytes.ToLower(line[:min(len(line), 12)])
	switch {
	case bytes.HasPrefix(lower, []byte("<!--")):
		return []byte("-->")
	case bytes.HasPrefix(lower, []byte("<![cdata[")):
		return []byte("]]>")
	case bytes.HasPrefix(lower, []byte("<?")):
		return []byte("?>")
	case bytes.HasPrefix(lower, []byte("<!")):
		return []byte(">")
	}
	for _, tag := range []string{"pre", "script", "style", "textarea"} {
		if bytes.HasPrefix(lower[1:], []byte(tag)) {
			if n := 1 + len(tag); n == len(lower) || lower[n] == ' ' || lower[n] == '>' || lower[n] == '\t' {
				return []byte("</" + tag + ">")
			}
		}
	}
	return nil
}

// references returns the link reference definitions of a document that
// is parsed in pieces, so that a reference used in one piece and defined
// in another still resolves. It parses only the lines that look like
// definitions (and the line after each, which may hold a title).
func references(src []byte) []parser.Reference {
	var defs []byte
	for off := 0; off < len(src); {
		end := lineEnd(src, off)
		line := src[off:end]
		if t := line[min(indent(line), len(line)):]; indent(line) <= 3 && bytes.HasPrefix(t, []byte("[")) && !bytes.HasPrefix(t, []byte("[^")) && bytes.Contains(t, []byte("]:")) {
			next := end + 1
			if next < len(src) {
				if e := bytes.IndexByte(src[next:], '\n'); e >= 0 {
					next += e
				} else {
					next = len(src)
				}
			}
			defs = append(defs, src[off:min(next, len(src))]...)
			defs = append(defs, "\n\n"...)
		}
		off = end + 1
	}
	if len(defs) == 0 {
		return nil
	}
	pc := parser.NewContext()
	markdown.Parse(text.NewReader(defs), parser.WithContext(pc))
	return pc.References()
}
