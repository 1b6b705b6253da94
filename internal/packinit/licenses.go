package packinit

import (
	"regexp"
	"slices"
	"strings"
)

// Licenses: the docs license a terms page names (as an SPDX id), a code
// license if it names one, and the patterns that recognise a grant of them.

var (
	ccLinkRE      = regexp.MustCompile(`(?i)^https?://(?:www\.)?creativecommons\.org/(licenses/[a-z-]+/\d\.\d|publicdomain/zero/1\.0)`)
	codeWordsRE   = regexp.MustCompile(`(?i)\b(?:code|samples?|snippets?|software|source|sdks?|examples?|scripts?)\b`)
	docsWordsRE   = regexp.MustCompile(`(?i)\b(?:documentation|docs|content|text|articles?|pages?|documents?)\b`)
	grantRE       = regexp.MustCompile(`(?i)\bgrants?\b|\blicensed\b|\bavailable\s+under\b|\bpublished\s+under\b|\bunder\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?`)
	licenseFileRE = regexp.MustCompile(`\bLICENSE(?:\.md|\.txt)?\s+file\b`)
)

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
