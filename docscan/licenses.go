package docscan

import (
	"fmt"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
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

// noticeHeading matches a legal-notices or license section heading,
// including "##Legal Notices" without a space (not a CommonMark heading).
var noticeHeading = regexp.MustCompile(`(?i)^\s*#{0,6}\s*(legal\s+notices?|licen[cs]e|licensing|copyright(\s+and\s+licen[cs]e)?)\b`)

// declaration is a license a document declares for itself.
type declaration struct {
	id  string
	pos token.Position
}

var spdxInDoc = regexp.MustCompile(`SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)`)

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

// plainNoticeHeading finds a legal-notices heading in a plain-text file.
var plainNoticeHeading = regexp.MustCompile(`(?im)^\s*#*\s*legal\s+notices?`)

// repoLicenses is what the root files say about the repository's licenses.
type repoLicenses struct {
	docsFile, codeFile string // root LICENSE and LICENSE-CODE (absolute), if any
	docsID, codeID     string // their identified licenses
	stated             []string
	readme             *Document
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
		data := readLimited(filepath.Join(s.opts.Root, name), s.pol.MaxFileSize())
		switch {
		case strings.Contains(lower, "code"):
			rl.codeFile, rl.codeID = filepath.Join(s.opts.Root, name), licenseid.Identify(data)
		case rl.docsFile == "" || lower == "license" || lower == "license.md" || lower == "license.txt":
			rl.docsFile, rl.docsID = filepath.Join(s.opts.Root, name), licenseid.Identify(data)
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
				if st.re.MatchString(r.Text) && !slices.Contains(rl.stated, st.id) {
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

// checkPublisher applies the publisher rules (TOS302-TOS305, TOS308) to a
// repository that publishes docs under a pack's content license: the
// owner's own repositories, or any whose README or LICENSE says so.
func (s *scan) checkPublisher(hasCode bool) {
	rl := s.rootLicenses()
	for _, p := range s.pol.Packs() {
		want := p.Content.DocsLicense
		if want == "" {
			continue
		}
		publisher := s.pol.TrademarkOwner() || rl.docsID == want || slices.Contains(rl.stated, want)
		if !publisher {
			continue
		}
		anchor := s.repoAnchor()
		if rl.docsFile != "" && rl.docsID != want && rl.docsID != "" {
			s.add(report.Finding{Rule: "TOS302", Pos: token.Position{Filename: rl.docsFile, Line: 1, Column: 1},
				Message: fmt.Sprintf("%s is %s, but the docs are published under %s (pack %s): replace it with the %s text", path.Base(rl.docsFile), rl.docsID, want, p.Name, want)})
		}
		if rl.docsFile != "" && rl.docsID != "" {
			// The repository-level guess, when go-license-detector is
			// installed: a confident guess that disagrees with licensecheck
			// makes the license ambiguous.
			if g, ok := confidentGuess(detectorGuess(s.opts.Root)); ok && g.id != rl.docsID {
				s.add(report.Finding{Rule: "TOS302", Pos: token.Position{Filename: rl.docsFile, Line: 1, Column: 1},
					Message: fmt.Sprintf("the license of the repository is ambiguous: %s reads as %s (licensecheck) and as %s (go-license-detector, confidence %.2f); make the file the full %s text", path.Base(rl.docsFile), rl.docsID, g.id, g.conf, want)})
			}
		}
		if rl.docsFile != "" && rl.docsID == "" {
			s.add(report.Finding{Rule: "TOS302", Pos: token.Position{Filename: rl.docsFile, Line: 1, Column: 1},
				Message: fmt.Sprintf("%s is not a recognisable license text; the docs are published under %s: use its full, unmodified text", path.Base(rl.docsFile), want)})
		}
		for _, st := range rl.stated {
			if strings.HasPrefix(st, "CC-") && rl.docsID != "" && st != rl.docsID {
				s.add(report.Finding{Rule: "TOS308", Pos: anchor,
					Message: fmt.Sprintf("the README states %s for the docs, but %s is %s", st, path.Base(rl.docsFile), rl.docsID)})
			}
		}
		if rl.docsID != "" {
			sort.Slice(s.declared, func(i, j int) bool { return s.declared[i].pos.Filename < s.declared[j].pos.Filename })
			for _, d := range s.declared {
				if d.id != rl.docsID {
					s.add(report.Finding{Rule: "TOS308", Pos: d.pos,
						Message: fmt.Sprintf("this page declares %s, but %s (the docs license) is %s", d.id, path.Base(rl.docsFile), rl.docsID)})
				}
			}
		}
		s.checkNoticeSection(p, rl, anchor)
		if hasCode && rl.codeFile == "" && !statesCodeLicense(rl.stated) {
			s.add(report.Finding{Rule: "TOS305", Pos: anchor,
				Message: fmt.Sprintf("the repository has code but no separate code license: %s is meant for documentation; add LICENSE-CODE (for example %s) and say in the README which license covers the code", want, orDefault(p.Content.CodeLicense, "MIT"))})
		}
	}
}

func statesCodeLicense(stated []string) bool {
	for _, s := range stated {
		if !strings.HasPrefix(s, "CC-") {
			return true
		}
	}
	return false
}

// checkNoticeSection reports a missing legal-notices section (TOS303) or a
// section that does not link the license and the LICENSE file (TOS304).
func (s *scan) checkNoticeSection(p *policy.Pack, rl *repoLicenses, anchor token.Position) {
	var sectionDocs []*Document
	for _, d := range s.docs {
		base := strings.ToLower(path.Base(d.Name))
		if strings.HasPrefix(base, "readme") || strings.HasPrefix(base, "notice") || strings.HasPrefix(base, "thirdpartynotices") || strings.HasPrefix(base, "third_party_notices") {
			sectionDocs = append(sectionDocs, d)
		}
	}
	hasSection := false
	for _, d := range sectionDocs {
		for _, r := range d.Runs {
			if (r.Scope&ScopeHeading != 0 || strings.HasPrefix(r.Text, "#")) && noticeHeading.MatchString(r.Text) {
				hasSection = true
			}
		}
	}
	for _, t := range s.plainNotice {
		lower := strings.ToLower(t.rel)
		if (strings.HasPrefix(lower, "thirdpartynotices") || strings.HasPrefix(lower, "notice")) && plainNoticeHeading.MatchString(t.text) {
			hasSection = true
		}
	}
	if !hasSection {
		s.add(report.Finding{Rule: "TOS303", Pos: anchor,
			Message: fmt.Sprintf("no Legal Notices or License section in the README or a notices file: add one that grants the %s license for the docs and links it and the LICENSE file", p.Content.DocsLicense)})
		return
	}
	licenseLink, fileLink := false, false
	for _, d := range sectionDocs {
		for _, l := range d.Links {
			for _, pat := range p.Content.LicenseURLs {
				if pat.MatchString(l.URL) {
					licenseLink = true
				}
			}
			u := strings.TrimSuffix(strings.ToLower(l.URL), "/")
			if u == "license" || u == "license.md" || u == "license.txt" || u == "./license" || strings.HasSuffix(u, "/license") || strings.HasSuffix(u, "/license.md") {
				fileLink = true
			}
		}
	}
	for _, t := range s.plainNotice {
		for _, u := range bareURL.FindAllString(t.text, -1) {
			for _, pat := range p.Content.LicenseURLs {
				if pat.MatchString(strings.TrimRight(u, ".,;:")) {
					licenseLink = true
				}
			}
		}
		if strings.Contains(t.text, "LICENSE") {
			fileLink = true // plain text names the file; it cannot link it
		}
	}
	var missing []string
	if !licenseLink && len(p.Content.LicenseURLs) > 0 {
		missing = append(missing, "the license deed or legal code")
	}
	if !fileLink && rl.docsFile != "" {
		missing = append(missing, "the LICENSE file")
	}
	if len(missing) > 0 {
		s.add(report.Finding{Rule: "TOS304", Pos: anchor,
			Message: fmt.Sprintf("the legal notice does not link %s: link both so that re-users can follow the %s terms", strings.Join(missing, " or "), p.Content.DocsLicense)})
	}
}
