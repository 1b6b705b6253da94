package docscan

import (
	"strings"
	"testing"
)

func TestContainsFoldASCII(t *testing.T) {
	for _, c := range []struct {
		s, lower string
		want     bool
	}{
		{"", "", true}, {"abc", "", true}, {"", "a", false},
		{"Made by MICROSOFT.", "microsoft", true}, {"Made by Microsoft", "microsoft", true},
		{"mmmmmM microsof", "microsoft", false}, {"microsof", "microsoft", false},
		{"an Officially supported", "official", true}, {"off-icial", "official", false},
		{"über Microsoft", "microsoft", true}, {"1password", "1pass", true},
	} {
		if got := containsFoldASCII(c.s, c.lower); got != c.want {
			t.Errorf("containsFoldASCII(%q, %q) = %v", c.s, c.lower, got)
		}
		if got := strings.Contains(strings.ToLower(c.s), c.lower); got != c.want {
			t.Errorf("test case wrong: strings.ToLower agrees %v on %q", got, c.s)
		}
	}
}

func TestAnchorTable(t *testing.T) {
	m := newMatcher(defaultPolicy().Packs())
	for _, s := range []string{"Mi", "mi", "Az", "Wi", "Po", "x", "A-", "-a", "zz", "9a", "é"} {
		if got, want := m.anchors.at(s), m.byAnchor[anchorOf(s)]; got != want {
			t.Errorf("at(%q) = %v, byAnchor = %v", s, got, want)
		}
	}
}
