package throttle

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// fixtureImporter type-checks the stub SDK packages of testdata/src from
// source and the standard library from export data, so that an internal
// test can use go-github, kiota and the rest without analysistest's load.
type fixtureImporter struct {
	fset *token.FileSet
	std  types.Importer
	pkgs map[string]*types.Package
}

func (im *fixtureImporter) Import(path string) (*types.Package, error) {
	if pkg := im.pkgs[path]; pkg != nil {
		return pkg, nil
	}
	dir := filepath.Join("testdata", "src", filepath.FromSlash(path))
	if _, err := os.Stat(dir); err != nil {
		return im.std.Import(path)
	}
	parsed, err := parser.ParseDir(im.fset, dir, nil, 0)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, p := range parsed {
		for _, f := range p.Files {
			files = append(files, f)
		}
	}
	pkg, err := (&types.Config{Importer: im}).Check(path, im.fset, files, nil)
	if err != nil {
		return nil, err
	}
	im.pkgs[path] = pkg
	return pkg, nil
}

// sdkPass is testPass with the stub SDKs of testdata/src importable.
func sdkPass(t *testing.T, src string) (*passState, *ast.File) {
	return checkedPass(t, src, func(fset *token.FileSet) types.Importer {
		return &fixtureImporter{fset: fset, std: importer.ForCompiler(fset, "gc", nil), pkgs: map[string]*types.Package{}}
	})
}

// usedIn returns the argument of the call use(x) in function fn.
func usedIn(t *testing.T, f *ast.File, fn string) ast.Expr {
	t.Helper()
	var arg ast.Expr
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == fn {
			ast.Inspect(fd, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "use" {
						arg = c.Args[0]
					}
				}
				return arg == nil
			})
		}
	}
	if arg == nil {
		t.Fatalf("no use(x) in %s", fn)
	}
	return arg
}

// TestProvenanceBudget: a client's construction is followed through
// constructors and copies for a fixed number of steps (provOf gives up
// past depth 6: a longer chain is unknown). For each constructor, a
// chain of k copies of an *http.Client (or adapter) before it: the known
// provenance up to the budget, unknown after.
func TestProvenanceBudget(t *testing.T) {
	type ctor struct {
		name, imports, base, wrap string
		last                      int // the longest chain still known
		want                      string
	}
	ctors := []ctor{
		{"github", `"github.com/google/go-github/v62/github"`, "v0 := http.DefaultClient", "github.NewClient(%s)", 5, "plain"},
		{"githubAuth", `"github.com/google/go-github/v62/github"`, "v0 := github.NewClient(nil)", "%s.WithAuthToken(\"t\")", 4, "plain"},
		{"githubv4", `"github.com/shurcooL/githubv4"`, "v0 := http.DefaultClient", "githubv4.NewClient(%s)", 5, "plain"},
		{"graphAdapter", `msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"`, "v0 := http.DefaultClient",
			"msgraphsdk.NewGraphRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(nil, nil, nil, %s)", 5, "plain"},
		{"graphService", `msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"`,
			"v0, _ := msgraphsdk.NewGraphRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(nil, nil, nil, http.DefaultClient)",
			"msgraphsdk.NewGraphServiceClient(%s)", 4, "plain"},
		{"graphCore", `msgraphgocore "github.com/microsoftgraph/msgraph-sdk-go-core"; khttp "github.com/microsoft/kiota-http-go"`,
			"var v0 khttp.Middleware = khttp.NewRetryHandler()", "msgraphgocore.GetDefaultClient(nil, %s)", 4, "reactive"},
		{"githubLiteral", `"github.com/google/go-github/v62/github"`, "v0 := http.DefaultTransport",
			"github.NewClient(&http.Client{Transport: %s})", 4, "plain"},
		{"githubWrapped", `"github.com/google/go-github/v62/github"; "github.com/hashicorp/go-retryablehttp"`,
			"var v0 http.RoundTripper = &retryablehttp.RoundTripper{}",
			"github.NewClient(&http.Client{Transport: &wrapper{next: %s}})", 2, "reactive"},
		{"graphCoreSlice", `msgraphgocore "github.com/microsoftgraph/msgraph-sdk-go-core"; khttp "github.com/microsoft/kiota-http-go"`,
			"var v0 khttp.Middleware = khttp.NewRetryHandler()", "msgraphgocore.GetDefaultClient(nil, []khttp.Middleware{%s}...)", 4, "reactive"},
		{"retryable", `"github.com/hashicorp/go-retryablehttp"`, "v0 := retryablehttp.NewClient()", "%s.StandardClient()", 5, "reactive"},
	}
	for _, c := range ctors {
		var b strings.Builder
		fmt.Fprintf(&b, "package p\n\nimport (\n\t\"net/http\"\n\t%s\n)\n\nvar _ = http.DefaultClient\n\nfunc use(any, ...any) {}\n\ntype wrapper struct{ next http.RoundTripper }\n\nfunc (w *wrapper) RoundTrip(*http.Request) (*http.Response, error) { return nil, nil }\n", strings.ReplaceAll(c.imports, "; ", "\n\t"))
		for k := 0; k <= 8; k++ {
			fmt.Fprintf(&b, "\nfunc chain%d() {\n\t%s\n", k, c.base)
			for i := 1; i <= k; i++ {
				fmt.Fprintf(&b, "\tv%d := v%d\n", i, i-1)
			}
			fmt.Fprintf(&b, "\tuse(%s)\n}\n", fmt.Sprintf(c.wrap, fmt.Sprintf("v%d", k)))
		}
		t.Run(c.name, func(t *testing.T) {
			p, f := sdkPass(t, b.String())
			var got []string
			for k := 0; k <= 8; k++ {
				call := usedIn(t, f, fmt.Sprintf("chain%d", k)).(*ast.CallExpr)
				v, _, ok := p.ctorProv(call, p.callee(call), 0)
				if !ok {
					t.Fatalf("chain%d: not a constructor", k)
				}
				got = append(got, v.String())
			}
			for k, v := range got {
				want := c.want
				if k > c.last {
					want = "unknown"
				}
				if v != want {
					t.Errorf("%d copies before the constructor: %s, want %s (all: %v)", k, v, want, got)
					break
				}
			}
		})
	}
}

const ctorSrc = `package p

import (
	"context"
	"net/http"
	"time"

	"github.com/google/go-github/v62/github"
	msgraphgocore "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/shurcooL/githubv4"
	"golang.org/x/oauth2"
)

func use(any, ...any) {}

func oauthClient() {
	use(oauth2.NewClient(context.Background(), nil))
}

func timeoutOnly() {
	use(github.NewClient(&http.Client{Timeout: time.Minute}))
}

func graphDefaults() {
	use(msgraphgocore.GetDefaultClient(&msgraphgocore.GraphClientOptions{}))
}

func enterprise() {
	use(githubv4.NewEnterpriseClient("https://ghe.example.test/api/graphql", http.DefaultClient))
}

func endpoint() (string, *http.Client) { return "https://ghe.example.test/api/graphql", http.DefaultClient }

// One call gives both arguments: the client is out of sight.
func enterpriseFromOneCall() {
	use(githubv4.NewEnterpriseClient(endpoint()))
}
`

// TestConstructors: oauth2.NewClient builds a plain *http.Client that the
// package installs; msgraph-sdk-go-core's GetDefaultClient with options
// alone has the default middlewares, which retry; an http.Client literal
// with no Transport uses the default transport.
func TestConstructors(t *testing.T) {
	p, f := sdkPass(t, ctorSrc)
	if got := p.installed(kindHTTP); got.String() != "plain" {
		t.Errorf("http clients installed: %s, want plain (oauth2.NewClient)", got)
	}
	call := usedIn(t, f, "graphDefaults").(*ast.CallExpr)
	if v, k, ok := p.ctorProv(call, p.callee(call), 0); !ok || k != kindHTTP || v.String() != "reactive" {
		t.Errorf("GetDefaultClient(options): %s %s %v, want reactive http", v, k, ok)
	}
	for fn, want := range map[string]string{"enterprise": "plain", "enterpriseFromOneCall": "unknown"} {
		call := usedIn(t, f, fn).(*ast.CallExpr)
		if v, k, ok := p.ctorProv(call, p.callee(call), 0); !ok || k != kindGitHubV4 || v.String() != want {
			t.Errorf("%s: %s %s %v, want %s %s", fn, v, k, ok, want, kindGitHubV4)
		}
	}
	call = usedIn(t, f, "timeoutOnly").(*ast.CallExpr)
	if v, _, _ := p.ctorProv(call, p.callee(call), 0); v.String() != "plain" {
		t.Errorf("an http.Client literal with no Transport: %s, want plain (the default transport)", v)
	}
}

// TestProvenanceThroughReturns: a client returned by a chain of functions
// is followed through four functions (returnedProv's budget); a bare return of
// a named result is not followed.
func TestProvenanceThroughReturns(t *testing.T) {
	var b strings.Builder
	b.WriteString("package p\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/google/go-github/v62/github\"\n)\n\nfunc use(any, ...any) {}\n")
	b.WriteString("\nfunc r0() *http.Client { return http.DefaultClient }\n")
	for k := 1; k <= 6; k++ {
		fmt.Fprintf(&b, "\nfunc r%d() *http.Client { return r%d() }\n\nfunc chain%d() { use(github.NewClient(r%d())) }\n", k, k-1, k, k)
	}
	b.WriteString("\nfunc named() (c *http.Client) {\n\tc = http.DefaultClient\n\treturn\n}\n\nfunc bare() { use(github.NewClient(named())) }\n")
	p, f := sdkPass(t, b.String())
	var got []string
	for k := 1; k <= 6; k++ {
		call := usedIn(t, f, fmt.Sprintf("chain%d", k)).(*ast.CallExpr)
		v, _, _ := p.ctorProv(call, p.callee(call), 0)
		got = append(got, v.String())
	}
	for i, v := range got {
		want := "plain"
		if i+1 > 3 {
			want = "unknown"
		}
		if v != want {
			t.Errorf("a client returned through %d functions: %s, want %s (all: %v)", i+2, v, want, got)
			break
		}
	}
	call := usedIn(t, f, "bare").(*ast.CallExpr)
	if v, _, _ := p.ctorProv(call, p.callee(call), 0); v.String() != "unknown" {
		t.Errorf("a bare return of a named result: %s, want unknown", v)
	}
}

// TestInstalledFromImports: with no construction in the package, the
// clients a kind has are those the imported packages install (their
// installs facts); the package's own fact is not read back.
func TestInstalledFromImports(t *testing.T) {
	p, _ := sdkPass(t, "package p\n")
	other := types.NewPackage("example.test/clients", "clients")
	p.pass.AllPackageFacts = func() []analysis.PackageFact {
		return []analysis.PackageFact{
			{Package: other, Fact: &installsFact{Kinds: []kindProv{{Kind: kindGitHub, Prov: reactiveProv}}}},
			{Package: p.pass.Pkg, Fact: &installsFact{Kinds: []kindProv{{Kind: kindHTTP, Prov: plainProv}}}},
		}
	}
	if got := p.installed(kindGitHub); got.String() != "reactive" {
		t.Errorf("github clients installed by an import: %s, want reactive", got)
	}
	if got := p.installed(kindHTTP); got.String() != "unknown" {
		t.Errorf("http clients: %s, want unknown (only this package's own fact names them)", got)
	}
}
