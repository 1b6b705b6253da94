package packinit

import (
	"regexp"
	"slices"
	"strings"
)

// Trademarks: the owner and marks of the trademark statement ("X, Y and Z
// are trademarks of Owner Inc."), the guidelines link, product names the
// page uses, their short forms, and renamed products.

var (
	tmOfRE        = regexp.MustCompile(`(?i:(?:registered\s+)?trademarks?(?:\s+(?:or|and|and/or)\s+(?:registered\s+)?trademarks?)?\s+of\s+(?:the\s+)?)([A-Z][A-Za-z0-9&'.-]*(?:\s+[A-Z][A-Za-z0-9&'.-]*)*)`)
	subjectRE     = regexp.MustCompile(`(?i)^(.*?)\s+(?:may\s+be|are|is|were)\s+(?:either\s+)?(?:a\s+|the\s+)?(?:registered\s+)?trademarks?\b`)
	listSepRE     = regexp.MustCompile(`\s*,\s*(?:and/or\s+|and\s+|or\s+)?|\s+and/or\s+|\s+and\s+|\s+or\s+`)
	legalSuffixRE = regexp.MustCompile(`\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|AG|SE|S\.A\.|plc|Co\.)$`)
	legalWordRE   = regexp.MustCompile(`\s(?:Inc\.?|Incorporated|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|AG|SE|S\.A\.|plc|Co\.)(?:\s|$)`)
	noGrantRE     = regexp.MustCompile(`(?i)do(?:es)?\s+not\s+grant\s+you\s+(?:any\s+)?rights\s+to\s+use\s+(any\s+)?`)
	guideRE       = regexp.MustCompile(`(?i)trademark|brand`)
	parenRE       = regexp.MustCompile(`\s*\([^()]*\)`)
)

func trademarkStatement(pg *page, s sentence, d *Draft, lg *legal) {
	m := tmOfRE.FindStringSubmatchIndex(s.text)
	if m == nil {
		return
	}
	full := strings.TrimSpace(s.text[m[2]:m[3]])
	if loc := legalWordRE.FindStringIndex(full); loc != nil {
		full = strings.TrimSpace(full[:loc[1]]) // "Acme Inc. Pinecone (formerly ...)"
	}
	if !legalSuffixRE.MatchString(full) {
		full = strings.TrimRight(full, ".")
	}
	owner := strings.TrimRight(legalSuffixRE.ReplaceAllString(full, ""), ".")
	if owner == "" {
		return
	}
	at := pg.src(s.off(m[2]))
	if d.Trademarks == nil {
		d.Trademarks = &Trademarks{Owner: Fact{Value: owner, At: at}, TradeNames: []string{owner}}
		if full != owner {
			d.Trademarks.TradeNames = append(d.Trademarks.TradeNames, full)
		}
	}
	t := d.Trademarks
	if owner != t.Owner.Value {
		return
	}
	if sm := subjectRE.FindStringSubmatch(s.text); sm != nil {
		for _, item := range listSepRE.Split(sm[1], -1) {
			t.addMark(markItem(item, at))
		}
	}
	if t.Guidelines.Value == "" && guideRE.MatchString(s.text) {
		if u, off := pg.linkIn(s); u != "" {
			t.Guidelines = Fact{Value: u, At: pg.src(off)}
		}
	}
	// The guidelines link often has a sentence of its own.
	if t.Guidelines.Value == "" {
		for _, o := range pg.sentences() {
			if o.run == s.run && guideRE.MatchString(o.text) {
				if u, off := pg.linkIn(o); u != "" {
					t.Guidelines = Fact{Value: u, At: pg.src(off)}
					break
				}
			}
		}
	}
}

func noGrantForm(text, owner string, lg *legal) {
	if m := noGrantRE.FindStringSubmatchIndex(text); m != nil && strings.HasPrefix(text[m[1]:], owner) {
		lg.noGrant = "any"
		if m[2] < 0 {
			lg.noGrant = "plain"
		}
		if strings.HasPrefix(strings.TrimSpace(text[m[1]+len(owner):]), "names") {
			lg.noGrant += " names"
		}
	}
}

// markItem reads one item of the statement's list: "Windows", "GitHub®".
func markItem(item string, at Src) Mark {
	item = strings.TrimSpace(parenRE.ReplaceAllString(item, ""))
	m := Mark{Fact: Fact{At: at}}
	for _, sym := range []string{"®", "™"} {
		if strings.Contains(item, sym) {
			m.Symbol = sym
			item = strings.TrimSpace(strings.ReplaceAll(item, sym, ""))
		}
	}
	words := strings.Fields(item)
	if len(words) == 0 || len(words) > 6 {
		return Mark{}
	}
	for i, w := range words {
		c := w[0]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') && (i == 0 || (w != "for" && w != "of")) {
			return Mark{}
		}
	}
	switch words[0] {
	case "The", "All", "Other", "Any", "These", "Those", "This":
		return Mark{}
	}
	m.Value = strings.Join(words, " ")
	return m
}

func (t *Trademarks) addMark(m Mark) {
	if m.Value == "" || slices.ContainsFunc(t.Marks, func(o Mark) bool { return o.Value == m.Value }) {
		return
	}
	if !strings.Contains(m.Value, " ") && m.Value != t.Owner.Value && m.Review == "" {
		m.Review = "kind: dictionary if it is also an ordinary word"
		if strings.HasSuffix(m.Value, "s") {
			m.Review += " (and plural: true)"
		}
	}
	t.Marks = append(t.Marks, m)
}

var (
	nameRE   = `[A-Z][\w+-]*(?:\s+(?:[A-Z0-9][\w+-]*|for|of))*`
	renameRE = []struct {
		re       *regexp.Regexp
		old, new int
	}{
		{regexp.MustCompile(`(` + nameRE + `)\s*\((?i:formerly|previously)(?i:\s+(?:known\s+as|called|named))?\s+(` + nameRE + `)\)`), 2, 1},
		{regexp.MustCompile(`(` + nameRE + `),?\s+(?i:formerly|previously)(?i:\s+(?:known\s+as|called|named))?\s+(` + nameRE + `)`), 2, 1},
		{regexp.MustCompile(`(` + nameRE + `)\s+(?i:is\s+now(?:\s+(?:called|named|known\s+as))?|has\s+been\s+renamed(?:\s+to)?|was\s+renamed(?:\s+to)?|is\s+renamed(?:\s+to)?)\s+(` + nameRE + `)`), 1, 2},
	}
)

// renames finds "X (formerly Y)", "Y is now X" and "Y was renamed X".
func renames(pg *page, s sentence) []Retired {
	var out []Retired
	for _, r := range renameRE {
		for _, m := range r.re.FindAllStringSubmatchIndex(s.text, -1) {
			old := trimName(s.text[m[2*r.old]:m[2*r.old+1]])
			nw := trimName(s.text[m[2*r.new]:m[2*r.new+1]])
			if old == "" || nw == "" || old == nw {
				continue
			}
			out = append(out, Retired{Name: old, Replacement: nw, At: pg.src(s.off(m[0]))})
		}
	}
	return out
}

func trimName(s string) string {
	w := strings.Fields(s)
	for len(w) > 0 && (w[len(w)-1] == "for" || w[len(w)-1] == "of") {
		w = w[:len(w)-1]
	}
	if len(w) > 0 && w[0] == "The" {
		w = w[1:]
	}
	return strings.Join(w, " ")
}

// stopWords end an owner-prefixed product name: "Microsoft Defender for
// Endpoint API" names "Microsoft Defender for Endpoint".
var stopWords = map[string]bool{
	"API": true, "APIs": true, "License": true, "Licence": true, "Terms": true, "Documentation": true,
	"Docs": true, "Corporation": true, "Inc": true, "Privacy": true, "Statement": true,
	"Trademark": true, "Trademarks": true, "Legal": true, "Group": true, "Notice": true, "Notices": true,
	"Inc.": true, "Corp": true, "Corp.": true, "Ltd": true, "Ltd.": true, "LLC": true, "GmbH": true, "AG": true,
	"Limited": true, "Incorporated": true, "plc": true, "SE": true,
	"REST": true, "HTTP": true, "HTTPS": true, "JSON": true, "SDK": true, "SDKs": true, "CLI": true,
}

// extractProducts finds the owner's product names used on the page
// outside the trademark statement, and the short forms of them the page
// uses without the owner's name.
func extractProducts(pg *page, d *Draft) {
	t := d.Trademarks
	if t == nil {
		return
	}
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(t.Owner.Value) + `((?:\s+(?:[A-Z0-9][\w+-]*|for|of))+)`)
	texts := []struct {
		text string
		off  func(int) int
	}{}
	if pg.title != "" && pg.titleAt >= 0 {
		at := pg.titleAt
		texts = append(texts, struct {
			text string
			off  func(int) int
		}{pg.title, func(int) int { return at }})
	}
	for _, s := range pg.sentences() {
		texts = append(texts, struct {
			text string
			off  func(int) int
		}{s.text, s.off})
	}
	for _, tx := range texts {
		for _, m := range re.FindAllStringSubmatchIndex(tx.text, -1) {
			var words []string
			for _, w := range strings.Fields(tx.text[m[2]:m[3]]) {
				if stopWords[w] {
					break
				}
				words = append(words, w)
			}
			name := trimName(t.Owner.Value + " " + strings.Join(words, " "))
			if name == t.Owner.Value || slices.ContainsFunc(t.Retired, func(r Retired) bool { return r.Name == name }) {
				continue
			}
			t.addMark(Mark{Fact: Fact{Value: name, At: pg.src(tx.off(m[0])), Review: "named on the page, not in the trademark statement"}})
		}
	}
	for i := range t.Marks {
		mk := &t.Marks[i]
		rest, ok := strings.CutPrefix(mk.Value, t.Owner.Value+" ")
		if !ok || !strings.Contains(rest, " ") || len(mk.Abbrevs) > 0 {
			continue
		}
		short := regexp.MustCompile(`(^|[^\w])` + regexp.QuoteMeta(rest) + `\b`)
		for _, tx := range texts {
			for _, m := range short.FindAllStringSubmatchIndex(tx.text, -1) {
				start := m[3]
				if strings.HasSuffix(tx.text[:start], t.Owner.Value+" ") {
					continue
				}
				mk.Abbrevs = append(mk.Abbrevs, Fact{Value: rest, At: pg.src(tx.off(start))})
				break
			}
			if len(mk.Abbrevs) > 0 {
				break
			}
		}
	}
}

// spaced quotes a name for a pattern, any run of spaces matching \s+.
func spaced(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		parts = append(parts, regexp.QuoteMeta(w))
	}
	return strings.Join(parts, `\s+`)
}
