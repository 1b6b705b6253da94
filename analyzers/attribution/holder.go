package attribution

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// statement is one copyright statement (or credit to an author of the
// work a file is based on) found in a comment line.
type statement struct {
	holder string // the holder as written, without marks, years, e-mail
	key    string // the holder normalised for comparison (holderKey)
	years  string // the years as written, "" when none
	col    int    // byte offset of the statement in the line
	end    int    // byte offset of the end of the holder in the line
}

// The grammar of a statement. A statement is found anywhere in a comment
// line ("Based on work Copyright (c) 2013, Jane Roe", "Modifications
// copyright (C) 2017 Acme", "github.com/x/y, Copyright 2013 The X
// Authors"), but only where the word is followed by a mark (c) or ©, or
// a year: prose that mentions copyright is not a statement. At the start
// of a line, "Copyright The X Authors" and "Copyright Jane Roe" count
// too. SPDX-FileCopyrightText is a statement wherever it is.
var (
	markWord   = regexp.MustCompile(`(?i)\bcopyright\b|©|SPDX-FileCopyrightText:`)
	afterMark  = regexp.MustCompile(`(?i)^\s*(?:\(c\)|©)\s*`)
	yearList   = regexp.MustCompile(`^[\s,:]*(?:(?:19|20)\d\d\+?|present)(?:\s*(?:[-–,/]|to|and)?\s*(?:(?:19|20)\d\d\+?|present))*[\s,.:]*`)
	creditWord = regexp.MustCompile(`(?i)\b(?:based on|derived from|adapted from|ported from)\s+(?:the\s+)?(?:original\s+)?(?:work|code|implementation)\s+(?:by|of)\s+`)
)

// stopPhrases end a holder: what follows them is a license, a reservation
// or a sentence about the file.
var stopPhrases = []string{
	"all rights reserved", "use of this source", "licensed", "released", "distributed", "under the ",
	"under a ", "see ", "this file", "this program", "this software", "this code", "permission",
	"the above", "provided", "which ", "who ", "is licensed", "and licensed", "spdx-", "for details",
	"http://", "https://", "you may", "//", "portions ", "modifications ", "originally", "based on",
}

// abbreviations end with a period that does not end the holder.
var abbreviations = map[string]bool{
	"inc": true, "ltd": true, "co": true, "corp": true, "jr": true, "sr": true, "st": true,
	"bros": true, "llc": true, "l.l.c": true, "s.a": true, "b.v": true, "pty": true, "plc": true,
	"e.v": true, "a.g": true, "n.v": true, "s.r.l": true, "gmbh": true,
}

// statementsIn returns the statements of one comment line.
func statementsIn(line string) []statement {
	marks := strings.Contains(line, "opyright") || strings.Contains(line, "OPYRIGHT") || strings.Contains(line, "©")
	credit := strings.Contains(line, "ased on") || strings.Contains(line, "rom")
	if !marks && !credit {
		return nil
	}
	var out []statement
	if marks {
		for _, m := range markWord.FindAllStringIndex(line, -1) {
			if s, ok := statementAt(line, m[0], m[1]); ok {
				if len(out) > 0 && out[len(out)-1].end > s.col {
					continue // "Copyright © 2020": one statement
				}
				out = append(out, s)
			}
		}
	}
	if credit {
		for _, m := range creditWord.FindAllStringIndex(line, -1) {
			if h, end := holderText(line, m[1]); h != "" && startsName(h) {
				out = append(out, statement{holder: h, key: holderKey(h), col: m[0], end: end})
			}
		}
	}
	return out
}

// statementAt parses a statement whose mark spans line[start:end].
func statementAt(line string, start, end int) (statement, bool) {
	word := line[start:end]
	atStart := strings.TrimLeft(line[:start], " \t/*#-") == ""
	i := end
	marked := strings.HasPrefix(word, "SPDX") || word == "©"
	if m := afterMark.FindStringIndex(line[i:]); m != nil {
		marked = marked || m[1] > 0
		i += m[1]
	}
	dated, years := false, ""
	if m := yearList.FindStringIndex(line[i:]); m != nil {
		dated, years = true, strings.Trim(line[i:i+m[1]], " ,.:")
		i += m[1]
	}
	if m := afterMark.FindStringIndex(line[i:]); m != nil && m[1] > 0 { // "Copyright 2020 (c) Acme"
		marked = true
		i += m[1]
	}
	h, hend := holderText(line, i)
	if h == "" {
		return statement{}, false
	}
	if !marked && !dated && !(atStart && startsName(h) && (len(strings.Fields(h)) > 1 || orgSuffix(h))) {
		return statement{}, false
	}
	if !atStart && !dated && !startsName(h) {
		return statement{}, false // "we keep copyright (c) lines": prose
	}
	if r, _ := utf8.DecodeRuneInString(h); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return statement{}, false
	}
	k := holderKey(h)
	if k == "" || noise[k] {
		return statement{}, false
	}
	return statement{holder: h, key: k, years: years, col: start, end: hend}, true
}

// noise are holders that are words of prose, not names.
var noise = map[string]bool{"notice": true, "notices": true, "holder": true, "holders": true, "owner": true, "owners": true,
	"law": true, "statement": true, "statements": true, "information": true, "header": true, "headers": true, "line": true, "lines": true,
	"year": true, "years": true, "the": true, "and": true, "text": true, "comments": true}

// startsName reports whether s starts with a capital letter (or "The").
func startsName(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func orgSuffix(h string) bool {
	f := strings.Fields(strings.ToLower(strings.Trim(h, ".")))
	if len(f) == 0 {
		return false
	}
	last := strings.Trim(f[len(f)-1], ".,")
	return abbreviations[last] || last == "authors" || last == "contributors" || last == "foundation" || last == "corporation" || last == "limited"
}

// holderText returns the holder starting at line[i:]: up to a sentence
// end, a stop phrase, an e-mail address, a parenthesis or a comma before
// a lowercase word, with trailing years and punctuation removed.
func holderText(line string, i int) (string, int) {
	rest := line[i:]
	rest = strings.TrimLeft(rest, " \t")
	off := len(line) - len(rest)
	if strings.HasPrefix(strings.ToLower(rest), "by ") {
		rest, off = rest[3:], off+3
	}
	end := len(rest)
	lower := strings.ToLower(rest)
	for _, p := range stopPhrases {
		if j := strings.Index(lower, p); j >= 0 && j < end && (j == 0 || !isWordByte(lower[j-1])) {
			end = j
		}
	}
	for j := 0; j < end; j++ {
		switch c := rest[j]; c {
		case '<', '(', '[', ';', '"', '|':
			end = j
		case '@':
			end = max(0, strings.LastIndexByte(rest[:j], ' ')) // an e-mail address
		case '.':
			if sentenceEnd(rest, j) {
				end = j
			}
		case ',':
			if next := strings.TrimLeft(rest[j+1:], " "); next == "" || !(startsName(next) || strings.HasPrefix(next, "and ") || strings.HasPrefix(next, "& ")) {
				end = j
			}
		case ' ':
			if j+2 < len(rest) && rest[j+1] == '-' && rest[j+2] == ' ' {
				end = j // "Acme - all rights"
			}
		}
	}
	h := strings.TrimSpace(rest[:end])
	// Years after the holder ("Acme, Inc. 2017-present") and punctuation,
	// but not the period of "Inc.".
	for {
		trimmed := strings.TrimRight(h, " ,;:-*/")
		if strings.HasSuffix(trimmed, ".") && !abbreviations[strings.ToLower(lastWord(trimmed[:len(trimmed)-1]))] {
			trimmed = trimmed[:len(trimmed)-1]
		}
		trimmed = trailingYears.ReplaceAllString(trimmed, "")
		if trimmed == h {
			break
		}
		h = trimmed
	}
	if len(h) > 100 {
		if k := strings.LastIndexByte(h[:100], ' '); k > 0 {
			h = h[:k]
		}
	}
	return h, off + len(h)
}

var trailingYears = regexp.MustCompile(`[\s,]*(?:(?:19|20)\d\d\+?|present)(?:\s*[-–,]\s*(?:(?:19|20)\d\d\+?|present))*$`)

func lastWord(s string) string {
	if k := strings.LastIndexAny(s, " \t,"); k >= 0 {
		return s[k+1:]
	}
	return s
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// sentenceEnd reports whether the period at rest[j] ends a sentence: it
// is followed by white space and a capital letter or by nothing, and the
// word before it is not an abbreviation or an initial.
func sentenceEnd(rest string, j int) bool {
	after := rest[j+1:]
	if after != "" && after[0] != ' ' && after[0] != '\t' {
		return false // "example.com", "v1.2"
	}
	word := rest[:j]
	if k := strings.LastIndexAny(word, " \t"); k >= 0 {
		word = word[k+1:]
	}
	word = strings.ToLower(strings.Trim(word, ",("))
	if abbreviations[word] || utf8.RuneCountInString(word) == 1 {
		return false
	}
	next := strings.TrimLeft(after, " \t")
	if next == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsUpper(r) || !unicode.IsLetter(r)
}

// holderKey normalises a holder for comparison: lowercase words, with
// "(c)", a leading "the" and company punctuation removed.
func holderKey(h string) string {
	s := strings.TrimSpace(normalizeText(h))
	s = strings.TrimPrefix(s, "the ")
	return s
}
