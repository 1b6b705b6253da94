package throttle

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
	"testing"
)

// Tests written for mutants that lived through the other tests
// (scripts/mutation.sh): each case is a loop whose verdict a user would
// see change.

const boundsSrc = `package p

func get(string) {}

func counterInBody(fail bool) {
	for i := 0; i < 3; i++ { // i goes back in the body: no constant bound
		get("x")
		if fail {
			i--
		}
	}
}

func counterSkips(skip bool) {
	for i := 0; i < 3; i++ { // i++ in the body only ends the loop sooner
		get("x")
		if skip {
			i++
		}
	}
}

func counterSetInBody(fail bool) {
	for i := 0; i < 3; i++ {
		get("x")
		if fail {
			i = 0
		}
	}
}

func fromOneToThree() {
	for i := 1; i <= 3; i++ {
		get("x")
	}
}

func neverEnds() {
	for i := 0; i >= 0; i++ {
		get("x")
	}
}

func noRetries() {
	const retries = 0
	for range retries {
		get("x")
	}
}

func threeCopies() {
	a := []string{"a", "b"}
	b := a
	c := b
	d := c
	for _, s := range d {
		get(s)
	}
}

func fourCopies() {
	a := []string{"a", "b"}
	b := a
	c := b
	d := c
	e := d
	for _, s := range e {
		get(s)
	}
}

func l1() []string { return l2() }
func l2() []string { return l3() }
func l3() []string { return l4() }
func l4() []string { return []string{"a"} }

func viaCalls() {
	xs := l3()
	for _, s := range xs {
		get(s)
	}
}

func viaDeeperCalls() {
	xs := l2()
	for _, s := range xs {
		get(s)
	}
}

func deepCalls() {
	for _, s := range l1() {
		get(s)
	}
}

func namedResult() (xs []string) {
	xs = []string{"a"}
	return
}

func bareReturn() {
	for _, s := range namedResult() { // a bare return is not followed
		get(s)
	}
}

type page struct{ items []string }

func unassignedField(pg page) {
	for _, s := range pg.items { // filled elsewhere (decoded): any length
		get(s)
	}
}

func cappedGEQ(ids []string) {
	if len(ids) >= 5 {
		ids = ids[:5]
	}
	for _, id := range ids {
		get(id)
	}
}
`

// TestConstBounds checks the loops constBound counts and those it must
// not: a counter changed in the body, a condition that never ends the
// loop, collections whose length is not known here; and how far it
// follows copies and calls (three steps; deeper is not known).
func TestConstBounds(t *testing.T) {
	p, f := testPass(t, boundsSrc)
	for _, tt := range []struct {
		fn      string
		bound   int
		bounded bool
	}{
		{fn: "counterInBody"},
		{fn: "counterSetInBody"},
		{fn: "counterSkips", bound: 3, bounded: true},
		{fn: "fromOneToThree", bound: 3, bounded: true},
		{fn: "neverEnds"},
		{fn: "noRetries", bound: 0, bounded: true},
		{fn: "threeCopies", bound: 2, bounded: true},
		{fn: "fourCopies"},
		{fn: "viaCalls", bound: 1, bounded: true},
		{fn: "viaDeeperCalls"},
		{fn: "deepCalls"},
		{fn: "unassignedField"},
		{fn: "bareReturn"},
		{fn: "cappedGEQ", bound: 5, bounded: true},
	} {
		if k, ok := p.constBound(loopNamed(t, f, tt.fn)); k != tt.bound || ok != tt.bounded {
			t.Errorf("%s: constBound = %d, %v; want %d, %v", tt.fn, k, ok, tt.bound, tt.bounded)
		}
	}
}

// TestChainUnderFull: a chain of three or four hops is shown whole, with
// no "… 0 more".
func TestChainUnderFull(t *testing.T) {
	c := sinkChain("net/http.Get").prepend("c").prepend("b").prepend("a")
	if got, want := c.String(), "calls a → b → c → net/http.Get"; got != want {
		t.Errorf("chain = %q, want %q", got, want)
	}
}

const retrySrc = `package p

func get(string) (int, error) { return 0, nil }

func addAssign() error {
	var err error
	for attempt := 0; attempt < 3; attempt += 1 {
		if _, err = get("x"); err == nil {
			return nil
		}
	}
	return err
}

func addAssignOnly() error {
	attempt := 0 // before the loop: the loop steps it only by +=
	var err error
	for attempt < 3 {
		if _, err = get("x"); err == nil {
			return nil
		}
		attempt += 1
	}
	return err
}

func noCounter(ids []string) {
	var n int
	var err error
	for err == nil {
		n, err = get("x")
		if n < 3 {
			continue
		}
	}
}
`

// TestRetryCounterAddAssign: attempt += 1 counts attempts as attempt++
// does; an assignment that is not += is no counter.
func TestRetryCounterAddAssign(t *testing.T) {
	p, f := testPass(t, retrySrc)
	for fn, want := range map[string]bool{"addAssign": true, "addAssignOnly": true, "noCounter": false} {
		if got := p.isRetryLoop(loopNamed(t, f, fn)); got != want {
			t.Errorf("%s: isRetryLoop = %v, want %v", fn, got, want)
		}
	}
}

const pageSrc = `package p

import "net/http"

func getterOfPage() {
	resp, _ := http.Get("https://graph.microsoft.com/v1.0/users")
	for _, c := range resp.Cookies() {
		_ = c
	}
}

func getterWithArgs() {
	resp, _ := http.Get("https://graph.microsoft.com/v1.0/users")
	for _, v := range resp.Header.Values("Link") {
		_ = v
	}
}
`

// TestPageGetter: a loop over what a getter of one list response returns
// (an SDK's result.GetValue(); here the response's Cookies()) holds one
// page, so it multiplies the calls in it by one; a method that takes
// arguments is no getter.
func TestPageGetter(t *testing.T) {
	p, f := testPass(t, pageSrc)
	if li := p.loopInfo(loopNamed(t, f, "getterOfPage")); li.mult != 1 || !li.multOK {
		t.Errorf("getterOfPage: multiplier %d, %v; want 1, true", li.mult, li.multOK)
	}
	if li := p.loopInfo(loopNamed(t, f, "getterWithArgs")); li.multOK {
		t.Errorf("getterWithArgs: multiplier %d, %v; want none", li.mult, li.multOK)
	}
}

const searchSrc = `package p

type user struct{ ID string }

func (u user) GetID() string { return u.ID }
func (u user) Lookup(key string) string { return key }

func get(string) {}

func byGetter(users []user, target string) {
	for _, u := range users {
		if u.GetID() == target {
			get(u.ID)
		}
	}
}

func byMethodWithArgs(users []user, target string) {
	for _, u := range users {
		if u.Lookup("id") == target {
			get(u.ID)
		}
	}
}

func copiedItem(users []user, target string) {
	for _, u := range users {
		item := u
		if item.ID == target {
			get(item.ID)
		}
	}
}
`

// TestMatchesOneBodyVariable: comparing an item's ID with a fixed value
// is a search (the calls under it are made once), not a filter: through
// a variable of the body the item was copied to, or a getter; a method
// with arguments is no identity.
func TestMatchesOneBodyVariable(t *testing.T) {
	p, f := testPass(t, searchSrc)
	for fn, want := range map[string]bool{"copiedItem": true, "byGetter": true, "byMethodWithArgs": false} {
		l := loopNamed(t, f, fn)
		var cond ast.Expr
		ast.Inspect(l, func(n ast.Node) bool {
			if is, ok := n.(*ast.IfStmt); ok {
				cond = is.Cond
			}
			return cond == nil
		})
		if got := p.matchesOne(cond, l); got != want {
			t.Errorf("%s: matchesOne = %v, want %v", fn, got, want)
		}
	}
}

const collectSrc = `package p

type iface interface{ Do() }

type byAssign struct{}

func (byAssign) Do() {}

type byVarDecl struct{}

func (byVarDecl) Do() {}

type byDefine struct{}

func (byDefine) Do() {}

type byPosition struct{}

func (byPosition) Do() {}

type holder struct{ h iface }

func use(any) {}

func conversions() {
	use(holder{byPosition{}})
	var a iface
	a = byAssign{}
	var b iface = byVarDecl{}
	c := byDefine{}
	use(a)
	use(b)
	_ = c
}

func mapKeys() {
	for u := range map[string]bool{"https://keys.example.test/a": true} {
		use(u)
	}
}
`

// TestCollect: the conversions to an interface collect records (an
// assignment, a typed var declaration, a field of a struct literal
// written without keys; not a :=, which converts nothing), and a range
// key's values (the keys of a map literal).
func TestCollect(t *testing.T) {
	p, f := testPass(t, collectSrc)
	for key, want := range map[string]bool{"p.byAssign": true, "p.byVarDecl": true, "p.byPosition": true, "p.byDefine": false} {
		if p.converted[key] != want {
			t.Errorf("converted[%s] = %v, want %v", key, p.converted[key], want)
		}
	}
	var u ast.Expr
	ast.Inspect(loopNamed(t, f, "mapKeys"), func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			u = c.Args[0]
		}
		return u == nil
	})
	got := p.strPrefixes(u, urlCtx{}, 0)
	if len(got) != 1 || got[0].S != "https://keys.example.test/a" {
		t.Errorf("range key of a map literal: %v, want its key", got)
	}
}

const valuesSrc = `package p

import "net/http"

func use(any) {}

func setup() {
	http.DefaultClient = &http.Client{}
}

func fetch(prefix string, paths ...string) {
	use(prefix)
	use(paths)
}

func callers() {
	fetch("https://a.test", "/b", "/c")
	use(http.DefaultClient)
	use(http.ErrBodyNotAllowed)
}

func pair() (string, string) { return "https://x.test", "/y" }

func two(a, b string) {
	use(a)
	use(b)
}

func callTwo() { two(pair()) }

func list() []string { return []string{"https://list.example.test/"} }

func fromList() {
	for _, u := range list() {
		use(u)
	}
}

func twoValues() {
	ids := []string{"1", "2", "3", "4", "5", "6", "7", "8"}
	ids = []string{"9"}
	use(ids)
}

func s0() []string { return []string{"https://deep.example.test/"} }
func s1() []string { return s0() }
func s2() []string { return s1() }
func s3() []string { return s2() }
func s4() []string { return s3() }
func s5() []string { return s4() }
func s6() []string { return s5() }
`

// useArgs returns the arguments of the calls use(x) in function fn.
func useArgs(f *ast.File, fn string) []ast.Expr {
	var out []ast.Expr
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == fn {
			ast.Inspect(fd, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "use" {
						out = append(out, c.Args[0])
					}
				}
				return true
			})
		}
	}
	return out
}

// TestValuesAndElements: a parameter's values are its arguments at the
// package's calls (a variadic one: every argument from its index on); a
// package variable of another package assigned here has that value, one
// never assigned is itself; the elements of a slice a function of the
// package returns are followed four functions deep.
func TestValuesAndElements(t *testing.T) {
	p, f := testPass(t, valuesSrc)
	render := func(ds []def) string {
		var s []string
		for _, d := range ds {
			s = append(s, types.ExprString(d.expr))
		}
		return strings.Join(s, " ")
	}
	params := useArgs(f, "fetch")
	for i, want := range []string{`"https://a.test"`, `"/b" "/c"`} {
		if got := render(p.valuesOf(params[i])); got != want {
			t.Errorf("values of %s: %s, want %s", types.ExprString(params[i]), got, want)
		}
	}
	// two(pair()): one argument expression for two parameters; the
	// first is pair()'s result 0, the second is not followed.
	ab := useArgs(f, "two")
	for i, want := range []string{"pair()", "b"} {
		if got := render(p.valuesOf(ab[i])); got != want {
			t.Errorf("values of %s (passed by f(g())): %s, want %s", types.ExprString(ab[i]), got, want)
		}
	}
	vars := useArgs(f, "callers")
	for i, want := range []string{"&http.Client{}", "http.ErrBodyNotAllowed"} {
		if got := render(p.valuesOf(vars[i])); got != want {
			t.Errorf("values of %s: %s, want %s", types.ExprString(vars[i]), got, want)
		}
	}
	if got := p.strPrefixes(useArgs(f, "fromList")[0], urlCtx{}, 0); len(got) != 1 || got[0].S != "https://list.example.test/" {
		t.Errorf("element of a returned slice: %v", got)
	}
	// Every value's elements, until there are more than maxStrings.
	if got := len(p.elements(useArgs(f, "twoValues")[0], 1, 0)); got != maxStrings+1 {
		t.Errorf("elements of a slice assigned twice (8 and 1 elements): %d, want %d", got, maxStrings+1)
	}
	for k, want := range []int{1, 1, 1, 1, 0, 0, 0} {
		call := &ast.CallExpr{Fun: ast.NewIdent(fmt.Sprintf("s%d", k))}
		p.info.Uses[call.Fun.(*ast.Ident)] = p.pass.Pkg.Scope().Lookup(fmt.Sprintf("s%d", k))
		if got := len(p.elements(call, 1, 0)); got != want {
			t.Errorf("elements of s%d(): %d, want %d", k, got, want)
		}
	}
}

// TestCountString: a saturated count reads "unbounded", one below it a
// number.
func TestCountString(t *testing.T) {
	if got := countString(mulCount(unbounded, 3)); got != "unbounded" {
		t.Errorf("countString(saturated) = %q", got)
	}
	if got := countString(unbounded - 1); got != fmt.Sprint(unbounded-1) {
		t.Errorf("countString(unbounded-1) = %q", got)
	}
}
