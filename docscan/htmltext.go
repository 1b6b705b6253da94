package docscan

import (
	"bytes"
	"strings"
)

// codeElements hold code, not prose: their text is never a run.
var codeElements = map[string]bool{"code": true, "pre": true, "kbd": true, "samp": true, "script": true, "style": true, "var": true, "tt": true}

// blockElements start a new run: text on either side of them is not one
// sentence.
var blockElements = map[string]bool{"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "td": true, "th": true,
	"tr": true, "table": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true,
	"details": true, "summary": true, "blockquote": true, "dt": true, "dd": true, "hr": true, "figure": true, "figcaption": true}

// htmlTextRuns turns the text of an HTML block (src[start:stop]) into
// prose runs: what a reader sees between the tags. Tags, comments,
// attribute values, JSX expressions ({...}) and code elements are left
// out; alt and title attributes are runs of their own (altRunsIn).
func (d *Document) htmlTextRuns(start, stop int) {
	if start < 0 || stop > len(d.Src) || start >= stop {
		return
	}
	src := d.Src[start:stop]
	var rb runBuilder
	scope, level := ScopeParagraph, 0
	flush := func(at int) {
		if len(bytes.TrimSpace(rb.b)) > 0 {
			r := rb.run(scope, at)
			r.Level = level
			d.Runs = append(d.Runs, r)
		}
		rb = runBuilder{}
		scope, level = ScopeParagraph, 0
	}
	code := 0 // depth inside code elements
	text := -1
	endText := func(i int) {
		if text >= 0 && code == 0 {
			rb.addText(src[text:i], start+text)
		}
		text = -1
	}
	for i := 0; i < len(src); {
		switch c := src[i]; {
		case c == '<' && bytes.HasPrefix(src[i:], []byte("<!--")):
			endText(i)
			j := bytes.Index(src[i+4:], []byte("-->"))
			if j < 0 {
				i = len(src)
			} else {
				i += 4 + j + 3
			}
			rb.space(start + i - 1)
		case c == '<' && i+1 < len(src) && (isLetter(src[i+1]) || src[i+1] == '/'):
			endText(i)
			end := tagEnd(src, i)
			name, closing := tagName(src[i:end])
			switch {
			case codeElements[name] && !closing && !bytes.HasSuffix(bytes.TrimRight(src[i:end], ">"), []byte("/")):
				code++
			case codeElements[name] && closing && code > 0:
				code--
			}
			if blockElements[name] {
				flush(start + i)
				if !closing && len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
					scope, level = ScopeHeading, int(name[1]-'0')
				}
			} else {
				rb.space(start + i)
			}
			i = end
		case c == '{':
			endText(i)
			i = matchBrace(src, i)
			rb.space(start + i - 1)
		default:
			if text < 0 {
				text = i
			}
			i++
		}
	}
	endText(len(src))
	flush(stop)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// tagEnd returns the index after the '>' that closes the tag at src[i],
// skipping quoted attribute values and JSX expressions.
func tagEnd(src []byte, i int) int {
	quote := byte(0)
	for j := i + 1; j < len(src); j++ {
		c := src[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '{':
			j = matchBrace(src, j) - 1
		case c == '>':
			return j + 1
		}
	}
	return len(src)
}

// matchBrace returns the index after the brace that closes src[i] ('{').
func matchBrace(src []byte, i int) int {
	depth := 0
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(src)
}

// tagName returns the lowercase element name of a tag and whether it
// closes the element.
func tagName(tag []byte) (string, bool) {
	t := bytes.TrimPrefix(tag, []byte("<"))
	closing := bytes.HasPrefix(t, []byte("/"))
	t = bytes.TrimPrefix(t, []byte("/"))
	n := 0
	for n < len(t) && (isLetter(t[n]) || t[n] >= '0' && t[n] <= '9' || t[n] == '-' || t[n] == '.') {
		n++
	}
	return strings.ToLower(string(t[:n])), closing
}
