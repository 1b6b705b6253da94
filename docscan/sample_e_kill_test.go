package docscan

// Tests written to kill the mutants of sample E that survived (prose
// offsets, the arena, the reuse line matcher and the trademark matcher);
// see helpers_kill_test.go.

import (
	"context"
	"go/token"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/policy"
)

// An entity in the middle of a text segment maps to its own source bytes,
// and the text after it to the bytes after the entity: "ab&amp;cd" is
// "ab&cd" with the '&' at 2 and "cd" at 7.
func TestOffsetsAfterEntityInText(t *testing.T) {
	src := "ab&amp;cd ef\n"
	doc, err := parseMarkdown(context.Background(), token.NewFileSet(), "f.md", []byte(src), parseOptions{proseKeys: DefaultProseKeys, prose: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 || doc.Runs[0].Text != "ab&cd ef" {
		t.Fatalf("runs of %q: want one, \"ab&cd ef\"", src)
	}
	want := []int{0, 1, 2, 7, 8, 9, 10, 11, 12}
	if got := doc.Runs[0].Offsets(); !slices.Equal(got, want) {
		t.Errorf("offsets of %q: got %v, want %v", src, got, want)
	}
}

// The arena's chunks grow geometrically: a thousand runs cost a few dozen
// allocations, not one for every few runs.
func TestArenaGrowsGeometrically(t *testing.T) {
	text := []byte("a few words of prose")
	allocs := testing.AllocsPerRun(5, func() {
		a := newArena(0)
		for i := range 1000 {
			rb := a.builder()
			rb.add(text, i*len(text))
			rb.run(ScopeParagraph, (i+1)*len(text))
		}
	})
	if allocs > 100 {
		t.Errorf("1000 runs in one arena: %.0f allocations, want at most 100", allocs)
	}
}

// A pattern without a literal is tried on every line, the first line not
// matching included; the empty string after a final newline is no line.
func TestLineMatcherEveryLine(t *testing.T) {
	for _, tt := range []struct {
		pattern, src string
		off          int
		line         string
		ok           bool
	}{
		{`^x\d$`, "intro\nx1\n", 6, "x1", true},
		{`^x\d$`, "intro\nx1", 6, "x1", true},
		{`^$`, "intro\nmore\n", 0, "", false},
		{`^$`, "", 0, "", false},
		{`^$`, "intro\n\nmore\n", 6, "", true},
	} {
		m := newLineMatcher(regexp.MustCompile(tt.pattern))
		if m.literal != nil {
			t.Fatalf("%s has a literal: the case tests the wrong path", tt.pattern)
		}
		off, line, ok := m.find([]byte(tt.src))
		if off != tt.off || line != tt.line || ok != tt.ok {
			t.Errorf("%s in %q: got %d %q %v, want %d %q %v", tt.pattern, tt.src, off, line, ok, tt.off, tt.line, tt.ok)
		}
	}
}

// unbounded returns a copy of m that runs each regexp over the whole rest
// of the text, with no window.
func unbounded(m *matcher) *matcher {
	c := *regexpOnly(m)
	for k, a := range c.byAnchor {
		a.window = 1 << 40
		c.byAnchor[k] = a
	}
	c.anchors = newAnchorTable(c.byAnchor)
	return &c
}

// find runs each regexp over a window a little longer than its anchor's
// terms, and again over the whole rest when a match reaches the window's
// end: a term spelt as loosely as its pattern allows, and one whose
// suffix or word boundary lies just past the window, is found as the
// regexp over the whole text finds it.
func TestFindWindow(t *testing.T) {
	m := newMatcher(ownersOf(defaultPolicy().Packs()))
	ref := unbounded(m)
	texts := []string{"On-e-D-r-i-v-e’s menu", "Po-w-e-r-S-h-e-l-l’s menu", "Sh-a-r-e-P-o-i-n-t’s menu", "Use MS            Teams’s app"}
	fill := m.byAnchor[anchorOf("MS")].window - len("MSTeams") // spaces that end the window right after "Teams"
	for _, tail := range []string{"", "x", "’s", "'s app", "es", " app"} {
		texts = append(texts, "Use MS"+strings.Repeat(" ", fill)+"Teams"+tail)
	}
	n := 0
	for _, text := range texts {
		got, want := m.find(text), ref.find(text)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("find(%q):\n got  %v\n want %v", text, got, want)
		}
		n += len(want)
	}
	if n < len(texts)-1 {
		t.Fatalf("%d hits in %d texts: the test checks too little", n, len(texts))
	}
}

// contosoPack is a small pack of a made-up owner: a two-word mark of the
// company name and a brand word, and a mark of one letter.
func contosoPack() *policy.Pack {
	return &policy.Pack{Name: "contoso", Title: "Contoso terms", Trademarks: &policy.Trademarks{
		Owner:      "Contoso",
		TradeNames: []string{"Contoso"},
		Marks: []policy.Mark{
			{Name: "Contoso Quillwright", Kind: policy.Protected},
			{Name: "Q", Kind: policy.Dictionary},
		},
	}}
}

// The brand word of a two-word mark ("Contoso Quillwright") is
// distinctive: another product's name using it suggests the owner.
func TestDistinctiveWordOfTwoWordMark(t *testing.T) {
	m := newMatcher(ownersOf([]*policy.Pack{contosoPack()}))
	if d := m.distinctive["Quillwright"]; d == nil || d.canon != "Contoso Quillwright" {
		t.Errorf("distinctive words %v, want Quillwright of Contoso Quillwright", m.distinctive)
	}
}

// A term of one letter is found at the end of a text too (a heading or a
// list item that ends with it).
func TestFindOneLetterTermAtEnd(t *testing.T) {
	m := newMatcher(ownersOf([]*policy.Pack{contosoPack()}))
	for _, tt := range []struct {
		text  string
		start []int
	}{
		{"Q", []int{0}},
		{"Try Q", []int{4}},
		{"Try Q now", []int{4}},
		{"Q and Q", []int{0, 6}},
		{"Try Qx", nil},
	} {
		if got := findStarts(m, tt.text); !slices.Equal(got, tt.start) {
			t.Errorf("find(%q) starts %v, want %v", tt.text, got, tt.start)
		}
	}
}

// A bare apostrophe after a plural mark is its possessive, unless an
// opening quote stands right before the mark: then it closes the quote.
func TestPossessiveOrClosingQuote(t *testing.T) {
	m := newMatcher(ownersOf(defaultPolicy().Packs()))
	for _, tt := range []struct {
		text     string
		suffixes []string
	}{
		{"Windows' menus", []string{"'"}},
		{"Open the Windows' menus", []string{"'"}},
		{"Open 'Windows' menus", []string{""}},
		{"Open ‘Windows’ menus", []string{""}},
		{"Open 'Windows' and the Windows' menus", []string{"", "'"}},
		{"x'Windows' menus", []string{""}},
	} {
		var got []string
		r := &Run{Text: tt.text}
		for _, h := range m.find(tt.text) {
			got = append(got, h.suffix(r))
		}
		if !slices.Equal(got, tt.suffixes) {
			t.Errorf("find(%q) suffixes %q, want %q", tt.text, got, tt.suffixes)
		}
	}
}

// A term glued to the end of a word is no term: the bytes at the edges
// of the letter and digit ranges are word bytes.
func TestNoTermInsideWord(t *testing.T) {
	m := newMatcher(ownersOf(defaultPolicy().Packs()))
	for _, prefix := range []string{"a", "z", "A", "Z", "0", "9", "_", "é"} {
		text := "see " + prefix + "PowerShell here"
		if hits := m.find(text); len(hits) != 0 {
			t.Errorf("find(%q) = %v, want no hit", text, hits)
		}
	}
	if hits := m.find("see PowerShell here"); len(hits) != 1 {
		t.Errorf("find(%q) = %v, want one hit", "see PowerShell here", hits)
	}
}

// A term starts after punctuation and spaces that are not ASCII (curly
// quotes, a dash, an ideographic space), not after a letter, a digit or a
// combining mark that is not ASCII, nor after bytes that are no UTF-8.
func TestTermAfterCharacterNotASCII(t *testing.T) {
	m := newMatcher(ownersOf(defaultPolicy().Packs()))
	for _, tt := range []struct {
		text  string
		start int // -1: no hit
	}{
		{"“PowerShell” scripts", len("“")},
		{"see ‘PowerShell’", len("see ‘")},
		{"a—PowerShell", len("a—")},
		{"\u3000PowerShell", len("\u3000")}, // its last byte is 0x80
		{"\u00a0PowerShell", len("\u00a0")},
		{"ÀPowerShell", -1}, // its last byte is 0x80 too
		{"éPowerShell", -1},
		{"٣PowerShell", -1},
		{"e\u0301PowerShell", -1},
		{"\xffPowerShell", -1},
	} {
		hits := m.find(tt.text)
		switch {
		case tt.start < 0 && len(hits) != 0:
			t.Errorf("find(%q) = %v, want no hit", tt.text, hits)
		case tt.start >= 0 && (len(hits) != 1 || hits[0].start != tt.start || hits[0].end != tt.start+len("PowerShell")):
			t.Errorf("find(%q) = %v, want PowerShell at %d", tt.text, hits, tt.start)
		}
	}
}

// decide agrees with the regexp where a suffix or the word boundary after
// a term is decided by the bytes at the edges of the letter and digit
// ranges, and after a term whose last word is short ("AAD DS").
func TestDecideAgreesAtSuffixEdges(t *testing.T) {
	m := newMatcher(ownersOf(defaultPolicy().Packs()))
	slow := regexpOnly(m)
	var texts []string
	for _, c := range []string{"a", "z", "A", "Z", "0", "9", "_", "-", " "} {
		texts = append(texts, "PowerShell"+c, "PowerShells"+c, "PowerShell's"+c, "AAD DS"+c, "AAD DSes"+c, "AAD DSs"+c)
	}
	for _, s := range texts {
		if got, want := m.find(s), slow.find(s); !reflect.DeepEqual(got, want) {
			t.Errorf("find(%q):\n got  %v\n want %v", s, got, want)
		}
	}
}

// findStarts returns where the terms m finds in text start.
func findStarts(m *matcher, text string) []int {
	var out []int
	for _, h := range m.find(text) {
		out = append(out, h.start)
	}
	return out
}
