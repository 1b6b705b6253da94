package docscan

import (
	"context"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/testutil"
)

// Tests for survivors of docscan's eighth seeded mutant sample, inside
// the package.

// isASCII holds for code ASCII and fails on any byte of 0x80 or more.
func TestIsASCIIPlainAndNot(t *testing.T) {
	for s, want := range map[string]bool{"": true, "code words": true, "caf\u00e9": false, "\x80": false} {
		if got := isASCII(s); got != want {
			t.Errorf("isASCII(%q) = %v, want %v", s, got, want)
		}
	}
}

// "Rename X ... to Y" in the sentence of a retired name makes it history
// only when there is a replacement and the sentence names it.
func TestRenameSentenceNeedsReplacement(t *testing.T) {
	text := "Rename the Oldname project settings page and each of its tabs to Newbrand."
	start := strings.Index(text, "Oldname")
	end := start + len("Oldname")
	if !isHistorical(text, start, end, "Newbrand") {
		t.Errorf("rename sentence naming the replacement not historical")
	}
	if isHistorical(text, start, end, "") {
		t.Errorf("rename sentence without a replacement counted as historical")
	}
}

// A sentence ends at a '.' followed by a space or the end of the text,
// not at a dot inside a version number.
func TestSentenceAroundVersionDot(t *testing.T) {
	text := "Oldname 2.5 ships today. Next one."
	if got, want := sentenceAround(text, 0, 7), "Oldname 2.5 ships today"; got != want {
		t.Errorf("sentenceAround = %q, want %q", got, want)
	}
	text = "Here Oldname 2.5 ships."
	if got, want := sentenceAround(text, 5, 12), "Here Oldname 2.5 ships"; got != want {
		t.Errorf("sentenceAround = %q, want %q", got, want)
	}
}

// A file made of a byte order mark alone has one line, starting at its
// last byte (the only offset it has).
func TestLineStartsBOMOnly(t *testing.T) {
	if got := lineStarts([]byte("\ufeff"), 3); !slices.Equal(got, []int{2}) {
		t.Errorf("lineStarts(BOM only) = %v, want [2]", got)
	}
}

// Only owners with marks, notices or reuse rules are reported.
func TestOwnerModesWithNoticesOnly(t *testing.T) {
	s := &scan{docState: docState{owners: []*owner{
		{name: "Noticeco", notices: []policy.Notice{{}}, mode: OwnerMode{Owner: "Noticeco"}},
		{name: "Emptyco", mode: OwnerMode{Owner: "Emptyco"}},
	}}}
	got := s.ownerModes()
	if len(got) != 1 || got[0].Owner != "Noticeco" {
		t.Errorf("ownerModes = %+v, want Noticeco alone", got)
	}
}

// Text that starts with an entity is normalised like any other.
func TestAddTextLeadingEntity(t *testing.T) {
	var rb runBuilder
	rb.addText([]byte("&amp; more"), 0)
	if got := string(rb.b); got != "& more" {
		t.Errorf("addText = %q, want %q", got, "& more")
	}
}

// containsFoldASCII finds a word starting with 'a' (the first letter) in
// upper case.
func TestContainsFoldASCIIFirstLetterA(t *testing.T) {
	if !containsFoldASCII("see ALPHA here", "alpha") {
		t.Errorf("containsFoldASCII missed ALPHA")
	}
	if !containsFoldASCII("see ZULU here", "zulu") {
		t.Errorf("containsFoldASCII missed ZULU")
	}
}

// The work counted for a document grows with the nodes walked: a page of
// many thematic breaks costs more than one code block of the same length.
func TestWorkCountsNodes(t *testing.T) {
	code := "```\n" + strings.Repeat("code\n", 198) + "c\n```\n"
	marked := strings.Repeat("***\n\n", 200)
	if len(code) != len(marked) {
		t.Fatalf("lengths %d and %d", len(code), len(marked))
	}
	wp := ParseMarkdown(token.NewFileSet(), "p.md", []byte(code)).work
	wm := ParseMarkdown(token.NewFileSet(), "m.md", []byte(marked)).work
	if wm <= wp {
		t.Errorf("work of 200 breaks %d, not more than one code block's %d", wm, wp)
	}
}

// A paragraph at the brackets limit whose emphasis runs are over theirs
// is reported for its emphasis.
func TestEmphasisOverBracketsAtLimit(t *testing.T) {
	lim := policy.Limits{NestingDepth: 100, Footnotes: 100, Brackets: 3, Emphasis: 3}
	err := prescanLimits([]byte("[a] [b] [c] *w* *x* *y* *z*\n"), lim)
	if err == nil || !strings.Contains(err.Error(), "runs of '*', '_' or '~'") {
		t.Errorf("prescanLimits = %v, want the emphasis limit", err)
	}
}

// Files that are not Markdown (the license) count as scanned.
func TestScannedCountsPlainFiles(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{"LICENSE": "license text\n", "a.md": "# A\n"})
	res, err := Scan(context.Background(), hookPolicy(t, 0), Options{Root: dir, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Scanned != 2 {
		t.Errorf("scanned %d, want 2", res.Scanned)
	}
}

// An HTML comment indented three spaces is an HTML block: no piece is
// cut inside it, at its blank lines.
func TestPiecesNoCutInIndentedComment(t *testing.T) {
	defer func(n int) { pieceSize = n }(pieceSize)
	pieceSize = 8
	src := "Paragraph one.\n\n   <!-- a note\n\nhidden words\n\nmore hidden words\n\n-->\n\nAfter it.\n"
	open, end := strings.Index(src, "<!--"), strings.Index(src, "-->")
	for _, c := range pieces([]byte(src), 0) {
		if c > open && c <= end {
			t.Errorf("cut at %d, inside the comment [%d, %d]", c, open, end)
		}
	}
}

// An item whose text is an empty definition marker (": ") still holds
// a paragraph the next lines continue lazily, so the indented line after
// the blank one stays in the item: its brackets count as goldmark's do.
func TestLimitsEmptyDefinitionInItem(t *testing.T) {
	for _, s := range []string{"- : \na\n\n    [a] [b]\n", "- : \n: \n\n    [a] [b]\n"} {
		src := []byte(s)
		p := prescanOf(src)
		_, brackets, _ := astCounts(src)
		if brackets != 2 || p.maxBrackets < brackets {
			t.Errorf("%q: goldmark has %d '[' in one block, the limits pass saw %d", s, brackets, p.maxBrackets)
		}
	}
}
