package docscan

import (
	"fmt"
	"go/token"
	"strings"
	"testing"
)

// TestPieces parses a large page in pieces and whole: links, comments,
// headings and runs (text and offsets) are the same, including a
// reference link used before its definition, fenced code and HTML
// comments that hold blank lines, and loose lists.
func TestPieces(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 600<<10; i++ {
		fmt.Fprintf(&b, "# Heading %d\n\nA paragraph with [a reference][r%d] and *emphasis*, about Powershell.\n\n", i, i%7)
		b.WriteString("```text\n[not a link][r1]\n\ncol0 line in code\n\n# not a heading\n```\n\n")
		b.WriteString("<!--\na comment\n\n# still the comment\n-->\n\n")
		b.WriteString("- an item\n  continued\n\n- a second item\n\nTerm\n: its definition\n\n")
	}
	for i := range 7 {
		fmt.Fprintf(&b, "[r%d]: https://example.test/ref/%d\n", i, i)
	}
	src := b.String()
	if n := len(pieces([]byte(src), 0)) - 1; n < 8 {
		t.Fatalf("%d pieces: the test wants many", n)
	}
	render := func(d *Document) string {
		var w strings.Builder
		for _, l := range d.Links {
			fmt.Fprintf(&w, "link %s@%d\n", l.URL, l.Offset)
		}
		for _, c := range d.Comments {
			fmt.Fprintf(&w, "comment %q@%d:%d-%d\n", c.Inner, c.Line, c.Col, c.EndLine)
		}
		for _, h := range d.Headings {
			fmt.Fprintf(&w, "heading %q@%d\n", h.Text, h.Offset)
		}
		for _, r := range d.Runs {
			fmt.Fprintf(&w, "run %q %v@%d-%d\n", r.Text, r.Scope, r.Start(), r.End())
		}
		return w.String()
	}
	pieced := render(ParseMarkdown(token.NewFileSet(), "a.md", []byte(src)))
	defer func(n int) { pieceSize = n }(pieceSize)
	pieceSize = 1 << 40
	whole := render(ParseMarkdown(token.NewFileSet(), "a.md", []byte(src)))
	if pieced != whole {
		pl, wl := strings.Split(pieced, "\n"), strings.Split(whole, "\n")
		for i := range min(len(pl), len(wl)) {
			if pl[i] != wl[i] {
				t.Fatalf("pieces and whole differ at line %d:\npieces %s\nwhole  %s", i+1, pl[i], wl[i])
			}
		}
		t.Fatalf("pieces give %d lines, whole %d", len(pl), len(wl))
	}
	if !strings.Contains(whole, "link https://example.test/ref/0@") || strings.Contains(whole, "not a link") {
		t.Errorf("the page is not what the test means:\n%.2000s", whole)
	}
}
