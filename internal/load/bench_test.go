package load_test

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/toslint/toslint/internal/load"
)

// BenchmarkLoad loads this module (./..., about 500 packages with its
// dependencies) as toslint check does: its own packages analysed, the
// dependencies from their declarations or from the build cache's export
// data. go list runs in every iteration, as in every toslint run.
// scripts/bench-throttle.sh cache measures whole runs on real modules,
// cold and warm.
func BenchmarkLoad(b *testing.B) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	for _, bc := range []struct {
		name     string
		noExport bool
	}{{"declarations", true}, {"exportdata", false}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := load.Load(context.Background(), &load.Config{Dir: root, ModuleDir: root, NoExportData: bc.noExport}, "./...")
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Stats.Declarations), "decl-pkgs")
				b.ReportMetric(float64(res.Stats.ExportData), "export-pkgs")
			}
		})
	}
}
