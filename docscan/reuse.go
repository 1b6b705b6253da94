package docscan

import (
	"bytes"
	"fmt"
	"go/token"
	"path"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"

	"github.com/toslint/toslint/internal/licenseid"
	"github.com/toslint/toslint/internal/report"
)

// reuseSignals finds pages reused from a licensor's content (TOS309 is
// judged by reuseRecords once every file is read).
//
// A page is reused only on strong evidence: an explicit statement that it
// is "adapted from", "based on" or has as "source:" a page of the
// licensor's documentation (enough alone), or several signals of the
// licensor's publishing system together: two or more of its front-matter
// keys, its markup (DocFX includes), and markup it shares with other
// platforms (GitHub's alerts), which never counts alone. The owner's own
// pages are not reuse.
type reuseSignals struct{}

func (reuseSignals) ids() []string { return []string{"TOS309"} }

// signal is one piece of evidence that a page is reused.
type signal struct {
	what     string
	offset   int // where it is in the file
	strength int // provenance 3, front-matter keys 2, markup 1, shared markup 1
}

// reusedPage is a page that shows signs of content reused from an owner,
// with the attribution fields its own text lacks.
type reusedPage struct {
	rel     string
	owner   *owner
	signal  signal
	pos     token.Position
	missing []string
}

func (reuseSignals) check(p *page) {
	for _, o := range p.s.owners {
		if o.own() || o.reuse == nil {
			continue
		}
		sig, ok := reuseEvidence(p.d, o)
		if !ok {
			continue
		}
		if missing := missingFields(pageText(p.d), o); len(missing) > 0 {
			p.s.mu.Lock()
			p.s.reused = append(p.s.reused, reusedPage{rel: p.rel, owner: o, signal: sig, pos: p.d.Position(sig.offset), missing: missing})
			p.s.mu.Unlock()
		}
	}
}

// reuseEvidence returns the strongest signal of a page reused from the
// owner, and whether the signals together are enough.
func reuseEvidence(d *Document, o *owner) (signal, bool) {
	var sigs []signal
	if s, ok := provenance(d, o); ok {
		return s, true
	}
	if fm := d.FrontMatter; fm != nil {
		var keys []string
		first := -1
		for k, off := range fm.Keys {
			if containsFold(o.reuse.FrontMatterKeys, k) {
				keys = append(keys, k)
				if first < 0 || off < first {
					first = off
				}
			}
		}
		if len(keys) >= 2 {
			sort.Strings(keys)
			sigs = append(sigs, signal{what: "front-matter keys " + strings.Join(keys, ", "), offset: first, strength: 2})
		}
	}
	if len(sigs) == 0 {
		return signal{}, false // markup alone is never enough
	}
	for _, m := range o.syntax {
		if off, line, ok := m.find(d.Src); ok {
			sigs = append(sigs, signal{what: fmt.Sprintf("markup %q", line), offset: off, strength: 1})
			break
		}
	}
	if len(sigs) > 0 {
		for _, m := range o.weak {
			if off, line, ok := m.find(d.Src); ok {
				sigs = append(sigs, signal{what: fmt.Sprintf("markup %q", line), offset: off, strength: 1})
				break
			}
		}
	}
	total := 0
	best := signal{}
	for _, s := range sigs {
		total += s.strength
		if s.strength > best.strength {
			best = s
		}
	}
	return best, total >= 3
}

// lineMatcher finds the first line of a document that matches a markup
// pattern. Go's regexp has no DFA: run over a whole page, a pattern that
// starts with "^\s*" costs a full NFA pass (it was a fifth of a scan of
// Microsoft's docs read as a third party's). Only the lines holding the
// pattern's longest literal are tried.
type lineMatcher struct {
	re      *regexp.Regexp
	literal []byte // a string every match contains, or nil
	fold    bool   // the literal is matched ignoring case
}

func newLineMatcher(p *regexp.Regexp) lineMatcher {
	m := lineMatcher{re: p}
	if tree, err := syntax.Parse(p.String(), syntax.Perl); err == nil {
		lit, fold := longestLiteral(tree.Simplify())
		if len(lit) >= 2 {
			m.literal, m.fold = []byte(lit), fold
			if fold {
				m.literal = bytes.ToLower(m.literal)
			}
		}
	}
	return m
}

// longestLiteral returns the longest literal that every match of the
// expression contains (only literals on the top-level sequence count).
func longestLiteral(re *syntax.Regexp) (string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return string(re.Rune), re.Flags&syntax.FoldCase != 0
	case syntax.OpConcat, syntax.OpCapture:
		best, fold := "", false
		for _, sub := range re.Sub {
			if s, f := longestLiteral(sub); len(s) > len(best) {
				best, fold = s, f
			}
		}
		return best, fold
	}
	return "", false
}

// find returns the offset and text of the first matching line.
func (m lineMatcher) find(src []byte) (int, string, bool) {
	hay := src
	if m.fold {
		hay = bytes.ToLower(src)
	}
	for from := 0; from < len(src); {
		i := 0
		if m.literal != nil {
			i = bytes.Index(hay[from:], m.literal)
			if i < 0 {
				return 0, "", false
			}
		}
		at := from + i
		start := bytes.LastIndexByte(src[:at], '\n') + 1
		end := len(src)
		if j := bytes.IndexByte(src[at:], '\n'); j >= 0 {
			end = at + j
		}
		if m.re.Match(src[start:end]) {
			return start, strings.TrimSpace(string(src[start:end])), true
		}
		if m.literal == nil && end >= len(src) {
			return 0, "", false
		}
		from = end + 1
	}
	return 0, "", false
}

// compileReuse prepares the owner's markup patterns (one line each).
func (o *owner) compileReuse() {
	for _, p := range o.reuse.Syntax {
		o.syntax = append(o.syntax, newLineMatcher(p.Regexp))
	}
	for _, p := range o.reuse.WeakSyntax {
		o.weak = append(o.weak, newLineMatcher(p.Regexp))
	}
}

// provenanceWords say where content came from; the link they govern
// follows within a few words, in the same sentence.
var provenanceWords = regexp.MustCompile(`(?i)\b(?:adapted|copied|taken|derived|reproduced|excerpted|translated)\s+from\b|\bsource\s*:|\bbased\s+on\b`)

// provenance finds "adapted from <link to the licensor's docs>".
func provenance(d *Document, o *owner) (signal, bool) {
	var hosts []Link
	for _, l := range d.Links {
		for _, h := range o.reuse.SourceHosts {
			if strings.Contains(strings.ToLower(l.URL), "://"+h) {
				hosts = append(hosts, l)
			}
		}
	}
	if len(hosts) == 0 {
		return signal{}, false
	}
	for _, r := range d.Runs {
		if r.Scope&ScopeFrontMatter != 0 || len(r.Text) == 0 {
			continue
		}
		for _, loc := range provenanceWords.FindAllStringIndex(r.Text, -1) {
			for _, l := range hosts {
				at := linkIndex(r, l.Offset)
				if at < loc[1] {
					continue
				}
				between := r.Text[loc[1]:at]
				if strings.ContainsAny(between, ".!?;") || len(strings.Fields(between)) > 6 {
					continue // the phrase does not govern the link
				}
				return signal{what: fmt.Sprintf("%q and a link to %s", strings.TrimSpace(r.Text[loc[0]:loc[1]]), hostOf(l.URL)), offset: l.Offset, strength: 3}, true
			}
		}
	}
	return signal{}, false
}

// linkIndex returns the index in the run's text where the link at source
// offset off starts, or -1 when the run does not hold it. A link that ends
// the run, an autolink or image after the text's last space, starts past
// the last byte of the text but before the run's end: its index is
// len(r.Text).
func linkIndex(r *Run, off int) int {
	if len(r.Text) == 0 || off < r.Start() || off > r.End() {
		return -1
	}
	// Offsets grow along the text.
	return sort.Search(len(r.Text), func(i int) bool { return r.offset(i) >= off })
}

func hostOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	return u
}

// pageText joins a page's prose and link targets, where an attribution
// record would be.
func pageText(d *Document) string {
	var text strings.Builder
	for _, r := range d.Runs {
		text.WriteString(r.Text + "\n")
	}
	for _, l := range d.Links {
		text.WriteString(l.URL + "\n")
	}
	return text.String()
}

// Attribution record fields (CC BY 4.0 §3(a)(1)): title, author, source,
// license name and link, and whether the material was changed.
var recordFields = []struct {
	name string
	re   *regexp.Regexp
}{
	{"title", regexp.MustCompile(`(?i)\btitle\b|"[^"]{3,}"|“[^”]{3,}”`)},
	{"author", regexp.MustCompile(`(?i)\b(?:author(?:s|ed)?|creators?|written\s+by|created\s+by|credits?)\b|©|\bcopyright\b`)},
	{"source link", regexp.MustCompile(`(?i)https?://`)},
	{"license name", regexp.MustCompile(`(?i)\bCC[- ]BY\b|creative\s+commons\s+attribution`)},
	{"license link", regexp.MustCompile(`(?i)creativecommons\.org/licenses/by`)},
	{"changes", regexp.MustCompile(`(?i)\b(?:changes?|changed|modified|adapted|unchanged|translated|shortened|edited)\b`)},
}

// byName finds "by Name": the creator, unless a claim verb ("endorsed
// by", "maintained by") says the name is a sponsor, not the author.
var byName = regexp.MustCompile(`(\S+)\s+by\s+(?:the\s+)?[A-Z]`)

var notAuthorVerbs = map[string]bool{"endorsed": true, "sponsored": true, "approved": true, "supported": true, "maintained": true,
	"provided": true, "owned": true, "operated": true, "certified": true, "recommended": true, "authorized": true, "authorised": true,
	"hosted": true, "powered": true, "used": true, "required": true, "followed": true, "replaced": true}

// missingFields returns the record fields a text lacks.
func missingFields(text string, o *owner) []string {
	var out []string
	for _, f := range recordFields {
		if f.re.MatchString(text) {
			continue
		}
		if f.name == "author" && hasAuthorBy(text) {
			continue
		}
		out = append(out, f.name)
	}
	return out
}

func hasAuthorBy(text string) bool {
	for _, m := range byName.FindAllStringSubmatch(text, -1) {
		if !notAuthorVerbs[strings.ToLower(strings.Trim(m[1], `"'“”‘’,;:()[]*_`))] {
			return true
		}
	}
	return false
}

// reuseRecords reports reused pages (TOS309) whose attribution record is
// neither in the page nor in a notices or attribution file naming it.
type reuseRecords struct{}

func (reuseRecords) ids() []string { return []string{"TOS309"} }

func (reuseRecords) checkRepo(s *scan) {
	sort.Slice(s.reused, func(i, j int) bool { return s.reused[i].rel < s.reused[j].rel })
	for _, rp := range s.reused {
		missing := rp.missing
		if rec := s.recordNaming(rp.rel); rec != "" {
			missing = missingFields(rec, rp.owner)
		}
		if len(missing) == 0 {
			continue
		}
		s.add(report.Finding{Rule: "TOS309", Pos: rp.pos,
			Message: fmt.Sprintf("page looks reused from %s content (%s) but its attribution record is incomplete (missing: %s): add one in the page or in an ATTRIBUTION.md entry naming %s",
				rp.owner.name, rp.signal.what, strings.Join(missing, ", "), path.Base(rp.rel))})
	}
}

// isRecordFile reports whether a root file may hold attribution records:
// notices files (NOTICE, THIRD_PARTY_NOTICES.md, ...), ATTRIBUTION and
// CREDITS files.
func isRecordFile(name string) bool {
	lower := strings.ToLower(path.Base(name))
	return licenseid.IsNoticesFile(path.Base(name)) || strings.HasPrefix(lower, "attribution") || strings.HasPrefix(lower, "credits")
}

// recordNaming returns the paragraph of a root notices or attribution
// file that names the page (by path or file name), or "".
func (s *scan) recordNaming(rel string) string {
	var texts []string
	for _, d := range s.docs {
		if isRecordFile(d.Name) {
			texts = append(texts, string(d.Src))
		}
	}
	for _, t := range s.plainNotice {
		if isRecordFile(t.rel) {
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
