package throttle

import (
	"fmt"
	"go/ast"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toslint/toslint/rules"
)

// Tests for survivors of the seeded mutant sample (scripts/mutation-covered.sh
// analyzers/throttle 150 16).

// A limiter's explanation names the tokens a pass takes only when it takes
// more than one (rate.go explain).
func TestExplainTokens(t *testing.T) {
	one := Rate{Kind: rateBucket, PerSec: 2, Burst: 1, Tokens: 1}.explain(time.Minute, 1)
	if strings.Contains(one, "tokens a pass") {
		t.Errorf("one token a pass is explained as %q", one)
	}
	two := Rate{Kind: rateBucket, PerSec: 2, Burst: 1, Tokens: 2}.explain(time.Minute, 1)
	if !strings.Contains(two, " / 2 tokens a pass") {
		t.Errorf("two tokens a pass are explained as %q", two)
	}
}

// When a pass makes as many calls as the window allows, the advice is one
// pass a window, not a division by zero (rate.go adviceInterval).
func TestAdviceWholeWindow(t *testing.T) {
	c := &config{pol: rules.DefaultPolicy()}
	c.prepare()
	mde := c.family("mde") // 100 calls a minute
	if got := adviceInterval(mde, 100); got != time.Minute {
		t.Errorf("adviceInterval(mde, 100) = %v, want 1m0s", got)
	}
	if got := adviceInterval(mde, 200); got != time.Minute {
		t.Errorf("adviceInterval(mde, 200) = %v, want 1m0s (a pass over the limit cannot be paced under it)", got)
	}
}

// TestSummariesConverge checks that the summaries' fixed point stops
// when nothing changes, far below its safety cap (64 steps a function):
// sameUses must see two equal use lists as equal, whatever their paced,
// reactive and "may" flags, or functions that recurse into each other
// requeue each other until the cap.
func TestSummariesConverge(t *testing.T) {
	p, _ := testPass(t, `package p

import (
	"net/http"
	"time"
)

const api = "https://api.security.microsoft.com/api/machines/"

type getter interface{ get(id string) }

type remote struct{}

func (remote) get(id string) { http.Get(api + id) }

type local struct{}

func (local) get(id string) {}

var getters = []getter{remote{}, local{}}

func paced(id string) {
	time.Sleep(time.Second)
	http.Get(api + id)
}

func reactive(id string) {
	resp, err := http.Get(api + id)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		time.Sleep(time.Minute)
	}
}

func some(id string) {
	for _, g := range getters {
		g.get(id)
	}
}

func a(id string) { paced(id); reactive(id); some(id) }
func b(id string) { a(id) }
func c(id string) { b(id) }
func d(id string) { c(id) }

// walk and visit recurse into each other: their summaries stop changing
// after a round or two.
func walk(ids []string) {
	if len(ids) > 0 {
		d(ids[0])
		visit(ids[1:])
	}
}

func visit(ids []string) { walk(ids) }
`)
	p.summarize()
	n := len(p.order)
	if p.summarySteps == 0 || p.summarySteps > 4*n {
		t.Errorf("summaries took %d steps for %d functions, want 1 to %d", p.summarySteps, n, 4*n)
	}
	for _, name := range []string{"paced", "reactive", "some", "d", "walk", "visit"} {
		var s *summary
		for f, fs := range p.summaries {
			if f.Name() == name {
				s = fs
			}
		}
		switch {
		case s == nil || len(s.uses) == 0:
			t.Errorf("%s: no uses in its summary", name)
		case (name == "walk" || name == "visit") != (s.uses[0].count == unbounded):
			// Recursion repeats the calls without a bound.
			t.Errorf("%s: %d calls, want unbounded only for the recursive functions", name, s.uses[0].count)
		}
	}
}

// TestWiden checks which counts widen takes as unbounded: only those that
// grew, use for use, in lists otherwise alike.
func TestWiden(t *testing.T) {
	mde, gh := &family{}, &family{}
	use := func(f *family, param, count int) *apiUse { return &apiUse{fam: f, param: param, count: count} }
	counts := func(us []*apiUse) []int {
		var out []int
		for _, u := range us {
			out = append(out, u.count)
		}
		return out
	}
	tests := []struct {
		name        string
		now, before []*apiUse
		want        []int
	}{
		{"grew", []*apiUse{use(mde, 0, 3)}, []*apiUse{use(mde, 0, 2)}, []int{unbounded}},
		{"one of two grew", []*apiUse{use(mde, 0, 2), use(gh, 0, 5)}, []*apiUse{use(mde, 0, 2), use(gh, 0, 4)}, []int{2, unbounded}},
		{"shrank", []*apiUse{use(mde, 0, 1)}, []*apiUse{use(mde, 0, 2)}, []int{1}},
		{"another family", []*apiUse{use(gh, 0, 3)}, []*apiUse{use(mde, 0, 2)}, []int{3}},
		{"another parameter", []*apiUse{use(nil, 1, 3)}, []*apiUse{use(nil, 0, 2)}, []int{3}},
		{"a use more", []*apiUse{use(mde, 0, 3), use(gh, 0, 1)}, []*apiUse{use(mde, 0, 2)}, []int{3, 1}},
	}
	for _, tt := range tests {
		before := counts(tt.now)
		got := counts(widen(tt.now, tt.before))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: widen gives counts %v, want %v", tt.name, got, tt.want)
		}
		if after := counts(tt.now); !slices.Equal(after, before) {
			t.Errorf("%s: widen changed its argument's counts to %v", tt.name, after)
		}
	}
}

// TestPrefixDepthBound checks that a value's definitions are followed
// maxDepth steps and no further: n nested range loops each pass the URL
// on as the element of a one-element slice.
func TestPrefixDepthBound(t *testing.T) {
	for _, n := range []int{3, maxDepth - 2, maxDepth + 6} {
		var b strings.Builder
		b.WriteString("package p\n\nconst base = \"https://api.security.microsoft.com/api/\"\n\nfunc f() {\n\tv0 := base\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "\tfor _, v%d := range []string{v%d} {\n", i, i-1)
		}
		fmt.Fprintf(&b, "\t_ = v%d\n", n)
		b.WriteString(strings.Repeat("\t}\n", n) + "}\n")
		p, f := testPass(t, b.String())
		got := p.strPrefixes(lastBlank(f), urlCtx{}, 0)
		if found := len(got) > 0 && strings.HasPrefix(got[0].S, "https://api.security"); found != (n < maxDepth) {
			t.Errorf("%d nested ranges: prefixes %+v, want the URL only under %d", n, got, maxDepth)
		}
	}
}

// TestWrapperHoldingClient: a transport literal that holds an
// *http.Client in a field sends through that client, so the client's
// provenance is the transport's; its other fields say nothing.
func TestWrapperHoldingClient(t *testing.T) {
	p, f := sdkPass(t, `package p

import (
	"net/http"

	"github.com/google/go-github/v62/github"
	"github.com/hashicorp/go-retryablehttp"
)

func use(any, ...any) {}

// viaClient sends each request with the client it holds.
type viaClient struct {
	name string
	c    *http.Client
}

func (v *viaClient) RoundTrip(r *http.Request) (*http.Response, error) { return v.c.Do(r) }

func wrapped() {
	use(github.NewClient(&http.Client{Transport: &viaClient{name: "retrying", c: retryablehttp.NewClient().StandardClient()}}))
}
`)
	call := usedIn(t, f, "wrapped").(*ast.CallExpr)
	if v, _, ok := p.ctorProv(call, p.callee(call), 0); !ok || v.String() != "reactive" {
		t.Errorf("a transport holding a retrying client: %s (%v), want reactive", v, ok)
	}
}
