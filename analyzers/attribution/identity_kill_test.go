package attribution

import (
	"slices"
	"testing"
)

// TestSentenceEnds checks where a period ends a holder: before a capital
// after a space, not inside a word ("Acme.Com") or before a lowercase word.
func TestSentenceEnds(t *testing.T) {
	for line, want := range map[string][]string{
		" Copyright 2019 Jane Roe. Some more text here": {"Jane Roe"},
		" Copyright 2019 Acme.Com Labs":                 {"Acme.Com Labs"},
		" Copyright 2019 Jane Roe. and friends":         {"Jane Roe. and friends"},
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

// TestDistinctiveWords checks the words that tie a holder to the module:
// four letters or more, not a common word; for a module path, the host's
// name and the owner and repository after it.
func TestDistinctiveWords(t *testing.T) {
	if got := tokens("acme widget-go abc labs"); !slices.Equal(got, []string{"acme", "widget"}) {
		t.Errorf("tokens = %q", got)
	}
	for path, want := range map[string][]string{
		"github.com/acme/widget":    {"acme", "widget"},
		"example.com":               {"example"},
		"honnef.co/go/tools/lint":   {"honnef"},
		"gitlab.com/acme-labs/tool": {"acme", "tool"},
	} {
		if got := pathTokens(path); !slices.Equal(got, want) {
			t.Errorf("pathTokens(%q) = %q, want %q", path, got, want)
		}
	}
}
