// Package load loads Go packages for toslint's analyzers without building
// anything. The packages to analyse are parsed with comments and
// type-checked from source with full type information; their dependencies
// only need their declarations (toslint's analyzers compute facts for the
// analysed packages only), so each is taken from the compiler's export
// data when the build cache already holds it, and otherwise type-checked
// from source with function bodies blanked out and ignored, as gopls does.
// One `go list -deps` plans the walk; packages are checked in parallel
// along the import graph, and a dependency's syntax is dropped as soon as
// its types exist.
//
// The result is a graph of *packages.Package values with the fields that
// golang.org/x/tools/go/analysis/checker reads, so the analyzers and their
// facts work as under packages.Load.
package load

import (
	"context"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"
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
	Analysed, Declarations, ExportData int           // packages
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
}

// loader holds the state of one Load.
type loader struct {
	cfg      *Config
	fset     *token.FileSet
	sizes    types.Sizes
	nodes    map[string]*node // by import path
	cpu      chan struct{}    // tokens for parsing and type-checking
	exportMu sync.Mutex       // serializes export data reads
}

// Load loads the packages matching patterns and their dependencies.
// Problems with the packages themselves (missing, not parsing, ill-typed)
// are in each Package's Errors; an error means the go command could not
// be run or understood.
func Load(ctx context.Context, cfg *Config, patterns ...string) (*Result, error) {
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
	plan, err := goList(ctx, cfg.Dir, cfg.Env, planFields, []string{"-deps"}, patterns)
	if err != nil {
		return nil, err
	}
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	l := &loader{
		cfg:   cfg,
		fset:  token.NewFileSet(),
		sizes: types.SizesFor("gc", env.GOARCH),
		nodes: map[string]*node{},
		cpu:   make(chan struct{}, jobs),
	}
	var order []*node // dependencies first, as go list -deps prints them
	for _, lp := range plan {
		n := &node{lp: lp, done: make(chan struct{})}
		if old, ok := l.nodes[lp.ImportPath]; ok {
			// go list repeats a package it reports an error about:
			// keep the one without an error.
			if old.lp.Error == nil || lp.Error != nil {
				continue
			}
			*old = *n
			n = old
		} else {
			order = append(order, n)
			l.nodes[lp.ImportPath] = n
		}
		n.files = abs(lp.Dir, lp.GoFiles, lp.InvalidGoFiles)
		switch {
		case !lp.DepOnly || cfg.ModuleDir != "" && lp.Module != nil && lp.Module.Main && sameDir(lp.Module.Dir, cfg.ModuleDir):
			n.how = analysed
		case !lp.Stale && !cfg.NoExportData && lp.ImportPath != "unsafe" && lp.Error == nil:
			n.how = exportData
		default:
			n.how = declarations
		}
		if n.how != analysed && len(lp.CgoFiles) > 0 {
			n.files, n.cgo = append(n.files, abs(lp.Dir, lp.CgoFiles)...), true
		}
	}
	if err := l.exportFiles(ctx, order); err != nil {
		return nil, err
	}
	res := &Result{}
	if err := l.cgoFiles(ctx, order, env, patterns, res); err != nil {
		return nil, err
	}
	res.Stats.GoList = time.Since(start)
	l.link(order)
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
			res.Stats.ExportData++
		}
		if !n.lp.DepOnly {
			res.Roots = append(res.Roots, n.pkg)
		}
	}
	res.Stats.Wall = time.Since(start)
	return res, nil
}

// exportFiles asks the go command where the export data of the packages
// to load from it is. They are not stale, so nothing is built.
func (l *loader) exportFiles(ctx context.Context, order []*node) error {
	var paths []string
	for _, n := range order {
		if n.how == exportData {
			paths = append(paths, n.lp.ImportPath)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	listed, err := goList(ctx, l.cfg.Dir, l.cfg.Env, []string{"ImportPath", "Export"}, []string{"-export"}, paths)
	if err != nil {
		return err
	}
	for _, lp := range listed {
		if n := l.nodes[lp.ImportPath]; n != nil {
			n.lp.Export = lp.Export
		}
	}
	for _, n := range order {
		if n.how == exportData && n.lp.Export == "" {
			n.how = declarations
		}
	}
	return nil
}

// link creates each node's Package and its edges.
func (l *loader) link(order []*node) {
	for _, n := range order {
		lp := n.lp
		n.pkg = &packages.Package{
			ID:              lp.ImportPath,
			Name:            lp.Name,
			PkgPath:         lp.ImportPath,
			Dir:             lp.Dir,
			GoFiles:         abs(lp.Dir, lp.GoFiles, lp.CgoFiles),
			CompiledGoFiles: n.files,
			OtherFiles:      lp.otherFiles(),
			IgnoredFiles:    abs(lp.Dir, lp.IgnoredGoFiles, lp.IgnoredOther),
			EmbedFiles:      abs(lp.Dir, lp.EmbedFiles),
			EmbedPatterns:   abs(lp.Dir, lp.EmbedPatterns),
			Module:          lp.Module,
			Fset:            l.fset,
			TypesSizes:      l.sizes,
			Imports:         map[string]*packages.Package{},
		}
	}
	for _, n := range order {
		lp := n.lp
		if lp.Error == nil {
			continue
		}
		// A package that is not there: its error belongs to the package
		// whose import names it.
		if len(lp.GoFiles)+len(lp.CgoFiles)+len(lp.InvalidGoFiles) == 0 {
			if by := l.nodes[importer(lp)]; by != nil {
				n.missing = true
				by.pkg.Errors = append(by.pkg.Errors, toPackagesError(l.cfg.Dir, lp.Error))
				continue
			}
		}
		n.pkg.Errors = append(n.pkg.Errors, toPackagesError(l.cfg.Dir, lp.Error))
	}
	for _, n := range order {
		for _, path := range n.lp.Imports {
			if path == "C" {
				continue
			}
			dep := l.nodes[path]
			if dep == nil {
				continue // reported by go list on n
			}
			n.deps = append(n.deps, dep)
			n.pkg.Imports[path] = dep.pkg
		}
		for path, id := range n.lp.ImportMap {
			if dep := l.nodes[id]; dep != nil {
				delete(n.pkg.Imports, id)
				n.pkg.Imports[path] = dep.pkg
			}
		}
	}
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
	switch {
	case n.lp.ImportPath == "unsafe":
		n.pkg.Types, n.pkg.CompiledGoFiles = types.Unsafe, nil
		return
	case n.missing:
		return
	}
	if n.how == exportData {
		if err := l.readExport(n); err == nil {
			return
		}
		n.how = declarations // fall back to the source
	}
	l.checkSource(n)
}

// importer returns the package whose import of p go list's error is
// about, or "".
func importer(p *listed) string {
	stack := p.Error.ImportStack
	if n := len(stack); n > 0 && stack[n-1] == p.ImportPath {
		stack = stack[:n-1] // the package itself, in older versions of go
	}
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1]
}

// sameDir reports whether two directory names are the same directory.
func sameDir(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}
