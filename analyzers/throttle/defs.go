package throttle

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/toslint/toslint/internal/analysisutil"
)

// passState is the analysis of one package.
type passState struct {
	*config
	pass *analysis.Pass
	info *types.Info
	rep  *analysisutil.Reporter

	// defs maps a variable to the values assigned to it anywhere in the
	// package (declarations, := and =, range over a collection); fields
	// map struct fields to the values stored in them (composite literals
	// and assignments).
	defs   map[types.Object][]def
	fields map[*types.Var][]def

	decls  map[*types.Func]*ast.FuncDecl
	order  []*types.Func                   // decls in source order
	calls  map[*types.Func][]*ast.CallExpr // static calls of the package's functions
	params map[*types.Var]paramOf          // parameters of the package's functions
	lits   []*ast.FuncLit                  // function literals, in source order

	converted     map[string]bool // named types converted to interfaces here
	constructions []*ast.CallExpr // SDK client constructors called here
	summaries     map[*types.Func]*summary
	ifaceImpl     map[string][]impl // cache: interface method → implementations
	candidates    []types.Type      // cache: converted types of the program
	installs      map[string]*prov  // cache: per client kind, from constructions and facts
	pkgs          map[string]*types.Package
	siteCache     map[*ast.CallExpr][]*apiUse // uses of call sites, once summaries are final
	prefixMemo    map[prefixKey][]strPrefix   // strPrefixes, per summary round
	litMemo       map[litKey][]*apiUse        // bodyUses of function literals, per summary round
	loopInfos     map[ast.Stmt]*loopInfo      // classification of loops
	names         map[*types.Func]string      // fullName cache
	byMethod      map[string][]types.Type     // converted types by method name
	factMethods   map[string][]*types.Func    // methods of other packages with facts, by name
	provBusy      map[types.Object]bool       // variables provOf is evaluating, to see cycles
	summarySteps  int                         // steps summarize's fixed points took (a test checks they stop early)
}

type litKey struct {
	body *ast.BlockStmt
	fn   *types.Func
}

// def is one value given to a variable: expr, or result idx of a call, or
// (elem) an element of the collection expr: idx 0 the key, 1 the value.
type def struct {
	expr ast.Expr
	idx  int
	pos  token.Pos
	elem bool
}

// paramOf locates a parameter: its function and index.
type paramOf struct {
	fn    *types.Func
	index int
}

func newPassState(c *config, pass *analysis.Pass) *passState {
	p := &passState{
		config: c, pass: pass, info: pass.TypesInfo,
		rep:        analysisutil.NewReporter(pass, c.pol, c.opts),
		defs:       map[types.Object][]def{},
		fields:     map[*types.Var][]def{},
		decls:      map[*types.Func]*ast.FuncDecl{},
		calls:      map[*types.Func][]*ast.CallExpr{},
		params:     map[*types.Var]paramOf{},
		converted:  map[string]bool{},
		summaries:  map[*types.Func]*summary{},
		ifaceImpl:  map[string][]impl{},
		siteCache:  map[*ast.CallExpr][]*apiUse{},
		prefixMemo: map[prefixKey][]strPrefix{},
		litMemo:    map[litKey][]*apiUse{},
		loopInfos:  map[ast.Stmt]*loopInfo{},
		names:      map[*types.Func]string{},
	}
	p.collect()
	return p
}

// collect makes the one pass over the package's syntax that the rest
// reads from: declarations, assignments, calls, conversions to
// interfaces and client constructions. (A plain walk: the inspector of
// inspect.Analyzer would be built for every package a driver loads from
// source, and an inspector of our own costs more memory than this pass.)
func (p *passState) collect() {
	var stack []ast.Node // enclosing functions, for return statements
	visit := func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.FuncDecl:
			if obj := funcObj(p.info, n); obj != nil && n.Body != nil {
				p.decls[obj] = n
				p.order = append(p.order, obj)
				i := 0
				for _, field := range n.Type.Params.List {
					if len(field.Names) == 0 {
						i++
					}
					for _, name := range field.Names {
						if v, ok := p.info.Defs[name].(*types.Var); ok {
							p.params[v] = paramOf{obj, i}
						}
						i++
					}
				}
			}
		case *ast.FuncLit:
			p.lits = append(p.lits, n)
		case *ast.AssignStmt:
			p.assignStmt(n)
		case *ast.ValueSpec:
			p.valueSpec(n)
		case *ast.CompositeLit:
			p.compositeLit(n)
		case *ast.RangeStmt:
			if n.Key != nil {
				p.assign(n.Key, def{expr: n.X, idx: 0, pos: n.Pos(), elem: true})
			}
			if n.Value != nil {
				p.assign(n.Value, def{expr: n.X, idx: 1, pos: n.Pos(), elem: true})
			}
		case *ast.CallExpr:
			if f := p.callee(n); f != nil && f.Pkg() == p.pass.Pkg {
				p.calls[f] = append(p.calls[f], n)
			}
			p.callConversions(n)
			if mayConstruct(p, n) {
				p.constructions = append(p.constructions, n)
			}
		case *ast.ReturnStmt:
			p.returnConversions(n, stack)
		case *ast.SendStmt:
			if t, ok := typeUnder[*types.Chan](p.info.TypeOf(n.Chan)); ok {
				p.convert(n.Value, t.Elem())
			}
		}
		return true
	}
	for _, f := range p.pass.Files {
		ast.Inspect(f, visit)
	}
}

func (p *passState) assign(lhs ast.Expr, d def) {
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if obj := p.info.ObjectOf(l); obj != nil {
			p.defs[obj] = append(p.defs[obj], d)
		}
	case *ast.SelectorExpr:
		if v, ok := p.info.ObjectOf(l.Sel).(*types.Var); ok {
			if v.IsField() {
				p.fields[v] = append(p.fields[v], d)
			} else {
				p.defs[v] = append(p.defs[v], d) // a package variable of another package
			}
		}
	}
}

func (p *passState) assignStmt(n *ast.AssignStmt) {
	if len(n.Lhs) == len(n.Rhs) {
		for i := range n.Lhs {
			p.assign(n.Lhs[i], def{expr: n.Rhs[i], pos: n.Pos()})
			if n.Tok == token.ASSIGN {
				p.convert(n.Rhs[i], p.info.TypeOf(n.Lhs[i]))
			}
		}
	} else if len(n.Rhs) == 1 {
		for i := range n.Lhs {
			p.assign(n.Lhs[i], def{expr: n.Rhs[0], idx: i, pos: n.Pos()})
		}
	}
}

func (p *passState) valueSpec(n *ast.ValueSpec) {
	if len(n.Names) == len(n.Values) {
		for i := range n.Names {
			p.assign(n.Names[i], def{expr: n.Values[i], pos: n.Pos()})
			if n.Type != nil {
				p.convert(n.Values[i], p.info.TypeOf(n.Type))
			}
		}
	} else if len(n.Values) == 1 {
		for i := range n.Names {
			p.assign(n.Names[i], def{expr: n.Values[0], idx: i, pos: n.Pos()})
		}
	}
}

func (p *passState) compositeLit(n *ast.CompositeLit) {
	t := p.info.TypeOf(n)
	if t == nil {
		return
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i, e := range n.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok {
					if v, ok := p.info.ObjectOf(k).(*types.Var); ok && v.IsField() {
						p.fields[v] = append(p.fields[v], def{expr: kv.Value, pos: kv.Pos()})
						p.convert(kv.Value, v.Type())
					}
				}
			} else if i < u.NumFields() {
				p.fields[u.Field(i)] = append(p.fields[u.Field(i)], def{expr: e, pos: e.Pos()})
				p.convert(e, u.Field(i).Type())
			}
		}
	case *types.Slice:
		p.convertElts(n.Elts, u.Elem())
	case *types.Array:
		p.convertElts(n.Elts, u.Elem())
	case *types.Map:
		p.convertElts(n.Elts, u.Elem())
	}
}

// valuesOf returns the values an expression may hold: itself, or the
// values assigned to the variable or field it names (for a parameter,
// also the arguments of the package's calls of its function).
func (p *passState) valuesOf(e ast.Expr) []def {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.Ident:
		if obj, ok := p.info.ObjectOf(x).(*types.Var); ok {
			ds := p.defs[obj]
			if po, ok := p.params[obj]; ok {
				ds = append(ds[:len(ds):len(ds)], p.argsOf(po)...)
			}
			if len(ds) > 0 {
				return ds
			}
		}
	case *ast.SelectorExpr:
		if v, ok := p.info.ObjectOf(x.Sel).(*types.Var); ok {
			if v.IsField() {
				return p.fields[v]
			}
			if ds := p.defs[v]; len(ds) > 0 { // a package-level variable
				return ds
			}
		}
	case *ast.StarExpr:
		return p.valuesOf(x.X)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return []def{{expr: x.X, pos: x.Pos()}}
		}
	}
	return []def{{expr: e, pos: e.Pos()}}
}

// argsOf returns the arguments passed for a parameter at the package's
// static calls of its function (variadic parameters: every argument from
// its index on).
func (p *passState) argsOf(po paramOf) []def {
	var out []def
	sig := po.fn.Type().(*types.Signature)
	for _, call := range p.calls[po.fn] {
		if call.Ellipsis.IsValid() {
			continue
		}
		last := po.index
		if sig.Variadic() && po.index == sig.Params().Len()-1 {
			last = len(call.Args) - 1
		}
		for i := po.index; i <= last && i < len(call.Args); i++ {
			out = append(out, def{expr: call.Args[i], pos: call.Args[i].Pos()})
		}
	}
	return out
}

// elements returns the elements of a collection value: the keys (idx 0)
// or values (idx 1) of literals, and what append adds.
func (p *passState) elements(coll ast.Expr, idx int, depth int) []def {
	if depth > 4 {
		return nil
	}
	var out []def
	for _, v := range p.valuesOf(coll) {
		switch x := ast.Unparen(v.expr).(type) {
		case *ast.CompositeLit:
			_, isMap := typeUnder[*types.Map](p.info.TypeOf(x))
			if !isMap && idx == 0 {
				continue // a slice index
			}
			for _, e := range x.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if idx == 0 {
						out = append(out, def{expr: kv.Key, pos: kv.Pos()})
					} else {
						out = append(out, def{expr: kv.Value, pos: kv.Pos()})
					}
				} else if idx == 1 {
					out = append(out, def{expr: e, pos: e.Pos()})
				}
			}
		case *ast.CallExpr:
			if f := p.callee(x); f != nil && p.decls[f] != nil && v.idx == 0 {
				// A slice a function of this package returns.
				for _, r := range p.returnedExprs(f) {
					out = append(out, p.elements(r, idx, depth+1)...)
				}
				break
			}
			if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && id.Name == "append" && len(x.Args) > 0 {
				if _, builtin := p.info.Uses[id].(*types.Builtin); builtin && idx == 1 {
					out = append(out, p.elements(x.Args[0], idx, depth+1)...)
					if !x.Ellipsis.IsValid() {
						for _, a := range x.Args[1:] {
							out = append(out, def{expr: a, pos: a.Pos()})
						}
					}
				}
			}
		}
		if len(out) > maxStrings {
			break
		}
	}
	return out
}

// callee returns the function a call statically calls, or nil.
func (p *passState) callee(call *ast.CallExpr) *types.Func {
	if f, ok := typeutil.Callee(p.info, call).(*types.Func); ok {
		return f.Origin()
	}
	return nil
}

// fullName is types.Func.FullName ("(*net/http.Client).Do",
// "time.Sleep"), cached: FullName renders types, and every call of the
// package asks for its callee's name.
func (p *passState) fullName(f *types.Func) string {
	if n, ok := p.names[f]; ok {
		return n
	}
	n := f.FullName()
	p.names[f] = n
	return n
}

// isFunc reports whether call calls one of the named functions.
func (p *passState) isFunc(call *ast.CallExpr, names ...string) bool {
	f := p.callee(call)
	if f == nil {
		return false
	}
	n := p.fullName(f)
	for _, want := range names {
		if n == want {
			return true
		}
	}
	return false
}

// constString returns the constant string value of e.
func (p *passState) constString(e ast.Expr) (string, bool) {
	if tv, ok := p.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	return "", false
}

// constFloat returns the constant numeric value of e.
func (p *passState) constFloat(e ast.Expr) (float64, bool) {
	if tv, ok := p.info.Types[e]; ok && tv.Value != nil {
		switch tv.Value.Kind() {
		case constant.Int, constant.Float:
			f, _ := constant.Float64Val(constant.ToFloat(tv.Value))
			return f, true
		}
	}
	return 0, false
}

// typeUnder returns t's underlying type as a T.
func typeUnder[T types.Type](t types.Type) (T, bool) {
	var zero T
	if t == nil {
		return zero, false
	}
	u, ok := t.Underlying().(T)
	return u, ok
}

// objectOf returns the object an identifier, selector or &x names.
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

// returnedExprs returns the first results of a function's return
// statements (not those of its function literals).
func (p *passState) returnedExprs(f *types.Func) []ast.Expr {
	fd := p.decls[f]
	if fd == nil {
		return nil
	}
	var out []ast.Expr
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) > 0 {
			out = append(out, ret.Results[0])
		}
		return true
	})
	return out
}
