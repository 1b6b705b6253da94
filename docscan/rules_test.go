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
	"github.com/toslint/toslint/internal/testutil"
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

// writeRepo writes files into a fresh directory.
func writeRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testutil.WriteTree(t, dir, files)
	return dir
}

// TestCodeLicenseStated checks TOS305 against what the README grants: a
// README that grants a code license (MIT) needs no LICENSE-CODE; one that
// grants only the docs license does.
func TestCodeLicenseStated(t *testing.T) {
	cc, err := os.ReadFile("testdata/repos/owner-ok/LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		readme string
		want   bool
	}{
		{"# Tool\n\n## License\n\nThe docs are licensed under CC BY 4.0 ([deed](https://creativecommons.org/licenses/by/4.0/), [LICENSE](LICENSE)); the code is licensed under the MIT License.\n", false},
		{"# Tool\n\n## License\n\nEverything here is licensed under CC BY 4.0 ([deed](https://creativecommons.org/licenses/by/4.0/), [LICENSE](LICENSE)).\n", true},
	} {
		dir := writeRepo(t, map[string]string{"LICENSE": string(cc), "README.md": tt.readme, "tool.go": "package tool\n"})
		got := strings.Contains(scanDir(t, dir), "TOS305")
		if got != tt.want {
			t.Errorf("README %q: TOS305 reported %v, want %v\n%s", tt.readme, got, tt.want, scanDir(t, dir))
		}
	}
}

// TestInlineHTMLAlt checks that the alt text of an image written as
// inline HTML in a paragraph is prose the rules read.
func TestInlineHTMLAlt(t *testing.T) {
	dir := writeRepo(t, map[string]string{
		"LICENSE":   "Free to copy.\n",
		"README.md": "# Tool\n\nThe console <img src=\"console.png\" alt=\"the Windows Defender ATP console\"> shows alerts.\n",
	})
	got := scanDir(t, dir)
	if !strings.Contains(got, "README.md:3:45: TOS402 retired name `Windows Defender ATP`") {
		t.Errorf("retired name in an inline alt text not reported:\n%s", got)
	}
}

// TestOwnerModes checks the owner decisions a scan reports, per owner.
func TestOwnerModes(t *testing.T) {
	for _, tt := range []struct {
		repo string
		want string
	}{
		{"owner-ok", "GitHub third-party: no root license or notices file shows it is GitHub's (copyright holder, license grant or notices)|Microsoft owner: LICENSE-CODE names Microsoft Corporation as the copyright holder"},
		{"owner-grant", "GitHub third-party: no root license or notices file shows it is GitHub's (copyright holder, license grant or notices)|Microsoft owner: README.md grants the content license in Microsoft's name"},
		{"owner-second-holder", "GitHub third-party: no root license or notices file shows it is GitHub's (copyright holder, license grant or notices)|Microsoft third-party: no root license or notices file shows it is Microsoft's (copyright holder, license grant or notices)"},
		{"owner-forced-off", "GitHub third-party: trademark_owner: false in .toslint.yml|Microsoft third-party: trademark_owner: false in .toslint.yml"},
		{"owner-thirdparty", "GitHub owner: trademark_owner: true in .toslint.yml|Microsoft owner: trademark_owner: true in .toslint.yml"},
	} {
		abs, _ := filepath.Abs(filepath.Join("testdata/repos", tt.repo))
		res, err := docscan.Scan(context.Background(), policyFor(t, abs), docscan.Options{Root: abs, Jobs: 1})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range res.Owners {
			mode := "third-party"
			if o.Own {
				mode = "owner"
			}
			got = append(got, o.Owner+" "+mode+": "+o.Reason)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.repo, g, tt.want)
		}
	}
}
