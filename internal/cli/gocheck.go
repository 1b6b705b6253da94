package cli

import (
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/toslint/toslint/analyzers/suite"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/directive"
	"github.com/toslint/toslint/internal/load"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/rule"
)

// goResult is the outcome of the Go side of a check.
type goResult struct {
	findings []report.Finding
	engines  []rule.Engine
	files    map[string]bool // Go files whose directives were read and judged
	packages int             // packages checked (the summary line)
	cached   int             // of which found in the result cache
	// failed is set when a package could not be loaded or an analyzer
	// failed on one: the findings say where, and the run exits 2.
	failed bool
	// notes are printed on stderr.
	notes []string
}

// checkGo loads the packages matching patterns and runs the analyzer
// suite. It returns nil when the directories hold no Go module.
//
// Packages are loaded by internal/load: the requested packages, and the
// packages of their module they import (so that the analyzers' facts flow
// from them), from source with full type information; every other
// dependency from export data or from its declarations, which is all the
// analyzers need of it. A package that does not load is reported (TOS006)
// and skipped; the rest is still analysed.
func checkGo(ctx context.Context, pol *policy.Policy, wd string, dirs, patterns []string, set *directive.Set, jobs int) (*goResult, error) {
	modRoot := findUp(dirs[0], "go.mod")
	if modRoot == "" {
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
	cfg := &load.Config{Dir: wd, Jobs: jobs, ModuleDir: modRoot, NoExportData: os.Getenv("TOSLINT_EXPORT_DATA") == "off"}
	listing, err := load.List(ctx, cfg, goPatterns...)
	if err != nil {
		return nil, fmt.Errorf("loading packages: %w", err)
	}
	res := &goResult{files: map[string]bool{}, engines: []rule.Engine{rule.EngineThrottle, rule.EngineAttribution}}
	// Packages whose inputs are unchanged since a run that stored their
	// findings are neither loaded nor analysed: their findings are
	// replayed, and their directives read from their files.
	rc := openResults(listing, pol, analyzers, modRoot, res)
	read := map[string]bool{} // files whose directives were read
	var only func(string) bool
	missed := 0
	for _, p := range listing.Packages() {
		if !p.Root {
			continue
		}
		fs, hit := rc.lookUp(p.ImportPath)
		if !hit {
			missed++
			continue
		}
		res.findings = append(res.findings, fs...)
		res.packages++
		res.cached++
		readDirectives(set, p.GoFiles, read, res.files)
	}
	if res.cached > 0 {
		only = func(path string) bool { _, hit := rc.lookUp(path); return !hit }
	}
	loaded := &load.Result{}
	// With cgo off, the plan names the cgo files left out (a note): it
	// is made even when every package is in the cache.
	if missed > 0 || listing.Env().CGO_ENABLED != "1" {
		planned, err := listing.Plan(ctx)
		if err != nil {
			return nil, fmt.Errorf("loading packages: %w", err)
		}
		loaded, err = planned.Load(ctx, only)
		if err != nil {
			return nil, fmt.Errorf("loading packages: %w", err)
		}
	}
	if len(loaded.CgoExcluded) > 0 {
		res.notes = append(res.notes, cgoNote(wd, loaded.CgoExcluded))
	}
	// Without analyzers only the directives matter, so type errors do not.
	broken := loadFindings(pol, loaded.Roots, len(analyzers) > 0, res)
	if len(broken) > 0 {
		res.notes = append(res.notes, fmt.Sprintf("%s not analysed because of load errors (the TOS006 findings say where); exit status 2", plural(len(broken), "Go package")))
	}
	res.packages += len(loaded.Roots)
	for _, pkg := range loaded.Roots {
		for _, f := range pkg.Syntax {
			// The position's file, not the token.File's: a cgo
			// package's files are cgo's output, whose //line
			// directives name the user's file.
			name := pkg.Fset.Position(f.Package).Filename
			if !read[name] {
				read[name] = true
				directive.GoFile(set, pkg.Fset, f, name)
				if !broken[pkg] {
					res.files[name] = true // unused directives are judged where analyzers ran
				}
			}
		}
	}
	if len(analyzers) == 0 {
		return res, nil
	}
	g := newGuard(broken)
	graph, err := checker.Analyze(g.wrap(analyzers), loaded.Roots, &checker.Options{Sequential: jobs == 1})
	if err != nil {
		return nil, fmt.Errorf("analysing: %w", err)
	}
	fresh := map[string][]report.Finding{} // by package, to store
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			return nil, fmt.Errorf("analyzer %s on %s: %w", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		fs := fresh[act.Package.PkgPath]
		for _, d := range act.Diagnostics {
			if f, ok := diagnosticFinding(pol, act.Package.Fset, act.Analyzer, d); ok {
				res.findings = append(res.findings, f)
				fs = append(fs, f)
			}
		}
		fresh[act.Package.PkgPath] = fs
	}
	failed := g.panics()
	if rc != nil && !res.failed && len(failed) == 0 {
		rc.store(fresh, res)
	}
	if len(failed) > 0 {
		res.notes = append(res.notes, fmt.Sprintf("an analyzer failed with an internal error on %s (the TOS001 findings say where); exit status 2", plural(len(failed), "package")))
	}
	for _, f := range failed {
		res.failed = true
		if pol.Enabled(f.Rule) {
			f.Severity = pol.Severity(f.Rule)
			f.ToolError = true
			res.findings = append(res.findings, f)
		}
	}
	// The attribution analyzer also checks Go files the load did not
	// include (tests, files excluded by build constraints): read their
	// suppressions too.
	for _, f := range res.findings {
		if name := f.Pos.Filename; strings.HasSuffix(name, ".go") && !read[name] && !f.ToolError {
			read[name] = true
			res.files[name] = true
			fset := token.NewFileSet()
			if af, err := parser.ParseFile(fset, name, nil, parser.ParseComments|parser.SkipObjectResolution); err == nil {
				directive.GoFile(set, fset, af, name)
			}
		}
	}
	return res, nil
}

// loadFindings reports each load error of the package graph once
// (TOS006, or TOS001 for an internal error), and returns the packages
// that have errors of their own: they are not analysed. Without typed,
// type errors are not load errors.
func loadFindings(pol *policy.Policy, roots []*packages.Package, typed bool, res *goResult) map[*packages.Package]bool {
	broken := map[*packages.Package]bool{}
	seen := map[string]bool{}
	packages.Visit(roots, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if e.Kind == packages.TypeError && !typed {
				continue
			}
			broken[p] = true
			res.failed = true
			key := e.Pos + "\x00" + e.Msg
			if seen[key] {
				continue
			}
			seen[key] = true
			// One line: go list's messages can have several.
			id, msg := "TOS006", fmt.Sprintf("%s (package %s not analysed)", strings.Join(strings.Fields(e.Msg), " "), p.PkgPath)
			if e.Kind == packages.UnknownError {
				id = "TOS001"
			}
			if pol.Enabled(id) {
				res.findings = append(res.findings, report.Finding{Rule: id, Severity: pol.Severity(id), Pos: errorPos(p, e.Pos), Message: msg, ToolError: true})
			}
		}
	})
	return broken
}

// errorPos parses a go/packages error position ("file:line:col",
// "file:line", "file", "-" or ""); without a file it is the package's
// first file, or its directory.
func errorPos(p *packages.Package, s string) token.Position {
	var pos token.Position
	rest := s
	for i := 0; i < 2; i++ {
		j := strings.LastIndexByte(rest, ':')
		if j < 0 {
			break
		}
		var n int
		if _, err := fmt.Sscanf(rest[j+1:], "%d", &n); err != nil || fmt.Sprint(n) != rest[j+1:] {
			break
		}
		pos.Line, pos.Column = n, pos.Line
		rest = rest[:j]
	}
	pos.Filename = rest
	if rest == "" || rest == "-" {
		pos = token.Position{Filename: p.Dir, Line: 1, Column: 1}
		if len(p.GoFiles) > 0 {
			pos.Filename = p.GoFiles[0]
		}
	}
	return pos
}

// cgoNote tells which files cgo being off leaves out of the analysis.
func cgoNote(wd string, files []string) string {
	var rel []string
	for _, f := range files {
		if r, err := filepath.Rel(wd, f); err == nil && !strings.HasPrefix(r, "..") {
			f = r
		}
		rel = append(rel, f)
	}
	return fmt.Sprintf("cgo is off (CGO_ENABLED=0), so these files that import \"C\" are not analysed: %s (set CGO_ENABLED=1, with a C compiler installed, to check them)",
		strings.Join(rel, ", "))
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
		if fx, ok := suggestedFix(fset, sf); ok {
			f.Fixes = append(f.Fixes, fx)
		}
	}
	return f, true
}

// suggestedFix converts a suggested fix into byte-offset edits. A fix with an
// edit in cgo's output (whose offsets are not the user file's) is left
// out whole: half a fix is worse than none.
func suggestedFix(fset *token.FileSet, sf analysis.SuggestedFix) (report.Fix, bool) {
	fx := report.Fix{Message: sf.Message}
	for _, e := range sf.TextEdits {
		tf := fset.File(e.Pos)
		if tf == nil || tf.Name() != fset.Position(e.Pos).Filename {
			return report.Fix{}, false
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		fx.Edits = append(fx.Edits, report.Edit{File: tf.Name(), Start: tf.Offset(e.Pos), End: tf.Offset(end), New: string(e.NewText)})
	}
	return fx, true
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
