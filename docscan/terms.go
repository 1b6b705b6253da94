package docscan

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toslint/toslint/internal/policy"
)

// termKind is what a matched term is.
type termKind uint8

const (
	kindMark     termKind = iota + 1 // a mark, matched loosely to catch altered forms
	kindInformal                     // an informal form of a mark ("MS Teams")
	kindRetired                      // a retired name, one of its forms, or a phrase built on it
	kindExcept                       // a current name that starts like a retired one: quiet
)

// term is one written form the matcher looks for.
type term struct {
	kind    termKind
	owner   *owner
	mark    *policy.Mark        // kindMark, kindInformal
	retired *policy.RetiredName // kindRetired, kindExcept
	canon   string              // the form as the pack writes it
	to      string              // replacement of a phrase ("" for the retired name's own)
	phrase  bool                // a whole phrase built on the retired name
	compact bool                // one word ("AAD", "Office365"): matched in its own case or in capitals only
	trade   bool                // a trade name: its possessive is the company's
	alnums  string              // the letters and digits of canon, lowercase ASCII ("" when canon is not ASCII)
}

// replacement is what a retired term should be written as.
func (t *term) replacement() string {
	if t.to != "" {
		return t.to
	}
	if t.kind == kindInformal {
		return t.mark.Name
	}
	return t.retired.Replacement
}

// matcher matches every mark, informal form and retired name of the
// owners in one pass over a run: at each word start whose first two
// letters begin some term, one anchored RE2 alternation of those terms
// (longest first, each with a group for the term and one for a plural or
// possessive suffix).
type matcher struct {
	terms []*term // every term, longest first

	// byAnchor holds, for the first two letters (lowercase) of each term,
	// a small anchored matcher of the terms that start with them. Scanning
	// a run looks for word starts with a known anchor and tries only those
	// matchers there: Go's regexp has no DFA, and one alternation of every
	// term run over every paragraph dominated the scan (profiled).
	byAnchor map[[2]byte]*anchored
	anchors  *anchorTable // byAnchor as an array, for find's inner loop
	// distinctive are the words of multi-word marks that are neither a
	// mark nor a trade name themselves ("Defender" of "Microsoft Defender
	// for Endpoint"): in another product's name they suggest the mark.
	distinctive map[string]*term
}

type anchored struct {
	re    *regexp.Regexp
	terms []*term
	// quick is set when every term is ASCII: find then decides most
	// candidates without the regexp (see decide).
	quick bool
	// window is longer than any match of these terms: room for hyphens
	// and spaces between the letters, a suffix and the byte after it.
	// (Not for dozens of spaces between a term's words: such a term is
	// missed, a price of bounding the regexp's work per candidate.)
	window int
}

// foldedAlnums returns the letters and digits of s, lowercase, or "" when
// s is not ASCII.
func foldedAlnums(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80:
			return ""
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}

// newMatcher compiles the owners' terms. It returns nil when there are
// none.
func newMatcher(owners []*owner) *matcher {
	type alt struct {
		pattern string
		t       *term
	}
	var alts []alt
	for _, o := range owners {
		for i := range o.retired {
			r := &o.retired[i]
			heads := append([]string{r.Name}, r.Forms...)
			for _, h := range heads {
				alts = append(alts, alt{phrase(h), &term{kind: kindRetired, owner: o, retired: r, canon: h, compact: !strings.Contains(h, " ")}})
			}
			for _, e := range expandHeads(r.Except, heads) {
				alts = append(alts, alt{phrase(e), &term{kind: kindExcept, owner: o, retired: r, canon: e}})
			}
			for _, ph := range r.Phrases {
				for _, from := range expandHeads([]string{ph.From}, heads) {
					alts = append(alts, alt{phrase(from), &term{kind: kindRetired, owner: o, retired: r, canon: from, to: ph.To, phrase: true}})
				}
			}
		}
		for i := range o.marks {
			mk := &o.marks[i]
			alts = append(alts, alt{markPattern(*mk), &term{kind: kindMark, owner: o, mark: mk, canon: mk.Name, trade: o.isTradeName(mk.Name)}})
			for _, f := range mk.Informal {
				alts = append(alts, alt{phrase(f), &term{kind: kindInformal, owner: o, mark: mk, canon: f, compact: !strings.Contains(f, " ")}})
			}
		}
	}
	if len(alts) == 0 {
		return nil
	}
	// Longest written form first: RE2 alternation is leftmost-first, so a
	// phrase or exception wins over the name it starts with.
	sort.SliceStable(alts, func(i, j int) bool { return len(alts[i].t.canon) > len(alts[j].t.canon) })
	m := &matcher{byAnchor: map[[2]byte]*anchored{}}
	groups := map[[2]byte][]alt{}
	for _, a := range alts {
		m.terms = append(m.terms, a.t)
		for _, k := range termAnchors(a.t) {
			groups[k] = append(groups[k], a)
		}
	}
	for k, g := range groups {
		var b strings.Builder
		b.WriteString(`^(?:`)
		var terms []*term
		for i, a := range g {
			if i > 0 {
				b.WriteByte('|')
			}
			// Group 1: the term. Group 2: a possessive or plural suffix,
			// which needs a word boundary after it; a term that ends in
			// punctuation ("(Azure AD)") has no suffix.
			last, _ := utf8.DecodeLastRuneInString(a.t.canon)
			if unicode.IsLetter(last) || unicode.IsDigit(last) {
				fmt.Fprintf(&b, `(%s)(['’]s\b|['’]|(?:s|es)?\b)`, a.pattern)
			} else {
				fmt.Fprintf(&b, `(%s)()`, a.pattern)
			}
			terms = append(terms, a.t)
		}
		b.WriteString(`)`)
		quick := true
		for _, t := range terms {
			t.alnums = foldedAlnums(t.canon)
			quick = quick && t.alnums != ""
		}
		window := 0
		for _, t := range terms {
			window = max(window, 4*len(t.canon)+16)
		}
		m.byAnchor[k] = &anchored{re: regexp.MustCompile(b.String()), terms: terms, quick: quick, window: window}
	}
	m.anchors = newAnchorTable(m.byAnchor)
	m.distinctive = distinctiveWords(m.terms)
	return m
}

// distinctiveWords finds the brand word after the company name of each
// multi-word protected mark ("Defender" in "Microsoft Defender for
// Endpoint"); later words ("Endpoint") are too often ordinary words to be
// telling on their own.
func distinctiveWords(terms []*term) map[string]*term {
	out := map[string]*term{}
	single := map[string]bool{}
	for _, t := range terms {
		if t.kind == kindMark && !strings.Contains(t.canon, " ") {
			single[t.canon] = true
		}
	}
	for _, t := range terms {
		if t.kind != kindMark || t.mark.Kind != policy.Protected || !strings.Contains(t.canon, " ") {
			continue
		}
		words := strings.Fields(t.canon)
		if len(words) < 2 || !t.owner.isTradeName(words[0]) {
			continue
		}
		w := words[1]
		if r, _ := utf8.DecodeRuneInString(w); single[w] || !unicode.IsUpper(r) || genericWords[strings.ToLower(w)] {
			continue // "Store", "Actions", "Teams": ordinary words
		}
		if _, dup := out[w]; !dup {
			out[w] = t
		}
	}
	return out
}

// expandHeads writes each phrase with every head (the retired name and
// its forms) in place of the head it contains, so that a phrase written
// once ("Azure AD tenant") covers "AAD tenant" and "Azure Active
// Directory tenant" too.
func expandHeads(phrases, heads []string) []string {
	byLen := slices.Clone(heads)
	sort.SliceStable(byLen, func(i, j int) bool { return len(byLen[i]) > len(byLen[j]) })
	var out []string
	for _, p := range phrases {
		out = appendNew(out, p)
		for _, h := range byLen {
			i := wordIndex(p, h)
			if i < 0 {
				continue
			}
			for _, h2 := range heads {
				out = appendNew(out, p[:i]+h2+p[i+len(h):])
			}
			break
		}
	}
	return out
}

// wordIndex returns the index of w in s as whole words, or -1.
func wordIndex(s, w string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return -1
		}
		j += i
		if (j == 0 || !isWordByte(s[j-1])) && (j+len(w) == len(s) || !isWordByte(s[j+len(w)])) {
			return j
		}
		i = j + 1
	}
}

// termAnchors returns the anchors a term is filed under. The text is
// looked up by its first two bytes, so a term goes under the anchor of
// every way its forms can begin: its first two letters or digits; its
// first two bytes, when they are not both ("Q-Ink", "Q 7"); and for a
// protected mark whose altered forms may put a hyphen or a space after
// the first letter ("X-box" for "Xbox"), that letter alone.
func termAnchors(t *term) [][2]byte {
	keys := [][2]byte{anchorOf(t.canon)}
	add := func(k [2]byte) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	add(anchorOf(t.canon[:min(2, len(t.canon))]))
	if t.kind == kindMark && t.mark.Kind == policy.Protected {
		if r, n := utf8.DecodeRuneInString(t.canon); n == 1 && unicode.IsLetter(r) {
			if next, _ := utf8.DecodeRuneInString(t.canon[1:]); unicode.IsLetter(next) {
				add(anchorOf(t.canon[:1]))
			}
		}
	}
	return keys
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

// hit is one term found in a run: Text[start:end] is the term,
// Text[end:suffixEnd] a plural or possessive suffix.
type hit struct {
	t                     *term
	start, end, suffixEnd int
}

// text returns the matched term as written.
func (h hit) text(r *Run) string { return r.Text[h.start:h.end] }

// suffix returns the plural or possessive suffix as written.
func (h hit) suffix(r *Run) string { return r.Text[h.end:h.suffixEnd] }

// find returns the terms in text, left to right, not overlapping.
func (m *matcher) find(text string) []hit {
	var out []hit
	for i := 0; i < len(text); i++ {
		// Not a word start: after an ASCII letter, digit or '_', or after
		// a letter, digit or mark that is not ASCII (only worth decoding
		// before an ASCII letter or digit, where every term found starts).
		if i > 0 && isWordByte(text[i-1]) && (text[i-1] < utf8.RuneSelf || !isASCIIWord(text[i]) || wordRuneBefore(text[:i])) {
			continue
		}
		a := m.anchors.at(text[i:min(len(text), i+2)])
		if a == nil {
			continue
		}
		if a.quick {
			switch h, d := a.decide(text, i); d {
			case noTerm:
				continue
			case exact:
				if accept(text, &h) {
					out = append(out, h)
				}
				i = h.suffixEnd - 1
				continue
			}
		}
		// A window a little longer than the anchor's terms: Go's regexp
		// clears state in proportion to its input (the backtracker's
		// visited set is the program's size times the input's), so
		// matching text[i:] at every anchor was quadratic in the length of
		// a paragraph, and a window sized for the longest term of all
		// cost every anchor that much. A match that reaches the window's
		// end is tried again on the whole rest (its \b needs the next
		// byte).
		w := text[i:min(len(text), i+a.window)]
		// Most candidates that share three letters with a term are the
		// term: one submatch run, not a match run first.
		loc := a.re.FindStringSubmatchIndex(w)
		if loc == nil {
			continue
		}
		if loc[1] == len(w) && len(w) < len(text)-i {
			if loc = a.re.FindStringSubmatchIndex(text[i:]); loc == nil {
				continue
			}
		}
		for ti, t := range a.terms {
			if loc[2+4*ti] < 0 {
				continue
			}
			h := hit{t: t, start: i + loc[2+4*ti], end: i + loc[3+4*ti], suffixEnd: i + loc[5+4*ti]}
			if accept(text, &h) {
				out = append(out, h)
			}
			break
		}
		i += loc[1] - 1
	}
	return out
}

// accept checks what the pattern cannot: the letter case of retired
// names and informal forms (matched ignoring case), and a bare trailing
// apostrophe, which is a possessive only after a plural ("Windows'") and
// otherwise closes a quotation ('Azure').
func accept(text string, h *hit) bool {
	t, s := h.t, text[h.start:h.end]
	if t.kind == kindMark && !hasUpper(s) && strings.ContainsAny(s, " -") && !strings.ContainsAny(t.canon, " -") {
		return false // "one drive", "power shell": ordinary words, not a split mark
	}
	if t.kind != kindMark {
		switch {
		case s == t.canon || isAllCaps(s):
		case t.compact || !hasUpper(s):
			// "aad", "office365", "azure active directory": identifiers,
			// slugs and search keywords, not names.
			return false
		}
	}
	if suf := text[h.end:h.suffixEnd]; suf == "'" || suf == "’" {
		open := h.start > 0 && (text[h.start-1] == '\'' || strings.HasSuffix(text[:h.start], "‘"))
		if !strings.HasSuffix(s, "s") || open {
			h.suffixEnd = h.end
		}
	}
	return true
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// wordRuneBefore reports whether s ends with a letter, a digit or a
// combining mark not ASCII, or with bytes that are no UTF-8: a term does
// not start right after one. Punctuation does not hide a term: “PowerShell”,
// ‘Windows’ and a—Windows are found.
func wordRuneBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == utf8.RuneError || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// phrase matches the words of a name, ignoring case, across any white
// space; accept decides which letter cases count.
func phrase(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		parts = append(parts, regexp.QuoteMeta(w))
	}
	return `(?i:` + strings.Join(parts, `\s+`) + `)`
}

// markPattern matches a mark and its altered forms: a protected mark in
// any letter case, with a hyphen or a space where the canonical form
// changes case ("Power Shell", "Share-Point"); a dictionary mark ("Windows")
// only as written, since its lowercase form is an ordinary word.
func markPattern(mk policy.Mark) string {
	if mk.Kind != policy.Protected {
		var parts []string
		for _, w := range strings.Fields(mk.Name) {
			parts = append(parts, regexp.QuoteMeta(w))
		}
		return strings.Join(parts, `\s+`)
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

// decision is what decide could tell without the regexp.
type decision int

const (
	undecided decision = iota // only the regexp can tell
	noTerm                    // no term matches here
	exact                     // the hit is the term the regexp would choose
)

// decide tries the anchor's terms at text[i:] the way the regexp would,
// without it, for the two cases that make up nearly every candidate. Every
// pattern matches its term's letters and digits in order (any letter case
// at most, with only white space, hyphens and the term's own punctuation
// between them), so a term whose letters the text does not spell cannot
// match; when none can, nothing matches (noTerm). The alternation tries
// the terms in order: when the first term the text spells is written
// exactly as the pack writes it, with a suffix the pattern allows after
// it, the regexp chooses it (exact). Anything else (another letter case,
// a separator, non-ASCII text) is left to the regexp.
func (a *anchored) decide(text string, i int) (hit, decision) {
	for _, t := range a.terms {
		ok, sure := spells(text[i:], t.alnums)
		if !sure {
			return hit{}, undecided
		}
		if !ok {
			continue
		}
		if !strings.HasPrefix(text[i:], t.canon) {
			return hit{}, undecided
		}
		end := i + len(t.canon)
		suffixEnd, ok := suffixAt(text, end, t.canon)
		if !ok {
			return hit{}, undecided
		}
		return hit{t: t, start: i, end: end, suffixEnd: suffixEnd}, exact
	}
	return hit{}, noTerm
}

// spells reports whether the letters and digits at the start of s, folded
// to lowercase and skipping other ASCII bytes, begin with alnums. It is
// not sure when a non-ASCII byte comes first (case folding might match it
// to a letter).
func spells(s, alnums string) (ok, sure bool) {
	n := 0
	for i := 0; i < len(s) && n < len(alnums); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return false, false
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			continue
		}
		if c != alnums[n] {
			return false, true
		}
		n++
	}
	return n == len(alnums), true
}

// suffixAt returns where the suffix after a term ending at end stops, as
// the pattern's suffix group chooses it: ['’]s\b, then ['’], then s or es
// and a word boundary, then a word boundary alone; a term that ends in
// punctuation takes none. false when the pattern allows none there.
func suffixAt(text string, end int, canon string) (int, bool) {
	last, _ := utf8.DecodeLastRuneInString(canon)
	if !unicode.IsLetter(last) && !unicode.IsDigit(last) {
		return end, true
	}
	rest := text[end:]
	for _, ap := range []string{"'", "’"} {
		if strings.HasPrefix(rest, ap+"s") && wordBoundary(text, end+len(ap)+1) {
			return end + len(ap) + 1, true
		}
	}
	for _, ap := range []string{"'", "’"} {
		if strings.HasPrefix(rest, ap) {
			return end + len(ap), true
		}
	}
	for _, suf := range []string{"s", "es"} {
		if strings.HasPrefix(rest, suf) && wordBoundary(text, end+len(suf)) {
			return end + len(suf), true
		}
	}
	if wordBoundary(text, end) {
		return end, true
	}
	return 0, false
}

// wordBoundary is RE2's \b at text[p]: ASCII word characters on one side
// only.
func wordBoundary(text string, p int) bool {
	before := p > 0 && isASCIIWord(text[p-1])
	after := p < len(text) && isASCIIWord(text[p])
	return before != after
}

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
