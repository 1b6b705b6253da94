package docscan_test

// Tests written to kill mutants that scripts/mutation-covered.sh found
// alive, through the scanner as a user runs it: a small repository in a
// temporary directory, scanned with the default policy.

import (
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/testutil"
)

// scanFiles writes files (slash paths) into a new directory with a
// LICENSE and returns scanDir's rendering of its findings.
func scanFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["LICENSE"]; !ok {
		files["LICENSE"] = "license text\n"
	}
	testutil.WriteTree(t, dir, files)
	return scanDir(t, dir)
}

func wantLines(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
}

// An image whose alt text names the owner's logo is reported even when
// its file name says nothing.
func TestLogoInAltText(t *testing.T) {
	got := scanFiles(t, map[string]string{"docs/page.md": "# Page\n\n![Windows logo](images/brand.png)\n"})
	wantLines(t, got, "docs/page.md:3:1: TOS408 image `images/brand.png` looks like a Microsoft logo or badge")
}

// Every image of an HTML block is checked, not only the first.
func TestLogosInOneHTMLBlock(t *testing.T) {
	got := scanFiles(t, map[string]string{"docs/page.md": "# Page\n\n<p><img src=\"a/intro.png\"> <img src=\"b/azure-icon.svg\"></p>\n"})
	wantLines(t, got, "docs/page.md:3:28: TOS408 image `b/azure-icon.svg`")
}

// A directive that follows another comment in the same HTML block still
// applies.
func TestDirectiveSecondCommentOfBlock(t *testing.T) {
	got := scanFiles(t, map[string]string{"docs/page.md": "# Page\n\n<!-- draft --> <!-- toslint-disable-next-line TOS408 -- used with permission -->\n![Windows logo](images/brand.png)\n"})
	wantLines(t, got, "docs/page.md:4:1: TOS408 image `images/brand.png` looks like a Microsoft logo or badge: the content licenses grant no rights to the owner's logos (suppressed: used with permission)")
}

// "Adapted from" governs a link up to six words after it: the words of
// the link's own text are not counted.
func TestProvenanceSixWordsToLink(t *testing.T) {
	got := scanFiles(t, map[string]string{"docs/page.md": "# Page\n\nAdapted from one two three four five six [the page](https://learn.microsoft.com/x/y) today.\n"})
	wantLines(t, got, `("Adapted from" and a link to learn.microsoft.com)`)
}

// "Adapted from" followed by an autolink that ends the paragraph is
// provenance too (it was missed: the link starts after the run's last
// byte of text, the space before it).
func TestProvenanceAutolinkEndsParagraph(t *testing.T) {
	for _, page := range []string{
		"# Page\n\nAdapted from <https://learn.microsoft.com/x/y>\n",
		"# Page\n\nAdapted from <https://learn.microsoft.com/x/y>\n\nMore text.\n",
	} {
		got := scanFiles(t, map[string]string{"docs/page.md": page})
		wantLines(t, got, `docs/page.md:3:14: TOS309 page looks reused from Microsoft content ("Adapted from" and a link to learn.microsoft.com)`)
	}
}

// A link in the next paragraph is not governed by "Adapted from".
func TestProvenanceNotAcrossParagraphs(t *testing.T) {
	got := scanFiles(t, map[string]string{"docs/page.md": "# Page\n\nAdapted from the manual\n\n<https://learn.microsoft.com/x/y>\n"})
	if strings.Contains(got, "TOS309") {
		t.Errorf("provenance across paragraphs:\n%s", got)
	}
}
