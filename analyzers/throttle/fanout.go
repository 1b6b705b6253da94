package throttle

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

// judgeSpawn reports a goroutine started per loop iteration that calls an
// API: TOS102 for unbounded fan-out, TOS101 when a semaphore or SetLimit
// bounds it (calls in flight, not calls per window), quiet when a shared
// limiter or ticker inside the goroutine throttles every call.
func (p *passState) judgeSpawn(fg *fnGraph, sp *spawn) {
	loop := fg.innermost(sp.node)
	if loop == nil || p.isRetryLoop(loop) {
		return
	}
	head := fg.headers[loop]
	if head == nil {
		return
	}
	var uses []*apiUse
	if sp.lit != nil {
		uses = p.litUses(sp.lit.Body, callCtx{fn: fg.fn})
	} else {
		uses = p.callUses(sp.call, callCtx{fn: fg.fn})
	}
	uses = familyUses(uses)
	region := fg.region(loop)
	if !onCycle(region, head, sp.block, func(*cfg.Block) bool { return false }) {
		return // not repeated
	}
	cut := func(b *cfg.Block) bool { return len(fg.throttles[b]) > 0 }
	spawnedThrottled := !onCycle(region, head, sp.block, cut)
	inner, innerOK := p.goroutineThrottle(sp)
	bound, bounded := p.constBound(loop)
	reactive := false
	for b := range region {
		reactive = reactive || fg.reactive[b]
	}
	pseudo := &site{call: spawnCall(sp), block: sp.block}
	for _, fam := range p.families {
		var sus []siteUse
		allReactive, paced := true, true
		for _, u := range uses {
			if u.fam == fam && u.count > 0 {
				sus = append(sus, siteUse{site: pseudo, use: u, mult: 1})
				allReactive = allReactive && u.reactive
				paced = paced && u.paced
			}
		}
		if len(sus) == 0 {
			continue // its calls repeat in loops judged where they are
		}
		m := callsPerPass(sus)
		related := relatedOf(sus)
		switch {
		case bounded && fam.within(mulCount(bound, m)):
			continue
		case spawnedThrottled:
			p.checkRate(loop, fam, fg.loopRate(region, head, []siteUse{{site: pseudo, use: sus[0].use, mult: 1}}), m, sus, false)
		case innerOK:
			p.checkRate(sp.node, fam, inner, m, sus, false)
		case paced:
			p.checkRate(sp.node, fam, pacedRate(sus), 1, sus, true)
		case (reactive || allReactive) && fam.api.ReactiveRetry:
			continue
		default:
			if k, ok := p.concurrencyBound(fg, region, sp); ok || bounded {
				what := "the concurrency bound"
				switch {
				case ok && k > 0:
					what = fmt.Sprintf("the concurrency bound (%d workers)", k)
				case !ok:
					what = fmt.Sprintf("the loop's bound (%d goroutines)", bound)
				}
				p.rep.Report("TOS101", keyword(loop.Pos(), "for"), related,
					"loop starts goroutines that call %s; %s caps calls in flight, not calls per window: wait on a rate.Limiter shared by the goroutines before each call, such as %s",
					fam.describe(), what, limiterAdvice(fam, 1))
				continue
			}
			p.rep.Report("TOS102", spawnRange(sp), related,
				"goroutine per iteration calls %s with no throttle (unbounded fan-out); wait on a rate.Limiter shared by the goroutines before each call, such as %s",
				fam.describe(), limiterAdvice(fam, 1))
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

// goroutineThrottle returns the rate of a limiter or ticker shared by the
// goroutines that the goroutine waits on before every API call. A sleep
// inside each goroutine does not count: it bounds one goroutine, not all
// of them.
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
	cut := func(b *cfg.Block) bool { return sharedThrottle(fg, b, sp.lit) != nil }
	entry := fg.g.Blocks[0]
	if t := sharedThrottle(fg, entry, sp.lit); t != nil {
		return t.rate, true
	}
	seen := map[*cfg.Block]bool{entry: true}
	queue := []*cfg.Block{entry}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		for _, s := range fg.sites[b] {
			for _, u := range s.uses {
				if !u.paced && u.count > 0 {
					return Rate{}, false // a call reachable without the limiter
				}
			}
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
		if t := sharedThrottle(fg, b, sp.lit); t != nil {
			r := t.rate
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

// sharedThrottle returns the most restrictive throttle of block b whose
// limiter or ticker the goroutines of lit share, or nil.
func sharedThrottle(fg *fnGraph, b *cfg.Block, lit *ast.FuncLit) *throttleOp {
	var best *throttleOp
	for _, t := range fg.throttles[b] {
		if !t.rate.Shared || !sharedBy(lit, t) {
			continue
		}
		if best == nil || t.rate.replaces(&best.rate) {
			best = t
		}
	}
	return best
}

// sharedBy reports whether a throttle inside lit uses a limiter or ticker
// created outside it, so that all the goroutines share it.
func sharedBy(lit *ast.FuncLit, t *throttleOp) bool {
	for _, pos := range t.defs {
		if pos >= lit.Pos() && pos < lit.End() {
			return false
		}
	}
	return true
}

// concurrencyBound reports a semaphore (a send on a buffered channel, a
// semaphore.Weighted acquire) in the loop or inside the goroutine, or
// SetLimit on the errgroup, with its capacity when it is a constant.
func (p *passState) concurrencyBound(fg *fnGraph, region map[*cfg.Block]bool, sp *spawn) (int, bool) {
	capacity, found := 0, false
	look := func(n ast.Node, inGoroutine bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return inGoroutine && n == sp.lit
			case *ast.SendStmt:
				for _, v := range p.valuesOf(n.Chan) {
					if call, ok := ast.Unparen(v.expr).(*ast.CallExpr); ok && len(call.Args) == 2 {
						if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "make" {
							if inGoroutine && v.pos >= sp.lit.Pos() && v.pos < sp.lit.End() {
								continue // a channel per goroutine bounds nothing
							}
							found = true
							if k, ok := p.constFloat(call.Args[1]); ok {
								capacity = int(k)
							}
						}
					}
				}
			case *ast.CallExpr:
				if p.isFunc(n, "(*golang.org/x/sync/semaphore.Weighted).Acquire", "(*golang.org/x/sync/semaphore.Weighted).TryAcquire") {
					found = true
					for _, v := range p.valuesOf(ast.Unparen(n.Fun).(*ast.SelectorExpr).X) {
						if call, ok := ast.Unparen(v.expr).(*ast.CallExpr); ok && p.isFunc(call, "golang.org/x/sync/semaphore.NewWeighted") {
							if k, ok := p.constFloat(call.Args[0]); ok {
								capacity = int(k)
							}
						}
					}
				}
			}
			return true
		})
	}
	for b := range region {
		for _, n := range b.Nodes {
			look(n, false)
		}
	}
	if sp.lit != nil {
		look(sp.lit, true)
	}
	if found {
		return capacity, true
	}
	if sp.group == nil {
		return 0, false
	}
	group := objectOf(p.info, sp.group)
	ast.Inspect(fg.body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if ok && p.isFunc(call, "(*golang.org/x/sync/errgroup.Group).SetLimit") && group != nil {
			if objectOf(p.info, ast.Unparen(call.Fun).(*ast.SelectorExpr).X) == group {
				found = true
				if k, ok := p.constFloat(call.Args[0]); ok {
					capacity = int(k)
				}
			}
		}
		return !found
	})
	return capacity, found
}
