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
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"

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
	quiet         bool
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

const checkSynopsis = `Usage: toslint check [flags] [path | package pattern | file ...]  (default ./...)

Checks Go packages with the analyzers and the repository's documents with
the document scanner:

  ./... pkg/... .  pkg   Go packages (patterns as for the go tool, or a
                         directory), and every document of the repository
  file.go                its package, reporting on that file only
  README.md LICENSE x.md those documents; a README, license or notices file
                         adds the repository-level checks
  other files            ignored (pre-commit may pass any staged file)`

func parseCheckFlags(args []string) (*checkFlags, []string, error) {
	var cf checkFlags
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.StringVar(&cf.format, "format", "text", "output format: "+strings.Join(report.FormatNames(), ", "))
	fs.StringVar(&cf.configFile, "config", "", "config file (default: .toslint.yml found by walking up from the working directory)")
	fs.StringVar(&cf.failOn, "fail-on", "", "lowest severity that fails the run: error, warning or info (default from config, else warning)")
	fs.BoolVar(&cf.fix, "fix", false, "apply suggested fixes in place, all files or none")
	fs.StringVar(&cf.newFromRev, "new-from-rev", "", "report only findings this git revision does not have (toslint runs on it too)")
	fs.StringVar(&cf.mergeBase, "new-from-merge-base", "", "report only findings the merge base of HEAD and this branch does not have")
	fs.StringVar(&cf.baseline, "baseline", "", "hide the findings recorded in this baseline file (see -write-baseline)")
	fs.StringVar(&cf.writeBaseline, "write-baseline", "", "record the current findings in this baseline file and exit 0")
	fs.Var(&cf.also, "also", "also write FORMAT=FILE from the same run (repeatable), such as -also sarif=toslint.sarif")
	fs.StringVar(&cf.only, "only", "", "run only one side: go (analyzers) or docs (document scan)")
	fs.StringVar(&cf.cpuProfile, "cpuprofile", "", "write a CPU profile to this file (for performance work)")
	fs.StringVar(&cf.dir, "C", "", "run as if toslint were started in this directory")
	fs.IntVar(&cf.jobs, "j", 0, fmt.Sprintf("files and packages checked in parallel (default: number of CPUs; at most %d per CPU)", maxJobsPerCPU))
	fs.BoolVar(&cf.quiet, "q", false, "quiet: no summary line on stderr after text output")
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
	cf.jobs = min(cf.jobs, maxJobsPerCPU*runtime.GOMAXPROCS(0))
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	return &cf, patterns, nil
}

// maxJobsPerCPU caps -j: more workers than this many per CPU only add
// memory (each holds a document or a package in flight).
const maxJobsPerCPU = 4

// runCheck implements `toslint check` in named stages: parse the flags,
// select what the arguments name, load the policy, run the engines,
// apply directives, keep what the gate lets through, fix, and write the
// outputs. It returns the exit code, or an error for exit 2.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	cf, args, err := parseCheckFlags(args)
	if err != nil {
		return 0, err
	}
	code, err := check(ctx, cf, args, stdout, stderr)
	if err != nil && ctx.Err() == nil {
		writeErrorReports(cf, err, stdout, stderr)
	}
	return code, err
}

// writeErrorReports writes the SARIF outputs asked for when the run
// stopped on an error: no results, and the error as a notification, so
// that code scanning shows why instead of an upload failing on a missing
// file.
func writeErrorReports(cf *checkFlags, runErr error, stdout, stderr io.Writer) {
	wd, _ := os.Getwd()
	if cf.dir != "" {
		wd = absPath(wd, cf.dir)
	}
	r := &report.Report{Root: wd, Error: runErr.Error(), Sources: report.NewLineSource(wd),
		Tool: report.Tool{Name: "toslint", Version: Version(), URI: "https://github.com/toslint/toslint"}}
	if cf.format == "sarif" {
		report.Formats["sarif"].Write(stdout, r)
	}
	for _, a := range cf.also {
		if a.format != "sarif" {
			continue
		}
		var b bytes.Buffer
		report.Formats["sarif"].Write(&b, r)
		if err := writeAtomicNew(absPath(wd, a.file), b.Bytes()); err != nil {
			fmt.Fprintf(stderr, "toslint: writing %s: %v\n", a.file, err)
		}
	}
}

// check runs the stages after the flags.
func check(ctx context.Context, cf *checkFlags, args []string, stdout, stderr io.Writer) (int, error) {
	stop, err := startProfile(cf.cpuProfile)
	if err != nil {
		return 0, err
	}
	defer stop()
	wd, err := workDir(cf.dir)
	if err != nil {
		return 0, err
	}
	tg, err := selectTargets(wd, "", args)
	if err != nil {
		return 0, err
	}
	pol, err := loadPolicy(wd, cf.configFile)
	if err != nil {
		return 0, err
	}
	res, err := collect(ctx, pol, tg, cf)
	if err != nil {
		return 0, err
	}
	if !res.incomplete {
		gated, err := gate(ctx, cf, wd, args, tg, pol, res.findings)
		switch {
		case ctx.Err() != nil: // interrupted in the base run: all we have
			res.incomplete = true
		case err != nil:
			return 0, err
		default:
			if rev := cmpOr(cf.newFromRev, cf.mergeBase); rev != "" {
				res.hidden = append(res.hidden, fmt.Sprintf("%d not new since %s", unsuppressed(res.findings)-unsuppressed(gated), rev))
			}
			res.findings = gated
		}
	}
	if !res.incomplete {
		if cf.fix {
			if res.findings, err = applyFixes(res.findings, wd, tg.root, stderr); err != nil {
				return 0, err
			}
		}
	}
	return writeOutputs(cf, wd, res, pol, stdout, stderr)
}

// startProfile starts the -cpuprofile profile; stop ends it.
func startProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// workDir returns the directory toslint runs in (-C, else the current
// one), absolute and with symbolic links resolved, so that a repository
// reached through a link is the same repository for every engine.
func workDir(dir string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	if dir != "" {
		dir = absPath(wd, dir)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return "", fmt.Errorf("-C %s: not a directory", dir)
		}
		wd = dir
	}
	return filepath.EvalSymlinks(wd)
}

// runResult is what the engines found.
type runResult struct {
	findings   []report.Finding
	packages   int                // Go packages checked
	cached     int                // of which found unchanged in the result cache
	documents  int                // documents scanned
	incomplete bool               // interrupted: findings are those found so far
	toolFailed bool               // an engine could not check something: exit 2
	hidden     []string           // what the gate and the baseline left out, for the summary
	owners     []report.OwnerMode // owner-mode decisions; nil when the document scan did not run
	notes      []string           // printed on stderr
	warnings   []string           // problems of the run itself, printed on stderr
}

// collect runs the Go analyzers and the document scanner (concurrently:
// one waits on the go command, the other reads files), applies the
// suppression directives, and keeps what the file arguments select. When
// ctx is canceled it returns what was found so far, marked incomplete.
// docsGCPercent is the GOGC of runs that only scan documents.
const docsGCPercent = 400

func collect(ctx context.Context, pol *policy.Policy, tg *targets, cf *checkFlags) (*runResult, error) {
	set := directive.NewSet()
	res := &runResult{}
	ran := map[rule.Engine]bool{rule.EngineTool: true}
	goFiles := map[string]bool{}
	var goErr, docsErr error
	var goFindings, docFindings []report.Finding
	var wg sync.WaitGroup
	goSide := cf.only != "docs" && tg.hasGo()
	if !goSide && os.Getenv("GOGC") == "" {
		// A run that only scans documents keeps a few MB live while it
		// parses tens of MB of Markdown: at the default GOGC the
		// collector ran after every few MB allocated and cost a sixth of
		// the scan's CPU (PowerShell-Docs: 1.6 s -> 1.35 s, peak RSS 33 ->
		// 60 MB at 400). Type-checking Go keeps hundreds of MB live, so
		// runs that load Go packages keep the default.
		debug.SetGCPercent(docsGCPercent)
	}
	if goSide {
		wg.Go(func() {
			for _, mod := range tg.modules() {
				r, err := checkGo(ctx, pol, mod, []string{mod}, tg.goByModule[mod], set, cf.jobs)
				if err != nil {
					goErr = err
					return
				}
				if r == nil {
					continue
				}
				goFindings = append(goFindings, r.findings...)
				res.packages += r.packages
				res.cached += r.cached
				res.notes = append(res.notes, r.notes...)
				res.toolFailed = res.toolFailed || r.failed
				for _, e := range r.engines {
					ran[e] = true
				}
				for f := range r.files {
					goFiles[f] = true
				}
			}
		})
	}
	if cf.only != "go" && tg.docs {
		wg.Go(func() {
			r, err := docscan.Scan(ctx, pol, docscan.Options{Root: tg.root, Jobs: cf.jobs, Directives: set, Files: tg.docFiles})
			if r != nil { // partial results come with the cancellation
				docFindings = r.Findings
				res.documents = r.Scanned
				res.warnings = append(res.warnings, r.Warnings...)
				if r.InternalErrors > 0 {
					// toslint failed on some files (TOS001 says where): the
					// rest was checked, the run exits 2.
					res.toolFailed = true
				}
				res.owners = []report.OwnerMode{}
				for _, o := range r.Owners {
					res.owners = append(res.owners, report.OwnerMode{Owner: o.Owner, Own: o.Own, Reason: o.Reason})
				}
			}
			docsErr = err
		})
	}
	wg.Wait()
	if noMod := tg.goByModule[""]; len(noMod) > 0 && cf.only != "docs" && (cf.only == "go" || len(tg.goFiles) > 0) {
		res.notes = append(res.notes, fmt.Sprintf("no go.mod found for %s: Go packages were not checked", strings.Join(noMod, " ")))
	}
	if ctx.Err() != nil {
		res.incomplete = true
	} else if goErr != nil {
		return nil, goErr
	} else if docsErr != nil {
		return nil, docsErr
	}
	if docsErr == nil && !res.incomplete {
		ran[rule.EngineDocs] = cf.only != "go" && tg.docs
	}
	fs := append(goFindings, docFindings...)
	for _, f := range tg.notScanned {
		if pol.Enabled(f.Rule) {
			f.Severity = pol.Severity(f.Rule)
			fs = append(fs, f)
		}
	}
	if res.incomplete {
		// Directives cannot be judged unused on a partial run.
		ran = map[rule.Engine]bool{}
	}
	fs = applyDirectives(pol, fs, set, ran, goFiles)
	for _, f := range fs {
		if tg.keepGoFinding(f.Pos.Filename) {
			res.findings = append(res.findings, f)
		}
	}
	return res, nil
}

// gate keeps the findings that -new-from-rev, -new-from-merge-base and
// -baseline let through.
func gate(ctx context.Context, cf *checkFlags, wd string, args []string, tg *targets, pol *policy.Policy, fs []report.Finding) ([]report.Finding, error) {
	rev := cf.newFromRev
	if cf.mergeBase != "" {
		var err error
		if rev, err = mergeBase(ctx, tg.root, cf.mergeBase); err != nil {
			return nil, err
		}
	}
	if rev != "" {
		var err error
		if fs, err = onlyNew(ctx, newFromRev{rev: rev, wd: wd, args: args, targets: tg, policy: pol, flags: cf}, fs); err != nil {
			return nil, err
		}
	}
	return fs, nil
}

// writeOutputs writes the report in the chosen format and the -also
// files, the baseline when asked, and the summary line, and returns the
// exit code.
func writeOutputs(cf *checkFlags, wd string, res *runResult, pol *policy.Policy, stdout, stderr io.Writer) (int, error) {
	findings := res.findings
	report.Sort(findings)
	report.Relativize(findings, wd)
	lines := report.NewLineSource(wd)
	if cf.writeBaseline != "" && !res.incomplete {
		n, err := writeBaseline(absPath(wd, cf.writeBaseline), findings, lines)
		if err != nil {
			return 0, fmt.Errorf("writing baseline: %w", err)
		}
		fmt.Fprintf(stderr, "toslint: recorded %s in %s\n", plural(n, "finding"), cf.writeBaseline)
		return ExitOK, nil
	}
	if cf.baseline != "" {
		before := unsuppressed(findings)
		var err error
		if findings, err = applyBaseline(absPath(wd, cf.baseline), findings, lines); err != nil {
			return 0, err
		}
		res.hidden = append(res.hidden, fmt.Sprintf("%d in the baseline", before-unsuppressed(findings)))
	}
	if cf.format == "text" {
		// Owner mode changes what is checked: say so when it applies.
		for _, o := range res.owners {
			if o.Own {
				hint := ""
				if !strings.HasPrefix(o.Reason, "trademark_owner") {
					hint = " (set trademark_owner: false in .toslint.yml to check it as a third party's)"
				}
				fmt.Fprintf(stderr, "toslint: checked as %s's own repository (trademark owner mode): %s%s\n", o.Owner, o.Reason, hint)
			}
		}
	}
	r := &report.Report{Sources: lines, Owners: res.owners,
		Findings: findings, Root: wd, Incomplete: res.incomplete,
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
		if err := writeAtomicNew(absPath(wd, a.file), b.Bytes()); err != nil {
			return 0, fmt.Errorf("writing %s: %w", a.file, err)
		}
	}
	for _, w := range res.warnings {
		fmt.Fprintf(stderr, "toslint: warning: %s\n", w)
	}
	for _, n := range res.notes {
		fmt.Fprintf(stderr, "toslint: note: %s\n", n)
	}
	if cf.format == "text" && !cf.quiet {
		fmt.Fprintln(stderr, summary(res, findings))
	}
	failOn := pol.FailOn()
	if cf.failOn != "" {
		failOn, _ = rule.ParseSeverity(cf.failOn)
	}
	switch {
	case res.incomplete:
		if cf.format != "text" || cf.quiet {
			fmt.Fprintln(stderr, "toslint: interrupted; the findings above are those found so far")
		}
		return ExitInterrupted, nil
	case res.toolFailed || report.HasToolErrors(findings):
		return ExitError, nil
	case report.Count(findings, failOn) > 0:
		return ExitFindings, nil
	}
	return ExitOK, nil
}

// summary is the line printed on stderr after text output, such as
// "toslint: 3 findings (2 errors, 1 warning) in 12 packages and 40
// documents; 1 suppressed".
func summary(res *runResult, fs []report.Finding) string {
	bySev := map[rule.Severity]int{}
	total, suppressed := 0, 0
	for _, f := range fs {
		if f.Suppressed != nil {
			suppressed++
			continue
		}
		bySev[f.Severity]++
		total++
	}
	var b strings.Builder
	b.WriteString("toslint: ")
	if res.incomplete {
		b.WriteString("interrupted, incomplete: ")
	}
	if total == 0 && res.packages == 0 && res.documents == 0 && suppressed == 0 {
		if res.incomplete {
			b.WriteString("nothing checked before the interruption")
		} else {
			b.WriteString("nothing checked (no Go package or document among the arguments)")
		}
		return b.String()
	}
	adj := "" // "new" when the gate or a baseline left findings out
	if len(res.hidden) > 0 {
		adj = "new "
	}
	if total == 0 {
		b.WriteString("no " + adj + "findings")
	} else {
		var parts []string
		for _, s := range []rule.Severity{rule.Error, rule.Warning, rule.Info} {
			if n := bySev[s]; n > 0 {
				parts = append(parts, plural(n, s.String()))
			}
		}
		fmt.Fprintf(&b, "%s (%s)", plural(total, adj+"finding"), strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, " in %s", plural(res.packages, "package"))
	if res.cached > 0 {
		fmt.Fprintf(&b, " (%d unchanged: findings from the result cache)", res.cached)
	}
	fmt.Fprintf(&b, " and %s", plural(res.documents, "document"))
	if suppressed > 0 {
		fmt.Fprintf(&b, "; %d suppressed", suppressed)
	}
	for _, h := range res.hidden {
		fmt.Fprintf(&b, "; %s", h)
	}
	return b.String()
}

func unsuppressed(fs []report.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Suppressed == nil {
			n++
		}
	}
	return n
}

func plural(n int, word string) string {
	switch {
	case n == 1:
		return "1 " + word
	case word == "info":
		return fmt.Sprintf("%d info", n)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// loadPolicy reads the config given by -config, or the one found by
// walking up from wd, or the defaults.
func loadPolicy(wd, file string) (*policy.Policy, error) {
	if file != "" {
		file = absPath(wd, file)
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
