package packinit

import (
	"go/token"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/toslint/toslint/docscan"
)

// Page is one terms page to read: its name (as comments cite it) and its
// Markdown source.
type Page struct {
	Name string
	Src  []byte
}

// page is a parsed terms page: docscan's Markdown document (the same
// goldmark parser and extensions as the document scanner, front matter
// blanked so offsets stay those of the file) cut into what the extractors
// read.
type page struct {
	name    string
	doc     *docscan.Document
	title   string
	titleAt int
	prose   []prose // paragraphs, list items and headings, in order
	tables  []table
	code    []code // code blocks (one entry a line) and code spans
	sents   []sentence
}

// prose is one block of text with the heading it sits under.
type prose struct {
	run     *docscan.Run
	heading string
	isHead  bool
	// lead is the paragraph that introduces the list this item is in,
	// when it ends with a colon ("Per user:").
	lead string
}

// table is a GFM table with the heading it sits under.
type table struct {
	heading string
	header  []cell
	rows    [][]cell
}

type cell struct {
	text string
	off  int
}

type code struct {
	text  string
	off   int
	block bool // a code block line, not a code span
}

func parsePage(p Page) *page {
	fset := token.NewFileSet()
	d := docscan.ParseMarkdown(fset, p.Name, p.Src)
	pg := &page{name: p.Name, doc: d, titleAt: -1}
	// headingAt returns the section heading above off. The page title
	// (level 1) names the whole page, not a section.
	headingAt := func(off int) string {
		h := ""
		for _, hd := range d.Headings {
			if hd.Offset > off {
				break
			}
			if hd.Level > 1 {
				h = strings.TrimSpace(hd.Text)
			}
		}
		return h
	}
	lead := ""
	for _, r := range d.Runs {
		start, _ := r.Span(0, len(r.Text))
		switch {
		case r.Scope&docscan.ScopeFrontMatter != 0:
			if r.Key == "title" && pg.title == "" {
				pg.title, pg.titleAt = strings.TrimSpace(r.Text), start
			}
		case r.Scope&(docscan.ScopeTable|docscan.ScopeAlt) != 0:
		case r.Scope&docscan.ScopeHeading != 0:
			if pg.title == "" && r.Level == 1 {
				pg.title, pg.titleAt = strings.TrimSpace(r.Text), start
			}
			pg.prose = append(pg.prose, prose{run: r, heading: headingAt(start), isHead: true})
		case r.Scope&docscan.ScopeList != 0:
			pg.prose = append(pg.prose, prose{run: r, heading: headingAt(start), lead: lead})
		default:
			pg.prose = append(pg.prose, prose{run: r, heading: headingAt(start)})
			lead = ""
			if t := strings.TrimSpace(r.Text); strings.HasSuffix(t, ":") {
				lead = t
			}
		}
	}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *extast.Table:
			t := pg.table(n)
			if len(t.header) > 0 {
				t.heading = headingAt(t.header[0].off)
			}
			pg.tables = append(pg.tables, t)
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				pg.code = append(pg.code, code{text: string(seg.Value(d.Src)), off: seg.Start, block: true})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			if t, off := pg.text(n); t != "" {
				pg.code = append(pg.code, code{text: t, off: off})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return pg
}

func (pg *page) table(n *extast.Table) table {
	var t table
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var row []cell
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			text, off := pg.text(c)
			if off < 0 && len(row) > 0 {
				off = row[len(row)-1].off
			}
			row = append(row, cell{text: text, off: off})
		}
		if _, ok := r.(*extast.TableHeader); ok {
			t.header = row
		} else {
			t.rows = append(t.rows, row)
		}
	}
	// An empty first cell borrows the offset of the next one.
	fix := func(row []cell) {
		for i := len(row) - 2; i >= 0; i-- {
			if row[i].off < 0 {
				row[i].off = row[i+1].off
			}
		}
	}
	fix(t.header)
	for _, r := range t.rows {
		fix(r)
	}
	return t
}

// text joins the text under n (code spans included, soft breaks as
// spaces) and returns the offset of its first byte, or -1.
func (pg *page) text(n ast.Node) (string, int) {
	var b strings.Builder
	off := -1
	src := pg.doc.Src
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			if off < 0 {
				off = c.Segment.Start
			}
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " "), off
}

// line returns the 1-based line of a byte offset.
func (pg *page) line(off int) int {
	return pg.doc.Position(off).Line
}

// src returns where off is, for comments.
func (pg *page) src(off int) Src {
	return Src{File: pg.name, Line: pg.line(off)}
}

// sentence is one sentence of a prose block.
type sentence struct {
	text    string
	run     *docscan.Run
	start   int // index of text in run.Text
	heading string
	lead    string
}

// off returns the source offset of text[i].
func (s sentence) off(i int) int {
	o, _ := s.run.Span(s.start+i, s.start+i+1)
	return o
}

// sentences cuts the prose into sentences: at ". ", "! ", "? " or "; "
// followed by a capital letter, or at the end of the block.
func (pg *page) sentences() []sentence {
	if pg.sents == nil {
		pg.sents = pg.splitSentences()
	}
	return pg.sents
}

func (pg *page) splitSentences() []sentence {
	out := []sentence{}
	for _, p := range pg.prose {
		t := p.run.Text
		start := 0
		for i := 0; i < len(t); i++ {
			c := t[i]
			if (c == '.' || c == '!' || c == '?' || c == ';') && i+2 < len(t) && t[i+1] == ' ' && isUpper(t[i+2]) && !abbrevBefore(t[:i]) {
				out = append(out, sentence{text: t[start : i+1], run: p.run, start: start, heading: p.heading, lead: p.lead})
				start = i + 2
			}
		}
		if start < len(t) {
			out = append(out, sentence{text: t[start:], run: p.run, start: start, heading: p.heading, lead: p.lead})
		}
	}
	return out
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// abbrevBefore reports whether the text ends with an abbreviation whose
// period does not end a sentence ("e.g.", "Inc.").
func abbrevBefore(t string) bool {
	i := strings.LastIndexByte(t, ' ')
	w := strings.ToLower(t[i+1:])
	switch w {
	case "e.g", "i.e", "vs", "etc", "no", "cf":
		return true
	}
	return false
}
