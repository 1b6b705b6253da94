package packinit_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/toslint/toslint/internal/packinit"
	"github.com/toslint/toslint/internal/packreview"
	"github.com/toslint/toslint/internal/testutil"
	"github.com/toslint/toslint/rules"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.yaml")

// generate runs the extractor on files (paths under testdata) and returns
// the pack it writes. Comments cite each page by its base name.
func generate(t testing.TB, o packinit.Options, files ...string) []byte {
	t.Helper()
	var pages []packinit.Page
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, packinit.Page{Name: filepath.Base(f), Src: src})
	}
	d, err := packinit.Extract(pages, o)
	if err != nil {
		t.Fatalf("Extract(%v): %v", files, err)
	}
	var b bytes.Buffer
	if err := d.WriteYAML(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden turns each terms page into a pack, compares it with its
// golden file (rewritten with -update) and loads it with the pack loader.
func TestGolden(t *testing.T) {
	cases := []struct {
		golden string
		opts   packinit.Options
		pages  []string
	}{
		{"microsoft-defender-endpoint.yaml", packinit.Options{Name: "microsoft-defender-endpoint"},
			[]string{"seed/mde-api-terms-of-use.md", "pages/mde-endpoints.md"}},
		{"seed-alone.yaml", packinit.Options{}, []string{"seed/mde-api-terms-of-use.md"}},
		{"seed-with-host.yaml", packinit.Options{Name: "mde", Hosts: []string{"api.security.microsoft.com"}},
			[]string{"seed/mde-api-terms-of-use.md"}},
		{"github-style.yaml", packinit.Options{}, []string{"pages/github-style.md"}},
		{"app-tenant.yaml", packinit.Options{}, []string{"pages/app-tenant.md"}},
		{"two-tables.yaml", packinit.Options{Name: "quillon"}, []string{"pages/two-tables.md"}},
		{"no-throttling.yaml", packinit.Options{}, []string{"pages/no-throttling.md"}},
		{"german-headings.yaml", packinit.Options{}, []string{"pages/german-headings.md"}},
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.golden, ".yaml"), func(t *testing.T) {
			got := generate(t, c.opts, c.pages...)
			file := filepath.Join("testdata", "golden", c.golden)
			testutil.CheckGolden(t, file, got, *update)
			if _, err := rules.Parse(c.golden, got); err != nil {
				t.Errorf("the pack loader rejects the output: %v", err)
			}
		})
	}
}

func TestNothingToExtract(t *testing.T) {
	src, err := os.ReadFile("testdata/pages/nothing.md")
	if err != nil {
		t.Fatal(err)
	}
	_, err = packinit.Extract([]packinit.Page{{Name: "nothing.md", Src: src}}, packinit.Options{})
	if !errors.Is(err, packinit.ErrNothing) {
		t.Errorf("Extract(nothing.md) = %v, want ErrNothing", err)
	}
}

func TestBadHostOption(t *testing.T) {
	src, _ := os.ReadFile("testdata/pages/no-throttling.md")
	_, err := packinit.Extract([]packinit.Page{{Name: "x.md", Src: src}}, packinit.Options{Hosts: []string{"https://api.x.example/"}})
	if err == nil || !strings.Contains(err.Error(), "not a host name") {
		t.Errorf("err = %v, want a host name error", err)
	}
}

// refRE finds the page references in a comment: "seed.md:42".
var refRE = regexp.MustCompile(`([\w.-]+\.md):(\d+)`)

// checkRefs reports comment references outside their page.
func checkRefs(t testing.TB, out []byte, lines map[string]int) {
	t.Helper()
	for i, l := range strings.Split(string(out), "\n") {
		comment, ok := packreview.Comment(l)
		if !ok {
			continue
		}
		for _, m := range refRE.FindAllStringSubmatch(comment, -1) {
			n, ok := lines[m[1]]
			if !ok {
				continue
			}
			if ln, _ := strconv.Atoi(m[2]); ln < 1 || ln > n {
				t.Errorf("output line %d cites %s:%s, outside the page (%d lines): %s", i+1, m[1], m[2], n, l)
			}
		}
	}
}

func lineCount(src []byte) int { return bytes.Count(src, []byte("\n")) + 1 }

// TestCommentsCiteTheirLines checks that every comment of the golden
// cases points inside the page it names, and at the right text for the
// seed's limit.
func TestCommentsCiteTheirLines(t *testing.T) {
	seed, _ := os.ReadFile("testdata/seed/mde-api-terms-of-use.md")
	hosts, _ := os.ReadFile("testdata/pages/mde-endpoints.md")
	out := generate(t, packinit.Options{}, "seed/mde-api-terms-of-use.md", "pages/mde-endpoints.md")
	checkRefs(t, out, map[string]int{"mde-api-terms-of-use.md": lineCount(seed), "mde-endpoints.md": lineCount(hosts)})
	m := regexp.MustCompile(`- name: per connection  # mde-api-terms-of-use\.md:(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no per-connection limit in\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	if line := strings.Split(string(seed), "\n")[n-1]; !strings.Contains(line, "| 100 |") {
		t.Errorf("the limit cites line %d, %q, not the table row", n, line)
	}
}

// FuzzExtract: any page either yields nothing or a pack the loader
// accepts, and every comment points inside the page.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/pages/*.md")
	files = append(files, "testdata/seed/mde-api-terms-of-use.md")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("| a | b |\n|---|---|\n| per app | 10 requests per 1 second |\n"))
	f.Add([]byte("---\ntitle: [\n---\n# x\nX and Y are trademarks of Z Inc. All rights reserved.\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		d, err := packinit.Extract([]packinit.Page{{Name: "fz.md", Src: src}}, packinit.Options{})
		if err != nil {
			if !errors.Is(err, packinit.ErrNothing) && !errors.Is(err, packinit.ErrNotUTF8) {
				t.Fatalf("Extract: %v", err)
			}
			return
		}
		var b bytes.Buffer
		if err := d.WriteYAML(&b); err != nil {
			t.Fatal(err)
		}
		if _, err := rules.Parse("fz.yaml", b.Bytes()); err != nil {
			t.Fatalf("the loader rejects the pack: %v\n%s", err, b.String())
		}
		checkRefs(t, b.Bytes(), map[string]int{"fz.md": lineCount(src)})
	})
}

// TestLineEndings: a page saved with CRLF line endings gives the same pack.
func TestLineEndings(t *testing.T) {
	for _, f := range []string{"pages/github-style.md", "pages/app-tenant.md", "seed/mde-api-terms-of-use.md"} {
		src, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		render := func(src []byte) string {
			d, err := packinit.Extract([]packinit.Page{{Name: "p.md", Src: src}}, packinit.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := d.WriteYAML(&b); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		crlf := bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
		if diff := cmp.Diff(render(src), render(crlf)); diff != "" {
			t.Errorf("%s with CRLF line endings (-LF +CRLF):\n%s", f, diff)
		}
	}
}

// TestTwoLicenses: a second docs license is kept for review, not dropped.
func TestTwoLicenses(t *testing.T) {
	pages := []packinit.Page{
		{Name: "a.md", Src: []byte("The documentation is licensed under CC BY 4.0.\n")},
		{Name: "b.md", Src: []byte("These docs are published under CC BY-SA 4.0.\n")},
	}
	d, err := packinit.Extract(pages, packinit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d.WriteYAML(&b); err != nil {
		t.Fatal(err)
	}
	want := "docs_license: CC-BY-4.0  # a.md:1, review: the terms also name CC-BY-SA-4.0 (b.md:1)"
	if !strings.Contains(b.String(), want) {
		t.Errorf("no %q in\n%s", want, b.String())
	}
}
