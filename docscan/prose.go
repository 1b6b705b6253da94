package docscan

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

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
	offs  []int // offs[i]: source offset of Text[i]; offs[len(Text)]: end
	Scope Scope
	Level int    // heading level, for ScopeHeading
	Key   string // front-matter key, for ScopeFrontMatter
}

// Span returns the source offsets of Text[i:j].
func (r *Run) Span(i, j int) (start, end int) {
	if j > i && j <= len(r.Text) {
		return r.offs[i], r.offs[j-1] + 1
	}
	return r.offs[i], r.offs[i]
}

// runBuilder accumulates one run.
type runBuilder struct {
	b    bytes.Buffer
	offs []int
}

func (rb *runBuilder) add(text []byte, start int) {
	rb.b.Write(text)
	for i := range text {
		rb.offs = append(rb.offs, start+i)
	}
}

// space adds one separating space (never two in a row).
func (rb *runBuilder) space(at int) {
	if n := rb.b.Len(); n > 0 && rb.b.Bytes()[n-1] != ' ' {
		rb.b.WriteByte(' ')
		rb.offs = append(rb.offs, at)
	}
}

func (rb *runBuilder) run(scope Scope, end int) *Run {
	text := rb.b.String()
	offs := append(rb.offs, end)
	return &Run{Text: text, offs: offs, Scope: scope}
}

// entities maps the entities that matter for prose to their text.
var entities = regexp.MustCompile(`&(?:nbsp|#160|#xA0|#xa0|amp|#38);`)

// addText adds raw source text, normalising NBSP and entities to the
// characters they stand for.
func (rb *runBuilder) addText(src []byte, start int) {
	for i := 0; i < len(src); {
		if src[i] == '&' {
			if loc := entities.FindIndex(src[i:]); loc != nil && loc[0] == 0 {
				ent := string(src[i : i+loc[1]])
				ch := " "
				if strings.Contains(ent, "amp") || ent == "&#38;" {
					ch = "&"
				}
				rb.add([]byte(ch), start+i)
				i += loc[1]
				continue
			}
		}
		r, n := utf8.DecodeRune(src[i:])
		if r == '\u00a0' {
			rb.add([]byte(" "), start+i)
		} else {
			rb.add(src[i:i+n], start+i)
		}
		i += n
	}
}

// buildRuns collects the prose runs of a parsed document.
func (d *Document) buildRuns() {
	var walk func(n ast.Node, scope Scope)
	walk = func(n ast.Node, scope Scope) {
		switch n := n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.ThematicBreak:
			return
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				d.altRunsIn(n.Lines().At(0).Start, n.Lines().At(n.Lines().Len()-1).Stop)
				d.htmlTextRuns(n.Lines().At(0).Start, n.Lines().At(n.Lines().Len()-1).Stop)
			}
			return
		case *ast.Heading:
			d.inlineRun(n, scope|ScopeHeading, n.Level)
			return
		case *ast.Paragraph, *ast.TextBlock:
			d.inlineRun(n, scope|ScopeParagraph, 0)
			return
		case *extast.TableCell:
			d.inlineRun(n, scope|ScopeTable, 0)
			return
		case *ast.List:
			scope |= ScopeList
		case *ast.Blockquote:
			scope |= ScopeQuote
		case *extast.Footnote:
			scope |= ScopeFootnote
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, scope)
		}
	}
	walk(d.Root, 0)
}

// inlineRun joins the inline content of block n into one run; image alt
// texts become runs of their own.
func (d *Document) inlineRun(n ast.Node, scope Scope, level int) {
	var rb runBuilder
	// Link text joins the block's run; link destinations never do.
	var visit func(c ast.Node)
	visit = func(c ast.Node) {
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
				}
			}
			if alt.b.Len() > 0 {
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
	if rb.b.Len() == 0 {
		return
	}
	end := len(d.Src)
	if len(rb.offs) > 0 {
		end = rb.offs[len(rb.offs)-1] + 1
	}
	r := rb.run(scope, end)
	r.Level = level
	d.Runs = append(d.Runs, r)
}

func (d *Document) addSegment(rb *runBuilder, start, stop int) {
	if start < 0 || stop > len(d.Src) || start >= stop {
		return
	}
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
	if start < 0 || stop > len(d.Src) || start >= stop {
		return
	}
	for _, m := range altAttr.FindAllSubmatchIndex(d.Src[start:stop], -1) {
		vs, ve := m[6], m[7]
		if vs < 0 {
			vs, ve = m[8], m[9]
		}
		var rb runBuilder
		rb.addText(d.Src[start+vs:start+ve], start+vs)
		if rb.b.Len() > 0 {
			d.Runs = append(d.Runs, rb.run(ScopeAlt, start+ve))
		}
	}
}
