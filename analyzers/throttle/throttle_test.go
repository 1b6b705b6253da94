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

// packAnalyzer returns the analyzer with the pack file testdata/packs/NAME
// and the embedded packs named in also.
func packAnalyzer(t *testing.T, name string, also ...string) *analysis.Analyzer {
	pack, err := filepath.Abs(filepath.Join("testdata/packs", name))
	if err != nil {
		t.Fatal(err)
	}
	src := "packs:\n  - path: " + pack + "\n"
	for _, a := range also {
		src += "  - name: " + a + "\n"
	}
	pol, err := config.Parse("test.yml", []byte(src), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return analysisutil.WithRuleIDs(throttle.New(pol, analysisutil.Options{}), pol, false)
}

// fixturePackages are the fixture packages checked with the test pack
// and default options, loaded together: each analysistest.Run loads and
// type-checks the standard library packages the fixtures import (net/http
// and its dependencies) from source, so one load for all of them keeps
// `go test` within its budget on a cold cache.
var fixturePackages = []string{
	"loops",               // loops of every kind: unthrottled, paced, paginated, retried, bounded
	"fanout",              // goroutine fan-out and its caps
	"mdeclient", "caller", // facts across packages: helpers in mdeclient, loops in caller
	"graph",             // Microsoft Graph accepts reactive retry
	"wrapped",           // a wrapper type named in the configuration
	"gen",               // a generated file stays quiet
	"transport",         // throttled transports
	"ghwire", "chaloop", // class-hierarchy resolution: interfaces whose implementations are SDK types
	"urlhelper", "urlcaller", // hosts through parameters, options, collections, builders and flags
	"onecause",  // nested loops and callers report each cause once
	"deepchain", // a deep chain's related information is shortened
}

// TestFixtures runs the analyzer over the fixture packages; their
// // want comments are the assertions. The deep chain's related
// information is checked here too: the first two and last two hops, and
// how many are left out; and a chain whose sink another package's fact
// names (a URL passed to urlhelper.GetJSON).
func TestFixtures(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{}), fixturePackages...)
	var msgs []string
	var viaHelper []string // urlcaller.viaArgument: the sink comes from urlhelper's fact
	enclosing := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				if strings.HasPrefix(rel.Message, "enclosing loop repeats it") {
					// The range is the loop's "for" keyword.
					enclosing++
					if got := r.Pass.Fset.File(rel.Pos).Position(rel.Pos); rel.End != rel.Pos+3 {
						t.Errorf("%v: related %q ends %d bytes after its start, want 3 (the for keyword)", got, rel.Message, rel.End-rel.Pos)
					}
				}
				switch {
				case r.Pass.Pkg.Path() == "deepchain":
					msgs = append(msgs, rel.Message)
				case r.Pass.Pkg.Path() == "urlcaller" && r.Pass.Fset.Position(d.Pos).Line == 18:
					viaHelper = append(viaHelper, rel.Message)
				}
			}
		}
	}
	if enclosing == 0 {
		t.Error("no finding has an enclosing loop as related information")
	}
	want := "mde API: calls deepchain.f1 → deepchain.f2 → … 3 more → deepchain.f6 → net/http.Get on api.security.microsoft.com"
	if len(msgs) != 1 || msgs[0] != want {
		t.Errorf("deepchain related = %q, want [%q]", msgs, want)
	}
	want = "github API: calls urlhelper.GetJSON → (*net/http.Client).Do on api.github.com"
	if len(viaHelper) != 1 || viaHelper[0] != want {
		t.Errorf("urlcaller.go:18 related = %q, want [%q]", viaHelper, want)
	}
}

// TestSuppressed runs with directives applied, as the golangci-lint plugin
// does; the CLI applies them itself and keeps the finding for audit.
func TestSuppressed(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer(t, analysisutil.Options{ApplyDirectives: true}), "suppressed")
}

// TestInterfaceFromPack uses a pack that names an interface method.
func TestInterfaceFromPack(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), packAnalyzer(t, "acme.yaml"), "ifaces")
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
	analysistest.Run(t, analysistest.TestData(), packAnalyzer(t, "strict-graph.yaml"), "strictgraph")
}

// TestPaginationCounts uses a pack whose terms count every page: its
// pagination loops are judged like any loop; the mde pack's stay exempt.
func TestPaginationCounts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), packAnalyzer(t, "pages.yaml", "microsoft-defender-endpoint"), "paged")
}
