package attribution

import (
	"net/url"
	"regexp"
	"strings"
)

// provenance matches "adapted from", "copied from", "based on", "taken
// from" (and "derived", "ported") followed by a URL, and "based on the
// <words> from URL" ("based on the python code from https://...").
var provenance = regexp.MustCompile(`(?i)\b(?:(?:adapted|copied|taken|derived|ported|borrowed|lifted)\s+from|based\s+on(?:\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,3}\s+(?:code|implementation|version|work|library|program|source)\s+(?:from|at|in))?)\s*:?\s*<?(https?://[^\s>)\]]+)`)

var (
	authorMark  = regexp.MustCompile(`(?i)\b(?:by|author|authors|copyright)\b|©|@\w`)
	licenseMark = regexp.MustCompile(`(?i)\blicen[cs]e[ds]?\b|SPDX-License-Identifier|\bCC[- ]BY\b`)
	// factWords name what a comment says was taken: facts are not code.
	factWords = regexp.MustCompile(`(?i)\b(?:equations?|formulas?|formulae|constants?|values?|parameters?|tables?|numbers?|polynomials?|coefficients?|test vectors?|definitions?)\b[^.]{0,20}$`)
	// valueDecl is a line that declares a single constant or value: a
	// fact ("a table taken from RFC 1952") is not code.
	valueDecl = regexp.MustCompile(`^\s*(?:(?:const|var)\s+)?[\p{L}_][\p{L}\p{N}_]*(?:\s+[\p{L}_][\p{L}\p{N}_.]*)?\s*=\s*[-+]?(?:[0-9.]|0x|"|'|\x60)[^{;]*$`)
)

// stackExchange hosts share Stack Overflow's CC BY-SA terms.
var stackExchange = []string{"stackoverflow.com", "stackexchange.com", "superuser.com", "serverfault.com", "askubuntu.com", "mathoverflow.net"}

// checkProvenance reports a provenance comment with no author and license
// in the comment or in the file's own header (a foreign holder and a
// license), whose source the notices do not mention (TOS204). A comment
// on a single constant is about a fact, not code, and stays quiet.
func (p *pass) checkProvenance(fs *fileState, g group, src []byte) {
	text := g.text()
	if !strings.Contains(text, "http") {
		return // every provenance comment has a URL
	}
	m := provenance.FindStringSubmatchIndex(text)
	if m == nil {
		return
	}
	source := strings.TrimRight(text[m[2]:m[3]], ".,;:")
	if authorMark.MatchString(text) && licenseMark.MatchString(text) {
		return
	}
	if fs.foreign && len(fs.licenses) > 0 {
		return // the file credits its upstream's holder and license
	}
	if p.mod.mentions(strings.TrimPrefix(strings.TrimPrefix(source, "https://"), "http://")) {
		return
	}
	if valueDecl.MatchString(nextLine(src, g.end())) || factWords.MatchString(text[:m[0]]) {
		return // a value, an equation or a table: facts, not code
	}
	host := ""
	if u, err := url.Parse(source); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	if !strings.Contains(host, ".") {
		return // "https://...", "http://localhost": a placeholder, not a source
	}
	msg := "code taken from %s has no author and license in the comment, the file's header or the notices file: name both (or add the source to NOTICE)"
	for _, h := range stackExchange {
		if host == h || strings.HasSuffix(host, "."+h) {
			msg = "code taken from %s is licensed CC BY-SA (2.5 for posts before 2011-04-08, 3.0 until 2018-05-02, 4.0 after): credit the author, link the post and name the license version (ShareAlike applies to the adapted code)"
			break
		}
	}
	p.entry(Entry{Rule: "TOS204", Source: source, File: fs.name, Unit: fs.unitDir(p.mod.root)})
	p.rep.Report("TOS204", fs.span(g.start(), g.end()), nil, msg, source)
}

// nextLine returns the first non-blank line after offset off.
func nextLine(src []byte, off int) string {
	rest := string(src[min(off, len(src)):])
	for _, l := range strings.SplitN(rest, "\n", 4) {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}
