package docscan

import (
	"bytes"
	"go/token"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/toslint/toslint/internal/directive"
)

// markdown is the goldmark parser shared by every scan: GFM (tables,
// linkify, strikethrough, task lists), footnotes and definition lists.
// goldmark parsers are safe for concurrent use.
var markdown = goldmark.New(goldmark.WithExtensions(
	extension.GFM, extension.Footnote, extension.DefinitionList,
)).Parser()

// Document is a parsed Markdown file.
type Document struct {
	Name     string      // file name as findings carry it
	Src      []byte      // file contents (front matter blanked out)
	File     *token.File // maps byte offsets to lines and columns
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

// Position returns the position of a byte offset.
func (d *Document) Position(off int) token.Position {
	if off < 0 {
		off = 0
	}
	if off > d.File.Size() {
		off = d.File.Size()
	}
	return d.File.Position(d.File.Pos(off))
}

// ParseMarkdown parses src. fset receives a file for position mapping.
// Front matter is blanked (every byte but newlines becomes a space) so that
// offsets stay those of the file on disk.
func ParseMarkdown(fset *token.FileSet, name string, src []byte) *Document {
	return ParseMarkdownKeys(fset, name, src, DefaultProseKeys)
}

// ParseMarkdownKeys is ParseMarkdown with the front-matter keys whose
// values are prose.
func ParseMarkdownKeys(fset *token.FileSet, name string, src []byte, proseKeys []string) *Document {
	orig := src
	src = blankFrontMatter(src)
	f := fset.AddFile(name, -1, len(src))
	f.SetLinesForContent(src)
	d := &Document{Name: name, Src: src, File: f}
	d.Root = markdown.Parse(text.NewReader(src))
	d.walk()
	d.parseFrontMatter(orig, proseKeys)
	d.buildRuns()
	return d
}

var (
	commentRE = regexp.MustCompile(`(?s)<!--(.*?)-->`)
	imgSrcRE  = regexp.MustCompile(`(?i)<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']`)
)

func (d *Document) walk() {
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			d.Links = append(d.Links, Link{URL: string(n.Destination), Offset: nodeOffset(n)})
		case *ast.Image:
			d.Links = append(d.Links, Link{URL: string(n.Destination), Offset: nodeOffset(n), Image: true})
		case *ast.AutoLink:
			d.Links = append(d.Links, Link{URL: string(n.URL(d.Src)), Offset: nodeOffset(n)})
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				start := n.Lines().At(0).Start
				end := n.Lines().At(n.Lines().Len() - 1).Stop
				if n.HasClosure() {
					end = n.ClosureLine.Stop
				}
				d.comments(start, end)
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				d.comments(n.Segments.At(0).Start, n.Segments.At(n.Segments.Len()-1).Stop)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			d.Headings = append(d.Headings, Heading{Level: n.Level, Text: d.inlineText(n), Offset: nodeOffset(n)})
			d.Prose = append(d.Prose, d.inlineText(n))
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			d.Prose = append(d.Prose, d.inlineText(n))
		}
		return ast.WalkContinue, nil
	})
}

// comments records the HTML comments inside src[start:end], and the
// images that raw HTML shows.
func (d *Document) comments(start, end int) {
	if start < 0 || end > len(d.Src) || start >= end {
		return
	}
	for _, m := range imgSrcRE.FindAllSubmatchIndex(d.Src[start:end], -1) {
		d.Links = append(d.Links, Link{URL: string(d.Src[start+m[2] : start+m[3]]), Offset: start + m[0], Image: true})
	}
	for _, m := range commentRE.FindAllSubmatchIndex(d.Src[start:end], -1) {
		open, close := d.Position(start+m[0]), d.Position(start+m[1]-1)
		d.Comments = append(d.Comments, directive.MarkdownComment{
			Inner: string(d.Src[start+m[2] : start+m[3]]),
			Line:  open.Line, Col: open.Column, EndLine: close.Line,
		})
	}
}

// inlineText joins the text under n, soft line breaks as spaces, code spans
// and raw HTML left out.
func (d *Document) inlineText(n ast.Node) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
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

// blankFrontMatter replaces a leading YAML front matter block ("---" lines)
// with spaces, keeping newlines, so that offsets and lines are unchanged.
func blankFrontMatter(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return src
	}
	rest := src[3:]
	end := -1
	for off := 0; off < len(rest); {
		nl := bytes.IndexByte(rest[off:], '\n')
		if nl < 0 {
			break
		}
		lineStart := off + nl + 1
		line := rest[lineStart:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		if t := bytes.TrimRight(line, "\r \t"); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			end = 3 + lineStart + len(line)
			break
		}
		off = lineStart
	}
	if end < 0 {
		return src
	}
	out := bytes.Clone(src)
	for i := 0; i < end; i++ {
		if out[i] != '\n' && out[i] != '\r' {
			out[i] = ' '
		}
	}
	return out
}
