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
// analysis results, list them first (List) and load only the rest.
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

// Listing is what go list reports of the packages matching some patterns
// and their dependencies, before any planning: enough to know which
// packages there are and what files they have, which is all a cache of
// results needs to decide whether anything must be loaded.
type Listing struct {
	cfg      *Config
	patterns []string
	env      *GoEnv
	pkgs     []Package
	start    time.Time
}

// List runs go env and `go list -deps`. It is faster than Plan, which
// also asks the go command where the build cache holds export data.
func List(ctx context.Context, cfg *Config, patterns ...string) (*Listing, error) {
	l, err := newListing(ctx, cfg, patterns)
	if err != nil {
		return nil, err
	}
	listed, err := goList(ctx, l.cfg.Dir, l.cfg.Env, planFields, []string{"-deps"}, patterns)
	if err != nil {
		return nil, err
	}
	l.pkgs = describe(listed)
	return l, nil
}

// newListing reads go env; the packages are listed by the caller.
func newListing(ctx context.Context, cfg *Config, patterns []string) (*Listing, error) {
	start := time.Now()
	if cfg.Env == nil {
		c := *cfg
		c.Env = os.Environ()
		cfg = &c
	}
	env, err := readGoEnv(ctx, cfg.Dir, cfg.Env)
	if err != nil {
		return nil, err
	}
	return &Listing{cfg: cfg, patterns: patterns, env: env, start: start}, nil
}

// Env is the go command's environment.
func (l *Listing) Env() GoEnv { return *l.env }

// Packages describes every package listed, each after the packages it
// imports.
func (l *Listing) Packages() []Package { return l.pkgs }

// Plan plans the load of the listed patterns.
func (l *Listing) Plan(ctx context.Context) (*Planned, error) {
	res := &Result{}
	ld, order, err := plan(ctx, l.cfg, l.env, l.patterns, res)
	if err != nil {
		return nil, err
	}
	res.Stats.GoList = time.Since(l.start)
	return &Planned{l: ld, order: order, res: res, start: l.start}, nil
}

// Plan runs go env and go list, and decides how each package will be
// loaded, without loading any.
func Plan(ctx context.Context, cfg *Config, patterns ...string) (*Planned, error) {
	l, err := newListing(ctx, cfg, patterns)
	if err != nil {
		return nil, err
	}
	return l.Plan(ctx)
}

// describe turns go list's packages into Packages, once each: go list
// repeats a package it reports an error about, and the one without an
// error is kept.
func describe(listed []*listed) []Package {
	var out []Package
	at := map[string]int{}
	for _, lp := range listed {
		i, seen := at[lp.ImportPath]
		if seen && (out[i].Error == "" || lp.Error != nil) {
			continue
		}
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
		if seen {
			out[i] = pkg
			continue
		}
		at[lp.ImportPath] = len(out)
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
