package throttle

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Constant bounds of loops: how many times a loop can run when the
// program fixes it.

// loopBound returns how many times a loop runs when that is a constant,
// else unbounded.
func (p *passState) loopBound(l ast.Stmt) int {
	if k, ok := p.constBound(l); ok {
		return k
	}
	return unbounded
}

// constBound recognises `for i := a; i < K; i++` (i not assigned in the
// body; a conjunction with other conditions keeps the bound K), `for range
// K`, ranges over arrays, composite literals, variables assigned one
// literal, and functions that return literals of a fixed length.
func (p *passState) constBoundOf(l ast.Stmt) (int, bool) {
	switch l := l.(type) {
	case *ast.RangeStmt:
		return p.rangeBound(l.X, 0)
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
		if inc, ok := l.Post.(*ast.IncDecStmt); !ok || inc.Tok != token.INC || p.info.ObjectOf(identOf(inc.X)) != obj {
			return 0, false
		}
		for _, d := range p.defs[obj] {
			if d.pos >= l.Body.Pos() && d.pos < l.Body.End() {
				return 0, false // the counter is changed in the body
			}
		}
		if p.steppedBack(l.Body, obj) {
			return 0, false // i-- in the body: an item taken again, as often as it fails
		}
		end, op, ok := p.condBound(l.Cond, obj)
		if !ok {
			return 0, false
		}
		n := end - start
		if op == token.LEQ {
			n++
		}
		return max(int(n), 0), true
	}
	return 0, false
}

// steppedBack reports whether body decrements the variable (p.defs
// records assignments, not i--). An i++ in the body only ends the loop
// sooner: K stays a bound.
func (p *passState) steppedBack(body *ast.BlockStmt, obj types.Object) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if s, ok := n.(*ast.IncDecStmt); ok && s.Tok == token.DEC && p.info.ObjectOf(identOf(s.X)) == obj {
			found = true
		}
		return !found
	})
	return found
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// condBound finds `i < K` or `i <= K` (either way round) in a loop
// condition, alone or as a term of a conjunction (`i < K && i < len(xs)`
// runs at most K times): the smallest such K.
func (p *passState) condBound(cond ast.Expr, obj types.Object) (float64, token.Token, bool) {
	c, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return 0, 0, false
	}
	if c.Op == token.LAND {
		x, xop, xok := p.condBound(c.X, obj)
		y, yop, yok := p.condBound(c.Y, obj)
		switch {
		case xok && yok:
			if boundOf(x, xop) <= boundOf(y, yop) {
				return x, xop, true
			}
			return y, yop, true
		case xok:
			return x, xop, true
		case yok:
			return y, yop, true
		}
		return 0, 0, false
	}
	x, y, op := ast.Unparen(c.X), ast.Unparen(c.Y), c.Op
	if id, ok := y.(*ast.Ident); ok && p.info.ObjectOf(id) == obj {
		x, y = y, x
		op = map[token.Token]token.Token{token.GTR: token.LSS, token.GEQ: token.LEQ}[op]
	}
	if id, ok := x.(*ast.Ident); !ok || p.info.ObjectOf(id) != obj {
		return 0, 0, false
	}
	if op != token.LSS && op != token.LEQ {
		return 0, 0, false
	}
	end, ok := p.constFloat(y)
	return end, op, ok
}

func boundOf(end float64, op token.Token) float64 {
	if op == token.LEQ {
		return end + 1
	}
	return end
}

// rangeBound returns the length of a ranged-over value when it is fixed.
func (p *passState) rangeBound(x ast.Expr, depth int) (int, bool) {
	x = ast.Unparen(x)
	if depth > 3 {
		return 0, false
	}
	if lit, ok := x.(*ast.CompositeLit); ok {
		return len(lit.Elts), true
	}
	if k, ok := p.constFloat(x); ok && k >= 0 {
		return int(k), true
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
	if call, ok := x.(*ast.CallExpr); ok {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "make" && len(call.Args) >= 2 {
			if _, builtin := p.info.Uses[id].(*types.Builtin); builtin {
				if k, ok := p.constFloat(call.Args[1]); ok {
					return int(k), true
				}
				return 0, false
			}
		}
		if f := p.callee(call); f != nil {
			return p.funcLenBound(f, depth)
		}
		// A call through a func-typed variable: every function stored in it.
		n, any := 0, false
		for _, v := range p.valuesOf(call.Fun) {
			f, ok := objectOf(p.info, v.expr).(*types.Func)
			if !ok || v.expr == ast.Unparen(call.Fun) {
				return 0, false
			}
			k, ok := p.funcLenBound(f, depth)
			if !ok {
				return 0, false
			}
			n, any = max(n, k), true
		}
		return n, any
	}
	if k, ok := p.pageBound(x); ok {
		return k, true
	}
	// A variable every value of which is bounded: literals, or variables
	// holding one literal; or one cut to a constant length.
	vals := p.valuesOf(x)
	n := 0
	for _, v := range vals {
		if k, ok := p.capped(x, v); ok {
			return k, true
		}
	}
	for _, v := range vals {
		if v.expr == x || v.elem || v.idx != 0 {
			return 0, false
		}
		switch e := ast.Unparen(v.expr).(type) {
		case *ast.CompositeLit:
			n = max(n, len(e.Elts))
		case *ast.CallExpr:
			k, ok := p.rangeBound(e, depth+1)
			if !ok {
				return 0, false
			}
			n = max(n, k)
		case *ast.Ident, *ast.SelectorExpr:
			k, ok := p.rangeBound(e, depth+1)
			if !ok {
				return 0, false
			}
			n = max(n, k)
		default:
			return 0, false
		}
	}
	return n, len(vals) > 0
}

// funcLenBound returns the most elements a function's result can hold:
// from its return statements (this package) or its lenFact.
func (p *passState) funcLenBound(f *types.Func, depth int) (int, bool) {
	if f.Pkg() != p.pass.Pkg {
		var fact lenFact
		if p.pass.ImportObjectFact(f, &fact) {
			return fact.Max, true
		}
		return 0, false
	}
	if p.decls[f] == nil || depth > 3 {
		return 0, false
	}
	n, any := 0, false
	for _, r := range p.returnedExprs(f) {
		k, ok := p.rangeBound(r, depth+1)
		if !ok {
			return 0, false
		}
		n, any = max(n, k), true
	}
	return n, any
}

// capped recognises the idiom that limits a collection before a loop:
// `if len(xs) > K { xs = xs[:K] }`.
func (p *passState) capped(x ast.Expr, v def) (int, bool) {
	s, ok := ast.Unparen(v.expr).(*ast.SliceExpr)
	if !ok || s.High == nil || objectOf(p.info, s.X) == nil || objectOf(p.info, s.X) != objectOf(p.info, x) {
		return 0, false
	}
	k, ok := p.constFloat(s.High)
	if !ok {
		return 0, false
	}
	// The assignment must be the body of `if len(xs) > K` (or >=).
	found := false
	ast.Inspect(p.fileOf(v.pos), func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || found {
			return !found
		}
		if len(ifs.Body.List) == 1 && ifs.Body.List[0].Pos() == v.pos {
			if c, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr); ok && (c.Op == token.GTR || c.Op == token.GEQ) {
				if call, ok := ast.Unparen(c.X).(*ast.CallExpr); ok && len(call.Args) == 1 && objectOf(p.info, call.Args[0]) == objectOf(p.info, x) {
					found = true
				}
			}
		}
		return !found
	})
	return int(k), found
}

// fileOf returns the file that holds pos.
func (p *passState) fileOf(pos token.Pos) ast.Node {
	for _, f := range p.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return &ast.File{}
}

// pageBound bounds a collection that holds the items of one response of
// a list call: the family's max_page_size. The collection is the call's
// result, or a field or getter of it (resp.Items, result.GetValue()).
func (p *passState) pageBound(x ast.Expr) (int, bool) {
	root := x
	for {
		switch r := ast.Unparen(root).(type) {
		case *ast.SelectorExpr:
			if sel, ok := p.info.Selections[r]; ok && sel.Kind() == types.FieldVal {
				root = r.X
				continue
			}
		case *ast.CallExpr:
			if recv := receiver(r); recv != nil && len(r.Args) == 0 && p.callee(r) != nil && len(familyUses(p.callUses(r, callCtx{}))) == 0 {
				root = recv // a getter
				continue
			}
		}
		break
	}
	vals := p.valuesOf(root)
	n := 0
	for _, v := range vals {
		call, ok := ast.Unparen(v.expr).(*ast.CallExpr)
		if !ok || v.elem || v.idx != 0 {
			return 0, false
		}
		k := 0
		for _, u := range familyUses(p.callUses(call, callCtx{})) {
			if u.fam.api.MaxPageSize == 0 || u.count != 1 || u.chain.len() != 1 {
				return 0, false // not one direct call: a helper may gather every page
			}
			k = max(k, u.fam.api.MaxPageSize)
		}
		if k == 0 {
			return 0, false
		}
		n = max(n, k)
	}
	return n, n > 0
}

// assignedOnce reports whether an identifier's variable has one value.
func (p *passState) assignedOnce(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok {
		return false
	}
	return len(p.defs[p.info.ObjectOf(id)]) == 1
}
