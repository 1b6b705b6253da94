package throttle

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// strPrefix is what toslint knows of a string (or URL) value: its start.
type strPrefix struct {
	S     string // the known text
	Full  bool   // S is the whole value (after the parameter, when Sym)
	Cut   bool   // the value goes on with another, unknown string here
	Sym   bool   // the value starts with parameter Param of the function
	Param int
}

func (s strPrefix) String() string {
	out := fmt.Sprintf("%q", s.S)
	if s.Sym {
		out = fmt.Sprintf("param%d+%s", s.Param, out)
	}
	if !s.Full {
		out += "…"
	}
	return out
}

// maxStrings bounds the candidate values followed for one expression.
const maxStrings = 8

// urlCtx says whose parameters stay symbolic: the function being
// summarised, whose callers pass the values.
type urlCtx struct {
	fn *types.Func
}

// strPrefixes returns the candidate known prefixes of a string or URL
// expression.
func (p *passState) strPrefixes(e ast.Expr, ctx urlCtx, depth int) []strPrefix {
	if depth > maxDepth {
		return nil
	}
	e = ast.Unparen(e)
	key := prefixKey{e, ctx.fn}
	if out, ok := p.prefixMemo[key]; ok {
		return out // computed, or being computed (a cycle: nothing more to learn)
	}
	p.prefixMemo[key] = nil
	out := p.strPrefixesOf(e, ctx, depth)
	p.prefixMemo[key] = out
	return out
}

// maxDepth bounds the definitions followed for one value.
const maxDepth = 24

type prefixKey struct {
	e  ast.Expr
	fn *types.Func
}

func (p *passState) strPrefixesOf(e ast.Expr, ctx urlCtx, depth int) []strPrefix {
	if s, ok := p.constString(e); ok {
		return []strPrefix{{S: s, Full: true}}
	}
	if isRequestType(p.info.TypeOf(e)) {
		return p.requestPrefixes(e, ctx, depth)
	}
	switch x := e.(type) {
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return nil
		}
		var out []strPrefix
		for _, l := range p.strPrefixes(x.X, ctx, depth+1) {
			if !l.Full {
				out = append(out, l)
				continue
			}
			rs := p.strPrefixes(x.Y, ctx, depth+1)
			if len(rs) == 0 {
				out = append(out, strPrefix{S: l.S, Cut: true, Sym: l.Sym, Param: l.Param})
			}
			for _, r := range rs {
				if r.Sym {
					out = append(out, strPrefix{S: l.S, Cut: true, Sym: l.Sym, Param: l.Param})
					continue
				}
				out = append(out, strPrefix{S: l.S + r.S, Full: r.Full, Sym: l.Sym, Param: l.Param})
			}
		}
		return limitPrefixes(out)
	case *ast.CallExpr:
		return p.callPrefixes(x, ctx, depth)
	case *ast.CompositeLit:
		if s, ok := p.urlLiteral(x, ctx, depth); ok {
			return []strPrefix{{S: s}}
		}
		return nil
	case *ast.IndexExpr:
		var out []strPrefix
		for _, d := range p.elements(x.X, 1, 0) {
			out = append(out, p.strPrefixes(d.expr, ctx, depth+1)...)
		}
		return limitPrefixes(out)
	case *ast.Ident, *ast.SelectorExpr, *ast.StarExpr, *ast.UnaryExpr:
		var out []strPrefix
		vals := p.valuesOf(x)
		if id, ok := x.(*ast.Ident); ok && ctx.fn != nil {
			if v, ok := p.info.Uses[id].(*types.Var); ok {
				if po, ok := p.params[v]; ok && po.fn == ctx.fn {
					// The function's own parameter: its callers say what it is.
					out = append(out, strPrefix{Full: true, Sym: true, Param: po.index})
					vals = p.defs[v]
				}
			}
		}
		for _, d := range vals {
			switch {
			case d.expr == e:
				continue // not resolvable: a parameter or a call result elsewhere
			case d.elem:
				for _, el := range p.elements(d.expr, d.idx, 0) {
					out = append(out, p.strPrefixes(el.expr, ctx, depth+1)...)
				}
			case d.idx == 0: // url.Parse and the like: result 0 is the value
				out = append(out, p.strPrefixes(d.expr, ctx, depth+1)...)
			}
		}
		return limitPrefixes(out)
	}
	return nil
}

func limitPrefixes(s []strPrefix) []strPrefix {
	if len(s) > maxStrings {
		return s[:maxStrings]
	}
	return s
}

// callPrefixes folds calls that build URLs: fmt.Sprintf, url.JoinPath,
// url.Parse, (*url.URL).String, JoinPath and ResolveReference, strings
// helpers, flag defaults, and functions whose results start with a known
// text or one of their arguments.
func (p *passState) callPrefixes(call *ast.CallExpr, ctx urlCtx, depth int) []strPrefix {
	f := p.callee(call)
	if f == nil {
		return nil
	}
	arg := func(i int) []strPrefix {
		if i >= len(call.Args) {
			return nil
		}
		return p.strPrefixes(call.Args[i], ctx, depth+1)
	}
	open := func(ps []strPrefix) []strPrefix { // the value goes on after the prefix
		for i := range ps {
			ps[i].Full, ps[i].Cut = false, ps[i].Cut || ps[i].Full
		}
		return ps
	}
	switch p.fullName(f) {
	case "fmt.Sprintf":
		if len(call.Args) == 0 {
			return nil
		}
		format, ok := p.constString(call.Args[0])
		if !ok {
			return nil
		}
		return p.sprintf(format, call.Args[1:], ctx, depth)
	case "net/url.Parse", "net/url.ParseRequestURI", "strings.TrimSpace", "strings.ToLower":
		return arg(0) // the same text
	case "net/url.JoinPath", "path.Join", "strings.TrimSuffix", "strings.TrimRight":
		return open(arg(0)) // the host stays, the rest changes
	case "(*net/url.URL).String":
		return p.strPrefixes(receiver(call), ctx, depth+1)
	case "(*net/url.URL).JoinPath", "(*net/url.URL).ResolveReference", "(*net/url.URL).Parse":
		return open(p.strPrefixes(receiver(call), ctx, depth+1))
	case "flag.String", "(*flag.FlagSet).String":
		return arg(1) // the default
	case "flag.StringVar", "(*flag.FlagSet).StringVar":
		return nil
	case "cmp.Or":
		var out []strPrefix
		for i := range call.Args {
			out = append(out, arg(i)...)
		}
		return limitPrefixes(out)
	}
	return p.substitute(p.funcReturns(f), call, ctx, depth)
}

// substitute resolves a callee's result prefixes at a call: symbolic
// parameters become the call's arguments.
func (p *passState) substitute(rets []strPrefix, call *ast.CallExpr, ctx urlCtx, depth int) []strPrefix {
	var out []strPrefix
	for _, r := range rets {
		if !r.Sym {
			out = append(out, r)
			continue
		}
		if r.Param >= len(call.Args) {
			continue
		}
		for _, a := range p.strPrefixes(call.Args[r.Param], ctx, depth+1) {
			if a.Full && !a.Sym {
				out = append(out, strPrefix{S: a.S + r.S, Full: r.Full})
			} else {
				a.Full = false
				out = append(out, a)
			}
		}
	}
	return limitPrefixes(out)
}

// sprintf substitutes known arguments into a format's verbs, stopping at
// the first unknown one.
func (p *passState) sprintf(format string, args []ast.Expr, ctx urlCtx, depth int) []strPrefix {
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
			return []strPrefix{{S: b.String()}}
		}
		vals := p.strPrefixes(args[arg], ctx, depth+1)
		if len(vals) != 1 || !vals[0].Full || vals[0].Sym {
			var out []strPrefix
			for _, v := range vals {
				if b.Len() == 0 && v.Sym {
					out = append(out, strPrefix{Sym: true, Param: v.Param})
				} else if !v.Sym {
					out = append(out, strPrefix{S: b.String() + v.S})
				}
			}
			if len(out) == 0 {
				out = []strPrefix{{S: b.String()}}
			}
			return limitPrefixes(out)
		}
		b.WriteString(vals[0].S)
		arg++
		i = j
	}
	return []strPrefix{{S: b.String(), Full: true}}
}

// urlLiteral renders a url.URL composite literal's scheme, host and path.
func (p *passState) urlLiteral(lit *ast.CompositeLit, ctx urlCtx, depth int) (string, bool) {
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
		if vs := p.strPrefixes(kv.Value, ctx, depth+1); len(vs) == 1 && vs[0].Full && !vs[0].Sym {
			parts[k.Name] = vs[0].S
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

// requestPrefixes returns the URL prefixes of a request expression: the
// URL argument of the http.NewRequest call that built it, or what the
// function that returned it says.
func (p *passState) requestPrefixes(req ast.Expr, ctx urlCtx, depth int) []strPrefix {
	if depth > 6 {
		return nil
	}
	var out []strPrefix
	vals := p.valuesOf(req)
	if id, ok := ast.Unparen(req).(*ast.Ident); ok && ctx.fn != nil {
		if v, ok := p.info.Uses[id].(*types.Var); ok {
			if po, ok := p.params[v]; ok && po.fn == ctx.fn {
				out = append(out, strPrefix{Full: true, Sym: true, Param: po.index})
				vals = p.defs[v]
			}
		}
	}
	for _, d := range vals {
		rc, ok := ast.Unparen(d.expr).(*ast.CallExpr)
		if !ok || d.idx != 0 {
			continue
		}
		rf := p.callee(rc)
		if rf == nil {
			continue
		}
		if j, ok := requestURLArg[p.fullName(rf)]; ok {
			if j < len(rc.Args) {
				out = append(out, p.strPrefixes(rc.Args[j], ctx, depth+1)...)
			}
			continue
		}
		out = append(out, p.substitute(p.funcReturns(rf), rc, ctx, depth+1)...)
	}
	return limitPrefixes(out)
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

// isRequestType reports *http.Request and retryablehttp's request.
func isRequestType(t types.Type) bool {
	if t == nil {
		return false
	}
	switch types.TypeString(t, nil) {
	case "*net/http.Request", "*" + retryablePkg + ".Request":
		return true
	}
	return false
}
