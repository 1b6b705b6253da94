package throttle

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"
)

// fnGraph is the control-flow graph of one function body with its API
// call sites, throttling blocks and goroutine spawns located in blocks.
type fnGraph struct {
	p    *passState
	fn   *types.Func // the function (nil for a literal)
	body *ast.BlockStmt
	g    *cfg.CFG

	sites     map[*cfg.Block][]*site
	throttles map[*cfg.Block][]*throttleOp // the throttles of each block, in order
	hints     map[ast.Node][]string        // loop → why apparent throttles are not
	spawns    []*spawn
	loops     []ast.Stmt               // innermost first
	enclosing map[ast.Node][]ast.Stmt  // node → loops around it, outermost first
	reactive  map[*cfg.Block]bool      // blocks that handle 429 or Retry-After
	blockOf   map[ast.Node]*cfg.Block  // call sites and spawns
	headers   map[ast.Stmt]*cfg.Block  // loop → head block
	dones     map[ast.Stmt]*cfg.Block  // loop → block after it
	ifConds   map[ast.Expr]*ast.IfStmt // if conditions
	comms     map[ast.Stmt]*ast.SelectStmt
	noPause   map[*cfg.Block]bool     // branches taken when a duration parameter is zero
	matched   map[ast.Node][]ast.Stmt // node → loops in which it runs for one matching item
}

// site is a call that reaches one or more API families.
type site struct {
	call  *ast.CallExpr
	uses  []*apiUse
	block *cfg.Block
}

// spawn is a goroutine started with go, errgroup.Go or WaitGroup.Go.
type spawn struct {
	node  ast.Node      // the go statement or the Go call
	lit   *ast.FuncLit  // the goroutine's body, when a literal
	call  *ast.CallExpr // the call the go statement makes
	group ast.Expr      // the errgroup or WaitGroup, for Go calls
	block *cfg.Block
}

// mayReturn treats calls that never return as such, so that code after
// them is unreachable.
func (p *passState) mayReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
		if _, builtin := p.info.Uses[id].(*types.Builtin); builtin {
			return false
		}
	}
	return !p.isFunc(call, "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf")
}

// graph builds the fnGraph of a function body. The graph comes from
// go/cfg directly rather than from the ctrlflow pass: ctrlflow builds the
// graph of every function of every package (dependencies too, when they
// are loaded from source), while toslint needs the few functions that
// have loops reaching an API or that may throttle.
func (p *passState) graph(body *ast.BlockStmt) *fnGraph { return p.graphOf(nil, body) }

func (p *passState) graphOf(fn *types.Func, body *ast.BlockStmt) *fnGraph {
	fg := &fnGraph{
		p: p, fn: fn, body: body, g: cfg.New(body, p.mayReturn),
		sites: map[*cfg.Block][]*site{}, throttles: map[*cfg.Block][]*throttleOp{},
		hints: map[ast.Node][]string{}, enclosing: map[ast.Node][]ast.Stmt{},
		reactive: map[*cfg.Block]bool{}, blockOf: map[ast.Node]*cfg.Block{},
		headers: map[ast.Stmt]*cfg.Block{}, dones: map[ast.Stmt]*cfg.Block{},
		ifConds: map[ast.Expr]*ast.IfStmt{}, comms: map[ast.Stmt]*ast.SelectStmt{},
		noPause: map[*cfg.Block]bool{}, matched: map[ast.Node][]ast.Stmt{},
	}
	fg.scanAST()
	for _, b := range fg.g.Blocks {
		fg.noteLoopBlock(b)
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			fg.scanNode(b, n)
		}
	}
	return fg
}

// scanAST records loops and what encloses each node, without entering
// function literals (they have graphs of their own).
func (fg *fnGraph) scanAST() {
	var stack []ast.Stmt
	var depthOf []int
	var matchedIn []ast.Stmt // loops whose matching item the current branch is for
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			fg.ifConds[n.Cond] = n
			if len(stack) > 0 && fg.p.matchesOne(n.Cond, stack[len(stack)-1]) {
				for _, part := range []ast.Node{n.Init, n.Cond} {
					if part != nil {
						ast.Inspect(part, visit)
					}
				}
				matchedIn = append(matchedIn, stack[len(stack)-1])
				ast.Inspect(n.Body, visit)
				matchedIn = matchedIn[:len(matchedIn)-1]
				if n.Else != nil {
					ast.Inspect(n.Else, visit)
				}
				return false
			}
		case *ast.ForStmt, *ast.RangeStmt:
			s := n.(ast.Stmt)
			fg.enclosing[s] = append([]ast.Stmt(nil), stack...)
			fg.loops = append(fg.loops, s)
			depthOf = append(depthOf, len(stack))
			stack = append(stack, s)
			ast.Inspect(loopBody(s), visit)
			if f, ok := s.(*ast.ForStmt); ok {
				for _, part := range []ast.Node{f.Init, f.Cond, f.Post} {
					if part != nil {
						ast.Inspect(part, visit)
					}
				}
			} else {
				ast.Inspect(s.(*ast.RangeStmt).X, visit)
			}
			stack = stack[:len(stack)-1]
			return false
		case *ast.CallExpr, *ast.GoStmt, *ast.UnaryExpr, *ast.SendStmt:
			fg.enclosing[n] = append([]ast.Stmt(nil), stack...)
			if len(matchedIn) > 0 {
				fg.matched[n] = append([]ast.Stmt(nil), matchedIn...)
			}
		case *ast.SelectStmt:
			fg.enclosing[n] = append([]ast.Stmt(nil), stack...)
			for _, cc := range n.Body.List {
				if comm := cc.(*ast.CommClause).Comm; comm != nil {
					fg.comms[comm] = n
				}
			}
		}
		return true
	}
	ast.Inspect(fg.body, visit)
	// Innermost first: deeper loops before the loops around them.
	order := make([]ast.Stmt, len(fg.loops))
	copy(order, fg.loops)
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && depthOf[j] > depthOf[j-1]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
			depthOf[j], depthOf[j-1] = depthOf[j-1], depthOf[j]
		}
	}
	fg.loops = order
}

// innermost returns the innermost loop around n in this function.
func (fg *fnGraph) innermost(n ast.Node) ast.Stmt {
	if ls := fg.enclosing[n]; len(ls) > 0 {
		return ls[len(ls)-1]
	}
	return nil
}

// noteLoopBlock records loop heads and exits.
func (fg *fnGraph) noteLoopBlock(b *cfg.Block) {
	switch b.Kind {
	case cfg.KindForLoop, cfg.KindRangeLoop:
		fg.headers[b.Stmt] = b
	case cfg.KindForBody:
		if f := b.Stmt.(*ast.ForStmt); f.Cond == nil {
			fg.headers[b.Stmt] = b // for {}: the body is the head
		}
	case cfg.KindForDone, cfg.KindRangeDone:
		fg.dones[b.Stmt] = b
	}
	if b.Kind == cfg.KindRangeLoop {
		if t := fg.p.chanThrottle(b.Stmt.(*ast.RangeStmt).X); t != nil {
			fg.addThrottle(b, t) // each iteration receives a tick
		}
	}
}

// scanNode finds call sites, throttles and spawns in one node of block b.
func (fg *fnGraph) scanNode(b *cfg.Block, n ast.Node) {
	p := fg.p
	if s, ok := n.(ast.Stmt); ok {
		if sel := fg.comms[s]; sel != nil {
			if fg.blockOf[sel] == nil {
				fg.blockOf[sel] = b
				if t := fg.selectThrottle(sel); t != nil {
					fg.addThrottle(b, t)
				}
			}
			// The channel and value operands of every case are
			// evaluated each time the select runs: an API call among
			// them (case out <- fetch(id):) is a call site. Only
			// sites: the select was judged as a throttle above.
			ast.Inspect(n, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.CallExpr:
					if uses := familyUses(p.callUses(n, callCtx{fn: fg.fn})); len(uses) > 0 {
						fg.sites[b] = append(fg.sites[b], &site{call: n, uses: uses, block: b})
						fg.blockOf[n] = b
					}
				}
				return true
			})
			return
		}
	}
	if e, ok := n.(ast.Expr); ok {
		if ifs := fg.ifConds[e]; ifs != nil {
			fg.allowGate(b, ifs)
			fg.zeroGuard(b, ifs)
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			return false // runs at function exit, not per iteration
		case *ast.GoStmt:
			sp := &spawn{node: n, call: n.Call, block: b}
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				sp.lit = lit
			}
			fg.spawns = append(fg.spawns, sp)
			fg.blockOf[n] = b
			return false
		case *ast.CallExpr:
			if sp := fg.goCall(n, b); sp != nil {
				fg.spawns = append(fg.spawns, sp)
				fg.blockOf[n] = b
				return false
			}
			if uses := familyUses(p.callUses(n, callCtx{fn: fg.fn})); len(uses) > 0 {
				fg.sites[b] = append(fg.sites[b], &site{call: n, uses: uses, block: b})
				fg.blockOf[n] = b
			}
			loop := fg.innermost(n)
			if t, hint := p.callThrottle(n, loop); t != nil {
				fg.addThrottle(b, t)
			} else if hint != "" && loop != nil {
				fg.hints[loop] = appendOnce(fg.hints[loop], hint)
			}
			if p.isReactiveCall(n) {
				fg.reactive[b] = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				if t := p.chanThrottle(n.X); t != nil {
					fg.addThrottle(b, t)
				}
			}
		case *ast.Ident, *ast.BasicLit:
			if p.isReactiveMarker(n.(ast.Expr)) {
				fg.reactive[b] = true
			}
		}
		return true
	})
}

func appendOnce(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// addThrottle records a throttle in b.
func (fg *fnGraph) addThrottle(b *cfg.Block, t *throttleOp) {
	fg.throttles[b] = append(fg.throttles[b], t)
}

// throttleGroup is the blocks that wait on one limiter, ticker or
// channel (the same definitions), or pause for the same time: a cycle
// that passes any of them is throttled at the one rate.
type throttleGroup struct {
	rate   Rate
	blocks map[*cfg.Block]bool
}

// throttleGroups groups the throttling blocks that keep accepts, in
// block order.
func (fg *fnGraph) throttleGroups(keep func(*cfg.Block) bool) []*throttleGroup {
	type key struct {
		rate Rate
		defs string
	}
	var out []*throttleGroup
	byKey := map[key]*throttleGroup{}
	for _, b := range fg.g.Blocks {
		if !keep(b) {
			continue
		}
		for _, t := range fg.throttles[b] {
			k := key{t.rate, fmt.Sprint(t.defs)}
			g := byKey[k]
			if g == nil {
				g = &throttleGroup{rate: t.rate, blocks: map[*cfg.Block]bool{}}
				byKey[k] = g
				out = append(out, g)
			}
			g.blocks[b] = true
		}
	}
	return out
}

// goCall recognises errgroup.Go, TryGo and sync.WaitGroup.Go.
func (fg *fnGraph) goCall(call *ast.CallExpr, b *cfg.Block) *spawn {
	if !fg.p.isFunc(call, "(*golang.org/x/sync/errgroup.Group).Go", "(*golang.org/x/sync/errgroup.Group).TryGo", "(*sync.WaitGroup).Go") || len(call.Args) != 1 {
		return nil
	}
	sp := &spawn{node: call, block: b, group: ast.Unparen(call.Fun).(*ast.SelectorExpr).X}
	switch fn := ast.Unparen(call.Args[0]).(type) {
	case *ast.FuncLit:
		sp.lit = fn
	default:
		sp.call = &ast.CallExpr{Fun: fn, Lparen: fn.End(), Rparen: fn.End()}
	}
	return sp
}

// selectThrottle returns the throttle of a select that can only wait for a
// timer or leave the loop: no default, and every case that is not a timer
// receive returns or jumps out.
func (fg *fnGraph) selectThrottle(sel *ast.SelectStmt) *throttleOp {
	var best *throttleOp
	for _, cc := range sel.Body.List {
		clause := cc.(*ast.CommClause)
		if clause.Comm == nil {
			return nil // default: the select does not wait
		}
		var ch ast.Expr
		switch c := clause.Comm.(type) {
		case *ast.ExprStmt:
			if u, ok := ast.Unparen(c.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				ch = u.X
			}
		case *ast.AssignStmt:
			if len(c.Rhs) == 1 {
				if u, ok := ast.Unparen(c.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
					ch = u.X
				}
			}
		}
		if ch != nil {
			if t := fg.p.chanThrottle(ch); t != nil {
				if best == nil || (t.rate.known() && (!best.rate.known() || t.rate.Interval < best.rate.Interval)) {
					best = t
				}
				continue
			}
		}
		if !leaves(clause.Body) && !fg.p.isDone(ch) {
			return nil // another case goes on without waiting
		}
	}
	return best
}

// isDone reports a receive from a context's Done channel: cancellation,
// after which the work stops rather than going on without waiting.
func (p *passState) isDone(ch ast.Expr) bool {
	call, ok := ast.Unparen(ch).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" {
		return false
	}
	t := p.info.TypeOf(sel.X)
	return t != nil && types.TypeString(t, nil) == "context.Context"
}

// allowGate handles `if lim.Allow() { call }` and `if !lim.Allow() {
// continue }`: the branch taken when Allow returns true is throttled.
func (fg *fnGraph) allowGate(b *cfg.Block, ifs *ast.IfStmt) {
	cond := ast.Unparen(ifs.Cond)
	neg := false
	if u, ok := cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		cond, neg = ast.Unparen(u.X), true
	}
	call, ok := cond.(*ast.CallExpr)
	if !ok || !fg.p.isFunc(call, "(*"+rateLimiter+".Limiter).Allow", "(*"+rateLimiter+".Limiter).AllowN") || len(b.Succs) != 2 {
		return
	}
	r, hint, ok := fg.p.limiterRate(ast.Unparen(call.Fun).(*ast.SelectorExpr).X, fg.innermost(call))
	if !ok {
		if loop := fg.innermost(call); loop != nil {
			fg.hints[loop] = appendOnce(fg.hints[loop], hint)
		}
		return
	}
	gated := b.Succs[0]
	if neg {
		if !leaves(ifs.Body.List) && !skips(ifs.Body.List) {
			return // the false branch goes on to the call anyway
		}
		gated = b.Succs[1]
	}
	fg.addThrottle(gated, &throttleOp{rate: r, pos: call.Pos()})
}

// region returns the blocks of loop l: those reachable from its head
// without leaving it.
func (fg *fnGraph) region(l ast.Stmt) map[*cfg.Block]bool {
	head, done := fg.headers[l], fg.dones[l]
	if head == nil {
		return nil
	}
	in := map[*cfg.Block]bool{head: true}
	queue := []*cfg.Block{head}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		for _, s := range b.Succs {
			if in[s] || s == done || !fg.inside(s, l) {
				continue
			}
			in[s] = true
			queue = append(queue, s)
		}
	}
	return in
}

// inside reports whether block b belongs to loop l's statement.
func (fg *fnGraph) inside(b *cfg.Block, l ast.Stmt) bool {
	if b.Stmt == l {
		return b.Kind != cfg.KindForDone && b.Kind != cfg.KindRangeDone
	}
	body := loopBody(l)
	var pos token.Pos
	switch {
	case len(b.Nodes) > 0:
		pos = b.Nodes[0].Pos()
	case b.Stmt != nil:
		pos = b.Stmt.Pos()
	default:
		return true // an empty join block: it is where its edges lead
	}
	return pos >= body.Pos() && pos < body.End()
}

// onCycle reports whether block b lies on a cycle through head within
// region, avoiding the blocks in cut.
func onCycle(region map[*cfg.Block]bool, head, b *cfg.Block, cut func(*cfg.Block) bool) bool {
	if cut(head) || cut(b) {
		return false
	}
	reach := func(from, to *cfg.Block, throughFrom bool) bool {
		seen := map[*cfg.Block]bool{}
		queue := []*cfg.Block{from}
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			for _, s := range x.Succs {
				if s == to {
					return true
				}
				if seen[s] || !region[s] || cut(s) || s == from && !throughFrom {
					continue
				}
				seen[s] = true
				queue = append(queue, s)
			}
		}
		return false
	}
	if head == b {
		return reach(head, head, false)
	}
	return reach(head, b, false) && reach(b, head, false)
}

// familyUses drops the parameter sends from a list of uses.
func familyUses(uses []*apiUse) []*apiUse {
	out := uses[:0:0]
	for _, u := range uses {
		if u.fam != nil {
			out = append(out, u)
		}
	}
	return out
}

// zeroGuard notes `if d <= 0 { ... }` where d is a duration parameter of
// the function: a sleep helper that does not pause for a zero duration
// still throttles its callers that pass one (the caller decides).
func (fg *fnGraph) zeroGuard(b *cfg.Block, ifs *ast.IfStmt) {
	if fg.fn == nil || len(b.Succs) != 2 {
		return
	}
	c, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok {
		return
	}
	x, y, op := c.X, c.Y, c.Op
	if _, ok := fg.p.constFloat(x); ok {
		x, y = y, x
		op = map[token.Token]token.Token{token.GEQ: token.LEQ, token.GTR: token.LSS, token.EQL: token.EQL}[op]
	}
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := fg.p.info.Uses[id].(*types.Var)
	if !ok || fg.p.params[v].fn != fg.fn || types.TypeString(v.Type(), nil) != "time.Duration" {
		return
	}
	if k, ok := fg.p.constFloat(y); !ok || !(op == token.LEQ && k == 0 || op == token.EQL && k == 0 || op == token.LSS && k <= 1) {
		return
	}
	fg.noPause[b.Succs[0]] = true
}
