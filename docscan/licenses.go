package docscan

import (
	"bytes"
	"fmt"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/toslint/toslint/internal/licenseid"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
)

// grantPrefix is how a README grants a license: "licensed under (the)".
// A license merely named in prose ("checks CC BY 4.0 attribution") is not
// a statement about the repository.
const grantPrefix = `(?i)\b(?:licen[cs]ed|shared|published|released|distributed|made\s+available)\s+under\s+(?:the\s+|a\s+)?(?:terms\s+of\s+(?:the\s+)?)?`

// statements recognise license grants in README prose.
var statements = []struct {
	re *regexp.Regexp
	id string
}{
	{regexp.MustCompile(grantPrefix + `(?:creative\s+commons\s+attribution[- ]sharealike\s+4\.0|CC[- ]BY[- ]SA[- ]4\.0\b)`), "CC-BY-SA-4.0"},
	{regexp.MustCompile(grantPrefix + `(?:creative\s+commons\s+attribution\s+4\.0|CC[- ]BY[- ]4\.0\b)`), "CC-BY-4.0"},
	{regexp.MustCompile(grantPrefix + `MIT\b`), "MIT"},
	{regexp.MustCompile(grantPrefix + `Apache\s+License,?\s+(?:Version\s+)?2\.0\b`), "Apache-2.0"},
}

// declaration is a license a document declares for itself.
type declaration struct {
	id  string
	pos token.Position
}

var spdxInDoc = regexp.MustCompile(`SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)`)

// declarations records the license a page declares for itself (an SPDX
// tag in an HTML comment, or a front-matter license key), for TOS308.
type declarations struct{}

func (declarations) ids() []string { return []string{"TOS308"} }

func (declarations) check(p *page) {
	if decl, ok := declaredLicense(p.d); ok {
		p.s.mu.Lock()
		p.s.declared = append(p.s.declared, decl)
		p.s.mu.Unlock()
	}
}

// declaredLicense finds an SPDX tag (in an HTML comment) or a front-matter
// license key in a document.
func declaredLicense(d *Document) (declaration, bool) {
	for _, c := range d.Comments {
		if m := spdxInDoc.FindStringSubmatch(c.Inner); m != nil {
			return declaration{id: m[1], pos: token.Position{Filename: d.Name, Line: c.Line, Column: c.Col}}, true
		}
	}
	if fm := d.FrontMatter; fm != nil && fm.License != "" {
		return declaration{id: fm.License, pos: d.Position(fm.LicenseOffset)}, true
	}
	return declaration{}, false
}

// blank reports whether a file holds nothing but white space: it grants
// no license.
func blank(data []byte) bool {
	return len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))) == 0
}

// licenseCoverage reports TOS301 when Markdown docs have no license file
// (with text in it) in their directory or any parent up to the root.
type licenseCoverage struct{}

func (licenseCoverage) ids() []string { return []string{"TOS301"} }

func (licenseCoverage) checkRepo(s *scan) {
	covers := map[string]bool{}
	var empty []string
	covered := func(dir string) bool {
		v, ok := covers[dir]
		if !ok {
			var e []string
			v, e = s.licensedDir(dir)
			covers[dir] = v
			empty = append(empty, e...)
		}
		return v
	}
	var uncovered []string
	for _, f := range s.files {
		if !f.markdown || isMetaDoc(f.rel) {
			continue
		}
		ok := false
		for dir := path.Dir(f.rel); ; dir = path.Dir(dir) {
			if s.licenseDirs[dir] && covered(dir) {
				ok = true
				break
			}
			if dir == "." {
				break
			}
		}
		if !ok {
			uncovered = append(uncovered, f.rel)
		}
	}
	if len(uncovered) == 0 {
		return
	}
	// Only the owner publishes under the pack's docs license; anyone else
	// chooses their own.
	what := "add a LICENSE file (or LICENSES/<id>.txt) that states the license of the docs"
	for _, l := range s.licensors() {
		if l.owned {
			what = fmt.Sprintf("add a LICENSE file with %s, the docs license of %s", l.license, joinAnd(l.owners))
			break
		}
	}
	slices.Sort(empty)
	if len(empty) > 0 {
		what = fmt.Sprintf("%s is empty, so it grants no license: put the license text in it", strings.Join(slices.Compact(empty), " and "))
	}
	msg := fmt.Sprintf("no license file covers the Markdown docs (%s", uncovered[0])
	if n := len(uncovered) - 1; n > 0 {
		msg += fmt.Sprintf(" and %d more", n)
	}
	msg += "): " + what
	s.add(report.Finding{Rule: "TOS301", Pos: s.repoAnchor(), Message: msg})
}

// licensedDir reports whether a directory (relative, slash-separated)
// holds a license file with text in it, or a LICENSES directory that
// does; and lists the license files there that are empty.
func (s *scan) licensedDir(dir string) (bool, []string) {
	var empty []string
	for _, sub := range []string{dir, path.Join(dir, "LICENSES")} {
		entries, err := os.ReadDir(s.abs(sub))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || sub == dir && !isLicenseFile(e.Name()) {
				continue
			}
			data := readLimited(filepath.Join(s.abs(sub), e.Name()), s.pol.MaxFileSize())
			if !blank(data) {
				return true, nil
			}
			if st, err := os.Stat(filepath.Join(s.abs(sub), e.Name())); err == nil && st.Size() <= s.pol.MaxFileSize() {
				empty = append(empty, path.Join(sub, e.Name()))
			}
		}
	}
	return false, empty
}

// repoLicenses is what the root files say about the repository's licenses.
type repoLicenses struct {
	docsFile, codeFile string // root LICENSE and LICENSE-CODE (absolute), if any
	docsID, codeID     string // their identified licenses
	docsBlank          bool   // the docs license file is empty
	stated             []string
	statedAt           token.Position // where the README states the first of them
	readme             *Document
	files              []string // names of the root license files
}

func (s *scan) rootLicenses() *repoLicenses {
	rl := &repoLicenses{}
	entries, _ := os.ReadDir(s.opts.Root)
	for _, e := range entries {
		name := e.Name()
		lower := strings.ToLower(name)
		if e.IsDir() || !isLicenseFile(name) {
			continue
		}
		rl.files = append(rl.files, name)
		data := readLimited(filepath.Join(s.opts.Root, name), s.pol.MaxFileSize())
		switch {
		case strings.Contains(lower, "code"):
			rl.codeFile, rl.codeID = filepath.Join(s.opts.Root, name), licenseid.Identify(data)
		case rl.docsFile == "" || lower == "license" || lower == "license.md" || lower == "license.txt":
			rl.docsFile, rl.docsID, rl.docsBlank = filepath.Join(s.opts.Root, name), licenseid.Identify(data), blank(data)
		}
	}
	for _, d := range s.docs {
		if strings.HasPrefix(strings.ToLower(path.Base(d.Name)), "readme") && rl.readme == nil {
			rl.readme = d
		}
	}
	if rl.readme != nil {
		for _, r := range rl.readme.Runs {
			for _, st := range statements {
				if loc := st.re.FindStringIndex(r.Text); loc != nil && !slices.Contains(rl.stated, st.id) {
					if len(rl.stated) == 0 {
						start, _ := r.Span(loc[0], loc[1])
						rl.statedAt = rl.readme.Position(start)
					}
					rl.stated = append(rl.stated, st.id)
				}
			}
		}
	}
	return rl
}

func readLimited(p string, limit int64) []byte {
	st, err := os.Stat(p)
	if err != nil || st.Size() > limit {
		return nil
	}
	data, _ := os.ReadFile(p)
	return data
}

// publisherRules apply TOS302-TOS305 and TOS308 to a repository that
// publishes docs under a pack's content license: the owner's own
// repositories, or any whose README or LICENSE says so. Packs that share
// a docs license are judged once for it.
type publisherRules struct{}

func (publisherRules) ids() []string {
	return []string{"TOS302", "TOS303", "TOS304", "TOS305", "TOS308"}
}

// licensor is a docs license and the packs (and owners) that publish
// under it.
type licensor struct {
	license string
	packs   []*policy.Pack
	owned   bool     // some owner of these packs is in owner mode
	owners  []string // the owners in owner mode
}

func (s *scan) licensors() []*licensor {
	var out []*licensor
	for _, o := range s.owners {
		for _, p := range o.packs {
			if p.Content.DocsLicense == "" {
				continue
			}
			i := slices.IndexFunc(out, func(l *licensor) bool { return l.license == p.Content.DocsLicense })
			if i < 0 {
				out = append(out, &licensor{license: p.Content.DocsLicense})
				i = len(out) - 1
			}
			l := out[i]
			l.packs = append(l.packs, p)
			if o.own() {
				l.owned = true
				l.owners = appendNew(l.owners, o.name)
			}
		}
	}
	return out
}

func (publisherRules) checkRepo(s *scan) {
	rl := s.rootLicenses()
	anchor := s.repoAnchor()
	var publishing []*licensor
	for _, l := range s.licensors() {
		if l.owned || rl.docsID == l.license || slices.Contains(rl.stated, l.license) {
			publishing = append(publishing, l)
		}
	}
	if len(publishing) == 0 {
		return
	}
	at := token.Position{Filename: rl.docsFile, Line: 1, Column: 1}
	var guess guess
	confident := false
	if rl.docsID != "" {
		// The repository-level guess, when go-license-detector is
		// installed: a confident guess that disagrees with licensecheck
		// makes the license ambiguous.
		guess, confident = confidentGuess(detectorGuess(s.opts.Root))
		confident = confident && guess.id != rl.docsID
	}
	for _, l := range publishing {
		want := l.license
		switch {
		case rl.docsFile == "" || rl.docsBlank:
			// TOS301 reports a missing or empty license file.
		case rl.docsID == "":
			s.add(report.Finding{Rule: "TOS302", Pos: at,
				Message: fmt.Sprintf("%s is not a recognisable license text; the docs are published under %s: use its full, unmodified text", path.Base(rl.docsFile), want)})
		case confident:
			s.add(report.Finding{Rule: "TOS302", Pos: at,
				Message: fmt.Sprintf("the license of the repository is ambiguous: %s reads as %s (licensecheck) and as %s (go-license-detector, confidence %.2f); make the file the full %s text", path.Base(rl.docsFile), rl.docsID, guess.id, guess.conf, want)})
		case rl.docsID != want && l.owned:
			s.add(report.Finding{Rule: "TOS302", Pos: at,
				Message: fmt.Sprintf("%s is %s, but %s %s docs under %s: replace it with the %s text", path.Base(rl.docsFile), rl.docsID, joinAnd(l.owners), publishes(l.owners), want, want)})
		case rl.docsID != want:
			// The README grants one license and the file holds another:
			// one cause, one finding, at the file.
			f := report.Finding{Rule: "TOS302", Pos: at,
				Message: fmt.Sprintf("%s is %s, but the README says the docs are licensed under %s: make the file and the README agree", path.Base(rl.docsFile), rl.docsID, want)}
			if rl.statedAt.IsValid() {
				f.Related = []report.Related{{Pos: rl.statedAt, Message: "the README grants " + want + " here"}}
			}
			s.add(f)
		}
		s.checkNoticeSection(l, rl, anchor)
	}
	if rl.docsID != "" {
		slices.SortFunc(s.declared, func(a, b declaration) int { return strings.Compare(a.pos.Filename, b.pos.Filename) })
		for _, d := range s.declared {
			if d.id != rl.docsID {
				s.add(report.Finding{Rule: "TOS308", Pos: d.pos,
					Message: fmt.Sprintf("this page declares %s, but %s (the docs license) is %s", d.id, path.Base(rl.docsFile), rl.docsID)})
			}
		}
	}
	if s.hasCode && rl.codeFile == "" && !statesCodeLicense(rl.stated) {
		code := "MIT"
		for _, p := range publishing[0].packs {
			if p.Content.CodeLicense != "" {
				code = p.Content.CodeLicense
				break
			}
		}
		s.add(report.Finding{Rule: "TOS305", Pos: anchor,
			Message: fmt.Sprintf("the repository has code but no separate code license: %s is meant for documentation; add LICENSE-CODE (for example %s) and say in the README which license covers the code", publishing[0].license, code)})
	}
}

// statesCodeLicense reports whether the README grants a license meant for
// code (anything but a Creative Commons license).
func statesCodeLicense(stated []string) bool {
	for _, s := range stated {
		if !strings.HasPrefix(s, "CC-") {
			return true
		}
	}
	return false
}

// joinAnd joins names as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func publishes(owners []string) string {
	if len(owners) == 1 {
		return "publishes its"
	}
	return "publish their"
}
