package docscan

import (
	"bytes"
	"fmt"

	"github.com/toslint/toslint/internal/policy"
)

// Some Markdown shapes make goldmark super-linear: its emphasis and link
// parsers compare every delimiter with every earlier one in a paragraph
// (a paragraph of 33,000 "*a_" runs does not finish in 20 s), footnote
// references are looked up in a list (20,000 footnotes: 7 s), and every
// level of nesting costs a node on every line (3,000 lines of growing
// block quotes: 515 MB). checkLimits measures those shapes in one pass
// over the bytes, before the parser sees them, so that such a document is
// reported (TOS001, naming the limit and its config key) instead of
// stalling the run.

// limitError says which limit a document is over.
type limitError struct {
	count, limit int
	what         string // "levels of nesting", ...
	where        string // "at line 12", "in the paragraph at line 40"
	line         int
	key          string // config key that raises the limit
}

func (e *limitError) Error() string {
	return fmt.Sprintf("%d %s %s, over the limit of %d (raise %s in .toslint.yml to scan it)",
		e.count, e.what, e.where, e.limit, e.key)
}

// prescan holds the state of checkLimits between lines.
type prescan struct {
	lim         policy.Limits
	src         []byte
	line        int   // current line, 1-based
	lineEnd     int   // offset of the end of the current line
	fence       byte  // '`' or '~' while in a fenced code block
	fenceLen    int   // length of the opening fence
	lists       []int // content columns of the open list items
	unit        bool  // inside an inline unit: a paragraph, heading, table row or list item
	unitLine    int   // where it started
	unitStart   int   // offset where it starts
	unitEnd     int   // offset where its last line ends
	heading     bool  // the unit is a heading
	table       bool  // the paragraph is a table: rows are units of their own
	footnotes   int   // "[^" so far
	footnotesOK bool  // the whole document is under the footnote limit
	err         *limitError
	// The largest counts seen in one unit, for tests and for choosing
	// the defaults.
	maxBrackets, maxEmphasis, maxDepth int
}

// checkLimits reports the first limit src (front matter blanked) is over,
// or nil. It reads every byte a constant number of times.
func checkLimits(src []byte, lim policy.Limits) *limitError {
	p := &prescan{lim: lim, src: src}
	// Footnotes are counted line by line only when the document has more
	// "[^" than the limit at all (to say where).
	p.footnotesOK = bytes.Count(src, []byte("[^")) <= lim.Footnotes
	for off := 0; off < len(src) && p.err == nil; {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		p.line++
		p.lineEnd = end
		p.scanLine(bytes.TrimSuffix(src[off:end], []byte("\r")), off)
		off = end + 1
	}
	if p.err == nil {
		p.endUnit()
	}
	return p.err
}

func (p *prescan) scanLine(line []byte, off int) {
	if isBlank(line) {
		if p.fence == 0 {
			p.endUnit()
		}
		return
	}
	// The container prefix: indentation, '>' and list markers.
	w := indent(line)
	i, quotes, markers, firstMarker := 0, 0, 0, false
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i < len(line) && line[i] == '>' {
			quotes++
			i++
			continue
		}
		if n := listMarker(line[i:]); n > 0 {
			if markers == 0 && quotes == 0 && i == w {
				firstMarker = true
			}
			markers++
			i += n
			continue
		}
		break
	}
	content := line[i:]
	if p.fence != 0 {
		// Inside a top-level fenced code block only a closing fence (at
		// most three spaces in, nothing after it) ends it; prefixes are
		// code there.
		if n := fenceRun(line[w:], p.fence); w <= 3 && n >= p.fenceLen && isBlank(line[w+n:]) {
			p.fence = 0
		}
		return
	}
	// List items: an item at column w closes the open items whose content
	// starts right of w, unless the line may continue an open paragraph
	// lazily; a marker opens one more level.
	if firstMarker || !p.unit {
		for len(p.lists) > 0 && p.lists[len(p.lists)-1] > w {
			p.lists = p.lists[:len(p.lists)-1]
		}
	}
	// Code is not parsed for inline markup, so its brackets and emphasis
	// characters cost nothing; but only the code blocks that are sure to
	// be code (top level, where the rules are simple) are skipped: inside
	// containers everything counts, so that no arrangement of prefixes
	// can hide a paragraph from this check.
	if topLevel := quotes == 0 && markers == 0 && len(p.lists) == 0; topLevel {
		if c := firstByte(content); w <= 3 && (c == '`' || c == '~') {
			if n := fenceRun(content, c); n >= 3 && (c == '~' || bytes.IndexByte(content[n:], '`') < 0) {
				p.endUnit()
				p.fence, p.fenceLen = c, n
				return
			}
		}
		if w >= 4 && !p.unit {
			return // indented code
		}
	}
	if firstMarker {
		p.lists = append(p.lists, w+listMarker(line[w:]))
		markers--
	}
	depth := quotes + markers + len(p.lists)
	p.maxDepth = max(p.maxDepth, depth)
	if depth > p.lim.NestingDepth {
		p.fail(depth, p.lim.NestingDepth, "levels of nesting (block quotes and lists)", fmt.Sprintf("at line %d", p.line), p.line, "max_nesting_depth")
		return
	}
	if n := bytes.Count(content, []byte("[^")); !p.footnotesOK && n > 0 {
		p.footnotes += n
		if p.footnotes > p.lim.Footnotes {
			p.fail(p.footnotes, p.lim.Footnotes, "footnote references and definitions", fmt.Sprintf("by line %d", p.line), p.line, "max_footnotes")
			return
		}
	}
	// Inline units: a paragraph, or one table row or heading.
	switch {
	case firstByte(content) == '#':
		p.endUnit()
		p.start(off)
		p.heading = true
		p.endUnit()
		return
	case p.unit && isDelimiterRow(content):
		p.endUnit()
		p.start(p.lineEnd)
		p.table = true
		return
	case p.table:
		p.endUnit()
		p.start(off)
		p.table = true
	case markers > 0 || firstMarker:
		p.endUnit() // each list item's text is parsed on its own
		p.start(off)
	case !p.unit:
		p.start(off)
	}
	p.unitEnd = p.lineEnd
}

// start starts an inline unit at offset off, the current line.
func (p *prescan) start(off int) {
	p.unit, p.unitLine, p.unitStart, p.unitEnd = true, p.line, off, p.lineEnd
}

// endUnit checks the inline unit that ends here and starts a new one.
func (p *prescan) endUnit() {
	if !p.unit || p.err != nil {
		p.unit, p.table, p.heading = false, false, false
		return
	}
	// Counted over the unit's bytes at once (container prefixes
	// included): a few vectorised passes, not a loop over every byte.
	u := p.src[p.unitStart:p.unitEnd]
	brackets := bytes.Count(u, []byte("["))
	emphasis := bytes.Count(u, []byte("*")) + bytes.Count(u, []byte("_")) + bytes.Count(u, []byte("~"))
	if emphasis > p.lim.Emphasis {
		emphasis = delimiterRuns(u) // goldmark keeps a run ("***") as one delimiter
	}
	p.maxBrackets, p.maxEmphasis = max(p.maxBrackets, brackets), max(p.maxEmphasis, emphasis)
	if brackets > p.lim.Brackets || emphasis > p.lim.Emphasis {
		where := fmt.Sprintf("in the paragraph at line %d", p.unitLine)
		if p.table {
			where = fmt.Sprintf("in the table row at line %d", p.unitLine)
		} else if p.heading {
			where = fmt.Sprintf("in the heading at line %d", p.unitLine)
		}
		if brackets > p.lim.Brackets {
			p.fail(brackets, p.lim.Brackets, "'[' characters", where, p.unitLine, "max_brackets_per_paragraph")
		} else {
			p.fail(emphasis, p.lim.Emphasis, "runs of '*', '_' or '~'", where, p.unitLine, "max_emphasis_per_paragraph")
		}
	}
	p.unit, p.table, p.heading = false, false, false
}

// delimiterRuns counts the runs of '*', '_' and '~' in b.
func delimiterRuns(b []byte) int {
	n := 0
	var prev byte
	for _, c := range b {
		if (c == '*' || c == '_' || c == '~') && c != prev {
			n++
		}
		prev = c
	}
	return n
}

func (p *prescan) fail(count, limit int, what, where string, line int, key string) {
	if p.err == nil {
		p.err = &limitError{count: count, limit: limit, what: what, where: where, line: line, key: key}
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// indent is the number of leading spaces and tabs.
func indent(b []byte) int {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

func firstByte(b []byte) byte {
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// listMarker returns the length of a list marker and the space after it at
// the start of b ("- ", "* ", "+ ", "1. ", "12) "), or 0.
func listMarker(b []byte) int {
	n := 0
	switch {
	case len(b) > 0 && (b[0] == '-' || b[0] == '*' || b[0] == '+'):
		n = 1
	default:
		for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(b) || (b[n] != '.' && b[n] != ')') {
			return 0
		}
		n++
	}
	if n == len(b) {
		return n
	}
	if b[n] != ' ' && b[n] != '\t' {
		return 0
	}
	return n + 1
}

// fenceRun is the number of c at the start of b.
func fenceRun(b []byte, c byte) int {
	n := 0
	for n < len(b) && b[n] == c {
		n++
	}
	return n
}

// isDelimiterRow reports a GFM table delimiter row ("|---|:-:|").
func isDelimiterRow(b []byte) bool {
	dash, pipe := false, false
	for _, c := range b {
		switch c {
		case '-':
			dash = true
		case '|':
			pipe = true
		case ':', ' ', '\t':
		default:
			return false
		}
	}
	return dash && pipe
}
