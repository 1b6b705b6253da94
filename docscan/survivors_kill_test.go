package docscan

// More tests written to kill mutants that scripts/mutation-covered.sh
// (seed 16) found alive; see helpers_kill_test.go.

import (
	"context"
	"go/token"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// The limits pass counts nesting as goldmark does when a tab follows a
// definition's ':' (the tab stops at column 4): "Term\n:\t- a" is a
// definition holding a list, not three levels of indentation.
func TestPrescanTabAfterDefinition(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want int
	}{
		{"Term\n:\t- a\n", 2},  // the ':' and the '-', no indentation left
		{"Term\n: \t- a\n", 3}, // the tab after ": " fills two columns
	} {
		if got := prescanOf([]byte(tt.src)).maxDepth; got != tt.want {
			t.Errorf("%q: the limits pass counts %d levels, want %d", tt.src, got, tt.want)
		}
	}
}

// Brackets in a list item's paragraph count against the limit; brackets in
// an indented code block do not. Which one a line is depends on the list
// item it may continue: where its marker is (an item opening a list of
// its own, "- 2. x", interrupts the paragraph before it by its first
// marker), and how far a tab after spaces indents it.
func TestPrescanCodeOrItem(t *testing.T) {
	for _, tt := range []struct {
		src      string
		brackets int // as goldmark counts them: 0 for code
	}{
		// "    [[[[" continues the "- " item: a paragraph.
		{"a\n- 2. x\n\n    [[[[\n", 4},
		// Three spaces and a tab reach column 4, left of the item's
		// content at column 5: indented code after the list.
		{"   - a\n\n   \t[[[[\n", 0},
		{"  - a\n\n  \t[[[[\n", 4}, // column 4, right of the item's content at 4
		// A fence at the item's content column is inside the item, which
		// goes on after it: "    [[[[" is its paragraph, not code.
		{"- a\n  ```\n  x\n  ```\n\n    [[[[\n", 4},
	} {
		p := prescanOf([]byte(tt.src))
		_, brackets, _ := astCounts([]byte(tt.src))
		if brackets != tt.brackets {
			t.Fatalf("%q: goldmark counts %d brackets, the test expects %d", tt.src, brackets, tt.brackets)
		}
		if p.maxBrackets != tt.brackets {
			t.Errorf("%q: the limits pass counts %d brackets in a unit, goldmark %d", tt.src, p.maxBrackets, tt.brackets)
		}
	}
}

// columns stops tabs at every fourth column, wherever they start.
func TestColumnsTabStops(t *testing.T) {
	for _, tt := range []struct {
		b    string
		want int
	}{
		{"\t", 4}, {" \t", 4}, {"  \t", 4}, {"   \t", 4}, {"    \t", 8}, {"\t\t", 8}, {" \t ", 5}, {"", 0},
	} {
		if got := columns([]byte(tt.b)); got != tt.want {
			t.Errorf("columns(%q) = %d, want %d", tt.b, got, tt.want)
		}
	}
}

// sentenceAround returns the whole sentence around a span, also when the
// span is one byte right before the sentence's end, or at the start of
// the text.
func TestSentenceAroundShortSpans(t *testing.T) {
	for _, tt := range []struct {
		text       string
		start, end int
		want       string
	}{
		{"Use X. Then go.", 4, 5, "Use X"},
		{"First. Use X. Then go.", 11, 12, " Use X"},
		{"X. Then go.", 0, 1, "X"},
		{"Go to X.", 6, 7, "Go to X"},
		{"Go to X", 6, 7, "Go to X"},
	} {
		if got := sentenceAround(tt.text, tt.start, tt.end); got != tt.want {
			t.Errorf("sentenceAround(%q, %d, %d) = %q, want %q", tt.text, tt.start, tt.end, got, tt.want)
		}
	}
}

// tagName reads digits anywhere after the first letter, 0 and 9 too: a
// component named <Step0> or <h10> is not the element <step> or <h1>.
func TestTagNameDigits(t *testing.T) {
	for _, tt := range []struct {
		tag     string
		want    string
		closing bool
	}{
		{"<h10>", "h10", false}, {"<Step0 n=1>", "step0", false}, {"</Tab09>", "tab09", true},
		{"<h1>", "h1", false}, {"<x-y.z>", "x-y.z", false}, {"<a href=x>", "a", false},
	} {
		if got, closing := tagName([]byte(tt.tag)); got != tt.want || closing != tt.closing {
			t.Errorf("tagName(%q) = %q, %v; want %q, %v", tt.tag, got, closing, tt.want, tt.closing)
		}
	}
}

// Span of the empty range at the end of a run's text is the run's end
// (offset's contract), also where the text ends with the space an inline
// tag of an HTML block stands for, before the block's end.
func TestSpanAtEndOfText(t *testing.T) {
	src := "<div>Azure AD<b></b></div>\n"
	doc, err := parseMarkdown(context.Background(), token.NewFileSet(), "f.md", []byte(src), parseOptions{proseKeys: DefaultProseKeys, prose: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 || doc.Runs[0].Text != "Azure AD " {
		t.Fatalf("runs of %q: %d, want one, \"Azure AD \"", src, len(doc.Runs))
	}
	r := doc.Runs[0]
	want := len("<div>Azure AD<b></b>") // the block's closing tag
	if r.End() != want {
		t.Errorf("End() = %d, want %d", r.End(), want)
	}
	n := len(r.Text)
	if s, e := r.Span(n, n); s != want || e != want {
		t.Errorf("Span(%d, %d) = %d, %d; want %d, %d", n, n, s, e, want, want)
	}
}

// Text between two entities keeps its source offsets, so a finding there
// points at the right bytes.
func TestSpanBetweenEntities(t *testing.T) {
	src := "Use &amp; Azure AD &amp; more, and&nbsp;Azure AD&nbsp;too.\n"
	doc, err := parseMarkdown(context.Background(), token.NewFileSet(), "f.md", []byte(src), parseOptions{proseKeys: DefaultProseKeys, prose: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	r := doc.Runs[0]
	for from, k := 0, 0; k < 2; k++ {
		i := from + strings.Index(r.Text[from:], "Azure AD")
		s, e := r.Span(i, i+len("Azure AD"))
		if got := src[s:e]; got != "Azure AD" {
			t.Errorf("occurrence %d: Span gives %q (%d:%d), want \"Azure AD\"", k+1, got, s, e)
		}
		from = i + 1
	}
}

// An empty comment (<!---->) in an HTML block hides nothing after it.
func TestHTMLBlockEmptyComment(t *testing.T) {
	src := "<div><!----> Azure AD here</div>\n"
	doc, err := parseMarkdown(context.Background(), token.NewFileSet(), "f.md", []byte(src), parseOptions{proseKeys: DefaultProseKeys, prose: true})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, r := range doc.Runs {
		texts = append(texts, strings.TrimSpace(r.Text))
	}
	if len(texts) != 1 || texts[0] != "Azure AD here" {
		t.Errorf("runs %q, want [\"Azure AD here\"]", texts)
	}
}

// The fast front-matter reader takes the common shapes at its edges (a
// list item of one character, a key of 1,000 bytes) and reads them as the
// YAML library does.
func TestSimpleYAMLEdges(t *testing.T) {
	for _, s := range []string{
		"tags:\n  - a\n  - bc\n",
		"keywords:\n- x\n",
		strings.Repeat("k", 1000) + ": v\n",
	} {
		fast, ok := simpleYAML([]byte(s))
		if !ok {
			t.Errorf("simpleYAML(%.40q...) = false: want the fast path", s)
			continue
		}
		var slow yaml.Node
		if err := yaml.Unmarshal([]byte(s), &slow); err != nil {
			t.Fatal(err)
		}
		if got, want := digest(fast), digest(&slow); got != want {
			t.Errorf("%.40q: simpleYAML reads\n%s\nthe library\n%s", s, got, want)
		}
	}
	if _, ok := simpleYAML([]byte(strings.Repeat("k", 1001) + ": v\n")); ok {
		t.Errorf("simpleYAML took a key over 1,000 bytes: want the library")
	}
}

// A license key on the first line of the front matter is reported where
// its value is.
func TestFrontMatterLicenseFirstLine(t *testing.T) {
	for _, src := range []string{
		"---\nlicense: MIT\n---\n# Page\n",
		"---\nlicense: 'MIT'\ntitle: [a, b]\n---\n# Page\n", // the YAML library's path
		"---\ntitle: Page\nlicense: MIT\n---\n# Page\n",
	} {
		doc, err := parseMarkdown(context.Background(), token.NewFileSet(), "f.md", []byte(src), parseOptions{proseKeys: DefaultProseKeys, prose: true})
		if err != nil {
			t.Fatal(err)
		}
		fm := doc.FrontMatter
		want := strings.Index(src, "MIT")
		if strings.Contains(src, "'MIT'") {
			want-- // the scalar starts at its quote
		}
		if fm == nil || fm.License != "MIT" || fm.LicenseOffset != want {
			t.Errorf("%q: front matter %+v, want license MIT at %d", src, fm, want)
		}
	}
}

// The watchdog's budget is the timeout once per started MiB of the page.
func TestDocTimeoutPerMiB(t *testing.T) {
	const mib = 1 << 20
	for _, tt := range []struct {
		size int
		want time.Duration
	}{
		{0, time.Second}, {1, time.Second}, {mib - 1, time.Second}, {mib, time.Second},
		{mib + 1, 2 * time.Second}, {2*mib - 1, 2 * time.Second}, {2 * mib, 2 * time.Second}, {50 * mib, 50 * time.Second},
	} {
		if got := docTimeout(time.Second, tt.size); got != tt.want {
			t.Errorf("docTimeout(1s, %d) = %v, want %v", tt.size, got, tt.want)
		}
	}
}

// An author named after another "by" phrase is still an author:
// "Endorsed by X. Written by Y." credits Y.
func TestHasAuthorByLaterPhrase(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Endorsed by Microsoft. Written by Jane Roe.", true},
		{"Written by Jane Roe.", true},
		{"Endorsed by Microsoft. Hosted by Contoso.", false},
	} {
		if got := hasAuthorBy(tt.text); got != tt.want {
			t.Errorf("hasAuthorBy(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
