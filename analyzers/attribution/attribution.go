package attribution

import (
	"bytes"
	_ "embed"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/rules"
)

//go:embed doc.go
var doc string

// Analyzer is the attribution analyzer with default settings.
var Analyzer = New(rules.DefaultPolicy(), analysisutil.Options{ApplyDirectives: true})

// New returns an attribution analyzer configured by the policy (own
// copyright holders, TOS205 on or off).
func New(pol *policy.Policy, opts analysisutil.Options) *analysis.Analyzer {
	c := &checker{pol: pol, opts: opts, mods: &modules{byDir: map[string]*moduleEntry{}, pol: pol}}
	return &analysis.Analyzer{
		Name:       "attribution",
		Doc:        analysisutil.ExtractDoc(doc, "attribution"),
		URL:        analysisutil.AnalyzerURL("attribution"),
		Run:        c.run,
		ResultType: reflect.TypeFor[*Result](),
		// Syntax only: a package with type errors still has comments.
		RunDespiteErrors: true,
	}
}

// Result lists the notice entries a package's findings call for; `toslint
// notices` merges them across packages.
type Result struct {
	Entries []Entry
}

// Entry is one missing notice entry.
type Entry struct {
	Rule     string
	Holder   string // copyright holder as written
	Years    string // the years of the statement, as written
	License  string // SPDX expression from the file's header, when stated
	NeedText string // license whose text the module lacks, when one does
	Source   string // where the material came from, when known
	File     string // file that holds the material (absolute)
	Unit     string // the copied folder it belongs to (absolute), if any
}

type checker struct {
	pol  *policy.Policy
	opts analysisutil.Options
	mods *modules
}

// pass is the state of one package.
type pass struct {
	*checker
	a        *analysis.Pass
	rep      *analysisutil.Reporter
	mod      *modInfo
	res      *Result
	readable map[string]bool // files pass.ReadFile may read
	anchor   token.Pos       // where problems without a place of their own are reported
}

func (c *checker) run(a *analysis.Pass) (any, error) {
	res := &Result{}
	if a.Pkg == nil || strings.HasSuffix(a.Pkg.Name(), "_test") || (a.Module != nil && a.Module.Version != "") {
		// An external test package shares its directory with the package
		// it tests, whose pass checks every file there; dependencies are
		// not ours to check.
		return res, nil
	}
	dir, anchor := packageDir(a)
	if dir == "" || analysisutil.InGOROOT(dir) {
		return res, nil
	}
	root, modPath := moduleRoot(a, dir)
	if root == "" {
		return res, nil
	}
	p := &pass{checker: c, a: a, rep: analysisutil.NewReporter(a, c.pol, c.opts), mod: c.mods.get(root, modPath), res: res,
		readable: map[string]bool{}, anchor: anchor}
	for _, f := range a.Files {
		p.readable[a.Fset.File(f.FileStart).Name()] = true
	}
	for _, f := range slices.Concat(a.OtherFiles, a.IgnoredFiles) {
		p.readable[f] = true
	}
	rel := slashRel(root, dir)
	if rel == p.mod.anchor {
		for _, pr := range p.mod.problems {
			p.problem(pr.path, pr.err)
		}
	}
	for _, d := range p.mod.dirsOwnedBy(rel) {
		for _, name := range p.mod.goFiles[d] {
			p.checkFile(filepath.Join(root, filepath.FromSlash(d), name))
		}
	}
	if c.pol == nil || c.pol.Enabled("TOS205") {
		p.checkDependencies()
	}
	return res, nil
}

// packageDir returns the package's directory (from its first Go file that
// is not a build-cache copy made by cgo) and a position to report
// package-level problems at.
func packageDir(a *analysis.Pass) (string, token.Pos) {
	for _, f := range a.Files {
		// The position's file: for cgo's output, the user's file that
		// its //line directives name.
		name := a.Fset.Position(f.Package).Filename
		if strings.HasSuffix(name, ".go") && !strings.Contains(filepath.ToSlash(name), "/go-build/") {
			return filepath.Dir(name), f.Package
		}
	}
	return "", token.NoPos
}

// moduleRoot returns the module's directory and path, walking up from dir
// to go.mod.
func moduleRoot(a *analysis.Pass, dir string) (string, string) {
	for d := dir; ; d = filepath.Dir(d) {
		if data, err := readLimited(filepath.Join(d, "go.mod"), 64<<10); err == nil {
			if a.Module != nil && a.Module.Path != "" {
				return d, a.Module.Path
			}
			return d, modulePath(data)
		}
		if filepath.Dir(d) == d {
			return "", ""
		}
	}
}

var moduleLine = regexp.MustCompile(`(?m)^module\s+"?([^\s"]+)"?`)

func modulePath(gomod []byte) string {
	if m := moduleLine.FindSubmatch(gomod); m != nil {
		return string(m[1])
	}
	return ""
}

// read returns a Go file's content: through pass.ReadFile when the file
// is among the package's files (the go/analysis contract), else from the
// file system (a test file the driver did not load, a file excluded by
// build constraints, a directory the go command does not list). A file
// that cannot be read is reported (TOS001), never skipped silently.
func (p *pass) read(name string) []byte {
	var data []byte
	var err error
	if p.readable[name] {
		data, err = p.a.ReadFile(name)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		p.problem(name, err)
		return nil
	}
	return data
}

// problem reports a file the analyzer could not read (TOS001).
func (p *pass) problem(name string, err error) {
	if !p.anchor.IsValid() {
		return
	}
	rel, rerr := filepath.Rel(p.mod.root, name)
	if rerr != nil {
		rel = name
	}
	p.rep.Report("TOS001", rng{p.anchor, p.anchor + token.Pos(len("package"))}, nil,
		"%s was not checked for attribution: %v", filepath.ToSlash(rel), err)
}

// fileState is what checkFile learns of one file.
type fileState struct {
	name, rel string
	tf        *token.File
	unit      *unit
	groups    []group
	header    []group // groups before the package clause
	stmts     []stmtAt
	licenses  []licenseAt
	foreign   bool // a foreign holder's statement is in the file
	pkgOff    int  // offset of the package clause
}

type stmtAt struct {
	statement
	off int
}

type licenseAt struct {
	expr string
	off  int
	end  int
}

// checkFile runs every per-file check on one Go file.
func (p *pass) checkFile(name string) {
	data := p.read(name)
	if data == nil {
		return
	}
	fs := &fileState{name: name, rel: p.mod.relToRoot(name)}
	fs.unit = p.mod.unitOf(fs.rel)
	groups, first := fileComments(data, false)
	fs.groups, fs.pkgOff = groups, first
	for _, g := range groups {
		if g.start() < first {
			fs.header = append(fs.header, g)
		}
	}
	if generatedHeader(fs.header) && copySource(fs.header) == "" {
		return // generated code that is not a copy of someone's file
	}
	fs.tf = p.a.Fset.AddFile(name, -1, len(data))
	fs.tf.SetLinesForContent(data)
	if !p.readable[name] && bytes.Contains(data, []byte("toslint:")) {
		// The driver has not read this file's suppressions.
		fset := token.NewFileSet()
		if f, err := parser.ParseFile(fset, name, data, parser.ParseComments|parser.SkipObjectResolution); err == nil {
			p.rep.AddGoFile(fset, f, name)
		}
	}
	for _, g := range groups {
		text := g.text()
		for _, c := range g.list {
			if strings.HasPrefix(c.text, "//go:embed ") {
				p.checkEmbed(fs, c)
			}
		}
		for _, l := range g.unquotedLines() {
			for _, s := range statementsIn(l.text) {
				fs.stmts = append(fs.stmts, stmtAt{s, l.off + s.col})
			}
			if m := spdxLine.FindStringSubmatchIndex(l.text); m != nil {
				fs.licenses = append(fs.licenses, licenseAt{strings.TrimSpace(l.text[m[2]:m[3]]), l.off, l.off + len(strings.TrimRight(l.text, " \t"))})
			}
		}
		if id := shortFormLicense(strings.Join(strings.Fields(text), " ")); id != "" {
			l := g.list[0].lines()[0]
			fs.licenses = append(fs.licenses, licenseAt{id, l.off, l.off + len(strings.TrimRight(l.text, " \t"))})
		}
	}
	p.checkStatements(fs)
	for _, g := range groups {
		p.checkProvenance(fs, g, data)
	}
}

// generatedHeader reports a "Code generated ... DO NOT EDIT." line before
// the package clause (the convention ast.IsGenerated follows).
func generatedHeader(header []group) bool {
	for _, g := range header {
		for _, c := range g.list {
			if strings.HasPrefix(c.text, "// Code generated ") && strings.HasSuffix(strings.TrimSpace(c.text), "DO NOT EDIT.") {
				return true
			}
		}
	}
	return false
}

var sourceLine = regexp.MustCompile(`(?i)^\s*(?:source|copied from|original(?: source)?):\s*(\S+)`)

// copySource returns the file a generated file says it copies ("Source:
// ../../x/termlist.go"), or "".
func copySource(header []group) string {
	for _, g := range header {
		for _, c := range g.list {
			for _, l := range c.lines() {
				if m := sourceLine.FindStringSubmatch(l.text); m != nil {
					return m[1]
				}
				if strings.Contains(l.text, "golang.org/x/tools/cmd/bundle") {
					return "bundle"
				}
			}
		}
	}
	return ""
}

func (p *pass) entry(e Entry) { p.res.Entries = append(p.res.Entries, e) }

type rng struct{ pos, end token.Pos }

func (r rng) Pos() token.Pos { return r.pos }
func (r rng) End() token.Pos { return r.end }

// span returns the range of byte offsets [off, end) in a file.
func (fs *fileState) span(off, end int) analysis.Range {
	return rng{fs.tf.Pos(off), fs.tf.Pos(end)}
}

func (fs *fileState) unitDir(root string) string {
	if fs.unit == nil {
		return ""
	}
	return filepath.Join(root, filepath.FromSlash(fs.unit.dir))
}
