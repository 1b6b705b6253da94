package attribution_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/toslint/toslint/analyzers/attribution"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/config"
)

func analyzer(t *testing.T) *analysis.Analyzer {
	t.Helper()
	pol, err := config.Parse("test.yml", []byte("copyright_holders:\n  - name: Example Corp\n    aliases: [Example Inc.]\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return analysisutil.WithRuleIDs(attribution.New(pol, analysisutil.Options{ApplyDirectives: true}), pol, false)
}

// TestModule runs the analyzer over the fixture module testdata/m: own,
// listed and foreign holders, prose, generated files, suppressions, SPDX
// expressions, short-form notices, provenance comments, go:embed over CC
// BY and MIT content with and without attribution, and third_party.
func TestModule(t *testing.T) {
	analysistest.Run(t, "testdata/m", analyzer(t), "./...")
}

// TestApacheWithoutNOTICE checks Apache-2.0 section 4(d).
func TestApacheWithoutNOTICE(t *testing.T) {
	analysistest.Run(t, "testdata/nonotice", analyzer(t), "./...")
}
