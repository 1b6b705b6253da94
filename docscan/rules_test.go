package docscan_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toslint/toslint/docscan"
	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/rules"
)

// scanFindings scans a fixture repository and returns its findings, with
// paths relative to it.
func scanFindings(t *testing.T, dir string) []report.Finding {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := docscan.Scan(context.Background(), policyFor(t, abs), docscan.Options{Root: abs, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	report.Sort(res.Findings)
	return res.Findings
}

// TestRetiredProbe checks that the probe page names every retired name,
// form and informal form of the embedded packs, and that each is
// reported: a name added to a pack needs a probe line.
func TestRetiredProbe(t *testing.T) {
	fs := scanFindings(t, "testdata/repos/retired-probe")
	reported := func(rule, name string) bool {
		return slices.ContainsFunc(fs, func(f report.Finding) bool {
			return f.Rule == rule && (strings.Contains(f.Message, "`"+name+"`") || strings.Contains(f.Message, "`"+name+" ") ||
				strings.Contains(f.Message, "`"+name+"'") || strings.Contains(f.Message, "`"+name+"s`"))
		})
	}
	for _, name := range rules.Names() {
		p, err := rules.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		if p.Trademarks == nil {
			continue
		}
		for _, r := range p.Trademarks.Retired {
			for _, n := range append([]string{r.Name}, r.Forms...) {
				if !reported("TOS402", n) {
					t.Errorf("pack %s: retired %q is not reported in the probe (add a line for it)", name, n)
				}
			}
		}
		for _, m := range p.Trademarks.Marks {
			for _, n := range m.Informal {
				if !reported("TOS401", n) {
					t.Errorf("pack %s: informal form %q of %s is not reported in the probe", name, n, m.Name)
				}
			}
		}
	}
}

// TestFixes applies the fixes of the fixes fixture and compares the page
// with its golden: whole phrases replaced, articles corrected, and
// nothing written where no fix is grammatical.
func TestFixes(t *testing.T) {
	dir := "testdata/repos/fixes"
	page := filepath.Join(dir, "docs", "signin.md")
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(page)
	var edits []report.Edit
	for _, f := range scanFindings(t, dir) {
		for _, fx := range f.Fixes {
			for _, e := range fx.Edits {
				if e.File == abs {
					edits = append(edits, e)
				}
			}
		}
	}
	slices.SortFunc(edits, func(a, b report.Edit) int { return b.Start - a.Start })
	out := string(src)
	last := len(out) + 1
	for _, e := range edits {
		if e.End > last {
			t.Fatalf("overlapping edits at %d", e.Start)
		}
		out = out[:e.Start] + e.New + out[e.End:]
		last = e.Start
	}
	golden := page + ".fixed"
	if *update {
		os.WriteFile(golden, []byte(out), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("fixed page differs from %s (rerun with -update after checking)\n--- got\n%s", golden, out)
	}
}
