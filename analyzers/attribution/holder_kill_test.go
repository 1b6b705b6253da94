package attribution

import (
	"slices"
	"strings"
	"testing"
)

// TestTwoStatementsOnALine checks that every statement of a line is
// found, not only the first: two copyright statements, two credits.
func TestTwoStatementsOnALine(t *testing.T) {
	for line, want := range map[string][]string{
		" Copyright 2019 Jane Roe; Copyright 2020 John Poe":                 {"Jane Roe", "John Poe"},
		" Based on work by Jane Roe; adapted from the code of Richard Poe.": {"Jane Roe", "Richard Poe"},
		" SPDX-FileCopyrightText: 2021 Jane Roe, © 2022 Widget Inc.":        {"Jane Roe", "Widget Inc."},
	} {
		var got []string
		for _, s := range statementsIn(line) {
			got = append(got, s.holder)
		}
		if !slices.Equal(got, want) {
			t.Errorf("statementsIn(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestMarkWithoutYear checks that "(c)" marks a statement inside a line
// that has no year: the mark alone tells it from prose.
func TestMarkWithoutYear(t *testing.T) {
	for line, want := range map[string][]string{
		" Portions Copyright (c) Jane Roe":   {"Jane Roe"},
		" Portions copyright Jane Roe":       nil, // neither a mark nor a year: prose
		" Parts are copyright (C) Acme Ltd.": {"Acme Ltd."},
	} {
		var got []string
		for _, s := range statementsIn(line) {
			got = append(got, s.holder)
		}
		if !slices.Equal(got, want) {
			t.Errorf("statementsIn(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestUnmarkedStatementAtLineStart checks a line that starts with
// "Copyright" and has neither mark nor year: a name of two words or an
// organisation's word ("Contributors", "Foundation", "Ltd.") is a holder,
// one plain word is prose. A mark after the year is skipped over.
func TestUnmarkedStatementAtLineStart(t *testing.T) {
	for line, want := range map[string][]string{
		" Copyright Jane Roe":           {"Jane Roe"},
		" Copyright Widget":             nil,
		" Copyright Contributors":       {"Contributors"},
		" Copyright Foundation":         {"Foundation"},
		" Copyright 2020 (c) Acme Corp": {"Acme Corp"},
	} {
		var got []string
		for _, s := range statementsIn(line) {
			got = append(got, s.holder)
		}
		if !slices.Equal(got, want) {
			t.Errorf("statementsIn(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestHolderEndsAtSpacedDash checks that " - " ends a holder ("Acme Corp -
// Widget Division") while a hyphen inside a name does not, and that a
// line ending in " -" is read.
func TestHolderEndsAtSpacedDash(t *testing.T) {
	for line, want := range map[string][]string{
		" Copyright 2020 Acme Corp - Widget Division": {"Acme Corp"},
		" Copyright 2020 Jean-Luc Roe - Paris":        {"Jean-Luc Roe"},
		" Copyright 2020 Jane Roe -":                  {"Jane Roe"},
	} {
		var got []string
		for _, s := range statementsIn(line) {
			got = append(got, s.holder)
		}
		if !slices.Equal(got, want) {
			t.Errorf("statementsIn(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestStopPhraseAtWordStart checks that a stop phrase ("who ",
// "released", ...) ends a holder only where a word starts: inside a name
// it is part of the name, whatever letter or digit comes before it.
func TestStopPhraseAtWordStart(t *testing.T) {
	for line, want := range map[string][]string{
		" Copyright 2020 Dawho Labs":          {"Dawho Labs"},
		" Copyright 2020 Ozwho Labs":          {"Ozwho Labs"},
		" Copyright 2020 Team0released Co.":   {"Team0released Co."},
		" Copyright 2020 Team9released Co.":   {"Team9released Co."},
		" Copyright 2020 Acme Labs who wrote": {"Acme Labs"},
		// A no-break space (text pasted from a web page) is not part of a
		// word: the stop phrase after it ends the holder.
		" Copyright 2020 Jane Roe\u00a0All rights reserved.": {"Jane Roe"},
	} {
		var got []string
		for _, s := range statementsIn(line) {
			got = append(got, s.holder)
		}
		if !slices.Equal(got, want) {
			t.Errorf("statementsIn(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestLongHolder checks the 100-byte bound on a holder: up to 100 bytes
// it is kept whole, past it cut at the last word that fits.
func TestLongHolder(t *testing.T) {
	name := strings.Repeat("Abcdefghi ", 9) + "Abcdefghij" // 100 bytes
	if got := statementsIn(" Copyright 2020 " + name); len(got) != 1 || got[0].holder != name {
		t.Errorf("100-byte holder: %+v", got)
	}
	long := name + "k Xyz"
	if got := statementsIn(" Copyright 2020 " + long); len(got) != 1 || got[0].holder != strings.Repeat("Abcdefghi ", 9)[:89] {
		t.Errorf("long holder: %+v", got)
	}
}

// TestHolderForms checks the holder a statement names, and where it ends
// (the end of a TOS202 finding's range), for forms around the name: "by"
// before it, an initial's period after it.
func TestHolderForms(t *testing.T) {
	for _, tt := range []struct {
		line, holder, rest string // rest: the line after the holder
	}{
		{" Copyright 2019 by Jane Roe", "Jane Roe", ""},
		{" Copyright (c) 2019 by Jane Roe. All rights reserved.", "Jane Roe", ". All rights reserved."},
		// A trailing period after an initial is punctuation, not part of
		// the name; after an abbreviation it is kept.
		{" Copyright 2021 Pat Q.", "Pat Q", "."},
		{" Copyright 2021 Widget Co.", "Widget Co.", ""},
	} {
		got := statementsIn(tt.line)
		if len(got) != 1 || got[0].holder != tt.holder || tt.line[got[0].end:] != tt.rest {
			t.Errorf("statementsIn(%q) = %+v, want holder %q followed by %q", tt.line, got, tt.holder, tt.rest)
		}
	}
}
