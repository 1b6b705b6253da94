package throttle

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// Interface calls are resolved as class-hierarchy analysis does, to every
// type in the program that implements the interface, with one filter
// that keeps it precise and cheap: only types that some package of the
// program converts to an interface (an assignment, argument, result or
// literal of interface type) are candidates. Each package lists the types
// it converts in a convertedFact; an interface call looks at its own
// package's list and those of the packages it imports, so that a local
// interface whose only real implementation is an SDK type reaches the
// SDK's methods.

// convert records that e is converted to type target, when target is a
// non-empty interface and e's type a named type or a pointer to one.
func (p *passState) convert(e ast.Expr, target types.Type) {
	if target == nil {
		return
	}
	iface, ok := target.Underlying().(*types.Interface)
	if !ok || iface.NumMethods() == 0 {
		return
	}
	if key := typeKey(p.info.TypeOf(e)); key != "" {
		p.converted[key] = true
	}
}

// typeKey renders "*pkg/path.Name" or "pkg/path.Name" for a named
// concrete type (or a pointer to one), "" for other types.
func typeKey(t types.Type) string {
	if t == nil || types.IsInterface(t) {
		return ""
	}
	ptr := ""
	if pt, ok := t.(*types.Pointer); ok {
		t, ptr = pt.Elem(), "*"
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.TypeParams().Len() > 0 {
		return ""
	}
	return ptr + named.Obj().Pkg().Path() + "." + named.Obj().Name()
}

func (p *passState) convertElts(elts []ast.Expr, elem types.Type) {
	for _, e := range elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			e = kv.Value
		}
		p.convert(e, elem)
	}
}

// callConversions records the arguments converted to interface
// parameters, and explicit conversions I(x).
func (p *passState) callConversions(call *ast.CallExpr) {
	if tv, ok := p.info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 {
			p.convert(call.Args[0], tv.Type)
		}
		return
	}
	sig, ok := typeUnder[*types.Signature](p.info.TypeOf(call.Fun))
	if !ok {
		return
	}
	n := sig.Params().Len()
	for i, a := range call.Args {
		switch {
		case i < n-1 || (i == n-1 && !sig.Variadic()):
			p.convert(a, sig.Params().At(i).Type())
		case sig.Variadic() && n > 0 && !call.Ellipsis.IsValid():
			if s, ok := sig.Params().At(n - 1).Type().(*types.Slice); ok {
				p.convert(a, s.Elem())
			}
		}
	}
}

// returnConversions records results converted to interface result types.
func (p *passState) returnConversions(ret *ast.ReturnStmt, stack []ast.Node) {
	var sig *types.Signature
	for i := len(stack) - 1; i >= 0 && sig == nil; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			if obj := funcObj(p.info, f); obj != nil {
				sig = obj.Type().(*types.Signature)
			} else {
				return
			}
		case *ast.FuncLit:
			sig, _ = p.info.TypeOf(f).(*types.Signature)
			if sig == nil {
				return
			}
		}
	}
	if sig == nil || len(ret.Results) != sig.Results().Len() {
		return
	}
	for i, r := range ret.Results {
		p.convert(r, sig.Results().At(i).Type())
	}
}

// candidateTypes returns the types converted to interfaces in this
// package and the packages it imports, resolved to types of this
// program.
func (p *passState) candidateTypes() []types.Type {
	if p.candidates != nil {
		return p.candidates
	}
	keys := map[string]bool{}
	for k := range p.converted {
		keys[k] = true
	}
	for _, pf := range p.pass.AllPackageFacts() {
		if fact, ok := pf.Fact.(*convertedFact); ok {
			for _, k := range fact.Types {
				keys[k] = true
			}
		}
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	p.candidates = []types.Type{}
	for _, k := range sorted {
		if t := p.lookupType(k); t != nil {
			p.candidates = append(p.candidates, t)
		}
	}
	return p.candidates
}

// lookupType resolves a typeKey among the packages this one can see.
func (p *passState) lookupType(key string) types.Type {
	ptr := strings.HasPrefix(key, "*")
	key = strings.TrimPrefix(key, "*")
	dot := strings.LastIndexByte(key, '.')
	if dot < 0 {
		return nil
	}
	if p.pkgs == nil {
		p.pkgs = map[string]*types.Package{}
		var visit func(pkg *types.Package)
		visit = func(pkg *types.Package) {
			if p.pkgs[pkg.Path()] != nil {
				return
			}
			p.pkgs[pkg.Path()] = pkg
			for _, imp := range pkg.Imports() {
				visit(imp)
			}
		}
		visit(p.pass.Pkg)
	}
	pkg := p.pkgs[key[:dot]]
	if pkg == nil {
		return nil
	}
	tn, ok := pkg.Scope().Lookup(key[dot+1:]).(*types.TypeName)
	if !ok {
		return nil
	}
	if ptr {
		return types.NewPointer(tn.Type())
	}
	return tn.Type()
}

// implUses resolves a call of an interface method to the uses of the
// types that implement the interface: this package's types, the types
// other packages converted to interfaces (SDK types among them), and
// analysed methods with facts. When only some of the candidates reach
// the API, the uses say "may".
func (p *passState) implUses(m *types.Func, call *ast.CallExpr, ctx callCtx) []*apiUse {
	var out []*apiUse
	candidates, reaching := 0, 0
	for _, c := range p.implementations(m) {
		var uses []*apiUse
		if p.mayReach(c.f) {
			fake := &ast.CallExpr{Fun: call.Fun, Args: call.Args, Lparen: call.Lparen, Rparen: call.Rparen}
			uses = p.concreteUses(c.f, fake, ctx)
		}
		if c.converted {
			candidates++
			if len(uses) > 0 {
				reaching++
			}
		}
		out = append(out, uses...)
	}
	out = dedupe(out)
	for _, u := range out {
		u.pos = call.Pos()
		u.chain = u.chain.prepend("dynamic " + shortName(m))
		if reaching < candidates {
			u.may = true
		}
	}
	return out
}

// impl is a method that a dynamic call of an interface method may run;
// converted is set for types some package converts to an interface.
type impl struct {
	f         *types.Func
	converted bool
}

// implementations returns (and caches) the methods an interface method's
// calls may run.
func (p *passState) implementations(m *types.Func) []impl {
	key := p.fullName(m)
	if impls, ok := p.ifaceImpl[key]; ok {
		return impls
	}
	impls := []impl{}
	iface, ok := m.Type().(*types.Signature).Recv().Type().Underlying().(*types.Interface)
	if !ok {
		p.ifaceImpl[key] = impls
		return impls
	}
	seen := map[*types.Func]bool{}
	add := func(f *types.Func, converted bool) {
		if f != nil && !seen[f] {
			seen[f] = true
			impls = append(impls, impl{f, converted})
		}
	}
	method := func(t types.Type) *types.Func {
		if !types.Implements(t, iface) {
			return nil
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, m.Pkg(), m.Name())
		if f, ok := obj.(*types.Func); ok {
			return f.Origin()
		}
		return nil
	}
	implementedBy := func(f *types.Func) bool {
		recv := f.Type().(*types.Signature).Recv()
		if recv == nil || types.IsInterface(recv.Type()) || f.Name() != m.Name() {
			return false
		}
		return method(recv.Type()) == f || method(types.NewPointer(recv.Type())) == f
	}
	p.indexCandidates()
	for _, t := range p.byMethod[m.Name()] {
		add(method(t), true)
	}
	for _, f := range p.order { // this package's implementations, converted or not
		if implementedBy(f) {
			add(f, false)
		}
	}
	for _, f := range p.factMethods[m.Name()] { // analysed implementations elsewhere
		if implementedBy(f) {
			add(f, false)
		}
	}
	p.ifaceImpl[key] = impls
	return impls
}

// indexCandidates indexes, once per package, the converted types by the
// names of their methods, and the methods of other packages that have
// facts, so that a dynamic call only looks at types that could match.
func (p *passState) indexCandidates() {
	if p.byMethod != nil {
		return
	}
	p.byMethod = map[string][]types.Type{}
	for _, t := range p.candidateTypes() {
		seen := map[string]bool{}
		for _, mt := range []types.Type{t, types.NewPointer(t)} {
			if _, isPtr := t.(*types.Pointer); isPtr && mt != t {
				continue
			}
			ms := types.NewMethodSet(mt)
			for i := range ms.Len() {
				name := ms.At(i).Obj().Name()
				if !seen[name] {
					seen[name] = true
					p.byMethod[name] = append(p.byMethod[name], t)
				}
			}
		}
	}
	p.factMethods = map[string][]*types.Func{}
	for _, of := range p.pass.AllObjectFacts() {
		switch of.Fact.(type) {
		case *apiFact, *throttleFact, *urlFact:
		default:
			continue
		}
		if f, ok := of.Object.(*types.Func); ok {
			if sig := f.Type().(*types.Signature); sig.Recv() != nil && !slices.Contains(p.factMethods[f.Name()], f) {
				p.factMethods[f.Name()] = append(p.factMethods[f.Name()], f)
			}
		}
	}
}

// concreteUses returns the uses of a call of method f of a concrete type,
// standing for a dynamic call.
func (p *passState) concreteUses(f *types.Func, call *ast.CallExpr, ctx callCtx) []*apiUse {
	var out []*apiUse
	for _, fam := range p.families {
		if u := p.sdkUse(call, f, fam); u != nil {
			out = append(out, u)
		}
	}
	if fam := p.wrapperFamily(f); fam != nil {
		out = append(out, &apiUse{fam: fam, count: 1, chain: sinkChain(shortName(f) + " (a wrapper of the " + fam.name() + " API)"), pos: call.Pos()})
	}
	if len(out) > 0 {
		return out
	}
	return p.funcUses(f, call, ctx)
}

// mayReach is a cheap test of whether a method can reach an API: an SDK
// method, a wrapper type's method, or a function with uses (summary or
// fact). Dynamic calls only resolve the implementations that pass it.
func (p *passState) mayReach(f *types.Func) bool {
	if f.Pkg() == nil {
		return false
	}
	if p.wrapperFamily(f) != nil || p.ifaces[p.fullName(f)] != nil {
		return true
	}
	path := f.Pkg().Path()
	for _, fam := range p.families {
		for _, s := range fam.api.SDK {
			prefix := strings.TrimSuffix(s.Package, "/")
			if path == prefix || strings.HasPrefix(path, prefix+"/") {
				return true
			}
		}
	}
	if f.Pkg() == p.pass.Pkg {
		s := p.summaries[f]
		return s != nil && (len(s.uses) > 0 || len(s.sends) > 0)
	}
	return p.pass.ImportObjectFact(f, new(apiFact)) || p.pass.ImportObjectFact(f, new(urlFact))
}
