package throttle

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/build"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/rules"
)

//go:embed doc.go
var doc string

// Analyzer is the throttle analyzer with the embedded default pack and
// default settings. Use New for a configured one.
var Analyzer = New(rules.DefaultPolicy(), analysisutil.Options{ApplyDirectives: true})

// New returns a throttle analyzer that checks against the API families of
// the policy's packs. Never run two analyzers from New in one driver: their
// fact types would clash.
func New(pol *policy.Policy, opts analysisutil.Options) *analysis.Analyzer {
	c := &config{pol: pol, opts: opts}
	c.prepare()
	return &analysis.Analyzer{
		Name:      "throttle",
		Doc:       analysisutil.ExtractDoc(doc, "throttle"),
		URL:       "https://github.com/toslint/toslint/blob/main/docs/rules.md#tos101",
		Run:       c.run,
		FactTypes: []analysis.Fact{new(apiFact), new(throttleFact), new(callsParamFact), new(clientFact)},
	}
}

// config is the analyzer's immutable configuration, shared by passes.
type config struct {
	pol      *policy.Policy
	opts     analysisutil.Options
	families []*family
	wrappers map[string]*family // "(*pkg.T)" and "(pkg.T)" → family
	ifaces   map[string]*family // "(pkg.I).M" → family
}

// family is one API family of a pack, with the limits that have a call
// budget.
type family struct {
	api    policy.API
	pack   string
	limits []policy.Limit // with Calls and Window
}

func (f *family) name() string { return f.api.Name }

// describe renders "the mde API (Microsoft Defender for Endpoint API, 100
// calls per minute per connection)".
func (f *family) describe() string {
	title := f.api.Title
	if title == "" {
		title = f.api.Name
	}
	if len(f.limits) == 0 {
		return fmt.Sprintf("the %s API (%s)", f.api.Name, title)
	}
	return fmt.Sprintf("the %s API (%s: %s)", f.api.Name, title, f.limits[0])
}

func (c *config) prepare() {
	c.wrappers = map[string]*family{}
	c.ifaces = map[string]*family{}
	if c.pol == nil {
		return
	}
	byName := map[string]*family{}
	for _, p := range c.pol.Packs() {
		for _, a := range p.APIs {
			f := &family{api: a, pack: p.Name}
			// Limits restricted to some methods or resources cannot be
			// matched to a call statically; the pack's first limit is the
			// one messages quote.
			for _, l := range a.Limits {
				if l.Calls > 0 && l.Window > 0 && len(l.Methods) == 0 && l.AppliesTo == "" {
					f.limits = append(f.limits, l)
				}
			}
			c.families = append(c.families, f)
			byName[a.Name] = f
			for _, w := range a.Wrappers {
				c.wrappers[w] = f
			}
			for _, m := range a.Interfaces {
				c.ifaces[m] = f
			}
		}
	}
	for _, w := range c.pol.Wrappers() {
		if f, ok := byName[w.API]; ok {
			c.wrappers[w.Type] = f
		}
	}
}

func (c *config) family(name string) *family {
	for _, f := range c.families {
		if f.name() == name {
			return f
		}
	}
	return nil
}

// Facts. They are small, stateless and gob-encoded by the driver.

// apiFact marks a function that calls a rate-limited API.
type apiFact struct {
	Families []string // family names
	Count    int      // calls per invocation; unbounded saturates
	Chain    string   // "calls (*net/http.Client).Do on api.security.microsoft.com"
	Reactive bool     // its calls go through reactive retry
}

func (*apiFact) AFact() {}
func (f *apiFact) String() string {
	return fmt.Sprintf("api(%s×%s)", strings.Join(f.Families, ","), countString(f.Count))
}

// throttleFact marks a function that throttles on every path.
type throttleFact struct {
	Rate Rate
}

func (*throttleFact) AFact()           {}
func (f *throttleFact) String() string { return "throttles(" + f.Rate.String() + ")" }

// callsParamFact marks a function that calls some of its func parameters.
type callsParamFact struct {
	Params []int
}

func (*callsParamFact) AFact()           {}
func (f *callsParamFact) String() string { return fmt.Sprintf("callsParam%v", f.Params) }

// clientFact marks a function that returns an *http.Client whose
// transport or middleware throttles every request.
type clientFact struct {
	Rate Rate
}

func (*clientFact) AFact()           {}
func (f *clientFact) String() string { return "throttledClient(" + f.Rate.String() + ")" }

// unbounded is the saturated call count.
const unbounded = 1 << 30

func countString(n int) string {
	if n >= unbounded {
		return "unbounded"
	}
	return fmt.Sprint(n)
}

func addCount(a, b int) int { return min(a+b, unbounded) }

func mulCount(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a >= unbounded || b >= unbounded || a > unbounded/b {
		return unbounded
	}
	return a * b
}

func (c *config) run(pass *analysis.Pass) (any, error) {
	if len(c.families) == 0 || pass.Pkg == nil || pass.TypesInfo == nil || skipPackage(pass) {
		return nil, nil
	}
	p := newPassState(c, pass)
	p.summarize()
	p.exportFacts()
	p.exportClientFacts()
	p.checkLoops()
	return nil, nil
}

// skipPackage reports packages that need no work: the standard library and
// versioned dependencies (SDK bodies are large; their methods are matched
// by the pack's sdk patterns instead). Facts of such packages are simply
// absent, so callers fall back to the patterns.
func skipPackage(pass *analysis.Pass) bool {
	if pass.Module != nil && pass.Module.Version != "" {
		return true
	}
	if len(pass.Files) > 0 {
		name := pass.Fset.File(pass.Files[0].FileStart).Name()
		return strings.HasPrefix(name, goroot)
	}
	return false
}

// goroot is where the standard library's sources are.
var goroot = filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)

// funcObj returns the *types.Func a FuncDecl declares.
func funcObj(info *types.Info, d *ast.FuncDecl) *types.Func {
	if f, ok := info.Defs[d.Name].(*types.Func); ok {
		return f
	}
	return nil
}
