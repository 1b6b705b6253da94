package docscan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// productNames reports a page title (front-matter title or H1) that names
// another maker's product with an owner's mark in it (TOS404): a title
// that starts with the mark ("Azure Acme Toolkit") or uses a distinctive
// word of a multi-word mark ("Acme Defender for Windows").
//
// A title is another product's only when it holds a word of its own: not
// one of the owner's marks, trade names or product names, and not a
// generic word (a documentation word, an acronym, a number, or a word the
// page itself writes in lower case). "Windows PowerShell Formatting Files"
// and "Listing machines with the Defender API" are about the owner's
// products: nominative use. The title and the H1 of a page usually repeat
// each other: a name is reported once per page.
type productNames struct{}

func (productNames) ids() []string { return []string{"TOS404"} }

func (productNames) check(p *page) {
	if p.s.matcher == nil {
		return
	}
	seen := map[string]bool{}
	for ri, r := range p.d.Runs {
		if !(r.Level == 1 || r.Key == "title") || r.Scope&(ScopeQuote|ScopeAlt) != 0 {
			continue
		}
		if !p.leadingMark(r, p.hits[ri], seen) {
			p.confusable(r, p.hits[ri], seen)
		}
	}
}

// leadingMark judges a title that starts with a mark. It reports whether
// the title started with one (whether or not it was reported).
func (p *page) leadingMark(r *Run, hits []hit, seen map[string]bool) bool {
	if len(hits) == 0 || hits[0].start != 0 || hits[0].t.kind != kindMark {
		return false
	}
	h := hits[0]
	o := h.t.owner
	if o.own() {
		return true
	}
	title := strings.TrimSpace(r.Text)
	for _, pr := range o.products {
		if hasWordPrefixFold(title, pr) {
			return true // the owner's own product
		}
	}
	words, maker := nameAfter(title, h.suffixEnd)
	if maker != "" && o.isTradeName(maker) {
		maker = ""
	}
	// Another product's name needs positive evidence: a maker named
	// after "by", or a word of this project's own name. A title such as
	// "Azure Stream Analytics" is most likely the owner's own product,
	// which no pack can list in full.
	if maker == "" && !p.s.projectWord(words, o) {
		return true
	}
	name := strings.TrimSpace(title[:h.suffixEnd] + " " + strings.Join(words, " "))
	if seen[name] {
		return true
	}
	seen[name] = true
	suggestion := strings.Join(words, " ")
	if maker != "" {
		suggestion = strings.Join(append([]string{maker}, withoutWord(words, maker)...), " ")
	}
	p.report(r, 0, len(strings.TrimRight(r.Text, " ")), "TOS404", nil,
		"`%s` starts with the mark `%s`, which suggests %s published it: name your product first and use the mark after \"for\" or \"with\" (as in \"%s for %s\")",
		title, h.t.canon, o.name, suggestion, h.t.canon)
	return true
}

// confusable judges a title that uses a distinctive word of a multi-word
// mark outside the mark ("Acme Defender for Windows").
func (p *page) confusable(r *Run, hits []hit, seen map[string]bool) {
	m := p.s.matcher
	covered := make([]bool, len(r.Text)+1)
	for _, h := range hits {
		for i := h.start; i < h.suffixEnd; i++ {
			covered[i] = true
		}
	}
	for i := 0; i < len(r.Text); {
		j := i
		for j < len(r.Text) && isWordByte(r.Text[j]) {
			j++
		}
		if j == i {
			i++
			continue
		}
		w := r.Text[i:j]
		t := m.distinctive[w]
		if t == nil || covered[i] || t.owner.own() {
			i = j
			continue
		}
		name := capitalisedAround(r.Text, i, j)
		if p.s.projectWord(withoutWord(strings.Fields(name), w), t.owner) && !seen[name] {
			seen[name] = true
			p.report(r, i, j, "TOS404", nil,
				"`%s` uses `%s` from the mark `%s` in another product's name, which suggests %s made it: choose a name of your own",
				strings.TrimSpace(r.Text), w, t.canon, t.owner.name)
		}
		return
	}
}

// nameAfter returns the capitalised words of a title after a mark, up to
// a connector ("for", "with", a dash) or a lowercase word, and the maker
// named by a following "by X".
func nameAfter(title string, markEnd int) (words []string, maker string) {
	fields := strings.Fields(title[markEnd:])
	i := 0
	for ; i < len(fields); i++ {
		w := strings.Trim(fields[i], `"'()[],.!?:`)
		if w == "" {
			continue
		}
		if connectors[strings.ToLower(w)] {
			break
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			break
		}
		words = append(words, w)
		if strings.ContainsAny(fields[i][len(fields[i])-1:], ":,;.!?)") {
			i++
			break // punctuation ends the name: "Azure Provider: Setup"
		}
	}
	if i+1 < len(fields) && strings.ToLower(fields[i]) == "by" {
		maker = strings.Trim(fields[i+1], `"'()[],.!?:`)
	}
	return words, maker
}

// capitalisedAround returns the run of capitalised words around
// Text[i:j], bounded by connectors and lowercase words.
func capitalisedAround(text string, i, j int) string {
	fields := strings.Fields(text)
	// Find the field that holds the word.
	pos := 0
	at := -1
	for k, f := range fields {
		idx := strings.Index(text[pos:], f)
		start := pos + idx
		if start <= i && i < start+len(f) {
			at = k
			break
		}
		pos = start + len(f)
	}
	if at < 0 {
		return text[i:j]
	}
	capital := func(f string) bool {
		f = strings.Trim(f, `"'()[],.!?:`)
		r, _ := utf8.DecodeRuneInString(f)
		return f != "" && !connectors[strings.ToLower(f)] && (unicode.IsUpper(r) || unicode.IsDigit(r))
	}
	lo, hi := at, at
	for lo > 0 && capital(fields[lo-1]) {
		lo--
	}
	for hi+1 < len(fields) && capital(fields[hi+1]) {
		hi++
	}
	var out []string
	for _, f := range fields[lo : hi+1] {
		out = append(out, strings.Trim(f, `"'()[],.!?:`))
	}
	return strings.Join(out, " ")
}

func withoutWord(words []string, w string) []string {
	var out []string
	for _, x := range words {
		if x != w {
			out = append(out, x)
		}
	}
	return out
}

// projectWord reports whether one of words names this project: a word of
// the root README's title or of the configured copyright holders that is
// not generic and not one of the owner's.
func (s *scan) projectWord(words []string, o *owner) bool {
	var names []string
	if s.projectName != "" {
		names = append(names, s.projectName)
	}
	for _, h := range s.pol.Holders() {
		names = append(names, h.Name)
		names = append(names, h.Aliases...)
	}
	for _, n := range names {
		for _, pw := range strings.FieldsFunc(n, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
			if len(pw) < 3 || genericWords[strings.ToLower(pw)] || o.isTradeName(pw) || ownerWord(o, pw) {
				continue
			}
			for _, w := range words {
				if strings.EqualFold(w, pw) {
					return true
				}
			}
		}
	}
	return false
}

// ownerWord reports whether w is a word of one of the owner's marks or
// products.
func ownerWord(o *owner, w string) bool {
	for _, mk := range o.marks {
		if containsWordFold(mk.Name, w) {
			return true
		}
	}
	for _, pr := range o.products {
		if containsWordFold(pr, w) {
			return true
		}
	}
	return false
}

// connectors end the part of a title that could be a product name.
var connectors = map[string]bool{"for": true, "with": true, "on": true, "and": true, "in": true, "to": true, "from": true, "via": true, "using": true, "by": true, "of": true, "the": true, "a": true, "an": true, "-": true, "–": true, "—": true, ":": true, "|": true, "vs": true, "or": true}

// generic reports whether a title word is generic rather than a name of
// its own: a documentation or everyday technical word, an acronym, a
// number or version, a word of the owner's names, or a word the page
// itself writes in lower case.
func (p *page) generic(w string, o *owner) bool {
	lw := strings.ToLower(w)
	if genericWords[lw] {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) || isAllCaps(w) && utf8.RuneCountInString(w) <= 5 {
		return true
	}
	if len(w) >= 2 && (w[0] == 'v' || w[0] == 'V') && w[1] >= '0' && w[1] <= '9' {
		return true // a version
	}
	for _, mk := range o.marks {
		if containsWordFold(mk.Name, w) {
			return true
		}
	}
	for _, n := range append(append([]string{o.name}, o.trade...), o.products...) {
		if containsWordFold(n, w) {
			return true
		}
	}
	return p.writesLower(lw)
}

// writesLower reports whether the page's prose uses word in lower case.
func (p *page) writesLower(word string) bool {
	if p.lower == nil {
		p.lower = map[string]bool{}
		for _, r := range p.d.Runs {
			for _, f := range strings.FieldsFunc(r.Text, func(c rune) bool { return !unicode.IsLetter(c) && c != '-' }) {
				if f == strings.ToLower(f) {
					p.lower[f] = true
				}
			}
		}
	}
	return p.lower[word]
}

func containsWordFold(name, w string) bool {
	for _, f := range strings.Fields(name) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

// genericWords are words that titles capitalise without naming a
// product: what documentation is about and made of.
var genericWords = wordSet(`
about access account accounts action actions add adding admin administration advanced agent alerts all analysis
analytics api apis app application applications apps architecture assistant audit authentication authorization
automation availability backup basic basics beta best build builder building built business cache center
certificate certificates change changes channel check checklist cli client cloud cluster code collection command
commands common community compatibility compliance components concepts conduct configuration configure
configuring connect connection connector console container containers content contributing control core create
creating custom dashboard data database debugging default defaults deploy deployment design desktop developer
developers development device devices directory docs documentation domain download downloads edition editor
endpoint endpoints engine enterprise environment error errors event events example examples extension extensions
faq feature features file files first format formatting framework free functions gateway general getting
glossary group groups guide guidelines help home host hosting how identity images import index insights install
installation installing instance instances integration integrations interface internals introduction issues
key keys known language languages library license licensing limits linux list listing local log logging logs
mac machine machines manage management manager manual members migrate migration mobile mode model models
module modules monitor monitoring network networking new notes notifications object objects offline online open
operations options overview package packages page pages pane parameters part permissions platform plugin
plugins policies policy portal preview privacy process profile programming project projects properties protection
provider providers public publish quick quickstart reference registry release releases remote report reporting
reports repository requirements resource resources rest role roles rules run running runtime samples scripting
scripts sdk search security server servers service services session settings setup shell sign single site
source specification standard start started status storage store studio subscription summary support supported
sync system systems table task tasks team teams template templates terminal test testing tips token tokens
tool toolkit tools troubleshooting tutorial types update updates upgrade usage use user users using version
versions view walkthrough web what whats windows wizard work workflow workflows working workspace
`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
