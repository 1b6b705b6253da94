package docscan_test

import (
	"strings"
	"testing"
)

// Tests for survivors of docscan's second seeded mutant sample
// (scripts/mutation-covered.sh docscan 300 16, after the first kills).

// A claim that opens a sentence is about the page's subject, whatever
// ends the sentence before it: the sentence starts right after its '.',
// '!' or '?', not a character earlier or later.
func TestClaimOpensSentence(t *testing.T) {
	for _, end := range []string{".", "!", "?"} {
		page := "# Relay\n\nThe relay ships weekly" + end + " Microsoft-endorsed builds come first.\n"
		got := scanFiles(t, map[string]string{"docs/page.md": page})
		wantLines(t, got, "docs/page.md:3:25: TOS407 claim of endorsement or affiliation `Microsoft-endorsed`")
	}
	// A sentence that opens otherwise, after a self-reference in the one
	// before, is not about the project.
	got := scanFiles(t, map[string]string{"docs/page.md": "# Relay\n\nAsk us. Use the official Microsoft build of OpenJDK.\n"})
	if strings.Contains(got, "TOS407") {
		t.Errorf("a claim about another product was reported:\n%s", got)
	}
}
