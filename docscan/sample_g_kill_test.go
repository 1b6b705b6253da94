package docscan

import (
	"slices"
	"testing"

	"github.com/toslint/toslint/internal/policy"
)

// Tests for survivors of docscan's second seeded mutant sample, inside
// the package.

// A mark whose first two bytes are not both letters or digits ("Q-Ink",
// "Q 7") is found where it starts, as any other, and so is a protected
// mark's altered form with a hyphen after its first letter ("Q-box").
func TestFindMarkWithPunctuationEarly(t *testing.T) {
	pack := &policy.Pack{Name: "quill", Title: "Quill terms", Trademarks: &policy.Trademarks{
		Owner: "Quillco", TradeNames: []string{"Quillco"},
		Marks: []policy.Mark{
			{Name: "Q-Ink Studio", Kind: policy.Protected},
			{Name: "Q 7 Pad", Kind: policy.Protected},
			{Name: "7Q Reader", Kind: policy.Protected},
			{Name: "Qbox", Kind: policy.Protected},
			{Name: "Aqua Lens", Kind: policy.Protected},
			{Name: "Zinc Pad", Kind: policy.Protected},
		},
	}}
	m := newMatcher(ownersOf([]*policy.Pack{pack}))
	for _, tt := range []struct {
		text  string
		start []int
	}{
		{"Open Q-Ink Studio now", []int{5}},
		{"Q 7 Pad", []int{0}},
		{"the 7Q Reader app", []int{4}},
		{"Q-Inks Studio", nil},
		// Altered forms of a protected mark may split it after its first
		// letter.
		{"Get a Q-box today", []int{6}},
		{"Get a Qbox today", []int{6}},
		{"Get a QBOX today", []int{6}},
		// A protected mark in any letter case, A and Z included.
		{"try aqua lens", []int{4}},
		{"try AQUA LENS", []int{4}},
		{"try zinc pad", []int{4}},
	} {
		if got := findStarts(m, tt.text); !slices.Equal(got, tt.start) {
			t.Errorf("find(%q) starts %v, want %v", tt.text, got, tt.start)
		}
	}
}

// dateIn reads an ISO date of any month, January and December included.
func TestDateInISOMonths(t *testing.T) {
	for s, want := range map[string]int{
		"Released 2023-01-05": 20230105,
		"Released 2023-12-31": 20231231,
		"Released 2023-13-01": 0,
		"Released 2023-00-10": 0,
	} {
		if got := dateIn(s); got != want {
			t.Errorf("dateIn(%q) = %d, want %d", s, got, want)
		}
	}
}
