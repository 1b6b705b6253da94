package throttle

import (
	"fmt"
	"go/ast"
	"strings"
	"testing"
)

// Tests for survivors of the third seeded mutant sample.

// TestRelatedCap checks that a finding's related information stops at
// maxRelated entries: a loop inside six others lists five of them
// (loops.go related).
func TestRelatedCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("package p\n\nfunc f(ids []string) {\n")
	for i := 0; i < 7; i++ {
		fmt.Fprintf(&b, "for range ids {\n")
	}
	b.WriteString("_ = ids\n" + strings.Repeat("}\n", 7) + "}\n")
	p, f := testPass(t, b.String())
	fd := f.Decls[0].(*ast.FuncDecl)
	fg := p.graph(fd.Body)
	inner := fg.loops[0] // innermost first
	if n := len(fg.enclosing[inner]); n != 6 {
		t.Fatalf("innermost loop has %d enclosing loops, want 6", n)
	}
	if got := p.related(fg, inner, nil); len(got) != maxRelated {
		t.Errorf("related information of the innermost loop: %d entries, want %d", len(got), maxRelated)
	}
}

// TestLoopOrder checks the order a function's loops are judged in:
// deeper loops first, and loops at the same depth in source order
// (graph.go).
func TestLoopOrder(t *testing.T) {
	p, f := testPass(t, `package p

func f(ids []string) {
	for range ids { // a
	}
	for range ids { // b
		for range ids { // c
		}
	}
	for range ids { // d
	}
}
`)
	fd := f.Decls[0].(*ast.FuncDecl)
	fg := p.graph(fd.Body)
	line := func(s ast.Stmt) int { return p.pass.Fset.Position(s.Pos()).Line }
	var got []int
	for _, l := range fg.loops {
		got = append(got, line(l))
	}
	if want := []int{7, 4, 6, 10}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("loops on lines %v, want %v", got, want)
	}
}

// TestURLStringDepthBound checks that the String of a parsed URL is one
// step deeper than the URL: a chain that parses the string of the last
// URL again is not followed past maxDepth (urls.go callPrefixes).
func TestURLStringDepthBound(t *testing.T) {
	for _, n := range []int{3, maxDepth} {
		found := prefixFound(t, n, `"net/url"`, "v0, _ := url.Parse(base)",
			func(i int) string { return fmt.Sprintf(`v%d, _ := url.Parse(v%d.String())`, i, i-1) }, "v%d.String()")
		if found != (n < maxDepth) {
			t.Errorf("%d parses: URL found %v, want %v", n, found, n < maxDepth)
		}
	}
}

// TestURLLiteralDepthBound checks that a url.URL literal's fields are
// one step deeper than the literal: a host passed through n TrimSpace
// calls is found in the literal through 10 calls and not 11: each call
// costs two steps (the call, then its argument), and the String call, the
// literal and its field take the rest of maxDepth (urls.go urlLiteral).
func TestURLLiteralDepthBound(t *testing.T) {
	found := func(n int) bool {
		return prefixFound(t, n, `"net/url"; "strings"`, `v0 := "api.security.microsoft.com"`,
			func(i int) string { return fmt.Sprintf(`v%d := strings.TrimSpace(v%d)`, i, i-1) },
			`(&url.URL{Scheme: "https", Host: v%d, Path: "/api/"}).String()`)
	}
	last := -1
	for n := 1; n <= 2*maxDepth; n++ {
		if !found(n) {
			break
		}
		last = n
	}
	if last != 10 {
		t.Errorf("host found through %d TrimSpace calls, want 10", last)
	}
}

// TestPageBoundField checks that a field of a list call's result holds
// one page: the repositories of one search response are at most
// max_page_size (bounds.go pageBound).
func TestPageBoundField(t *testing.T) {
	p, f := sdkPass(t, `package p

import (
	"context"

	"github.com/google/go-github/v62/github"
)

func f(ctx context.Context, c *github.Client) {
	res, _, _ := c.Search.Repositories(ctx, "q", nil)
	_ = res.Repositories
}
`)
	p.summarize()
	if k, ok := p.pageBound(lastBlank(f)); !ok || k != 100 {
		t.Errorf("pageBound(res.Repositories) = %d, %v; want 100, true", k, ok)
	}
}
