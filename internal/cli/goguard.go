package cli

import (
	"fmt"
	"go/token"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/toslint/toslint/internal/report"
)

// guard is the boundary between the checker and each analyzer run on one
// package: a package that did not load is skipped (its load errors are
// reported instead), and a panic becomes a TOS001 finding for that
// package while the rest of the run goes on.
type guard struct {
	broken map[string]bool // package paths with load errors of their own
	mu     sync.Mutex
	found  []report.Finding
}

func newGuard(broken map[*packages.Package]bool) *guard {
	g := &guard{broken: map[string]bool{}}
	for p := range broken {
		g.broken[p.PkgPath] = true
	}
	return g
}

// wrap returns copies of the analyzers whose runs go through the guard.
// They run despite errors: the guard decides, so that the packages that
// import a broken one are still analysed.
func (g *guard) wrap(list []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(list))
	for i, a := range list {
		w := *a
		w.RunDespiteErrors = true
		w.Run = func(pass *analysis.Pass) (any, error) { return g.run(a, pass) }
		out[i] = &w
	}
	return out
}

// run runs a on the pass unless its package is broken, and recovers a
// panic; a panic or an error (an analyzer returns one only for an internal
// fault) is recorded. Either way the result is then the zero value of the
// result type, so the checker goes on with the packages that depend on
// this one.
func (g *guard) run(a *analysis.Analyzer, pass *analysis.Pass) (result any, err error) {
	zero := func() any {
		if a.ResultType == nil {
			return nil
		}
		return reflect.Zero(a.ResultType).Interface()
	}
	if pass.Pkg == nil || g.broken[pass.Pkg.Path()] {
		return zero(), nil
	}
	defer func() {
		if r := recover(); r != nil {
			g.record(a, pass, r, callers())
			result, err = zero(), nil
		}
	}()
	result, err = a.Run(pass)
	if err != nil {
		g.record(a, pass, err, nil)
		return zero(), nil
	}
	return result, nil
}

// record notes a panic or an error as a TOS001 finding at the package's
// first file, with the first frames of a panic's stack as related
// locations.
func (g *guard) record(a *analysis.Analyzer, pass *analysis.Pass, r any, frames []runtime.Frame) {
	f := report.Finding{
		Rule:    "TOS001",
		Message: fmt.Sprintf("package %s not analysed: internal error in the %s analyzer: %v (please report it)", pass.Pkg.Path(), a.Name, r),
	}
	if len(frames) > 0 {
		f.Message = strings.TrimSuffix(f.Message, ")") + " with the stack below)"
	}
	if len(pass.Files) > 0 {
		f.Pos = pass.Fset.Position(pass.Files[0].Package)
	}
	for _, fr := range frames {
		f.Related = append(f.Related, report.Related{Pos: token.Position{Filename: fr.File, Line: fr.Line}, Message: "in " + fr.Function})
	}
	g.mu.Lock()
	g.found = append(g.found, f)
	g.mu.Unlock()
}

// panics returns the recorded failures, in a stable order.
func (g *guard) panics() []report.Finding {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := slices.Clone(g.found)
	slices.SortFunc(out, func(a, b report.Finding) int {
		return strings.Compare(a.Pos.String()+a.Message, b.Pos.String()+b.Message)
	})
	return out
}

// callers returns up to five frames where the panic happened, from a
// deferred function: the frames below runtime's panic machinery.
func callers() []runtime.Frame {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var out []runtime.Frame
	seenPanic := false
	for {
		fr, more := frames.Next()
		switch {
		case fr.Function == "runtime.gopanic" || strings.HasPrefix(fr.Function, "runtime.panic"):
			seenPanic, out = true, nil
		case seenPanic && !strings.HasPrefix(fr.Function, "runtime."):
			out = append(out, fr)
		}
		if !more || len(out) == 5 {
			break
		}
	}
	return out
}
