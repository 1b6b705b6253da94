package throttle

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
)

// Loop classification: constant bounds, pagination and retry loops.

func loopBody(s ast.Stmt) *ast.BlockStmt {
	switch s := s.(type) {
	case *ast.ForStmt:
		return s.Body
	case *ast.RangeStmt:
		return s.Body
	}
	return nil
}

// loopInfo is what a loop is, computed once.
type loopInfo struct {
	retry, pagination bool
	bound             int
	bounded           bool
	mult              int
	multOK            bool
}

func (p *passState) loopInfo(l ast.Stmt) *loopInfo {
	if li := p.loopInfos[l]; li != nil {
		return li
	}
	li := &loopInfo{retry: p.isRetryLoopOf(l), pagination: p.isPaginationLoopOf(l)}
	li.bound, li.bounded = p.constBoundOf(l)
	li.mult, li.multOK = li.bound, li.bounded
	if r, ok := l.(*ast.RangeStmt); ok {
		if _, page := p.pageBound(r.X); page {
			li.mult, li.multOK = 1, true
		}
	}
	p.loopInfos[l] = li
	return li
}

// isRetryLoop, isPaginationLoop, constBound and multiplier classify a
// loop (cached).
func (p *passState) isRetryLoop(l ast.Stmt) bool      { return p.loopInfo(l).retry }
func (p *passState) isPaginationLoop(l ast.Stmt) bool { return p.loopInfo(l).pagination }
func (p *passState) constBound(l ast.Stmt) (int, bool) {
	li := p.loopInfo(l)
	return li.bound, li.bounded
}
func (p *passState) multiplier(l ast.Stmt) (int, bool) {
	li := p.loopInfo(l)
	return li.mult, li.multOK
}

// nextPage matches names that carry a next-page link or token.
var nextPage = regexp.MustCompile(`(?i)(next(link|page|pagetoken|token|url|cursor|marker|href)?|odatanextlink|skiptoken|continuationtoken|pagetoken|cursor|endcursor|after|nextpageuri)$`)

// isPaginationLoop recognises loops carrying a next-page link or token from
// one response to the next request: a variable or field assigned in the
// body from a next-link field or method, that the loop condition or an
// exit tests.
func (p *passState) isPaginationLoopOf(l ast.Stmt) bool {
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
				if obj := objectOf(p.info, as.Lhs[i]); obj != nil {
					carried[obj] = true
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

func endsWithReturn(stmts []ast.Stmt) bool {
	_, ok := lastStmt(stmts).(*ast.ReturnStmt)
	return ok
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
func (p *passState) isRetryLoopOf(l ast.Stmt) bool {
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

// leaves reports whether a statement list ends by leaving the loop: a
// return, a labelled break or goto, or a call that never returns.
func leaves(stmts []ast.Stmt) bool {
	switch s := lastStmt(stmts).(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return (s.Tok == token.BREAK && s.Label != nil) || s.Tok == token.GOTO
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && (x.Name == "os" && sel.Sel.Name == "Exit" || x.Name == "log" && len(sel.Sel.Name) > 5 && sel.Sel.Name[:5] == "Fatal") {
					return true
				}
			}
		}
	}
	return false
}

// skips reports whether a statement list ends with continue.
func skips(stmts []ast.Stmt) bool {
	s, ok := lastStmt(stmts).(*ast.BranchStmt)
	return ok && s.Tok == token.CONTINUE
}

// identityName matches the names of fields and getters that identify an
// item in a collection: at most one item has a given value.
var identityName = regexp.MustCompile(`(?i)^(get)?(name|id|login|slug|key|fullname|path|sha|number|email|uid|uuid|guid)$`)

// matchesOne reports whether cond (the condition of an if inside loop l)
// compares an item's identity with a value the loop does not change:
// `x.GetName() == want`, `strings.EqualFold(x.Name, label)`, `id == target`.
// The calls under it are made for one item at most, not on every
// iteration: a search, not a filter.
func (p *passState) matchesOne(cond ast.Expr, l ast.Stmt) bool {
	r, ok := l.(*ast.RangeStmt)
	if !ok {
		return false
	}
	vars := map[types.Object]bool{}
	for _, e := range []ast.Expr{r.Key, r.Value} {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			if obj := p.info.ObjectOf(id); obj != nil {
				vars[obj] = true
			}
		}
	}
	if len(vars) == 0 {
		return false
	}
	mentions := func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				obj := p.info.ObjectOf(id)
				if vars[obj] || (obj != nil && obj.Pos() >= r.Body.Pos() && obj.Pos() < r.Body.End()) {
					found = true
				}
			}
			return !found
		})
		return found
	}
	identity := func(e ast.Expr) bool { // the item, or an identifying field of it
		e = ast.Unparen(e)
		if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 0 {
			e = ast.Unparen(call.Fun)
		}
		switch x := e.(type) {
		case *ast.Ident:
			return vars[p.info.ObjectOf(x)]
		case *ast.SelectorExpr:
			return identityName.MatchString(x.Sel.Name) && mentions(x.X)
		}
		return false
	}
	pair := func(a, b ast.Expr) bool {
		return (identity(a) && !mentions(b)) || (identity(b) && !mentions(a))
	}
	var test func(e ast.Expr) bool
	test = func(e ast.Expr) bool {
		switch x := ast.Unparen(e).(type) {
		case *ast.BinaryExpr:
			switch x.Op {
			case token.LAND:
				return test(x.X) || test(x.Y)
			case token.EQL:
				return pair(x.X, x.Y)
			}
		case *ast.CallExpr:
			if p.isFunc(x, "strings.EqualFold") && len(x.Args) == 2 {
				return pair(x.Args[0], x.Args[1])
			}
		}
		return false
	}
	return test(cond)
}
