package throttle

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"strings"
	"time"
)

// Rate kinds.
const (
	rateUnknown  = iota // a throttle whose rate is not a constant
	rateInterval        // one pass every Interval (sleep, ticker, timer)
	rateBucket          // token bucket: PerSec tokens a second, Burst at once
)

// Rate is what a throttle lets through. It is part of throttleFact, so its
// fields are exported for gob.
type Rate struct {
	Kind     int
	Interval time.Duration
	PerSec   float64
	Burst    float64
	Tokens   float64 // tokens taken per pass (WaitN); 0 means 1
	Shared   bool    // one limiter shared by every caller (not per goroutine)
	What     string  // the construction, for messages
}

func (r Rate) known() bool { return r.Kind != rateUnknown }

func (r Rate) String() string {
	switch r.Kind {
	case rateInterval:
		return "every " + r.Interval.String()
	case rateBucket:
		return fmt.Sprintf("%s/s burst %s", num(r.PerSec), num(r.Burst))
	}
	return "unknown"
}

// maxCalls returns the most calls a throttle lets through in window w
// when each pass makes m calls: m*W/d for an interval d, m*(b + r*W)/n for
// a token bucket charged n tokens a pass.
func (r Rate) maxCalls(w time.Duration, m int) float64 {
	switch r.Kind {
	case rateInterval:
		return float64(m) * w.Seconds() / r.Interval.Seconds()
	case rateBucket:
		n := r.Tokens
		if n <= 0 {
			n = 1
		}
		return float64(m) * (r.Burst + r.PerSec*w.Seconds()) / n
	}
	return math.Inf(1)
}

// explain renders how maxCalls was reached, for messages.
func (r Rate) explain(w time.Duration, m int) string {
	per := ""
	if m > 1 {
		per = fmt.Sprintf("%d calls a pass × ", m)
	}
	win := num(w.Seconds()) + "s"
	switch r.Kind {
	case rateInterval:
		return fmt.Sprintf("(%s%s / %s)", per, win, r.Interval)
	case rateBucket:
		tokens := ""
		if r.Tokens > 1 {
			tokens = fmt.Sprintf(" / %s tokens a pass", num(r.Tokens))
		}
		return fmt.Sprintf("(%sburst %s + %s/s × %s%s)", per, num(r.Burst), num(r.PerSec), win, tokens)
	}
	return ""
}

func num(f float64) string {
	s := fmt.Sprintf("%.3f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// Names of the throttling functions toslint knows.
const (
	rateLimiter = "golang.org/x/time/rate"
	uberLimit   = "go.uber.org/ratelimit"
)

// throttleOp is one operation that throttles: it blocks each pass.
type throttleOp struct {
	rate Rate
	pos  token.Pos
	defs []token.Pos // where its limiter is created, when it has one
}

// callThrottle returns the throttle a call performs, or nil with a hint
// saying why an apparent throttle is not one. loop, when not nil, is the
// innermost loop around the call: a limiter created inside it throttles
// nothing.
func (p *passState) callThrottle(call *ast.CallExpr, loop ast.Node) (*throttleOp, string) {
	f := p.callee(call)
	if f == nil {
		return nil, ""
	}
	switch fullName(f) {
	case "time.Sleep":
		if len(call.Args) != 1 {
			return nil, ""
		}
		if d, ok := p.constFloat(call.Args[0]); ok {
			if d <= 0 {
				return nil, "the sleep has no duration"
			}
			return &throttleOp{rate: Rate{Kind: rateInterval, Interval: time.Duration(d), What: "time.Sleep"}, pos: call.Pos()}, ""
		}
		return &throttleOp{rate: p.sleepFromReservation(call.Args[0], loop), pos: call.Pos()}, ""
	case "(*" + rateLimiter + ".Limiter).Wait", "(*" + rateLimiter + ".Limiter).WaitN", "(" + uberLimit + ".Limiter).Take":
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, ""
		}
		r, hint, ok := p.limiterRate(sel.X, loop)
		if !ok {
			return nil, hint
		}
		if f.Name() == "WaitN" && len(call.Args) == 2 {
			if n, ok := p.constFloat(call.Args[1]); ok && n > 0 {
				r.Tokens = n
			} else {
				r.Kind = rateUnknown
			}
		}
		return &throttleOp{rate: r, pos: call.Pos(), defs: p.defPositions(sel.X)}, ""
	case "(*" + rateLimiter + ".Limiter).Reserve", "(*" + rateLimiter + ".Limiter).ReserveN":
		return nil, "a Reserve whose delay is not slept does not wait"
	case "(*" + rateLimiter + ".Limiter).Allow", "(*" + rateLimiter + ".Limiter).AllowN":
		return nil, "Allow only throttles when the call is skipped while it returns false"
	}
	if r, ok := p.funcThrottle(f); ok {
		return &throttleOp{rate: r, pos: call.Pos()}, ""
	}
	return nil, ""
}

// funcThrottle returns the rate of a function that throttles on every
// path (fact or summary).
func (p *passState) funcThrottle(f *types.Func) (Rate, bool) {
	if f.Pkg() == p.pass.Pkg {
		if s := p.summaries[f]; s != nil && s.throttle != nil {
			return *s.throttle, true
		}
		return Rate{}, false
	}
	var fact throttleFact
	if p.pass.ImportObjectFact(f, &fact) {
		return fact.Rate, true
	}
	return Rate{}, false
}

// defPositions returns where the values of x are created.
func (p *passState) defPositions(x ast.Expr) []token.Pos {
	var out []token.Pos
	for _, v := range p.valuesOf(x) {
		if v.expr != ast.Unparen(x) {
			out = append(out, v.pos)
		}
	}
	return out
}

// sleepFromReservation rates time.Sleep(r.Delay()) by r's limiter.
func (p *passState) sleepFromReservation(d ast.Expr, loop ast.Node) Rate {
	call, ok := ast.Unparen(d).(*ast.CallExpr)
	if !ok || !p.isFunc(call, "(*"+rateLimiter+".Reservation).Delay", "(*"+rateLimiter+".Reservation).DelayFrom") {
		return Rate{What: "time.Sleep"}
	}
	sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	for _, v := range p.valuesOf(sel.X) {
		rc, ok := ast.Unparen(v.expr).(*ast.CallExpr)
		if !ok || !p.isFunc(rc, "(*"+rateLimiter+".Limiter).Reserve", "(*"+rateLimiter+".Limiter).ReserveN") {
			continue
		}
		if r, _, ok := p.limiterRate(ast.Unparen(rc.Fun).(*ast.SelectorExpr).X, loop); ok {
			return r
		}
	}
	return Rate{What: "time.Sleep"}
}

// limiterRate resolves a limiter expression to its construction. ok is
// false when the limiter does not throttle (created inside the loop,
// rate.Inf, unlimited), with a hint for the message.
func (p *passState) limiterRate(x ast.Expr, loop ast.Node) (Rate, string, bool) {
	vals := p.valuesOf(x)
	var rates []Rate
	for _, v := range vals {
		if v.expr == ast.Unparen(x) {
			continue // not resolvable: a parameter or a call result
		}
		if loop != nil && v.pos >= loop.Pos() && v.pos < loop.End() {
			return Rate{}, "the limiter is created inside the loop, so every iteration starts with a full bucket", false
		}
		call, ok := ast.Unparen(v.expr).(*ast.CallExpr)
		if !ok {
			continue
		}
		f := p.callee(call)
		if f == nil {
			continue
		}
		switch fullName(f) {
		case rateLimiter + ".NewLimiter":
			r := Rate{Kind: rateBucket, Shared: true, What: "rate.NewLimiter"}
			lim, ok := p.limitValue(call.Args[0])
			if ok && (math.IsInf(lim, 1) || lim >= math.MaxFloat64) {
				return Rate{}, "the limiter's rate is rate.Inf, which never waits", false
			}
			b, bok := p.constFloat(call.Args[1])
			if !ok || !bok {
				r.Kind = rateUnknown
			}
			r.PerSec, r.Burst = lim, b
			rates = append(rates, r)
		case uberLimit + ".New":
			rates = append(rates, p.uberRate(call))
		case uberLimit + ".NewUnlimited":
			return Rate{}, "ratelimit.NewUnlimited never waits", false
		}
	}
	if len(rates) == 1 {
		return rates[0], "", true
	}
	return Rate{Shared: true, What: "a limiter"}, "", true // several or unknown constructions
}

// limitValue evaluates a rate.Limit argument: a constant, or rate.Every(d).
func (p *passState) limitValue(e ast.Expr) (float64, bool) {
	if f, ok := p.constFloat(e); ok {
		return f, true
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && p.isFunc(call, rateLimiter+".Every") && len(call.Args) == 1 {
		if d, ok := p.constFloat(call.Args[0]); ok {
			if d <= 0 {
				return math.Inf(1), true
			}
			return float64(time.Second) / d, true
		}
	}
	return 0, false
}

// uberRate evaluates ratelimit.New(n, options...): n per Per (default one
// second), slack (default 10) as burst.
func (p *passState) uberRate(call *ast.CallExpr) Rate {
	r := Rate{Kind: rateBucket, Shared: true, Burst: 10, What: "ratelimit.New"}
	n, ok := p.constFloat(call.Args[0])
	if !ok || n <= 0 {
		return Rate{Shared: true, What: "ratelimit.New"}
	}
	per := float64(time.Second)
	for _, opt := range call.Args[1:] {
		oc, ok := ast.Unparen(opt).(*ast.CallExpr)
		if !ok {
			if sel, ok := ast.Unparen(opt).(*ast.SelectorExpr); ok && sel.Sel.Name == "WithoutSlack" {
				r.Burst = 0
				continue
			}
			return Rate{Shared: true, What: "ratelimit.New"}
		}
		switch {
		case p.isFunc(oc, uberLimit+".Per"):
			d, ok := p.constFloat(oc.Args[0])
			if !ok {
				return Rate{Shared: true, What: "ratelimit.New"}
			}
			per = d
		case p.isFunc(oc, uberLimit+".WithSlack"):
			s, ok := p.constFloat(oc.Args[0])
			if !ok {
				return Rate{Shared: true, What: "ratelimit.New"}
			}
			r.Burst = s
		}
	}
	r.PerSec = n * float64(time.Second) / per
	return r
}

// chanThrottle returns the throttle of receiving from ch: a timer,
// ticker or time.After channel.
func (p *passState) chanThrottle(ch ast.Expr) *throttleOp {
	ch = ast.Unparen(ch)
	interval := func(call *ast.CallExpr) *throttleOp {
		if len(call.Args) != 1 {
			return nil
		}
		if d, ok := p.constFloat(call.Args[0]); ok && d > 0 {
			return &throttleOp{rate: Rate{Kind: rateInterval, Interval: time.Duration(d), What: "a timer"}, pos: ch.Pos()}
		}
		return &throttleOp{rate: Rate{What: "a timer"}, pos: ch.Pos()}
	}
	if call, ok := ch.(*ast.CallExpr); ok {
		if p.isFunc(call, "time.After", "time.Tick") {
			return interval(call)
		}
		return nil
	}
	if sel, ok := ch.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		t := p.info.TypeOf(sel.X)
		if t == nil {
			return nil
		}
		ts := t.String()
		if ts != "*time.Ticker" && ts != "*time.Timer" && ts != "time.Ticker" && ts != "time.Timer" {
			return nil
		}
		for _, v := range p.valuesOf(sel.X) {
			if call, ok := ast.Unparen(v.expr).(*ast.CallExpr); ok && p.isFunc(call, "time.NewTicker", "time.NewTimer") {
				return interval(call)
			}
		}
		return &throttleOp{rate: Rate{What: "a ticker"}, pos: ch.Pos()}
	}
	if id, ok := ch.(*ast.Ident); ok {
		for _, v := range p.valuesOf(id) {
			if call, ok := ast.Unparen(v.expr).(*ast.CallExpr); ok && p.isFunc(call, "time.After", "time.Tick") {
				return interval(call)
			}
		}
	}
	return nil
}

// transportThrottle returns the throttle of an HTTP call made through a
// client that throttles every request: an http.Client literal whose
// Transport's RoundTrip throttles on every path, a client built by a
// constructor given a throttling transport or middleware (a value whose
// RoundTrip or Intercept throttles), or one returned by a function known
// to return such a client (clientFact).
func (p *passState) transportThrottle(call *ast.CallExpr) *throttleOp {
	f := p.callee(call)
	if f == nil || !strings.HasPrefix(fullName(f), "(*net/http.Client).") {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if r, ok := p.clientRate(sel.X, 0); ok {
		r.Shared = true
		return &throttleOp{rate: r, pos: call.Pos()}
	}
	return nil
}

// clientRate traces a client expression to a throttling construction.
func (p *passState) clientRate(x ast.Expr, depth int) (Rate, bool) {
	if depth > 3 {
		return Rate{}, false
	}
	for _, v := range p.valuesOf(x) {
		e := ast.Unparen(v.expr)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		switch e := e.(type) {
		case *ast.CompositeLit:
			for _, elt := range e.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Transport" {
						if r, ok := p.throttlingValue(kv.Value); ok {
							return r, true
						}
					}
				}
			}
		case *ast.CallExpr:
			if f := p.callee(e); f != nil {
				if f.Pkg() != p.pass.Pkg {
					var fact clientFact
					if p.pass.ImportObjectFact(f, &fact) {
						return fact.Rate, true
					}
				} else if r, ok := p.returnsThrottledClient(f, depth+1); ok {
					return r, true
				}
			}
			for _, arg := range e.Args { // a constructor given a throttling middleware
				if r, ok := p.throttlingValue(arg); ok {
					return r, true
				}
			}
		}
	}
	return Rate{}, false
}

// throttlingValue reports a value whose RoundTrip or Intercept (kiota
// middleware) throttles on every path.
func (p *passState) throttlingValue(e ast.Expr) (Rate, bool) {
	t := p.info.TypeOf(e)
	if t == nil {
		return Rate{}, false
	}
	for _, name := range []string{"RoundTrip", "Intercept"} {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		if m, ok := obj.(*types.Func); ok {
			if r, ok := p.funcThrottle(m.Origin()); ok {
				return r, true
			}
		}
	}
	return Rate{}, false
}

// returnsThrottledClient reports a function of this package whose every
// returned client throttles.
func (p *passState) returnsThrottledClient(f *types.Func, depth int) (Rate, bool) {
	fd := p.decls[f]
	if fd == nil {
		return Rate{}, false
	}
	var rate Rate
	found, all := false, true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || len(ret.Results) == 0 {
			return true
		}
		if r, ok := p.clientRate(ret.Results[0], depth); ok {
			rate, found = r, true
		} else {
			all = false
		}
		return true
	})
	return rate, found && all
}

// exportClientFacts marks exported functions that return a throttled
// *http.Client, for callers in other packages.
func (p *passState) exportClientFacts() {
	for f := range p.decls {
		if !f.Exported() {
			continue
		}
		sig := f.Type().(*types.Signature)
		if sig.Results().Len() == 0 || types.TypeString(sig.Results().At(0).Type(), nil) != "*net/http.Client" {
			continue
		}
		if r, ok := p.returnsThrottledClient(f, 0); ok {
			p.pass.ExportObjectFact(f, &clientFact{Rate: r})
		}
	}
}
