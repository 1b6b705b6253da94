package attribution

import (
	"regexp"
	"strings"
)

// spdxLine matches an SPDX-License-Identifier tag.
var spdxLine = regexp.MustCompile(`^\s*SPDX-License-Identifier:\s*([^/]+?)\s*(?:\*/.*|//.*)?$`)

// shortForms are license notices that name a license without its text.
var shortForms = []struct {
	re *regexp.Regexp
	id string
}{
	{regexp.MustCompile(`(?i)\blicensed under the MIT license\b`), "MIT"},
	{regexp.MustCompile(`(?i)\breleased under (?:the )?MIT license\b`), "MIT"},
	{regexp.MustCompile(`(?i)\bgoverned by a BSD-style license\b`), "BSD-3-Clause"},
	{regexp.MustCompile(`(?i)\blicensed under the Apache License,? Version 2\.0\b`), "Apache-2.0"},
	{regexp.MustCompile(`(?i)\b(?:licen[cs]ed\s+under|license:)\s+(?:the\s+)?CC[- ]BY[- ]SA[- ]4\.0\b`), "CC-BY-SA-4.0"},
	{regexp.MustCompile(`(?i)\b(?:licen[cs]ed\s+under|license:)\s+(?:the\s+)?CC[- ]BY[- ]SA[- ]3\.0\b`), "CC-BY-SA-3.0"},
	{regexp.MustCompile(`(?i)\b(?:licen[cs]ed\s+under|license:)\s+(?:the\s+)?CC[- ]BY[- ]4\.0\b`), "CC-BY-4.0"},
	{regexp.MustCompile(`(?i)\bsubject to the terms of the Mozilla Public License,? v(?:ersion)?\.? ?2\.0\b`), "MPL-2.0"},
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

// attributionPrefixes start the SPDX ids of licenses whose terms require
// a notice or attribution to travel with copies.
var attributionPrefixes = []string{"CC-BY", "MIT", "BSD", "APACHE", "ISC", "ZLIB", "MPL", "EPL", "GPL", "LGPL", "AGPL", "ARTISTIC", "BSL", "UNICODE"}

// needsAttribution reports licenses whose terms require a notice or
// attribution to travel with copies; public-domain dedications (CC0,
// Unlicense, 0BSD) do not.
func needsAttribution(id string) bool {
	up := strings.ToUpper(id)
	if up == "0BSD" || up == "MIT-0" {
		return false
	}
	for _, p := range attributionPrefixes {
		if strings.HasPrefix(up, p) {
			return true
		}
	}
	return false
}
