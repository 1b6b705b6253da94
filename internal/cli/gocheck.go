package cli

import (
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/toslint/toslint/analyzers/suite"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/directive"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/rule"
)

// goResult is the outcome of the Go side of a check.
type goResult struct {
	findings []report.Finding
	engines  []rule.Engine
	files    map[string]bool // Go files whose directives were read
	packages int             // packages checked (the summary line)
	// failed is set when a package could not be loaded or an analyzer
	// failed on one: the findings say where, and the run exits 2.
	failed bool
	// notes are printed on stderr.
	notes []string
}

// checkGo loads the packages matching patterns and runs the analyzer
// suite. It returns nil when the directories hold no Go module.
func checkGo(ctx context.Context, pol *policy.Policy, wd string, dirs, patterns []string, set *directive.Set, jobs int) (*goResult, error) {
	if findUp(dirs[0], "go.mod") == "" {
		return nil, nil // not a Go module: the Go side is skipped
	}
	goPatterns := patterns // packages only: check.go classified the arguments
	if len(goPatterns) == 0 {
		return nil, nil
	}
	analyzers, err := suite.New(pol, analysisutil.Options{})
	if err != nil {
		return nil, fmt.Errorf("building analyzers: %w", err)
	}
	mode := packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedSyntax | packages.NeedModule
	loadPatterns := goPatterns
	var requested map[string]bool
	if len(analyzers) > 0 {
		// toslint's analyzers compute facts for the main module's packages
		// only (the standard library and dependencies are matched by the
		// packs' patterns), so dependencies come from export data instead
		// of being type-checked from source, the cost of any fact-based
		// driver. The requested packages are analysed with the module's
		// packages they import, so that facts flow from those; findings
		// are kept for the requested ones.
		mode = packages.LoadSyntax | packages.NeedModule
		modRoot := findUp(dirs[0], "go.mod")
		if !(len(goPatterns) == 1 && goPatterns[0] == "./..." && wd == modRoot) { // else the module is the request
			if loadPatterns, requested, err = moduleDeps(ctx, wd, goPatterns); err != nil {
				return nil, err
			}
		}
	}
	cfg := &packages.Config{Context: ctx, Mode: mode, Dir: wd, Tests: false}
	pkgs, err := packages.Load(cfg, loadPatterns...)
	if err != nil {
		return nil, fmt.Errorf("loading packages: %w", err)
	}
	if err := loadErrors(pkgs, len(analyzers) > 0); err != nil {
		return nil, err
	}
	res := &goResult{files: map[string]bool{}, engines: []rule.Engine{rule.EngineThrottle, rule.EngineAttribution}}
	for _, pkg := range pkgs {
		if requested != nil && !requested[pkg.ID] {
			continue
		}
		res.packages++
		for i, f := range pkg.Syntax {
			if i >= len(pkg.CompiledGoFiles) {
				break
			}
			if name := pkg.CompiledGoFiles[i]; !res.files[name] {
				res.files[name] = true
				directive.GoFile(set, pkg.Fset, f, name)
			}
		}
	}
	if len(analyzers) == 0 {
		return res, nil
	}
	graph, err := checker.Analyze(analyzers, pkgs, &checker.Options{Sequential: jobs == 1})
	if err != nil {
		return nil, fmt.Errorf("analysing: %w", err)
	}
	for act := range graph.All() {
		if !act.IsRoot || (requested != nil && !requested[act.Package.ID]) {
			continue
		}
		if act.Err != nil {
			return nil, fmt.Errorf("analyzer %s on %s: %w", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			if f, ok := diagnosticFinding(pol, act.Package.Fset, act.Analyzer, d); ok {
				res.findings = append(res.findings, f)
			}
		}
	}
	// The attribution analyzer also checks Go files the load did not
	// include (tests, files excluded by build constraints): read their
	// suppressions too.
	for _, f := range res.findings {
		if name := f.Pos.Filename; strings.HasSuffix(name, ".go") && !res.files[name] {
			res.files[name] = true
			fset := token.NewFileSet()
			if af, err := parser.ParseFile(fset, name, nil, parser.ParseComments|parser.SkipObjectResolution); err == nil {
				directive.GoFile(set, fset, af, name)
			}
		}
	}
	return res, nil
}

// moduleDeps returns the packages to load for the patterns: those they
// match (requested, by ID) and the main module's packages these import,
// directly or not. Facts flow from a package to its importers, so the
// requested packages' own dependencies in the module are all the analysis
// needs; the rest of the module is left alone (a pre-commit run on one
// file then type-checks a fraction of a large module).
func moduleDeps(ctx context.Context, wd string, patterns []string) ([]string, map[string]bool, error) {
	mode := packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule
	roots, err := packages.Load(&packages.Config{Context: ctx, Mode: mode, Dir: wd}, patterns...)
	if err != nil {
		return nil, nil, fmt.Errorf("loading packages: %w", err)
	}
	requested := map[string]bool{}
	for _, p := range roots {
		requested[p.ID] = true
	}
	var load []string
	packages.Visit(roots, func(p *packages.Package) bool {
		if p.Module == nil || !p.Module.Main {
			return false // outside the module: export data will do
		}
		load = append(load, p.PkgPath)
		return true
	}, nil)
	slices.Sort(load)
	if len(load) == 0 { // nothing in the module matched: let the load say why
		load = patterns
	}
	return load, requested, nil
}

// loadErrors turns package loading errors into one error (exit 2).
// Without analyzers only syntax matters, so type errors are ignored.
func loadErrors(pkgs []*packages.Package, typed bool) error {
	var msgs []string
	seen := map[string]bool{}
	parseFailed := map[string]bool{} // files: keep the first syntax error only
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		parsed := false // a syntax error is also in the compiler's list error
		for _, e := range p.Errors {
			parsed = parsed || e.Kind == packages.ParseError
		}
		for _, e := range p.Errors {
			if parsed && e.Kind == packages.ListError {
				continue
			}
			if e.Kind == packages.TypeError && !typed {
				continue
			}
			if e.Kind == packages.ParseError {
				file, _, _ := strings.Cut(e.Pos, ":")
				if parseFailed[file] {
					continue
				}
				parseFailed[file] = true
			}
			if msg := e.Error(); !seen[msg] {
				seen[msg] = true
				msgs = append(msgs, msg)
			}
		}
	})
	if len(msgs) == 0 {
		return nil
	}
	if len(msgs) > 10 {
		msgs = append(msgs[:10], fmt.Sprintf("and %d more", len(msgs)-10))
	}
	return fmt.Errorf("loading packages:\n\t%s", strings.Join(msgs, "\n\t"))
}

// diagnosticFinding converts an analyzer diagnostic. Its Category must be
// a registered rule ID; the policy decides whether it is reported and at
// what severity.
func diagnosticFinding(pol *policy.Policy, fset *token.FileSet, a *analysis.Analyzer, d analysis.Diagnostic) (report.Finding, bool) {
	id := d.Category
	if _, ok := rule.Lookup(id); !ok {
		id = "TOS000"
	}
	if id != "TOS000" && !pol.Enabled(id) {
		return report.Finding{}, false
	}
	f := report.Finding{Rule: id, Severity: pol.Severity(id), Pos: fset.Position(d.Pos), Message: d.Message}
	if id == "TOS000" {
		f.Message = fmt.Sprintf("%s (analyzer %s reported an unregistered category %q)", d.Message, a.Name, d.Category)
	}
	if d.End.IsValid() {
		f.End = fset.Position(d.End)
	}
	for _, r := range d.Related {
		f.Related = append(f.Related, report.Related{Pos: fset.Position(r.Pos), Message: r.Message})
	}
	for _, sf := range d.SuggestedFixes {
		fx := report.Fix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			tf := fset.File(e.Pos)
			if tf == nil {
				continue
			}
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			fx.Edits = append(fx.Edits, report.Edit{File: tf.Name(), Start: tf.Offset(e.Pos), End: tf.Offset(end), New: string(e.NewText)})
		}
		f.Fixes = append(f.Fixes, fx)
	}
	return f, true
}
