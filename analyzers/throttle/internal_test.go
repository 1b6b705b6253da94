package throttle

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/rules"
)

func TestHostOf(t *testing.T) {
	tests := []struct {
		s          string
		full       bool
		host, path string
		ok         bool
	}{
		{"https://api.security.microsoft.com/api/machines/", false, "api.security.microsoft.com", "/api/machines/", true},
		{"https://API.Security.Microsoft.com", true, "api.security.microsoft.com", "", true},
		{"https://api.security.microsoft", false, "", "", false}, // the host may go on
		{"http://user@ghe.example.test:8443/api/v3/repos", false, "ghe.example.test", "/api/v3/repos", true},
		{"//graph.microsoft.com/v1.0/me", false, "graph.microsoft.com", "/v1.0/me", true},
		{"api.github.com/repos", true, "", "", false}, // no scheme
	}
	for _, tt := range tests {
		host, path, ok := hostOf(tt.s, tt.full)
		if host != tt.host || path != tt.path || ok != tt.ok {
			t.Errorf("hostOf(%q) = %q, %q, %v", tt.s, host, path, ok)
		}
	}
}

func TestFamilyOfURL(t *testing.T) {
	c := &config{pol: rules.DefaultPolicy()}
	c.prepare()
	if f, _ := c.familyOfURL("https://api.securitycenter.windows.com/api/alerts", false); f == nil || f.name() != "mde" {
		t.Errorf("legacy host not mde: %v", f)
	}
	if f, _ := c.familyOfURL("https://api.github.com", true); f == nil || f.name() != "github" {
		t.Errorf("github host not github: %v", f)
	}
	if f, _ := c.familyOfURL("https://example.test/api/alerts", false); f != nil {
		t.Errorf("other host matched %s", f.name())
	}
}

func TestRateMath(t *testing.T) {
	minute := time.Minute
	tests := []struct {
		r    Rate
		m    int
		want float64
	}{
		{Rate{Kind: rateBucket, PerSec: 1e9 / float64(600*time.Millisecond), Burst: 1}, 1, 101},
		{Rate{Kind: rateBucket, PerSec: 1e9 / float64(610*time.Millisecond), Burst: 1}, 1, 1 + 60/0.61},
		{Rate{Kind: rateBucket, PerSec: 2, Burst: 2, Tokens: 2}, 1, 61},
		{Rate{Kind: rateInterval, Interval: 600 * time.Millisecond}, 1, 100},
		{Rate{Kind: rateInterval, Interval: time.Second}, 2, 120},
	}
	for _, tt := range tests {
		if got := tt.r.maxCalls(minute, tt.m); got < tt.want-1e-6 || got > tt.want+1e-6 {
			t.Errorf("%v ×%d: %v calls per minute, want %v", tt.r, tt.m, got, tt.want)
		}
	}
	if (Rate{}).known() || !(Rate{Kind: rateInterval, Interval: time.Second}).known() {
		t.Error("known() wrong")
	}
}

func TestAdvice(t *testing.T) {
	c := &config{pol: rules.DefaultPolicy()}
	c.prepare()
	tests := []struct {
		fam  string
		m    int
		want time.Duration
	}{
		{"mde", 1, 610 * time.Millisecond},    // 60s/99 = 606.1ms
		{"mde", 2, 1300 * time.Millisecond},   // 60s/49 = 1.2245s, rounded up to 100ms steps
		{"github", 1, 730 * time.Millisecond}, // 3600s/4999 = 720.1ms
		{"graph", 1, time.Millisecond},        // 1s/1999
	}
	for _, tt := range tests {
		got := adviceInterval(c.family(tt.fam), tt.m)
		if got != tt.want {
			t.Errorf("adviceInterval(%s, %d) = %v, want %v", tt.fam, tt.m, got, tt.want)
		}
	}
	// The advice keeps the family within its limit: burst 1 + W/d calls.
	for _, fam := range c.families {
		d := adviceInterval(fam, 1)
		r := Rate{Kind: rateBucket, PerSec: 1 / d.Seconds(), Burst: 1}
		for _, l := range fam.limits {
			if got := r.maxCalls(l.Window.D(), 1); got > float64(l.Calls) {
				t.Errorf("%s: advice %v lets %v calls per %v through, over %d", fam.name(), d, got, l.Window, l.Calls)
			}
		}
	}
}

func TestCounts(t *testing.T) {
	if mulCount(unbounded, 2) != unbounded || mulCount(3, 0) != 0 || addCount(unbounded, 1) != unbounded || mulCount(1<<20, 1<<20) != unbounded {
		t.Error("counts do not saturate")
	}
}

func TestChain(t *testing.T) {
	c := sinkChain("net/http.Get on api.example.test")
	for _, hop := range []string{"f6", "f5", "f4", "f3", "f2", "f1"} {
		c = c.prepend(hop)
	}
	if got, want := c.String(), "calls f1 → f2 → … 3 more → f6 → net/http.Get on api.example.test"; got != want {
		t.Errorf("chain = %q, want %q", got, want)
	}
	if len(c.Hops) != maxHeadHops+maxTailHops || c.len() != 7 {
		t.Errorf("chain keeps %d hops of %d", len(c.Hops), c.len())
	}
	short := sinkChain("x").prepend("a")
	if got := short.String(); got != "calls a → x" {
		t.Errorf("short chain = %q", got)
	}
	// A thousand hops take the room of four.
	for range 1000 {
		c = c.prepend("g")
	}
	if len(c.Hops) != 4 || c.More != 1003 {
		t.Errorf("long chain: %d hops, %d more", len(c.Hops), c.More)
	}
}

// testPass type-checks src (package p, standard library imports allowed)
// and returns the pass state over it with the default packs.
func testPass(t *testing.T, src string) (*passState, *ast.File) {
	return checkedPass(t, src, func(fset *token.FileSet) types.Importer { return importer.ForCompiler(fset, "gc", nil) })
}

// checkedPass type-checks src (package p) with the importer importerFor
// returns, and returns the pass state over it with the default packs.
func checkedPass(t *testing.T, src string, importerFor func(*token.FileSet) types.Importer) (*passState, *ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{},
		Implicits: map[ast.Node]types.Object{}, Scopes: map[ast.Node]*types.Scope{},
	}
	conf := types.Config{Importer: importerFor(fset)}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{
		Analyzer: &analysis.Analyzer{Name: "throttle"}, Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info,
		Report:            func(analysis.Diagnostic) {},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
		ResultOf:          map[*analysis.Analyzer]any{},
	}
	c := &config{pol: rules.DefaultPolicy(), opts: analysisutil.Options{}}
	c.prepare()
	return newPassState(c, pass), f
}

// loopNamed returns the first loop of the function named name.
func loopNamed(t *testing.T, f *ast.File, name string) ast.Stmt {
	t.Helper()
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != name {
			continue
		}
		var loop ast.Stmt
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				if loop == nil {
					loop = n.(ast.Stmt)
				}
			}
			return loop == nil
		})
		if loop != nil {
			return loop
		}
	}
	t.Fatalf("no loop in %s", name)
	return nil
}

const classifySrc = `package p

type resp struct {
	StatusCode int
	NextLink   string
	NextPage   int
}

func get(string) (resp, error) { return resp{}, nil }

func nextLink() {
	next := "x"
	for next != "" {
		r, _ := get(next)
		next = r.NextLink
	}
}

func nextField() {
	opt := struct{ Page int }{}
	for {
		r, _ := get("x")
		if r.NextPage == 0 {
			break
		}
		opt.Page = r.NextPage
	}
}

func notPaged(ids []string) {
	for _, id := range ids {
		get(id)
	}
}

func counterNoExit() {
	for i := 0; ; i++ {
		get("x")
		if i > 3 {
			continue
		}
	}
}

func retryErr() error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if _, err = get("x"); err == nil {
			return nil
		}
	}
	return err
}

func retryStatus() {
	for attempt := 1; ; attempt++ {
		r, _ := get("x")
		if r.StatusCode < 500 {
			break
		}
		if attempt > 4 {
			return
		}
	}
}

func conj(ids []string) {
	for i := 0; i < 3 && i < len(ids); i++ {
		get(ids[i])
	}
	for i := 0; len(ids) > i && 10 > i; i++ {
		get(ids[i])
	}
}

func once() {
	ids := []string{"a", "b"}
	for _, id := range ids {
		get(id)
	}
}

func twice() {
	ids := []string{"a", "b"}
	ids = []string{"a", "b", "c"}
	for _, id := range ids {
		get(id)
	}
}

func grown(more []string) {
	ids := []string{"a", "b"}
	ids = append(ids, more...)
	for _, id := range ids {
		get(id)
	}
}

func fixed() []string { return []string{"a", "b", "c", "d"} }

func viaFunc() {
	for _, id := range fixed() {
		get(id)
	}
}
`

func TestLoopClassification(t *testing.T) {
	p, f := testPass(t, classifySrc)
	for _, tt := range []struct {
		fn           string
		paged, retry bool
		bound        int
		bounded      bool
	}{
		{fn: "nextLink", paged: true},
		{fn: "nextField", paged: true},
		{fn: "notPaged"},
		{fn: "counterNoExit"},
		{fn: "retryErr", retry: true, bound: 3, bounded: true},
		{fn: "retryStatus", retry: true},
		{fn: "conj", bound: 3, bounded: true},
		{fn: "once", bound: 2, bounded: true},
		{fn: "twice", bound: 3, bounded: true},
		{fn: "grown"},
		{fn: "viaFunc", bound: 4, bounded: true},
	} {
		l := loopNamed(t, f, tt.fn)
		if got := p.isPaginationLoop(l); got != tt.paged {
			t.Errorf("%s: isPaginationLoop = %v", tt.fn, got)
		}
		if got := p.isRetryLoop(l); got != tt.retry {
			t.Errorf("%s: isRetryLoop = %v", tt.fn, got)
		}
		if k, ok := p.constBound(l); k != tt.bound || ok != tt.bounded {
			t.Errorf("%s: constBound = %d, %v", tt.fn, k, ok)
		}
	}
	// The second conjunction: bounds written the other way round.
	var loops []ast.Stmt
	ast.Inspect(f, func(n ast.Node) bool {
		if fs, ok := n.(*ast.ForStmt); ok {
			loops = append(loops, fs)
		}
		return true
	})
	if k, ok := p.constBound(loops[6]); k != 10 || !ok {
		t.Errorf("reversed conjunction: constBound = %d, %v", k, ok)
	}
}

func TestStatementHelpers(t *testing.T) {
	br := &ast.BranchStmt{Tok: token.BREAK}
	cont := &ast.BranchStmt{Tok: token.CONTINUE}
	ret := &ast.ReturnStmt{}
	if !endsWithBreak([]ast.Stmt{cont, br}) || endsWithBreak([]ast.Stmt{br, cont}) || endsWithBreak(nil) {
		t.Error("endsWithBreak")
	}
	if !endsWithReturn([]ast.Stmt{br, ret}) || endsWithReturn([]ast.Stmt{ret, br}) {
		t.Error("endsWithReturn")
	}
	if !skips([]ast.Stmt{cont}) || skips([]ast.Stmt{br}) {
		t.Error("skips")
	}
	if !leaves([]ast.Stmt{ret}) || leaves([]ast.Stmt{br}) || !leaves([]ast.Stmt{&ast.BranchStmt{Tok: token.BREAK, Label: ast.NewIdent("out")}}) {
		t.Error("leaves")
	}
	if lastStmt(nil) != nil || lastStmt([]ast.Stmt{br, ret}) != ret {
		t.Error("lastStmt")
	}
}

const outcomeSrc = `package p

import "net/http"

func f(resp *http.Response, err error, n int, ok bool) {
	_ = err != nil
	_ = resp.StatusCode == 200
	_ = n > 3
	_ = ok
	_ = resp.Header.Get("Retry-After")
	_ = resp.Header.Get("Content-Type")
	_ = http.StatusTooManyRequests
	_ = 429
	_ = 430
}
`

func TestOutcomeAndReactive(t *testing.T) {
	p, f := testPass(t, outcomeSrc)
	var conds []ast.Expr
	ast.Inspect(f, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			conds = append(conds, as.Rhs[0])
		}
		return true
	})
	wantOutcome := []bool{true, true, false, false}
	for i, want := range wantOutcome {
		if got := p.testsOutcome(conds[i]); got != want {
			t.Errorf("testsOutcome(%s) = %v", types.ExprString(conds[i]), got)
		}
	}
	if !p.isReactiveCall(conds[4].(*ast.CallExpr)) || p.isReactiveCall(conds[5].(*ast.CallExpr)) {
		t.Error("isReactiveCall: Retry-After only")
	}
	for i, want := range map[int]bool{6: true, 7: true, 8: false} {
		e := conds[i]
		if sel, ok := e.(*ast.SelectorExpr); ok {
			e = sel.Sel
		}
		if got := p.isReactiveMarker(e); got != want {
			t.Errorf("isReactiveMarker(%s) = %v", types.ExprString(conds[i]), got)
		}
	}
	if !p.isReactiveBody(f) {
		t.Error("isReactiveBody")
	}
	if !isRetryFunc(types.NewFunc(token.NoPos, types.NewPackage("github.com/cenkalti/backoff/v4", "backoff"), "Retry", nil)) ||
		isRetryFunc(types.NewFunc(token.NoPos, types.NewPackage("example.test/backoffish", "b"), "Retry", nil)) {
		t.Error("isRetryFunc")
	}
}
