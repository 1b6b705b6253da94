package docscan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/toslint/toslint/docscan"
	"github.com/toslint/toslint/internal/testutil"
)

// Every provenance phrase of a run is tried: "Based on" ending its
// sentence does not hide "Adapted from" and its link after it.
func TestProvenanceSecondPhraseOfRun(t *testing.T) {
	got := scanFiles(t, map[string]string{"docs/page.md": "# Page\n\nBased on our notes. Adapted from [the page](https://learn.microsoft.com/x/y).\n"})
	if !strings.Contains(got, "TOS309") {
		t.Errorf("no TOS309 in\n%s", got)
	}
}

// A retired name broken across two lines is reported without a fix (the
// text, with a space, is not the source's bytes), with front matter on
// the page or not.
func TestRetiredNameAcrossLinesNoFix(t *testing.T) {
	for _, page := range []string{
		"# Page\n\nSign in with Azure\nAD today.\n",
		"---\ntitle: Page\n---\n\nSign in with Azure\nAD today.\n",
	} {
		dir := t.TempDir()
		testutil.WriteTree(t, dir, map[string]string{"LICENSE": "license text\n", "page.md": page})
		res, err := docscan.Scan(context.Background(), policyFor(t, dir), docscan.Options{Root: dir, Jobs: 1})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range res.Findings {
			if f.Rule == "TOS402" {
				found = true
				if len(f.Fixes) != 0 {
					t.Errorf("%q: fix %+v for a name across lines", page, f.Fixes)
				}
			}
		}
		if !found {
			t.Errorf("%q: no TOS402 in %+v", page, res.Findings)
		}
	}
}
