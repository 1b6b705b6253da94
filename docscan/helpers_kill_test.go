package docscan

// Tests written to kill mutants that scripts/mutation-covered.sh found
// alive: each pins what a helper must return for an input the scanner
// meets, so a wrong comparison or offset fails here and not only as a
// quieter (or noisier) scan of some page.

import (
	"testing"

	"github.com/yuin/goldmark/parser"
)

// A link reference definition whose title is on the next line keeps its
// title when the document is parsed in pieces; one on the last line of
// the document, with no newline, is read too.
func TestReferencesTitleLine(t *testing.T) {
	refs := references([]byte("Intro.\n\n[docs]: https://example.com/docs\n  \"The guide\"\n\nMore.\n"))
	if len(refs) != 1 || string(refs[0].Label()) != "docs" || string(refs[0].Destination()) != "https://example.com/docs" || string(refs[0].Title()) != "The guide" {
		t.Errorf("title on the next line: got %v", describeRefs(refs))
	}
	refs = references([]byte("Intro.\n\n[end]: https://example.com/end"))
	if len(refs) != 1 || string(refs[0].Destination()) != "https://example.com/end" {
		t.Errorf("definition on the last line: got %v", describeRefs(refs))
	}
}

func describeRefs(refs []parser.Reference) []string {
	var out []string
	for _, r := range refs {
		out = append(out, string(r.Label())+" "+string(r.Destination())+" "+string(r.Title()))
	}
	return out
}

// tagEnd skips a JSX expression in braces and stops at the '>' right
// after it.
func TestTagEndAfterBrace(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want int
	}{
		{`<a b={c}>x`, 9},
		{`<a b={{c: 1}}>x`, 14},
		{`<a b="x>y">z`, 11},
		{`<a b={c}`, 8},
	} {
		if got := tagEnd([]byte(tt.src), 0); got != tt.want {
			t.Errorf("tagEnd(%q) = %d, want %d", tt.src, got, tt.want)
		}
	}
}

// listMarker: the marker and one space or tab, the marker alone at the
// end of a line, or 0.
func TestListMarkerShapes(t *testing.T) {
	for _, tt := range []struct {
		b    string
		want int
	}{
		{"- item", 2}, {"* item", 2}, {"+\titem", 2}, {"-", 1},
		{"1. item", 3}, {"1.", 2}, {"12) item", 4}, {"123456789. x", 11},
		{"1234567890. x", 0}, // CommonMark: at most 9 digits
		{"1", 0}, {"1x", 0}, {"1.x", 0}, {"-x", 0}, {"", 0}, {"x", 0},
	} {
		if got := listMarker([]byte(tt.b)); got != tt.want {
			t.Errorf("listMarker(%q) = %d, want %d", tt.b, got, tt.want)
		}
	}
}

// headerCells counts a row's cells as goldmark's table extension does:
// outer pipes dropped, escaped pipes inside a cell.
func TestHeaderCellsAsGoldmark(t *testing.T) {
	for _, tt := range []struct {
		b    string
		want int
	}{
		{"| a | b |", 2}, {"a | b", 2}, {"a", 1}, {"|a|", 1}, {"", 0}, {"|", 0},
		{`a \| b | c`, 2}, {"a||", 1}, {"|a||", 1}, {"a | b |  ", 2},
	} {
		if got := headerCells([]byte(tt.b)); got != tt.want {
			t.Errorf("headerCells(%q) = %d, want %d", tt.b, got, tt.want)
		}
	}
}
