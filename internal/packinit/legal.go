package packinit

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// The legal part of a terms page, gathered across pages: licenses
// (licenses.go), the trademark statement (trademarks.go), the privacy
// link and the reservation of rights; then the notice set built from them.

var (
	privacyRE  = regexp.MustCompile(`(?i)privacy`)
	reserveARE = regexp.MustCompile(`(?i)reserves?\s+all\s+others?\s+rights`)
	reserveBRE = regexp.MustCompile(`(?i)all\s+(?:other\s+)?rights\s+(?:not\s+expressly\s+granted\s+)?(?:are\s+)?reserved`)
	localeRE   = regexp.MustCompile(`(?i)^/?([a-z]{2}-[a-z]{2}/?)?$`)
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
