// Package licenseid identifies license texts. It recognises common
// licenses by phrases every copy of them contains, finds every text in a
// file that concatenates several (a root LICENSE that also carries the
// licenses of copied code, a third-party notices file), and asks
// github.com/google/licensecheck only for a text no phrase names:
// licensecheck is the authority, but its matcher takes over a second to
// build on first use (1.4 s measured on a 2-core machine), more than a
// whole scan of a large module, so a repository whose licenses are common
// never builds it.
package licenseid

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/google/licensecheck"
)

// Text is one license found in a file.
type Text struct {
	ID string
	// Full is true for the license's whole text, false for a short notice
	// that only names it ("Licensed under the Apache License, Version
	// 2.0 ..."): a notice declares a license but does not carry its text.
	Full bool
	// Start is the offset of the text's first phrase in the normalised
	// file (see Normalize); texts are returned in this order.
	Start int
}

// phrase identifies one license by its phrases. anchor starts the text;
// every confirm phrase must follow within window bytes of it, and no
// not phrase may.
type phrase struct {
	id      string
	anchor  string
	confirm []string
	not     []string
	full    bool
}

// window bounds how far after its anchor a license's confirming phrases
// may be: the longest texts recognised by more than their anchor
// (Apache-2.0, the BSD family) put them within their first 2 KB.
const window = 2500

// phrases are in normalised form: lowercase words separated by one space.
// License texts are the one kind of text this project copies.
var phrases = []phrase{
	{id: "MIT", anchor: "permission is hereby granted free of charge to any person obtaining a copy", confirm: []string{"the above copyright notice and this permission notice shall be included"}, full: true},
	{id: "ISC", anchor: "permission to use copy modify and or distribute this software for any purpose with or without fee is hereby granted", confirm: []string{"provided that the above copyright notice and this permission notice appear in all copies"}, full: true},
	{id: "0BSD", anchor: "permission to use copy modify and or distribute this software for any purpose with or without fee is hereby granted", not: []string{"provided that the above copyright notice and this permission notice appear in all copies"}, full: true},
	{id: "BSD-3-Clause", anchor: "redistribution and use in source and binary forms with or without modification are permitted", confirm: []string{"neither the name"}, full: true},
	{id: "BSD-3-Clause", anchor: "redistribution and use in source and binary forms with or without modification are permitted", confirm: []string{"names of its contributors may not be used"}, not: []string{"neither the name"}, full: true},
	{id: "BSD-2-Clause", anchor: "redistribution and use in source and binary forms with or without modification are permitted", confirm: []string{"redistributions in binary form must reproduce"}, not: []string{"neither the name", "names of its contributors may not be used"}, full: true},
	{id: "Apache-2.0", anchor: "apache license version 2 0 january 2004", confirm: []string{"terms and conditions for use reproduction and distribution"}, full: true},
	{id: "Apache-2.0", anchor: "licensed under the apache license version 2 0"},
	{id: "MPL-2.0", anchor: "mozilla public license version 2 0", confirm: []string{"definitions"}, full: true},
	{id: "MPL-2.0", anchor: "subject to the terms of the mozilla public license v 2 0"},
	{id: "Zlib", anchor: "in no event will the authors be held liable for any damages arising from the use of this software", confirm: []string{"altered source versions must be plainly marked"}, full: true},
	{id: "Unlicense", anchor: "this is free and unencumbered software released into the public domain", full: true},
	{id: "BSL-1.0", anchor: "boost software license version 1 0", confirm: []string{"permission is hereby granted"}, full: true},
	{id: "GPL-2.0-only", anchor: "gnu general public license version 2 june 1991", full: true},
	{id: "GPL-3.0-only", anchor: "gnu general public license version 3 29 june 2007", full: true},
	{id: "LGPL-2.1-only", anchor: "gnu lesser general public license version 2 1 february 1999", full: true},
	{id: "LGPL-3.0-only", anchor: "gnu lesser general public license version 3 29 june 2007", full: true},
	{id: "AGPL-3.0-only", anchor: "gnu affero general public license version 3 19 november 2007", full: true},
	{id: "EPL-2.0", anchor: "eclipse public license v 2 0", confirm: []string{"definitions"}, full: true},
	{id: "CC0-1.0", anchor: "cc0 1 0 universal", full: true},
	{id: "CC-BY-4.0", anchor: "creative commons attribution 4 0 international public license", full: true},
	{id: "CC-BY-SA-4.0", anchor: "creative commons attribution sharealike 4 0 international public license", full: true},
	{id: "CC-BY-NC-4.0", anchor: "creative commons attribution noncommercial 4 0 international public license", full: true},
	{id: "CC-BY-ND-4.0", anchor: "creative commons attribution noderivatives 4 0 international public license", full: true},
	{id: "CC-BY-NC-SA-4.0", anchor: "creative commons attribution noncommercial sharealike 4 0 international public license", full: true},
	{id: "CC-BY-NC-ND-4.0", anchor: "creative commons attribution noncommercial noderivatives 4 0 international public license", full: true},
}

// Normalize lowercases text and turns every run of characters other than
// letters and digits into one space, so that phrases match across line
// breaks, comment markers and punctuation.
func Normalize(data []byte) string {
	var b strings.Builder
	b.Grow(len(data))
	space := true
	for _, r := range string(data) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// Find returns every license text and notice the phrase table recognises
// in data, in order. A file that concatenates several licenses yields one
// Text for each.
func Find(data []byte) []Text {
	return findNormalized(Normalize(data))
}

func findNormalized(text string) []Text {
	var out []Text
	for _, p := range phrases {
		for from := 0; ; {
			i := strings.Index(text[from:], p.anchor)
			if i < 0 {
				break
			}
			start := from + i
			from = start + len(p.anchor)
			end := min(len(text), start+window)
			if next := nextAnchor(text, from); next >= 0 && next < end {
				end = next // the window stops where another license starts
			}
			win := text[start:end]
			ok := true
			for _, c := range p.confirm {
				ok = ok && strings.Contains(win, c)
			}
			for _, n := range p.not {
				ok = ok && !strings.Contains(win, n)
			}
			if ok {
				out = append(out, Text{ID: p.id, Full: p.full, Start: start})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Text) int { return a.Start - b.Start })
	return out
}

// nextAnchor returns the offset of the first anchor of any full license
// text at or after from, or -1.
func nextAnchor(text string, from int) int {
	best := -1
	for _, p := range phrases {
		if !p.full {
			continue
		}
		if i := strings.Index(text[from:], p.anchor); i >= 0 && (best < 0 || from+i < best) {
			best = from + i
		}
	}
	return best
}

// Quick identifies a license text by its phrases alone: the id of the
// first full text in data, else of the first notice, else "".
func Quick(data []byte) string {
	texts := Find(data)
	for _, t := range texts {
		if t.Full {
			return t.ID
		}
	}
	if len(texts) > 0 {
		return texts[0].ID
	}
	return ""
}

// Identify returns the license of a license file: its first license by
// phrases (the file's own license when it also carries others), else the
// license covering most of it according to licensecheck (at least half
// the text), else "".
func Identify(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	if id := Quick(data); id != "" {
		return id
	}
	return scan(data)
}

// FullTexts returns the ids of the whole license texts in data (a notices
// file or a root LICENSE may carry several), by phrases, and by
// licensecheck when no phrase names anything in a file that has the size
// of a license text.
func FullTexts(data []byte) []string {
	var ids []string
	texts := Find(data)
	for _, t := range texts {
		if t.Full && !slices.Contains(ids, t.ID) {
			ids = append(ids, t.ID)
		}
	}
	if len(texts) == 0 && len(data) > 400 {
		if id := scan(data); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// Declared returns the ids of every license data names, full text or
// notice.
func Declared(data []byte) []string {
	var ids []string
	for _, t := range Find(data) {
		if !slices.Contains(ids, t.ID) {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

var scanMu sync.Mutex

// scan asks licensecheck for the license covering at least half of data.
// Its matcher is built on the first call (once per process).
func scan(data []byte) string {
	scanMu.Lock() // licensecheck's lazy build is safe, but one build at a time keeps memory flat
	cov := licensecheck.Scan(data)
	scanMu.Unlock()
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

// Family strips the -only / -or-later / + suffix of an SPDX id: any copy
// of the GPL-2.0 text carries both GPL-2.0-only and GPL-2.0-or-later.
func Family(id string) string {
	id = strings.TrimSuffix(id, "+")
	for _, s := range []string{"-only", "-or-later"} {
		id = strings.TrimSuffix(id, s)
	}
	return id
}

// ServesAsNotice reports whether a license text kept beside copied code
// is, by that license's own terms, the notice its source copies need:
// the permissive licenses ask source copies to keep the copyright notice
// and the license text (MIT, BSD, ISC, Zlib, BSL-1.0), Apache-2.0 section
// 4(a) and 4(c) ask for the license and the files' own notices, MPL-2.0
// and the GPL family for the license text with the notices intact.
// Creative Commons licenses do not: their attribution names the title,
// the source and the changes, which a bare license text does not. An
// unidentified text serves as nothing.
func ServesAsNotice(id string) bool {
	switch Family(id) {
	case "MIT", "ISC", "0BSD", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "MPL-2.0", "Zlib", "Unlicense",
		"BSL-1.0", "GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "AGPL-3.0", "EPL-2.0", "CC0-1.0", "X11", "MIT-0":
		return true
	}
	return false
}
