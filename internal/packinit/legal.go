package packinit

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// The legal part of a terms page: the licenses the owner publishes under,
// the trademark statement (owner, marks, guidelines link), the privacy
// link, the reservation of rights, and renamed products.

type licenseName struct {
	id    string
	short string // how people write it: "CC BY 4.0"
	re    *regexp.Regexp
}

func lic(id, short, re string) licenseName {
	return licenseName{id: id, short: short, re: regexp.MustCompile(`(?i)` + re)}
}

// licenseNames are the licenses a terms page names, most specific first
// (RE2 has no lookahead: "Attribution-ShareAlike 4.0" must be tried before
// "Attribution 4.0", which the hyphen keeps from matching it anyway).
var licenseNames = []licenseName{
	lic("CC-BY-NC-ND-4.0", "CC BY-NC-ND 4.0", `creative\s+commons\s+attribution[- ]non-?commercial[- ]no-?derivatives?\s+4\.0|\bCC[- ]BY[- ]NC[- ]ND[- ]4\.0\b`),
	lic("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0", `creative\s+commons\s+attribution[- ]non-?commercial[- ]share-?alike\s+4\.0|\bCC[- ]BY[- ]NC[- ]SA[- ]4\.0\b`),
	lic("CC-BY-NC-4.0", "CC BY-NC 4.0", `creative\s+commons\s+attribution[- ]non-?commercial\s+4\.0|\bCC[- ]BY[- ]NC[- ]4\.0\b`),
	lic("CC-BY-ND-4.0", "CC BY-ND 4.0", `creative\s+commons\s+attribution[- ]no-?derivatives?\s+4\.0|\bCC[- ]BY[- ]ND[- ]4\.0\b`),
	lic("CC-BY-SA-4.0", "CC BY-SA 4.0", `creative\s+commons\s+attribution[- ]share-?alike\s+4\.0|\bCC[- ]BY[- ]SA[- ]4\.0\b`),
	lic("CC-BY-4.0", "CC BY 4.0", `creative\s+commons\s+attribution\s+4\.0|\bCC[- ]BY[- ]4\.0\b`),
	lic("CC-BY-SA-3.0", "CC BY-SA 3.0", `creative\s+commons\s+attribution[- ]share-?alike\s+3\.0|\bCC[- ]BY[- ]SA[- ]3\.0\b`),
	lic("CC-BY-3.0", "CC BY 3.0", `creative\s+commons\s+attribution\s+3\.0|\bCC[- ]BY[- ]3\.0\b`),
	lic("CC0-1.0", "CC0 1.0", `\bCC0\b|creative\s+commons\s+zero`),
	lic("MIT", "the MIT License", `\bMIT\s+licen[cs]e\b|\bMIT[- ]licensed\b|\bunder\s+(?:the\s+)?MIT\b`),
	lic("Apache-2.0", "the Apache License 2.0", `\bApache\s+licen[cs]e,?\s+(?:version\s+)?2\.0\b|\bApache[- ]2\.0\b`),
	lic("BSD-3-Clause", "the BSD 3-Clause License", `\bBSD[- ]3[- ]clause\b|\b(?:3|three)[- ]clause\s+BSD\b`),
	lic("BSD-2-Clause", "the BSD 2-Clause License", `\bBSD[- ]2[- ]clause\b|\b(?:2|two)[- ]clause\s+BSD\b`),
	lic("MPL-2.0", "the Mozilla Public License 2.0", `\bMozilla\s+Public\s+Licen[cs]e,?\s+(?:version\s+)?2\.0\b|\bMPL[- ]2\.0\b`),
	lic("ISC", "the ISC License", `\bISC\s+licen[cs]e\b`),
}

func licenseByID(id string) (licenseName, bool) {
	for _, l := range licenseNames {
		if l.id == id {
			return l, true
		}
	}
	return licenseName{}, false
}

// ccPath returns the creativecommons.org path of a CC license id
// ("licenses/by/4.0"), or "".
func ccPath(id string) string {
	if id == "CC0-1.0" {
		return "publicdomain/zero/1.0"
	}
	rest, ok := strings.CutPrefix(id, "CC-")
	if !ok {
		return ""
	}
	i := strings.LastIndexByte(rest, '-')
	return "licenses/" + strings.ToLower(rest[:i]) + "/" + rest[i+1:]
}

// LicenseURLPattern is the RE2 pattern of links to a CC license's deed or
// legal code, or "" for other licenses.
func LicenseURLPattern(id string) string {
	p := ccPath(id)
	if p == "" {
		return ""
	}
	return `^https?://creativecommons\.org/` + regexp.QuoteMeta(p) + `(/legalcode)?/?$`
}

var (
	ccLinkRE      = regexp.MustCompile(`(?i)^https?://(?:www\.)?creativecommons\.org/(licenses/[a-z-]+/\d\.\d|publicdomain/zero/1\.0)`)
	codeWordsRE   = regexp.MustCompile(`(?i)\b(?:code|samples?|snippets?|software|source|sdks?|examples?|scripts?)\b`)
	docsWordsRE   = regexp.MustCompile(`(?i)\b(?:documentation|docs|content|text|articles?|pages?|documents?)\b`)
	grantRE       = regexp.MustCompile(`(?i)\bgrants?\b|\blicensed\b|\bavailable\s+under\b|\bpublished\s+under\b|\bunder\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?`)
	licenseFileRE = regexp.MustCompile(`\bLICENSE(?:\.md|\.txt)?\s+file\b`)
	tmOfRE        = regexp.MustCompile(`(?i:(?:registered\s+)?trademarks?(?:\s+(?:or|and|and/or)\s+(?:registered\s+)?trademarks?)?\s+of\s+(?:the\s+)?)([A-Z][A-Za-z0-9&'.-]*(?:\s+[A-Z][A-Za-z0-9&'.-]*)*)`)
	subjectRE     = regexp.MustCompile(`(?i)^(.*?)\s+(?:may\s+be|are|is|were)\s+(?:either\s+)?(?:a\s+|the\s+)?(?:registered\s+)?trademarks?\b`)
	listSepRE     = regexp.MustCompile(`\s*,\s*(?:and/or\s+|and\s+|or\s+)?|\s+and/or\s+|\s+and\s+|\s+or\s+`)
	legalSuffixRE = regexp.MustCompile(`\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|AG|SE|S\.A\.|plc|Co\.)$`)
	legalWordRE   = regexp.MustCompile(`\s(?:Inc\.?|Incorporated|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|AG|SE|S\.A\.|plc|Co\.)(?:\s|$)`)
	noGrantRE     = regexp.MustCompile(`(?i)do(?:es)?\s+not\s+grant\s+you\s+(?:any\s+)?rights\s+to\s+use\s+(any\s+)?`)
	guideRE       = regexp.MustCompile(`(?i)trademark|brand`)
	privacyRE     = regexp.MustCompile(`(?i)privacy`)
	reserveARE    = regexp.MustCompile(`(?i)reserves?\s+all\s+others?\s+rights`)
	reserveBRE    = regexp.MustCompile(`(?i)all\s+(?:other\s+)?rights\s+(?:not\s+expressly\s+granted\s+)?(?:are\s+)?reserved`)
	localeRE      = regexp.MustCompile(`(?i)^/?([a-z]{2}-[a-z]{2}/?)?$`)
	parenRE       = regexp.MustCompile(`\s*\([^()]*\)`)
)

// legal is what extractLegal gathers across pages before the notices are
// built.
type legal struct {
	grantAt     *Src
	noGrant     string // the "does not grant you rights to use any X" form seen
	privacy     *Fact
	reserveA    *Src
	reserveB    *Src
	licenseFile bool
	renames     []Retired
}

func extractLegal(pg *page, d *Draft, lg *legal) {
	for _, s := range pg.sentences() {
		licenses(pg, s, d, lg)
		trademarkStatement(pg, s, d, lg)
		if m := reserveARE.FindStringIndex(s.text); m != nil && lg.reserveA == nil {
			at := pg.src(s.off(m[0]))
			lg.reserveA = &at
		}
		if m := reserveBRE.FindStringIndex(s.text); m != nil && lg.reserveB == nil {
			at := pg.src(s.off(m[0]))
			lg.reserveB = &at
		}
		if lg.privacy == nil && privacyRE.MatchString(s.text) {
			if u, off := pg.linkIn(s); u != "" {
				lg.privacy = &Fact{Value: u, At: pg.src(off)}
			}
		}
		lg.renames = append(lg.renames, renames(pg, s)...)
	}
	if lg.privacy == nil {
		for _, l := range pg.doc.Links {
			if u, err := url.Parse(l.URL); err == nil && strings.HasPrefix(strings.ToLower(u.Host), "privacy.") {
				lg.privacy = &Fact{Value: l.URL, At: pg.src(l.Offset)}
				break
			}
		}
	}
	if d.DocsLicense.Value == "" {
		for _, l := range pg.doc.Links {
			if m := ccLinkRE.FindStringSubmatch(l.URL); m != nil {
				for _, ln := range licenseNames {
					if ccPath(ln.id) == strings.ToLower(m[1]) {
						d.DocsLicense = Fact{Value: ln.id, At: pg.src(l.Offset), Review: "read from a license link"}
					}
				}
				if d.DocsLicense.Value != "" {
					break
				}
			}
		}
	}
}

// linkIn returns the first link inside sentence s, and its offset.
func (pg *page) linkIn(s sentence) (string, int) {
	if len(s.text) == 0 {
		return "", -1
	}
	start, end := s.off(0), s.off(len(s.text)-1)
	for _, l := range pg.doc.Links {
		if !l.Image && l.Offset >= start && l.Offset <= end && strings.HasPrefix(strings.ToLower(l.URL), "http") {
			return l.URL, l.Offset
		}
	}
	return "", -1
}

func licenses(pg *page, s sentence, d *Draft, lg *legal) {
	if licenseFileRE.MatchString(s.text) {
		lg.licenseFile = true
	}
	for _, ln := range licenseNames {
		for _, m := range ln.re.FindAllStringIndex(s.text, -1) {
			at := pg.src(s.off(m[0]))
			code, docs := codeWordsRE.MatchString(s.text), docsWordsRE.MatchString(s.text)
			isDocs := strings.HasPrefix(ln.id, "CC")
			if isDocs && code && !docs {
				isDocs = false
			} else if !isDocs && docs && !code {
				isDocs = true
			}
			f := Fact{Value: ln.id, At: at}
			switch {
			case !isDocs && d.CodeLicense.Value == "":
				d.CodeLicense = f
			case !isDocs:
			case d.DocsLicense.Value == "" || d.DocsLicense.Review != "":
				d.DocsLicense = f
				if grantRE.MatchString(s.text) && lg.grantAt == nil {
					lg.grantAt = &at
				}
			case d.DocsLicense.Value != ln.id && !slices.ContainsFunc(d.OtherLicenses, func(o Fact) bool { return o.Value == ln.id }):
				d.OtherLicenses = append(d.OtherLicenses, f)
			}
		}
	}
}

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

// finishLegal completes what needs the whole set of pages: renamed
// products, product names used outside the statement, the statement's
// "does not grant you rights" form, and the notices.
func (d *Draft) finishLegal(pgs []*page, lg *legal) {
	if t := d.Trademarks; t != nil {
		for _, r := range lg.renames {
			if !slices.ContainsFunc(t.Retired, func(o Retired) bool { return o.Name == r.Name }) {
				t.Retired = append(t.Retired, r)
			}
		}
		for _, pg := range pgs {
			extractProducts(pg, d)
			for _, s := range pg.sentences() {
				if lg.noGrant == "" {
					noGrantForm(s.text, t.Owner.Value, lg)
				}
			}
		}
	}
	d.buildNotices(lg)
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

// buildNotices turns what the pages said into the notice set.
func (d *Draft) buildNotices(lg *legal) {
	if lg.grantAt != nil && d.DocsLicense.Value != "" {
		ln, _ := licenseByID(d.DocsLicense.Value)
		n := Notice{ID: "license-grant", Rule: "TOS304", When: "publisher", At: *lg.grantAt,
			Title: "license grant naming " + strings.TrimPrefix(ln.short, "the ") + " and linking the license"}
		n.Text = grantTexts(ln)
		hint := "say that the docs are licensed under " + ln.short
		if p := LicenseURLPattern(ln.id); p != "" {
			n.Links = []string{p}
			hint += ", linking https://creativecommons.org/" + ccPath(ln.id) + "/legalcode"
			if lg.licenseFile {
				hint += " and the LICENSE file"
			}
		} else {
			n.Title = "license grant naming " + strings.TrimPrefix(ln.short, "the ")
			if lg.licenseFile {
				hint += ", pointing to the LICENSE file"
			}
		}
		n.Hint = hint
		d.Notices = append(d.Notices, n)
	}
	if t := d.Trademarks; t != nil {
		owner := spaced(t.Owner.Value)
		n := Notice{ID: "trademark", Rule: "TOS306", When: "owner", At: t.Owner.At, Title: "trademark notice"}
		switch lg.noGrant {
		case "any names":
			n.Text = []string{`(?i)do(es)?\s+not\s+grant\s+you\s+(any\s+)?rights\s+to\s+use\s+any\s+` + owner + `\s+names`}
		case "":
			n.Text = []string{`(?i)trademarks?\s+of\s+(the\s+)?` + owner + `\b`}
		default:
			n.Text = []string{`(?i)do(es)?\s+not\s+grant\s+you\s+(any\s+)?rights\s+to\s+use\s+(any\s+)?` + owner}
		}
		n.Hint = "say that the licenses grant no rights to " + t.Owner.Value + "'s names, logos or trademarks"
		if t.Guidelines.Value != "" {
			n.Title += " with a link to the trademark guidelines"
			n.Links = []string{exactLink(t.Guidelines.Value)}
			n.Hint += ", and link " + t.Guidelines.Value
		}
		t.Attribution = []string{`(?i)(trademarks|registered\s+trademarks)\s+of\s+(the\s+)?` + owner + `\b`}
		var words []string
		for _, m := range t.Marks {
			if !strings.Contains(m.Value, " ") {
				words = append(words, regexp.QuoteMeta(strings.ToLower(m.Value)))
			}
		}
		if ow := regexp.QuoteMeta(strings.ToLower(t.Owner.Value)); !slices.Contains(words, ow) && !strings.Contains(ow, " ") {
			words = append([]string{ow}, words...)
		}
		if len(words) > 0 {
			t.Logos = []string{`(?i)(` + strings.Join(words, "|") + `)[-_ ]?(logo|icon)`}
		}
		d.Notices = append(d.Notices, n)
	}
	if p := lg.privacy; p != nil {
		d.Notices = append(d.Notices, Notice{ID: "privacy", Rule: "TOS307", When: "owner", At: p.At,
			Title: "privacy statement link", Links: []string{privacyLink(p.Value)},
			Hint: "link the privacy statement, " + p.Value})
	}
	if lg.reserveA != nil || lg.reserveB != nil {
		n := Notice{ID: "reservation", Rule: "TOS310", When: "owner", Title: "reservation of all other rights",
			Hint: "add a sentence reserving all other rights under copyright, patents and trademarks"}
		if lg.reserveA != nil {
			n.At = *lg.reserveA
			n.Text = append(n.Text, `(?i)reserves?\s+all\s+others?\s+rights`)
		}
		if lg.reserveB != nil {
			if lg.reserveA == nil {
				n.At = *lg.reserveB
			}
			n.Text = append(n.Text, `(?i)all\s+(other\s+)?rights\s+(not\s+expressly\s+granted\s+)?(are\s+)?reserved`)
		}
		d.Notices = append(d.Notices, n)
	}
}

// grantTexts are the patterns that recognise a license grant's name.
func grantTexts(ln licenseName) []string {
	if p := ccPath(ln.id); p != "" && ln.id != "CC0-1.0" {
		parts := strings.Split(strings.TrimPrefix(ln.id, "CC-"), "-") // BY SA 4.0
		version := regexp.QuoteMeta(parts[len(parts)-1])
		long := map[string]string{"BY": "attribution", "SA": "share-?alike", "NC": "non-?commercial", "ND": "no-?derivatives?"}
		var words, short []string
		for _, w := range parts[:len(parts)-1] {
			words = append(words, long[w])
			short = append(short, w)
		}
		return []string{
			`(?i)creative\s+commons\s+` + strings.Join(words, "[- ]") + `\s+` + version,
			`(?i)\bCC[- ]` + strings.Join(short, "[- ]") + `[- ]` + version + `\b`,
		}
	}
	return []string{ln.re.String()}
}

// spaced quotes a name for a pattern, any run of spaces matching \s+.
func spaced(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		parts = append(parts, regexp.QuoteMeta(w))
	}
	return strings.Join(parts, `\s+`)
}

// exactLink is the pattern of one URL, any scheme, any case.
func exactLink(raw string) string {
	rest := raw
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	rest = strings.ToLower(rest)
	tail := "$"
	if strings.HasSuffix(rest, "/") {
		rest, tail = strings.TrimSuffix(rest, "/"), "/?$"
	}
	return `(?i)^https?://` + regexp.QuoteMeta(rest) + tail
}

// privacyLink is the pattern of a privacy statement link: any page of a
// privacy host given by its root or a locale ("/en-us/"), else the URL.
func privacyLink(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return exactLink(raw)
	}
	host := strings.ToLower(u.Host)
	if strings.HasPrefix(host, "privacy.") && u.RawQuery == "" && localeRE.MatchString(u.Path) {
		return `(?i)^https?://` + regexp.QuoteMeta(host) + `(/[a-z]{2}-[a-z]{2})?/?`
	}
	return exactLink(raw)
}
