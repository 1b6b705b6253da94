package throttle_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/toslint/toslint/analyzers/throttle"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/policy"
)

// testPolicy enables the Defender for Endpoint and Graph packs and names a
// wrapper type of the fixtures.
func testPolicy(t *testing.T) *policy.Policy {
	t.Helper()
	src := `
packs:
  - name: microsoft-defender-endpoint
  - name: microsoft-graph
wrappers:
  - type: "(*wrapped.Client)"
    api: mde
`
	pol, err := config.Parse("test.yml", []byte(src), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return pol
}

// analyzer returns the analyzer under test, with rule IDs leading the
// messages so that the want comments name them.
func analyzer(t *testing.T, opts analysisutil.Options) *analysis.Analyzer {
	pol := testPolicy(t)
	return analysisutil.WithRuleIDs(throttle.New(pol, opts), pol, false)
}

func TestLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "loops")
}

func TestFanOut(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "fanout")
}

// TestAcrossPackages checks facts: helpers in mdeclient, loops in caller.
func TestAcrossPackages(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "mdeclient", "caller")
}

func TestGraphAcceptsReactiveRetry(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "graph")
}

func TestWrapperFromConfig(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "wrapped")
}

func TestGeneratedFileQuiet(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "gen")
}

// TestSuppressed runs with directives applied, as the golangci-lint plugin
// does; the CLI applies them itself and keeps the finding for audit.
func TestSuppressed(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{ApplyDirectives: true}), "suppressed")
}

func TestThrottledTransport(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "transport")
}

// TestInterfaceFromPack uses a pack that names an interface method.
func TestInterfaceFromPack(t *testing.T) {
	pack, err := filepath.Abs("testdata/packs/acme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pol, err := config.Parse("test.yml", []byte("packs:\n  - path: "+pack+"\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := analysisutil.WithRuleIDs(throttle.New(pol, analysisutil.Options{}), pol, false)
	analysistest.Run(t, analysistest.TestData(), a, "ifaces")
}

// TestDefaultAnalyzer checks the package-level Analyzer: the default pack,
// directives applied: the suppressed loop is quiet, the other reported.
func TestDefaultAnalyzer(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{throttle.Analyzer}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(throttle.Analyzer.Doc, "report rate-limited API calls") {
		t.Errorf("Doc = %q", throttle.Analyzer.Doc)
	}
	analysistest.Run(t, analysistest.TestData(), throttle.Analyzer, "defaultpack")
}
