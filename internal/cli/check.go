package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/toslint/toslint/docscan"
	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/directive"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/rule"
)

// checkFlags are the flags of `toslint check`.
type checkFlags struct {
	format        string
	configFile    string
	failOn        string
	fix           bool
	newFromRev    string
	only          string
	jobs          int
	dir           string
	cpuProfile    string
	mergeBase     string
	baseline      string
	writeBaseline string
	also          alsoOutputs
}

// alsoOutputs are extra "format=file" outputs of the same run (-also).
type alsoOutputs []struct{ format, file string }

func (a *alsoOutputs) String() string { return "" }

func (a *alsoOutputs) Set(v string) error {
	format, file, ok := strings.Cut(v, "=")
	if _, known := report.Formats[format]; !ok || !known || file == "" {
		return fmt.Errorf("want FORMAT=FILE with FORMAT one of %s", strings.Join(report.FormatNames(), ", "))
	}
	*a = append(*a, struct{ format, file string }{format, file})
	return nil
}

const checkSynopsis = `Usage: toslint check [flags] [path | package pattern ...]  (default ./...)

Checks the Go packages under the paths with the analyzers and the
repository that holds them with the document scanner. Patterns are those of
the go tool ("go help packages").`

func parseCheckFlags(args []string) (*checkFlags, []string, error) {
	var cf checkFlags
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.StringVar(&cf.format, "format", "text", "output format: "+strings.Join(report.FormatNames(), ", "))
	fs.StringVar(&cf.configFile, "config", "", "config file (default: .toslint.yml found by walking up from the working directory)")
	fs.StringVar(&cf.failOn, "fail-on", "", "lowest severity that fails the run: error, warning or info (default from config, else warning)")
	fs.BoolVar(&cf.fix, "fix", false, "apply suggested fixes in place (atomic writes)")
	fs.StringVar(&cf.newFromRev, "new-from-rev", "", "report only findings on lines added or changed since this git revision")
	fs.StringVar(&cf.mergeBase, "new-from-merge-base", "", "report only findings on lines changed since the merge base of HEAD and this branch")
	fs.StringVar(&cf.baseline, "baseline", "", "hide the findings recorded in this baseline file (see -write-baseline)")
	fs.StringVar(&cf.writeBaseline, "write-baseline", "", "record the current findings in this baseline file and exit 0")
	fs.Var(&cf.also, "also", "also write FORMAT=FILE from the same run (repeatable), such as -also sarif=toslint.sarif")
	fs.StringVar(&cf.only, "only", "", "run only one side: go (analyzers) or docs (document scan)")
	fs.StringVar(&cf.cpuProfile, "cpuprofile", "", "write a CPU profile to this file (for performance work)")
	fs.StringVar(&cf.dir, "C", "", "run as if toslint were started in this directory")
	fs.IntVar(&cf.jobs, "j", 0, "files and packages checked in parallel (default: number of CPUs)")
	if err := parseFlags(fs, checkSynopsis, args); err != nil {
		return nil, nil, err
	}
	if _, ok := report.Formats[cf.format]; !ok {
		return nil, nil, usageError{err: fmt.Errorf("unknown format %q (want %s)", cf.format, strings.Join(report.FormatNames(), ", "))}
	}
	if cf.only != "" && cf.only != "go" && cf.only != "docs" {
		return nil, nil, usageError{err: fmt.Errorf("-only must be go or docs, not %q", cf.only)}
	}
	if cf.failOn != "" {
		if _, err := rule.ParseSeverity(cf.failOn); err != nil {
			return nil, nil, usageError{err: fmt.Errorf("-fail-on: %v", err)}
		}
	}
	if cf.newFromRev != "" && cf.mergeBase != "" {
		return nil, nil, usageError{err: errors.New("-new-from-rev and -new-from-merge-base cannot be used together")}
	}
	if cf.baseline != "" && cf.writeBaseline != "" {
		return nil, nil, usageError{err: errors.New("-baseline and -write-baseline cannot be used together")}
	}
	if cf.jobs < 0 {
		return nil, nil, usageError{err: errors.New("-j must not be negative")}
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	return &cf, patterns, nil
}

// runCheck implements `toslint check`. It returns the exit code, or an
// error for exit 2.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	cf, patterns, err := parseCheckFlags(args)
	if err != nil {
		return 0, err
	}
	if cf.cpuProfile != "" {
		f, err := os.Create(cf.cpuProfile)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return 0, err
		}
		defer pprof.StopCPUProfile()
	}
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	if cf.dir != "" {
		if !filepath.IsAbs(cf.dir) {
			cf.dir = filepath.Join(wd, cf.dir)
		}
		if st, err := os.Stat(cf.dir); err != nil || !st.IsDir() {
			return 0, fmt.Errorf("-C %s: not a directory", cf.dir)
		}
		wd = filepath.Clean(cf.dir)
	}
	dirs, err := patternDirs(wd, patterns)
	if err != nil {
		return 0, err
	}
	pol, err := loadPolicy(wd, cf.configFile)
	if err != nil {
		return 0, err
	}
	failOn := pol.FailOn()
	if cf.failOn != "" {
		failOn, _ = rule.ParseSeverity(cf.failOn)
	}

	set := directive.NewSet()
	var findings []report.Finding
	ran := map[rule.Engine]bool{rule.EngineTool: true}
	goFiles := map[string]bool{}
	goFailed := false // a package did not load, or an analyzer failed: exit 2
	if cf.only != "docs" {
		res, err := checkGo(ctx, pol, wd, dirs, patterns, set, cf.jobs)
		if err != nil {
			return 0, err
		}
		if res != nil {
			findings = append(findings, res.findings...)
			for _, e := range res.engines {
				ran[e] = true
			}
			for f := range res.files {
				goFiles[f] = true
			}
			goFailed = res.failed
			for _, n := range res.notes {
				fmt.Fprintf(stderr, "toslint: %s\n", n)
			}
		}
	}
	root := repoRoot(dirs[0])
	if cf.only != "go" {
		res, err := docscan.Scan(ctx, pol, docscan.Options{Root: root, Jobs: cf.jobs, Directives: set, Files: fileArgs(wd, patterns)})
		if err != nil {
			return 0, err
		}
		findings = append(findings, res.Findings...)
		ran[rule.EngineDocs] = true
	}
	findings = applyDirectives(pol, findings, set, ran, goFiles)
	if goArgs := goFileArgs(wd, patterns); len(goArgs) > 0 {
		findings = onlyGoFiles(findings, goArgs)
	}

	if cf.mergeBase != "" {
		rev, err := mergeBase(ctx, root, cf.mergeBase)
		if err != nil {
			return 0, err
		}
		cf.newFromRev = rev
	}
	if cf.newFromRev != "" {
		findings, err = onlyNew(ctx, root, cf.newFromRev, findings)
		if err != nil {
			return 0, err
		}
	}
	if cf.fix {
		findings, err = applyFixes(findings, wd, stderr)
		if err != nil {
			return 0, err
		}
	}
	report.Sort(findings)
	report.Relativize(findings, wd)
	lines := report.NewLineSource(wd)
	if cf.writeBaseline != "" {
		n, err := writeBaseline(cf.writeBaseline, findings, lines)
		if err != nil {
			return 0, fmt.Errorf("writing baseline: %w", err)
		}
		fmt.Fprintf(stderr, "toslint: recorded %d findings in %s\n", n, cf.writeBaseline)
		return ExitOK, nil
	}
	if cf.baseline != "" {
		if findings, err = applyBaseline(cf.baseline, findings, lines); err != nil {
			return 0, err
		}
	}
	r := &report.Report{Sources: lines,
		Findings: findings, Root: wd,
		Tool: report.Tool{Name: "toslint", Version: Version(), URI: "https://github.com/toslint/toslint"},
	}
	if err := report.Formats[cf.format].Write(stdout, r); err != nil {
		return 0, fmt.Errorf("writing %s output: %w", cf.format, err)
	}
	for _, a := range cf.also {
		var b bytes.Buffer
		if err := report.Formats[a.format].Write(&b, r); err != nil {
			return 0, fmt.Errorf("writing %s output: %w", a.format, err)
		}
		file := a.file
		if !filepath.IsAbs(file) {
			file = filepath.Join(wd, file)
		}
		if err := writeAtomicNew(file, b.Bytes()); err != nil {
			return 0, fmt.Errorf("writing %s: %w", a.file, err)
		}
	}
	if goFailed {
		return ExitError, nil // the findings say which packages were not analysed
	}
	if report.Count(findings, failOn) > 0 {
		return ExitFindings, nil
	}
	return ExitOK, nil
}

// loadPolicy reads the config given by -config, or the one found by
// walking up from wd, or the defaults.
func loadPolicy(wd, file string) (*policy.Policy, error) {
	if file != "" && !filepath.IsAbs(file) {
		file = filepath.Join(wd, file)
	}
	if file == "" {
		found, err := config.Find(wd)
		if err != nil {
			return nil, err
		}
		file = found
	}
	if file == "" {
		return config.Default(wd)
	}
	return config.Load(file)
}

// patternDirs returns, for each argument, the directory it names: the
// directory of a file path, the directory before "/..." of a pattern, or
// wd for import paths. A path that does not exist is an error.
func patternDirs(wd string, patterns []string) ([]string, error) {
	var dirs []string
	for _, p := range patterns {
		if !isPathPattern(p) {
			dirs = append(dirs, wd)
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(p, "..."), "/")
		if base == "" || base == "." {
			base = "."
		}
		abs := base
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, base)
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("%s: no such file or directory", p)
		}
		if !st.IsDir() {
			abs = filepath.Dir(abs)
		}
		dirs = append(dirs, abs)
	}
	return dirs, nil
}

// isPathPattern reports whether a pattern names a path rather than an
// import path: it is absolute, or starts with . or .., as for the go tool.
func isPathPattern(p string) bool {
	return filepath.IsAbs(p) || p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") ||
		p == "..." || strings.HasPrefix(p, "...")
}

// repoRoot returns the repository that holds dir: the nearest ancestor
// with a .git entry, else the nearest with go.mod, else dir.
func repoRoot(dir string) string {
	if d := findUp(dir, ".git"); d != "" {
		return d
	}
	if d := findUp(dir, "go.mod"); d != "" {
		return d
	}
	return dir
}

func findUp(dir, name string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// toolRules are the findings about directives themselves; directives do
// not suppress them.
var toolRules = []string{"TOS003", "TOS004", "TOS005"}

// applyDirectives marks suppressed findings and adds the findings about
// directives: no reason (TOS003), matched nothing (TOS004), malformed
// (TOS005).
func applyDirectives(pol *policy.Policy, fs []report.Finding, set *directive.Set, ran map[rule.Engine]bool, goFiles map[string]bool) []report.Finding {
	for i := range fs {
		f := &fs[i]
		if slices.Contains(toolRules, f.Rule) {
			continue
		}
		if d := set.Match(f.Rule, f.Pos.Filename, f.Pos.Line); d != nil {
			f.Suppressed = &report.Suppression{Directive: d.Kind.String(), Reason: d.Reason, File: d.File, Line: d.Line}
		}
	}
	add := func(id string, pos token.Position, msg string) {
		if pol.Enabled(id) {
			fs = append(fs, report.Finding{Rule: id, Severity: pol.Severity(id), Pos: pos, Message: msg})
		}
	}
	for _, p := range set.Problems() {
		add(p.Rule, token.Position{Filename: p.File, Line: p.Line, Column: p.Col}, p.Msg)
	}
	// A directive can only be judged unused when every rule it names ran
	// on its file: enabled, implemented, and its engine not skipped.
	judgeable := func(d *directive.Directive) bool {
		for _, id := range d.Rules {
			r, _ := rule.Lookup(id)
			if !pol.Enabled(id) || r.Status != rule.Available || !ran[r.Engine] {
				return false
			}
			isGo := strings.HasSuffix(d.File, ".go")
			if isGo && !goFiles[d.File] {
				return false
			}
		}
		return true
	}
	for _, d := range set.Unmatched(judgeable) {
		add("TOS004", token.Position{Filename: d.File, Line: d.Line, Column: d.Col},
			fmt.Sprintf("%s %s suppresses nothing here (remove it)", d.Kind, strings.Join(d.Rules, ",")))
	}
	return fs
}

// fileArgs returns the arguments that name files (absolute), as
// pre-commit passes them; nil when there are none.
func fileArgs(wd string, patterns []string) []string {
	var out []string
	for _, p := range patterns {
		if strings.Contains(p, "...") {
			continue
		}
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, p)
		}
		if st, err := os.Stat(abs); err == nil && st.Mode().IsRegular() {
			out = append(out, abs)
		}
	}
	return out
}

// goFileArgs returns the Go files among the file arguments.
func goFileArgs(wd string, patterns []string) map[string]bool {
	out := map[string]bool{}
	for _, f := range fileArgs(wd, patterns) {
		if strings.HasSuffix(f, ".go") {
			out[f] = true
		}
	}
	return out
}

// onlyGoFiles drops the Go findings in files that were not named: a hook
// run on changed files reports on them, not on the rest of the package.
func onlyGoFiles(fs []report.Finding, named map[string]bool) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		if strings.HasSuffix(f.Pos.Filename, ".go") && !named[f.Pos.Filename] {
			continue
		}
		out = append(out, f)
	}
	return out
}
