package packinit

import (
	"net"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// API hosts come from the page's links and code samples. Redirectors
// (go.microsoft.com, aka.ms), documentation and legal hosts never count; a
// host whose name says "api" counts wherever it appears; any other host
// counts only in a code sample, marked for review.

var (
	// hostRE is the loader's rule for an exact host name.
	hostRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)
	urlRE  = regexp.MustCompile("(?i)\\bhttps?://([a-z0-9.{}<>_-]+)(?::\\d+)?(/[^\\s\"'<>)\\]`]*)?")
	// bareAPIHostRE: a host named in code without a scheme, "api.acme.example".
	bareAPIHostRE = regexp.MustCompile(`(?i)(?:^|[^\w./-])(api[a-z0-9-]*(?:\.[a-z0-9-]+)+\.[a-z]{2,})\b`)
	apiLabelRE    = regexp.MustCompile(`(?i)(?:^|[.-])api(?:[.-]|$)`)
	templateRE    = regexp.MustCompile(`\{[^{}]*\}|<[^<>]*>`)
	// syntaxSignals are docs-platform syntaxes that mark copied content:
	// the pattern a pack records, and how to find it on the page.
	syntaxSignals = []struct {
		pattern string
		find    *regexp.Regexp
	}{
		{`\[!INCLUDE\s*\[`, regexp.MustCompile(`\[!INCLUDE\s*\[`)},
		{`^\s*>\s*\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]`, regexp.MustCompile(`(?m)^\s*>\s*\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]`)},
		{`\{\{[<%]\s*[\w/-]+`, regexp.MustCompile(`\{\{[<%]\s*[\w/-]+`)},
	}
	hostPartRE = regexp.MustCompile(`^[a-z0-9.-]+$`)
)

// never are hosts that are not APIs: redirectors and well-known sites
// (their subdomains may be: api.github.com).
var never = []string{
	"go.microsoft.com", "aka.ms", "bit.ly", "t.co", "goo.gl", "tinyurl.com", "ow.ly", "lnkd.in",
	"github.com", "gitlab.com", "stackoverflow.com", "creativecommons.org", "opensource.org", "spdx.org",
	"w3.org", "ietf.org", "rfc-editor.org", "json-schema.org", "microsoft.com", "youtube.com",
	"twitter.com", "x.com", "linkedin.com", "facebook.com",
}

// placeholders are documentation's example domains (RFC 2606), never an
// API, subdomains included.
var placeholders = []string{"example.com", "example.org", "example.net", "localhost"}

// nonAPIPrefixes are first labels of documentation, legal and sign-in
// hosts.
var nonAPIPrefixes = []string{
	"learn.", "docs.", "doc.", "developer.", "developers.", "dev.", "support.", "help.", "blog.", "blogs.",
	"www.", "community.", "forum.", "forums.", "status.", "privacy.", "legal.", "schemas.", "login.",
	"auth.", "oauth.", "accounts.", "account.", "sts.", "portal.", "console.", "techcommunity.",
}

func isDocsHost(h string) bool {
	for _, p := range []string{"learn.", "docs.", "doc.", "developer.", "developers.", "support.", "help."} {
		if strings.HasPrefix(h, p) {
			return true
		}
	}
	return strings.HasSuffix(h, ".readthedocs.io") || strings.HasSuffix(h, ".github.io")
}

func neverAPI(h string) bool {
	if net.ParseIP(h) != nil || !strings.Contains(h, ".") {
		return true
	}
	if slices.Contains(never, h) {
		return true
	}
	for _, n := range placeholders {
		if h == n || strings.HasSuffix(h, "."+n) {
			return true
		}
	}
	for _, p := range nonAPIPrefixes {
		if strings.HasPrefix(h, p) {
			return true
		}
	}
	return isDocsHost(h)
}

func extractHosts(pg *page, d *Draft) {
	// The trademark guidelines link is legal, whatever its host.
	legalHosts := map[string]bool{}
	if t := d.Trademarks; t != nil && t.Guidelines.Value != "" {
		if u, err := url.Parse(t.Guidelines.Value); err == nil {
			legalHosts[strings.ToLower(u.Host)] = true
		}
	}
	for _, l := range pg.doc.Links {
		if l.Image {
			continue
		}
		u, err := url.Parse(l.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		h := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
		if legalHosts[h] || neverAPI(h) {
			continue
		}
		if apiLabelRE.MatchString(h) || strings.HasPrefix(u.Path, "/api/") {
			d.addHost(Host{Fact: Fact{Value: h, At: pg.src(l.Offset)}})
		}
	}
	for _, c := range pg.code {
		for _, m := range urlRE.FindAllStringSubmatchIndex(c.text, -1) {
			raw := strings.ToLower(strings.TrimSuffix(c.text[m[2]:m[3]], "."))
			path := ""
			if m[4] >= 0 {
				path = c.text[m[4]:m[5]]
			}
			at := pg.src(c.off + m[0])
			if templateRE.MatchString(raw) {
				if p, ok := hostPattern(raw); ok {
					d.addHost(Host{Fact: Fact{Value: p, At: at, Review: "a pattern made from a templated URL"}, Pattern: true})
				}
				continue
			}
			if !hostRE.MatchString(raw) || legalHosts[raw] || neverAPI(raw) {
				continue
			}
			h := Host{Fact: Fact{Value: raw, At: at}}
			if !apiLabelRE.MatchString(raw) && !strings.HasPrefix(path, "/api/") {
				h.Review = "seen only in a code sample"
			}
			d.addHost(h)
		}
		if c.block || len(c.text) < 80 {
			for _, m := range bareAPIHostRE.FindAllStringSubmatchIndex(c.text, -1) {
				h := strings.ToLower(c.text[m[2]:m[3]])
				if hostRE.MatchString(h) && !neverAPI(h) {
					d.addHost(Host{Fact: Fact{Value: h, At: pg.src(c.off + m[2])}})
				}
			}
		}
	}
}

// hostPattern turns "{region}.api.acme.example" into an RE2 pattern.
func hostPattern(raw string) (string, bool) {
	parts := templateRE.Split(raw, -1)
	var b strings.Builder
	b.WriteString("^")
	for i, p := range parts {
		if p != "" && !hostPartRE.MatchString(p) {
			return "", false
		}
		b.WriteString(regexp.QuoteMeta(p))
		if i < len(parts)-1 {
			b.WriteString(`[a-z0-9-]+`)
		}
	}
	b.WriteString("$")
	if !strings.Contains(raw, ".") || strings.Count(strings.Join(parts, ""), ".") < 1 {
		return "", false
	}
	return b.String(), true
}

// addHost adds h, or clears the review mark of a host already seen when
// this sighting is certain.
func (d *Draft) addHost(h Host) {
	for i, o := range d.Family.Hosts {
		if o.Value == h.Value && o.Pattern == h.Pattern {
			if o.Review != "" && h.Review == "" {
				d.Family.Hosts[i] = h
			}
			return
		}
	}
	d.Family.Hosts = append(d.Family.Hosts, h)
}

// extractReuse reads the signals of copied docs: the page's namespaced
// front-matter keys ("ms.author"), its include and alert syntax, and the
// documentation hosts it links to.
func extractReuse(pg *page, d *Draft) {
	if fm := pg.doc.FrontMatter; fm != nil {
		type kv struct {
			k   string
			off int
		}
		var keys []kv
		for k, off := range fm.Keys {
			if strings.Contains(k, ".") && hostRE.MatchString(strings.ToLower(k)) {
				keys = append(keys, kv{k, off})
			}
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i].off < keys[j].off })
		for _, k := range keys {
			if !slices.Contains(d.Reuse.FrontMatterKeys, k.k) {
				if len(d.Reuse.FrontMatterKeys) == 0 {
					d.Reuse.KeysAt = pg.src(k.off)
				}
				d.Reuse.FrontMatterKeys = append(d.Reuse.FrontMatterKeys, k.k)
			}
		}
	}
	for _, s := range syntaxSignals {
		if loc := s.find.FindIndex(pg.doc.Src); loc != nil &&
			!slices.ContainsFunc(d.Reuse.Syntax, func(f Fact) bool { return f.Value == s.pattern }) {
			d.Reuse.Syntax = append(d.Reuse.Syntax, Fact{Value: s.pattern, At: pg.src(loc[0])})
		}
	}
	for _, l := range pg.doc.Links {
		u, err := url.Parse(l.URL)
		if err != nil {
			continue
		}
		h := strings.ToLower(u.Hostname())
		if hostRE.MatchString(h) && isDocsHost(h) && !slices.ContainsFunc(d.Reuse.SourceHosts, func(f Fact) bool { return f.Value == h }) {
			d.Reuse.SourceHosts = append(d.Reuse.SourceHosts, Fact{Value: h, At: pg.src(l.Offset)})
		}
	}
}
