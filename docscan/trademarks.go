package docscan

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
)

// termKind is what a matched term is.
type termKind uint8

const (
	kindMark    termKind = iota + 1 // a mark, matched loosely to catch altered forms
	kindRetired                     // a retired product name (exact phrase)
)

type term struct {
	kind    termKind
	pack    *policy.Pack
	mark    policy.Mark
	retired policy.RetiredName
	canon   string // canonical form
	trade   bool   // a trade name: its possessive is the company's
}

// matcher matches every mark and retired name of the packs in one pass
// over a run: at each word start whose first two letters begin some term,
// one anchored RE2 alternation of those terms (longest first, each with a
// group for the term and one for a plural or possessive suffix).
type matcher struct {
	terms []*term // every term, longest first
	affil []*affiliation

	// byAnchor holds, for the first two letters (lowercase) of each term,
	// a small anchored matcher of the terms that start with them. Scanning
	// a run looks for word starts with a known anchor and tries only those
	// matchers there: Go's regexp has no DFA, and one alternation of every
	// mark run over every paragraph dominated the scan (profiled).
	byAnchor map[[2]byte]*anchored
	anchors  *anchorTable // byAnchor as an array, for find's inner loop
	window   int          // longer than any match find expects (see find)
	owners   []string     // lowercase owner and trade names, to prefilter claims
	// distinctive are the words of multi-word marks that are neither a
	// mark nor a trade name themselves ("Defender" of "Microsoft Defender
	// for Endpoint"): in another product's name they suggest the mark.
	distinctive map[string]*term
}

type anchored struct {
	re    *regexp.Regexp
	terms []*term
}

type affiliation struct {
	re   *regexp.Regexp
	pack *policy.Pack
}

// newMatcher compiles the packs' trademarks. It returns nil when no pack
// has marks.
func newMatcher(packs []*policy.Pack) *matcher {
	m := &matcher{}
	type alt struct {
		pattern string
		t       *term
	}
	var alts []alt
	for _, p := range packs {
		tm := p.Trademarks
		if tm == nil {
			continue
		}
		for _, r := range tm.Retired {
			alts = append(alts, alt{phrase(r.Name), &term{kind: kindRetired, pack: p, retired: r, canon: r.Name}})
		}
		for _, mk := range tm.Marks {
			t := &term{kind: kindMark, pack: p, mark: mk, canon: mk.Name, trade: containsFold(tm.TradeNames, mk.Name)}
			alts = append(alts, alt{markPattern(mk), t})
		}
		if len(tm.TradeNames) > 0 {
			m.affil = append(m.affil, &affiliation{re: affiliationPattern(tm.Owner, tm.TradeNames), pack: p})
		}
	}
	if len(alts) == 0 {
		return nil
	}
	// Longest canonical phrase first: RE2 alternation is leftmost-first.
	sort.SliceStable(alts, func(i, j int) bool { return len(alts[i].t.canon) > len(alts[j].t.canon) })
	compile := func(alts []alt, prefix string) (*regexp.Regexp, []*term) {
		var b strings.Builder
		b.WriteString(prefix + `(?:`)
		var terms []*term
		for i, a := range alts {
			if i > 0 {
				b.WriteByte('|')
			}
			fmt.Fprintf(&b, `(%s)((?:'s|’s|s|es)?)`, a.pattern)
			terms = append(terms, a.t)
		}
		b.WriteString(`)\b`)
		return regexp.MustCompile(b.String()), terms
	}
	for _, a := range alts {
		m.terms = append(m.terms, a.t)
	}
	groups := map[[2]byte][]alt{}
	for _, a := range alts {
		k := anchorOf(a.t.canon)
		groups[k] = append(groups[k], a)
	}
	m.byAnchor = map[[2]byte]*anchored{}
	for k, g := range groups {
		re, terms := compile(g, `^`)
		m.byAnchor[k] = &anchored{re: re, terms: terms}
	}
	m.anchors = newAnchorTable(m.byAnchor)
	for _, t := range m.terms {
		m.window = max(m.window, 4*len(t.canon)+64) // room for hyphens, spaces and a suffix
	}
	m.distinctive = map[string]*term{}
	single := map[string]bool{}
	for _, t := range m.terms {
		if t.kind == kindMark && !strings.Contains(t.canon, " ") {
			single[t.canon] = true
		}
	}
	for _, t := range m.terms {
		if t.kind != kindMark || t.mark.Kind != policy.Protected || !strings.Contains(t.canon, " ") {
			continue
		}
		// The brand word after the company name ("Defender" in "Microsoft
		// Defender for Endpoint"); later words ("Endpoint") are too often
		// ordinary words to be telling on their own.
		words := strings.Fields(t.canon)
		if len(words) < 2 || !(containsFold(t.pack.Trademarks.TradeNames, words[0]) || strings.EqualFold(words[0], t.pack.Trademarks.Owner)) {
			continue
		}
		w := words[1]
		if r, _ := utf8.DecodeRuneInString(w); single[w] || !unicode.IsUpper(r) {
			continue
		}
		if _, dup := m.distinctive[w]; !dup {
			m.distinctive[w] = t
		}
	}
	for _, p := range packs {
		if p.Trademarks == nil {
			continue
		}
		m.owners = append(m.owners, strings.ToLower(p.Trademarks.Owner))
		for _, t := range p.Trademarks.TradeNames {
			m.owners = append(m.owners, strings.ToLower(t))
		}
	}
	return m
}

// anchorOf is the first two letters of a term, lowercase.
func anchorOf(s string) [2]byte {
	var k [2]byte
	n := 0
	for i := 0; i < len(s) && n < 2; i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			k[n] = c
			n++
		}
	}
	return k
}

// match is one term found in a run: Text[start:end] is the term,
// Text[end:suffixEnd] a plural or possessive suffix.
type match struct {
	t                     *term
	start, end, suffixEnd int
}

// find returns the terms in text, left to right, not overlapping.
func (m *matcher) find(text string) []match {
	var out []match
	for i := 0; i+1 < len(text); i++ {
		if i > 0 && isWordByte(text[i-1]) {
			continue // not a word start
		}
		a := m.anchors.at(text[i:min(len(text), i+2)])
		if a == nil {
			continue
		}
		// A window a little longer than any term: Go's regexp clears state
		// in proportion to its input, so matching text[i:] at every anchor
		// was quadratic in the length of a paragraph. A match that reaches
		// the window's end is tried again on the whole rest (its \b needs
		// the next byte).
		w := text[i:min(len(text), i+m.window)]
		if !a.re.MatchString(w) {
			continue // most anchors are common words: skip the submatch slice
		}
		loc := a.re.FindStringSubmatchIndex(w)
		if loc[1] == len(w) && len(w) < len(text)-i {
			if loc = a.re.FindStringSubmatchIndex(text[i:]); loc == nil {
				continue
			}
		}
		for ti := range a.terms {
			if loc[2+4*ti] >= 0 {
				out = append(out, match{t: a.terms[ti], start: i + loc[2+4*ti], end: i + loc[3+4*ti], suffixEnd: i + loc[5+4*ti]})
				break
			}
		}
		i += loc[1] - 1
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// phrase matches the words of a name exactly, across any white space.
func phrase(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		parts = append(parts, regexp.QuoteMeta(w))
	}
	return strings.Join(parts, `\s+`)
}

// markPattern matches a mark and its altered forms: a protected mark in
// any letter case, with a hyphen or a space where the canonical form
// changes case ("Power Shell", "Share-Point"); a dictionary mark ("Windows")
// only as written, since its lowercase form is an ordinary word.
func markPattern(mk policy.Mark) string {
	if mk.Kind != policy.Protected {
		return phrase(mk.Name)
	}
	var words []string
	for _, w := range strings.Fields(mk.Name) {
		var b strings.Builder
		b.WriteString("(?i:")
		prev := rune(0)
		for i, r := range w {
			if i > 0 && unicode.IsUpper(r) && unicode.IsLower(prev) {
				b.WriteString(`[- ]?`)
			} else if i > 0 && unicode.IsLetter(r) && unicode.IsLetter(prev) {
				b.WriteString(`-?`)
			}
			b.WriteString(regexp.QuoteMeta(string(r)))
			prev = r
		}
		b.WriteString(")")
		words = append(words, b.String())
	}
	return strings.Join(words, `\s+`)
}

// affiliationPattern matches claims of endorsement or partnership.
func affiliationPattern(owner string, trade []string) *regexp.Regexp {
	names := []string{regexp.QuoteMeta(owner)}
	for _, t := range trade {
		names = append(names, regexp.QuoteMeta(t))
	}
	o := "(?:" + strings.Join(names, "|") + ")"
	return regexp.MustCompile(`(?i)\b(?:official\s+` + o + `\b|` + o + `[- ](?:certified|endorsed|approved|sponsored|recommended)\b|(?:endorsed|sponsored|approved|certified|authori[sz]ed|supported|maintained)\s+by\s+` + o + `\b|in\s+partnership\s+with\s+` + o + `\b)`)
}

// negation words that turn a claim into a disclaimer.
var negation = regexp.MustCompile(`(?i)\b(?:not|neither|nor|no|never|isn't|aren't|without)\b`)

// renamedContext marks a sentence that names a retired product on purpose.
var renamedContext = regexp.MustCompile(`(?i)\b(?:formerly|previously|renamed|was called|were called|known as|now called|old name|rebrand)`)

// docWords may follow a mark in a title without making it a product name.
var docWords = map[string]bool{
	"API": true, "APIs": true, "SDK": true, "CLI": true, "Docs": true, "Documentation": true, "Samples": true,
	"Sample": true, "Guide": true, "Quickstart": true, "Overview": true, "Tutorial": true, "Reference": true,
	"Onboarding": true, "Troubleshooting": true, "Notes": true, "FAQ": true, "Integration": true, "Release": true,
}

// connectors end the part of a title that could be a product name.
var connectors = map[string]bool{"for": true, "with": true, "on": true, "and": true, "in": true, "to": true, "from": true, "via": true, "using": true, "by": true, "-": true, "–": true, ":": true}

// checkTrademarks applies the trademark rules to one document and counts
// the marks it uses (for TOS405).
func (s *scan) checkTrademarks(d *Document, used map[*policy.Pack]map[string]int) {
	m := s.matcher
	if m == nil {
		return
	}
	owner := s.pol.TrademarkOwner()
	firstUse := map[string]bool{}
	for _, r := range d.Runs {
		for _, mt := range m.find(r.Text) {
			t := mt.t
			ms, me, se := mt.start, mt.end, mt.suffixEnd
			text, suffix := r.Text[ms:me], r.Text[me:se]
			if inIdentifier(r.Text, ms, se) {
				continue
			}
			switch t.kind {
			case kindRetired:
				if renamedContext.MatchString(sentenceAround(r.Text, ms, se)) {
					continue
				}
				s.report(d, r, ms, me, "TOS402", t.retired.Replacement,
					"retired name `%s`: write `%s` (renamed %s)", text, t.retired.Replacement, orDefault(t.retired.Date, "earlier"))
			case kindMark:
				if used[t.pack] == nil {
					used[t.pack] = map[string]int{}
				}
				if !t.trade {
					used[t.pack][t.canon]++
				}
				if isAllCaps(text) && !isAllCaps(t.canon) {
					continue // boilerplate in capitals
				}
				if text != t.canon && !containsFold(t.mark.Abbreviations, text) {
					s.report(d, r, ms, me, "TOS401", t.canon, "altered mark `%s`: write `%s` as the owner does", text, t.canon)
					continue
				}
				switch {
				case suffix == "'s" || suffix == "’s":
					if !t.trade {
						s.report(d, r, ms, se, "TOS403", "", "possessive of the mark `%s` (`%s`): use it as an adjective, as in \"the %s features\"", t.canon, text+suffix, t.canon)
					}
				case suffix != "" && !(t.mark.Plural && suffix == "s"):
					s.report(d, r, ms, se, "TOS403", "", "plural of the mark `%s` (`%s`): use it as an adjective with a noun, as in \"%s instances\"", t.canon, text+suffix, t.canon)
				}
				if t.mark.Symbol != "" && !firstUse[t.canon] {
					firstUse[t.canon] = true
					if !strings.HasPrefix(r.Text[se:], t.mark.Symbol) {
						s.report(d, r, ms, me, "TOS406", "", "first use of `%s` without %s", t.canon, t.mark.Symbol)
					}
				}
				if !owner && ms == 0 && (r.Level == 1 || r.Key == "title") && r.Scope&ScopeQuote == 0 {
					if name, ok := productName(r.Text, me); ok {
						s.report(d, r, 0, len(strings.TrimRight(r.Text, " ")), "TOS404", "",
							"`%s` starts with the mark `%s`, which suggests %s published it: name your product first and use the mark after \"for\" or \"with\" (as in \"%s for %s\")",
							strings.TrimSpace(r.Text), t.canon, t.pack.Trademarks.Owner, name, t.canon)
					}
				}
			}
		}
		if !owner && (r.Level == 1 || r.Key == "title") && r.Scope&ScopeQuote == 0 {
			s.checkConfusable(d, r)
		}
		if !owner && r.Scope&ScopeQuote == 0 && m.mentionsOwner(r.Text) {
			for _, a := range m.affil {
				for _, loc := range a.re.FindAllStringIndex(r.Text, -1) {
					if negation.MatchString(sentenceAround(r.Text, loc[0], loc[1])) {
						continue
					}
					s.report(d, r, loc[0], loc[1], "TOS407", "",
						"claim of endorsement or affiliation `%s`: only %s can make it (state that the project is independent instead)",
						r.Text[loc[0]:loc[1]], a.pack.Trademarks.Owner)
				}
			}
		}
	}
	if !owner {
		s.checkLogos(d)
	}
}

// claimWords start the claim patterns' verbs and adjectives.
var claimWords = []string{"official", "certified", "endorsed", "approved", "sponsored", "recommended", "authori", "supported", "maintained", "partnership"}

// checkConfusable reports a title that names a product with a distinctive
// word of a multi-word mark outside the mark itself ("Acme Defender for
// Windows" suggests Microsoft Defender): TOS404.
func (s *scan) checkConfusable(d *Document, r *Run) {
	m := s.matcher
	covered := make([]bool, len(r.Text))
	for _, mt := range m.find(r.Text) {
		for i := mt.start; i < mt.suffixEnd; i++ {
			covered[i] = true
		}
	}
	if len(m.find(r.Text)) > 0 && covered[0] {
		return // starts with a mark: the leading-mark rule judges it
	}
	for i := 0; i < len(r.Text); {
		j := i
		for j < len(r.Text) && isWordByte(r.Text[j]) {
			j++
		}
		if j > i {
			w := r.Text[i:j]
			if t := m.distinctive[w]; t != nil && !covered[i] {
				s.report(d, r, i, j, "TOS404", "",
					"`%s` uses `%s` from the mark `%s` in another product's name, which suggests %s made it: choose a name of your own",
					strings.TrimSpace(r.Text), w, t.canon, t.pack.Trademarks.Owner)
				return
			}
			i = j
		} else {
			i++
		}
	}
}

// mentionsOwner is a cheap filter before the claim patterns: the run names
// an owner and has a claim word.
func (m *matcher) mentionsOwner(text string) bool {
	owner := false
	for _, o := range m.owners {
		if containsFoldASCII(text, o) {
			owner = true
			break
		}
	}
	if !owner {
		return false
	}
	for _, w := range claimWords {
		if containsFoldASCII(text, w) {
			return true
		}
	}
	return false
}

// productName reports whether a title that starts with a mark goes on with
// a name of its own (a capitalised word that is not a documentation word)
// before any connector, and returns that name.
func productName(title string, markEnd int) (string, bool) {
	var name []string
	for _, w := range strings.Fields(title[markEnd:]) {
		w = strings.Trim(w, `"'()[],.!?`)
		if w == "" {
			continue
		}
		if connectors[strings.ToLower(w)] || docWords[w] {
			break
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			break
		}
		name = append(name, w)
	}
	return strings.Join(name, " "), len(name) > 0
}

// inIdentifier reports a match inside an identifier, a path, a host name
// or an e-mail address: the neighbouring characters join it to one.
func inIdentifier(text string, start, end int) bool {
	joins := func(r rune) bool {
		return r == '_' || r == '/' || r == '\\' || r == '@' || r == '.' || r == '-' || r == '$'
	}
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if joins(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	if end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if r == '.' || r == '-' || r == '/' || r == '_' || r == '@' {
			// A sentence may end after the mark; a host or path goes on.
			if end+n < len(text) {
				next, _ := utf8.DecodeRuneInString(text[end+n:])
				return unicode.IsLetter(next) || unicode.IsDigit(next)
			}
			return false
		}
	}
	return false
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

// sentenceAround returns the sentence of text that holds [start, end).
func sentenceAround(text string, start, end int) string {
	from := strings.LastIndexAny(text[:start], ".!?")
	from++
	to := strings.IndexAny(text[end:], ".!?")
	if to < 0 {
		to = len(text)
	} else {
		to += end
	}
	return text[from:to]
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// report adds a finding for Text[i:j] of run r; with a replacement, it
// carries a fix that writes it there.
func (s *scan) report(d *Document, r *Run, i, j int, id, replacement, format string, args ...any) {
	start, end := r.Span(i, j)
	f := report.Finding{Rule: id, Pos: d.Position(start), End: d.Position(end), Message: fmt.Sprintf(format, args...)}
	if replacement != "" && s.fixable(d, r, i, j) {
		f.Fixes = []report.Fix{{Message: "Replace with " + replacement, Edits: []report.Edit{{File: d.Name, Start: start, End: end, New: replacement}}}}
	}
	s.add(f)
}

// fixable reports whether Text[i:j] is one contiguous stretch of the
// source (not split by markup), so that replacing it keeps every other
// byte.
func (s *scan) fixable(d *Document, r *Run, i, j int) bool {
	start, end := r.Span(i, j)
	if end-start != j-i {
		return false
	}
	return string(d.Src[start:end]) == r.Text[i:j] || d.FrontMatter != nil && start < d.FrontMatter.End
}

// screenshot marks an image that shows a screen, not a logo.
var screenshot = regexp.MustCompile(`(?i)screen ?shot|capture`)

// checkLogos reports images and badges that reuse the owner's logos
// (TOS408): by file name, alt text or badge URL. Images are never opened.
func (s *scan) checkLogos(d *Document) {
	for _, p := range s.pol.Packs() {
		if p.Trademarks == nil || len(p.Trademarks.LogoPatterns) == 0 {
			continue
		}
		for _, l := range d.Links {
			if !l.Image && !strings.Contains(l.URL, "logo=") {
				continue
			}
			alt := d.altAt(l.Offset)
			if screenshot.MatchString(alt) {
				continue
			}
			for _, pat := range p.Trademarks.LogoPatterns {
				if pat.MatchString(l.URL) || (alt != "" && pat.MatchString(alt)) {
					s.add(report.Finding{Rule: "TOS408", Pos: d.Position(l.Offset),
						Message: fmt.Sprintf("image `%s` looks like a %s logo or badge: the content licenses grant no rights to the owner's logos", l.URL, p.Trademarks.Owner)})
					break
				}
			}
		}
	}
}

// altAt returns the alt text of the image at offset, if a run holds it.
func (d *Document) altAt(off int) string {
	for _, r := range d.Runs {
		if r.Scope&ScopeAlt != 0 && r.Start() >= off && r.Start() < off+len(r.Text)+8 {
			return r.Text
		}
	}
	return ""
}
