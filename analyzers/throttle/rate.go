package throttle

import (
	"cmp"
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
	ratePerson          // a person answers a prompt before each pass
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
	case ratePerson:
		return "a person"
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
	case ratePerson:
		return 0 // no terms count on a person's answers
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
	switch p.fullName(f) {
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
	if promptFuncs[p.fullName(f)] {
		return &throttleOp{rate: Rate{Kind: ratePerson, Shared: true, What: "a prompt"}, pos: call.Pos()}, ""
	}
	if r, ok := p.funcThrottle(f); ok {
		return &throttleOp{rate: r, pos: call.Pos()}, ""
	}
	return nil, ""
}

// promptFuncs wait for a person at the terminal: a loop that asks before
// each call is paced by the person answering.
var promptFuncs = map[string]bool{
	"fmt.Scan": true, "fmt.Scanln": true, "fmt.Scanf": true,
	"(*github.com/manifoldco/promptui.Prompt).Run":                 true,
	"(*github.com/manifoldco/promptui.Select).Run":                 true,
	"github.com/AlecAivazis/survey/v2.AskOne":                      true,
	"github.com/AlecAivazis/survey/v2.Ask":                         true,
	"(github.com/pterm/pterm.InteractiveSelectPrinter).Show":       true,
	"(github.com/pterm/pterm.InteractiveConfirmPrinter).Show":      true,
	"(github.com/pterm/pterm.InteractiveTextInputPrinter).Show":    true,
	"(github.com/pterm/pterm.InteractiveMultiselectPrinter).Show":  true,
	"(*github.com/pterm/pterm.InteractiveSelectPrinter).Show":      true,
	"(*github.com/pterm/pterm.InteractiveConfirmPrinter).Show":     true,
	"(*github.com/pterm/pterm.InteractiveTextInputPrinter).Show":   true,
	"(*github.com/pterm/pterm.InteractiveMultiselectPrinter).Show": true,
	"(*github.com/charmbracelet/huh.Form).Run":                     true,
}

// funcThrottle returns the rate of a function that throttles on every
// path (fact or summary). An interface method throttles when every
// implementation toslint can see does.
func (p *passState) funcThrottle(f *types.Func) (Rate, bool) {
	if isInterfaceMethod(f) {
		return p.dynamicThrottle(f)
	}
	if f.Pkg() == p.pass.Pkg {
		if s := p.summaries[f]; s != nil && s.throttle != nil {
			return *s.throttle, true
		}
		return Rate{}, false
	}
	var fact throttleFact
	if p.pass.ImportObjectFact(f, &fact) && fact.Throttles {
		return fact.Rate, true
	}
	return Rate{}, false
}

// dynamicThrottle rates a call of an interface method: throttling when
// there is an implementation and every one throttles on every path.
func (p *passState) dynamicThrottle(m *types.Func) (Rate, bool) {
	impls := p.implementations(m)
	if len(impls) == 0 {
		return Rate{}, false
	}
	var out *Rate
	for _, c := range impls {
		if isInterfaceMethod(c.f) {
			return Rate{}, false
		}
		r, ok := p.funcThrottle(c.f)
		if !ok {
			return Rate{}, false
		}
		if out == nil {
			out = &r
		} else {
			l := looser(*out, r)
			out = &l
		}
	}
	return *out, true
}

// funcReactive reports a function that handles HTTP 429 or Retry-After.
func (p *passState) funcReactive(f *types.Func) bool {
	if f.Pkg() == p.pass.Pkg {
		s := p.summaries[f]
		return s != nil && s.reactive
	}
	var fact throttleFact
	return p.pass.ImportObjectFact(f, &fact) && fact.Reactive
}

// looser returns the rate that lets more calls through (unknown when
// either is unknown): what a set of alternatives guarantees.
func looser(a, b Rate) Rate {
	if !a.known() || !b.known() {
		return Rate{Shared: a.Shared && b.Shared, What: cmp.Or(a.What, b.What)}
	}
	if a.maxCalls(time.Minute, 1) >= b.maxCalls(time.Minute, 1) {
		return a
	}
	return b
}

// replaces reports whether r takes best's place as the rate that paces
// a loop or helper: nothing was found yet, or r is known and lets fewer
// calls through (an unknown rate never replaces a known one, and a tie
// keeps the first found).
func (r Rate) replaces(best *Rate) bool {
	return best == nil || r.known() && (!best.known() || r.maxCalls(time.Minute, 1) < best.maxCalls(time.Minute, 1))
}

// stricter returns the rate that lets fewer calls through: what a chain
// of throttles guarantees.
func stricter(a, b Rate) Rate {
	switch {
	case !a.known():
		return b
	case !b.known():
		return a
	case a.maxCalls(time.Minute, 1) <= b.maxCalls(time.Minute, 1):
		return a
	}
	return b
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
		switch p.fullName(f) {
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
			if d <= 0 { // as rate.Every has it: no interval is no limit
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
// ticker or time.After channel. A timer or ticker made with no duration
// fires at once: it is no throttle (a retry helper's first attempt).
func (p *passState) chanThrottle(ch ast.Expr) *throttleOp {
	ch = ast.Unparen(ch)
	interval := func(call *ast.CallExpr, what string, defs []token.Pos) *throttleOp {
		if len(call.Args) != 1 {
			return nil
		}
		if d, ok := p.constFloat(call.Args[0]); ok {
			if d <= 0 {
				return nil
			}
			return &throttleOp{rate: Rate{Kind: rateInterval, Interval: time.Duration(d), What: what, Shared: defs != nil}, pos: ch.Pos(), defs: defs}
		}
		return &throttleOp{rate: Rate{What: what, Shared: defs != nil}, pos: ch.Pos(), defs: defs}
	}
	if call, ok := ch.(*ast.CallExpr); ok {
		if p.isFunc(call, "time.After", "time.Tick") {
			return interval(call, "a timer", nil)
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
				return interval(call, "a ticker", []token.Pos{v.pos})
			}
		}
		defs := p.defPositions(sel.X)
		return &throttleOp{rate: Rate{What: "a ticker", Shared: defs != nil}, pos: ch.Pos(), defs: defs}
	}
	if id, ok := ch.(*ast.Ident); ok {
		for _, v := range p.valuesOf(id) {
			if call, ok := ast.Unparen(v.expr).(*ast.CallExpr); ok && p.isFunc(call, "time.After", "time.Tick") {
				return interval(call, "a ticker", []token.Pos{v.pos})
			}
		}
	}
	return nil
}

// adviceInterval is the least interval between calls, with a burst of 1,
// that keeps m calls per pass within every limit of the family: W/(N/m -
// 1), rounded up to a readable unit.
func adviceInterval(fam *family, m int) time.Duration {
	var d time.Duration
	for _, l := range fam.limits {
		n := float64(l.Calls) / float64(max(m, 1))
		per := l.Window.D()
		if n > 1 {
			per = time.Duration(float64(l.Window.D()) / (n - 1))
		}
		d = max(d, per)
	}
	unit := time.Millisecond
	switch {
	case d >= 10*time.Second:
		unit = time.Second
	case d >= time.Second:
		unit = 100 * time.Millisecond
	case d >= 10*time.Millisecond:
		unit = 10 * time.Millisecond
	}
	return (d + unit - 1) / unit * unit
}

// limiterAdvice renders a limiter that keeps the family within its
// limits: "rate.NewLimiter(rate.Every(610ms), 1)".
func limiterAdvice(fam *family, m int) string {
	if len(fam.limits) == 0 {
		return "a rate.Limiter"
	}
	return fmt.Sprintf("rate.NewLimiter(rate.Every(%s), 1)", adviceInterval(fam, m))
}

// rateAdvice says what a throttle should be changed to: "rate.Every(610ms)
// or slower, burst 1", or for a sleep or ticker, its least interval.
func rateAdvice(fam *family, m int, r Rate) string {
	if len(fam.limits) == 0 {
		return "a slower rate"
	}
	if r.Kind == rateInterval {
		var d time.Duration
		for _, l := range fam.limits {
			d = max(d, time.Duration(float64(l.Window.D())*float64(max(m, 1))/float64(l.Calls)))
		}
		return fmt.Sprintf("an interval of %s or more between passes", d.Round(time.Millisecond))
	}
	per := float64(max(m, 1))
	if r.Tokens > 1 { // a pass takes Tokens tokens (WaitN)
		per /= r.Tokens
	}
	return fmt.Sprintf("rate.Every(%s) or slower, burst 1", adviceInterval(fam, int(math.Ceil(per))))
}
