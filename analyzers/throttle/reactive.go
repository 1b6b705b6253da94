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
	"github.com/hashicorp/go-retryablehttp",
}

// isReactiveCall reports calls that handle rate limiting reactively: a
// retry library, or reading the Retry-After header.
func (p *passState) isReactiveCall(call *ast.CallExpr) bool {
	f := p.callee(call)
	if f == nil || f.Pkg() == nil {
		return false
	}
	path := f.Pkg().Path()
	for _, r := range retryPackages {
		if path == r || strings.HasPrefix(path, r+"/") {
			return true
		}
	}
	if fullName(f) == "(net/http.Header).Get" && len(call.Args) == 1 {
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
