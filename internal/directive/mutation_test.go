package directive_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/toslint/toslint/internal/directive"
)

// Unmatched feeds TOS004 ("suppresses nothing here"), so its order is
// what a user reads: by file, then line, whatever order the files were
// scanned and their directives added in.
func TestUnmatchedSorted(t *testing.T) {
	set := directive.NewSet()
	ignore := func(file string, line int) *directive.Directive {
		return &directive.Directive{Kind: directive.Ignore, Rules: []string{"TOS101"}, Reason: "r",
			File: file, Line: line, Col: 2, From: line, To: line}
	}
	// Two passes over b.go (the package and its test variant) add their
	// directives separately, the later pass with an earlier line.
	set.Add(ignore("b.go", 30), ignore("b.go", 12))
	set.Add(ignore("a.go", 40))
	set.Add(ignore("b.go", 4))
	set.Add(ignore("a.go", 7))
	if set.Match("TOS101", "b.go", 12) == nil {
		t.Fatal("b.go:12 not matched")
	}
	var got []string
	for _, d := range set.Unmatched(nil) {
		got = append(got, d.File+":"+strconv.Itoa(d.Line))
	}
	if want := []string{"a.go:7", "a.go:40", "b.go:4", "b.go:30"}; !slices.Equal(got, want) {
		t.Errorf("Unmatched = %v, want %v", got, want)
	}
}
