package throttle

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// apiUse is one way a call reaches an API family.
type apiUse struct {
	fam      *family // nil: the call sends parameter param of the function as a request URL
	param    int
	count    int       // calls per execution, outside loops judged where they are
	inner    bool      // more calls happen in loops judged where they are
	chain    chain     // how, from the call site to the API
	pos      token.Pos // the call site
	reactive bool      // through a client, SDK or loop that retries on 429
	paced    bool      // every request passes a throttling transport or middleware
	rate     Rate      // the pacing rate, when paced
	may      bool      // dynamic dispatch: only some possible callees call the API
}

// callCtx is the context of a call being resolved: whose parameters are
// symbolic, and how deep the resolution is.
type callCtx struct {
	fn    *types.Func
	depth int
}

func (c callCtx) deeper() callCtx { return callCtx{c.fn, c.depth + 1} }
func (c callCtx) url() urlCtx     { return urlCtx{fn: c.fn} }

// httpURLArg lists stdlib and retryablehttp calls by URL argument index.
var httpURLArg = map[string]int{
	"net/http.Get": 0, "net/http.Head": 0, "net/http.Post": 0, "net/http.PostForm": 0,
	"(*net/http.Client).Get": 0, "(*net/http.Client).Head": 0, "(*net/http.Client).Post": 0, "(*net/http.Client).PostForm": 0,
	retryablePkg + ".Get": 0, retryablePkg + ".Head": 0, retryablePkg + ".Post": 0, retryablePkg + ".PostForm": 0,
	"(*" + retryablePkg + ".Client).Get": 0, "(*" + retryablePkg + ".Client).Head": 0,
	"(*" + retryablePkg + ".Client).Post": 0, "(*" + retryablePkg + ".Client).PostForm": 0,
}

// httpReqArg lists calls that send a prepared *http.Request.
var httpReqArg = map[string]int{
	"(*net/http.Client).Do": 0, "(net/http.RoundTripper).RoundTrip": 0, "(*net/http.Transport).RoundTrip": 0,
	"(*" + retryablePkg + ".Client).Do": 0,
}

// requestURLArg lists request constructors by URL argument index.
var requestURLArg = map[string]int{
	"net/http.NewRequest": 1, "net/http.NewRequestWithContext": 2,
	retryablePkg + ".NewRequest": 1, retryablePkg + ".NewRequestWithContext": 2,
}

const retryablePkg = "github.com/hashicorp/go-retryablehttp"

// callUses returns the API families a call reaches, and the parameters of
// ctx.fn it sends as request URLs (uses with a nil family).
func (p *passState) callUses(call *ast.CallExpr, ctx callCtx) []*apiUse {
	if ctx.depth > 4 {
		return nil
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return relabel(p.litUses(lit.Body, ctx.deeper()), call.Pos(), "a function literal")
	}
	f := p.callee(call)
	if f == nil {
		return p.funcValueUses(call, ctx)
	}
	name := p.fullName(f)
	if i, ok := httpURLArg[name]; ok && i < len(call.Args) {
		return p.urlUses(call, p.strPrefixes(call.Args[i], ctx.url(), 0), name, p.sinkProv(call, f))
	}
	if i, ok := httpReqArg[name]; ok && i < len(call.Args) {
		return p.urlUses(call, p.requestPrefixes(call.Args[i], ctx.url(), 0), name, p.sinkProv(call, f))
	}
	var out []*apiUse
	for _, fam := range p.families {
		if u := p.sdkUse(call, f, fam); u != nil {
			out = append(out, u)
		}
	}
	if fam := p.wrapperFamily(f); fam != nil {
		out = append(out, &apiUse{fam: fam, count: 1, chain: sinkChain(shortName(f) + " (a wrapper of the " + fam.name() + " API)"), pos: call.Pos()})
	}
	if len(out) > 0 {
		return out
	}
	out = append(out, p.funcUses(f, call, ctx)...)
	if isInterfaceMethod(f) {
		out = append(out, p.implUses(f, call, ctx)...)
	}
	out = append(out, p.paramUses(call, f, ctx)...)
	return dedupe(out)
}

// sinkProv is the provenance of the client an HTTP sink call goes
// through.
func (p *passState) sinkProv(call *ast.CallExpr, f *types.Func) prov {
	if strings.HasPrefix(f.Pkg().Path(), retryablePkg) {
		return reactiveProv
	}
	sig := f.Type().(*types.Signature)
	if sig.Recv() == nil {
		return plainProv // http.Get and friends use the default client
	}
	if types.IsInterface(sig.Recv().Type()) || recvNamed(f) == "Transport" {
		return prov{}
	}
	if v := p.provOf(receiver(call), 0); v.Known {
		return v
	}
	return p.installed(kindHTTP)
}

// urlUses turns the URL prefixes of an HTTP call into uses: families for
// known hosts, parameter sends for symbolic prefixes.
func (p *passState) urlUses(call *ast.CallExpr, prefixes []strPrefix, sink string, v prov) []*apiUse {
	var out []*apiUse
	for _, s := range prefixes {
		if s.Sym {
			out = append(out, &apiUse{param: s.Param, count: 1, chain: sinkChain(sink), pos: call.Pos(),
				reactive: v.Reactive, paced: v.Paced, rate: v.Rate})
			continue
		}
		if fam, host := p.familyOfURL(s.S, s.Full || s.Cut); fam != nil {
			out = append(out, &apiUse{fam: fam, count: 1, chain: sinkChain(sink + " on " + host), pos: call.Pos(),
				reactive: v.Reactive, paced: v.Paced, rate: v.Rate})
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
		u := &apiUse{fam: fam, count: 1, chain: sinkChain(shortName(f) + " (" + fam.name() + " SDK)"), pos: call.Pos(), reactive: s.Retries}
		if kind := clientKindOfPkg(path); kind != "" {
			if v := p.sdkClientProv(call, kind); v.Known {
				u.reactive, u.paced, u.rate = v.Reactive, v.Paced, v.Rate
			}
		}
		return u
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
// summaries of this package's functions, facts of imported ones; and the
// parameters f sends as request URLs, resolved with the call's arguments.
func (p *passState) funcUses(f *types.Func, call *ast.CallExpr, ctx callCtx) []*apiUse {
	if fam := p.ifaces[p.fullName(f)]; fam != nil {
		return []*apiUse{{fam: fam, count: 1, chain: sinkChain(shortName(f) + " (configured for the " + fam.name() + " API)"), pos: call.Pos()}}
	}
	var uses, sends []*apiUse
	if f.Pkg() == p.pass.Pkg {
		if s := p.summaries[f]; s != nil {
			uses, sends = s.uses, s.sends
		}
	} else {
		var fact apiFact
		if p.pass.ImportObjectFact(f, &fact) {
			for _, fu := range fact.Uses {
				if fam := p.family(fu.Family); fam != nil {
					uses = append(uses, &apiUse{fam: fam, count: fu.Count, inner: fu.Inner, chain: fu.Chain,
						reactive: fu.Reactive, paced: fu.Paced, rate: fu.Rate, may: fu.May})
				}
			}
		}
		var uf urlFact
		if p.pass.ImportObjectFact(f, &uf) {
			for _, s := range uf.Sends {
				sends = append(sends, &apiUse{param: s.Index, count: 1, chain: sinkChain(s.Sink),
					reactive: s.Reactive, paced: s.Paced, rate: s.Rate})
			}
		}
	}
	if len(uses) == 0 && len(sends) == 0 {
		return nil
	}
	out := relabel(uses, call.Pos(), shortName(f))
	return append(out, p.resolveSends(call, f, sends, ctx)...)
}

// resolveSends resolves the parameters a callee sends as request URLs
// with the call's arguments: a family when the argument names its host,
// a parameter of ctx.fn when the argument is one.
func (p *passState) resolveSends(call *ast.CallExpr, f *types.Func, sends []*apiUse, ctx callCtx) []*apiUse {
	var out []*apiUse
	for _, s := range sends {
		if s.param >= len(call.Args) {
			continue
		}
		for _, pr := range p.strPrefixes(call.Args[s.param], ctx.url(), 0) {
			u := &apiUse{count: 1, chain: s.chain.prepend(shortName(f)), pos: call.Pos(),
				reactive: s.reactive, paced: s.paced, rate: s.rate}
			if pr.Sym {
				u.param = pr.Param
				out = append(out, u)
				continue
			}
			fam, host := p.familyOfURL(pr.S, pr.Full || pr.Cut)
			if fam == nil {
				continue
			}
			u.fam = fam
			hops := append([]string(nil), u.chain.Hops...)
			hops[len(hops)-1] += " on " + host
			u.chain.Hops = hops
			out = append(out, u)
		}
	}
	return dedupe(out)
}

// funcValueUses resolves a call through a func-typed variable or field to
// the functions and literals stored in it.
func (p *passState) funcValueUses(call *ast.CallExpr, ctx callCtx) []*apiUse {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && ctx.fn != nil {
		if v, ok := p.info.Uses[id].(*types.Var); ok && p.params[v].fn == ctx.fn {
			return nil // a parameter: its callers' arguments are judged where they pass them
		}
	}
	vals := p.valuesOf(call.Fun)
	var out []*apiUse
	targets, reaching := 0, 0
	for _, v := range vals {
		if v.expr == ast.Unparen(call.Fun) || v.elem || v.idx != 0 {
			return nil // out of sight
		}
		var uses []*apiUse
		switch x := ast.Unparen(v.expr).(type) {
		case *ast.FuncLit:
			uses = relabel(p.litUses(x.Body, ctx.deeper()), call.Pos(), "a function literal")
		case *ast.Ident, *ast.SelectorExpr:
			if _, ok := objectOf(p.info, x).(*types.Func); ok {
				fake := &ast.CallExpr{Fun: x, Args: call.Args, Lparen: call.Lparen, Rparen: call.Rparen}
				uses = relabel(p.callUses(fake, ctx.deeper()), call.Pos(), "")
			}
		default:
			return nil
		}
		targets++
		if len(uses) > 0 {
			reaching++
		}
		out = append(out, uses...)
	}
	out = dedupe(out)
	if reaching < targets {
		for _, u := range out {
			u.may = true
		}
	}
	return out
}

// paramUses returns the uses of function arguments that f calls: closures
// passed to helpers (retry wrappers, guards) run at the call site.
func (p *passState) paramUses(call *ast.CallExpr, f *types.Func, ctx callCtx) []*apiUse {
	params := p.paramsCalledBy(f)
	if len(params) == 0 {
		return nil
	}
	reactive := isRetryFunc(f)
	var out []*apiUse
	for _, pc := range params {
		if pc.Index >= len(call.Args) {
			continue
		}
		var uses []*apiUse
		switch arg := ast.Unparen(call.Args[pc.Index]).(type) {
		case *ast.FuncLit:
			uses = relabel(p.litUses(arg.Body, ctx.deeper()), call.Pos(), "a function literal")
		case *ast.Ident, *ast.SelectorExpr:
			if g, ok := objectOf(p.info, arg).(*types.Func); ok {
				fake := &ast.CallExpr{Fun: arg, Lparen: arg.End(), Rparen: arg.End()}
				uses = relabel(p.callUses(fake, ctx.deeper()), call.Pos(), shortName(g))
			}
		}
		for _, u := range uses {
			u.chain = u.chain.prepend(shortName(f))
			if reactive {
				u.reactive = true
			}
			if pc.Loop != "" && u.count > 0 {
				// f calls it on every iteration of an unthrottled loop: the
				// repetition is judged at this call.
				u.count, u.inner = 0, true
			}
		}
		out = append(out, uses...)
	}
	return out
}

// relabel copies uses for a new call site, adding a hop in front.
func relabel(uses []*apiUse, pos token.Pos, hop string) []*apiUse {
	out := make([]*apiUse, 0, len(uses))
	for _, u := range uses {
		c := *u
		if pos.IsValid() {
			c.pos = pos
		}
		if hop != "" {
			c.chain = u.chain.prepend(hop)
		}
		out = append(out, &c)
	}
	return out
}

// dedupe merges uses of the same family (or sent parameter), keeping the
// first chain and the largest count.
func dedupe(uses []*apiUse) []*apiUse {
	var out []*apiUse
	type key struct {
		fam   *family
		param int
	}
	seen := map[key]*apiUse{}
	for _, u := range uses {
		k := key{u.fam, u.param}
		if u.fam != nil {
			k.param = 0
		}
		if prev, ok := seen[k]; ok {
			prev.count = max(prev.count, u.count)
			prev.inner = prev.inner || u.inner
			prev.reactive = prev.reactive && u.reactive
			prev.paced = prev.paced && u.paced
			prev.may = prev.may || u.may
			continue
		}
		c := *u
		seen[k] = &c
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
