package docscan_test

import (
	"strings"
	"testing"
)

// Every provenance phrase of a run is tried: "Based on" ending its
// sentence does not hide "Adapted from" and its link after it.
func TestProvenanceSecondPhraseOfRun(t *testing.T) {
	got := scanFiles(t, map[string]string{"docs/page.md": "# Page\n\nBased on our notes. Adapted from [the page](https://learn.microsoft.com/x/y).\n"})
	if !strings.Contains(got, "TOS309") {
		t.Errorf("no TOS309 in\n%s", got)
	}
}
