// Package load loads Go packages for toslint's analyzers without building
// anything.
//
// The packages to analyse (those the patterns match, and the packages of
// their module they import, from which facts flow) are parsed with
// comments and type-checked from source with full type information. Their
// dependencies only need their declarations, since toslint's analyzers
// compute facts for analysed packages only: a dependency whose export
// data the build cache already holds is read from it (whole for the
// packages an analysed one imports, the rest only as far as those need),
// and any other is type-checked from source with function bodies and
// package-level table literals blanked out and ignored, as gopls does.
//
// One `go list -deps -n -export` plans the walk: it reports the files,
// imports, cgo use and module of every package and, without building
// anything, the export data the cache holds. Packages are then checked in
// parallel along the import graph (at most Config.Jobs at once), and a
// dependency's syntax and line tables are dropped as soon as its types
// exist. An analysed package that uses cgo is checked from the files cgo
// writes (go list -compiled), whose //line directives keep positions in
// the user's files.
//
// The result is a graph of *packages.Package values with the fields that
// golang.org/x/tools/go/analysis/checker reads, so the analyzers and their
// facts work as they do under packages.Load.
package load

import (
	"context"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"path"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/packages"
)

// Config says what to load and how.
type Config struct {
	// Dir is the directory the go command runs in; patterns are relative
	// to it.
	Dir string
	// Env is the go command's environment (nil: this process's).
	Env []string
	// Jobs bounds the files parsed and packages type-checked at once
	// (≤ 0: GOMAXPROCS).
	Jobs int
	// ModuleDir, when set, is the root of a module whose packages are
	// analysed too when the requested packages import them, so that the
	// analyzers' facts flow from them.
	ModuleDir string
	// NoExportData type-checks every dependency from source, even when
	// the build cache holds its export data (for measurements).
	NoExportData bool
	// Trace, when set, receives a line per package loaded: its path, how
	// it was loaded, its Go files and the milliseconds spent parsing,
	// type-checking or reading export data (for measurements).
	Trace io.Writer
}

// Result is a loaded package graph.
type Result struct {
	// Roots are the packages the patterns match, in dependency order.
	// They and the packages they import (directly or not) form the graph:
	// analysed packages have Syntax and TypesInfo, the others Types only.
	Roots []*packages.Package
	// CgoExcluded are the files of analysed packages that import "C" and
	// are left out of the build because cgo is off (CGO_ENABLED=0).
	CgoExcluded []string
	// Stats describes the work done.
	Stats Stats
}

// Stats counts packages by how they were loaded, and the time spent.
type Stats struct {
	Analysed, Declarations, ExportData int           // packages (ExportData: read whole)
	GoList                             time.Duration // planning (go list and go env)
	Wall                               time.Duration // the whole load
}

// how a package's types are obtained.
type how int

const (
	analysed     how = iota // source, with bodies; syntax and TypesInfo kept
	declarations            // source, bodies blanked and ignored; syntax dropped
	exportData              // compiler export data from the build cache
)

func (h how) String() string {
	switch h {
	case analysed:
		return "analysed"
	case declarations:
		return "declarations"
	}
	return "export"
}

// node is one package of the graph being loaded.
type node struct {
	lp   *listed
	how  how
	pkg  *packages.Package
	deps []*node // the packages it imports, the ones it waits for
	done chan struct{}
	// files are the Go files type-checked: the cgo-processed ones for an
	// analysed cgo package.
	files []string
	cgo   bool // type-checked with "C" faked (a cgo dependency)
	// missing is set for a package go list could not find: its error is
	// reported on the package that imports it, and importing it fails.
	missing bool
	// read is set for a package taken from export data that a package
	// checked from source imports: its export data is read whole. The
	// others are filled in only as far as those reads need them.
	read bool
	work atomic.Int64 // nanoseconds parsing, type-checking or reading export data
}

// loader holds the state of one Load.
type loader struct {
	cfg      *Config
	env      *GoEnv
	fset     *token.FileSet
	sizes    types.Sizes
	nodes    map[string]*node          // by import path
	cpu      chan struct{}             // tokens for parsing and type-checking
	inFlight chan struct{}             // tokens for packages being parsed and checked
	exportMu sync.Mutex                // serializes export data reads, which fill view
	view     map[string]*types.Package // the packages taken from export data
	traceMu  sync.Mutex
}

// Load loads the packages matching patterns and their dependencies.
// Problems with the packages themselves (missing, not parsing, ill-typed)
// are in each Package's Errors; an error means the go command could not
// be run or understood.
func Load(ctx context.Context, cfg *Config, patterns ...string) (*Result, error) {
	p, err := Plan(ctx, cfg, patterns...)
	if err != nil {
		return nil, err
	}
	return p.Load(ctx, nil)
}

// Load loads the planned packages: every package the patterns match, or,
// when only is not nil, those of them for which only returns true (by
// import path), with what they need. It may be called once.
func (p *Planned) Load(ctx context.Context, only func(importPath string) bool) (*Result, error) {
	l, res := p.l, p.res
	order := p.order
	if only != nil {
		order = l.needed(order, only)
	}
	l.run(ctx, order)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, n := range order {
		switch n.how {
		case analysed:
			res.Stats.Analysed++
		case declarations:
			res.Stats.Declarations++
		case exportData:
			if n.read {
				res.Stats.ExportData++
			}
		}
		// A root that another needs, but only did not ask for, is
		// loaded as a dependency.
		if !n.lp.DepOnly && (only == nil || only(n.lp.ImportPath)) {
			res.Roots = append(res.Roots, n.pkg)
		}
	}
	res.Stats.Wall = time.Since(p.start)
	return res, nil
}

// run loads every node, each after the packages it imports, with at most
// Jobs parsing or type-checking at once.
func (l *loader) run(ctx context.Context, order []*node) {
	var wg sync.WaitGroup
	for _, n := range order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(n.done)
			for _, d := range n.deps {
				select {
				case <-d.done:
				case <-ctx.Done():
					return
				}
			}
			if ctx.Err() != nil {
				return
			}
			l.load(n)
		}()
	}
	wg.Wait()
}

// load obtains n's types.
func (l *loader) load(n *node) {
	defer func() {
		if r := recover(); r != nil {
			n.pkg.Errors = append(n.pkg.Errors, packages.Error{
				Pos: n.lp.Dir, Msg: fmt.Sprintf("internal error loading the package: %v", r), Kind: packages.UnknownError,
			})
		}
		// The checker wants a name and types for every package,
		// whatever went wrong.
		if n.pkg.Name == "" {
			n.pkg.Name = path.Base(n.lp.ImportPath)
		}
		if n.pkg.Types == nil {
			n.pkg.Types = types.NewPackage(n.lp.ImportPath, n.pkg.Name)
		}
		n.pkg.IllTyped = len(n.pkg.Errors) > 0
		for _, d := range n.deps {
			n.pkg.IllTyped = n.pkg.IllTyped || d.pkg.IllTyped
		}
	}()
	if l.cfg.Trace != nil {
		defer func() {
			l.traceMu.Lock()
			fmt.Fprintf(l.cfg.Trace, "%s\t%s\t%d\t%.3f\n", n.lp.ImportPath, n.how, len(n.files), float64(n.work.Load())/1e6)
			l.traceMu.Unlock()
		}()
	}
	switch {
	case n.lp.ImportPath == "unsafe":
		n.pkg.Types, n.pkg.CompiledGoFiles = types.Unsafe, nil
		return
	case n.missing:
		return
	}
	if n.how == exportData {
		if n.read {
			if err := l.readExport(n); err != nil {
				n.pkg.Errors = append(n.pkg.Errors, packages.Error{Pos: n.lp.Dir, Msg: fmt.Sprintf("reading export data from the build cache: %v", err), Kind: packages.ListError})
			}
		}
		return
	}
	l.checkSource(n)
}
