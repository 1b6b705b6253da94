// Package analysisutil holds what every toslint analyzer shares: the doc
// extraction of x/tools' analyzers, and one Report helper that tags
// diagnostics with their rule ID, skips generated files and, where the
// driver does not do it itself, honours //toslint:ignore directives.
package analysisutil

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/toslint/toslint/internal/directive"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/rule"
)

// ExtractDoc returns the documentation of analyzer name from the source of
// a doc.go whose package comment has a "# Analyzer name" heading: the text
// after the heading up to the next heading. The first line must be
// "name: summary". It panics on a malformed doc (a programmer error).
func ExtractDoc(src, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic(fmt.Sprintf("analyzer doc for %s: no package comment", name))
	}
	doc := f.Doc.Text()
	heading := "# Analyzer " + name
	_, rest, ok := strings.Cut(doc, heading+"\n")
	if !ok {
		panic(fmt.Sprintf("analyzer doc has no %q heading", heading))
	}
	if i := strings.Index(rest, "\n# "); i >= 0 {
		rest = rest[:i]
	}
	rest = strings.TrimSpace(rest)
	summary, body, _ := strings.Cut(rest, "\n")
	s, ok := strings.CutPrefix(summary, name+": ")
	if !ok {
		panic(fmt.Sprintf("analyzer doc for %s must start with %q", name, name+": "))
	}
	return s + "\n" + body
}

// AnalyzerURL is the documentation address of a toslint analyzer: its
// package documentation (doc.go), which lists every rule it reports. Each
// diagnostic carries its own rule's address (rule.Rule.URL).
func AnalyzerURL(name string) string {
	return "https://pkg.go.dev/github.com/toslint/toslint/analyzers/" + name
}

// SkipPackage reports packages toslint's analyzers do not judge: the
// standard library and versioned dependencies (module versions from the
// module cache). Facts of such packages are simply absent; callers match
// their functions by the packs' patterns instead.
func SkipPackage(pass *analysis.Pass) bool {
	if pass.Module != nil && pass.Module.Version != "" {
		return true
	}
	if len(pass.Files) > 0 {
		if tf := pass.Fset.File(pass.Files[0].FileStart); tf != nil {
			return InGOROOT(tf.Name())
		}
	}
	return false
}

// goroot is where the standard library's sources are.
var goroot = filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)

// SkipDir reports directories the go command does not treat as packages
// of a module: testdata, vendor, and names starting with . or _. The
// attribution analyzer does not walk them, so the result cache does not
// fingerprint them either (internal/resultcache).
func SkipDir(name string) bool {
	return name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// InGOROOT reports whether a file or directory is in the standard
// library's sources: never the user's code.
func InGOROOT(path string) bool { return strings.HasPrefix(path+string(filepath.Separator), goroot) }

// Options control how an analyzer reports.
type Options struct {
	// ApplyDirectives drops diagnostics suppressed by //toslint:ignore.
	// The toslint CLI leaves this off and applies directives itself, so
	// that suppressed findings stay in its json and sarif output; the
	// golangci-lint plugin and the vet tool turn it on.
	ApplyDirectives bool
}

// Reporter reports diagnostics for one pass.
type Reporter struct {
	pass      *analysis.Pass
	pol       *policy.Policy
	opts      Options
	set       *directive.Set
	generated map[*token.File]bool
	names     map[*token.File]string
}

// NewReporter prepares a Reporter: it notes generated files and, when
// directives apply, parses them.
func NewReporter(pass *analysis.Pass, pol *policy.Policy, opts Options) *Reporter {
	r := &Reporter{pass: pass, pol: pol, opts: opts, generated: map[*token.File]bool{}, names: map[*token.File]string{}}
	if opts.ApplyDirectives {
		r.set = directive.NewSet()
	}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		r.names[tf] = FileName(pass.Fset, f)
		if Generated(pass.Fset, f) {
			r.generated[tf] = true
		}
		if r.set != nil {
			directive.GoFile(r.set, pass.Fset, f, r.names[tf])
		}
	}
	return r
}

// AddGoFile reads the directives of a Go file that is not among the
// pass's files (an analyzer that checks more files than the driver
// loaded, such as test files), parsed into fset; name is the file's name.
func (r *Reporter) AddGoFile(fset *token.FileSet, f *ast.File, name string) {
	if r.set != nil {
		directive.GoFile(r.set, fset, f, name)
	}
}

// Generated reports whether pos is in a generated file.
func (r *Reporter) Generated(pos token.Pos) bool {
	return r.generated[r.pass.Fset.File(pos)]
}

// Report reports a diagnostic for rule id at rng with Category set to the
// ID and URL to the rule's documentation. Nothing is reported in generated files, for rules the policy turns
// off, or (with ApplyDirectives) on lines a directive covers.
func (r *Reporter) Report(id string, rng analysis.Range, related []analysis.RelatedInformation, format string, args ...any) {
	if r.pol != nil && !r.pol.Enabled(id) {
		return
	}
	tf := r.pass.Fset.File(rng.Pos())
	if tf == nil || r.generated[tf] {
		return
	}
	if r.set != nil {
		pos := r.pass.Fset.Position(rng.Pos())
		if r.set.Match(id, pos.Filename, pos.Line) != nil {
			return
		}
	}
	d := analysis.Diagnostic{
		Pos: rng.Pos(), End: rng.End(), Category: id,
		Message: fmt.Sprintf(format, args...), Related: related,
	}
	if rl, ok := rule.Lookup(id); ok {
		d.URL = rl.URL()
	}
	r.pass.Report(d)
}

// FileName returns the name of the file that f's positions are reported
// in: its own, or for cgo's output (which the go command analyses in place
// of a file that imports "C") the user's file its //line directives name.
func FileName(fset *token.FileSet, f *ast.File) string {
	return fset.Position(f.Package).Filename
}

// Generated reports whether f is a generated file whose findings are not
// reported. cgo's output for a user's file is marked generated by cmd/cgo
// but is the user's code: it counts as generated only if the user's file
// itself carries a "Code generated" comment.
func Generated(fset *token.FileSet, f *ast.File) bool {
	if !ast.IsGenerated(f) {
		return false
	}
	tf := fset.File(f.FileStart)
	if tf == nil || FileName(fset, f) == tf.Name() {
		return true
	}
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if generatedComment.MatchString(c.Text) && !strings.Contains(c.Text, "by cmd/cgo;") {
				return true
			}
		}
	}
	return false
}

// generatedComment is the convention of https://go.dev/s/generatedcode.
var generatedComment = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

// WithRuleIDs returns a copy of a whose diagnostics start with their rule
// ID ("TOS101: ...") and are dropped when the policy turns the rule off.
// golangci-lint drops Diagnostic.Category, so its plugin needs the ID in
// the text; tests use it to assert rule IDs.
//
// With foldRelated, related information is folded into the message:
// golangci-lint turns each related location into an issue of its own,
// which nolint directives on the finding's line do not cover.
func WithRuleIDs(a *analysis.Analyzer, pol *policy.Policy, foldRelated bool) *analysis.Analyzer {
	w := *a
	w.Run = func(pass *analysis.Pass) (any, error) {
		inner := *pass
		inner.Report = func(d analysis.Diagnostic) {
			if d.Category != "" {
				if pol != nil && !pol.Enabled(d.Category) {
					return
				}
				d.Message = d.Category + ": " + d.Message
			}
			if foldRelated && len(d.Related) > 0 {
				posn := pass.Fset.Position(d.Related[0].Pos)
				d.Message += fmt.Sprintf(" (line %d: %s)", posn.Line, d.Related[0].Message)
				d.Related = nil
			}
			pass.Report(d)
		}
		return a.Run(&inner)
	}
	return &w
}
