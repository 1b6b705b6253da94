package throttle

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"time"

	"golang.org/x/tools/go/cfg"
)

// summary is what toslint knows of one function of the package.
type summary struct {
	uses     []*apiUse // API calls per invocation, one entry a family
	throttle *Rate     // set when it throttles on every path
	params   []int     // indexes of func parameters it calls
}

// sameUses reports whether two use lists say the same.
func sameUses(a, b []*apiUse) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].fam != b[i].fam || a[i].count != b[i].count || a[i].reactive != b[i].reactive || a[i].chain != b[i].chain {
			return false
		}
	}
	return true
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
	var order []*types.Func
	for obj := range p.decls {
		order = append(order, obj)
	}
	slices.SortFunc(order, func(a, b *types.Func) int { return int(a.Pos() - b.Pos()) })
	get := func(obj *types.Func) *summary {
		if s := p.summaries[obj]; s != nil {
			return s
		}
		return &summary{}
	}
	callers, dynamic := p.callGraph(order)
	// A worklist: when a function's summary changes, its callers in this
	// package (and the functions that call through interfaces) are
	// computed again.
	fixpoint := func(step func(obj *types.Func, s *summary) bool) {
		queue := append([]*types.Func(nil), order...)
		queued := map[*types.Func]bool{}
		for _, obj := range order {
			queued[obj] = true
		}
		for steps := 0; len(queue) > 0 && steps < 64*len(order)+64; steps++ {
			obj := queue[0]
			queue = queue[1:]
			queued[obj] = false
			s := get(obj)
			if !step(obj, s) {
				continue
			}
			p.summaries[obj] = s
			next := callers[obj]
			if sig := obj.Type().(*types.Signature); sig.Recv() != nil {
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
	// Calls first (syntax only), then throttling (graphs of the few
	// functions that may throttle).
	fixpoint(func(obj *types.Func, s *summary) bool {
		fd := p.decls[obj]
		uses, params := p.bodyUses(fd.Body, 0), p.calledParams(fd)
		if sameUses(uses, s.uses) && slices.Equal(params, s.params) {
			return false
		}
		s.uses, s.params = uses, params
		return true
	})
	fixpoint(func(obj *types.Func, s *summary) bool {
		fd := p.decls[obj]
		if !p.mayThrottle(fd.Body) {
			return false
		}
		t := p.graph(fd.Body).mustThrottle()
		if (t == nil) == (s.throttle == nil) && (t == nil || *t == *s.throttle) {
			return false
		}
		s.throttle = t
		return true
	})
	for obj, s := range p.summaries {
		if len(s.uses) == 0 && s.throttle == nil && len(s.params) == 0 {
			delete(p.summaries, obj)
		}
	}
}

// callGraph returns, for each function of the package, the functions of
// the package that call it statically, and the functions that make
// interface calls (their uses depend on every implementation).
func (p *passState) callGraph(order []*types.Func) (map[*types.Func][]*types.Func, []*types.Func) {
	callers := map[*types.Func][]*types.Func{}
	var dynamic []*types.Func
	for _, obj := range order {
		seen := map[*types.Func]bool{}
		isDynamic := false
		ast.Inspect(p.decls[obj].Body, func(n ast.Node) bool {
			var f *types.Func
			switch n := n.(type) {
			case *ast.CallExpr:
				f = p.callee(n)
				if f != nil && isInterfaceMethod(f) {
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
func (p *passState) mayThrottle(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			found = true
		case *ast.RangeStmt:
			if t := p.info.TypeOf(n.X); t != nil {
				_, found = t.Underlying().(*types.Chan)
			}
		case *ast.UnaryExpr:
			found = n.Op == token.ARROW
		case *ast.CallExpr:
			if f := p.callee(n); f != nil {
				switch fullName(f) {
				case "time.Sleep", "(*" + rateLimiter + ".Limiter).Wait", "(*" + rateLimiter + ".Limiter).WaitN",
					"(*" + rateLimiter + ".Limiter).Allow", "(*" + rateLimiter + ".Limiter).AllowN", "(" + uberLimit + ".Limiter).Take":
					found = true
				default:
					_, found = p.funcThrottle(f)
				}
			}
		}
		return !found
	})
	return found
}

// bodyUses returns the API calls a body makes per execution, one entry a
// family: call sites times the constant bounds of the loops around them
// (unbounded loops saturate).
func (p *passState) bodyUses(body *ast.BlockStmt, depth int) []*apiUse {
	var out []*apiUse
	var walk func(n ast.Node, mult int)
	walk = func(n ast.Node, mult int) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				if n.Init != nil {
					walk(n.Init, mult)
				}
				k := mulCount(mult, p.loopBound(n))
				for _, part := range []ast.Node{n.Cond, n.Post, n.Body} {
					if part != nil {
						walk(part, k)
					}
				}
				return false
			case *ast.RangeStmt:
				walk(n.X, mult)
				walk(n.Body, mulCount(mult, p.loopBound(n)))
				return false
			case *ast.GoStmt:
				for _, u := range p.callUses(n.Call, depth+1) {
					c := *u
					c.count = mulCount(u.count, mult)
					out = append(out, &c)
				}
				return false
			case *ast.CallExpr:
				for _, u := range p.callUses(n, depth+1) {
					c := *u
					c.count = mulCount(u.count, mult)
					out = append(out, &c)
				}
			}
			return true
		})
	}
	walk(body, 1)
	return sumByFamily(out)
}

// sumByFamily adds the counts of uses of the same family.
func sumByFamily(uses []*apiUse) []*apiUse {
	var out []*apiUse
	idx := map[*family]int{}
	for _, u := range uses {
		if i, ok := idx[u.fam]; ok {
			out[i].count = addCount(out[i].count, u.count)
			out[i].reactive = out[i].reactive && u.reactive
			continue
		}
		idx[u.fam] = len(out)
		c := *u
		out = append(out, &c)
	}
	return out
}

// calledParams returns the indexes of fd's func-typed parameters that its
// body calls (directly or in a closure).
func (p *passState) calledParams(fd *ast.FuncDecl) []int {
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
	var out []int
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if i, ok := index[p.info.Uses[id]]; ok && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
		// Passing the parameter on to a function that calls it.
		if f := p.callee(call); f != nil {
			for _, j := range p.paramsCalledBy(f) {
				if j < len(call.Args) {
					if id, ok := ast.Unparen(call.Args[j]).(*ast.Ident); ok {
						if i, ok := index[p.info.Uses[id]]; ok && !slices.Contains(out, i) {
							out = append(out, i)
						}
					}
				}
			}
		}
		return true
	})
	slices.Sort(out)
	return out
}

// paramsCalledBy returns the func parameters f calls.
func (p *passState) paramsCalledBy(f *types.Func) []int {
	if ps, ok := builtinCallsParam[fullName(f)]; ok {
		return ps
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
	if fg.exitReachable(func(b *cfg.Block) bool { return fg.throttles[b] != nil }) {
		return nil
	}
	var best *Rate
	for _, b := range fg.g.Blocks {
		t := fg.throttles[b]
		if t == nil || fg.exitReachable(func(x *cfg.Block) bool { return x == b }) {
			continue
		}
		r := t.rate
		if best == nil || (r.known() && (!best.known() || r.maxCalls(time.Minute, 1) < best.maxCalls(time.Minute, 1))) {
			best = &r
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

// exportFacts records the summaries for the packages that import this one.
func (p *passState) exportFacts() {
	for obj, s := range p.summaries {
		// Only exported functions and methods can be reached from other
		// packages (unexported methods cannot satisfy another package's
		// interface), so only they carry facts.
		if s == nil || !obj.Exported() {
			continue
		}
		if len(s.uses) > 0 {
			f := &apiFact{Chain: s.uses[0].chain, Reactive: true}
			for _, u := range s.uses {
				f.Families = append(f.Families, u.fam.name())
				f.Count = max(f.Count, u.count)
				f.Reactive = f.Reactive && u.reactive
			}
			p.pass.ExportObjectFact(obj, f)
		}
		if s.throttle != nil {
			p.pass.ExportObjectFact(obj, &throttleFact{Rate: *s.throttle})
		}
		if len(s.params) > 0 {
			p.pass.ExportObjectFact(obj, &callsParamFact{Params: s.params})
		}
	}
}

// loopBound returns how many times a loop runs when that is a constant,
// else unbounded.
func (p *passState) loopBound(l ast.Stmt) int {
	if k, ok := p.constBound(l); ok {
		return k
	}
	return unbounded
}

// constBound recognises `for i := a; i < K; i++` (i not assigned in the
// body), `for range K`, and ranges over arrays and composite literals.
func (p *passState) constBound(l ast.Stmt) (int, bool) {
	switch l := l.(type) {
	case *ast.RangeStmt:
		x := ast.Unparen(l.X)
		if lit, ok := x.(*ast.CompositeLit); ok {
			if _, isMap := p.info.TypeOf(lit).Underlying().(*types.Map); !isMap {
				return len(lit.Elts), true
			}
		}
		if tv, ok := p.info.Types[x]; ok && tv.Value != nil {
			if k, ok := p.constFloat(x); ok && k >= 0 {
				return int(k), true
			}
		}
		t := p.info.TypeOf(x)
		if t == nil {
			return 0, false
		}
		if pt, ok := t.Underlying().(*types.Pointer); ok {
			t = pt.Elem()
		}
		if a, ok := t.Underlying().(*types.Array); ok {
			return int(a.Len()), true
		}
		vals := p.valuesOf(x)
		if len(vals) == 1 {
			if lit, ok := ast.Unparen(vals[0].expr).(*ast.CompositeLit); ok && p.assignedOnce(x) {
				if _, isSlice := p.info.TypeOf(lit).Underlying().(*types.Slice); isSlice {
					return len(lit.Elts), true
				}
			}
		}
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 || l.Cond == nil || l.Post == nil {
			return 0, false
		}
		iv, ok := init.Lhs[0].(*ast.Ident)
		if !ok {
			return 0, false
		}
		start, ok := p.constFloat(init.Rhs[0])
		if !ok {
			return 0, false
		}
		obj := p.info.ObjectOf(iv)
		cond, ok := ast.Unparen(l.Cond).(*ast.BinaryExpr)
		if !ok {
			return 0, false
		}
		x, y, op := ast.Unparen(cond.X), ast.Unparen(cond.Y), cond.Op
		if id, ok := y.(*ast.Ident); ok && p.info.ObjectOf(id) == obj {
			x, y = y, x
			op = map[token.Token]token.Token{token.GTR: token.LSS, token.GEQ: token.LEQ}[op]
		}
		if id, ok := x.(*ast.Ident); !ok || p.info.ObjectOf(id) != obj {
			return 0, false
		}
		end, ok := p.constFloat(y)
		if !ok {
			return 0, false
		}
		inc, ok := l.Post.(*ast.IncDecStmt)
		if !ok || inc.Tok != token.INC {
			return 0, false
		}
		for _, d := range p.defs[obj] {
			if d.pos >= l.Body.Pos() && d.pos < l.Body.End() {
				return 0, false // the counter is changed in the body
			}
		}
		n := end - start
		if op == token.LEQ {
			n++
		} else if op != token.LSS {
			return 0, false
		}
		return max(int(n), 0), true
	}
	return 0, false
}

// assignedOnce reports whether an identifier's variable has one value.
func (p *passState) assignedOnce(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok {
		return false
	}
	return len(p.defs[p.info.ObjectOf(id)]) == 1
}
