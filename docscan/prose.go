package docscan

import (
	"bytes"
	"regexp"
	"sort"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// Scope says where a prose run sits; rules include or exclude scopes.
type Scope uint16

// Scopes (a run may have several: a link inside a table cell).
const (
	ScopeParagraph Scope = 1 << iota
	ScopeHeading
	ScopeTable
	ScopeList
	ScopeQuote
	ScopeLinkText
	ScopeAlt
	ScopeFrontMatter
	ScopeFootnote
)

// Run is the joined inline text of one block, with a map from every byte
// of Text to the source offset it came from, so that a term split by a soft
// line break, emphasis, a link or an entity still matches and is reported
// where it is.
type Run struct {
	Text  string
	segs  []seg // the offset map, one entry a stretch copied from the source
	end   int   // source offset just past the run
	Scope Scope
	Level int    // heading level, for ScopeHeading
	Key   string // front-matter key, for ScopeFrontMatter
}

// seg maps Text[at:] (up to the next seg) to the source bytes from src on:
// the offset of Text[i] is src + i - at. An entity or a break that became
// one character of Text is a seg of its own.
type seg struct{ at, src int }

// offset returns the source offset of Text[i] (i < len(Text)), or the end
// of the run for i == len(Text).
func (r *Run) offset(i int) int {
	if i >= len(r.Text) || len(r.segs) == 0 {
		return r.end
	}
	k := sort.Search(len(r.segs), func(k int) bool { return r.segs[k].at > i }) - 1
	return r.segs[k].src + i - r.segs[k].at
}

// Start returns the source offset of the run's first byte.
func (r *Run) Start() int { return r.offset(0) }

// End returns the source offset just past the run.
func (r *Run) End() int { return r.end }

// Span returns the source offsets of Text[i:j].
func (r *Run) Span(i, j int) (start, end int) {
	if j > i && j <= len(r.Text) {
		return r.offset(i), r.offset(j-1) + 1
	}
	return r.offset(i), r.offset(i)
}

// runBuilder accumulates one run. Building costs one append per stretch
// of source text, not per byte, and the text is written once, into the
// document's arena when it has one: this is on the path of every
// document.
type runBuilder struct {
	a         *arena // nil: buffers of its own
	b         []byte // the text so far (a view of the arena's, with one)
	segs      []seg
	last      byte // the last byte written
	textStart int  // where b starts in a.text
	segStart  int  // where segs start in a.segs
}

// arena holds the text, offset maps and structs of a document's runs, a
// few allocations for all of them instead of three a run. Bytes and segs
// already handed out are never written again: a full chunk is replaced by
// a new one, so the strings made from it stay immutable.
type arena struct {
	text []byte
	segs []seg
	runs []Run
}

// newArena sizes an arena for about n bytes of Markdown. On
// MicrosoftDocs/PowerShell-Docs the text of the runs is some 60 % of the
// source, a stretch averages 50 bytes and a run 150: the first chunks are
// a little smaller, as zeroing memory that is never used costs more than
// a second, doubled chunk now and then.
func newArena(n int) *arena {
	return &arena{text: make([]byte, 0, n/2+64), segs: make([]seg, 0, n/64+8), runs: make([]Run, 0, n/200+4)}
}

// builder starts a run in the arena. Only one arena builder may be open
// at a time (nested runs, such as an image's alt text inside a
// paragraph, use buffers of their own).
func (a *arena) builder() runBuilder {
	return runBuilder{a: a, textStart: len(a.text), segStart: len(a.segs)}
}

// add appends text that stands at source offset start (len(text) bytes
// from there on).
func (rb *runBuilder) add(text []byte, start int) {
	if len(text) == 0 {
		return
	}
	if n := len(rb.segs); n == 0 || rb.segs[n-1].src+len(rb.b)-rb.segs[n-1].at != start {
		rb.appendSeg(seg{at: len(rb.b), src: start})
	}
	rb.appendText(text...)
	rb.last = text[len(text)-1]
}

// char appends one character that stands for the source bytes at start
// (an entity, a non-breaking space, a line break).
func (rb *runBuilder) char(c byte, start int) {
	rb.appendSeg(seg{at: len(rb.b), src: start})
	rb.appendText(c)
	rb.last = c
}

func (rb *runBuilder) appendText(b ...byte) {
	if a := rb.a; a != nil {
		if len(a.text)+len(b) > cap(a.text) {
			// A new chunk; the run so far moves with it.
			chunk := make([]byte, 0, max(2*cap(a.text), 2*(len(rb.b)+len(b))))
			chunk = append(chunk, rb.b...)
			a.text, rb.textStart = chunk, 0
		}
		a.text = append(a.text, b...)
		rb.b = a.text[rb.textStart:]
		return
	}
	rb.b = append(rb.b, b...)
}

func (rb *runBuilder) appendSeg(s seg) {
	if a := rb.a; a != nil {
		if len(a.segs) == cap(a.segs) {
			chunk := make([]seg, 0, max(2*cap(a.segs), 2*(len(rb.segs)+1)))
			chunk = append(chunk, rb.segs...)
			a.segs, rb.segStart = chunk, 0
		}
		a.segs = append(a.segs, s)
		rb.segs = a.segs[rb.segStart:]
		return
	}
	rb.segs = append(rb.segs, s)
}

// space adds one separating space (never two in a row).
func (rb *runBuilder) space(at int) {
	if len(rb.b) > 0 && rb.last != ' ' {
		rb.char(' ', at)
	}
}

func (rb *runBuilder) empty() bool { return len(rb.b) == 0 }

// lastOffset is the source offset of the last byte added.
func (rb *runBuilder) lastOffset() int {
	s := rb.segs[len(rb.segs)-1]
	return s.src + len(rb.b) - 1 - s.at
}

// run ends the builder and returns its run.
func (rb *runBuilder) run(scope Scope, end int) *Run {
	var r *Run
	if a := rb.a; a != nil {
		if len(a.runs) == cap(a.runs) {
			a.runs = make([]Run, 0, 2*cap(a.runs)+4)
		}
		a.runs = a.runs[:len(a.runs)+1]
		r = &a.runs[len(a.runs)-1]
	} else {
		r = new(Run)
	}
	// The text is never written again (see arena), so a string may view
	// it, as strings.Builder does.
	*r = Run{Text: unsafe.String(unsafe.SliceData(rb.b), len(rb.b)), segs: rb.segs[:len(rb.segs):len(rb.segs)], end: end, Scope: scope}
	return r
}

// entities are the character references that matter for prose, and the
// character each stands for.
var entities = []struct {
	ref string
	ch  byte
}{
	{"&nbsp;", ' '}, {"&#160;", ' '}, {"&#xA0;", ' '}, {"&#xa0;", ' '},
	{"&amp;", '&'}, {"&#38;", '&'},
}

// addText adds raw source text, normalising NBSP and the entities above
// to the characters they stand for. It looks at each byte once: a line of
// 100,000 '&' costs what any line of that length does.
func (rb *runBuilder) addText(src []byte, start int) {
	if bytes.IndexByte(src, '&') < 0 && bytes.IndexByte(src, 0xC2) < 0 {
		rb.add(src, start) // most text: two vectorised scans
		return
	}
	from := 0 // src[from:i] is plain text not yet added
	for i := 0; i < len(src); {
		switch c := src[i]; {
		case c == '&':
			n, ch := entityAt(src[i:])
			if n == 0 {
				i++
				continue
			}
			rb.add(src[from:i], start+from)
			rb.char(ch, start+i)
			i += n
			from = i
		case c == 0xC2 && i+1 < len(src) && src[i+1] == 0xA0: // U+00A0
			rb.add(src[from:i], start+from)
			rb.char(' ', start+i)
			i += 2
			from = i
		default:
			i++
		}
	}
	rb.add(src[from:], start+from)
}

// entityAt returns the length of the entity at the start of b and the
// character it stands for, or 0. It reads at most 6 bytes.
func entityAt(b []byte) (int, byte) {
	for _, e := range entities {
		if len(b) >= len(e.ref) && string(b[:len(e.ref)]) == e.ref {
			return len(e.ref), e.ch
		}
	}
	return 0, 0
}

// buildRuns collects the prose runs of a parsed document (or of one piece
// of it: see parseMarkdown), and in the same walk its links, HTML
// comments, headings and (with prose) the prose of each block.
func (d *Document) buildRuns(root ast.Node, prose bool) {
	var walk func(n ast.Node, scope Scope)
	walk = func(n ast.Node, scope Scope) {
		d.work++
		switch n := n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.ThematicBreak:
			return
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				start, stop := n.Lines().At(0).Start, n.Lines().At(n.Lines().Len()-1).Stop
				end := stop
				if n.HasClosure() {
					end = n.ClosureLine.Stop
				}
				d.comments(start, end)
				d.altRunsIn(start, stop)
				d.htmlTextRuns(start, stop)
			}
			return
		case *ast.Heading:
			t := d.inlineText(n)
			d.Headings = append(d.Headings, Heading{Level: n.Level, Text: t, Offset: nodeOffset(n)})
			if prose {
				d.Prose = append(d.Prose, t)
			}
			// The links and comments of a heading are not collected.
			d.inlineRun(n, scope|ScopeHeading, n.Level, false)
			return
		case *ast.Paragraph, *ast.TextBlock:
			if prose {
				d.Prose = append(d.Prose, d.inlineText(n))
			}
			d.inlineRun(n, scope|ScopeParagraph, 0, true)
			return
		case *extast.TableCell:
			d.inlineRun(n, scope|ScopeTable, 0, true)
			return
		case *ast.List:
			scope |= ScopeList
		case *ast.Blockquote:
			scope |= ScopeQuote
		case *extast.Footnote:
			scope |= ScopeFootnote
		}
		if n.Type() == ast.TypeInline { // inline content of other blocks (definition terms)
			d.collect(n)
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, scope)
		}
	}
	walk(root, 0)
}

// collect records the links and comments under inline node n, for the
// inline content that makes no run.
func (d *Document) collect(n ast.Node) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		d.work++
		if d.link(n) {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// link records n if it is a link, an image, an autolink or raw HTML (its
// comments), and reports whether its children are to be skipped (raw
// HTML, code).
func (d *Document) link(n ast.Node) (skip bool) {
	switch n := n.(type) {
	case *ast.Link:
		d.Links = append(d.Links, Link{URL: string(n.Destination), Offset: nodeOffset(n)})
	case *ast.Image:
		d.Links = append(d.Links, Link{URL: string(n.Destination), Offset: nodeOffset(n), Image: true})
	case *ast.AutoLink:
		d.Links = append(d.Links, Link{URL: string(n.URL(d.Src)), Offset: nodeOffset(n)})
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			d.comments(n.Segments.At(0).Start, n.Segments.At(n.Segments.Len()-1).Stop)
		}
		return true
	case *ast.CodeSpan:
		return true
	}
	return false
}

// inlineRun joins the inline content of block n into one run; image alt
// texts become runs of their own. With collect, it records the links and
// comments it passes.
func (d *Document) inlineRun(n ast.Node, scope Scope, level int, collect bool) {
	if d.arena == nil {
		d.arena = newArena(len(d.Src))
	}
	rb := d.arena.builder()
	// Link text joins the block's run; link destinations never do.
	var visit func(c ast.Node)
	visit = func(c ast.Node) {
		d.work++
		if collect {
			d.link(c)
		}
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment
			d.addSegment(&rb, seg.Start, seg.Stop)
			if c.SoftLineBreak() || c.HardLineBreak() {
				rb.space(seg.Stop)
			}
			return
		case *ast.String:
			rb.add(c.Value, nodeOffset(c))
			return
		case *ast.CodeSpan:
			rb.space(max(nodeOffset(c), 0))
			return
		case *ast.AutoLink, *ast.RawHTML:
			rb.space(max(nodeOffset(c), 0))
			if raw, ok := c.(*ast.RawHTML); ok {
				d.htmlAltRuns(raw)
			}
			return
		case *ast.Image:
			var alt runBuilder
			for gc := c.FirstChild(); gc != nil; gc = gc.NextSibling() {
				if t, ok := gc.(*ast.Text); ok {
					d.addSegment(&alt, t.Segment.Start, t.Segment.Stop)
				} else if collect {
					d.collect(gc)
				}
			}
			if !alt.empty() {
				d.Runs = append(d.Runs, alt.run(scope|ScopeAlt, nodeOffset(c)))
			}
			rb.space(max(nodeOffset(c), 0))
			return
		}
		for gc := c.FirstChild(); gc != nil; gc = gc.NextSibling() {
			visit(gc)
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		visit(c)
	}
	if rb.empty() {
		return
	}
	r := rb.run(scope, rb.lastOffset()+1)
	r.Level = level
	d.Runs = append(d.Runs, r)
}

func (d *Document) addSegment(rb *runBuilder, start, stop int) {
	if start < 0 || stop > len(d.Src) || start >= stop {
		return
	}
	d.work += stop - start
	rb.addText(d.Src[start:stop], start)
}

// altAttr finds alt and title attributes in raw HTML.
var altAttr = regexp.MustCompile(`(?i)\b(alt|title)\s*=\s*("([^"]*)"|'([^']*)')`)

// htmlAltRuns turns the alt and title attributes of inline HTML into runs:
// they are prose, unlike the rest of the HTML.
func (d *Document) htmlAltRuns(raw *ast.RawHTML) {
	if raw.Segments.Len() == 0 {
		return
	}
	start, stop := raw.Segments.At(0).Start, raw.Segments.At(raw.Segments.Len()-1).Stop
	d.altRunsIn(start, stop)
}

func (d *Document) altRunsIn(start, stop int) {
	if start < 0 || stop > len(d.Src) || start >= stop { // no attribute in an empty range
		return
	}
	d.work += stop - start
	for _, m := range altAttr.FindAllSubmatchIndex(d.Src[start:stop], -1) {
		vs, ve := m[6], m[7]
		if vs < 0 {
			vs, ve = m[8], m[9]
		}
		var rb runBuilder
		rb.addText(d.Src[start+vs:start+ve], start+vs)
		if !rb.empty() {
			d.Runs = append(d.Runs, rb.run(ScopeAlt, start+ve))
		}
	}
}
