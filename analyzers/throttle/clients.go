package throttle

import (
	"go/ast"
	"go/types"
	"regexp"
	"slices"
	"strings"
)

// prov is what toslint knows of an API client's requests: whether every
// one passes a throttling transport or middleware (Paced, at Rate), or
// reactive retry. Known is false when the client's construction is out of
// sight.
type prov struct {
	Known    bool
	Paced    bool
	Rate     Rate
	Reactive bool
	cycle    bool // the value of a variable being evaluated: join leaves it out
}

func (v prov) String() string {
	switch {
	case !v.Known:
		return "unknown"
	case v.Paced:
		return "paced " + v.Rate.String()
	case v.Reactive:
		return "reactive"
	}
	return "plain"
}

var (
	plainProv    = prov{Known: true}
	reactiveProv = prov{Known: true, Reactive: true}
)

// join combines the provenances of the values an expression may hold:
// paced or reactive only when every one is.
func join(vs []prov) prov {
	// A value that leads back to the variable (c = c.WithAuthToken(t))
	// adds nothing to its other values: join is idempotent.
	vs = slices.DeleteFunc(slices.Clone(vs), func(v prov) bool { return v.cycle })
	if len(vs) == 0 {
		return prov{}
	}
	out := vs[0]
	for _, v := range vs[1:] {
		if !v.Known || !out.Known {
			return prov{}
		}
		if out.Paced && v.Paced {
			out.Rate = looser(out.Rate, v.Rate)
			continue
		}
		out.Reactive = (out.Reactive || out.Paced) && (v.Reactive || v.Paced)
		out.Paced = false
	}
	return out
}

// chainProv combines the middlewares of one pipeline: every request
// passes each of them. A middleware toslint cannot classify leaves the
// pipeline unknown (it may retry or throttle) unless another one paces or
// retries.
func chainProv(vs []prov) prov {
	out := plainProv
	unknown := false
	for _, v := range vs {
		if !v.Known {
			unknown = true
			continue
		}
		if v.Paced {
			if out.Paced {
				out.Rate = stricter(out.Rate, v.Rate)
			} else {
				out.Paced, out.Rate = true, v.Rate
			}
		}
		out.Reactive = out.Reactive || v.Reactive
	}
	if unknown && !out.Paced && !out.Reactive {
		return prov{}
	}
	return out
}

// Client kinds: which SDK a client value belongs to.
const (
	kindHTTP      = "http"
	kindRetryable = "retryablehttp"
	kindGitHub    = "github"
	kindGitHubV4  = "githubv4"
	kindKiota     = "kiota"
)

var goGitHubPkg = regexp.MustCompile(`^github\.com/google/go-github(/v\d+)?/github$`)

// clientKindOfPkg returns the client kind of an SDK package.
func clientKindOfPkg(path string) string {
	switch {
	case path == "net/http":
		return kindHTTP
	case path == retryablePkg:
		return kindRetryable
	case goGitHubPkg.MatchString(path):
		return kindGitHub
	case path == "github.com/shurcooL/githubv4":
		return kindGitHubV4
	case strings.HasPrefix(path, "github.com/microsoftgraph/msgraph-sdk-go"),
		strings.HasPrefix(path, "github.com/microsoftgraph/msgraph-beta-sdk-go"),
		strings.HasPrefix(path, "github.com/microsoft/kiota-"):
		return kindKiota
	}
	return ""
}

// clientKindOfType returns the client kind of a type: *http.Client, an
// SDK client, service or request builder.
func clientKindOfType(t types.Type) string {
	if t == nil {
		return ""
	}
	if pt, ok := t.(*types.Pointer); ok {
		t = pt.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return ""
	}
	kind := clientKindOfPkg(named.Obj().Pkg().Path())
	if kind == kindHTTP && named.Obj().Name() != "Client" {
		return ""
	}
	return kind
}

// mayConstruct is a cheap filter for calls that may construct a client:
// a function of a package with constructors toslint knows.
func mayConstruct(p *passState, call *ast.CallExpr) bool {
	f := p.callee(call)
	if f == nil || f.Pkg() == nil {
		return false
	}
	path := f.Pkg().Path()
	return clientKindOfPkg(path) != "" || strings.HasPrefix(path, "github.com/gofri/go-github-ratelimit") ||
		path == "golang.org/x/oauth2"
}

// ctorProv evaluates a call of a constructor toslint knows (the list is
// in doc.go): the provenance of the client it returns and its kind.
func (p *passState) ctorProv(call *ast.CallExpr, f *types.Func, depth int) (prov, string, bool) {
	path, name := f.Pkg().Path(), f.Name()
	recv := recvNamed(f)
	if len(call.Args) == 1 {
		if t, ok := p.info.TypeOf(call.Args[0]).(*types.Tuple); ok {
			// f(g()) passes g's results: each argument is out of sight.
			spread := *call
			spread.Args = make([]ast.Expr, t.Len())
			for i := range spread.Args {
				spread.Args[i] = &ast.BadExpr{From: call.Args[0].Pos(), To: call.Args[0].End()}
			}
			call = &spread
		}
	}
	arg := func(i int) ast.Expr {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	switch {
	case goGitHubPkg.MatchString(path) && recv == "" && name == "NewClient":
		return p.httpClientProv(arg(0), depth+1), kindGitHub, true
	case goGitHubPkg.MatchString(path) && recv == "Client" && (name == "WithAuthToken" || name == "WithEnterpriseURLs"):
		return p.provOf(receiver(call), depth+1), kindGitHub, true
	case path == "github.com/shurcooL/githubv4" && name == "NewClient":
		return p.httpClientProv(arg(0), depth+1), kindGitHubV4, true
	case path == "github.com/shurcooL/githubv4" && name == "NewEnterpriseClient":
		return p.httpClientProv(arg(1), depth+1), kindGitHubV4, true
	case path == "github.com/microsoftgraph/msgraph-sdk-go-core" && name == "GetDefaultClient":
		if len(call.Args) <= 1 {
			return reactiveProv, kindHTTP, true // the default middlewares retry
		}
		return p.middlewaresProv(call, 1, depth+1), kindHTTP, true
	case path == "github.com/microsoft/kiota-http-go" && name == "GetDefaultClient":
		if len(call.Args) == 0 {
			return reactiveProv, kindHTTP, true
		}
		return p.middlewaresProv(call, 0, depth+1), kindHTTP, true
	case (path == "github.com/microsoft/kiota-http-go" && strings.HasPrefix(name, "NewNetHttpRequestAdapter")) ||
		(clientKindOfPkg(path) == kindKiota && recv == "" && strings.HasPrefix(name, "NewGraphRequestAdapter")):
		if strings.HasSuffix(name, "HttpClient") && len(call.Args) > 0 {
			return p.httpClientProv(call.Args[len(call.Args)-1], depth+1), kindKiota, true
		}
		return reactiveProv, kindKiota, true
	case clientKindOfPkg(path) == kindKiota && recv == "" && name == "NewGraphServiceClient":
		return p.provOf(arg(0), depth+1), kindKiota, true
	case clientKindOfPkg(path) == kindKiota && recv == "" && strings.HasPrefix(name, "NewGraphServiceClientWith"):
		return reactiveProv, kindKiota, true
	case path == retryablePkg && name == "NewClient":
		return reactiveProv, kindRetryable, true
	case path == retryablePkg && recv == "Client" && name == "StandardClient":
		return p.provOf(receiver(call), depth+1), kindHTTP, true
	case strings.HasPrefix(path, "github.com/gofri/go-github-ratelimit") &&
		(name == "NewRateLimitWaiterClient" || name == "NewClient"):
		return reactiveProv, kindHTTP, true // waits when GitHub says the limit is hit
	case path == "golang.org/x/oauth2" && name == "NewClient":
		return plainProv, kindHTTP, true
	}
	return prov{}, "", false
}

// recvNamed returns the name of a method's receiver type, or "".
func recvNamed(f *types.Func) string {
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if pt, ok := t.(*types.Pointer); ok {
		t = pt.Elem()
	}
	if named, ok := t.(*types.Named); ok {
		return named.Obj().Name()
	}
	return ""
}

// receiver returns the receiver expression of a method call.
func receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}

// provOf traces a client, adapter or transport value to its construction.
func (p *passState) provOf(e ast.Expr, depth int) prov {
	if _, outOfSight := e.(*ast.BadExpr); e == nil || outOfSight || depth > 6 {
		return prov{}
	}
	if obj := objectOf(p.info, e); obj != nil {
		if p.provBusy[obj] {
			return prov{cycle: true}
		}
		if p.provBusy == nil {
			p.provBusy = map[types.Object]bool{}
		}
		p.provBusy[obj] = true
		defer delete(p.provBusy, obj)
	}
	var vs []prov
	for _, v := range p.valuesOf(e) {
		x := ast.Unparen(v.expr)
		if v.elem || (v.idx != 0 && !isCall(x)) {
			return prov{}
		}
		vs = append(vs, p.valueProv(x, v.expr == ast.Unparen(e), depth))
	}
	return join(vs)
}

func isCall(e ast.Expr) bool { _, ok := e.(*ast.CallExpr); return ok }

// valueProv evaluates one value of a client expression.
func (p *passState) valueProv(x ast.Expr, self bool, depth int) prov {
	if u, ok := x.(*ast.UnaryExpr); ok {
		x = ast.Unparen(u.X)
	}
	switch x := x.(type) {
	case *ast.Ident:
		if x.Name == "nil" && p.info.Uses[x] == types.Universe.Lookup("nil") {
			return plainProv // SDKs fall back to a plain default client
		}
	case *ast.SelectorExpr:
		if obj, ok := p.info.Uses[x.Sel].(*types.Var); ok && obj.Pkg() != nil && obj.Pkg().Path() == "net/http" &&
			(obj.Name() == "DefaultClient" || obj.Name() == "DefaultTransport") {
			return plainProv
		}
	case *ast.CompositeLit:
		return p.literalProv(x, depth)
	case *ast.CallExpr:
		f := p.callee(x)
		if f == nil || f.Pkg() == nil {
			return prov{}
		}
		if v, _, ok := p.ctorProv(x, f, depth); ok {
			return v
		}
		if v, ok := p.transportCtorProv(x, f, depth); ok {
			return v
		}
		return p.returnedProv(f, depth)
	}
	if self {
		return prov{} // a parameter or a value from elsewhere
	}
	return p.provOf(x, depth+1)
}

// literalProv evaluates an http.Client literal, or a transport or
// middleware literal: one whose RoundTrip or Intercept throttles (or
// retries on 429), or that wraps such a transport in a field.
func (p *passState) literalProv(lit *ast.CompositeLit, depth int) prov {
	t := p.info.TypeOf(lit)
	if t == nil {
		return prov{}
	}
	if types.TypeString(t, nil) == "net/http.Client" {
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Transport" {
					return p.transportProv(kv.Value, depth+1)
				}
			}
		}
		return plainProv // the default transport
	}
	return p.transportProv(lit, depth+1)
}

// httpClientProv evaluates an *http.Client argument (nil: the default).
func (p *passState) httpClientProv(e ast.Expr, depth int) prov {
	if e == nil {
		return plainProv
	}
	return p.provOf(e, depth)
}

// transportProv evaluates a RoundTripper or middleware value.
func (p *passState) transportProv(e ast.Expr, depth int) prov {
	if e == nil || depth > 6 {
		return prov{}
	}
	if v, ok := p.typeProv(p.info.TypeOf(e)); ok {
		return v
	}
	lit, ok := unaddr(e).(*ast.CompositeLit)
	if !ok {
		return p.provOf(e, depth)
	}
	// A wrapping transport: what it wraps, when a field holds one. A
	// transport or middleware of another kind may do anything: unknown.
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		ft := p.info.TypeOf(kv.Value)
		if ft != nil && (implementsRoundTripper(ft) || types.TypeString(ft, nil) == "*net/http.Client") {
			if v := p.transportProv(kv.Value, depth+1); v.Known && (v.Paced || v.Reactive) {
				return v
			}
		}
	}
	return prov{}
}

func unaddr(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		return ast.Unparen(u.X)
	}
	return e
}

// typeProv reports a type whose RoundTrip or Intercept throttles on every
// path (paced) or handles 429 (reactive), and the transports of libraries
// that retry.
func (p *passState) typeProv(t types.Type) (prov, bool) {
	if t == nil {
		return prov{}, false
	}
	switch strings.TrimPrefix(types.TypeString(t, nil), "*") {
	case retryablePkg + ".RoundTripper", "github.com/microsoft/kiota-http-go.RetryHandler":
		return reactiveProv, true
	}
	for _, name := range []string{"RoundTrip", "Intercept"} {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		m, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		if r, ok := p.funcThrottle(m.Origin()); ok {
			return prov{Known: true, Paced: true, Rate: r}, true
		}
		if p.funcReactive(m.Origin()) {
			return reactiveProv, true
		}
	}
	return prov{}, false
}

func implementsRoundTripper(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "RoundTrip")
	_, ok := obj.(*types.Func)
	return ok
}

// transportCtorProv evaluates calls that build transports: the kiota
// retry handler, go-github-ratelimit's waiter, ghinstallation (which
// wraps the transport it is given).
func (p *passState) transportCtorProv(call *ast.CallExpr, f *types.Func, depth int) (prov, bool) {
	path, name := f.Pkg().Path(), f.Name()
	switch {
	case path == "github.com/microsoft/kiota-http-go" && strings.HasPrefix(name, "NewRetryHandler"):
		return reactiveProv, true
	case strings.HasPrefix(path, "github.com/gofri/go-github-ratelimit"):
		return reactiveProv, true
	case strings.HasPrefix(path, "github.com/bradleyfalzon/ghinstallation") && len(call.Args) > 0:
		return p.transportProv(call.Args[0], depth+1), true
	}
	return prov{}, false
}

// middlewaresProv evaluates a kiota middleware list: the arguments from
// index from, or the elements of a slice passed with "...".
func (p *passState) middlewaresProv(call *ast.CallExpr, from, depth int) prov {
	var vs []prov
	for i := from; i < len(call.Args); i++ {
		if call.Ellipsis.IsValid() && i == len(call.Args)-1 {
			for _, el := range p.elements(call.Args[i], 1, 0) {
				vs = append(vs, p.transportProv(el.expr, depth+1))
			}
			continue
		}
		vs = append(vs, p.transportProv(call.Args[i], depth+1))
	}
	return chainProv(vs)
}

// returnedProv is the provenance of the clients a function returns: from
// its fact, or from its return statements when it is in this package.
func (p *passState) returnedProv(f *types.Func, depth int) prov {
	if f.Pkg() != p.pass.Pkg {
		var fact clientFact
		if p.pass.ImportObjectFact(f, &fact) {
			return fact.Prov
		}
		return prov{}
	}
	fd := p.decls[f]
	if fd == nil || depth > 4 {
		return prov{}
	}
	var vs []prov
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) > 0 {
			if id, ok := ast.Unparen(ret.Results[0]).(*ast.Ident); ok && id.Name == "nil" {
				return true // an error return
			}
			vs = append(vs, p.provOf(ret.Results[0], depth+1))
		}
		return true
	})
	return join(vs)
}

// installed returns what every client of a kind constructed in this
// package and the packages it imports has in common.
func (p *passState) installed(kind string) prov {
	if p.installs == nil {
		p.installs = map[string]*prov{}
		byKind := map[string][]prov{}
		for _, call := range p.constructions {
			f := p.callee(call)
			if v, k, ok := p.ctorProv(call, f, 0); ok && v.Known {
				byKind[k] = append(byKind[k], v)
			}
		}
		for k, vs := range byKind {
			v := join(vs)
			p.installs[k] = &v
		}
		for _, pf := range p.pass.AllPackageFacts() {
			fact, ok := pf.Fact.(*installsFact)
			if !ok || pf.Package == p.pass.Pkg {
				continue
			}
			for _, kp := range fact.Kinds {
				if prev := p.installs[kp.Kind]; prev != nil {
					v := join([]prov{*prev, kp.Prov})
					p.installs[kp.Kind] = &v
				} else {
					v := kp.Prov
					p.installs[kp.Kind] = &v
				}
			}
		}
	}
	if v := p.installs[kind]; v != nil {
		return *v
	}
	return prov{}
}

// sdkClientProv traces the client an SDK call goes through: its
// receiver's chain of services and request builders down to the client
// value, then the construction of that value; when that is out of sight,
// what the clients of that kind constructed in sight have in common.
func (p *passState) sdkClientProv(call *ast.CallExpr, kind string) prov {
	root := receiver(call)
	for root != nil {
		switch x := ast.Unparen(root).(type) {
		case *ast.SelectorExpr:
			if clientKindOfType(p.info.TypeOf(x.X)) == kind && !isPackageName(p.info, x.X) {
				root = x.X
				continue
			}
		case *ast.CallExpr:
			if r := receiver(x); r != nil && clientKindOfType(p.info.TypeOf(r)) == kind {
				root = r
				continue
			}
		}
		break
	}
	if root == nil {
		return prov{}
	}
	if v := p.provOf(root, 0); v.Known {
		return v
	}
	return p.installed(kind)
}

func isPackageName(info *types.Info, e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	_, ok = info.Uses[id].(*types.PkgName)
	return ok
}
