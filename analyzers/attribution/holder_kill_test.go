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
