package docscan

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/toslint/toslint/internal/report"
)

// claims reports claims of endorsement or affiliation with an owner
// (TOS407) that the project makes about itself. A claim about someone
// else ("NuGet is sponsored by Microsoft"), a negated one (a disclaimer)
// and a quotation are not the project's claims; the owner's own pages may
// say what they like.
type claims struct{}

func (claims) ids() []string { return []string{"TOS407"} }

// claimWords start the claim patterns' verbs and adjectives: a cheap
// filter before the patterns.
var claimWords = []string{"official", "certified", "endorsed", "approved", "sponsored", "recommended", "authori", "supported", "maintained", "partnership"}

// negation words that turn a claim into a disclaimer.
var negation = regexp.MustCompile(`(?i)\b(?:not|neither|nor|no|never|isn't|aren't|without)\b`)

// selfReference marks a sentence whose subject is this project.
var selfReference = regexp.MustCompile(`(?i)\b(?:this|our)\s+(?:[a-z-]+\s+)?(?:project|repo|repository|library|package|module|tool|tools|extension|plugin|plug-in|add-in|app|application|site|guide|documentation|docs|sdk|cli|action|bot|service|integration|client|provider|connector|template|sample|samples|theme|product|software|fork)\b|\b(?:we|we're|we've|our|us)\b`)

// selfStart marks a sentence that opens on the page's own subject:
// "This is the official ... plugin", "It is endorsed by ...".
var selfStart = regexp.MustCompile(`(?i)^\s*(?:this|it)\s+(?:is|was|has\s+been|comes)\b`)

func (claims) check(p *page) {
	for _, o := range p.s.owners {
		if o.own() || len(o.trade) == 0 {
			continue
		}
		re := o.claim
		names := []string{strings.ToLower(o.name)}
		for _, t := range o.trade {
			names = append(names, strings.ToLower(t))
		}
		for _, r := range p.d.Runs {
			if r.Scope&ScopeQuote != 0 || !mentions(r.Text, names) {
				continue
			}
			for _, loc := range re.FindAllStringIndex(r.Text, -1) {
				sentence := sentenceAround(r.Text, loc[0], loc[1])
				if negation.MatchString(sentence) || !p.aboutThisProject(r, loc[0]) {
					continue
				}
				p.report(r, loc[0], loc[1], "TOS407", nil,
					"claim of endorsement or affiliation `%s`: only %s can make it (state that the project is independent instead)",
					r.Text[loc[0]:loc[1]], o.name)
			}
		}
	}
}

// aboutThisProject reports whether a claim at Text[at:] of run r is made
// about this project: its sentence refers to the project ("this plugin",
// "we"), or names it, or the claim opens the sentence of a heading, a
// title or a short description (a fragment whose subject is the page's).
func (p *page) aboutThisProject(r *Run, at int) bool {
	start := at
	for start > 0 && !(r.Text[start-1] == '.' || r.Text[start-1] == '!' || r.Text[start-1] == '?') {
		start--
	}
	before := r.Text[start:at]
	if selfReference.MatchString(before) || selfStart.MatchString(before) {
		return true
	}
	if name := p.s.projectName; name != "" && strings.Contains(strings.ToLower(before), strings.ToLower(name)) {
		return true
	}
	lead := strings.TrimSpace(before)
	return lead == "" || strings.EqualFold(lead, "an") || strings.EqualFold(lead, "the") || strings.EqualFold(lead, "a")
}

func mentions(text string, names []string) bool {
	lower := ""
	contains := func(w string) bool {
		if isASCII(w) {
			return containsFoldASCII(text, w) // no lowercase copy of every run
		}
		if lower == "" {
			lower = strings.ToLower(text)
		}
		return strings.Contains(lower, w)
	}
	if !slices.ContainsFunc(names, contains) {
		return false
	}
	return slices.ContainsFunc(claimWords, contains)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// affiliationPattern matches claims of endorsement or partnership.
func affiliationPattern(o *owner) *regexp.Regexp {
	names := []string{regexp.QuoteMeta(o.name)}
	for _, t := range o.trade {
		names = append(names, regexp.QuoteMeta(t))
	}
	n := "(?:" + strings.Join(names, "|") + ")"
	// "official Owner <product kind>" claims to be the owner's product;
	// "the official GitHub repository" or "release link" is a place.
	kind := `(?:[a-z-]+\s+)?(?:plugins?|plug-ins?|extensions?|add-ins?|apps?|applications?|sdks?|librar(?:y|ies)|clients?|integrations?|partners?|tools?|packages?|modules?|connectors?|providers?|themes?|drivers?|bots?|actions?|templates?|products?|solutions?)\b`
	return regexp.MustCompile(`(?i)\b(?:official\s+` + n + `\s+` + kind + `|` + n + `[- ](?:certified|endorsed|approved|sponsored|recommended)\b|(?:endorsed|sponsored|approved|certified|authori[sz]ed|supported|maintained)\s+by\s+` + n + `\b|in\s+partnership\s+with\s+` + n + `\b)`)
}

// logos reports images and badges that reuse an owner's logos (TOS408):
// by file name, alt text or badge URL. Images are never opened.
type logos struct{}

func (logos) ids() []string { return []string{"TOS408"} }

// screenshot marks an image that shows a screen, not a logo.
var screenshot = regexp.MustCompile(`(?i)screen ?shot|capture`)

func (logos) check(p *page) {
	d := p.d
	for _, o := range p.s.owners {
		if o.own() || len(o.logos) == 0 {
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
			for _, pat := range o.logos {
				if pat.MatchString(l.URL) || (alt != "" && pat.MatchString(alt)) {
					p.s.add(report.Finding{Rule: "TOS408", Pos: d.Position(l.Offset),
						Message: fmt.Sprintf("image `%s` looks like a %s logo or badge: the content licenses grant no rights to the owner's logos", l.URL, o.name)})
					break
				}
			}
		}
	}
}

// altAt returns the alt text of the image at offset, if a run holds it:
// a Markdown image's alt run ends where the image starts (buildRuns gives
// it the image's offset as its end), and the alt or title attribute of an
// HTML <img> starts inside its tag. Another image's alt text, however
// near, is not this image's.
func (d *Document) altAt(off int) string {
	tagStop := off // not a tag: no attribute starts inside it
	if off >= 0 && bytes.HasPrefix(d.Src[off:], []byte("<")) {
		tagStop = tagEnd(d.Src, off)
	}
	for _, r := range d.Runs {
		if r.Scope&ScopeAlt != 0 && (r.End() == off || off < r.Start() && r.Start() < tagStop) {
			return r.Text
		}
	}
	return ""
}
