package docscan

// Tests written to kill mutants that a sample of
// scripts/mutation-covered.sh found alive (sample d); see
// helpers_kill_test.go.

import (
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/toslint/toslint/internal/policy"
)

// The whole-document shortcut counts '~' with '*' and '_': a short
// paragraph of strikethrough and emphasis over the limit is reported.
func TestUnderLimitsCountsTildes(t *testing.T) {
	lim := policy.Limits{NestingDepth: 10, Footnotes: 10, Brackets: 10, Emphasis: 3}
	src := []byte("Use ~~old~~ and ~~older~~ *now*.\n")
	err := checkLimits(src, lim)
	if err == nil || err.key != "max_emphasis_per_paragraph" || err.count != 6 {
		t.Errorf("checkLimits(%q) = %v, want 6 runs over the limit of 3", src, err)
	}
}

// The limits pass counts no less than goldmark builds (FuzzLimitsSound's
// property) for quotes with no space after their '>', and for a fenced
// block inside a list item whose next line ends the item.
func TestPrescanSoundQuotesAndItemFences(t *testing.T) {
	for _, tt := range []struct {
		src             string
		depth, brackets int // what goldmark builds
	}{
		{">>>a\n", 3, 0},
		{">>>>- a\n", 5, 0},
		{"- a\n  - b\n  ```\nx [[[[\n", 2, 4},
	} {
		p := prescanOf([]byte(tt.src))
		depth, brackets, _ := astCounts([]byte(tt.src))
		if depth != tt.depth || brackets != tt.brackets {
			t.Fatalf("%q: goldmark nests %d and has %d '[' in a block, the test expects %d and %d", tt.src, depth, brackets, tt.depth, tt.brackets)
		}
		if p.maxDepth < depth || p.maxBrackets < brackets {
			t.Errorf("%q: goldmark nests %d and has %d '[' in a block; the limits pass saw %d and %d", tt.src, depth, brackets, p.maxDepth, p.maxBrackets)
		}
	}
}

// A line that only looks like an item numbered 2 holding a definition
// continues the paragraph before it (it cannot interrupt it), so it opens
// no list, and the indented code after the blank line is skipped like
// any top-level code.
func TestPrescanOrderedDefinitionContinues(t *testing.T) {
	src := []byte("Some words\n2. : more words\n\n    [[[[ code\n")
	if _, brackets, _ := astCounts(src); brackets != 0 {
		t.Fatalf("%q: goldmark has %d '[' in a block, the test expects none", src, brackets)
	}
	lim := policy.Limits{NestingDepth: 10, Footnotes: 10, Brackets: 3, Emphasis: 10}
	if err := checkLimits(src, lim); err != nil {
		t.Errorf("checkLimits(%q) = %v, want nil (the brackets are code)", src, err)
	}
}

// fenceOpen: three backticks or tildes open a fence, two do not.
func TestFenceOpenLength(t *testing.T) {
	for _, tt := range []struct {
		b    string
		want int
	}{
		{"```", 3}, {"~~~", 3}, {"```go", 3}, {"````", 4}, {"``", 0}, {"~~", 0}, {"``` a`b", 0}, {"~~~ a`b", 3},
	} {
		if got := fenceOpen([]byte(tt.b)); got != tt.want {
			t.Errorf("fenceOpen(%q) = %d, want %d", tt.b, got, tt.want)
		}
	}
}

// markerKind: the bullet itself, or the character after the number of an
// ordered marker.
func TestMarkerKindOrdered(t *testing.T) {
	for _, tt := range []struct {
		b    string
		want byte
	}{
		{"- a", '-'}, {"* a", '*'}, {"+ a", '+'}, {"1. a", '.'}, {"12) a", ')'}, {"7.", '.'},
	} {
		if got := markerKind([]byte(tt.b)); got != tt.want {
			t.Errorf("markerKind(%q) = %q, want %q", tt.b, got, tt.want)
		}
	}
}

// A document parsed in one piece keeps its syntax tree in Root.
func TestParseMarkdownRootOnePiece(t *testing.T) {
	d := ParseMarkdown(token.NewFileSet(), "f.md", []byte("# Title\n\nSome text.\n"))
	if d.Root == nil || d.Root.ChildCount() != 2 {
		t.Errorf("Root of a two-block document: %v", d.Root)
	}
}

// lineStarts: a document that starts with a blank line has its second
// line at offset 1.
func TestLineStartsLeadingNewline(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []int
	}{
		{"\na\nb", []int{0, 1, 3}}, {"\n\n", []int{0, 1}}, {"a\nb\n", []int{0, 2}},
	} {
		got := lineStarts([]byte(tt.src), 0)
		if len(got) != len(tt.want) {
			t.Errorf("lineStarts(%q) = %v, want %v", tt.src, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("lineStarts(%q) = %v, want %v", tt.src, got, tt.want)
				break
			}
		}
	}
}

// A notice link that is only a fragment or a query (a route within the
// page, such as "#/LICENSE") does not point at a license file.
func TestLicenseTargetFragmentOnly(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("terms\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &scan{opts: Options{Root: dir}}
	d := &Document{Name: filepath.Join(dir, "README.md")}
	for _, tt := range []struct {
		u      string
		target string
		ok     bool
	}{
		{"#/LICENSE", "", false}, {"?page=/LICENSE", "", false}, {"LICENSE#top", "LICENSE", true}, {"LICENSE.md", "", true},
	} {
		if target, ok := s.licenseTarget(d, tt.u); target != tt.target || ok != tt.ok {
			t.Errorf("licenseTarget(%q) = %q, %v; want %q, %v", tt.u, target, ok, tt.target, tt.ok)
		}
	}
}

// Without a copyright holder or a grant, the root files show the owner's
// repository when they carry every notice the owner requires in its own
// repositories (publisher notices do not count), links found anywhere in
// the file.
func TestEvidenceOwnNotices(t *testing.T) {
	pat := func(s string) policy.Pattern { return policy.Pattern{Regexp: regexp.MustCompile(s)} }
	o := &owner{name: "Acme", notices: []policy.Notice{
		{ID: "privacy", When: policy.Owner, Links: []policy.Pattern{pat(`^https://acme\.example/privacy$`)}},
		{ID: "trademark", When: policy.Owner, Text: []policy.Pattern{pat(`(?i)trademarks of Acme`)}},
		{ID: "license", When: policy.Publisher, Text: []policy.Pattern{pat(`(?i)licensed under`)}},
	}}
	raw := "# Tool\n\nRead https://acme.example/docs first, and https://acme.example/privacy.\n\nAcme names are trademarks of Acme.\n"
	roots := []rootFile{{name: "README.md", raw: raw, text: raw}}
	if own, why := o.evidenceIn(roots); !own {
		t.Errorf("evidenceIn: not the owner's (%s)", why)
	}
	roots[0].raw = "# Tool\n\nRead https://acme.example/docs first.\n\nAcme names are trademarks of Acme.\n"
	roots[0].text = roots[0].raw
	if own, why := o.evidenceIn(roots); own {
		t.Errorf("evidenceIn without the privacy link: the owner's (%s)", why)
	}
}

// hasWordPrefixFold: a holder that is exactly the name matches.
func TestHasWordPrefixFoldWhole(t *testing.T) {
	for _, tt := range []struct {
		s, prefix string
		want      bool
	}{
		{"Acme", "acme", true}, {"Acme Inc.", "ACME", true}, {"Acmes", "Acme", false}, {"Acm", "Acme", false},
	} {
		if got := hasWordPrefixFold(tt.s, tt.prefix); got != tt.want {
			t.Errorf("hasWordPrefixFold(%q, %q) = %v, want %v", tt.s, tt.prefix, got, tt.want)
		}
	}
}

// A link reference definition whose title is on the last line of a
// document parsed in pieces, with no newline after it, keeps the title.
func TestReferencesTitleLastLine(t *testing.T) {
	refs := references([]byte("Intro.\n\n[guide]: https://example.com/guide\n\"The guide\""))
	if len(refs) != 1 || string(refs[0].Destination()) != "https://example.com/guide" || string(refs[0].Title()) != "The guide" {
		t.Errorf("title on the last line: got %v", describeRefs(refs))
	}
}
