package attribution_test

// TOS205 (off by default): a command's module dependency whose license
// needs a notice. The dependency's license is read from the module cache,
// which the test builds in a temporary GOMODCACHE; the module replaces the
// dependency with a local copy, so nothing is downloaded.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/toslint/toslint/analyzers/attribution"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/testutil"
	"github.com/toslint/toslint/rules"
)

// fakeModCache makes a module cache holding example.test/dep@v1.0.0 with
// an MIT license, and points GOMODCACHE at it.
func fakeModCache(t *testing.T) {
	t.Helper()
	cache := t.TempDir()
	dir := filepath.Join(cache, "example.test", "dep@v1.0.0")
	mit, err := os.ReadFile("testdata/licenses/MIT.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "LICENSE"), mit, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOMODCACHE", cache)
}

// analyzeDir runs the attribution analyzer over the module in dir and
// (or the packages named) returns its diagnostics ("file:line:col-endcol: ID message") and notice entries.
func analyzeDir(t *testing.T, dir string, pol *policy.Policy, patterns ...string) ([]string, []attribution.Entry) {
	t.Helper()
	dir, _ = filepath.Abs(dir)
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	pkgs, err := packages.Load(&packages.Config{Dir: dir, Mode: packages.LoadSyntax | packages.NeedModule,
		Env: append(os.Environ(), "GOFLAGS=", "GOPROXY=off")}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	a := attribution.New(pol, analysisutil.Options{})
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var diags []string
	var entries []attribution.Entry
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			t.Fatalf("%s: %v", act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			pos, end := act.Package.Fset.Position(d.Pos), act.Package.Fset.Position(d.End)
			diags = append(diags, fmt.Sprintf("%s:%d:%d-%d: %s %s", filepath.Base(pos.Filename), pos.Line, pos.Column, end.Column, d.Category, d.Message))
		}
		entries = append(entries, act.Result.(*attribution.Result).Entries...)
	}
	slices.Sort(diags)
	return diags, entries
}

func TestDependencyNotices(t *testing.T) {
	fakeModCache(t)
	pol, err := config.Parse("test.yml", []byte("rules:\n  - id: TOS205\n    enabled: true\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	diags, entries := analyzeDir(t, "testdata/deps", pol)
	want := []string{"main.go:3:1-8: TOS205 this command ships example.test/dep (MIT), whose license needs a notice, but the notices file does not name it"}
	if !slices.Equal(diags, want) {
		t.Errorf("diagnostics:\n%q\nwant (the command only, not the library):\n%q", diags, want)
	}
	if len(entries) != 1 || entries[0].Rule != "TOS205" || entries[0].Holder != "example.test/dep" || entries[0].License != "MIT" {
		t.Errorf("entries = %+v, want one TOS205 entry for example.test/dep (MIT)", entries)
	}
}

// TestDependencyNoticesOff checks that with TOS205 at its default (off)
// neither a finding nor a `toslint notices` entry names the dependency.
func TestDependencyNoticesOff(t *testing.T) {
	fakeModCache(t)
	diags, entries := analyzeDir(t, "testdata/deps", rules.DefaultPolicy())
	if len(diags) != 0 || len(entries) != 0 {
		t.Errorf("TOS205 is off, got diagnostics %q and entries %+v", diags, entries)
	}
}

// TestDependencyNotJudged checks that a package of a versioned dependency,
// named on the command line, is not checked: its copyright header is
// foreign to the main module but not the main module's to carry.
func TestDependencyNotJudged(t *testing.T) {
	fakeModCache(t)
	diags, entries := analyzeDir(t, "testdata/deps", rules.DefaultPolicy(), "example.test/dep")
	if len(diags) != 0 || len(entries) != 0 {
		t.Errorf("a dependency was judged: diagnostics %q, entries %+v", diags, entries)
	}
}

// TestProblemAtPackageClause checks where a file the analyzer cannot read
// is reported: on the package keyword of the package that owns it.
func TestProblemAtPackageClause(t *testing.T) {
	diags, _ := analyzeDir(t, "testdata/badreuse", rules.DefaultPolicy())
	if len(diags) != 1 || !strings.HasPrefix(diags[0], "a.go:1:1-8: TOS001 REUSE.toml was not checked for attribution") {
		t.Errorf("diagnostics = %q, want one TOS001 over `package` in a.go", diags)
	}
}

// TestLicenseStatementRange checks the range of TOS203 and TOS202
// findings in testdata/spdxrange: the statement's text on its line,
// without the comment marker and the trailing blanks, for an SPDX tag, a
// short-form notice and a foreign copyright line (with and without a
// missing license text, and in a copied folder whose license is not its
// notice); the first line of an Apache-2.0 header that names a NOTICE
// file; the package keyword for a license that a REUSE.toml annotation
// gives; and nothing for an annotation that gives no license.
func TestLicenseStatementRange(t *testing.T) {
	diags, _ := analyzeDir(t, "testdata/spdxrange", rules.DefaultPolicy())
	var got []string
	for _, d := range diags {
		got = append(got, d[:strings.Index(d, " TOS")+7])
	}
	want := []string{"a.go:1:3-36: TOS203", "b.go:1:3-64: TOS203", "c.go:1:4-35: TOS202", "d.go:1:4-34: TOS202",
		"e.go:1:3-51: TOS203", "f.go:1:3-37: TOS206", "f.go:1:4-37: TOS202", "s.go:4:1-8: TOS203", "u.go:1:4-29: TOS202"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", diags, want)
	}
	// A compound expression names each missing text.
	if i := slices.IndexFunc(diags, func(d string) bool { return strings.HasPrefix(d, "e.go") }); i < 0 ||
		!strings.Contains(diags[i], "carries no text of MPL-2.0 AND Apache-2.0 (add LICENSES/MPL-2.0.txt or") {
		t.Errorf("compound expression: %q", diags)
	}
}

// TestOwnHolderByVote checks the module's own holder when nothing names
// it (a LICENSE without a copyright line, no configuration): the holder
// on most files is the module's own, the other is foreign.
func TestOwnHolderByVote(t *testing.T) {
	diags, _ := analyzeDir(t, "testdata/vote", rules.DefaultPolicy())
	if len(diags) != 1 || !strings.HasPrefix(diags[0], `c.go:1:4-41: TOS202 copyright of "Quite Different Person"`) {
		t.Errorf("diagnostics = %q, want one TOS202 for Quite Different Person in c.go", diags)
	}
}

// TestVoteThresholds checks when the holder on most files is the
// module's own with no other evidence: more than half the statements, or
// at least 5/4 of the runner-up's; a tie makes no holder own.
func TestVoteThresholds(t *testing.T) {
	mit, err := os.ReadFile("testdata/licenses/MIT.txt")
	if err != nil {
		t.Fatal(err)
	}
	holders := []string{"Alpha Anders", "Bravo Baker", "Charlie Clark"}
	for _, tt := range []struct {
		counts []int // files per holder, in the order above
		own    bool  // whether Alpha Anders is the module's own
	}{
		{[]int{2, 2}, false},    // a tie
		{[]int{5, 4, 1}, true},  // exactly 5/4 of the runner-up
		{[]int{4, 4, 1}, false}, // a tie at the top
		{[]int{3, 1, 1}, true},  // more than half
		{[]int{6, 5}, true},     // more than half, under 5/4 of the runner-up
		{[]int{9, 8, 3}, false}, // under half, under 5/4 of the runner-up
		{[]int{6, 5, 1}, false}, // exactly half, under 5/4 of the runner-up
	} {
		t.Run(fmt.Sprint(tt.counts), func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"go.mod": "module example.test/vote\n\ngo 1.22\n", "LICENSE": string(mit),
				"doc.go": "// Package vote has files with and without a statement.\npackage vote\n"}
			for h, n := range tt.counts {
				for i := range n {
					files[fmt.Sprintf("f%d_%d.go", h, i)] = "// Copyright 2024 " + holders[h] + "\n\npackage vote\n"
				}
			}
			testutil.WriteTree(t, dir, files)
			diags, _ := analyzeDir(t, dir, rules.DefaultPolicy())
			alpha := 0
			for _, d := range diags {
				if strings.Contains(d, `"Alpha Anders"`) {
					alpha++
				}
			}
			if own := alpha == 0; own != tt.own {
				t.Errorf("Alpha Anders own = %v, want %v (%q)", own, tt.own, diags)
			}
		})
	}
}

// TestVoteTieOnEveryFile checks a tie where every file names both
// holders (a fork's headers), with no other evidence: each holder is on
// more than half of the files, but neither is on more than the other, so
// neither is the module's own and both are reported, whatever their names.
func TestVoteTieOnEveryFile(t *testing.T) {
	mit, err := os.ReadFile("testdata/licenses/MIT.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{"go.mod": "module example.test/fork\n\ngo 1.22\n", "LICENSE": string(mit)}
	for i := range 3 {
		files[fmt.Sprintf("f%d.go", i)] = "// Copyright 2019 Alma Ames\n// Copyright 2023 Zeno Zorn\n\npackage fork\n"
	}
	testutil.WriteTree(t, dir, files)
	diags, _ := analyzeDir(t, dir, rules.DefaultPolicy())
	alma, zeno := 0, 0
	for _, d := range diags {
		alma += strings.Count(d, `"Alma Ames"`)
		zeno += strings.Count(d, `"Zeno Zorn"`)
	}
	if alma != 3 || zeno != 3 {
		t.Errorf("want both holders reported on the 3 files, got %q", diags)
	}
}

// TestVoteSkipsCopiedFolders checks that the vote for the module's own
// holder counts only files outside copied folders: a vendored folder's
// many files do not outvote the module's one.
func TestVoteSkipsCopiedFolders(t *testing.T) {
	mit, err := os.ReadFile("testdata/licenses/MIT.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":        "module example.test/vote\n\ngo 1.22\n",
		"LICENSE":       string(mit),
		"y.go":          "// Copyright 2024 Yolanda Young\n\npackage vote\n",
		"third/LICENSE": "Copyright (c) 2020 Xavier Xu\n\n" + string(mit),
		"third/a.go":    "// Copyright 2020 Xavier Xu\n\npackage third\n",
		"third/b.go":    "// Copyright 2020 Xavier Xu\n\npackage third\n",
		"third/c.go":    "// Copyright 2020 Xavier Xu\n\npackage third\n",
	}
	testutil.WriteTree(t, dir, files)
	if diags, _ := analyzeDir(t, dir, rules.DefaultPolicy()); len(diags) != 0 {
		t.Errorf("want quiet (Yolanda Young is own by vote, the folder carries its MIT notice), got %q", diags)
	}
}
