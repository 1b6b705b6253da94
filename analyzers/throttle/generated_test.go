package throttle_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/toslint/toslint/analyzers/throttle"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/benchgen"
	"github.com/toslint/toslint/rules"
)

// TestGeneratedModule is the check BenchmarkGeneratedModule makes, as a
// test on a smaller module (CI does not run benchmarks): call chains run
// through every package, and one function in ten has an unthrottled loop.
func TestGeneratedModule(t *testing.T) {
	dir := t.TempDir()
	const pkgs, funcs = 12, 30
	if _, err := benchgen.Write(dir, benchgen.Options{Packages: pkgs, Funcs: funcs}); err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Dir: dir}
	loaded, err := packages.Load(cfg, "./...")
	if err != nil || packages.PrintErrors(loaded) > 0 {
		t.Fatalf("load: %v", err)
	}
	a := throttle.New(rules.DefaultPolicy(), analysisutil.Options{})
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, loaded, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		n += len(act.Diagnostics)
	}
	if want := pkgs * funcs / 10; n != want {
		t.Errorf("%d diagnostics, want %d", n, want)
	}
}
