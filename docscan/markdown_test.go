package docscan_test

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toslint/toslint/docscan"
	"github.com/toslint/toslint/internal/directive"
)

func TestParseMarkdown(t *testing.T) {
	src := "---\ntitle: A page\n---\n# Heading one\n\nSome *text* that\nwraps, with [a link](https://example.test/a) and <https://example.test/b>.\n\n" +
		"<!-- toslint-disable TOS402 -- reason -->\n\n`code https://example.test/c`\n\n```\nhttps://example.test/d\n```\n\nInline <!-- comment two --> here. ![alt](img.png)\n"
	d := docscan.ParseMarkdown(token.NewFileSet(), "a.md", []byte(src))
	var links []string
	for _, l := range d.Links {
		links = append(links, l.URL+"@"+d.Position(l.Offset).String())
	}
	want := "https://example.test/a@a.md:7:13,https://example.test/b@a.md:7:50,img.png@a.md:17:35"
	if got := strings.Join(links, ","); got != want {
		t.Errorf("links\n got %s\nwant %s", got, want)
	}
	if len(d.Comments) != 2 || d.Comments[0].Line != 9 || d.Comments[1].Line != 17 || d.Comments[1].Col != 8 {
		t.Errorf("comments = %+v", d.Comments)
	}
	// The first comment is a directive: its rules and reason come through;
	// the second is an ordinary comment.
	ds := directive.MarkdownFile(directive.NewSet(), "a.md", d.Comments)
	if len(ds) != 1 || ds[0].Kind != directive.Disable || !slices.Equal(ds[0].Rules, []string{"TOS402"}) || ds[0].Reason != "reason" ||
		ds[0].Line != 9 || ds[0].Col != 1 || ds[0].From != 9 || ds[0].To != 0 {
		t.Errorf("directives = %+v, want one toslint-disable of TOS402 with reason \"reason\" from line 9 to the end", ds)
	}
	if len(d.Headings) != 1 || d.Headings[0].Text != "Heading one" || d.Position(d.Headings[0].Offset).Line != 4 {
		t.Errorf("headings = %+v (front matter must not become a heading)", d.Headings)
	}
	joined := strings.Join(d.Prose, "|")
	if !strings.Contains(joined, "Some text that wraps, with a link and https://example.test/b.") {
		t.Errorf("prose does not join soft line breaks and emphasis: %q", joined)
	}
	if strings.Contains(joined, "example.test/c") || strings.Contains(joined, "example.test/d") {
		t.Errorf("prose includes code: %q", joined)
	}
}

// TestLineEndings parses one page written with LF, CRLF and lone CR line
// breaks, each with and without a UTF-8 byte order mark: the front matter
// is recognised in every case and every position (line:col) is the same.
func TestLineEndings(t *testing.T) {
	page := []string{
		"---", "title: A page about Powershell", "keywords:", "  - queues", "---",
		"# Heading", "", "Some Powershell text <!-- toslint-disable-next-line TOS401 -- quoted -->", "and [a link](https://example.test/x).",
	}
	want := ""
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		for _, bom := range []string{"", "\uFEFF"} {
			src := bom + strings.Join(page, eol) + eol
			d := docscan.ParseMarkdown(token.NewFileSet(), "a.md", []byte(src))
			var b strings.Builder
			if fm := d.FrontMatter; fm == nil || fm.Err != "" || len(fm.Keys) != 2 {
				fmt.Fprintf(&b, "front matter %+v; ", fm)
			} else {
				fmt.Fprintf(&b, "keys title@%s keywords@%s; ", d.Position(fm.Keys["title"]), d.Position(fm.Keys["keywords"]))
			}
			for _, h := range d.Headings {
				fmt.Fprintf(&b, "heading %q@%s; ", h.Text, d.Position(h.Offset))
			}
			for _, r := range d.Runs {
				if i := strings.Index(r.Text, "Powershell"); i >= 0 {
					start, end := r.Span(i, i+len("Powershell"))
					fmt.Fprintf(&b, "run %q: Powershell@%s-%s; ", r.Text, d.Position(start), d.Position(end))
				}
			}
			for _, c := range d.Comments {
				fmt.Fprintf(&b, "comment@%d:%d-%d; ", c.Line, c.Col, c.EndLine)
			}
			for _, l := range d.Links {
				fmt.Fprintf(&b, "link %s@%s", l.URL, d.Position(l.Offset))
			}
			got := b.String()
			name := fmt.Sprintf("eol %q bom %v", eol, bom != "")
			if want == "" {
				want = got
				if !strings.Contains(got, "keys title@a.md:2:1 keywords@a.md:3:1; heading \"Heading\"@a.md:6:1;") ||
					!strings.Contains(got, "Powershell@a.md:8:6-a.md:8:16") || !strings.Contains(got, "Powershell@a.md:2:21-a.md:2:31") ||
					!strings.Contains(got, "comment@8:22-8") || !strings.Contains(got, "link https://example.test/x@a.md:9:5") {
					t.Fatalf("%s: %s", name, got)
				}
				continue
			}
			if got != want {
				t.Errorf("%s differs from LF without a byte order mark\n got %s\nwant %s", name, got, want)
			}
		}
	}
}

// FuzzParseMarkdown checks that any input parses without panic and every
// position it reports lies inside the file.
func FuzzParseMarkdown(f *testing.F) {
	files, _ := filepath.Glob("testdata/repos/*/*.md")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("---\na: [\n---\n# x\n<!-- toslint-disable TOS402 -- y -->\n[l](u) <http://h> <!-- c\n"))
	f.Add([]byte("| a | b |\n|---|---|\n| <!-- x --> | [y](z) |\n\nTerm\n: definition[^1]\n\n[^1]: note\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d := docscan.ParseMarkdown(token.NewFileSet(), "f.md", src)
		// Lines end at LF, CRLF or a lone CR, as the parser reads them.
		lines := strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r") + 1
		for _, l := range d.Links {
			if l.Offset < -1 || l.Offset > len(src) {
				t.Fatalf("link offset %d outside a %d-byte file", l.Offset, len(src))
			}
		}
		for _, c := range d.Comments {
			if c.Line < 1 || c.Line > lines || c.EndLine < c.Line || c.EndLine > lines {
				t.Fatalf("comment at lines %d-%d outside a %d-line file", c.Line, c.EndLine, lines)
			}
		}
		for _, r := range d.Runs {
			if len(r.Offsets()) != len(r.Text)+1 {
				t.Fatalf("run %q has %d offsets", r.Text, len(r.Offsets()))
			}
			for _, o := range r.Offsets() {
				if o < 0 || o > len(src) {
					t.Fatalf("run %q maps to offset %d outside a %d-byte file", r.Text, o, len(src))
				}
			}
		}
		for _, h := range d.Headings {
			if p := d.Position(h.Offset); p.Line < 1 || p.Line > lines {
				t.Fatalf("heading at line %d outside a %d-line file", p.Line, lines)
			}
		}
	})
}
