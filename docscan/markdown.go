package docscan

import (
	"bytes"
	"context"
	"go/token"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/toslint/toslint/internal/directive"
	"github.com/toslint/toslint/internal/policy"
)

// markdown is the goldmark parser shared by every scan: GFM (tables,
// linkify, strikethrough, task lists), footnotes and definition lists.
// goldmark parsers are safe for concurrent use.
var markdown = goldmark.New(goldmark.WithExtensions(
	extension.GFM, extension.Footnote, extension.DefinitionList,
)).Parser()

// Document is a parsed Markdown file.
type Document struct {
	Name string      // file name as findings carry it
	Src  []byte      // file contents (front matter blanked out, lone CRs read as LFs)
	File *token.File // maps byte offsets to lines and columns
	// Root is the syntax tree of a document parsed in one piece. A large
	// document is parsed in pieces (see pieceSize) and Root is then an
	// empty document: use the fields below, which cover every piece.
	Root     ast.Node
	Links    []Link                      // link and image destinations, autolinks
	Comments []directive.MarkdownComment // HTML comments, in order
	Headings []Heading
	// Prose is the text of each paragraph, heading, list item and table
	// cell, with soft line breaks turned into spaces. Code is excluded.
	Prose []string
	// Runs are the prose runs with offset maps (see Run), including alt
	// texts and front-matter prose keys.
	Runs        []*Run
	FrontMatter *FrontMatter // nil when there is none

	bom   int    // length of a leading byte order mark (0 or 3)
	work  int    // operations spent on the document, for FuzzWorkBudget
	arena *arena // where its runs are built
}

// Link is one link destination found in a document.
type Link struct {
	URL    string
	Offset int // byte offset of the link node
	Image  bool
}

// Heading is a heading and its text.
type Heading struct {
	Level  int
	Text   string
	Offset int
}

// Position returns the position of a byte offset. Columns count bytes
// from the start of the line; on the first line they start after a byte
// order mark, as editors show it.
func (d *Document) Position(off int) token.Position {
	off = max(off, d.bom)
	if off > d.File.Size() {
		off = d.File.Size()
	}
	return d.File.Position(d.File.Pos(off))
}

// ParseMarkdown parses src. fset receives a file for position mapping.
// Front matter is blanked (every byte but line breaks becomes a space) so
// that offsets stay those of the file on disk. src is not modified.
func ParseMarkdown(fset *token.FileSet, name string, src []byte) *Document {
	return ParseMarkdownKeys(fset, name, src, DefaultProseKeys)
}

// ParseMarkdownKeys is ParseMarkdown with the front-matter keys whose
// values are prose. It applies no limits (see Scan for those).
func ParseMarkdownKeys(fset *token.FileSet, name string, src []byte, proseKeys []string) *Document {
	d, _ := parseMarkdown(context.Background(), fset, name, bytes.Clone(src), parseOptions{proseKeys: proseKeys, prose: true})
	return d
}

// parseOptions tune parseMarkdown.
type parseOptions struct {
	proseKeys []string
	prose     bool           // fill Document.Prose (the notice checks read it)
	limits    *policy.Limits // check these before parsing; nil: none
	// piece, when set, is called with the document, or with each piece of
	// a document parsed in pieces (a Document of its own with that
	// piece's runs, links, comments and headings). The runs of the pieces
	// between the first and the last are then dropped once piece returns,
	// so that memory stays within a few times the size of the file; the
	// document keeps the rest.
	piece func(*Document)
}

// pieceSize: a document of twice this size or more is parsed in pieces of
// about this size, cut at blank lines before top-level blocks (see
// pieces). goldmark's tree takes 9 times the size of real docs, and 40
// times that of pages dense in tables and lists, so a 50 MB page parsed
// whole would take half a gigabyte or more before toslint looked at it.
// No page of MicrosoftDocs/PowerShell-Docs is that large.
var pieceSize = 64 << 10 // a variable for tests

// parseMarkdown parses src, which it may modify (lone CRs become LFs,
// front matter is blanked: offsets do not change). Over a limit, it
// returns a limitError and a document with no body; when ctx ends first,
// ctx's error.
func parseMarkdown(ctx context.Context, fset *token.FileSet, name string, src []byte, o parseOptions) (*Document, error) {
	d := &Document{Name: name, Src: src, Root: ast.NewDocument()}
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		d.bom = 3
	}
	normalizeCR(src)
	d.File = fset.AddFile(name, -1, len(src))
	d.File.SetLines(lineStarts(src, d.bom))
	d.work += len(src)
	if start, body, end, ok := splitFrontMatter(src, d.bom); ok {
		d.parseFrontMatter(src, start, body, end, o.proseKeys)
		for i := start; i < end; i++ {
			if src[i] != '\n' && src[i] != '\r' {
				src[i] = ' '
			}
		}
	}
	if o.limits != nil {
		d.work += len(src)
		if err := checkLimits(src[d.bom:], *o.limits); err != nil {
			return d, err
		}
	}
	cuts := pieces(src, d.bom)
	d.work += len(src)
	var refs []parser.Reference
	if len(cuts) > 2 {
		refs = references(src)
	}
	for i := 0; i+1 < len(cuts); i++ {
		if err := ctx.Err(); err != nil {
			return d, err
		}
		r := text.NewReader(src[:cuts[i+1]])
		r.SetPosition(-1, text.NewSegment(cuts[i], cuts[i]))
		r.AdvanceLine()
		pc := parser.NewContext()
		for _, ref := range refs {
			pc.AddReference(ref)
		}
		root := markdown.Parse(r, parser.WithContext(pc))
		p := d
		if len(cuts) > 2 {
			// A piece of its own, sharing the document's source and
			// positions; the front matter's runs go with the first.
			p = &Document{Name: d.Name, Src: d.Src, File: d.File, Root: root, FrontMatter: d.FrontMatter, bom: d.bom}
			if i == 0 {
				p.Runs = d.Runs
			}
		} else {
			d.Root = root
		}
		p.buildRuns(root, o.prose)
		if o.piece != nil {
			o.piece(p)
		}
		if p != d {
			d.work += p.work
			d.Links = append(d.Links, p.Links...)
			d.Comments = append(d.Comments, p.Comments...)
			d.Headings = append(d.Headings, p.Headings...)
			d.Prose = append(d.Prose, p.Prose...)
			switch {
			case i == 0:
				d.Runs = p.Runs // the front matter's and the first piece's
			case o.piece == nil || i+2 == len(cuts):
				d.Runs = append(d.Runs, p.Runs...) // every run, or the last piece's
			}
		}
	}
	return d, nil
}

// lineStarts returns the offset of every line of src (after
// normalizeCR), the first one at bom: columns of line 1 start after a byte
// order mark, as editors show them. It is go/token's SetLinesForContent
// with one allocation.
func lineStarts(src []byte, bom int) []int {
	if len(src) == 0 {
		return nil
	}
	lines := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	lines[0] = min(bom, len(src)-1)
	for i := bytes.IndexByte(src, '\n'); i >= 0 && i+1 < len(src); {
		lines = append(lines, i+1)
		j := bytes.IndexByte(src[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return lines
}

// normalizeCR turns each CR that is not followed by LF into LF: goldmark
// and go/token break lines at LF only, and old Mac files break them at CR.
// Offsets do not change.
func normalizeCR(src []byte) {
	for i := bytes.IndexByte(src, '\r'); i >= 0; {
		if i+1 >= len(src) || src[i+1] != '\n' {
			src[i] = '\n'
		}
		j := bytes.IndexByte(src[i+1:], '\r')
		if j < 0 {
			return
		}
		i += 1 + j
	}
}

var (
	commentRE = regexp.MustCompile(`(?s)<!--(.*?)-->`)
	imgSrcRE  = regexp.MustCompile(`(?i)<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']`)
)

// comments records the HTML comments inside src[start:end], and the
// images that raw HTML shows.
func (d *Document) comments(start, end int) {
	if start < 0 || end > len(d.Src) || start >= end {
		return
	}
	d.work += end - start
	if hasFold(d.Src[start:end], "<img") {
		for _, m := range imgSrcRE.FindAllSubmatchIndex(d.Src[start:end], -1) {
			d.Links = append(d.Links, Link{URL: string(d.Src[start+m[2] : start+m[3]]), Offset: start + m[0], Image: true})
		}
	}
	if !bytes.Contains(d.Src[start:end], []byte("<!--")) {
		return
	}
	for _, m := range commentRE.FindAllSubmatchIndex(d.Src[start:end], -1) {
		open, close := d.Position(start+m[0]), d.Position(start+m[1]-1)
		d.Comments = append(d.Comments, directive.MarkdownComment{
			Inner: string(d.Src[start+m[2] : start+m[3]]),
			Line:  open.Line, Col: open.Column, EndLine: close.Line,
		})
	}
}

// hasFold reports whether b contains lit (lowercase ASCII starting with
// '<') in any letter case.
func hasFold(b []byte, lit string) bool {
	for i := bytes.IndexByte(b, '<'); i >= 0 && i+len(lit) <= len(b); {
		if bytes.EqualFold(b[i:i+len(lit)], []byte(lit)) {
			return true
		}
		j := bytes.IndexByte(b[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// inlineText joins the text under n, soft line breaks as spaces, code spans
// and raw HTML left out.
func (d *Document) inlineText(n ast.Node) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		d.work++
		switch c := c.(type) {
		case *ast.CodeSpan, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(c.Segment.Value(d.Src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(d.Src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// nodeOffset returns the byte offset where n starts: its recorded position,
// or the first line or segment of it or its descendants.
func nodeOffset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := nodeOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}
