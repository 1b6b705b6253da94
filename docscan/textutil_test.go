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
	m := newMatcher(ownersOf(defaultPolicy().Packs()))
	hits := 0
	for i := range 1 << 16 {
		for _, s := range []string{string([]byte{byte(i >> 8), byte(i)}), string([]byte{byte(i >> 8)})} {
			got, want := m.anchors.at(s), m.byAnchor[anchorOf(s)]
			if got != want {
				t.Fatalf("at(%q) = %v, byAnchor = %v", s, got, want)
			}
			if got != nil {
				hits++
			}
		}
	}
	if hits == 0 {
		t.Fatal("no anchor found: the test checks nothing")
	}
}
