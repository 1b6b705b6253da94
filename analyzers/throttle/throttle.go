package throttle

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/rules"
)

//go:embed doc.go
var doc string

// Analyzer is the throttle analyzer with every embedded pack and default
// settings, directives applied. Use New for a configured one.
var Analyzer = New(rules.DefaultPolicy(), analysisutil.Options{ApplyDirectives: true})

// New returns a throttle analyzer that checks against the API families of
// the policy's packs. Never run two analyzers from New in one driver: their
// fact types would clash.
func New(pol *policy.Policy, opts analysisutil.Options) *analysis.Analyzer {
	c := &config{pol: pol, opts: opts}
	c.prepare()
	return &analysis.Analyzer{
		Name: "throttle",
		Doc:  analysisutil.ExtractDoc(doc, "throttle"),
		URL:  analysisutil.AnalyzerURL("throttle"),
		Run:  c.run,
		FactTypes: []analysis.Fact{
			new(apiFact), new(throttleFact), new(callsParamFact), new(clientFact),
			new(convertedFact), new(installsFact), new(urlFact), new(lenFact),
		},
	}
}

// config is the analyzer's immutable configuration, shared by passes.
type config struct {
	pol      *policy.Policy
	opts     analysisutil.Options
	families []*family
	byName   map[string]*family
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

// describe renders "the mde API (Microsoft Defender for Endpoint API: 100
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

// within reports whether n calls fit every limit of the family (one run of
// the loop per window, the CodeQL-style assumption for bounded loops).
func (f *family) within(n int) bool {
	for _, l := range f.limits {
		if n > l.Calls {
			return false
		}
	}
	return true
}

func (c *config) prepare() {
	c.wrappers = map[string]*family{}
	c.ifaces = map[string]*family{}
	c.byName = map[string]*family{}
	if c.pol == nil {
		return
	}
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
			c.byName[a.Name] = f
			for _, w := range a.Wrappers {
				c.wrappers[w] = f
			}
			for _, m := range a.Interfaces {
				c.ifaces[m] = f
			}
		}
	}
	for _, w := range c.pol.Wrappers() {
		if f, ok := c.byName[w.API]; ok {
			c.wrappers[w.Type] = f
		}
	}
}

func (c *config) family(name string) *family { return c.byName[name] }

func (c *config) run(pass *analysis.Pass) (any, error) {
	if len(c.families) == 0 || pass.Pkg == nil || pass.TypesInfo == nil || analysisutil.SkipPackage(pass) {
		return nil, nil
	}
	p := newPassState(c, pass)
	p.summarize()
	p.exportFacts()
	p.checkFuncs()
	return nil, nil
}

// funcObj returns the *types.Func a FuncDecl declares.
func funcObj(info *types.Info, d *ast.FuncDecl) *types.Func {
	if f, ok := info.Defs[d.Name].(*types.Func); ok {
		return f
	}
	return nil
}
