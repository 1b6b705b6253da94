package attribution

import (
	"slices"
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
