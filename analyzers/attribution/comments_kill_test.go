package attribution

// The comment lexer at the edges of a file: what a header looks like to
// the analyzer when a file is empty-commented, truncated, or starts with
// code. (Written from mutants scripts/mutation.sh found alive.)

import (
	"slices"
	"strings"
	"testing"
)

func TestFileCommentsEdges(t *testing.T) {
	tests := []struct {
		name, src string
		groups    []string // each group's comments, joined by |
		first     int      // offset of the first token that is not a comment
	}{
		{"code at offset 0", "package x\n// Copyright 2020 A\nvar y = 1\n", []string{"// Copyright 2020 A"}, 0},
		{"empty block comment", "/**/\npackage x\n", []string{"/**/"}, 5},
		{"empty raw string", "package x\nvar s = ``\n// Copyright 2020 A\n", []string{"// Copyright 2020 A"}, 0},
		{"unterminated block", "package x\n/* Copyright 2020 A", []string{"/* Copyright 2020 A"}, 0},
		{"ends in a slash", "// Copyright 2020 A\npackage x /", []string{"// Copyright 2020 A"}, 20},
		{"adjacent lines group", "// a\n// b\n\n// c\npackage x\n", []string{"// a|// b", "// c"}, 16},
		{"only comments", "// a\n", []string{"// a"}, 5},
		{"unterminated string at the end", "// a\npackage x\nvar s = \"abc", []string{"// a"}, 5},
		{"string ends at the newline", "package x\nvar s = \"abc\n// Copyright 2020 A\n", []string{"// Copyright 2020 A"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups, first := fileComments([]byte(tt.src), false)
			var got []string
			for _, g := range groups {
				s := ""
				for i, c := range g.list {
					if i > 0 {
						s += "|"
					}
					s += c.text
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.groups) || first != tt.first {
				t.Errorf("fileComments(%q) = %q, %d; want %q, %d", tt.src, got, first, tt.groups, tt.first)
			}
		})
	}
}

// TestUnquotedLinesBlanking checks what a quoted example of a notice
// leaves of a comment: the whole quotation, quote marks included, turns
// to spaces (so no statement is read there), and every other byte stays
// where it was (so the statements after it are reported at their place).
func TestUnquotedLinesBlanking(t *testing.T) {
	tests := []struct {
		name   string
		lines  []string // the lines of one // comment group, without "//"
		blanks []string // the quotations blanked, in order
	}{
		{"ASCII quotes, text on both sides",
			[]string{` Old headers "Copyright 2019 Pat Doe" go; Copyright 2021 Jane Roe`},
			[]string{`"Copyright 2019 Pat Doe"`}},
		{"curly quotes",
			[]string{` Write “Copyright © 2020 Pat Doe” at the top`},
			[]string{`“Copyright © 2020 Pat Doe”`}},
		{"a notice word just before the closing quote",
			[]string{` A statement starts with "Copyright" or "©".`},
			[]string{`"Copyright"`, `"©"`}},
		{"backticks",
			[]string{" Matches `SPDX-License-Identifier: MIT` lines"},
			[]string{"`SPDX-License-Identifier: MIT`"}},
		{"across lines",
			[]string{` Such as "Licensed under the`, ` MIT License" in a header`},
			[]string{`"Licensed under the`, ` MIT License"`}},
		{"a quotation without notice words stays",
			[]string{` Provided "AS IS", see the "License"`},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ""
			for _, l := range tt.lines {
				src += "//" + l + "\n"
			}
			groups, _ := fileComments([]byte(src+"package x\n"), false)
			if len(groups) != 1 {
				t.Fatalf("%d groups", len(groups))
			}
			want := slices.Clone(tt.lines)
			b := 0
			for i := range want {
				for b < len(tt.blanks) && strings.Contains(want[i], tt.blanks[b]) {
					want[i] = strings.Replace(want[i], tt.blanks[b], strings.Repeat(" ", len(tt.blanks[b])), 1)
					b++
				}
			}
			var got []string
			for _, l := range groups[0].unquotedLines() {
				got = append(got, l.text)
			}
			if !slices.Equal(got, want) {
				t.Errorf("unquotedLines\n got %q\nwant %q", got, want)
			}
		})
	}
}
