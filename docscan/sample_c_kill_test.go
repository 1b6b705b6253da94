package docscan

// Tests written to kill the mutants of the seeded sample C that the
// mutation run found alive (see helpers_kill_test.go).

import (
	"context"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/testutil"
)

// scanTreeFindings writes files (slash paths) into a new directory, scans
// it with the default configuration and returns the findings, paths
// relative to it.
func scanTreeFindings(t *testing.T, files map[string]string) []report.Finding {
	t.Helper()
	dir := t.TempDir()
	testutil.WriteTree(t, dir, files)
	pol, err := config.Default(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Scan(context.Background(), pol, Options{Root: dir, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	report.Sort(res.Findings)
	report.Relativize(res.Findings, dir)
	return res.Findings
}

func parseForTest(t *testing.T, src string) *Document {
	t.Helper()
	doc, err := parseMarkdown(context.Background(), token.NewFileSet(), "f.md", []byte(src), parseOptions{proseKeys: DefaultProseKeys, prose: true})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// An image's alt text is its own: a short one is found, an HTML alt
// written after a long src too, and an image with none does not borrow
// the alt text of the image next to it.
func TestAltTextOfEachImage(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []string // the alt text of each image, in order
	}{
		{"# P\n\n![Azure logo](images/brand.png)\n", []string{"Azure logo"}},
		{"# P\n\n![Logo](images/brand.png)\n", []string{"Logo"}},
		{"# P\n\n<p><img src=\"images/brand.png\" alt=\"Azure logo\"></p>\n", []string{"Azure logo"}},
		{"# P\n\nSee <img class=x alt=\"Azure logo\" src=\"a.png\"> here.\n", []string{"Azure logo"}},
		{"# P\n\n![](images/azure-logo.png)![Screenshot of the Azure portal sign-in page](shot.png)\n",
			[]string{"", "Screenshot of the Azure portal sign-in page"}},
		{"# P\n\n<p><img src=\"a.png\"> <span title=\"Screen capture\">x</span></p>\n", []string{""}},
		{"<img src=\"images/brand.png\" alt=\"Azure logo\">\n", []string{"Azure logo"}}, // at offset 0
	} {
		doc := parseForTest(t, tt.src)
		var got []string
		for _, l := range doc.Links {
			if l.Image {
				got = append(got, doc.altAt(l.Offset))
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: alt texts %q, want %q", tt.src, got, tt.want)
		}
	}
}

// A logo image with no alt text is reported even when a screenshot
// follows it on the same line.
func TestLogoBeforeScreenshot(t *testing.T) {
	fs := scanTreeFindings(t, map[string]string{
		"LICENSE":      "license text\n",
		"docs/page.md": "# Page\n\n![](images/azure-logo.png)![Screenshot of the Azure portal sign-in page](shot.png)\n",
	})
	for _, f := range fs {
		if f.Rule == "TOS408" && strings.Contains(f.Message, "images/azure-logo.png") {
			return
		}
	}
	t.Errorf("no TOS408 for images/azure-logo.png in %v", fs)
}

// A value is quoted only when the same kind of quote closes it.
func TestQuotedNeedsClosingQuote(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{`use "pwsh" here`, true},
		{`use "pwsh here`, false},
		{`use 'pwsh' here`, true},
		{`use [pwsh] here`, true},
	} {
		start := strings.Index(tt.text, "pwsh")
		if got := quoted(tt.text, start, start+len("pwsh")); got != tt.want {
			t.Errorf("quoted(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// A date written with the month's name keeps its day.
func TestDateInDay(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"Released on March 5, 2021.", 20210305},
		{"Released on 5 March 2021.", 20210305},
		{"Released in March 2021.", 20210300},
		{"Released on 2021-03-05.", 20210305},
		{"March 2021, then 5 April 2022", 20210300}, // the first date
		{"5 March, 2021, then April 2022", 20210305},
		{"March 5, 2021", 20210305},
		{"5 March 2021", 20210305},
	} {
		if got := dateIn(tt.s); got != tt.want {
			t.Errorf("dateIn(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// A changelog section dated day first after a rename reports the old
// name; one dated before it does not.
func TestChangelogDayFirstDate(t *testing.T) {
	fs := scanTreeFindings(t, map[string]string{
		"LICENSE":      "license text\n",
		"CHANGELOG.md": "# Changes\n\n## 20 July 2023\n\nSign-in with Azure AD.\n\n## 5 July 2023\n\nSign-in with Azure AD.\n",
	})
	var lines []int
	for _, f := range fs {
		if f.Rule == "TOS402" && strings.Contains(f.Message, "Azure AD") {
			lines = append(lines, f.Pos.Line)
		}
	}
	if len(lines) != 1 || lines[0] != 5 {
		t.Errorf("TOS402 for Azure AD on lines %v, want [5] (the section of 20 July 2023, after the rename of 11 July): %v", lines, fs)
	}
}

// The license detector helper is found on PATH and its guesses are read.
func TestDetectorOnPath(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake helper is a shell script")
	}
	bin := t.TempDir()
	script := "#!/bin/sh\necho '{\"MIT\": 0.5, \"CC-BY-4.0\": 0.99}'\n"
	if err := os.WriteFile(filepath.Join(bin, DetectorCommand), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	gs := detectorGuess(t.TempDir())
	if len(gs) != 2 || gs[0] != (guess{"CC-BY-4.0", 0.99}) || gs[1] != (guess{"MIT", 0.5}) {
		t.Errorf("detectorGuess = %v, want [{CC-BY-4.0 0.99} {MIT 0.5}]", gs)
	}
}

// A file whose very first byte is NUL is binary.
func TestBinaryFromFirstByte(t *testing.T) {
	fs := scanTreeFindings(t, map[string]string{
		"LICENSE":      "license text\n",
		"docs/page.md": "\x00 some notes\n",
	})
	for _, f := range fs {
		if f.Rule == "TOS001" && f.Pos.Filename == filepath.FromSlash("docs/page.md") && strings.Contains(f.Message, "binary file") {
			return
		}
	}
	t.Errorf("no TOS001 binary file for docs/page.md in %v", fs)
}

// lineCol counts lines broken by LF, CRLF (once) or a lone CR, also one
// at the very end of the data.
func TestLineColBreaks(t *testing.T) {
	for _, tt := range []struct {
		data      string
		off       int
		line, col int
	}{
		{"ok\n\xff", 3, 2, 1},
		{"a\r\n\xff", 3, 2, 1},
		{"a\rbc\xff", 4, 2, 3},
		{"a\r", 2, 2, 1},
		{"\uFEFFab\xff", 5, 1, 3},
	} {
		if line, col := lineCol([]byte(tt.data), tt.off); line != tt.line || col != tt.col {
			t.Errorf("lineCol(%q, %d) = %d, %d; want %d, %d", tt.data, tt.off, line, col, tt.line, tt.col)
		}
	}
}

// Keys after an empty first line of the front matter are placed on their
// own line.
func TestFrontMatterEmptyFirstLine(t *testing.T) {
	src := "---\n\nlicense: MIT\n---\n# Page\n"
	fm := parseForTest(t, src).FrontMatter
	if fm == nil || fm.License != "MIT" || fm.LicenseOffset != strings.Index(src, "MIT") || fm.Keys["license"] != strings.Index(src, "license") {
		t.Errorf("front matter %+v, want license MIT at %d, key at %d", fm, strings.Index(src, "MIT"), strings.Index(src, "license"))
	}
}

// A YAML error on line 10 of the front matter is reported there.
func TestFrontMatterErrorLineTen(t *testing.T) {
	src := "---\n" + strings.Repeat("k: v\n", 9) + "x: [\n---\n# Page\n"
	fm := parseForTest(t, src).FrontMatter
	if want := strings.Index(src, "x: ["); fm == nil || fm.Err == "" || fm.ErrOffset != want {
		t.Errorf("front matter %+v, want an error at %d", fm, want)
	}
}

// The fast front-matter reader reads an empty value and an empty quoted
// one as the YAML library does, position included.
func TestSimpleYAMLEmptyValues(t *testing.T) {
	for _, s := range []string{"license:\n", "title: \"\"\n", "a: b\ntitle: ''\n"} {
		fast, ok := simpleYAML([]byte(s))
		if !ok {
			t.Errorf("simpleYAML(%q) = false: want the fast path", s)
			continue
		}
		var slow yaml.Node
		if err := yaml.Unmarshal([]byte(s), &slow); err != nil {
			t.Fatal(err)
		}
		last := func(n *yaml.Node) *yaml.Node { m := n.Content[0]; return m.Content[len(m.Content)-1] }
		f, w := last(fast), last(&slow)
		if f.Value != w.Value || f.Tag != w.Tag || f.Style != w.Style || f.Line != w.Line || f.Column != w.Column {
			t.Errorf("%q: simpleYAML reads %q %s/%d at %d:%d, the library %q %s/%d at %d:%d",
				s, f.Value, f.Tag, f.Style, f.Line, f.Column, w.Value, w.Tag, w.Style, w.Line, w.Column)
		}
	}
}

// The space a comment of an HTML block stands for maps to the comment's
// end, so a run's offsets stay in the file and never go back.
func TestHTMLBlockCommentSpace(t *testing.T) {
	src := "<div>Azure<!-- note -->AD</div>\n"
	doc := parseForTest(t, src)
	if len(doc.Runs) != 1 || doc.Runs[0].Text != "Azure AD" {
		t.Fatalf("runs of %q: %d, want one, \"Azure AD\"", src, len(doc.Runs))
	}
	offs := doc.Runs[0].Offsets()
	if want := strings.Index(src, "-->") + 2; offs[len("Azure")] != want {
		t.Errorf("the space maps to %d, want %d (the comment's '>'); offsets %v", offs[len("Azure")], want, offs)
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] || offs[i] < 0 || offs[i] > len(src) {
			t.Errorf("offsets %v: not increasing inside the file", offs)
			break
		}
	}
}

// The text before the first tag of an indented HTML block, its
// indentation, starts the run byte for byte.
func TestHTMLBlockLeadingText(t *testing.T) {
	src := "  <span>\nAzure AD\n</span>\n"
	doc := parseForTest(t, src)
	if len(doc.Runs) == 0 || doc.Runs[0].Start() != 0 || !strings.HasPrefix(doc.Runs[0].Text, "  \nAzure AD") {
		t.Errorf("runs of %q: want the first to start at 0 with \"  \\nAzure AD\"", src)
	}
}

// TOS302's note points at the README's statement when it states one
// license.
func TestStatedLicenseRelated(t *testing.T) {
	mit, err := os.ReadFile("../analyzers/attribution/testdata/licenses/MIT.txt")
	if err != nil {
		t.Fatal(err)
	}
	fs := scanTreeFindings(t, map[string]string{
		"LICENSE":   "MIT License\n\nCopyright (c) 2026 Example Corp\n\n" + string(mit),
		"README.md": "# Docs\n\nThese pages are licensed under CC BY 4.0.\n",
	})
	for _, f := range fs {
		if f.Rule == "TOS302" {
			if len(f.Related) != 1 || f.Related[0].Pos.Filename != "README.md" || f.Related[0].Pos.Line != 3 || f.Related[0].Pos.Column != 17 {
				t.Errorf("TOS302 related %+v, want README.md:3:17", f.Related)
			}
			return
		}
	}
	t.Errorf("no TOS302 in %v", fs)
}
