package throttle

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// retryPackages are libraries whose helpers retry reactively (after an
// error or a 429), without bounding the rate of the successful calls.
var retryPackages = []string{
	"github.com/cenkalti/backoff",
	"github.com/avast/retry-go",
	"github.com/sethvargo/go-retry",
	retryablePkg,
}

// isRetryFunc reports functions of retry libraries: calling one is
// reactive retry, and the closures passed to one are retried.
func isRetryFunc(f *types.Func) bool {
	if f == nil || f.Pkg() == nil {
		return false
	}
	path := f.Pkg().Path()
	for _, r := range retryPackages {
		if path == r || strings.HasPrefix(path, r+"/") {
			return true
		}
	}
	return false
}

// isReactiveCall reports calls that handle rate limiting reactively: a
// retry library, or reading the Retry-After header.
func (p *passState) isReactiveCall(call *ast.CallExpr) bool {
	f := p.callee(call)
	if isRetryFunc(f) {
		return true
	}
	if f != nil && p.fullName(f) == "(net/http.Header).Get" && len(call.Args) == 1 {
		if s, ok := p.constString(call.Args[0]); ok && strings.EqualFold(s, "Retry-After") {
			return true
		}
	}
	return false
}

// isReactiveMarker reports references to HTTP 429 (Too Many Requests).
func (p *passState) isReactiveMarker(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.BasicLit:
		return x.Kind == token.INT && x.Value == "429"
	case *ast.Ident:
		if c, ok := p.info.Uses[x].(*types.Const); ok && c.Pkg() != nil {
			return c.Pkg().Path() == "net/http" && c.Name() == "StatusTooManyRequests"
		}
	}
	return false
}

// isReactiveBody reports a body (with its function literals) that handles
// 429 or Retry-After, or calls a retry library.
func (p *passState) isReactiveBody(body ast.Node) bool {
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			found = p.isReactiveCall(n)
		case *ast.Ident, *ast.BasicLit:
			found = p.isReactiveMarker(n.(ast.Expr))
		}
		return !found
	})
	return found
}
