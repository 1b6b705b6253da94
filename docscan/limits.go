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
	line        int         // current line, 1-based
	lineEnd     int         // offset of the end of the current line
	fence       byte        // '`' or '~' while in a fenced code block
	fenceLen    int         // length of the opening fence
	lists       []listLevel // the open list items
	unit        bool        // inside an inline unit: a paragraph, heading, table row or list item
	unitLine    int         // where it started
	unitStart   int         // offset where it starts
	unitEnd     int         // offset where its last line ends
	heading     bool        // the unit is a heading
	lazy        bool        // the unit has text: a line may continue it lazily
	noTable     bool        // the unit's paragraph cannot become a table any more
	prevContent []byte      // the last line's content, a table's header row
	table       bool        // the paragraph is a table: rows are units of their own
	footnotes   int         // "[^" so far
	footnotesOK bool        // the whole document is under the footnote limit
	err         *limitError
	// The largest counts seen in one unit, for tests and for choosing
	// the defaults.
	maxBrackets, maxEmphasis, maxDepth int
}

// checkLimits reports the first limit src (front matter blanked) is over,
// or nil. It reads every byte a constant number of times.
func checkLimits(src []byte, lim policy.Limits) *limitError {
	if underLimits(src, lim) {
		return nil
	}
	return prescanLimits(src, lim)
}

// prescanLimits is checkLimits line by line, unit by unit.
func prescanLimits(src []byte, lim policy.Limits) *limitError {
	p := &prescan{lim: lim, src: src}
	// Footnotes are counted line by line only when the document has more
	// "[^" than the limit at all (to say where).
	p.footnotesOK = bytes.Count(src, []byte("[^")) <= lim.Footnotes
	for off := 0; off < len(src) && p.err == nil; {
		end := lineEnd(src, off)
		p.line++
		p.lineEnd = end
		p.scanLine(src[off:end], off) // a CR before the LF stays: goldmark reads it as text in places
		off = end + 1
	}
	if p.err == nil {
		p.endUnit()
	}
	return p.err
}

// underLimits reports, from counts over the whole document, that no
// unit of it can be over a limit, so that the line-by-line prescan is not
// needed (nearly every real page). A unit's '[', '*', '_' and '~' are
// among the document's, and so are its "[^". Each level of nesting takes
// at least one column of the prefix of the line that opens it (a '>', a
// list marker and its space, a definition's ": ", or the indentation that
// places an item inside its parent), and a byte of prefix is at most four
// columns (a tab): depth <= 4 x the longest prefix.
func underLimits(src []byte, lim policy.Limits) bool {
	if bytes.Count(src, []byte("[")) > min(lim.Brackets, lim.Footnotes) ||
		bytes.Count(src, []byte("*"))+bytes.Count(src, []byte("_"))+bytes.Count(src, []byte("~")) > lim.Emphasis {
		return false
	}
	longest := 0
	for off := 0; off < len(src); {
		end := lineEnd(src, off)
		n := 0
		for off+n < end && prefixByte[src[off+n]] {
			n++
		}
		longest = max(longest, n)
		off = end + 1
	}
	return 4*longest < lim.NestingDepth
}

// prefixByte holds the bytes a line's container prefix is made of:
// indentation, '>', list markers ("-", "*", "+", "1.", "1)") and ':'.
var prefixByte = func() (t [256]bool) {
	for _, c := range []byte(" \t\r>-*+:.)0123456789") {
		t[c] = true
	}
	return t
}()

func (p *prescan) scanLine(line []byte, off int) {
	if len(line) > 0 && p.fence == 0 && p.footnotesOK && plainStart[line[0]] {
		// Most lines start with a letter: no container, no code, no
		// heading, so only the inline unit goes on (and lazy continuation
		// aside, the lists end).
		if !p.unit || !p.lazy {
			p.lists = p.lists[:0]
		}
		if p.table {
			p.endUnit()
			p.start(off)
			p.table = true
		} else if !p.unit {
			p.start(off)
		}
		p.unitEnd = p.lineEnd
		p.prevContent = line
		p.lazy = true
		return
	}
	if isBlank(line) {
		if p.fence == 0 {
			p.endUnit()
		}
		return
	}
	// The container prefix: indentation, '>', list markers and a
	// definition's ": ". Markers before any '>' or ": " (leading) may
	// open list items that nest the lines after; the others only count.
	wb := indent(line)      // bytes of indentation
	w := columns(line[:wb]) // and the columns they fill
	// col is the column at i, kept as i moves (tabs stop at every fourth
	// column), so that the prefix costs one pass however long it is.
	i, col, quotes, others, spaces, firm, lastSpaces := 0, 0, 0, 0, 0, -1, 0
	var leading []listLevel
	markerAt := -1 // the first leading marker
	afterQuote := false
	for {
		start := col
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			if line[i] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			i++
		}
		lastSpaces = col - start
		if afterQuote && lastSpaces > 0 {
			spaces += lastSpaces - 1 // a '>' takes one space with it
		} else {
			spaces += lastSpaces
		}
		afterQuote = false
		switch n := listMarker(line[i:]); {
		case i < len(line) && line[i] == '>':
			quotes++
			i++
			col++
			afterQuote = true
			continue
		case i+1 < len(line) && line[i] == ':' && (line[i+1] == ' ' || line[i+1] == '\t'):
			if firm < 0 {
				firm = i // what follows may be text
			}
			if quotes == 0 && others == 0 {
				// A definition nests the indented lines after it like an
				// item (depth counts it once, as a leading marker).
				if markerAt < 0 {
					markerAt = i
				}
				leading = append(leading, listLevel{col: col + 2, kind: ':'})
			} else {
				others++
			}
			i, col = i+2, col+2
			continue
		case n > 0 && quotes == 0 && others == 0:
			if markerAt < 0 {
				markerAt = i
			}
			width := n // the marker and a space, as an empty item has it
			if i+n == len(line) {
				width++
			}
			leading = append(leading, listLevel{col: col + width, kind: markerKind(line[i:])})
			i, col = i+n, col+n
			continue
		case n > 0:
			if firm < 0 { // a marker after a '>'
				firm = i
			}
			others++
			i, col = i+n, col+n
			continue
		}
		break
	}
	content := line[i:]
	if firm < 0 {
		firm = i
	}
	if p.fence != 0 {
		// Inside a top-level fenced code block only a closing fence (at
		// most three spaces in, nothing after it) ends it; prefixes are
		// code there.
		if n := fenceRun(line[wb:], p.fence); w <= 3 && n >= p.fenceLen && isBlank(line[wb+n:]) {
			p.fence = 0
		}
		return
	}
	// Depth is counted generously, from the line alone: every marker, and
	// a level for every two columns of indentation (a nested item starts
	// at least two columns right of its parent's marker), so that no
	// arrangement of lazy lines can hide nesting from it.
	depth := quotes + others + len(leading) + (spaces+1)/2
	p.maxDepth = max(p.maxDepth, depth)
	if depth > p.lim.NestingDepth {
		p.fail(depth, p.lim.NestingDepth, "levels of nesting (block quotes and lists)", fmt.Sprintf("at line %d", p.line), p.line, "max_nesting_depth")
		return
	}
	// The open list items decide which code is top level (and skipped):
	// a line ends the items right of it only when it surely is no lazy
	// continuation of their paragraph. With a paragraph open, a marker
	// left of the innermost item's content is a sibling when it is of that
	// list's kind; otherwise it must be able to interrupt a paragraph (not
	// empty; ordered, numbered 1) and stand less than four columns right
	// of the item it would be in.
	item := false
	if len(leading) > 0 {
		lists := p.lists
		for len(lists) > 0 && lists[len(lists)-1].col > w {
			lists = lists[:len(lists)-1]
		}
		base, sibling := 0, false
		if len(lists) > 0 {
			base = lists[len(lists)-1].col
		}
		if len(lists) < len(p.lists) {
			sibling = p.lists[len(lists)].kind == leading[0].kind
		}
		// A definition's ": " always nests (an empty one too).
		item = !p.unit || sibling || leading[0].kind == ':' || interrupts(line[markerAt:], content) && w < base+4
		if item {
			p.lists = append(lists, leading...)
		}
	} else if !p.unit || !p.lazy {
		for len(p.lists) > 0 && p.lists[len(p.lists)-1].col > w {
			p.lists = p.lists[:len(p.lists)-1]
		}
	}
	// Code is not parsed for inline markup, so its brackets and emphasis
	// characters cost nothing; but only the code blocks that are sure to
	// be code (top level, where the rules are simple) are skipped: inside
	// containers everything counts, so that no arrangement of prefixes
	// can hide a paragraph from this check.
	if quotes == 0 && others == 0 && len(leading) == 0 {
		if n := fenceOpen(content); n > 0 && w <= 3 {
			// A fence is never a lazy continuation: it ends the items it
			// is left of, and at top level its content is skipped.
			p.endUnit()
			for len(p.lists) > 0 && p.lists[len(p.lists)-1].col > w {
				p.lists = p.lists[:len(p.lists)-1]
			}
			if len(p.lists) == 0 {
				p.fence, p.fenceLen = content[0], n
				return
			}
		}
		if len(p.lists) == 0 && w >= 4 && !p.unit {
			return // indented code
		}
	}
	if n := bytes.Count(content, []byte("[^")); !p.footnotesOK && n > 0 {
		p.footnotes += n
		if p.footnotes > p.lim.Footnotes {
			p.fail(p.footnotes, p.lim.Footnotes, "footnote references and definitions", fmt.Sprintf("by line %d", p.line), p.line, "max_footnotes")
			return
		}
	}
	// Inline units: a paragraph, or one table row, heading or list item.
	switch {
	case w <= 3 && isATXHeading(content):
		p.endUnit()
		p.start(off)
		p.heading = true
		p.endUnit()
		return
	case p.unit && !p.table && !p.noTable && isDelimiterRow(content):
		// goldmark makes a table of the paragraph only when the row
		// before has as many cells as this one has columns; otherwise the
		// paragraph stays one (and so does the unit).
		if n, ok := delimiterColumns(content); ok && n == headerCells(p.prevContent) {
			p.endUnit()
			p.start(p.lineEnd)
			p.table = true
			return
		}
		p.noTable = true
	case p.table && quotes+others+len(leading) == 0:
		p.endUnit()
		p.start(off)
		p.table = true
	case p.table:
		// A block quote or an item ends the table (and its paragraph):
		// this line starts a unit the lines after it may continue.
		p.endUnit()
		p.start(off)
	case !p.unit:
		// A new unit starts only where no paragraph is open. An item in a
		// tight list may still continue the paragraph before it (an empty
		// one, an ordered one not numbered 1, one too far right, a lazy
		// line...): the whole list then counts as one unit, which can only
		// count more than goldmark meets, never less.
		p.start(off)
	}
	p.unitEnd = p.lineEnd
	p.prevContent = content
	// Text after an item's marker makes a paragraph a line may continue
	// lazily, unless it is indented code (four columns past the marker's
	// space).
	p.lazy = p.lazy || !isBlank(line[firm:]) && !(len(leading) > 0 && lastSpaces+1 >= 5)
}

// start starts an inline unit at offset off, the current line.
func (p *prescan) start(off int) {
	p.unit, p.unitLine, p.unitStart, p.unitEnd, p.lazy = true, p.line, off, p.lineEnd, false
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
	p.unit, p.table, p.heading, p.noTable = false, false, false, false
}

// fenceOpen returns the length of the fence b starts with (three or more
// '`' or '~'; a backtick fence's info string has no backtick), or 0.
func fenceOpen(b []byte) int {
	c := firstByte(b)
	if c != '`' && c != '~' {
		return 0
	}
	if n := fenceRun(b, c); n >= 3 && (c == '~' || !bytes.ContainsRune(b[n:], '`')) {
		return n
	}
	return 0
}

// isATXHeading reports a line that starts a heading: one to six '#' and
// then a space, a tab or the end of the line.
func isATXHeading(b []byte) bool {
	n := fenceRun(b, '#')
	return n >= 1 && n <= 6 && (n == len(b) || b[n] == ' ' || b[n] == '\t')
}

// listLevel is an open list item: the column its content starts at, and
// its list's kind of marker ('-', '*', '+', or '.' or ')' for ordered).
type listLevel struct {
	col  int
	kind byte
}

// markerKind is the kind of the list marker b starts with: the bullet,
// or the character after an ordered list's number.
func markerKind(b []byte) byte {
	if b[0] == '-' || b[0] == '*' || b[0] == '+' {
		return b[0]
	}
	return bytes.TrimLeft(b, "0123456789")[0]
}

// interrupts reports whether a list item (marker at the start of item,
// content its text) may start while a paragraph is open: only when it is
// not empty and, ordered, numbered 1. Otherwise the line continues the
// paragraph.
func interrupts(item, content []byte) bool {
	if isBlank(content) {
		return false
	}
	switch item[0] {
	case '-', '*', '+', ':': // ": " after a term line opens its definition
		return true
	}
	return bytes.HasPrefix(item, []byte("1.")) || bytes.HasPrefix(item, []byte("1)"))
}

// plainStart marks the bytes a line of plain text starts with: letters
// and the lead bytes of non-ASCII characters.
var plainStart = func() (t [256]bool) {
	for c := 'A'; c <= 'z'; c++ {
		t[c] = c <= 'Z' || c >= 'a'
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	return t
}()

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

// columns is the width of indentation b (spaces and tabs), tabs stopping
// at every fourth column as CommonMark has them.
func columns(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\t' {
			n += 4 - n%4
		} else {
			n++
		}
	}
	return n
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

// delimiterColumns returns the columns of a table delimiter row as
// goldmark's table extension reads them, or false when one is not a
// column ("---", ":--", "--:", ":-:", spaces around).
func delimiterColumns(b []byte) (int, bool) {
	cols := bytes.Split(b, []byte("|"))
	if isBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && isBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	for _, c := range cols {
		c = bytes.TrimSpace(c)
		c = bytes.TrimPrefix(c, []byte(":"))
		c = bytes.TrimSuffix(c, []byte(":"))
		if len(c) == 0 || fenceRun(c, '-') != len(c) {
			return 0, false
		}
	}
	return len(cols), true
}

// headerCells counts the cells of a table row as goldmark's table
// extension does: outer pipes dropped, split at pipes not escaped.
func headerCells(b []byte) int {
	b = bytes.TrimSpace(b)
	pos, limit := 0, len(b)
	if len(b) > 0 && b[0] == '|' {
		pos++
	}
	if len(b) > 0 && b[limit-1] == '|' {
		limit--
	}
	n := 0
	for pos < limit {
		n++
		for pos < limit && !(b[pos] == '|' && (pos == 0 || b[pos-1] != '\\')) {
			pos++
		}
		pos++
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
