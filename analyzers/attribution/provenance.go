package attribution

import (
	"go/ast"
	"net/url"
	"regexp"
	"strings"
)

// provenance matches "adapted from", "copied from", "based on", "taken
// from" (and "derived", "ported") followed by a URL.
var provenance = regexp.MustCompile(`(?i)\b(?:(?:adapted|copied|taken|derived|ported)\s+from|based\s+on)\s*:?\s*<?(https?://[^\s>)\]]+)`)

var (
	authorMark  = regexp.MustCompile(`(?i)\b(?:by|author|authors|copyright)\b|©|@\w`)
	licenseMark = regexp.MustCompile(`(?i)\blicen[cs]e[ds]?\b|SPDX-License-Identifier|\bCC[- ]BY\b`)
)

// stackExchange hosts share Stack Overflow's CC BY-SA terms.
var stackExchange = []string{"stackoverflow.com", "stackexchange.com", "superuser.com", "serverfault.com", "askubuntu.com", "mathoverflow.net"}

// checkProvenance reports a provenance comment with no author and license
// in the comment, whose source the notices file does not mention (TOS204).
func (p *pass) checkProvenance(cg *ast.CommentGroup, text string) {
	if !strings.Contains(text, "http") {
		return // every provenance comment has a URL
	}
	m := provenance.FindStringSubmatchIndex(text)
	if m == nil {
		return
	}
	src := strings.TrimRight(text[m[2]:m[3]], ".,;:")
	if authorMark.MatchString(text) && licenseMark.MatchString(text) {
		return
	}
	if p.mod.listed(strings.TrimSpace(normalizeText(src))) {
		return
	}
	host := ""
	if u, err := url.Parse(src); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	msg := "code taken from %s has no author and license in the comment or the notices file: name both (or add the source to NOTICE)"
	for _, h := range stackExchange {
		if host == h || strings.HasSuffix(host, "."+h) {
			msg = "code taken from %s is licensed CC BY-SA (2.5 for posts before 2011-04-08, 3.0 until 2018-05-02, 4.0 after): credit the author, link the post and name the license version (ShareAlike applies to the adapted code)"
			break
		}
	}
	p.entry(Entry{Source: src, File: p.fileOf(cg.Pos()), Rule: "TOS204"})
	p.rep.Report("TOS204", rng{cg.Pos(), cg.End()}, nil, msg, src)
}
