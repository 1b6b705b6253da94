package throttle

import (
	"fmt"
	"go/ast"
	"strings"
	"testing"
)

// Tests for survivors of the second seeded mutant sample.

// lastBlank returns the right-hand side of the last `_ = x` assignment in
// f.
func lastBlank(f *ast.File) ast.Expr {
	var last ast.Expr
	ast.Inspect(f, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
			if id, ok := as.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
				last = as.Rhs[0]
			}
		}
		return true
	})
	return last
}

// TestSprintfFormats checks how fmt.Sprintf formats are folded at their
// edges: a literal "%%", a '%' or a width that ends the format, a flag
// right after the '%', and more verbs than arguments (urls.go sprintf).
func TestSprintfFormats(t *testing.T) {
	tests := []struct {
		call string
		want string // strPrefix.String of the only prefix
	}{
		{`fmt.Sprintf("%s/api/100%%/x", host)`, `"https://api.security.microsoft.com/api/100%/x"`},
		{`fmt.Sprintf("%s/api/%", host, "x")`, `"https://api.security.microsoft.com/api/"…`},
		{`fmt.Sprintf("%s/api/%5", host, "x")`, `"https://api.security.microsoft.com/api/"…`},
		{`fmt.Sprintf("%+s/api/machines", host)`, `"https://api.security.microsoft.com/api/machines"`},
		{`fmt.Sprintf("%s/api/machines/%s", host)`, `"https://api.security.microsoft.com/api/machines/"…`},
	}
	for _, tt := range tests {
		src := "package p\n\nimport \"fmt\"\n\nconst host = \"https://api.security.microsoft.com\"\n\nfunc f() {\n\t_ = " + tt.call + "\n}\n"
		p, f := testPass(t, src)
		got := p.strPrefixes(lastBlank(f), urlCtx{}, 0)
		if len(got) != 1 || got[0].String() != tt.want {
			t.Errorf("%s: prefixes %v, want [%s]", tt.call, got, tt.want)
		}
	}
}

// prefixFound generates a function that builds a value from base in n
// steps (step(i) is the statement defining v<i> from v<i-1>) and reports
// whether the last value's prefixes still name the API host.
func prefixFound(t *testing.T, n int, imports, first string, step func(i int) string, last string) bool {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "package p\n\nimport (%s)\n\nconst base = \"https://api.security.microsoft.com/api/\"\n\n", imports)
	b.WriteString("func f() {\n\t" + first + "\n")
	for i := 1; i <= n; i++ {
		b.WriteString("\t" + step(i) + "\n")
	}
	fmt.Fprintf(&b, "\t_ = %s\n}\n", fmt.Sprintf(last, n))
	p, f := testPass(t, b.String())
	got := p.strPrefixes(lastBlank(f), urlCtx{}, 0)
	return len(got) > 0 && strings.HasPrefix(got[0].S, "https://api.security")
}

// TestConcatDepthBound checks that the right operand of a concatenation
// is one step deeper, like the left: a chain of maxDepth concatenations
// is not followed to its start, a short one is (urls.go strPrefixesOf).
func TestConcatDepthBound(t *testing.T) {
	for _, n := range []int{3, maxDepth} {
		found := prefixFound(t, n, "", "v0 := base",
			func(i int) string { return fmt.Sprintf(`v%d := "" + v%d`, i, i-1) }, "v%d")
		if found != (n < maxDepth) {
			t.Errorf("%d concatenations: URL found %v, want %v", n, found, n < maxDepth)
		}
	}
}

// TestJoinPathDepthBound does the same for URLs joined onto a parsed
// base: the receiver of JoinPath is one step deeper (urls.go
// callPrefixes).
func TestJoinPathDepthBound(t *testing.T) {
	for _, n := range []int{3, maxDepth} {
		found := prefixFound(t, n, `"net/url"`, "v0, _ := url.Parse(base)",
			func(i int) string { return fmt.Sprintf(`v%d := v%d.JoinPath("x")`, i, i-1) }, "v%d.String()")
		if found != (n < maxDepth) {
			t.Errorf("%d joins: URL found %v, want %v", n, found, n < maxDepth)
		}
	}
}

// TestRequestDepthBound checks how far a request handed through helpers
// that return it (setting a header on the way) is traced back to the
// http.NewRequest that built it: each helper costs two steps (its call,
// then its argument), and requests are followed while the depth is at
// most 6, so three helpers are seen through and four are not (urls.go
// requestPrefixes).
func TestRequestDepthBound(t *testing.T) {
	for _, n := range []int{3, 4} {
		var b strings.Builder
		b.WriteString("package p\n\nimport \"net/http\"\n\nconst base = \"https://api.security.microsoft.com/api/\"\n\n")
		b.WriteString("func withAuth(r *http.Request) *http.Request {\n\tr.Header.Set(\"Authorization\", \"Bearer x\")\n\treturn r\n}\n\n")
		b.WriteString("func f() {\n\tr0, _ := http.NewRequest(\"GET\", base+\"machines\", nil)\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "\tr%d := withAuth(r%d)\n", i, i-1)
		}
		fmt.Fprintf(&b, "\t_ = r%d\n}\n", n)
		p, f := testPass(t, b.String())
		p.summarize()
		got := p.strPrefixes(lastBlank(f), urlCtx{}, 0)
		found := len(got) > 0 && strings.HasPrefix(got[0].S, "https://api.security")
		if found != (n <= 3) {
			t.Errorf("%d helpers: prefixes %v, want the URL only up to 3", n, got)
		}
	}
}
