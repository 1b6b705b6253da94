package docscan

import (
	"fmt"
	"go/token"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
)

// reusedPage is a page that shows signs of content reused from a pack's
// licensor, with the attribution fields its own text lacks.
type reusedPage struct {
	name    string // file name findings carry
	rel     string
	pack    *policy.Pack
	signal  string
	missing []string
}

// Attribution record fields (CC BY 4.0 §3(a)(1)): title, author, source,
// license name and link, and whether the material was changed.
var recordFields = []struct {
	name string
	re   *regexp.Regexp
}{
	{"title", regexp.MustCompile(`(?i)\btitle\b|"[^"]{3,}"|“[^”]{3,}”`)},
	{"author", regexp.MustCompile(`(?i)\b(?:by|author|authors|creator|copyright)\b|©`)},
	{"source link", regexp.MustCompile(`(?i)https?://`)},
	{"license name", regexp.MustCompile(`(?i)\bCC[- ]BY\b|creative\s+commons\s+attribution`)},
	{"license link", regexp.MustCompile(`(?i)creativecommons\.org/licenses/by`)},
	{"changes", regexp.MustCompile(`(?i)\b(?:changes?|changed|modified|adapted|unchanged|translated|shortened|edited)\b`)},
}

// missingFields returns the record fields a text lacks.
func missingFields(text string) []string {
	var out []string
	for _, f := range recordFields {
		if !f.re.MatchString(text) {
			out = append(out, f.name)
		}
	}
	return out
}

// adaptedFrom marks prose that says where content came from.
var adaptedFrom = regexp.MustCompile(`(?i)\b(?:adapted|copied|taken|derived|reproduced)\s+from\b|\bsource:\s*|\bbased\s+on\b`)

// reuseSignal returns why a page looks reused from the pack's licensor.
func reuseSignal(d *Document, p *policy.Pack) string {
	rs := p.ReuseSignal
	if rs == nil {
		return ""
	}
	if d.FrontMatter != nil {
		keys := make([]string, 0, len(d.FrontMatter.Keys))
		for k := range d.FrontMatter.Keys {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if containsFold(rs.FrontMatterKeys, k) {
				return fmt.Sprintf("front matter key %s", k)
			}
		}
	}
	for _, pat := range rs.Syntax {
		if lit, _ := pat.LiteralPrefix(); lit != "" && !strings.Contains(string(d.Src), lit) {
			continue
		}
		if !strings.Contains(string(d.Src), "[!") && strings.Contains(pat.String(), `\[!`) {
			continue // every syntax pattern of the packs needs "[!"
		}
		for _, line := range strings.Split(string(d.Src), "\n") {
			if pat.MatchString(line) {
				return fmt.Sprintf("syntax %q", strings.TrimSpace(line))
			}
		}
	}
	linksSource := false
	for _, l := range d.Links {
		for _, h := range rs.SourceHosts {
			linksSource = linksSource || strings.Contains(strings.ToLower(l.URL), "://"+h)
		}
	}
	for _, r := range d.Runs {
		if !linksSource {
			break
		}
		lower := strings.ToLower(r.Text)
		if !strings.Contains(lower, "from") && !strings.Contains(lower, "source") && !strings.Contains(lower, "based on") || !adaptedFrom.MatchString(r.Text) {
			continue
		}
		for _, l := range d.Links {
			for _, h := range rs.SourceHosts {
				if strings.Contains(strings.ToLower(l.URL), "://"+h) && l.Offset >= r.Start() && l.Offset <= r.End() {
					return "a link to " + h
				}
			}
		}
	}
	return ""
}

// checkReusePage records a page with reuse signals whose own text lacks
// attribution fields; checkReuse judges it once every file is read.
func (s *scan) checkReusePage(d *Document, rel string) {
	if s.pol.TrademarkOwner() {
		return // the owner's own pages are not re-use
	}
	for _, p := range s.pol.Packs() {
		sig := reuseSignal(d, p)
		if sig == "" {
			continue
		}
		var text strings.Builder
		for _, r := range d.Runs {
			text.WriteString(r.Text + "\n")
		}
		for _, l := range d.Links {
			text.WriteString(l.URL + "\n")
		}
		if missing := missingFields(text.String()); len(missing) > 0 {
			s.mu.Lock()
			s.reused = append(s.reused, reusedPage{name: d.Name, rel: rel, pack: p, signal: sig, missing: missing})
			s.mu.Unlock()
		}
	}
}

// checkReuse reports reused pages (TOS309) whose attribution record is
// neither in the page nor in an ATTRIBUTION or NOTICE file naming it.
func (s *scan) checkReuse() {
	sort.Slice(s.reused, func(i, j int) bool { return s.reused[i].rel < s.reused[j].rel })
	for _, rp := range s.reused {
		missing := rp.missing
		if rec := s.recordNaming(rp.rel); rec != "" {
			missing = missingFields(rec)
		}
		if len(missing) == 0 {
			continue
		}
		s.add(report.Finding{Rule: "TOS309", Pos: token.Position{Filename: rp.name, Line: 1, Column: 1},
			Message: fmt.Sprintf("page looks reused from %s content (%s) but its attribution record is incomplete (missing: %s): add one in the page or in an ATTRIBUTION.md entry naming %s",
				rp.pack.Trademarks.Owner, rp.signal, strings.Join(missing, ", "), path.Base(rp.rel))})
	}
}

// recordNaming returns the paragraph of a root attribution file that names
// the page (by path or file name), or "".
func (s *scan) recordNaming(rel string) string {
	var texts []string
	for _, d := range s.docs {
		base := strings.ToLower(path.Base(d.Name))
		if strings.HasPrefix(base, "attribution") || strings.HasPrefix(base, "notice") || strings.HasPrefix(base, "credits") || strings.HasPrefix(base, "thirdpartynotices") {
			texts = append(texts, string(d.Src))
		}
	}
	for _, t := range s.plainNotice {
		lower := strings.ToLower(t.rel)
		if strings.HasPrefix(lower, "attribution") || strings.HasPrefix(lower, "notice") || strings.HasPrefix(lower, "credits") || strings.HasPrefix(lower, "thirdpartynotices") {
			texts = append(texts, t.text)
		}
	}
	for _, t := range texts {
		for _, para := range strings.Split(t, "\n\n") {
			if strings.Contains(para, rel) || strings.Contains(para, path.Base(rel)) {
				return para
			}
		}
	}
	return ""
}
