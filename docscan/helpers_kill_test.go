package docscan

// Tests written to kill mutants that scripts/mutation-covered.sh found
// alive: each pins what a helper must return for an input the scanner
// meets, so a wrong comparison or offset fails here and not only as a
// quieter (or noisier) scan of some page.

import (
	"context"
	"go/token"
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"

	"github.com/toslint/toslint/internal/policy"
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

// A document over the footnote limit is reported at the line where the
// count passes it.
func TestFootnoteLimitLine(t *testing.T) {
	big := 1 << 20
	lim := policy.Limits{NestingDepth: big, Footnotes: 2, Brackets: big, Emphasis: big}
	err := checkLimits([]byte("One[^1].\n\nTwo[^2].\n\nThree[^3].\n"), lim)
	want := "3 footnote references and definitions by line 5, over the limit of 2 (raise max_footnotes in .toslint.yml to scan it)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// panicReport names the frames below the panic, even when the stack ends
// before three of them.
func TestPanicReportShortStack(t *testing.T) {
	stack := "goroutine 7 [running]:\n" +
		"runtime/debug.Stack()\n\t/go/src/runtime/debug/stack.go:26 +0x5e\n" +
		"panic({0x6a2f40?, 0x7c1b30?})\n\t/go/src/runtime/panic.go:783 +0x132\n" +
		"github.com/toslint/toslint/docscan.(*Document).walk(0xc000010000)\n\t/src/docscan/markdown.go:120 +0x25\n"
	got := panicReport("boom", []byte(stack))
	want := "panic: boom at docscan.(*Document).walk (markdown.go:120)"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// capitalisedAround finds the word at i even when the same word appears
// earlier in another run of capitalised words.
func TestCapitalisedAroundRepeatedWord(t *testing.T) {
	for _, tt := range []struct {
		text, word string
		nth        int // which occurrence of word
		want       string
	}{
		{"Defender Suite and the Defender Pro", "Defender", 2, "Defender Pro"},
		{"We use  Microsoft   Defender Pro today.", "Defender", 1, "Microsoft Defender Pro"},
		{"Pro and Pro Max", "Pro", 2, "Pro Max"},
		{"Open the Azure portal now", "Azure", 1, "Azure"},
		{"we use Microsoft Defender", "Defender", 1, "Microsoft Defender"},
	} {
		i := -1
		for k := 0; k < tt.nth; k++ {
			i += 1 + strings.Index(tt.text[i+1:], tt.word)
		}
		if got := capitalisedAround(tt.text, i, i+len(tt.word)); got != tt.want {
			t.Errorf("capitalisedAround(%q, %q #%d) = %q, want %q", tt.text, tt.word, tt.nth, got, tt.want)
		}
	}
}

// A quoted scalar with a quote right after the opening one is not simple
// YAML (yaml.v3 rejects `""x"`): it is left to the full parser.
func TestSimpleYAMLQuoteInside(t *testing.T) {
	for _, s := range []string{"title: \"\"x\"\n", "title: ''x'\n"} {
		if n, ok := simpleYAML([]byte(s)); ok {
			t.Errorf("simpleYAML(%q) = %v, true: want false", s, n)
		}
	}
	if _, ok := simpleYAML([]byte("title: \"x\"\n")); !ok {
		t.Errorf("simpleYAML of a plain quoted title: want true")
	}
}

// The limits pass counts nesting as goldmark builds it for bullet lists
// and quotes, not more: a page nested as deep as the limit allows is
// scanned. (It counts a definition as a level, and may count more for
// ordered lists: over, never under.)
func TestPrescanDepthExact(t *testing.T) {
	for _, s := range []string{
		"- a\n  - b\n    - c\n",
		"> - a\n>   - b\n",
		"- a\n\n  > b\n",
	} {
		p := prescanOf([]byte(s))
		depth, _, _ := astCounts([]byte(s))
		if p.maxDepth != depth {
			t.Errorf("%q: goldmark nests %d, the limits pass counts %d", s, depth, p.maxDepth)
		}
	}
}

// The limits pass never counts less nesting than goldmark builds (as
// FuzzLimitsSound checks), for items and definitions that open inside
// other markers.
func TestPrescanSoundNestedMarkers(t *testing.T) {
	for _, s := range []string{
		"a\n- 2. x\n",
		"a\n: - 2. x\n",
		"Term\n: - a\n    - b\n",
		"Term\n: - a\n\n    - b\n      - c\n",
		"Term\n: > - a\n  >   - b\n",
		"Term\n:   - a\n      - b\n",
		"Term\n: 1. a\n     1. b\n",
		"- a\n  : b\n    - c\n",
	} {
		p := prescanOf([]byte(s))
		depth, _, _ := astCounts([]byte(s))
		if depth > p.maxDepth {
			t.Errorf("%q: goldmark nests %d, the limits pass counts %d", s, depth, p.maxDepth)
		}
	}
}

// The scanner's work stays linear on a page of many HTML blocks.
func TestWorkBudgetHTMLBlocks(t *testing.T) {
	src := []byte(strings.Repeat("<div>x <!-- a note --></div>\n\n", 2000))
	lim := defaultPolicy().Limits()
	doc, err := parseMarkdown(context.Background(), token.NewFileSet(), "f.md", src, parseOptions{proseKeys: DefaultProseKeys, prose: true, limits: &lim})
	if err != nil {
		t.Fatal(err)
	}
	if budget := workPerByte*len(src) + 1024; doc.work > budget {
		t.Errorf("%d operations on %d bytes: over the budget of %d", doc.work, len(src), budget)
	}
	if len(doc.Comments) != 2000 {
		t.Errorf("%d comments, want 2000", len(doc.Comments))
	}
}
