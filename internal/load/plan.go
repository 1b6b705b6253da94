package load

import (
	"context"
	"go/token"
	"go/types"
	"path/filepath"
	"runtime"

	"golang.org/x/tools/go/packages"
)

// plan runs go list once (and again for cgo, when an analysed package
// uses it) and decides how each package is loaded: analysed if the
// patterns match it or it belongs to cfg.ModuleDir; from export data if
// the build cache holds that of it and of everything it imports
// (`go list -n -export` reports it without building anything); from its
// declarations otherwise. It returns the nodes, dependencies first.
func plan(ctx context.Context, cfg *Config, env *GoEnv, patterns []string, res *Result) (*loader, []*node, error) {
	listed, err := goList(ctx, cfg.Dir, cfg.Env, planFields, []string{"-deps", "-n", "-export"}, patterns)
	if err != nil {
		return nil, nil, err
	}
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	l := &loader{
		cfg:      cfg,
		env:      env,
		fset:     token.NewFileSet(),
		sizes:    types.SizesFor("gc", env.GOARCH),
		nodes:    map[string]*node{},
		cpu:      make(chan struct{}, jobs),
		inFlight: make(chan struct{}, jobs),
		view:     map[string]*types.Package{},
	}
	var order []*node // dependencies first, as go list -deps prints them
	for _, lp := range listed {
		n := l.nodes[lp.ImportPath]
		switch {
		case n == nil:
			n = &node{done: make(chan struct{})}
			order = append(order, n)
			l.nodes[lp.ImportPath] = n
		case n.lp.Error == nil || lp.Error != nil:
			// go list repeats a package it reports an error about:
			// keep the one without an error.
			continue
		}
		n.lp = lp
		n.files = abs(lp.Dir, lp.GoFiles, lp.InvalidGoFiles)
		switch {
		case !lp.DepOnly || cfg.ModuleDir != "" && lp.Module != nil && lp.Module.Main && sameDir(lp.Module.Dir, cfg.ModuleDir):
			n.how = analysed
		case lp.Export != "" && !cfg.NoExportData && lp.Error == nil && l.importsExported(lp):
			n.how = exportData
		default:
			n.how = declarations
		}
		if n.how != analysed && len(lp.CgoFiles) > 0 {
			n.files, n.cgo = append(n.files, abs(lp.Dir, lp.CgoFiles)...), true
		}
	}
	if err := l.cgoFiles(ctx, order, env, patterns, res); err != nil {
		return nil, nil, err
	}
	l.link(order)
	return l, order, nil
}

// importsExported reports whether every package p imports is taken from
// export data: export data refers to the packages it imports, which must
// then come from export data too. (They do in a build cache that holds
// p's, unless a dependency is one of the analysed packages.)
func (l *loader) importsExported(p *listed) bool {
	for _, path := range p.Imports {
		if dep := l.nodes[p.importPath(path)]; path != "C" && path != "unsafe" && (dep == nil || dep.how != exportData) {
			return false
		}
	}
	return true
}

// link creates each node's Package and its edges, and marks the export
// data to read whole: that of the packages a package checked from source
// imports.
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
		if n.how == exportData {
			// Filled in by the export data reads that need it.
			n.pkg.Types = types.NewPackage(lp.ImportPath, lp.Name)
			l.view[lp.ImportPath] = n.pkg.Types
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
			if n.how != exportData && dep.how == exportData {
				dep.read = true
			}
		}
		for path, id := range n.lp.ImportMap {
			if dep := l.nodes[id]; dep != nil {
				delete(n.pkg.Imports, id)
				n.pkg.Imports[path] = dep.pkg
			}
		}
	}
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
