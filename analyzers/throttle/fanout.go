package throttle

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

// judgeSpawn reports a goroutine started per loop iteration that calls an
// API: TOS102 for unbounded fan-out, TOS101 when a semaphore or SetLimit
// bounds it (calls in flight, not calls per window), quiet when a shared
// limiter inside the goroutine throttles every call.
func (p *passState) judgeSpawn(fg *fnGraph, sp *spawn) {
	loop := fg.innermost(sp.node)
	if loop == nil {
		return
	}
	head := fg.headers[loop]
	if head == nil {
		return
	}
	var uses []*apiUse
	if sp.lit != nil {
		if len(p.directUses(sp.lit.Body)) == 0 {
			return // the goroutine's own loops are judged on their own
		}
		uses = p.bodyUses(sp.lit.Body, 0)
	} else {
		uses = p.callUses(sp.call, 0)
		for _, u := range uses {
			if u.count >= unbounded {
				return // a worker that loops: its loop is judged where it is declared
			}
		}
	}
	if len(uses) == 0 || p.isRetryLoop(loop) {
		return
	}
	region := fg.region(loop)
	cut := func(b *cfg.Block) bool { return fg.throttles[b] != nil }
	if !onCycle(region, head, sp.block, func(*cfg.Block) bool { return false }) {
		return // not repeated
	}
	sus := make([]siteUse, 0, len(uses))
	pseudo := &site{call: spawnCall(sp), block: sp.block}
	for _, u := range uses {
		sus = append(sus, siteUse{site: pseudo, use: u, mult: 1})
	}
	spawnedThrottled := !onCycle(region, head, sp.block, cut)
	inner, innerOK := p.goroutineThrottle(sp)
	bound, bounded := p.constBound(loop)
	reactive := false
	for b := range region {
		reactive = reactive || fg.reactive[b]
	}
	for _, fam := range p.families {
		var famUses []siteUse
		allReactive := true
		for _, su := range sus {
			if su.use.fam == fam {
				famUses = append(famUses, su)
				allReactive = allReactive && su.use.reactive
			}
		}
		if len(famUses) == 0 {
			continue
		}
		m := callsPerPass(famUses)
		related := relatedOf(famUses)
		switch {
		case bounded && fam.within(mulCount(bound, m)):
			continue
		case spawnedThrottled:
			p.checkRate(loop, fam, fg.loopRate(region, head, []siteUse{{site: pseudo, use: famUses[0].use, mult: 1}}), m, famUses)
		case innerOK:
			p.checkRate(sp.node, fam, inner, m, famUses)
		case (reactive || allReactive) && fam.api.ReactiveRetry:
			continue
		case bounded || p.concurrencyBound(fg, region, sp):
			p.rep.Report("TOS101", keyword(loop.Pos(), "for"), related,
				"loop starts goroutines that call %s; the concurrency bound caps calls in flight, not calls per window: wait on a shared rate.Limiter inside each goroutine before the call",
				fam.describe())
		default:
			p.rep.Report("TOS102", spawnRange(sp), related,
				"goroutine per iteration calls %s with no throttle (unbounded fan-out); wait on a rate.Limiter shared by the goroutines before each call",
				fam.describe())
		}
	}
}

func spawnCall(sp *spawn) *ast.CallExpr {
	if c, ok := sp.node.(*ast.CallExpr); ok {
		return c
	}
	return sp.call
}

func spawnRange(sp *spawn) analysis.Range {
	if g, ok := sp.node.(*ast.GoStmt); ok {
		return keyword(g.Pos(), "go")
	}
	return sp.node.(*ast.CallExpr).Fun
}

// directUses returns the API calls of a body outside its loops.
func (p *passState) directUses(body *ast.BlockStmt) []*apiUse {
	var out []*apiUse
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.CallExpr:
			out = append(out, p.callUses(n, 0)...)
		}
		return true
	})
	return out
}

// goroutineThrottle returns the rate of a limiter shared by the goroutines
// that the goroutine waits on before every API call. A sleep inside each
// goroutine does not count: it bounds one goroutine, not all of them.
func (p *passState) goroutineThrottle(sp *spawn) (Rate, bool) {
	if sp.lit == nil {
		if f := p.callee(sp.call); f != nil {
			if r, ok := p.funcThrottle(f); ok && r.Shared {
				return r, true
			}
		}
		return Rate{}, false
	}
	fg := p.graph(sp.lit.Body)
	cut := func(b *cfg.Block) bool {
		t := fg.throttles[b]
		return t != nil && t.rate.Shared && p.sharedBy(sp.lit, t)
	}
	entry := fg.g.Blocks[0]
	if cut(entry) {
		return fg.throttles[entry].rate, true
	}
	seen := map[*cfg.Block]bool{entry: true}
	queue := []*cfg.Block{entry}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if len(fg.sites[b]) > 0 {
			return Rate{}, false // a call reachable without the limiter
		}
		for _, s := range b.Succs {
			if !seen[s] && !cut(s) {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	var best *Rate
	for _, b := range fg.g.Blocks {
		if cut(b) {
			r := fg.throttles[b].rate
			if best == nil || (r.known() && !best.known()) {
				best = &r
			}
		}
	}
	if best == nil {
		return Rate{}, false
	}
	return *best, true
}

// sharedBy reports whether a limiter throttle inside lit uses a limiter
// created outside it, so that all the goroutines share it.
func (p *passState) sharedBy(lit *ast.FuncLit, t *throttleOp) bool {
	for _, pos := range t.defs {
		if pos >= lit.Pos() && pos < lit.End() {
			return false
		}
	}
	return true
}

// concurrencyBound reports a semaphore (a buffered channel send, a
// semaphore.Weighted acquire) in the loop, or SetLimit on the errgroup.
func (p *passState) concurrencyBound(fg *fnGraph, region map[*cfg.Block]bool, sp *spawn) bool {
	for b := range region {
		for _, n := range b.Nodes {
			found := false
			ast.Inspect(n, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.SendStmt:
					for _, v := range p.valuesOf(n.Chan) {
						if call, ok := ast.Unparen(v.expr).(*ast.CallExpr); ok && len(call.Args) == 2 {
							if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "make" {
								found = true
							}
						}
					}
				case *ast.CallExpr:
					if p.isFunc(n, "(*golang.org/x/sync/semaphore.Weighted).Acquire", "(*golang.org/x/sync/semaphore.Weighted).TryAcquire") {
						found = true
					}
				}
				return !found
			})
			if found {
				return true
			}
		}
	}
	if sp.group == nil {
		return false
	}
	group := objectOf(p.info, sp.group)
	limited := false
	ast.Inspect(fg.body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if ok && p.isFunc(call, "(*golang.org/x/sync/errgroup.Group).SetLimit") {
			if objectOf(p.info, ast.Unparen(call.Fun).(*ast.SelectorExpr).X) == group && group != nil {
				limited = true
			}
		}
		return !limited
	})
	return limited
}

func objectOf(info *types.Info, e ast.Expr) types.Object {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(x)
	case *ast.SelectorExpr:
		return info.ObjectOf(x.Sel)
	case *ast.UnaryExpr:
		return objectOf(info, x.X)
	}
	return nil
}
