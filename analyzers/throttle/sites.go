package throttle

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// apiUse is one way a call reaches an API family.
type apiUse struct {
	fam      *family
	count    int       // calls per execution of the call site
	chain    string    // how: "(*net/http.Client).Do on api.security.microsoft.com"
	pos      token.Pos // the call site
	reactive bool      // through a client or SDK that retries on 429
}

// httpURLArg lists stdlib and retryablehttp calls by URL argument index.
var httpURLArg = map[string]int{
	"net/http.Get": 0, "net/http.Head": 0, "net/http.Post": 0, "net/http.PostForm": 0,
	"(*net/http.Client).Get": 0, "(*net/http.Client).Head": 0, "(*net/http.Client).Post": 0, "(*net/http.Client).PostForm": 0,
	"github.com/hashicorp/go-retryablehttp.Get": 0, "github.com/hashicorp/go-retryablehttp.Head": 0,
	"github.com/hashicorp/go-retryablehttp.Post": 0, "github.com/hashicorp/go-retryablehttp.PostForm": 0,
	"(*github.com/hashicorp/go-retryablehttp.Client).Get": 0, "(*github.com/hashicorp/go-retryablehttp.Client).Head": 0,
	"(*github.com/hashicorp/go-retryablehttp.Client).Post": 0, "(*github.com/hashicorp/go-retryablehttp.Client).PostForm": 0,
}

// httpReqArg lists calls that send a prepared *http.Request.
var httpReqArg = map[string]int{
	"(*net/http.Client).Do": 0, "(net/http.RoundTripper).RoundTrip": 0, "(*net/http.Transport).RoundTrip": 0,
	"(*github.com/hashicorp/go-retryablehttp.Client).Do": 0,
}

// requestURLArg lists request constructors by URL argument index.
var requestURLArg = map[string]int{
	"net/http.NewRequest": 1, "net/http.NewRequestWithContext": 2,
	"github.com/hashicorp/go-retryablehttp.NewRequest": 1, "github.com/hashicorp/go-retryablehttp.NewRequestWithContext": 2,
}

const retryablePkg = "github.com/hashicorp/go-retryablehttp"

// callUses returns the API families a call reaches.
func (p *passState) callUses(call *ast.CallExpr, depth int) []*apiUse {
	if depth > 4 {
		return nil
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return relabel(p.bodyUses(lit.Body, depth+1), call.Pos(), "a function literal that ")
	}
	f := p.callee(call)
	if f == nil {
		return nil
	}
	name := fullName(f)
	if i, ok := httpURLArg[name]; ok && i < len(call.Args) {
		return p.urlUses(call, call.Args[i], name, strings.Contains(name, retryablePkg))
	}
	if i, ok := httpReqArg[name]; ok && i < len(call.Args) {
		var out []*apiUse
		for _, d := range p.valuesOf(call.Args[i]) {
			rc, ok := ast.Unparen(d.expr).(*ast.CallExpr)
			if !ok || d.idx != 0 {
				continue
			}
			if rf := p.callee(rc); rf != nil {
				if j, ok := requestURLArg[fullName(rf)]; ok && j < len(rc.Args) {
					out = append(out, p.urlUses(call, rc.Args[j], name, strings.Contains(name, retryablePkg))...)
				}
			}
		}
		return dedupe(out)
	}
	var out []*apiUse
	for _, fam := range p.families {
		if u := p.sdkUse(call, f, fam); u != nil {
			out = append(out, u)
		}
	}
	if fam := p.wrapperFamily(f); fam != nil {
		out = append(out, &apiUse{fam: fam, count: 1, chain: "calls " + name + " (a wrapper of the " + fam.name() + " API)", pos: call.Pos()})
	}
	if len(out) > 0 {
		return out
	}
	out = append(out, p.funcUses(f, call.Pos())...)
	if isInterfaceMethod(f) {
		out = append(out, p.implUses(f, call.Pos())...)
	}
	out = append(out, p.paramUses(call, f, depth)...)
	return dedupe(out)
}

// urlUses resolves the URL argument of an HTTP call to families.
func (p *passState) urlUses(call *ast.CallExpr, urlExpr ast.Expr, sink string, reactive bool) []*apiUse {
	var out []*apiUse
	for _, s := range p.strPrefixes(urlExpr, 0) {
		if fam, host := p.familyOfURL(s.s, s.full); fam != nil {
			out = append(out, &apiUse{fam: fam, count: 1, chain: "calls " + sink + " on " + host, pos: call.Pos(), reactive: reactive})
		}
	}
	return dedupe(out)
}

// sdkUse matches SDK methods by package prefix and name.
func (p *passState) sdkUse(call *ast.CallExpr, f *types.Func, fam *family) *apiUse {
	if f.Pkg() == nil {
		return nil
	}
	path := f.Pkg().Path()
	for _, s := range fam.api.SDK {
		prefix := strings.TrimSuffix(s.Package, "/")
		if path != prefix && !strings.HasPrefix(path, prefix+"/") {
			continue
		}
		if s.Methods.Regexp != nil {
			if !s.Methods.MatchString(f.Name()) {
				continue
			}
		} else if !f.Exported() || !takesContext(f) {
			continue
		}
		return &apiUse{fam: fam, count: 1, chain: "calls " + fullName(f) + " (" + fam.name() + " SDK)", pos: call.Pos(), reactive: s.Retries}
	}
	return nil
}

// takesContext reports whether a method's first parameter is a
// context.Context: SDK methods that send requests take one.
func takesContext(f *types.Func) bool {
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || sig.Params().Len() == 0 {
		return false
	}
	return types.TypeString(sig.Params().At(0).Type(), nil) == "context.Context"
}

// wrapperFamily returns the family of a configured wrapper type whose
// method f is.
func (p *passState) wrapperFamily(f *types.Func) *family {
	if len(p.wrappers) == 0 {
		return nil
	}
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	t := sig.Recv().Type()
	if pt, ok := t.(*types.Pointer); ok {
		t = pt.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return nil
	}
	base := named.Obj().Pkg().Path() + "." + named.Obj().Name()
	for _, key := range []string{"(*" + base + ")", "(" + base + ")"} {
		if fam := p.wrappers[key]; fam != nil {
			return fam
		}
	}
	return nil
}

func isInterfaceMethod(f *types.Func) bool {
	sig, ok := f.Type().(*types.Signature)
	return ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

// funcUses returns the uses recorded for f: configured interface methods,
// facts of imported functions, summaries of this package's functions.
func (p *passState) funcUses(f *types.Func, pos token.Pos) []*apiUse {
	if fam := p.ifaces[fullName(f)]; fam != nil {
		return []*apiUse{{fam: fam, count: 1, chain: "calls " + fullName(f) + " (configured for the " + fam.name() + " API)", pos: pos}}
	}
	if f.Pkg() == p.pass.Pkg {
		if s := p.summaries[f]; s != nil {
			return relabel(s.uses, pos, "calls "+shortName(f)+", which ")
		}
		return nil
	}
	var fact apiFact
	if p.pass.ImportObjectFact(f, &fact) {
		var out []*apiUse
		for _, name := range fact.Families {
			if fam := p.family(name); fam != nil {
				out = append(out, &apiUse{fam: fam, count: max(fact.Count, 1), chain: "calls " + shortName(f) + ", which " + fact.Chain, pos: pos, reactive: fact.Reactive})
			}
		}
		return out
	}
	return nil
}

// implUses resolves a call of an interface method to the uses of the
// implementations declared in this package and in analysed dependencies.
func (p *passState) implUses(m *types.Func, pos token.Pos) []*apiUse {
	key := fullName(m)
	uses, ok := p.ifaceImpl[key]
	if !ok {
		iface, _ := m.Type().(*types.Signature).Recv().Type().Underlying().(*types.Interface)
		if iface != nil {
			impl := func(f *types.Func) bool {
				if f.Name() != m.Name() {
					return false
				}
				sig, ok := f.Type().(*types.Signature)
				if !ok || sig.Recv() == nil || types.IsInterface(sig.Recv().Type()) {
					return false
				}
				recv := sig.Recv().Type()
				return types.Implements(recv, iface) || types.Implements(types.NewPointer(recv), iface)
			}
			for f, s := range p.summaries {
				if len(s.uses) > 0 && impl(f) {
					uses = append(uses, relabel(s.uses, token.NoPos, "dispatches to "+shortName(f)+", which ")...)
				}
			}
			for _, of := range p.pass.AllObjectFacts() {
				fact, ok := of.Fact.(*apiFact)
				f, isFunc := of.Object.(*types.Func)
				if !ok || !isFunc || !impl(f) {
					continue
				}
				for _, name := range fact.Families {
					if fam := p.family(name); fam != nil {
						uses = append(uses, &apiUse{fam: fam, count: max(fact.Count, 1), chain: "dispatches to " + shortName(f) + ", which " + fact.Chain, reactive: fact.Reactive})
					}
				}
			}
		}
		uses = dedupe(uses)
		p.ifaceImpl[key] = uses
	}
	return relabel(uses, pos, "")
}

// paramUses returns the uses of function arguments that f calls: closures
// passed to helpers (retry wrappers, guards) run at the call site.
func (p *passState) paramUses(call *ast.CallExpr, f *types.Func, depth int) []*apiUse {
	params := p.paramsCalledBy(f)
	if len(params) == 0 {
		return nil
	}
	reactive := isRetryFunc(f)
	var out []*apiUse
	for _, i := range params {
		if i >= len(call.Args) {
			continue
		}
		switch arg := ast.Unparen(call.Args[i]).(type) {
		case *ast.FuncLit:
			out = append(out, relabel(p.bodyUses(arg.Body, depth+1), call.Pos(), "passes a function literal to "+shortName(f)+", which ")...)
		case *ast.Ident, *ast.SelectorExpr:
			var obj types.Object
			if id, ok := arg.(*ast.Ident); ok {
				obj = p.info.ObjectOf(id)
			} else {
				obj = p.info.ObjectOf(arg.(*ast.SelectorExpr).Sel)
			}
			if g, ok := obj.(*types.Func); ok {
				out = append(out, relabel(p.funcUses(g.Origin(), call.Pos()), call.Pos(), "passes "+shortName(g)+" to "+shortName(f)+", which ")...)
			}
		}
	}
	if reactive {
		for _, u := range out {
			u.reactive = true
		}
	}
	return out
}

// isRetryFunc reports functions of retry libraries.
func isRetryFunc(f *types.Func) bool {
	if f.Pkg() == nil {
		return false
	}
	path := f.Pkg().Path()
	for _, r := range retryPackages {
		if path == r || strings.HasPrefix(path, r+"/") {
			return true
		}
	}
	return false
}

// relabel copies uses for a new call site, prefixing their chains.
func relabel(uses []*apiUse, pos token.Pos, prefix string) []*apiUse {
	out := make([]*apiUse, 0, len(uses))
	for _, u := range uses {
		c := *u
		if pos.IsValid() {
			c.pos = pos
		}
		c.chain = prefix + u.chain
		out = append(out, &c)
	}
	return out
}

// dedupe merges uses of the same family, keeping the first chain and the
// largest count.
func dedupe(uses []*apiUse) []*apiUse {
	var out []*apiUse
	seen := map[*family]*apiUse{}
	for _, u := range uses {
		if prev, ok := seen[u.fam]; ok {
			prev.count = max(prev.count, u.count)
			prev.reactive = prev.reactive && u.reactive
			continue
		}
		c := *u
		seen[u.fam] = &c
		out = append(out, &c)
	}
	return out
}

// shortName renders a function as "pkg.F" or "(*pkg.T).M" with package
// names rather than paths.
func shortName(f *types.Func) string {
	qual := func(p *types.Package) string { return p.Name() }
	if sig, ok := f.Type().(*types.Signature); ok && sig.Recv() != nil {
		return "(" + types.TypeString(sig.Recv().Type(), qual) + ")." + f.Name()
	}
	if f.Pkg() != nil {
		return f.Pkg().Name() + "." + f.Name()
	}
	return f.Name()
}
