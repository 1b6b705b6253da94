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

// testPolicy enables the embedded packs by name and names a wrapper type
// of the fixtures.
func testPolicy(t *testing.T) *policy.Policy {
	t.Helper()
	src := `
packs:
  - name: microsoft-defender-endpoint
  - name: microsoft-graph
  - name: github
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

// TestDefaultPacks runs the package-level Analyzer, as a user with no
// configuration gets it: every embedded pack, so GitHub and Graph loops
// are judged too.
func TestDefaultPacks(t *testing.T) {
	a := analysisutil.WithRuleIDs(throttle.Analyzer, nil, false)
	analysistest.Run(t, analysistest.TestData(), a, "sdkclients")
}

// TestStrictPackMiddleware uses a pack whose terms need a proactive
// throttle: the SDK's own retry is TOS104, a throttling middleware in the
// client the SDK is built on makes the loops compliant.
func TestStrictPackMiddleware(t *testing.T) {
	pack, err := filepath.Abs("testdata/packs/strict-graph.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pol, err := config.Parse("test.yml", []byte("packs:\n  - path: "+pack+"\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := analysisutil.WithRuleIDs(throttle.New(pol, analysisutil.Options{}), pol, false)
	analysistest.Run(t, analysistest.TestData(), a, "strictgraph")
}

// TestInterfaceToSDK checks class-hierarchy resolution: interfaces whose
// implementations are SDK types converted in this or an imported package.
func TestInterfaceToSDK(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "ghwire", "chaloop")
}

// TestHostsThroughDataFlow checks hosts that reach the request through
// parameters, options, collections, builders and flags.
func TestHostsThroughDataFlow(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "urlhelper", "urlcaller")
}

// TestOneFindingPerCause checks that nested loops, callers of looping
// functions and helpers that loop over their argument report each cause
// once, where the count becomes unbounded.
func TestOneFindingPerCause(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "onecause")
}

// TestChainsShortened checks the related information of a deep chain: the
// first two and last two hops, and how many are left out.
func TestChainsShortened(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), "deepchain")
	var msgs []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				msgs = append(msgs, rel.Message)
			}
		}
	}
	want := "mde API: calls deepchain.f1 → deepchain.f2 → … 3 more → deepchain.f6 → net/http.Get on api.security.microsoft.com"
	if len(msgs) != 1 || msgs[0] != want {
		t.Errorf("related = %q, want [%q]", msgs, want)
	}
}

// TestPaginationCounts uses a pack whose terms count every page: its
// pagination loops are judged like any loop; the mde pack's stay exempt.
func TestPaginationCounts(t *testing.T) {
	pack, err := filepath.Abs("testdata/packs/pages.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := "packs:\n  - path: " + pack + "\n  - name: microsoft-defender-endpoint\n"
	pol, err := config.Parse("test.yml", []byte(src), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := analysisutil.WithRuleIDs(throttle.New(pol, analysisutil.Options{}), pol, false)
	analysistest.Run(t, analysistest.TestData(), a, "paged")
}
