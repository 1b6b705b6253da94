package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/cli"
)

func runIn(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), args, &out, &errb)
	return out.String() + errb.String(), code
}

// TestBaseline records the current findings, then reports only new ones:
// moving a known line keeps it hidden, a copy of it is new.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"LICENSE": "x\n", "a.md": "# A\n\nWe used Windows Defender ATP.\n"})
	t.Chdir(dir)
	base := filepath.Join(dir, "baseline.json")
	if out, code := runIn(t, "check", "-write-baseline", base); code != 0 || !strings.Contains(out, "recorded 1 finding in") {
		t.Fatalf("write-baseline: exit %d: %s", code, out)
	}
	if out, code := runIn(t, "check", "-baseline", base); code != 0 || out != "toslint: no new findings in 0 packages and 2 documents; 1 in the baseline\n" {
		t.Errorf("with the baseline: exit %d: %s", code, out)
	}
	// Move the line down and add a copy: only the copy is new.
	writeTree(t, dir, map[string]string{"a.md": "# A\n\nIntro.\n\nWe used Windows Defender ATP.\n\nWe used Windows Defender ATP.\n"})
	out, code := runIn(t, "check", "-baseline", base)
	if code != 1 || strings.Count(out, "[TOS402]") != 1 {
		t.Errorf("after the edit: exit %d:\n%s", code, out)
	}
	if _, code := runIn(t, "check", "-baseline", filepath.Join(dir, "missing.json")); code != 2 {
		t.Errorf("missing baseline: exit %d, want 2", code)
	}
	must(t, os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{}"), 0o644))
	if _, code := runIn(t, "check", "-baseline", filepath.Join(dir, "bad.json")); code != 2 {
		t.Errorf("bad baseline: exit %d, want 2", code)
	}
}

// TestMergeBase checks -new-from-merge-base, and that repository-level
// findings count as new only when their verdict changes.
func TestMergeBase(t *testing.T) {
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	writeTree(t, dir, map[string]string{"README.md": "# Top\n", "a.md": "Old: Azure Sentinel.\n", "x.go": "package x\n"})
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "base")
	git(t, dir, "checkout", "-q", "-b", "feature")
	writeTree(t, dir, map[string]string{"x.go": "package x\n\n// F is new.\nfunc F() {}\n"})
	git(t, dir, "commit", "-qam", "code only")
	t.Chdir(dir)
	if out, code := runIn(t, "check", "-q", "-new-from-merge-base", "main"); code != 0 || out != "" {
		t.Errorf("code-only change: exit %d:\n%s", code, out)
	}
	writeTree(t, dir, map[string]string{"a.md": "Old: Azure Sentinel.\nNew: Windows Defender ATP.\n"})
	git(t, dir, "commit", "-qam", "docs")
	out, code := runIn(t, "check", "-q", "-new-from-merge-base", "main")
	if code != 1 || !strings.Contains(out, "a.md:2:6") || strings.Contains(out, "a.md:1:") || strings.Contains(out, "[TOS301]") {
		t.Errorf("docs change: want the new line only (TOS301 held in the base too):\n%s", out)
	}
	// A repository-level finding is new when its verdict changes.
	writeTree(t, dir, map[string]string{"LICENSE": "Text.\n"})
	git(t, dir, "add", "LICENSE")
	git(t, dir, "commit", "-qm", "license")
	os.Remove(filepath.Join(dir, "LICENSE"))
	if out, code := runIn(t, "check", "-q", "-new-from-rev", "HEAD"); code != 1 || !strings.Contains(out, "[TOS301]") {
		t.Errorf("license removed: want TOS301 as new:\n%s", out)
	}
	if _, code := runIn(t, "check", "-new-from-merge-base", "nope"); code != 2 {
		t.Errorf("unknown branch: exit %d", code)
	}
}
