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

// BenchmarkGeneratedModule analyses a generated module of 200 packages and
// 20,000 functions whose call chains run through all 200 packages. Loading
// and type checking happen once, outside the timer: the benchmark measures
// the analyzer (and the driver's fact handling), which is what toslint adds
// to the floor of any fact-based suite.
func BenchmarkGeneratedModule(b *testing.B) {
	dir := b.TempDir()
	if _, err := benchgen.Write(dir, benchgen.Options{Packages: 200, Funcs: 100}); err != nil {
		b.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		b.Fatalf("load: %v", err)
	}
	a := throttle.New(rules.DefaultPolicy(), analysisutil.Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for act := range graph.All() {
			if act.Err != nil {
				b.Fatal(act.Err)
			}
			n += len(act.Diagnostics)
		}
		if n != 200*10 { // one unthrottled loop in every ten functions
			b.Fatalf("%d diagnostics, want %d", n, 200*10)
		}
	}
}
