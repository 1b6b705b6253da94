// Package licenseid identifies license texts. It recognises the most
// common licenses by phrases every copy of them contains, and asks
// github.com/google/licensecheck for the rest: licensecheck is the
// authority, but its matcher takes over a second to build on first use
// (1.4 s measured on this 2-core machine), more than a whole scan of a
// large module, so a repository whose licenses are common never builds it.
package licenseid

import (
	"regexp"
	"strings"

	"github.com/google/licensecheck"
)

var spaces = regexp.MustCompile(`\s+`)

// quick lists common licenses by phrases of their texts (license texts are
// the one kind of text this project copies).
var quick = []struct {
	id      string
	phrases []string
	not     string
}{
	{"MIT", []string{"permission is hereby granted, free of charge, to any person obtaining a copy", "the above copyright notice and this permission notice shall be included"}, ""},
	{"Apache-2.0", []string{"apache license", "version 2.0, january 2004"}, ""},
	{"BSD-3-Clause", []string{"redistribution and use in source and binary forms", "neither the name of"}, ""},
	{"BSD-2-Clause", []string{"redistribution and use in source and binary forms", "redistributions in binary form must reproduce"}, "neither the name of"},
	{"ISC", []string{"permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted"}, ""},
	{"MPL-2.0", []string{"mozilla public license version 2.0"}, ""},
	{"CC-BY-4.0", []string{"creative commons attribution 4.0 international public license"}, ""},
	{"CC-BY-SA-4.0", []string{"creative commons attribution-sharealike 4.0 international public license"}, ""},
	{"CC-BY-NC-4.0", []string{"creative commons attribution-noncommercial 4.0 international public license"}, ""},
	{"CC-BY-ND-4.0", []string{"creative commons attribution-noderivatives 4.0 international public license"}, ""},
}

// Quick identifies a common license text by its phrases, or returns "".
func Quick(data []byte) string {
	text := strings.ToLower(spaces.ReplaceAllString(string(data), " "))
	for _, q := range quick {
		ok := q.not == "" || !strings.Contains(text, q.not)
		for _, p := range q.phrases {
			ok = ok && strings.Contains(text, p)
		}
		if ok {
			return q.id
		}
	}
	return ""
}

// Identify returns the license of a license file: a common license by its
// phrases, else the license covering most of it according to licensecheck
// (at least half the text), else "".
func Identify(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	if id := Quick(data); id != "" {
		return id
	}
	cov := licensecheck.Scan(data)
	if cov.Percent < 50 || len(cov.Match) == 0 {
		return ""
	}
	best, size := "", 0
	for _, m := range cov.Match {
		if !m.IsURL && m.End-m.Start > size {
			best, size = m.ID, m.End-m.Start
		}
	}
	return best
}

// Texts returns the ids of the full license texts inside data (a notices
// file may carry several).
func Texts(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	var ids []string
	seen := map[string]bool{}
	for _, m := range licensecheck.Scan(data).Match {
		if !m.IsURL && m.End-m.Start > 200 && !seen[m.ID] {
			seen[m.ID] = true
			ids = append(ids, m.ID)
		}
	}
	return ids
}
