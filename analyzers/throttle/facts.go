package throttle

import (
	"fmt"
	"strings"
)

// Facts. They are small, stateless and gob-encoded by the driver; every
// list in them is bounded (chains keep four hops, lists a handful of
// entries), so that facts and messages grow with the module linearly.

// apiFact marks a function that calls rate-limited APIs: one entry a
// family.
type apiFact struct {
	Uses []factUse
}

// factUse is one family's calls per invocation of the function.
type factUse struct {
	Family   string
	Count    int   // calls per invocation outside loops judged in the function
	Inner    bool  // more calls happen in loops judged where they are
	Reactive bool  // every call goes through reactive retry
	May      bool  // only some dynamic callees call the API
	Paced    bool  // every request passes a throttling transport or middleware
	Rate     Rate  // the pacing rate, when Paced
	Chain    chain // how, from the function to the API
}

func (*apiFact) AFact() {}
func (f *apiFact) String() string {
	var parts []string
	for _, u := range f.Uses {
		s := u.Family + "×" + countString(u.Count)
		if u.Inner {
			s += "+inner"
		}
		if u.Paced {
			s += " paced"
		}
		if u.Reactive {
			s += " reactive"
		}
		parts = append(parts, s)
	}
	return "api(" + strings.Join(parts, ", ") + ")"
}

// throttleFact marks a function that throttles on every path (Throttles,
// at Rate) or that handles HTTP 429 or Retry-After (Reactive).
type throttleFact struct {
	Throttles bool
	Rate      Rate
	Reactive  bool
}

func (*throttleFact) AFact() {}
func (f *throttleFact) String() string {
	if !f.Throttles {
		return "reactive"
	}
	return "throttles(" + f.Rate.String() + ")"
}

// callsParamFact marks a function that calls some of its func parameters.
type callsParamFact struct {
	Params []paramCall
}

// paramCall is one func parameter a function calls. Loop, when set, is
// the position ("file.go:12") of an unbounded loop with no throttle in
// which the function calls it: the argument's API calls repeat there.
type paramCall struct {
	Index int
	Loop  string
}

func (*callsParamFact) AFact() {}
func (f *callsParamFact) String() string {
	var parts []string
	for _, pc := range f.Params {
		s := fmt.Sprint(pc.Index)
		if pc.Loop != "" {
			s += " in loop"
		}
		parts = append(parts, s)
	}
	return "callsParam[" + strings.Join(parts, " ") + "]"
}

// clientFact marks a function that returns an API client (an
// *http.Client, an SDK client or request adapter) whose requests all pass
// a throttling transport or middleware, or reactive retry.
type clientFact struct {
	Prov prov
}

func (*clientFact) AFact()           {}
func (f *clientFact) String() string { return "client(" + f.Prov.String() + ")" }

// urlFact marks a function that sends one of its parameters as (the start
// of) a request URL, or returns a URL, string or request built from
// constants or its parameters: callers resolve the host with their own
// arguments.
type urlFact struct {
	Sends   []urlParam  // parameters sent as request URLs
	Returns []strPrefix // what result 0 starts with
}

// urlParam is a parameter a function sends as a request URL.
type urlParam struct {
	Index    int
	Sink     string // the HTTP call, for chains
	Reactive bool
	Paced    bool
	Rate     Rate
}

func (*urlFact) AFact() {}
func (f *urlFact) String() string {
	var parts []string
	for _, s := range f.Sends {
		parts = append(parts, fmt.Sprintf("sends%d", s.Index))
	}
	for _, r := range f.Returns {
		parts = append(parts, "returns "+r.String())
	}
	return "url(" + strings.Join(parts, ", ") + ")"
}

// convertedFact lists the named types a package converts to non-empty
// interfaces (assignments, arguments, results, literals): the candidate
// dynamic types of interface calls in packages that import it.
type convertedFact struct {
	Types []string // "*pkg/path.Name" or "pkg/path.Name"
}

func (*convertedFact) AFact()           {}
func (f *convertedFact) String() string { return "converted" + fmt.Sprint(f.Types) }

// installsFact records, per SDK client kind, what the clients a package
// constructs have in common (every one paced, every one reactive): used
// for SDK calls whose client cannot be traced to its construction.
type installsFact struct {
	Kinds []kindProv
}

type kindProv struct {
	Kind string
	Prov prov
}

func (*installsFact) AFact() {}
func (f *installsFact) String() string {
	var parts []string
	for _, k := range f.Kinds {
		parts = append(parts, k.Kind+":"+k.Prov.String())
	}
	return "installs(" + strings.Join(parts, ", ") + ")"
}

// lenFact marks a function whose result (a slice or map) has at most
// Max elements: ranging over it is a bounded loop.
type lenFact struct {
	Max int
}

func (*lenFact) AFact()           {}
func (f *lenFact) String() string { return fmt.Sprintf("len≤%d", f.Max) }

// unbounded is the saturated call count.
const unbounded = 1 << 30

func countString(n int) string {
	if n >= unbounded {
		return "unbounded"
	}
	return fmt.Sprint(n)
}

func addCount(a, b int) int { return min(a+b, unbounded) }

func mulCount(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a >= unbounded || b >= unbounded || a > unbounded/b {
		return unbounded
	}
	return a * b
}
