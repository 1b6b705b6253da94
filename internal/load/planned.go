package load

import (
	"context"
	"os"
	"slices"
	"time"

	"golang.org/x/tools/go/packages"
)

// Planned is a load that is planned (go list has run, and how each
// package will be loaded is decided) but not yet done. Callers that can
// answer for some packages without loading them, such as a cache of
// analysis results, look at Packages and load only the rest.
type Planned struct {
	l     *loader
	order []*node
	res   *Result
	start time.Time
}

// Package describes one package of a plan, as go list reported it.
type Package struct {
	ImportPath string
	Dir        string
	// Root is set for the packages the patterns match.
	Root bool
	// Standard is set for the standard library's packages.
	Standard bool
	Module   *packages.Module // nil for the standard library
	// GoFiles are the Go files that are type-checked (cgo's inputs for a
	// cgo package), absolute.
	GoFiles []string
	// EmbedFiles are the files its //go:embed patterns match, absolute.
	EmbedFiles []string
	// Imports are the import paths of the packages it imports, resolved
	// (vendoring), sorted.
	Imports []string
	// Error is go list's error about the package, if any.
	Error string
}

// Plan runs go list (and go env) and decides how each package will be
// loaded, without loading any.
func Plan(ctx context.Context, cfg *Config, patterns ...string) (*Planned, error) {
	start := time.Now()
	if cfg.Env == nil {
		c := *cfg
		c.Env = os.Environ()
		cfg = &c
	}
	res := &Result{}
	l, order, err := plan(ctx, cfg, patterns, res)
	if err != nil {
		return nil, err
	}
	res.Stats.GoList = time.Since(start)
	return &Planned{l: l, order: order, res: res, start: start}, nil
}

// Env is the go command's environment the plan was made in.
func (p *Planned) Env() GoEnv { return *p.l.env }

// Packages describes every package of the plan, each after the packages
// it imports.
func (p *Planned) Packages() []Package {
	out := make([]Package, 0, len(p.order))
	for _, n := range p.order {
		lp := n.lp
		pkg := Package{
			ImportPath: lp.ImportPath,
			Dir:        lp.Dir,
			Root:       !lp.DepOnly,
			Standard:   lp.Standard || lp.Goroot,
			Module:     lp.Module,
			GoFiles:    abs(lp.Dir, lp.GoFiles, lp.CgoFiles, lp.InvalidGoFiles),
			EmbedFiles: abs(lp.Dir, lp.EmbedFiles),
		}
		for _, path := range lp.Imports {
			pkg.Imports = append(pkg.Imports, lp.importPath(path))
		}
		slices.Sort(pkg.Imports)
		if lp.Error != nil {
			pkg.Error = lp.Error.Err
		}
		out = append(out, pkg)
	}
	return out
}

// needed returns the nodes of order that the roots for which only
// returns true need: those roots and every package they import, directly
// or not, in order. Export data is read whole only where a needed package
// checked from source imports it.
func (l *loader) needed(order []*node, only func(string) bool) []*node {
	need := map[*node]bool{}
	var mark func(n *node)
	mark = func(n *node) {
		if need[n] {
			return
		}
		need[n] = true
		for _, d := range n.deps {
			mark(d)
		}
	}
	for _, n := range order {
		if !n.lp.DepOnly && only(n.lp.ImportPath) {
			mark(n)
		}
	}
	var out []*node
	for _, n := range order {
		n.read = false
	}
	for _, n := range order {
		if !need[n] {
			continue
		}
		out = append(out, n)
		if n.how == exportData {
			continue
		}
		for _, d := range n.deps {
			if d.how == exportData {
				d.read = true
			}
		}
	}
	return out
}
