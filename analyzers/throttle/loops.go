package throttle

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

// checkLoops judges every loop and goroutine spawn of the package.
func (p *passState) checkLoops() {
	for _, f := range p.pass.Files {
		if p.rep.Generated(f.Pos()) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil && hasLoop(n.Body) && p.reachesAPI(n.Body) {
					p.checkBody(n.Body)
				}
			case *ast.FuncLit:
				if hasLoop(n.Body) && p.reachesAPI(n.Body) {
					p.checkBody(n.Body)
				}
			}
			return true
		})
	}
}

// hasLoop reports whether a body (not counting its function literals) has
// a loop.
func hasLoop(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			found = true
		}
		return !found
	})
	return found
}

// reachesAPI reports whether a body (not its function literals, which are
// checked on their own, unless called or spawned here) calls an API or
// starts goroutines: only then is its graph worth building.
func (p *passState) reachesAPI(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			found = true
		case *ast.CallExpr:
			found = len(p.callUses(n, 0)) > 0
		}
		return !found
	})
	return found
}

func (p *passState) checkBody(body *ast.BlockStmt) {
	fg := p.graph(body)
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
	if head == nil {
		return
	}
	region := fg.region(l)
	var uses []siteUse
	for _, b := range fg.g.Blocks {
		if !region[b] {
			continue
		}
		for _, s := range fg.sites[b] {
			if reported[s] {
				continue
			}
			mult := p.innerMultiplier(fg, s.call, l)
			for _, u := range s.uses {
				uses = append(uses, siteUse{site: s, use: u, mult: mult})
			}
		}
	}
	if len(uses) == 0 || p.isRetryLoop(l) {
		return
	}
	pagination := p.isPaginationLoop(l)
	bound, bounded := p.constBound(l)
	cut := func(b *cfg.Block) bool { return fg.throttles[b] != nil }
	never := func(*cfg.Block) bool { return false }
	reactive := false
	for b := range region {
		reactive = reactive || fg.reactive[b]
	}
	for _, fam := range p.families {
		if pagination && !fam.api.PaginationCounts {
			continue
		}
		var free, throttled []siteUse
		for _, su := range uses {
			if su.use.fam != fam {
				continue
			}
			switch {
			case onCycle(region, head, su.site.block, cut):
				free = append(free, su)
			case onCycle(region, head, su.site.block, never):
				throttled = append(throttled, su)
			}
		}
		if len(free) > 0 {
			if p.reportFree(fg, l, fam, free, bound, bounded, reactive) {
				for _, su := range free {
					reported[su.site] = true
				}
			}
			continue
		}
		if len(throttled) > 0 {
			m := callsPerPass(throttled)
			if bounded && fam.within(mulCount(bound, m)) {
				continue
			}
			r := fg.loopRate(region, head, throttled)
			p.checkRate(l, fam, r, m, throttled)
			for _, su := range throttled {
				reported[su.site] = true
			}
		}
	}
}

// callsPerPass adds up the calls the sites make per iteration.
func callsPerPass(sus []siteUse) int {
	m := 0
	for _, su := range sus {
		m = addCount(m, mulCount(max(su.use.count, 1), su.mult))
	}
	return m
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

// innerMultiplier multiplies the constant bounds of the loops between a
// call and loop l.
func (p *passState) innerMultiplier(fg *fnGraph, call *ast.CallExpr, l ast.Stmt) int {
	loops := fg.enclosing[call]
	mult := 1
	inside := false
	for _, x := range loops {
		if x == l {
			inside = true
			continue
		}
		if inside {
			mult = mulCount(mult, p.loopBound(x))
		}
	}
	return mult
}

// reportFree reports unthrottled repeated calls: TOS101, or TOS104 when
// only reactive retry guards them. It returns false when the calls are
// within the limits (a small constant bound), so that the loops around
// judge them.
func (p *passState) reportFree(fg *fnGraph, l ast.Stmt, fam *family, free []siteUse, bound int, bounded, reactive bool) bool {
	m := callsPerPass(free)
	related := relatedOf(free)
	hints := ""
	if hs := fg.hints[l]; len(hs) > 0 {
		hints = " (" + strings.Join(hs, "; ") + ")"
	}
	if bounded {
		total := mulCount(bound, m)
		if fam.within(total) {
			return false
		}
		lim := fam.limits[0]
		p.rep.Report("TOS101", keyword(l.Pos(), "for"), related,
			"loop runs %d times and makes %s calls to %s with no throttle, over the limit of %d per %s%s",
			bound, countString(total), fam.describe(), lim.Calls, lim.Window.Human(), hints)
		return true
	}
	allReactive := true
	for _, su := range free {
		allReactive = allReactive && su.use.reactive
	}
	if reactive || allReactive {
		if !fam.api.ReactiveRetry {
			p.rep.Report("TOS104", keyword(l.Pos(), "for"), related,
				"loop calls %s with only reactive retry (429 or Retry-After handling); these terms need a proactive throttle such as a shared rate.Limiter waited on before each call",
				fam.describe())
		}
		return true // reactive retry satisfies these terms: judged here
	}
	p.rep.Report("TOS101", keyword(l.Pos(), "for"), related,
		"loop calls %s on every iteration with no proactive throttle; wait on a rate.Limiter shared across iterations (or sleep) before each call%s",
		fam.describe(), hints)
	return true
}

// checkRate compares a throttle's rate with the family's limits: TOS103
// when it lets more through, TOS105 when it is not a constant.
func (p *passState) checkRate(at ast.Node, fam *family, r Rate, m int, sus []siteUse) {
	related := relatedOf(sus)
	rng := keyword(at.Pos(), "for")
	if _, isGo := at.(*ast.GoStmt); isGo {
		rng = keyword(at.Pos(), "go")
	} else if call, ok := at.(*ast.CallExpr); ok {
		rng = analysis.Range(call.Fun)
	}
	if !r.known() || m >= unbounded {
		lim := "its limits"
		if len(fam.limits) > 0 {
			lim = fmt.Sprintf("the limit of %d calls per %s", fam.limits[0].Calls, fam.limits[0].Window.Human())
		}
		p.rep.Report("TOS105", rng, related,
			"calls to %s are throttled by %s, but the rate is not a constant; check it against %s",
			fam.describe(), orDefault(r.What, "a throttle"), lim)
		return
	}
	for _, lim := range fam.limits {
		allowed := r.maxCalls(lim.Window.D(), m)
		if allowed > float64(lim.Calls)+1e-9 {
			over := allowed - float64(lim.Calls)
			p.rep.Report("TOS103", rng, related,
				"throttle lets up to %s calls per %s through %s, over the %s limit of %d by %s",
				num(math.Floor(allowed*1000)/1000), lim.Window.Human(), r.explain(lim.Window.D(), m), fam.name(), lim.Calls, num(math.Ceil(over*1000)/1000))
			return
		}
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// loopRate returns the rate of the throttle that every cycle through the
// sites passes: the most restrictive such throttle, or an unknown rate
// when no single throttle does.
func (fg *fnGraph) loopRate(region map[*cfg.Block]bool, head *cfg.Block, sus []siteUse) Rate {
	var best *Rate
	for _, b := range fg.g.Blocks {
		t := fg.throttles[b]
		if t == nil || !region[b] {
			continue
		}
		must := true
		for _, su := range sus {
			if onCycle(region, head, su.site.block, func(x *cfg.Block) bool { return x == b }) {
				must = false
				break
			}
		}
		if !must {
			continue
		}
		r := t.rate
		if best == nil || (r.known() && (!best.known() || r.maxCalls(60e9, 1) < best.maxCalls(60e9, 1))) {
			best = &r
		}
	}
	if best == nil {
		return Rate{What: "throttles on different paths"}
	}
	return *best
}

// relatedOf lists the call sites as related information (at most three).
func relatedOf(sus []siteUse) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	seen := map[token.Pos]bool{}
	for _, su := range sus {
		if seen[su.site.call.Pos()] || len(out) == 3 {
			continue
		}
		seen[su.site.call.Pos()] = true
		out = append(out, analysis.RelatedInformation{
			Pos: su.site.call.Pos(), End: su.site.call.End(),
			Message: su.use.fam.name() + " API: " + su.use.chain,
		})
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

// nextPage matches names that carry a next-page link or token.
var nextPage = regexp.MustCompile(`(?i)(next(link|page|pagetoken|token|url|cursor|marker|href)?|odatanextlink|skiptoken|continuationtoken|pagetoken|cursor|nextpageuri)$`)

// isPaginationLoop recognises loops carrying a next-page link or token from
// one response to the next request: a variable assigned in the body from a
// next-link field or method, that the loop condition or an exit tests.
func (p *passState) isPaginationLoop(l ast.Stmt) bool {
	f, ok := l.(*ast.ForStmt)
	if !ok {
		return false
	}
	carried := map[types.Object]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, rhs := range as.Rhs {
			if mentionsNextPage(rhs) {
				if id, ok := as.Lhs[i].(*ast.Ident); ok {
					carried[p.info.ObjectOf(id)] = true
				}
			}
		}
		return true
	})
	if len(carried) == 0 {
		return false
	}
	uses := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && carried[p.info.ObjectOf(id)] {
				found = true
			}
			return !found
		})
		return found
	}
	if f.Cond != nil && (uses(f.Cond) || mentionsNextPage(f.Cond)) {
		return true
	}
	exits := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if ifs, ok := n.(*ast.IfStmt); ok && (uses(ifs.Cond) || mentionsNextPage(ifs.Cond)) && (leaves(ifs.Body.List) || endsWithBreak(ifs.Body.List)) {
			exits = true
		}
		return !exits
	})
	return exits
}

func mentionsNextPage(e ast.Node) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && nextPage.MatchString(sel.Sel.Name) {
			found = true
		}
		return !found
	})
	return found
}

// endsWithBreak reports whether a statement list ends with break.
func endsWithBreak(stmts []ast.Stmt) bool {
	b, ok := lastStmt(stmts).(*ast.BranchStmt)
	return ok && b.Tok == token.BREAK
}

// lastStmt returns the last statement of a list, or nil.
func lastStmt(stmts []ast.Stmt) ast.Stmt {
	if len(stmts) == 0 {
		return nil
	}
	return stmts[len(stmts)-1]
}

// isRetryLoop recognises retry loops: an attempt counter bounds the loop,
// and the loop leaves when the call succeeds (a test of err or a status).
func (p *passState) isRetryLoop(l ast.Stmt) bool {
	f, ok := l.(*ast.ForStmt)
	if !ok {
		return false
	}
	counters := map[types.Object]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IncDecStmt:
			if id, ok := n.X.(*ast.Ident); ok && n.Tok == token.INC {
				counters[p.info.ObjectOf(id)] = true
			}
		case *ast.AssignStmt:
			if n.Tok == token.ADD_ASSIGN && len(n.Lhs) == 1 {
				if id, ok := n.Lhs[0].(*ast.Ident); ok {
					counters[p.info.ObjectOf(id)] = true
				}
			}
		}
		return true
	})
	compares := func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if be, ok := n.(*ast.BinaryExpr); ok {
				switch be.Op {
				case token.LSS, token.LEQ, token.GTR, token.GEQ:
					for _, side := range []ast.Expr{be.X, be.Y} {
						if id, ok := ast.Unparen(side).(*ast.Ident); ok && counters[p.info.ObjectOf(id)] {
							found = true
						}
					}
				}
			}
			return !found
		})
		return found
	}
	bounded := f.Cond != nil && compares(f.Cond)
	exitsOnSuccess := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok {
			return true
		}
		leavesHere := leaves(ifs.Body.List) || endsWithBreak(ifs.Body.List) || endsWithReturn(ifs.Body.List)
		if leavesHere && compares(ifs.Cond) {
			bounded = true
		}
		if leavesHere && p.testsOutcome(ifs.Cond) {
			exitsOnSuccess = true
		}
		return true
	})
	return bounded && exitsOnSuccess
}

func endsWithReturn(stmts []ast.Stmt) bool {
	_, ok := lastStmt(stmts).(*ast.ReturnStmt)
	return ok
}

// testsOutcome reports whether a condition tests a call's outcome: an
// error value or an HTTP status.
func (p *passState) testsOutcome(cond ast.Expr) bool {
	errType := types.Universe.Lookup("error").Type()
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if t := p.info.TypeOf(n); t != nil && types.Identical(t, errType) {
				found = true
			}
		case *ast.SelectorExpr:
			if n.Sel.Name == "StatusCode" {
				found = true
			}
		}
		return !found
	})
	return found
}
