package attribution

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// copyrightLine is the anchored grammar of a copyright statement: it must
// start the comment line and carry SPDX-FileCopyrightText, (c) or ©, or a
// year after the word. Prose that mentions copyright does not match.
var copyrightLine = regexp.MustCompile(`(?i)^\s*(?:SPDX-FileCopyrightText:\s*(.+)|copyright\s*(?:\(c\)|©)\s*(.+)|©\s*(.+)|copyright\s+((?:19|20)\d\d\b.*))$`)

var (
	years      = regexp.MustCompile(`\b(?:19|20)\d\d(?:\s*[-–,]\s*(?:(?:19|20)\d\d|present))*\b,?`)
	reserved   = regexp.MustCompile(`(?i)\ball rights reserved\.?`)
	marks      = regexp.MustCompile(`(?i)\(c\)|©|\bcopyright\b`)
	licensedBy = regexp.MustCompile(`(?i)[,;.]?\s*(licensed|released|distributed)\s+under\b.*$`)
	emails     = regexp.MustCompile(`<[^>]*>`)
)

// holderOf extracts the holder from a comment line that is a copyright
// statement, normalised; ok is false for other lines.
func holderOf(line string) (raw, holder string, ok bool) {
	// A cheap filter first: the grammar is a regular expression with
	// case-insensitive alternatives, and most comment lines are prose.
	if !strings.Contains(line, "opyright") && !strings.Contains(line, "OPYRIGHT") && !strings.Contains(line, "©") && !strings.Contains(line, "SPDX-FileCopyrightText") {
		return "", "", false
	}
	m := copyrightLine.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	raw = strings.TrimSpace(m[1] + m[2] + m[3] + m[4])
	if r, _ := utf8.DecodeRuneInString(raw); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return "", "", false // "©, Copyright and ..." is prose about statements
	}
	holder = normalizeHolder(raw)
	return raw, holder, holder != ""
}

// normalizeHolder strips years, (c), "All rights reserved", e-mail
// addresses, "licensed under" tails and punctuation, and lowercases.
func normalizeHolder(s string) string {
	lower := strings.ToLower(s)
	// Each pattern only where it can match: this runs on every header.
	if strings.Contains(lower, "licen") || strings.Contains(lower, "released") || strings.Contains(lower, "distributed") {
		s = licensedBy.ReplaceAllString(s, "")
	}
	if strings.Contains(lower, "reserved") {
		s = reserved.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "<") {
		s = emails.ReplaceAllString(s, "")
	}
	if strings.Contains(lower, "(c)") || strings.Contains(s, "©") || strings.Contains(lower, "copyright") {
		s = marks.ReplaceAllString(s, "")
	}
	if strings.ContainsAny(s, "0123456789") {
		s = years.ReplaceAllString(s, "")
	}
	s = strings.TrimPrefix(strings.TrimSpace(s), "by ")
	return strings.TrimSpace(normalizeText(s))
}

// holdersIn returns the holders of the copyright lines of a license file.
func holdersIn(data []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if _, h, ok := holderOf(sc.Text()); ok {
			out = appendUnique(out, h)
		}
	}
	return out
}

// spdxLine matches an SPDX-License-Identifier tag.
var spdxLine = regexp.MustCompile(`^\s*SPDX-License-Identifier:\s*(.+?)\s*(?:\*/)?\s*$`)

// shortForms are license notices that name a license without its text.
var shortForms = []struct {
	re *regexp.Regexp
	id string
}{
	{regexp.MustCompile(`(?i)\blicensed under the MIT license\b`), "MIT"},
	{regexp.MustCompile(`(?i)\bgoverned by a BSD-style license\b`), "BSD-3-Clause"},
	{regexp.MustCompile(`(?i)\blicensed under the Apache License,? Version 2\.0\b`), "Apache-2.0"},
	{regexp.MustCompile(`(?i)\b(?:licen[cs]ed\s+under|license:)\s+(?:the\s+)?CC[- ]BY[- ]SA[- ]4\.0\b`), "CC-BY-SA-4.0"},
	{regexp.MustCompile(`(?i)\b(?:licen[cs]ed\s+under|license:)\s+(?:the\s+)?CC[- ]BY[- ]SA[- ]3\.0\b`), "CC-BY-SA-3.0"},
	{regexp.MustCompile(`(?i)\b(?:licen[cs]ed\s+under|license:)\s+(?:the\s+)?CC[- ]BY[- ]4\.0\b`), "CC-BY-4.0"},
	{regexp.MustCompile(`(?i)\blicensed under the Mozilla Public License,? v(?:ersion)?\.? ?2\.0\b`), "MPL-2.0"},
}

// shortFormLicense returns the license a short-form notice names.
func shortFormLicense(text string) string {
	if !strings.Contains(text, "icense") && !strings.Contains(text, "icence") && !strings.Contains(text, "ICENSE") {
		return ""
	}
	for _, f := range shortForms {
		if f.re.MatchString(text) {
			return f.id
		}
	}
	return ""
}

// needsAttribution reports licenses whose terms require a notice or
// attribution to travel with copies.
func needsAttribution(id string) bool {
	up := strings.ToUpper(id)
	for _, p := range []string{"CC-BY", "MIT", "BSD", "APACHE", "ISC", "ZLIB", "MPL", "EPL", "GPL", "LGPL", "AGPL", "ARTISTIC", "BSL", "UNICODE"} {
		if strings.HasPrefix(up, p) {
			return true
		}
	}
	return false
}
