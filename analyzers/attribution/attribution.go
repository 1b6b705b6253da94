package attribution

import (
	_ "embed"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"
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
	}
}

// Result lists the notice entries a package's findings call for; `toslint
// notices` merges them across packages.
type Result struct {
	Entries []Entry
}

// Entry is one missing notice entry.
type Entry struct {
	Holder  string // copyright holder as written
	License string // SPDX id, when known
	Source  string // where the material came from, when known
	File    string // file that holds the material (absolute)
	Rule    string
}

type checker struct {
	pol  *policy.Policy
	opts analysisutil.Options
	mods *modules
}

// pass is the state of one package.
type pass struct {
	*checker
	a   *analysis.Pass
	rep *analysisutil.Reporter
	mod *modInfo
	res *Result
}

func (c *checker) run(a *analysis.Pass) (any, error) {
	res := &Result{}
	if len(a.Files) == 0 || a.Pkg == nil {
		return res, nil
	}
	if analysisutil.SkipPackage(a) {
		return res, nil // the standard library and dependencies are not ours to check
	}
	first := a.Fset.File(a.Files[0].FileStart).Name()
	root, path := moduleRoot(a, filepath.Dir(first))
	if root == "" {
		return res, nil
	}
	p := &pass{checker: c, a: a, rep: analysisutil.NewReporter(a, c.pol, c.opts), mod: c.mods.get(root, path), res: res}
	for _, f := range a.Files {
		name := a.Fset.File(f.FileStart).Name()
		rel, err := filepath.Rel(root, name)
		if err != nil || skipPath(filepath.ToSlash(rel)) || ast.IsGenerated(f) {
			continue
		}
		p.checkFile(f, filepath.ToSlash(rel))
	}
	if c.pol == nil || c.pol.Enabled("TOS205") {
		p.checkDependencies()
	}
	return res, nil
}

// moduleRoot returns the module's directory and path: from the pass, or by
// walking up to go.mod.
func moduleRoot(a *analysis.Pass, dir string) (string, string) {
	if a.Module != nil && a.Module.Path != "" {
		for d := dir; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				return d, a.Module.Path
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		if data := readSmall(filepath.Join(d, "go.mod")); data != nil {
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

// skipPath reports files the analyzer does not judge: vendored code and
// test fixtures.
func skipPath(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if part == "vendor" || part == "testdata" {
			return true
		}
	}
	return false
}

// commentLines returns the lines of a comment without comment markers,
// each with the position of its start.
func commentLines(fset *token.FileSet, c *ast.Comment) []lineAt {
	text := c.Text
	var out []lineAt
	if strings.HasPrefix(text, "//") {
		return []lineAt{{text: text[2:], pos: c.Pos()}}
	}
	body := strings.TrimSuffix(strings.TrimPrefix(text, "/*"), "*/")
	off := 2
	for _, l := range strings.Split(body, "\n") {
		trimmed := strings.TrimLeft(l, " \t")
		trimmed = strings.TrimPrefix(trimmed, "*")
		out = append(out, lineAt{text: trimmed, pos: c.Pos() + token.Pos(off)})
		off += len(l) + 1
	}
	return out
}

type lineAt struct {
	text string
	pos  token.Pos
}

func (p *pass) checkFile(f *ast.File, rel string) {
	if x := thirdPartyDir(p.mod.root, rel); x != "" {
		p.checkThirdParty(f, x)
		return
	}
	seen := map[string]bool{}
	for _, cg := range f.Comments {
		group := cg.Text()
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:embed ") {
				p.checkEmbed(c, rel)
				continue
			}
			if !mayHold(c.Text) {
				continue
			}
			for _, l := range commentLines(p.a.Fset, c) {
				p.checkLine(l, group, seen)
			}
		}
		// Short-form notices often wrap over two comment lines: match them
		// on the group's text, reported at its first line.
		if !strings.Contains(group, "icen") && !strings.Contains(group, "ICEN") {
			// no license notice: skip the join below
		} else if id := shortFormLicense(strings.Join(strings.Fields(group), " ")); id != "" {
			first := commentLines(p.a.Fset, cg.List[0])[0]
			p.checkLicenseExpr(first, id, seen)
		}
		p.checkProvenance(cg, group)
	}
}

// mayHold is a cheap filter: a comment with neither a copyright mark nor
// an SPDX tag holds nothing checkLine looks for.
func mayHold(text string) bool {
	return strings.Contains(text, "opyright") || strings.Contains(text, "OPYRIGHT") || strings.Contains(text, "©") || strings.Contains(text, "SPDX-")
}

// checkLine looks for copyright statements and license notices.
func (p *pass) checkLine(l lineAt, group string, seen map[string]bool) {
	if raw, holder, ok := holderOf(l.text); ok {
		if !p.mod.isOwn(holder) && !p.mod.listed(holder) && !seen["h:"+holder] {
			seen["h:"+holder] = true
			p.entry(Entry{Holder: displayHolder(raw), License: shortFormLicense(strings.Join(strings.Fields(group), " ")), File: p.fileOf(l.pos), Rule: "TOS202"})
			p.rep.Report("TOS202", lineRange(l), nil,
				"copyright of %q is neither the module's own nor listed in its notices file (add it with its license to NOTICE: `toslint notices` prints the entry)",
				displayHolder(raw))
		}
	}
	if m := spdxLine.FindStringSubmatch(l.text); m != nil {
		p.checkLicenseExpr(l, strings.TrimSpace(m[1]), seen)
	}
}

// displayHolder renders a holder for messages: the statement without
// years, e-mail addresses, "All rights reserved" and license tails.
func displayHolder(raw string) string {
	s := licensedBy.ReplaceAllString(raw, "")
	s = reserved.ReplaceAllString(s, "")
	s = emails.ReplaceAllString(s, "")
	s = years.ReplaceAllString(s, "")
	return strings.Trim(spaces.ReplaceAllString(s, " "), " ,;.*/")
}

// checkLicenseExpr reports a foreign license whose text the module does
// not carry (TOS203), and foreign Apache-2.0 code with no NOTICE file.
func (p *pass) checkLicenseExpr(l lineAt, expr string, seen map[string]bool) {
	if seen["l:"+expr] {
		return
	}
	seen["l:"+expr] = true
	if expr == p.mod.license {
		return // the module's own license: nothing to add
	}
	ids, err := spdxexp.ExtractLicenses(expr)
	if err != nil || len(ids) == 0 {
		ids = []string{expr}
	}
	allowed := []string{}
	if p.mod.license != "" {
		allowed = append(allowed, p.mod.license)
	}
	for id := range p.mod.textsCarried() {
		allowed = append(allowed, id)
	}
	slices.Sort(allowed)
	ok := false
	if len(allowed) > 0 {
		ok, _ = spdxexp.Satisfies(expr, allowed)
		if !ok {
			ok = slices.Contains(allowed, expr)
		}
	}
	if !ok {
		var missing []string
		for _, id := range ids {
			if !slices.Contains(allowed, id) {
				missing = append(missing, id)
			}
		}
		p.entry(Entry{License: strings.Join(missing, ", "), File: p.fileOf(l.pos), Rule: "TOS203"})
		p.rep.Report("TOS203", lineRange(l), nil,
			"%s is not the module's license (%s) and the module carries no text of %s: add LICENSES/%s.txt or the license text to the notices file",
			expr, orUnknown(p.mod.license), strings.Join(missing, " or "), missing[0])
	}
	if slices.Contains(ids, "Apache-2.0") && p.mod.license != "Apache-2.0" && !p.mod.hasNOTICE && !seen["apache"] {
		seen["apache"] = true
		p.rep.Report("TOS203", lineRange(l), nil,
			"foreign Apache-2.0 code needs a NOTICE file at the module root that carries its attribution notices (Apache-2.0 section 4(d))")
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// thirdPartyDir returns x for files under third_party/x/ when that
// directory carries its own LICENSE.
func thirdPartyDir(root, rel string) string {
	parts := strings.Split(rel, "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] != "third_party" {
			continue
		}
		dir := filepath.Join(root, filepath.FromSlash(strings.Join(parts[:i+2], "/")))
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if isLicenseName(e.Name()) {
				return parts[i+1]
			}
		}
	}
	return ""
}

// checkThirdParty requires a notices entry naming a third_party directory.
func (p *pass) checkThirdParty(f *ast.File, x string) {
	if p.mod.listed(strings.TrimSpace(normalizeText(x))) {
		return
	}
	p.entry(Entry{Holder: x, File: p.fileOf(f.Package), Rule: "TOS202"})
	p.rep.Report("TOS202", rng{f.Package, f.Package + token.Pos(len("package"))}, nil,
		"third_party/%s carries its own license but the module's notices file does not name %s", x, x)
}

func (p *pass) fileOf(pos token.Pos) string { return p.a.Fset.File(pos).Name() }

func (p *pass) entry(e Entry) { p.res.Entries = append(p.res.Entries, e) }

type rng struct{ pos, end token.Pos }

func (r rng) Pos() token.Pos { return r.pos }
func (r rng) End() token.Pos { return r.end }

func lineRange(l lineAt) analysis.Range {
	return rng{l.pos, l.pos + token.Pos(len(strings.TrimRight(l.text, " \t")))}
}
