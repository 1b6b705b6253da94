package load

import (
	"bufio"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// checkSource parses n's files and type-checks them: with bodies and full
// type information for an analysed package, declarations only for a
// dependency, whose syntax is then dropped.
func (l *loader) checkSource(n *node) {
	// At most Jobs packages between parsing and type-checking, so that
	// parsed files do not pile up waiting.
	l.inFlight <- struct{}{}
	defer func() { <-l.inFlight }()
	pkg := n.pkg
	files, errs := l.parseFiles(n)
	pkg.Errors = append(pkg.Errors, errs...)
	if len(errs) > 0 {
		pkg.Errors = dropListErrors(pkg.Errors) // the parser says it better
	}
	conf := &types.Config{
		Importer:         importerFunc(func(path string) (*types.Package, error) { return l.importFor(n, path) }),
		Sizes:            l.sizes,
		IgnoreFuncBodies: n.how != analysed,
		FakeImportC:      n.cgo,
		Error: func(err error) {
			var te types.Error
			if errors.As(err, &te) {
				pkg.TypeErrors = append(pkg.TypeErrors, te)
				if strings.HasPrefix(te.Msg, "could not import ") && strings.HasSuffix(te.Msg, "("+errMissing+")") {
					return // the package's go list error says so
				}
				pkg.Errors = append(pkg.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
				return
			}
			pkg.Errors = append(pkg.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.TypeError})
		},
	}
	if m := n.lp.Module; m != nil && m.GoVersion != "" {
		conf.GoVersion = "go" + m.GoVersion
	}
	var info *types.Info
	if n.how == analysed {
		info = &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		}
	}
	tpkg := types.NewPackage(n.lp.ImportPath, n.lp.Name)
	l.cpu <- struct{}{}
	start := time.Now()
	err := types.NewChecker(conf, l.fset, tpkg, info).Files(files)
	n.work.Add(int64(time.Since(start)))
	<-l.cpu
	if err != nil && len(pkg.TypeErrors) == 0 && len(pkg.Errors) == 0 {
		pkg.Errors = append(pkg.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.TypeError})
	}
	pkg.Types = tpkg
	if n.how == analysed {
		pkg.Syntax, pkg.TypesInfo = files, info
		return
	}
	// Nothing reports at a dependency's positions once its errors are
	// recorded: its line tables go with its syntax.
	for _, f := range files {
		if tf := l.fset.File(f.FileStart); tf != nil {
			tf.SetLines([]int{0})
		}
	}
}

// parseFiles parses n's files in parallel. An analysed package keeps its
// comments; a dependency's function bodies are blanked first. Only the
// first syntax error of each file is kept.
func (l *loader) parseFiles(n *node) ([]*ast.File, []packages.Error) {
	mode := parser.AllErrors | parser.ParseComments
	if n.how != analysed {
		mode = parser.SkipObjectResolution
	}
	files := make([]*ast.File, len(n.files))
	errs := make([]error, len(n.files))
	var wg sync.WaitGroup
	for i, name := range n.files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.cpu <- struct{}{}
			defer func(start time.Time) {
				n.work.Add(int64(time.Since(start)))
				<-l.cpu
			}(time.Now())
			defer func() {
				if r := recover(); r != nil {
					errs[i] = fmt.Errorf("internal error parsing the file: %v", r)
				}
			}()
			src, err := os.ReadFile(name)
			if err != nil {
				errs[i] = err
				return
			}
			if n.how != analysed {
				src = blankFuncBodies(src)
			}
			files[i], errs[i] = parser.ParseFile(l.fset, name, src, mode)
		}()
	}
	wg.Wait()
	var out []*ast.File
	var perrs []packages.Error
	for i, f := range files {
		if f != nil {
			out = append(out, f)
		}
		if err := errs[i]; err != nil {
			var list scanner.ErrorList
			if errors.As(err, &list) && len(list) > 0 {
				perrs = append(perrs, packages.Error{Pos: list[0].Pos.String(), Msg: list[0].Msg, Kind: packages.ParseError})
			} else {
				perrs = append(perrs, packages.Error{Pos: n.files[i], Msg: err.Error(), Kind: packages.ParseError})
			}
		}
	}
	return out, perrs
}

// importFor resolves an import of n's source.
func (l *loader) importFor(n *node, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	dep := l.nodes[n.lp.importPath(path)]
	if dep == nil || dep.missing || dep.pkg.Types == nil {
		return nil, errors.New(errMissing)
	}
	return dep.pkg.Types, nil
}

// errMissing is the importer's error for a package go list did not find.
const errMissing = "package not found"

// readExport reads n's types from the export data in the build cache
// into its package in the view, filling in the packages it refers to as
// far as it needs them.
func (l *loader) readExport(n *node) error {
	f, err := os.Open(n.lp.Export)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		return err
	}
	l.exportMu.Lock()
	defer l.exportMu.Unlock()
	start := time.Now()
	_, err = gcexportdata.Read(r, l.fset, l.view, n.lp.ImportPath)
	n.work.Add(int64(time.Since(start)))
	return err
}

// toPackagesError converts go list's error, with its file made absolute.
func toPackagesError(dir string, e *listError) packages.Error {
	pos := e.Pos
	if pos != "" && !filepath.IsAbs(pos) {
		pos = filepath.Join(dir, pos)
	}
	return packages.Error{Pos: pos, Msg: strings.TrimSpace(e.Err), Kind: packages.ListError}
}

// dropListErrors drops go list's errors when the parser reported errors:
// go list's are the same syntax errors, seen while reading imports.
func dropListErrors(errs []packages.Error) []packages.Error {
	var out []packages.Error
	for _, e := range errs {
		if e.Kind != packages.ListError {
			out = append(out, e)
		}
	}
	return out
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
