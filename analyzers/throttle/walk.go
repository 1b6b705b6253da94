package throttle

import (
	"go/ast"
	"go/token"
	"slices"
)

// bodyUses and its walk count the API calls a body makes per execution.

// frame is a loop around a call, as bodyUses sees it.
type frame struct {
	loop      ast.Stmt
	unbounded bool // repeats without a constant bound and is judged where it is
	byBreak   bool // the path left this loop by break
	byReturn  bool // the path leaves the function
}

// walkState is what the statements around a call say about how often it
// runs per execution of the body.
type walkState struct {
	mult       int     // product of the constant bounds around it
	pagination bool    // inside a pagination loop
	reactive   bool    // inside a retry loop that handles 429
	frames     []frame // loops around it, innermost last
	inSwitch   bool    // an unlabelled break leaves a switch or select
}

// judged reports whether a loop around the call repeats it without a
// constant bound: such a loop is judged where it is, not by callers. A
// loop the path leaves by break or return does not repeat it, whether the
// call is in its body or in a loop nested there before the break.
func (st walkState) judged() bool {
	for _, f := range st.frames {
		if !f.unbounded || f.byReturn || f.byBreak {
			continue
		}
		return true
	}
	return false
}

// bodyUses returns the API calls a body makes per execution, one entry a
// family (and one a sent parameter): call sites times the constant bounds
// of the loops around them. Calls repeated by an unbounded loop are judged
// at that loop: they count as inner, not as calls of the body.
func (p *passState) bodyUses(body *ast.BlockStmt, ctx callCtx) []*apiUse {
	var out []*apiUse
	p.walkList(body.List, walkState{mult: 1}, ctx, &out)
	return sumByFamily(out)
}

// litUses is bodyUses of a function literal's body, cached: a literal
// stored in a variable or passed to a helper is reached from every call.
// The cache is cleared whenever summaries may change.
func (p *passState) litUses(body *ast.BlockStmt, ctx callCtx) []*apiUse {
	key := litKey{body, ctx.fn}
	if uses, ok := p.litMemo[key]; ok {
		return uses
	}
	p.litMemo[key] = nil // a literal that reaches itself: nothing more
	uses := p.bodyUses(body, ctx)
	p.litMemo[key] = uses
	return uses
}

func (p *passState) walkList(stmts []ast.Stmt, st walkState, ctx callCtx, out *[]*apiUse) {
	if len(st.frames) > 0 {
		switch s := lastStmt(stmts).(type) {
		case *ast.ReturnStmt:
			st = st.leaving(true)
		case *ast.BranchStmt:
			switch {
			case s.Tok == token.GOTO || (s.Tok == token.BREAK && s.Label != nil):
				st = st.leaving(true)
			case s.Tok == token.BREAK && !st.inSwitch:
				st = st.leaving(false)
			}
		case *ast.ExprStmt:
			if call, ok := s.X.(*ast.CallExpr); ok && !p.mayReturn(call) {
				st = st.leaving(true)
			}
		}
	}
	for _, s := range stmts {
		p.walkStmt(s, st, ctx, out)
	}
}

// leaving returns the state of statements followed by leaving the
// innermost loop (or, with all, the function).
func (st walkState) leaving(all bool) walkState {
	frames := slices.Clone(st.frames)
	if all {
		for i := range frames {
			frames[i].byReturn = true
		}
	} else {
		frames[len(frames)-1].byBreak = true
	}
	st.frames = frames
	return st
}

func (p *passState) walkStmt(s ast.Stmt, st walkState, ctx callCtx, out *[]*apiUse) {
	exprs := func(ns ...ast.Node) {
		for _, n := range ns {
			if n != nil {
				p.walkExpr(n, st, ctx, out)
			}
		}
	}
	switch s := s.(type) {
	case *ast.BlockStmt:
		p.walkList(s.List, st, ctx, out)
	case *ast.LabeledStmt:
		p.walkStmt(s.Stmt, st, ctx, out)
	case *ast.IfStmt:
		if s.Init != nil {
			p.walkStmt(s.Init, st, ctx, out)
		}
		exprs(s.Cond)
		// Either branch runs, not both: count the larger.
		var then, els []*apiUse
		thenSt := st
		if n := len(st.frames); n > 0 && p.matchesOne(s.Cond, st.frames[n-1].loop) {
			thenSt = st.leaving(false) // one item at most: not repeated by the loop
		}
		p.walkList(s.Body.List, thenSt, ctx, &then)
		if s.Else != nil {
			p.walkStmt(s.Else, st, ctx, &els)
		}
		*out = append(*out, maxByFamily(then, els)...)
	case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		inner := st
		inner.inSwitch = true
		var body *ast.BlockStmt
		switch s := s.(type) {
		case *ast.SwitchStmt:
			if s.Init != nil {
				p.walkStmt(s.Init, st, ctx, out)
			}
			exprs(s.Tag)
			body = s.Body
		case *ast.TypeSwitchStmt:
			if s.Init != nil {
				p.walkStmt(s.Init, st, ctx, out)
			}
			p.walkStmt(s.Assign, st, ctx, out)
			body = s.Body
		case *ast.SelectStmt:
			body = s.Body
		}
		var clauses [][]*apiUse // one clause runs: count the largest
		for _, c := range body.List {
			var uses []*apiUse
			switch c := c.(type) {
			case *ast.CaseClause:
				for _, e := range c.List {
					exprs(e)
				}
				p.walkList(c.Body, inner, ctx, &uses)
			case *ast.CommClause:
				if c.Comm != nil {
					p.walkStmt(c.Comm, st, ctx, &uses)
				}
				p.walkList(c.Body, inner, ctx, &uses)
			}
			clauses = append(clauses, uses)
		}
		*out = append(*out, maxByFamily(clauses...)...)
	case *ast.ForStmt, *ast.RangeStmt:
		inner := p.enterLoop(s, st)
		if f, ok := s.(*ast.ForStmt); ok {
			if f.Init != nil {
				p.walkStmt(f.Init, st, ctx, out)
			}
			exprs(f.Cond)
			if f.Post != nil {
				p.walkStmt(f.Post, inner, ctx, out)
			}
			p.walkList(f.Body.List, inner, ctx, out)
		} else {
			r := s.(*ast.RangeStmt)
			exprs(r.X)
			p.walkList(r.Body.List, inner, ctx, out)
		}
	case *ast.GoStmt:
		p.addUses(p.callUses(s.Call, ctx.deeper()), st, out)
	case *ast.DeferStmt:
		p.addUses(p.callUses(s.Call, ctx.deeper()), st, out)
	default:
		exprs(s)
	}
}

// enterLoop returns the state inside loop l: a constant bound multiplies,
// pagination and retry loops count once, others repeat unboundedly.
func (p *passState) enterLoop(l ast.Stmt, st walkState) walkState {
	inner := st
	inner.inSwitch = false
	inner.frames = append(slices.Clone(st.frames), frame{loop: l})
	switch {
	case p.isRetryLoop(l):
		inner.reactive = inner.reactive || p.isReactiveBody(loopBody(l))
	case p.isPaginationLoop(l):
		inner.pagination = true
	default:
		if k, ok := p.multiplier(l); ok {
			inner.mult = mulCount(st.mult, k)
		} else {
			inner.frames[len(inner.frames)-1].unbounded = true
		}
	}
	return inner
}

// walkExpr finds the calls in an expression or simple statement (not in
// function literals, which run when they are called).
func (p *passState) walkExpr(n ast.Node, st walkState, ctx callCtx, out *[]*apiUse) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			p.addUses(p.callUses(n, ctx.deeper()), st, out)
		}
		return true
	})
}

// addUses scales the uses of one call by the loops around it.
func (p *passState) addUses(uses []*apiUse, st walkState, out *[]*apiUse) {
	judged := st.judged()
	for _, u := range uses {
		c := *u
		c.count = mulCount(u.count, st.mult)
		if judged || (st.pagination && c.fam != nil && c.fam.api.PaginationCounts) {
			c.inner = c.inner || c.count > 0
			c.count = 0
		}
		c.reactive = c.reactive || st.reactive
		*out = append(*out, &c)
	}
}

// maxByFamily merges the uses of alternative branches: the largest count
// of each family (a branch that makes no call counts as zero).
func maxByFamily(branches ...[]*apiUse) []*apiUse {
	var out []*apiUse
	type key struct {
		fam   *family
		param int
	}
	idx := map[key]int{}
	for _, b := range branches {
		for _, u := range sumByFamily(b) {
			k := key{u.fam, u.param}
			if u.fam != nil {
				k.param = 0
			}
			if i, ok := idx[k]; ok {
				o := out[i]
				o.count = max(o.count, u.count)
				o.inner = o.inner || u.inner
				o.reactive = o.reactive && u.reactive
				o.paced = o.paced && u.paced
				o.may = o.may || u.may
				continue
			}
			idx[k] = len(out)
			c := *u
			out = append(out, &c)
		}
	}
	return out
}

// sumByFamily adds the counts of uses of the same family (or parameter).
func sumByFamily(uses []*apiUse) []*apiUse {
	var out []*apiUse
	type key struct {
		fam   *family
		param int
	}
	idx := map[key]int{}
	for _, u := range uses {
		k := key{u.fam, u.param}
		if u.fam != nil {
			k.param = 0
		}
		if i, ok := idx[k]; ok {
			o := out[i]
			o.count = addCount(o.count, u.count)
			o.inner = o.inner || u.inner
			o.reactive = o.reactive && u.reactive
			o.paced = o.paced && u.paced
			o.may = o.may && u.may
			continue
		}
		idx[k] = len(out)
		c := *u
		out = append(out, &c)
	}
	return out
}
