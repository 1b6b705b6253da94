package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/toslint/toslint/internal/load"
)

type seenFact struct{}

func (*seenFact) AFact() {}

// TestGuard: an analyzer that panics on one package, or returns an error
// on another, yields a TOS001 finding there (with the frames where it
// panicked); the packages that import them are still analysed; a package
// with load errors is skipped.
func TestGuard(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"go.mod":     "module example.test/g\n\ngo 1.22\n",
		"a/a.go":     "package a\n\n// A is here.\nfunc A() {}\n",
		"b/b.go":     "package b\n\nimport \"example.test/g/a\"\n\n// B calls A.\nfunc B() { a.A() }\n",
		"c/c.go":     "package c\n\nimport \"example.test/g/b\"\n\n// C calls B.\nfunc C() { b.B() }\n",
		"bad/bad.go": "package bad\n\nvar X int = \"x\"\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := load.Load(context.Background(), &load.Config{Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	ran := map[string]bool{}
	boom := &analysis.Analyzer{
		Name:      "boom",
		Doc:       "boom panics on package a",
		FactTypes: []analysis.Fact{new(seenFact)},
		Run: func(pass *analysis.Pass) (any, error) {
			ran[pass.Pkg.Path()] = true // sequential run: no race
			switch pass.Pkg.Name() {
			case "a":
				explode()
			case "b":
				return nil, errors.New("fault")
			}
			pass.Reportf(pass.Files[0].Package, "analysed")
			return nil, nil
		},
	}
	broken := map[*packages.Package]bool{}
	for _, p := range res.Roots {
		if len(p.Errors) > 0 {
			broken[p] = true
		}
	}
	g := newGuard(broken)
	graph, err := checker.Analyze(g.wrap([]*analysis.Analyzer{boom}), res.Roots, &checker.Options{Sequential: true})
	if err != nil {
		t.Fatal(err)
	}
	reported := map[string]bool{}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		if len(act.Diagnostics) > 0 {
			reported[act.Package.PkgPath] = true
		}
	}
	if !reported["example.test/g/c"] || !ran["example.test/g/b"] || ran["example.test/g/bad"] {
		t.Errorf("reported on %v, ran on %v: want b run, c (which imports b) reported, bad skipped", reported, ran)
	}
	found := g.panics()
	if len(found) != 2 {
		t.Fatalf("%d failures recorded, want 2: %v", len(found), found)
	}
	if f := found[1]; filepath.Base(f.Pos.Filename) != "b.go" || !strings.Contains(f.Message, "internal error in the boom analyzer: fault (please report it)") || len(f.Related) != 0 {
		t.Errorf("error finding %+v", f)
	}
	f := found[0]
	if f.Rule != "TOS001" || filepath.Base(f.Pos.Filename) != "a.go" || !strings.Contains(f.Message, "internal error in the boom analyzer: kaboom") {
		t.Errorf("finding %+v", f)
	}
	if len(f.Related) == 0 || !strings.HasSuffix(f.Related[0].Message, ".explode") || filepath.Base(f.Related[0].Pos.Filename) != "goguard_test.go" {
		t.Errorf("first frame %+v, want explode in goguard_test.go", f.Related)
	}
}

func explode() { panic("kaboom") }
