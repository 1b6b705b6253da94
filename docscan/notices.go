package docscan

import (
	"fmt"
	"go/token"
	"path"
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

// checkLicenseCoverage reports TOS301 when Markdown docs have no license
// file in their directory or any parent up to the root.
func (s *scan) checkLicenseCoverage(files []file) {
	var uncovered []string
	for _, f := range files {
		if !f.markdown || isMetaDoc(f.rel) {
			continue
		}
		covered := false
		for dir := path.Dir(f.rel); ; dir = path.Dir(dir) {
			if s.licenseDirs[dir] {
				covered = true
				break
			}
			if dir == "." {
				break
			}
		}
		if !covered {
			uncovered = append(uncovered, f.rel)
		}
	}
	if len(uncovered) == 0 {
		return
	}
	// Only the owner publishes under the pack's docs license; anyone else
	// chooses their own.
	what := "add a LICENSE file (or LICENSES/<id>.txt) that states the license of the docs"
	if s.pol.TrademarkOwner() {
		for _, p := range s.pol.Packs() {
			if p.Content.DocsLicense != "" {
				what = fmt.Sprintf("add a LICENSE file with %s, the docs license of pack %s", p.Content.DocsLicense, p.Name)
				break
			}
		}
	}
	example := uncovered[0]
	msg := fmt.Sprintf("no license file covers the Markdown docs (%s", example)
	if n := len(uncovered) - 1; n > 0 {
		msg += fmt.Sprintf(" and %d more", n)
	}
	msg += "): " + what
	s.add(report.Finding{Rule: "TOS301", Pos: s.repoAnchor(), Message: msg})
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

// checkNotices reports the notices a pack requires that the README and
// notice files lack. Owner notices apply in trademark-owner mode only.
// Publisher notices (license grant) are checked with license detection.
func (s *scan) checkNotices() {
	if !s.pol.TrademarkOwner() {
		return
	}
	ev := s.evidence()
	anchor := s.repoAnchor()
	for _, p := range s.pol.Packs() {
		for _, n := range p.Notices {
			if n.When != policy.Owner || !s.pol.Enabled(n.Rule) || ev.satisfies(n) {
				continue
			}
			msg := fmt.Sprintf("no %s in the README or notice files (pack %s requires it in the owner's repositories)", n.Title, p.Name)
			if n.Hint != "" {
				msg += ": " + n.Hint
			}
			s.add(report.Finding{Rule: n.Rule, Pos: anchor, Message: msg})
		}
	}
}

// checkAttributionStatement reports docs that use a pack's marks (two
// distinct marks, or one three times) when no document or notices file
// carries an attribution statement (TOS405). The owner's own repositories
// are judged by the owner's notice set instead (TOS306).
func (s *scan) checkAttributionStatement() {
	if s.pol.TrademarkOwner() {
		return
	}
	for _, p := range s.pol.Packs() {
		used := s.marksUsed[p]
		total := 0
		for _, n := range used {
			total += n
		}
		if p.Trademarks == nil || len(p.Trademarks.Attribution) == 0 || (len(used) < 2 && total < 3) {
			continue
		}
		found := s.attributed[p]
		for _, t := range s.plainNotice {
			for _, pat := range p.Trademarks.Attribution {
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
		statement := marks[0] + " is a trademark of " + p.Trademarks.Owner
		if len(marks) > 1 {
			statement = strings.Join(marks[:len(marks)-1], ", ") + " and " + marks[len(marks)-1] + " are trademarks of " + p.Trademarks.Owner
		}
		s.add(report.Finding{Rule: "TOS405", Pos: s.repoAnchor(), Message: fmt.Sprintf(
			"the docs use %s marks (%s) but no README or notices file says whose marks they are: add a trademark statement, such as \"%s\"",
			p.Trademarks.Owner, strings.Join(marks, ", "), statement)})
	}
}

// attributes reports whether a document carries one of the pack's
// trademark attribution statements.
func attributes(d *Document, p *policy.Pack) bool {
	for _, pat := range p.Trademarks.Attribution {
		for _, r := range d.Runs {
			if pat.MatchString(r.Text) {
				return true
			}
		}
	}
	return false
}
