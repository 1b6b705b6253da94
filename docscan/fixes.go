package docscan

import (
	"fmt"
	"strings"

	"github.com/toslint/toslint/internal/report"
)

// report adds a finding for Text[i:j] of run r, with fix when given.
func (p *page) report(r *Run, i, j int, id string, fix *report.Fix, format string, args ...any) {
	start, end := r.Span(i, j)
	f := report.Finding{Rule: id, Pos: p.d.Position(start), End: p.d.Position(end), Message: fmt.Sprintf(format, args...)}
	if fix != nil {
		f.Fixes = []report.Fix{*fix}
	}
	p.s.add(f)
}

// replaceFix returns a fix that writes to in place of Text[i:j], and
// corrects the article before it ("an Azure AD group" → "a Microsoft
// Entra group"). It returns nil when the text is split by markup (the
// edit would drop it) or the article cannot be rewritten in place.
func (p *page) replaceFix(r *Run, i, j int, to string) *report.Fix {
	if to == "" || !p.contiguous(r, i, j) {
		return nil
	}
	start, end := r.Span(i, j)
	edits := []report.Edit{{File: p.d.Name, Start: start, End: end, New: to}}
	if ai, aj, article := articleBefore(r.Text, i); article != "" {
		if want := articleFor(to, article); want != article {
			if !p.contiguous(r, ai, aj) {
				return nil
			}
			as, ae := r.Span(ai, aj)
			edits = append([]report.Edit{{File: p.d.Name, Start: as, End: ae, New: want}}, edits...)
		}
	}
	return &report.Fix{Message: "Replace with " + to, Edits: edits}
}

// contiguous reports whether Text[i:j] is one stretch of the source (not
// split by markup), so that replacing it keeps every other byte.
func (p *page) contiguous(r *Run, i, j int) bool {
	start, end := r.Span(i, j)
	if end-start != j-i {
		return false
	}
	return string(p.d.Src[start:end]) == r.Text[i:j] || p.d.FrontMatter != nil && start < p.d.FrontMatter.End
}

// articleBefore finds an indefinite article right before Text[i:].
func articleBefore(text string, i int) (start, end int, article string) {
	k := i
	for k > 0 && text[k-1] == ' ' {
		k--
	}
	if k == i {
		return 0, 0, ""
	}
	w := k
	for w > 0 && isWordByte(text[w-1]) {
		w--
	}
	if w > 0 && isWordByte(text[w-1]) {
		return 0, 0, ""
	}
	switch a := text[w:k]; a {
	case "a", "an", "A", "An", "AN":
		return w, k, a
	}
	return 0, 0, ""
}

// articleFor returns the article that goes before name, in the letter
// case of the one written. Product names are read as written: a vowel
// letter takes "an".
func articleFor(name, written string) string {
	want := "a"
	if name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		want = "an"
	}
	switch written {
	case "A", "An":
		return strings.ToUpper(want[:1]) + want[1:]
	case "AN":
		return strings.ToUpper(want)
	}
	return want
}
