package docscan

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/rule"
)

// docState is the state of the document rules (trademarks, licenses,
// notices, reuse), apart from the scan's walking and reading. Page rules
// record into it under scan.mu; repository rules read it at the end.
type docState struct {
	owners  []*owner
	matcher *matcher // the owners' marks, informal forms and retired names
	// marksUsed counts, per owner, the marks the docs use (TOS405).
	marksUsed map[*owner]map[string]int
	// attributed records the owners whose trademark attribution statement
	// some document carries (TOS405); kept instead of the documents' text
	// so that memory stays flat in the number of files.
	attributed map[*owner]bool
	reused     []reusedPage
	declared   []declaration // SPDX tags and front-matter licenses in docs (TOS308)
	files      []file
	// projectName is the root README's title: a claim naming it is the
	// project's claim (TOS407).
	projectName string
}

// setupRules prepares the document rules: owners merged from the packs,
// their terms compiled once, and owner mode decided.
func (s *scan) setupRules() {
	s.owners = ownersOf(s.pol.Packs())
	s.matcher = newMatcher(s.owners)
	s.marksUsed = map[*owner]map[string]int{}
	s.attributed = map[*owner]bool{}
	s.detectOwners()
	for _, r := range rule.All() {
		if strings.HasPrefix(r.ID, "TOS4") && s.pol.Enabled(r.ID) {
			s.trademarkRules = s.matcher != nil
		}
	}
}

// retiredNames reports retired product names (TOS402) with their current
// name, from the owners' rename tables: the longest phrase wins, and
// historical mentions stay quiet.
type retiredNames struct{}

func (retiredNames) ids() []string { return []string{"TOS402"} }

func (retiredNames) check(p *page) {
	for ri, r := range p.d.Runs {
		for _, h := range p.hits[ri] {
			t := h.t
			if t.kind != kindRetired || inIdentifier(r.Text, h.start, h.suffixEnd) {
				continue
			}
			rn := t.retired
			if isHistorical(r.Text, h.start, h.suffixEnd, rn.Replacement) {
				continue
			}
			if p.dates != nil && p.dates[ri] != 0 && p.dates[ri] < renameDate(rn.Date) {
				continue // a changelog entry from before the rename
			}
			text := h.text(r)
			when := cmp.Or(rn.Date, "earlier")
			// A capitalised word after the name starts a longer name; after
			// a phrase that ends in an ordinary noun ("AAD Identity
			// Provider" against "Azure AD identity") too.
			if next := capitalAfter(r.Text, h.suffixEnd); next != "" && (!t.phrase || endsLower(t.canon)) && !isAllCaps(text) {
				if rn.LongerNames == "current" {
					continue // "Windows Defender Firewall" kept its name
				}
				// "Azure AD Foo": the longer name was renamed too, and
				// not necessarily by swapping the head.
				p.report(r, h.start, h.end, "TOS402", nil,
					"retired name `%s` starts the longer name `%s %s`: look up its current name (%s became %s %s; not fixed automatically)",
					text, text, next, rn.Name, rn.Replacement, onDate(rn.Date))
				continue
			}
			to := t.replacement() + carrySuffix(h.suffix(r))
			fix := p.replaceFix(r, h.start, h.suffixEnd, to)
			shown, shownTo := text+h.suffix(r), to
			if next := wordAfter(r.Text, h.suffixEnd); t.phrase && next != "" && connectors[lastWord(t.canon)] {
				// "Azure Defender for Storage": show the name, not "... for".
				shown, shownTo = shown+" "+next, to+" "+next
			}
			p.report(r, h.start, h.suffixEnd, "TOS402", fix,
				"retired name `%s`: write `%s` (renamed %s)", shown, shownTo, when)
		}
	}
}

// carrySuffix returns the part of a suffix the replacement keeps: a
// possessive or plural.
func carrySuffix(s string) string {
	switch s {
	case "'s", "’s", "s", "'", "’":
		return s
	}
	return ""
}

// capitalAfter returns the word after text[i:] when it follows after
// spaces only and starts with a capital letter: the retired name is then
// the start of a longer name.
func capitalAfter(text string, i int) string {
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if j == i || j >= len(text) {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	if !unicode.IsUpper(r) {
		return ""
	}
	k := j
	for k < len(text) && (isWordByte(text[k]) || text[k] == '-') {
		k++
	}
	return text[j:k]
}

// wordAfter returns the word that follows text[i:] after spaces.
func wordAfter(text string, i int) string {
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	k := j
	for k < len(text) && (isWordByte(text[k]) || text[k] == '-') {
		k++
	}
	if j == i {
		return ""
	}
	return text[j:k]
}

// endsLower reports whether a phrase ends in a lowercase word.
func endsLower(s string) bool {
	w := lastWord(s)
	return w != "" && w == strings.ToLower(w) && !connectors[w]
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// alteredMarks reports altered, misspelled and informal forms of marks
// (TOS401). Identifiers spelled like a mark (commands, quoted values,
// one-word table cells, paths and hosts) are not uses of it.
type alteredMarks struct{}

func (alteredMarks) ids() []string { return []string{"TOS401"} }

func (alteredMarks) check(p *page) {
	for ri, r := range p.d.Runs {
		for _, h := range p.hits[ri] {
			t, text := h.t, h.text(r)
			if t.kind != kindMark && t.kind != kindInformal || inIdentifier(r.Text, h.start, h.suffixEnd) {
				continue
			}
			if t.kind == kindMark {
				if text == t.canon || containsFold(t.mark.Abbreviations, text) {
					continue
				}
				if isAllCaps(text) && !isAllCaps(t.canon) {
					continue // boilerplate in capitals
				}
				if slices.Contains(t.mark.Commands, text) || quoted(r.Text, h.start, h.suffixEnd) || identifierRun(r, text) ||
					!hasUpper(text) && inlineCommand.MatchString(r.Text[h.suffixEnd:]) {
					continue
				}
			}
			name := t.canon
			what := "altered mark"
			if t.kind == kindInformal {
				name, what = t.mark.Name, "informal form of the mark"
			}
			p.report(r, h.start, h.end, "TOS401", p.replaceFix(r, h.start, h.end, name),
				"%s `%s`: write `%s` as the owner does", what, text, name)
		}
	}
}

// markGrammar reports marks used as plurals or possessives (TOS403). The
// possessive of a trade name is the company's ("Microsoft's"), and an
// inherently plural mark ("Windows") takes no plural.
type markGrammar struct{}

func (markGrammar) ids() []string { return []string{"TOS403"} }

func (markGrammar) check(p *page) {
	for ri, r := range p.d.Runs {
		for _, h := range p.hits[ri] {
			t, text, suffix := h.t, h.text(r), h.suffix(r)
			if t.kind != kindMark || suffix == "" || inIdentifier(r.Text, h.start, h.suffixEnd) {
				continue
			}
			if text != t.canon && !containsFold(t.mark.Abbreviations, text) {
				continue // an altered form: TOS401's
			}
			switch {
			case suffix == "'s" || suffix == "’s" || suffix == "'" || suffix == "’":
				if !t.trade {
					p.report(r, h.start, h.suffixEnd, "TOS403", nil, "possessive of the mark `%s` (`%s`): use it as an adjective, as in \"the %s features\"", t.canon, text+suffix, t.canon)
				}
			case !(t.mark.Plural && suffix == "s"):
				p.report(r, h.start, h.suffixEnd, "TOS403", nil, "plural of the mark `%s` (`%s`): use it as an adjective with a noun, as in \"%s instances\"", t.canon, text+suffix, t.canon)
			}
		}
	}
}

// firstUseSymbols reports the first use on a page of a mark the pack
// gives a symbol, without it (TOS406; off by default).
type firstUseSymbols struct{}

func (firstUseSymbols) ids() []string { return []string{"TOS406"} }

func (firstUseSymbols) check(p *page) {
	seen := map[*policy.Mark]bool{}
	for ri, r := range p.d.Runs {
		for _, h := range p.hits[ri] {
			t := h.t
			if t.kind != kindMark || t.mark.Symbol == "" || seen[t.mark] || h.text(r) != t.canon {
				continue
			}
			seen[t.mark] = true
			if !strings.HasPrefix(r.Text[h.suffixEnd:], t.mark.Symbol) {
				p.report(r, h.start, h.end, "TOS406", nil, "first use of `%s` without %s", t.canon, t.mark.Symbol)
			}
		}
	}
}

// markUse records the marks a page uses and whether it carries an
// owner's attribution statement, for TOS405.
type markUse struct{}

func (markUse) ids() []string { return []string{"TOS405"} }

func (markUse) check(p *page) {
	used := map[*owner]map[string]int{}
	for ri, r := range p.d.Runs {
		for _, h := range p.hits[ri] {
			t := h.t
			if t.kind != kindMark || t.trade || inIdentifier(r.Text, h.start, h.suffixEnd) {
				continue
			}
			if used[t.owner] == nil {
				used[t.owner] = map[string]int{}
			}
			used[t.owner][t.canon]++
		}
	}
	s := p.s
	s.mu.Lock()
	defer s.mu.Unlock()
	for o, marks := range used {
		if s.marksUsed[o] == nil {
			s.marksUsed[o] = map[string]int{}
		}
		for k, n := range marks {
			s.marksUsed[o][k] += n
		}
	}
	for _, o := range s.owners {
		if !s.attributed[o] && attributes(p.d, o) {
			s.attributed[o] = true
		}
	}
}

// attributes reports whether a document carries one of the owner's
// trademark attribution statements.
func attributes(d *Document, o *owner) bool {
	for _, pat := range o.attribution {
		for _, r := range d.Runs {
			if pat.MatchString(r.Text) {
				return true
			}
		}
	}
	return false
}

// onDate renders a rename date in a sentence: "on 2023-07-11", "in
// 2023-07", or "earlier" when the pack gives none.
func onDate(date string) string {
	switch strings.Count(date, "-") {
	case 2:
		return "on " + date
	case 1:
		return "in " + date
	}
	return "earlier"
}
