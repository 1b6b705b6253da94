package throttle

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/cfg"
)

// summary is what toslint knows of one function of the package.
type summary struct {
	uses     []*apiUse   // API calls per invocation, one entry a family
	sends    []*apiUse   // parameters sent as request URLs (nil family)
	returns  []strPrefix // what result 0 starts with (URL, string, request)
	throttle *Rate       // set when it throttles on every path
	reactive bool        // it handles HTTP 429 or Retry-After
	params   []paramCall // func parameters it calls
}

// sameUses reports whether two use lists say the same (chains aside, so
// that recursion converges).
func sameUses(a, b []*apiUse) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.fam != y.fam || x.param != y.param || x.count != y.count || x.inner != y.inner ||
			x.reactive != y.reactive || x.paced != y.paced || x.may != y.may {
			return false
		}
	}
	return true
}

// widenAfter is how many times a function's uses may change before the
// counts that still grow are taken as unbounded: functions that recurse
// into each other add each other's calls to their own every round, and
// would otherwise grow by one a round until the fixed point's cap.
const widenAfter = 3

// widen returns now with the counts that grew since before (the lists
// otherwise alike, use for use) set to unbounded.
func widen(now, before []*apiUse) []*apiUse {
	if len(now) != len(before) {
		return now
	}
	out := make([]*apiUse, len(now))
	for i, x := range now {
		out[i] = x
		if y := before[i]; x.fam == y.fam && x.param == y.param && x.count > y.count {
			w := *x
			w.count = unbounded
			out[i] = &w
		}
	}
	return out
}

// builtinCallsParam lists library functions that call a func argument: the
// closure's API calls happen at the call site.
var builtinCallsParam = map[string][]int{
	"(*sync.Once).Do":                                {0},
	"(*golang.org/x/time/rate.Sometimes).Do":         {0},
	"github.com/cenkalti/backoff/v4.Retry":           {0},
	"github.com/cenkalti/backoff/v4.RetryNotify":     {0},
	"github.com/cenkalti/backoff/v4.RetryWithData":   {0},
	"github.com/cenkalti/backoff/v5.Retry":           {1},
	"github.com/avast/retry-go/v4.Do":                {0},
	"github.com/avast/retry-go.Do":                   {0},
	"github.com/sethvargo/go-retry.Do":               {2},
	"(*golang.org/x/sync/errgroup.Group).Go":         {0},
	"(*golang.org/x/sync/errgroup.Group).TryGo":      {0},
	"(*sync.WaitGroup).Go":                           {0},
	"(*golang.org/x/sync/singleflight.Group).Do":     {1},
	"(*golang.org/x/sync/singleflight.Group).DoChan": {1},
}

// summarize computes the summaries of the package's functions to a fixed
// point: a function that calls one that calls the API calls it too, and
// one that calls a throttling helper on every path throttles too.
func (p *passState) summarize() {
	get := func(obj *types.Func) *summary {
		if s := p.summaries[obj]; s != nil {
			return s
		}
		return &summary{}
	}
	callers, dynamic := p.callGraph()
	fixpoint := func(step func(obj *types.Func, s *summary) (changed, usesChanged bool)) {
		queue := append([]*types.Func(nil), p.order...)
		queued := map[*types.Func]bool{}
		for _, obj := range p.order {
			queued[obj] = true
		}
		for steps := 0; len(queue) > 0 && steps < 64*len(p.order)+64; steps++ {
			p.summarySteps++
			obj := queue[0]
			queue = queue[1:]
			queued[obj] = false
			s := get(obj)
			changed, usesChanged := step(obj, s)
			if !changed {
				continue
			}
			p.summaries[obj] = s
			next := callers[obj]
			if sig := obj.Type().(*types.Signature); sig.Recv() != nil && usesChanged {
				next = append(next[:len(next):len(next)], dynamic...) // an implementation changed
			}
			for _, c := range next {
				if !queued[c] {
					queued[c] = true
					queue = append(queue, c)
				}
			}
		}
	}
	for _, obj := range p.order {
		if p.isReactiveBody(p.decls[obj].Body) {
			get(obj).reactive = true
			p.summaries[obj] = get(obj)
		}
	}
	// Throttling first (graphs of the few functions that may throttle):
	// whether a client's transport or middleware throttles decides how
	// its calls count. Then calls (syntax, with those throttles).
	fixpoint(func(obj *types.Func, s *summary) (bool, bool) {
		fd := p.decls[obj]
		if !p.mayThrottle(fd.Body) {
			return false, false
		}
		t := p.graphOf(obj, fd.Body).mustThrottle()
		if (t == nil) == (s.throttle == nil) && (t == nil || *t == *s.throttle) {
			return false, false
		}
		s.throttle = t
		return true, true
	})
	p.installs = nil // computed with the throttles now known
	changes := map[*types.Func]int{}
	fixpoint(func(obj *types.Func, s *summary) (bool, bool) {
		fd := p.decls[obj]
		ctx := callCtx{fn: obj}
		p.prefixMemo = map[prefixKey][]strPrefix{} // callees' summaries may have changed
		p.litMemo = map[litKey][]*apiUse{}
		all := p.bodyUses(fd.Body, ctx)
		var uses, sends []*apiUse
		for _, u := range all {
			if u.fam != nil {
				uses = append(uses, u)
			} else {
				sends = append(sends, u)
			}
		}
		params := p.calledParams(fd)
		returns := p.returnPrefixes(obj, fd)
		usesChanged := !sameUses(uses, s.uses) || !sameUses(sends, s.sends)
		if usesChanged && changes[obj] >= widenAfter {
			uses, sends = widen(uses, s.uses), widen(sends, s.sends)
			usesChanged = !sameUses(uses, s.uses) || !sameUses(sends, s.sends)
		}
		if usesChanged {
			changes[obj]++
		}
		if !usesChanged && slices.Equal(params, s.params) && slices.Equal(returns, s.returns) {
			return false, false
		}
		s.uses, s.sends, s.params, s.returns = uses, sends, params, returns
		return true, usesChanged
	})
	p.prefixMemo = map[prefixKey][]strPrefix{}
	p.litMemo = map[litKey][]*apiUse{}
	for obj, s := range p.summaries {
		if len(s.uses) == 0 && len(s.sends) == 0 && len(s.returns) == 0 && s.throttle == nil && !s.reactive && len(s.params) == 0 {
			delete(p.summaries, obj)
		}
	}
}

// returnPrefixes returns what a function's first result starts with, when
// it is a string, a URL or a request.
func (p *passState) returnPrefixes(obj *types.Func, fd *ast.FuncDecl) []strPrefix {
	res := obj.Type().(*types.Signature).Results()
	if res.Len() == 0 {
		return nil
	}
	ts := types.TypeString(res.At(0).Type(), nil)
	isReq := ts == "*net/http.Request" || ts == "*"+retryablePkg+".Request"
	if !isReq && ts != "string" && ts != "*net/url.URL" && ts != "net/url.URL" {
		return nil
	}
	var out []strPrefix
	for _, r := range p.returnedExprs(obj) {
		var ps []strPrefix
		if isReq {
			ps = p.requestPrefixes(r, urlCtx{fn: obj}, 0)
		} else {
			ps = p.strPrefixes(r, urlCtx{fn: obj}, 0)
		}
		for _, s := range ps {
			if s.Sym || strings.Contains(s.S, "//") {
				out = append(out, s) // a URL, or a parameter a caller may pass one in
			}
		}
	}
	return limitPrefixes(out)
}

// funcReturns returns what a function's first result starts with.
func (p *passState) funcReturns(f *types.Func) []strPrefix {
	if f.Pkg() == p.pass.Pkg {
		if s := p.summaries[f]; s != nil {
			return s.returns
		}
		return nil
	}
	var fact urlFact
	if p.pass.ImportObjectFact(f, &fact) {
		return fact.Returns
	}
	return nil
}

// callGraph returns, for each function of the package, the functions of
// the package that call it statically, and the functions that make
// dynamic calls (their uses depend on every implementation).
func (p *passState) callGraph() (map[*types.Func][]*types.Func, []*types.Func) {
	callers := map[*types.Func][]*types.Func{}
	var dynamic []*types.Func
	for _, obj := range p.order {
		seen := map[*types.Func]bool{}
		isDynamic := false
		ast.Inspect(p.decls[obj].Body, func(n ast.Node) bool {
			var f *types.Func
			switch n := n.(type) {
			case *ast.CallExpr:
				f = p.callee(n)
				if f == nil || isInterfaceMethod(f) {
					isDynamic = true
				}
			case *ast.Ident: // a function passed as a value
				f, _ = p.info.Uses[n].(*types.Func)
			}
			if f != nil && f.Pkg() == p.pass.Pkg && !seen[f.Origin()] {
				seen[f.Origin()] = true
				callers[f.Origin()] = append(callers[f.Origin()], obj)
			}
			return true
		})
		if isDynamic {
			dynamic = append(dynamic, obj)
		}
	}
	return callers, dynamic
}

// mayThrottle is a cheap syntactic filter before building a graph: the
// body waits, sleeps, receives or calls a throttling function.
func (p *passState) mayThrottle(body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false // a later node must not clear it
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			found = true
		case *ast.RangeStmt:
			_, found = typeUnder[*types.Chan](p.info.TypeOf(n.X))
		case *ast.UnaryExpr:
			found = n.Op == token.ARROW
		case *ast.CallExpr:
			if f := p.callee(n); f != nil {
				switch p.fullName(f) {
				case "time.Sleep", "(*" + rateLimiter + ".Limiter).Wait", "(*" + rateLimiter + ".Limiter).WaitN",
					"(*" + rateLimiter + ".Limiter).Allow", "(*" + rateLimiter + ".Limiter).AllowN", "(" + uberLimit + ".Limiter).Take":
					found = true
				default:
					_, found = p.funcThrottle(f)
					found = found || promptFuncs[p.fullName(f)]
				}
			}
		}
		return !found
	})
	return found
}

// calledParams returns the func-typed parameters fd's body calls
// (directly, in a closure, or by passing them on to a function that
// calls them), with the unthrottled loop that repeats each call.
func (p *passState) calledParams(fd *ast.FuncDecl) []paramCall {
	index := map[types.Object]int{}
	i := 0
	for _, field := range fd.Type.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if obj := p.info.Defs[name]; obj != nil {
				if _, ok := obj.Type().Underlying().(*types.Signature); ok {
					index[obj] = i
				}
			}
			i++
		}
	}
	if len(index) == 0 {
		return nil
	}
	found := map[int]string{}
	note := func(i int, loop string) {
		if prev, ok := found[i]; !ok || (prev == "" && loop != "") {
			found[i] = loop
		}
	}
	var loops []ast.Stmt
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n.(ast.Stmt))
			ast.Inspect(loopBody(n.(ast.Stmt)), visit)
			loops = loops[:len(loops)-1]
			return false
		case *ast.CallExpr:
			loop := p.repeatingLoop(loops)
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if i, ok := index[p.info.Uses[id]]; ok {
					note(i, loop)
				}
			}
			if f := p.callee(n); f != nil {
				for _, pc := range p.paramsCalledBy(f) {
					if pc.Index < len(n.Args) {
						if id, ok := ast.Unparen(n.Args[pc.Index]).(*ast.Ident); ok {
							if i, ok := index[p.info.Uses[id]]; ok {
								l := loop
								if pc.Loop != "" {
									l = pc.Loop
								}
								note(i, l)
							}
						}
					}
				}
			}
		}
		return true
	}
	ast.Inspect(fd.Body, visit)
	var out []paramCall
	for i, loop := range found {
		out = append(out, paramCall{Index: i, Loop: loop})
	}
	slices.SortFunc(out, func(a, b paramCall) int { return a.Index - b.Index })
	return out
}

// repeatingLoop returns the position of the innermost unbounded,
// unthrottled loop (not pagination or retry) among loops, or "".
func (p *passState) repeatingLoop(loops []ast.Stmt) string {
	for i := len(loops) - 1; i >= 0; i-- {
		l := loops[i]
		if _, ok := p.constBound(l); ok {
			continue
		}
		if p.isRetryLoop(l) || p.isPaginationLoop(l) || p.mayThrottle(loopBody(l)) {
			return ""
		}
		posn := p.pass.Fset.Position(l.Pos())
		return fmt.Sprintf("%s:%d", filepath.Base(posn.Filename), posn.Line)
	}
	return ""
}

// paramsCalledBy returns the func parameters f calls.
func (p *passState) paramsCalledBy(f *types.Func) []paramCall {
	if ps, ok := builtinCallsParam[p.fullName(f)]; ok {
		out := make([]paramCall, len(ps))
		for i, idx := range ps {
			out[i] = paramCall{Index: idx}
		}
		return out
	}
	if f.Pkg() == p.pass.Pkg {
		if s := p.summaries[f]; s != nil {
			return s.params
		}
		return nil
	}
	var fact callsParamFact
	if p.pass.ImportObjectFact(f, &fact) {
		return fact.Params
	}
	return nil
}

// mustThrottle returns the rate of a function body that throttles on
// every path from entry to exit, or nil.
func (fg *fnGraph) mustThrottle() *Rate {
	if len(fg.throttles) == 0 {
		return nil
	}
	if fg.exitReachable(func(b *cfg.Block) bool { return len(fg.throttles[b]) > 0 || fg.noPause[b] }) {
		return nil
	}
	var best *Rate
	for _, g := range fg.throttleGroups(func(*cfg.Block) bool { return true }) {
		if fg.exitReachable(func(x *cfg.Block) bool { return g.blocks[x] || fg.noPause[x] }) {
			continue
		}
		if g.rate.replaces(best) {
			best = &g.rate
		}
	}
	if best == nil {
		return &Rate{What: "several throttles"}
	}
	return best
}

// exitReachable reports whether an exit of the function can be reached
// from its entry without passing a cut block.
func (fg *fnGraph) exitReachable(cut func(*cfg.Block) bool) bool {
	entry := fg.g.Blocks[0]
	if cut(entry) {
		return false
	}
	seen := map[*cfg.Block]bool{entry: true}
	queue := []*cfg.Block{entry}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if len(b.Succs) == 0 && b.Kind != cfg.KindUnreachable {
			return true
		}
		for _, s := range b.Succs {
			if !seen[s] && !cut(s) {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	return false
}
