package throttle

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

// checkFuncs judges the loops, goroutine spawns and loop-running helper
// calls of every function and function literal of the package.
func (p *passState) checkFuncs() {
	for _, obj := range p.order {
		fd := p.decls[obj]
		// A function whose summary has no use of any family makes no call
		// that reaches an API (its function literals are checked below).
		if s := p.summaries[obj]; s != nil && len(s.uses) > 0 && !p.rep.Generated(fd.Pos()) && p.worthChecking(fd.Body) {
			p.checkBody(obj, fd.Body)
		}
	}
	for _, lit := range p.lits {
		if !p.rep.Generated(lit.Pos()) && len(p.litUses(lit.Body, callCtx{})) > 0 && p.worthChecking(lit.Body) {
			p.checkBody(nil, lit.Body)
		}
	}
}

// worthChecking is a cheap filter before building a graph: the body (not
// its function literals, which are checked on their own) has a loop, a
// goroutine or a call of a helper that loops over its argument, and a
// call that reaches an API or starts goroutines.
func (p *passState) worthChecking(body *ast.BlockStmt) bool {
	loops, reaches := false, false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			loops = true
		case *ast.GoStmt:
			loops, reaches = true, true
		case *ast.CallExpr:
			if f := p.callee(n); f != nil {
				for _, pc := range p.paramsCalledBy(f) {
					loops = loops || pc.Loop != ""
				}
			}
			reaches = reaches || len(familyUses(p.siteUses(n, nil))) > 0
		}
		return !(loops && reaches)
	})
	return loops && reaches
}

// siteUses returns the uses of a call as a site of the function fn
// (cached: the summaries are final when loops are judged).
func (p *passState) siteUses(call *ast.CallExpr, fn *types.Func) []*apiUse {
	if uses, ok := p.siteCache[call]; ok {
		return uses
	}
	uses := p.callUses(call, callCtx{fn: fn})
	p.siteCache[call] = uses
	return uses
}

func (p *passState) checkBody(fn *types.Func, body *ast.BlockStmt) {
	fg := p.graphOf(fn, body)
	if len(fg.sites) == 0 && len(fg.spawns) == 0 {
		return
	}
	reported := map[*site]bool{}
	for _, l := range fg.loops {
		p.judgeLoop(fg, l, reported)
	}
	for _, sp := range fg.spawns {
		p.judgeSpawn(fg, sp)
	}
	for _, b := range fg.g.Blocks {
		for _, s := range fg.sites[b] {
			p.judgeHelperLoop(fg, s)
		}
	}
}

// siteUse is one family's use at a site, with the constant multiplier of
// the loops between the site and the loop being judged.
type siteUse struct {
	site *site
	use  *apiUse
	mult int
}

// judgeLoop reports the API calls that repeat in loop l without a throttle
// that keeps them within the family's limits.
func (p *passState) judgeLoop(fg *fnGraph, l ast.Stmt, reported map[*site]bool) {
	head := fg.headers[l]
	if head == nil || p.isRetryLoop(l) {
		return
	}
	region := fg.region(l)
	pagination := p.isPaginationLoop(l)
	var uses []siteUse
	for _, b := range fg.g.Blocks {
		if !region[b] {
			continue
		}
		for _, s := range fg.sites[b] {
			if reported[s] {
				continue
			}
			if slices.Contains(fg.matched[s.call], l) {
				continue // for one matching item only: not repeated by l
			}
			mult, innerPagination, judged := p.innerMultiplier(fg, s, l)
			if judged {
				continue
			}
			for _, u := range s.uses {
				if u.count == 0 || (innerPagination && u.fam.api.PaginationCounts) {
					continue // repeated in a loop judged where it is
				}
				uses = append(uses, siteUse{site: s, use: u, mult: mult})
			}
		}
	}
	if len(uses) == 0 {
		return
	}
	bound, bounded := p.constBound(l)
	cut := func(b *cfg.Block) bool { return len(fg.throttles[b]) > 0 }
	never := func(*cfg.Block) bool { return false }
	reactive := false
	for b := range region {
		reactive = reactive || fg.reactive[b]
	}
	for _, fam := range p.families {
		if pagination && !fam.api.PaginationCounts {
			continue
		}
		var free, throttled, paced []siteUse
		for _, su := range uses {
			if su.use.fam != fam {
				continue
			}
			switch {
			case !onCycle(region, head, su.site.block, never):
				// not repeated: every path leaves the loop after it
			case su.use.paced:
				paced = append(paced, su)
			case onCycle(region, head, su.site.block, cut):
				free = append(free, su)
			default:
				throttled = append(throttled, su)
			}
		}
		mark := func(sus []siteUse) {
			for _, su := range sus {
				reported[su.site] = true
			}
		}
		if len(free) > 0 {
			if p.reportFree(fg, l, fam, free, bound, bounded, reactive) {
				mark(free)
				mark(throttled)
				mark(paced)
			}
			continue
		}
		if len(throttled) == 0 && len(paced) == 0 {
			continue
		}
		m := callsPerPass(append(throttled, paced...))
		mark(throttled)
		mark(paced)
		if bounded && fam.within(mulCount(bound, m)) {
			continue
		}
		if fam.api.ReactiveRetry && allReactive(append(throttled, paced...)) {
			continue // reactive retry satisfies these terms, whatever the pace
		}
		if len(throttled) > 0 {
			p.checkRate(l, fam, fg.loopRate(region, head, throttled), callsPerPass(throttled), throttled, false)
		} else {
			p.checkRate(l, fam, pacedRate(paced), 1, paced, true)
		}
	}
}

func allReactive(sus []siteUse) bool {
	for _, su := range sus {
		if !su.use.reactive {
			return false
		}
	}
	return true
}

// pacedRate is the rate the transports of paced uses guarantee together.
func pacedRate(sus []siteUse) Rate {
	r := sus[0].use.rate
	for _, su := range sus[1:] {
		r = looser(r, su.use.rate)
	}
	return r
}

// callsPerPass adds up the calls the sites make per iteration.
func callsPerPass(sus []siteUse) int {
	m := 0
	for _, su := range sus {
		m = addCount(m, mulCount(max(su.use.count, 1), su.mult))
	}
	return m
}

// innerMultiplier multiplies the constant bounds of the loops between a
// site and loop l. Pagination and retry loops count once; a loop between
// them that repeats the site without a bound is where the site is judged
// (judged is set); one that does not repeat it counts once.
func (p *passState) innerMultiplier(fg *fnGraph, s *site, l ast.Stmt) (mult int, pagination, judged bool) {
	mult = 1
	inside := false
	for _, x := range fg.enclosing[s.call] {
		if x == l {
			inside = true
			continue
		}
		if !inside {
			continue
		}
		if k, ok := p.multiplier(x); ok {
			mult = mulCount(mult, k)
			continue
		}
		if p.isRetryLoop(x) || slices.Contains(fg.matched[s.call], x) {
			continue
		}
		if p.isPaginationLoop(x) {
			pagination = true
			continue
		}
		if h := fg.headers[x]; h != nil && onCycle(fg.region(x), h, s.block, func(*cfg.Block) bool { return false }) {
			return mult, pagination, true
		}
	}
	return mult, pagination, false
}

// everyIteration reports whether every cycle through the loop's head
// passes one of the sites (else the API is called on some iterations).
func everyIteration(region map[*cfg.Block]bool, head *cfg.Block, sus []siteUse) bool {
	blocks := map[*cfg.Block]bool{}
	for _, su := range sus {
		blocks[su.site.block] = true
	}
	return !onCycle(region, head, head, func(b *cfg.Block) bool { return blocks[b] && b != head })
}

// reportFree reports unthrottled repeated calls: TOS101, or TOS104 when
// only reactive retry guards them. It returns false when the calls are
// within the limits (a small constant bound), so that the loops around
// judge them.
func (p *passState) reportFree(fg *fnGraph, l ast.Stmt, fam *family, free []siteUse, bound int, bounded, reactive bool) bool {
	m := callsPerPass(free)
	allReactive, may := true, false
	for _, su := range free {
		allReactive = allReactive && su.use.reactive
		may = may || su.use.may
	}
	if bounded && fam.within(mulCount(bound, m)) {
		return false
	}
	related := p.related(fg, l, free)
	if reactive || allReactive {
		if !fam.api.ReactiveRetry {
			p.rep.Report("TOS104", keyword(l.Pos(), "for"), related,
				"loop calls %s with only reactive retry (429 or Retry-After handling); these terms need a proactive throttle: wait on a shared limiter before each call, such as %s",
				fam.describe(), limiterAdvice(fam, 1))
		}
		return true // reactive retry satisfies these terms: judged here
	}
	hints := ""
	if hs := fg.hints[l]; len(hs) > 0 {
		hints = " (" + strings.Join(hs, "; ") + ")"
	}
	if bounded {
		lim := fam.limits[0]
		for _, x := range fam.limits {
			if mulCount(bound, m) > x.Calls {
				lim = x // the limit it goes over
				break
			}
		}
		p.rep.Report("TOS101", keyword(l.Pos(), "for"), related,
			"loop runs %d times and makes %s calls to %s with no throttle, over the limit of %d per %s%s; wait on a rate.Limiter shared across iterations before each call, such as %s",
			bound, countString(mulCount(bound, m)), fam.describe(), lim.Calls, lim.Window.Human(), hints, limiterAdvice(fam, 1))
		return true
	}
	how, note := "calls %s on every iteration", ""
	switch {
	case may:
		how, note = "may call %s", ", through a dynamic call only some of whose targets reach it"
	case !everyIteration(fg.region(l), fg.headers[l], free):
		how = "calls %s on some iterations"
	}
	p.rep.Report("TOS101", keyword(l.Pos(), "for"), related,
		"loop "+how+" with no proactive throttle%s%s; wait on a rate.Limiter shared across iterations before each call, such as %s",
		fam.describe(), note, hints, limiterAdvice(fam, 1))
	return true
}

// checkRate compares a throttle's rate with the family's limits: TOS103
// when it lets more through, TOS105 when it is not a constant (unless
// quietUnknown: a transport's unknown rate is one cause, not one per
// loop).
func (p *passState) checkRate(at ast.Node, fam *family, r Rate, m int, sus []siteUse, quietUnknown bool) {
	related := relatedOf(sus)
	rng := keyword(at.Pos(), "for")
	if _, isGo := at.(*ast.GoStmt); isGo {
		rng = keyword(at.Pos(), "go")
	} else if call, ok := at.(*ast.CallExpr); ok {
		rng = analysis.Range(call.Fun)
	}
	if !r.known() || m >= unbounded {
		if quietUnknown || len(fam.limits) == 0 {
			return
		}
		lim := fam.limits[0]
		if r.known() {
			p.rep.Report("TOS105", rng, related,
				"calls to %s are throttled by %s, but each pass makes more calls than can be counted, so their rate cannot be checked against the limit of %d calls per %s; wait before each call instead, such as %s",
				fam.describe(), cmp.Or(r.What, "a throttle"), lim.Calls, lim.Window.Human(), limiterAdvice(fam, 1))
			return
		}
		p.rep.Report("TOS105", rng, related,
			"calls to %s are throttled by %s, but the rate is not a constant; check it against the limit of %d calls per %s (%s at most)",
			fam.describe(), cmp.Or(r.What, "a throttle"), lim.Calls, lim.Window.Human(), rateAdvice(fam, m, r))
		return
	}
	for _, lim := range fam.limits {
		allowed := r.maxCalls(lim.Window.D(), m)
		if allowed > float64(lim.Calls)+1e-9 {
			over := allowed - float64(lim.Calls)
			p.rep.Report("TOS103", rng, related,
				"throttle lets up to %s calls per %s through %s, over the %s limit of %d by %s; use %s",
				num(math.Floor(allowed*1000)/1000), lim.Window.Human(), r.explain(lim.Window.D(), m), fam.name(), lim.Calls,
				num(math.Ceil(over*1000)/1000), rateAdvice(fam, m, r))
			return
		}
	}
}

// loopRate returns the rate of the throttle that every cycle through the
// sites passes: the most restrictive such throttle, or an unknown rate
// when no single throttle does. Waits on one limiter (or equal pauses)
// on several paths count as one throttle.
func (fg *fnGraph) loopRate(region map[*cfg.Block]bool, head *cfg.Block, sus []siteUse) Rate {
	var best *Rate
	for _, g := range fg.throttleGroups(func(b *cfg.Block) bool { return region[b] }) {
		must := true
		for _, su := range sus {
			if onCycle(region, head, su.site.block, func(x *cfg.Block) bool { return g.blocks[x] }) {
				must = false
				break
			}
		}
		if must && g.rate.replaces(best) {
			best = &g.rate
		}
	}
	if best == nil {
		return Rate{What: "throttles on different paths"}
	}
	return *best
}

// maxRelated caps the related locations of one finding: a few call sites
// and enclosing loops, however many there are.
const maxRelated = 5

// relatedOf lists the call sites as related information (at most three).
func relatedOf(sus []siteUse) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	seen := map[token.Pos]bool{}
	for _, su := range sus {
		if seen[su.site.call.Pos()] || len(out) == 3 {
			continue
		}
		seen[su.site.call.Pos()] = true
		msg := su.use.fam.name() + " API: " + su.use.chain.String()
		if su.use.may {
			// "calls a → b" becomes "may call a → b".
			msg = su.use.fam.name() + " API: may call " + strings.TrimPrefix(su.use.chain.String(), "calls ")
		}
		out = append(out, analysis.RelatedInformation{Pos: su.site.call.Pos(), End: su.site.call.End(), Message: msg})
	}
	return out
}

// related lists the call sites and the loops around l that repeat it:
// they are information about this finding, not findings of their own.
func (p *passState) related(fg *fnGraph, l ast.Stmt, sus []siteUse) []analysis.RelatedInformation {
	out := relatedOf(sus)
	encl := fg.enclosing[l]
	for i := len(encl) - 1; i >= 0 && len(out) < maxRelated; i-- {
		x := encl[i]
		what := "enclosing loop repeats it"
		if k, ok := p.constBound(x); ok {
			what = fmt.Sprintf("enclosing loop repeats it %d times", k)
		}
		out = append(out, analysis.RelatedInformation{Pos: x.Pos(), End: x.Pos() + token.Pos(len("for")), Message: what})
	}
	return out
}

// keyword is the range of a statement's leading keyword.
func keyword(pos token.Pos, kw string) analysis.Range {
	return rng{pos, pos + token.Pos(len(kw))}
}

type rng struct{ pos, end token.Pos }

func (r rng) Pos() token.Pos { return r.pos }
func (r rng) End() token.Pos { return r.end }

// judgeHelperLoop reports a call that passes a function reaching an API
// to a helper that calls it on every iteration of an unthrottled loop:
// the loop is in the helper, the cause is here.
func (p *passState) judgeHelperLoop(fg *fnGraph, s *site) {
	f := p.callee(s.call)
	if f == nil {
		return
	}
	for _, pc := range p.paramsCalledBy(f) {
		if pc.Loop == "" || pc.Index >= len(s.call.Args) {
			continue
		}
		var uses []*apiUse
		var body *ast.BlockStmt
		switch arg := ast.Unparen(s.call.Args[pc.Index]).(type) {
		case *ast.FuncLit:
			uses, body = p.litUses(arg.Body, callCtx{fn: fg.fn}), arg.Body
		case *ast.Ident, *ast.SelectorExpr:
			if g, ok := objectOf(p.info, arg).(*types.Func); ok {
				uses = p.funcUses(g, &ast.CallExpr{Fun: arg, Lparen: arg.End(), Rparen: arg.End()}, callCtx{fn: fg.fn})
				if d := p.decls[g]; d != nil {
					body = d.Body
				}
			}
		}
		if body != nil && p.mayThrottle(body) && p.graph(body).mustThrottle() != nil {
			continue // it throttles every call itself
		}
		reactive := body != nil && p.isReactiveBody(body)
		for _, fam := range p.families {
			var sus []siteUse
			allReactive := true
			for _, u := range familyUses(uses) {
				if u.fam == fam && u.count > 0 && !u.paced {
					sus = append(sus, siteUse{site: s, use: u, mult: 1})
					allReactive = allReactive && u.reactive
				}
			}
			if len(sus) == 0 {
				continue
			}
			related := relatedOf(sus)
			if reactive || allReactive {
				if !fam.api.ReactiveRetry {
					p.rep.Report("TOS104", analysis.Range(s.call.Fun), related,
						"%s calls this function on every iteration of its loop (%s), and it calls %s with only reactive retry; wait on a shared limiter before each call, such as %s",
						shortName(f), pc.Loop, fam.describe(), limiterAdvice(fam, 1))
				}
				continue
			}
			p.rep.Report("TOS101", analysis.Range(s.call.Fun), related,
				"%s calls this function on every iteration of its loop (%s) with no throttle, and it calls %s; wait on a rate.Limiter shared across iterations before each call, such as %s",
				shortName(f), pc.Loop, fam.describe(), limiterAdvice(fam, 1))
		}
	}
}
