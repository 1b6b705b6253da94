package throttle

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

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
	// package (declarations, := and =); fields map struct fields to the
	// values stored in them (composite literals and assignments).
	defs   map[types.Object][]def
	fields map[*types.Var][]def

	decls     map[*types.Func]*ast.FuncDecl
	summaries map[*types.Func]*summary
	ifaceImpl map[string][]*apiUse // cache: interface method → implementations' uses
}

// def is one value given to a variable: expr, or result idx of a call.
type def struct {
	expr ast.Expr
	idx  int // result index when expr is a multi-value call
	pos  token.Pos
}

func newPassState(c *config, pass *analysis.Pass) *passState {
	p := &passState{
		config: c, pass: pass, info: pass.TypesInfo,
		rep:       analysisutil.NewReporter(pass, c.pol, c.opts),
		defs:      map[types.Object][]def{},
		fields:    map[*types.Var][]def{},
		decls:     map[*types.Func]*ast.FuncDecl{},
		summaries: map[*types.Func]*summary{},
		ifaceImpl: map[string][]*apiUse{},
	}
	for _, f := range pass.Files {
		p.collectDefs(f)
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if obj := funcObj(p.info, fd); obj != nil {
					p.decls[obj] = fd
				}
			}
		}
	}
	return p
}

// collectDefs records every assignment of a variable or field in f.
func (p *passState) collectDefs(f *ast.File) {
	assign := func(lhs ast.Expr, d def) {
		switch l := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			if obj := p.info.ObjectOf(l); obj != nil {
				p.defs[obj] = append(p.defs[obj], d)
			}
		case *ast.SelectorExpr:
			if v, ok := p.info.ObjectOf(l.Sel).(*types.Var); ok && v.IsField() {
				p.fields[v] = append(p.fields[v], d)
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i := range n.Lhs {
					assign(n.Lhs[i], def{expr: n.Rhs[i], pos: n.Pos()})
				}
			} else if len(n.Rhs) == 1 {
				for i := range n.Lhs {
					assign(n.Lhs[i], def{expr: n.Rhs[0], idx: i, pos: n.Pos()})
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i := range n.Names {
					assign(n.Names[i], def{expr: n.Values[i], pos: n.Pos()})
				}
			} else if len(n.Values) == 1 {
				for i := range n.Names {
					assign(n.Names[i], def{expr: n.Values[0], idx: i, pos: n.Pos()})
				}
			}
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok {
						if v, ok := p.info.ObjectOf(k).(*types.Var); ok && v.IsField() {
							p.fields[v] = append(p.fields[v], def{expr: kv.Value, pos: kv.Pos()})
						}
					}
				}
			}
		}
		return true
	})
}

// valuesOf returns the values an expression may hold: itself, or the
// values assigned to the variable or field it names.
func (p *passState) valuesOf(e ast.Expr) []def {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.Ident:
		if obj, ok := p.info.ObjectOf(x).(*types.Var); ok {
			if ds := p.defs[obj]; len(ds) > 0 {
				return ds
			}
		}
	case *ast.SelectorExpr:
		if v, ok := p.info.ObjectOf(x.Sel).(*types.Var); ok {
			if v.IsField() {
				return p.fields[v]
			}
			if ds := p.defs[v]; len(ds) > 0 { // package-level var of this package
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

// callee returns the function a call statically calls, or nil.
func (p *passState) callee(call *ast.CallExpr) *types.Func {
	if f, ok := typeutil.Callee(p.info, call).(*types.Func); ok {
		return f.Origin()
	}
	return nil
}

// fullName is types.Func.FullName without type parameters:
// "(*net/http.Client).Do", "time.Sleep".
func fullName(f *types.Func) string { return f.FullName() }

// isFunc reports whether call calls one of the named functions.
func (p *passState) isFunc(call *ast.CallExpr, names ...string) bool {
	f := p.callee(call)
	if f == nil {
		return false
	}
	n := fullName(f)
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

// maxStrings bounds the candidate values followed for one expression.
const maxStrings = 8

// strPrefixes returns the candidate known prefixes of a string expression
// with, for each, whether the whole value is known.
func (p *passState) strPrefixes(e ast.Expr, depth int) []strPrefix {
	if depth > 8 {
		return nil
	}
	e = ast.Unparen(e)
	if s, ok := p.constString(e); ok {
		return []strPrefix{{s, true}}
	}
	switch x := e.(type) {
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return nil
		}
		var out []strPrefix
		for _, l := range p.strPrefixes(x.X, depth+1) {
			if !l.full {
				out = append(out, l)
				continue
			}
			rs := p.strPrefixes(x.Y, depth+1)
			if len(rs) == 0 {
				out = append(out, strPrefix{l.s, false})
			}
			for _, r := range rs {
				out = append(out, strPrefix{l.s + r.s, r.full})
			}
		}
		return limit(out)
	case *ast.CallExpr:
		return p.callPrefixes(x, depth)
	case *ast.CompositeLit:
		if s, ok := p.urlLiteral(x, depth); ok {
			return []strPrefix{{s, false}}
		}
		return nil
	case *ast.Ident, *ast.SelectorExpr, *ast.StarExpr, *ast.UnaryExpr:
		var out []strPrefix
		for _, d := range p.valuesOf(x) {
			if d.expr == e {
				return nil
			}
			if d.idx == 0 { // url.Parse and the like: result 0 is the value
				out = append(out, p.strPrefixes(d.expr, depth+1)...)
			}
		}
		return limit(out)
	}
	return nil
}

type strPrefix struct {
	s    string
	full bool
}

func limit(s []strPrefix) []strPrefix {
	if len(s) > maxStrings {
		return s[:maxStrings]
	}
	return s
}

// callPrefixes folds calls that build URLs: fmt.Sprintf, url.JoinPath,
// url.Parse, (*url.URL).String and JoinPath, strings helpers.
func (p *passState) callPrefixes(call *ast.CallExpr, depth int) []strPrefix {
	f := p.callee(call)
	if f == nil {
		return nil
	}
	switch fullName(f) {
	case "fmt.Sprintf":
		if len(call.Args) == 0 {
			return nil
		}
		format, ok := p.constString(call.Args[0])
		if !ok {
			return nil
		}
		return p.sprintf(format, call.Args[1:], depth)
	case "net/url.JoinPath", "net/url.Parse", "net/url.ParseRequestURI", "path.Join",
		"strings.TrimSuffix", "strings.TrimRight", "strings.TrimSpace", "strings.ToLower":
		if len(call.Args) == 0 {
			return nil
		}
		var out []strPrefix
		for _, s := range p.strPrefixes(call.Args[0], depth+1) {
			out = append(out, strPrefix{s.s, false})
		}
		return out
	case "(*net/url.URL).String", "(*net/url.URL).JoinPath", "(*net/url.URL).ResolveReference":
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		var out []strPrefix
		for _, s := range p.strPrefixes(sel.X, depth+1) {
			out = append(out, strPrefix{s.s, false})
		}
		return out
	}
	return nil
}

// sprintf substitutes known arguments into a format's verbs, stopping at
// the first unknown one.
func (p *passState) sprintf(format string, args []ast.Expr, depth int) []strPrefix {
	var b strings.Builder
	arg := 0
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch != '%' {
			b.WriteByte(ch)
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		// A verb: skip flags and width, then the verb letter.
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[j]) >= 0 {
			j++
		}
		if arg >= len(args) || j >= len(format) {
			return []strPrefix{{b.String(), false}}
		}
		vals := p.strPrefixes(args[arg], depth+1)
		if len(vals) != 1 || !vals[0].full {
			var out []strPrefix
			for _, v := range vals {
				out = append(out, strPrefix{b.String() + v.s, false})
			}
			if len(out) == 0 {
				out = []strPrefix{{b.String(), false}}
			}
			return out
		}
		b.WriteString(vals[0].s)
		arg++
		i = j
	}
	return []strPrefix{{b.String(), true}}
}

// urlLiteral renders a url.URL composite literal's scheme, host and path.
func (p *passState) urlLiteral(lit *ast.CompositeLit, depth int) (string, bool) {
	t := p.info.TypeOf(lit)
	if t == nil || types.TypeString(t, nil) != "net/url.URL" {
		return "", false
	}
	parts := map[string]string{}
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		k, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if vs := p.strPrefixes(kv.Value, depth+1); len(vs) == 1 && vs[0].full {
			parts[k.Name] = vs[0].s
		}
	}
	if parts["Host"] == "" {
		return "", false
	}
	scheme := parts["Scheme"]
	if scheme == "" {
		scheme = "https"
	}
	return scheme + "://" + parts["Host"] + "/" + strings.TrimPrefix(parts["Path"], "/"), true
}

// hostOf returns the host and path of a URL prefix, when the prefix
// covers the whole host.
func hostOf(s string, full bool) (host, path string, ok bool) {
	rest := s
	switch {
	case strings.HasPrefix(rest, "https://"):
		rest = rest[len("https://"):]
	case strings.HasPrefix(rest, "http://"):
		rest = rest[len("http://"):]
	case strings.HasPrefix(rest, "//"):
		rest = rest[2:]
	default:
		return "", "", false
	}
	end := strings.IndexAny(rest, "/?#:")
	if end < 0 {
		if !full {
			return "", "", false // the host may continue
		}
		end = len(rest)
	}
	host = strings.ToLower(rest[:end])
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = host[at+1:]
	}
	path = rest[end:]
	if i := strings.IndexByte(path, '/'); i > 0 {
		path = path[i:] // skip a port
	} else if i < 0 {
		path = ""
	}
	return host, path, host != ""
}

// familyOfURL returns the family whose hosts the URL prefix names.
func (c *config) familyOfURL(s string, full bool) (*family, string) {
	host, path, ok := hostOf(s, full)
	if !ok {
		return nil, ""
	}
	for _, f := range c.families {
		match := false
		for _, h := range f.api.Hosts {
			if h == host {
				match = true
			}
		}
		for _, pat := range f.api.HostPatterns {
			if loc := pat.FindStringIndex(host); loc != nil && loc[0] == 0 && loc[1] == len(host) {
				match = true
			}
		}
		if !match {
			continue
		}
		if len(f.api.PathPrefixes) > 0 {
			inPath := false
			for _, pp := range f.api.PathPrefixes {
				inPath = inPath || strings.HasPrefix(path, pp) || strings.TrimSuffix(pp, "/") == path
			}
			if !inPath {
				continue
			}
		}
		return f, host
	}
	return nil, ""
}
