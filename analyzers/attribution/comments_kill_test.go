package attribution

// The comment lexer at the edges of a file: what a header looks like to
// the analyzer when a file is empty-commented, truncated, or starts with
// code. (Written from mutants scripts/mutation.sh found alive.)

import (
	"slices"
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
