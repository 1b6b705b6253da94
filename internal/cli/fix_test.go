package cli

import (
	"bytes"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/toslint/toslint/internal/report"
)

func TestApplyFixes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.md")
	src := "Use Windows Store and Azure Sentinel here.\n"
	if err := os.WriteFile(file, []byte(src), 0o640); err != nil {
		t.Fatal(err)
	}
	edit := func(start, end int, s string) []report.Fix {
		return []report.Fix{{Message: "Replace", Edits: []report.Edit{{File: file, Start: start, End: end, New: s}}}}
	}
	fs := []report.Finding{
		{Rule: "TOS402", Pos: token.Position{Filename: file, Line: 1, Column: 5}, Fixes: edit(4, 17, "Microsoft Store")},
		{Rule: "TOS402", Pos: token.Position{Filename: file, Line: 1, Column: 22}, Fixes: edit(22, 36, "Microsoft Sentinel")},
		{Rule: "TOS401", Pos: token.Position{Filename: file, Line: 1, Column: 5}, Fixes: edit(4, 11, "WINDOWS")}, // overlaps the first
		{Rule: "TOS402", Pos: token.Position{Filename: file, Line: 1, Column: 1}, Fixes: edit(0, 3, "X"),
			Suppressed: &report.Suppression{Reason: "kept"}},
		{Rule: "TOS301", Pos: token.Position{Filename: file, Line: 1, Column: 1}},
	}
	var stderr bytes.Buffer
	rest, err := applyFixes(fs, dir, dir, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(file)
	if want := "Use Microsoft Store and Microsoft Sentinel here.\n"; string(got) != want {
		t.Errorf("file = %q, want %q", got, want)
	}
	var rules []string
	for _, f := range rest {
		rules = append(rules, f.Rule)
	}
	if diff := cmp.Diff([]string{"TOS401", "TOS402", "TOS301"}, rules); diff != "" {
		t.Errorf("remaining findings (-want +got):\n%s", diff)
	}
	st, _ := os.Stat(file)
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640 kept", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	// A run with nothing left to fix leaves the file alone.
	if _, err := applyFixes([]report.Finding{{Rule: "TOS301"}}, dir, dir, &stderr); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(file)
	if !bytes.Equal(again, got) {
		t.Error("a run without fixes changed the file")
	}
}

func TestFixOutOfRange(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.md")
	os.WriteFile(file, []byte("short\n"), 0o644)
	fs := []report.Finding{{Rule: "TOS402", Fixes: []report.Fix{{Edits: []report.Edit{{File: file, Start: 3, End: 99, New: "x"}}}}}}
	rest, err := applyFixes(fs, dir, dir, &bytes.Buffer{})
	if err != nil || len(rest) != 1 {
		t.Errorf("out-of-range fix: rest %d, err %v", len(rest), err)
	}
	if got, _ := os.ReadFile(file); string(got) != "short\n" {
		t.Errorf("file changed: %q", got)
	}
}

func TestParseNameStatus(t *testing.T) {
	// As git diff --name-status -z -M prints it: no quoting, so names
	// with spaces, quotes, tabs and non-ASCII letters come through as is.
	out := "M\x00a.go\x00R087\x00old name.md\x00docs/new \"q\"\tn\u00e4me.md\x00D\x00gone.md\x00C100\x00x.md\x00y.md\x00A\x00new.md\x00"
	got, err := parseNameStatus(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"old name.md": "docs/new \"q\"\tn\u00e4me.md"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if _, err := parseNameStatus("R100\x00only-one\x00"); err == nil {
		t.Error("truncated rename accepted")
	}
}
