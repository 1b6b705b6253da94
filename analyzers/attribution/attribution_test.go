package attribution_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/toslint/toslint/analyzers/attribution"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/rules"
)

func analyzer(t *testing.T) *analysis.Analyzer {
	t.Helper()
	pol, err := config.Parse("test.yml", []byte("copyright_holders:\n  - name: Example Corp\n    aliases: [Example Inc.]\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return analysisutil.WithRuleIDs(attribution.New(pol, analysisutil.Options{ApplyDirectives: true}), pol, false)
}

// TestModule runs the analyzer over the fixture module testdata/m with
// configured own holders: own, aliased, listed and foreign holders, prose,
// generated files, suppressions, SPDX expressions, short-form notices,
// provenance comments (with the file's header naming a holder, with and
// without its license; before a single value), go:embed over CC BY and
// MIT content with and without attribution and over Markdown whose front
// matter names its license, REUSE.toml, and copied units.
func TestModule(t *testing.T) {
	analysistest.Run(t, "testdata/m", analyzer(t), "./...")
}

// TestApacheWithoutNOTICE checks that a foreign Apache-2.0 header whose
// license text the module lacks is one finding, and that Apache-2.0
// section 4(d) is not asserted where no NOTICE is known.
func TestApacheWithoutNOTICE(t *testing.T) {
	analysistest.Run(t, "testdata/nonotice", analyzer(t), "./...")
}

// TestRecall runs the analyzer as the toslint CLI does (tests not loaded,
// module identity from evidence, no configuration) over testdata/recall:
// test files, files excluded by build constraints, directories the go
// command does not list, generated copies, statements inside lines,
// credits, copied units, REUSE.toml precedence, a root LICENSE that
// concatenates two texts, and Apache-2.0 section 4(d). analysistest
// cannot check these (it reads expectations from the loaded files only),
// so this test reads `// want` comments from every Go file of the tree.
func TestRecall(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fixture's excluded file is windows-only")
	}
	runTree(t, "testdata/recall")
}

// TestModuleProblems checks that a file the analyzer cannot parse is
// reported (TOS001), not skipped.
func TestModuleProblems(t *testing.T) {
	runTree(t, "testdata/badreuse")
}

var wantRx = regexp.MustCompile("// want `([^`]*)`")

// runTree loads the module in dir without tests, runs the attribution
// analyzer with the default policy and compares its diagnostics with the
// `// want` comments of every Go file under dir.
func runTree(t *testing.T, dir string) {
	t.Helper()
	dir, _ = filepath.Abs(dir)
	want := map[string][]*regexp.Regexp{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(data), "\n") {
			for _, m := range wantRx.FindAllStringSubmatch(l, -1) {
				key := fmt.Sprintf("%s:%d", p, i+1)
				want[key] = append(want[key], regexp.MustCompile(m[1]))
			}
		}
		return nil
	})
	pkgs, err := packages.Load(&packages.Config{Dir: dir, Mode: packages.LoadSyntax | packages.NeedModule, Env: append(os.Environ(), "GOFLAGS=", "GOPROXY=off")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	pol := rules.DefaultPolicy()
	a := analysisutil.WithRuleIDs(attribution.New(pol, analysisutil.Options{ApplyDirectives: true}), pol, false)
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			t.Errorf("%s: %v", act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			key := fmt.Sprintf("%s:%d", posn.Filename, posn.Line)
			if i := slices.IndexFunc(want[key], func(rx *regexp.Regexp) bool { return rx.MatchString(d.Message) }); i >= 0 {
				want[key] = slices.Delete(want[key], i, i+1)
				continue
			}
			got = append(got, fmt.Sprintf("%s: unexpected diagnostic: %s", rel(dir, key), d.Message))
		}
	}
	for key, rxs := range want {
		for _, rx := range rxs {
			got = append(got, fmt.Sprintf("%s: no diagnostic matching %q", rel(dir, key), rx))
		}
	}
	slices.Sort(got)
	for _, g := range got {
		t.Error(g)
	}
}

func rel(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil {
		return r
	}
	return p
}
