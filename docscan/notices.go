package docscan

import (
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

// isMarkdown reports whether a file name is a Markdown document.
func isMarkdown(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range []string{".md", ".markdown", ".mdx"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// isLicenseFile reports whether name is a license file (LICENSE,
// LICENSE.md, LICENSE-CODE, COPYING, ...).
func isLicenseFile(name string) bool { return licenseid.IsLicenseFile(name) }

// isNoticeFile reports whether name is a README, license or notice file.
func isNoticeFile(name string) bool {
	if isLicenseFile(name) || licenseid.IsNoticesFile(name) {
		return true
	}
	lower := strings.ToLower(name) // and the README, legal and trademark pages
	return strings.HasPrefix(lower, "readme") || strings.HasPrefix(lower, "legal") || strings.HasPrefix(lower, "trademarks")
}

// codeExts are source file extensions: a repository with them has code
// that needs a code license besides the docs license.
var codeExts = []string{".go", ".py", ".js", ".ts", ".java", ".cs", ".c", ".cpp", ".rs", ".rb", ".ps1", ".sh"}

func isCode(name string) bool {
	for _, e := range codeExts {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

// isMetaDoc reports Markdown files that are about the repository rather
// than documentation it publishes: templates and community files under
// .github.
func isMetaDoc(rel string) bool {
	return strings.HasPrefix(rel, ".github/")
}

// repoAnchor is where repository-level findings are reported: line 1 of
// the root README, or the root directory itself when there is none.
func (s *scan) repoAnchor() token.Position {
	for _, d := range s.docs {
		if strings.HasPrefix(strings.ToLower(path.Base(d.Name)), "readme") {
			return token.Position{Filename: d.Name, Line: 1, Column: 1}
		}
	}
	for _, t := range s.plainNotice {
		if strings.HasPrefix(strings.ToLower(t.rel), "readme") {
			return token.Position{Filename: s.abs(t.rel), Line: 1, Column: 1}
		}
	}
	return token.Position{Filename: s.opts.Root}
}

// bareURL finds URLs in plain-text notice files.
var bareURL = regexp.MustCompile(`https?://[^\s<>()\[\]"']+`)

// noticeEvidence is the text and links of the root README and notice
// files, where the legal notices live.
type noticeEvidence struct {
	prose []string
	links []string
}

func (s *scan) evidence() noticeEvidence {
	var ev noticeEvidence
	for _, d := range s.docs {
		ev.prose = append(ev.prose, d.Prose...)
		for _, l := range d.Links {
			ev.links = append(ev.links, l.URL)
		}
	}
	for _, t := range s.plainNotice {
		ev.prose = append(ev.prose, strings.Join(strings.Fields(t.text), " "))
		ev.links = append(ev.links, bareURL.FindAllString(t.text, -1)...)
	}
	return ev
}

func (ev noticeEvidence) satisfies(n policy.Notice) bool {
	for _, p := range n.Text {
		for _, t := range ev.prose {
			if p.MatchString(t) {
				return true
			}
		}
	}
	for _, p := range n.Links {
		for _, l := range ev.links {
			if p.MatchString(strings.TrimRight(l, ".,;:")) {
				return true
			}
		}
	}
	return false
}

// ownerNotices reports the notices an owner requires in its own
// repositories that the README and notice files lack (TOS306, TOS307,
// TOS310). Publisher notices (the license grant) are judged with the
// license files by publisherRules.
type ownerNotices struct{}

func (ownerNotices) ids() []string { return []string{"TOS306", "TOS307", "TOS310"} }

func (ownerNotices) checkRepo(s *scan) {
	if !s.anyOwn() {
		return
	}
	ev := s.evidence()
	anchor := s.repoAnchor()
	for _, o := range s.owners {
		if !o.own() {
			continue
		}
		for _, n := range o.notices {
			if n.When != policy.Owner || !s.pol.Enabled(n.Rule) || ev.satisfies(n) {
				continue
			}
			msg := fmt.Sprintf("no %s in the README or notice files (%s's own repositories carry it)", n.Title, o.name)
			if n.Hint != "" {
				msg += ": " + n.Hint
			}
			s.add(report.Finding{Rule: n.Rule, Pos: anchor, Message: msg})
		}
	}
}

// attributionStatement reports docs that use an owner's marks (two
// distinct marks, or one three times) when no document or notices file
// carries an attribution statement (TOS405). The owner's own repositories
// are judged by the owner's notice set instead (TOS306).
type attributionStatement struct{}

func (attributionStatement) ids() []string { return []string{"TOS405"} }

func (attributionStatement) checkRepo(s *scan) {
	for _, o := range s.owners {
		used := s.marksUsed[o]
		total := 0
		for _, n := range used {
			total += n
		}
		if o.own() || len(o.attribution) == 0 || (len(used) < 2 && total < 3) {
			continue
		}
		found := s.attributed[o]
		for _, t := range s.plainNotice {
			for _, pat := range o.attribution {
				found = found || pat.MatchString(strings.Join(strings.Fields(t.text), " "))
			}
		}
		if found {
			continue
		}
		var marks []string
		for m := range used {
			marks = append(marks, m)
		}
		slices.Sort(marks)
		if len(marks) > 3 {
			marks = marks[:3]
		}
		statement := marks[0] + " is a trademark of " + o.name
		if len(marks) > 1 {
			statement = strings.Join(marks[:len(marks)-1], ", ") + " and " + marks[len(marks)-1] + " are trademarks of " + o.name
		}
		s.add(report.Finding{Rule: "TOS405", Pos: s.repoAnchor(), Message: fmt.Sprintf(
			"the docs use %s marks (%s) but no README or notices file says whose marks they are: add a trademark statement, such as \"%s\"",
			o.name, strings.Join(marks, ", "), statement)})
	}
}

// noticeHeading matches a legal-notices or license section heading,
// including "##Legal Notices" without a space (not a CommonMark heading),
// "Licenses" and "License and notices".
var noticeHeading = regexp.MustCompile(`(?i)^\s*#{0,6}\s*(?:legal\s+notices?|legal|licen[cs](?:e|es|ing)|copyright(?:\s+and\s+licen[cs](?:e|es))?|notices?(?:\s+and\s+licen[cs](?:e|es))?)\b`)

// plainNoticeHeading finds a legal-notices heading in a plain-text file.
var plainNoticeHeading = regexp.MustCompile(`(?im)^\s*#*\s*legal\s+notices?`)

// isSectionDoc reports the root files that may hold the notices section.
func isSectionDoc(name string) bool {
	base := strings.ToLower(path.Base(name))
	return strings.HasPrefix(base, "readme") || licenseid.IsNoticesFile(path.Base(name))
}

// headingFor reports whether a heading opens a notices section, in
// English or in one of the packs' headings.
func headingFor(text string, packs []*policy.Pack) bool {
	if noticeHeading.MatchString(text) {
		return true
	}
	t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text), "#"))
	for _, p := range packs {
		for _, h := range p.Content.NoticeHeadings {
			if len(t) >= len(h) && strings.EqualFold(t[:len(h)], h) {
				return true
			}
		}
	}
	return false
}

// checkNoticeSection reports a missing legal-notices section (TOS303) or a
// section that does not link the license and the LICENSE file (TOS304).
// Links are resolved against the repository: a link to a license file
// that does not exist is reported where it is, naming the file that does.
func (s *scan) checkNoticeSection(l *licensor, rl *repoLicenses, anchor token.Position) {
	var sectionDocs []*Document
	for _, d := range s.docs {
		if isSectionDoc(d.Name) {
			sectionDocs = append(sectionDocs, d)
		}
	}
	hasSection := false
	for _, d := range sectionDocs {
		for _, r := range d.Runs {
			if (r.Scope&ScopeHeading != 0 || strings.HasPrefix(r.Text, "#")) && headingFor(r.Text, l.packs) {
				hasSection = true
			}
		}
	}
	for _, t := range s.plainNotice {
		if isSectionDoc(t.rel) && !strings.HasPrefix(strings.ToLower(t.rel), "readme") && plainNoticeHeading.MatchString(t.text) {
			hasSection = true
		}
	}
	if !hasSection {
		s.add(report.Finding{Rule: "TOS303", Pos: anchor,
			Message: fmt.Sprintf("no Legal Notices or License section in the README or a notices file: add one that grants the %s license for the docs and links it and the LICENSE file", l.license)})
		return
	}
	var urls []policy.Pattern
	for _, p := range l.packs {
		urls = append(urls, p.Content.LicenseURLs...)
	}
	licenseLink, fileLink := false, false
	for _, d := range sectionDocs {
		for _, lk := range d.Links {
			for _, pat := range urls {
				if pat.MatchString(lk.URL) {
					licenseLink = true
				}
			}
			switch target, ok := s.licenseTarget(d, lk.URL); {
			case !ok:
			case target != "":
				fileLink = true
			default:
				s.add(report.Finding{Rule: "TOS304", Pos: d.Position(lk.Offset),
					Message: fmt.Sprintf("the notice links `%s`, which is not in the repository: %s", lk.URL, linkHint(lk.URL, rl.files))})
			}
		}
	}
	for _, t := range s.plainNotice {
		if !isSectionDoc(t.rel) {
			continue
		}
		for _, u := range bareURL.FindAllString(t.text, -1) {
			for _, pat := range urls {
				if pat.MatchString(strings.TrimRight(u, ".,;:")) {
					licenseLink = true
				}
			}
		}
		for _, f := range rl.files {
			if wordIndex(t.text, f) >= 0 {
				fileLink = true // plain text names the file; it cannot link it
			}
		}
	}
	var missing []string
	if !licenseLink && len(urls) > 0 {
		missing = append(missing, "the license deed or legal code")
	}
	if !fileLink && rl.docsFile != "" {
		missing = append(missing, "the LICENSE file")
	}
	if len(missing) > 0 {
		s.add(report.Finding{Rule: "TOS304", Pos: anchor,
			Message: fmt.Sprintf("the legal notice does not link %s: link both so that re-users can follow the %s terms", strings.Join(missing, " or "), l.license)})
	}
}

// licenseTarget resolves a link of a notices document. It reports ok
// when the link points at a license file, and returns the file's path
// relative to the root when it exists ("" when it does not). Absolute
// links to a license file (on a code host) are taken as they are.
func (s *scan) licenseTarget(d *Document, u string) (string, bool) {
	u = strings.TrimSpace(u)
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	base := path.Base(strings.TrimSuffix(u, "/"))
	if u == "" || !isLicenseFile(base) || strings.Contains(strings.ToLower(base), "third") {
		return "", false
	}
	if strings.Contains(u, "://") {
		return u, true
	}
	dir := "."
	if rel, err := relPath(s.opts.Root, d.Name); err == nil {
		dir = path.Dir(rel)
	}
	target := path.Clean(path.Join(dir, u))
	if strings.HasPrefix(u, "/") {
		target = path.Clean(strings.TrimPrefix(u, "/"))
	}
	if st, err := os.Stat(s.abs(target)); err == nil && !st.IsDir() {
		return target, true
	}
	return "", true
}

func relPath(root, p string) (string, error) {
	r, err := filepath.Rel(root, p)
	return filepath.ToSlash(r), err
}

// linkHint names the license file to link instead of a missing target:
// the one with the same name but for the extension (LICENSE.md for
// LICENSE), else every license file at the root.
func linkHint(target string, files []string) string {
	stem := func(name string) string {
		name = path.Base(name)
		return strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
	}
	for _, f := range files {
		if stem(f) == stem(target) {
			return "link `" + f + "`"
		}
	}
	switch len(files) {
	case 0:
		return "add the license file, or link the license text"
	case 1:
		return "link `" + files[0] + "`"
	}
	return "link one of " + "`" + strings.Join(files, "`, `") + "`"
}
