package cli

import (
	"bytes"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/rule"
	"github.com/toslint/toslint/internal/testenv"
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
	must(t, os.WriteFile(file, []byte("short\n"), 0o644))
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

// fixOf is a finding whose fix replaces bytes [start, end) of file.
func fixOf(file string, start, end int, s string) report.Finding {
	return report.Finding{Rule: "TOS402", Pos: token.Position{Filename: file, Line: 1, Column: start + 1}, Message: "retired name",
		Fixes: []report.Fix{{Message: "Replace", Edits: []report.Edit{{File: file, Start: start, End: end, New: s}}}}}
}

// TestFixRefusals checks that symbolic links, hard links, read-only files
// and files outside the repository are not rewritten, that their findings
// say why, and that the other files are fixed.
func TestFixRefusals(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	const src = "Old name here.\n"
	write := func(dir, name string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write(root, "good.md", 0o644)
	target := write(root, "target.md", 0o644)
	link := filepath.Join(root, "link.md")
	must(t, os.Symlink(target, link))
	hard := write(root, "hard.md", 0o644)
	must(t, os.Link(hard, filepath.Join(root, "hard2.md")))
	ro := write(root, "ro.md", 0o444)
	out := write(outside, "out.md", 0o644)
	var fs []report.Finding
	for _, f := range []string{good, link, hard, ro, out} {
		fs = append(fs, fixOf(f, 0, 3, "New"))
	}
	var stderr bytes.Buffer
	rest, err := applyFixes(fs, root, root, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(good); string(got) != "New name here.\n" {
		t.Errorf("good.md = %q", got)
	}
	for _, f := range []string{target, hard, ro, out} {
		if got, _ := os.ReadFile(f); string(got) != src {
			t.Errorf("%s changed: %q", f, got)
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.md is no longer a symbolic link")
	}
	want := map[string]string{
		link: "(not fixed: it is a symbolic link; fix the file it points to)",
		hard: "(not fixed: it has 2 hard links, and rewriting one would split them)",
		ro:   "(not fixed: it is read-only)",
		out:  "(not fixed: it is outside the repository)",
	}
	if len(rest) != len(want) {
		t.Fatalf("%d findings remain, want %d: %+v", len(rest), len(want), rest)
	}
	for _, f := range rest {
		if w := want[f.Pos.Filename]; !strings.HasSuffix(f.Message, w) {
			t.Errorf("%s: message %q, want it to end %q", f.Pos.Filename, f.Message, w)
		}
	}
	if !strings.Contains(stderr.String(), "fixed 1 finding in good.md") {
		t.Errorf("stderr: %s", stderr.String())
	}
}

// TestFixKeepsOwner checks, as root, that a rewritten file keeps its owner
// and group.
func TestFixKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file another owner") // CI runs as root
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	must(t, os.WriteFile(p, []byte("Old name.\n"), 0o640))
	if err := os.Chown(p, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if _, err := applyFixes([]report.Finding{fixOf(p, 0, 3, "New")}, dir, dir, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	sys := st.Sys().(*syscall.Stat_t)
	if sys.Uid != 65534 || sys.Gid != 65534 || st.Mode().Perm() != 0o640 {
		t.Errorf("owner %d:%d mode %v, want 65534:65534 0640", sys.Uid, sys.Gid, st.Mode().Perm())
	}
}

// TestFixTransaction checks that when one file cannot be written (its
// directory is not writable), no file is changed and no temporary file is
// left. It runs as an unprivileged user (root writes everywhere).
func TestFixTransaction(t *testing.T) {
	if !testenv.Unprivileged(t) {
		return
	}
	root := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(root, "a"), 0o755))
	must(t, os.MkdirAll(filepath.Join(root, "b"), 0o755))
	one := filepath.Join(root, "a", "one.md")
	two := filepath.Join(root, "b", "two.md")
	must(t, os.WriteFile(one, []byte("Old one.\n"), 0o644))
	must(t, os.WriteFile(two, []byte("Old two.\n"), 0o644))
	if err := os.Chmod(filepath.Join(root, "b"), 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(root, "b"), 0o755)
	_, err := applyFixes([]report.Finding{fixOf(one, 0, 3, "New"), fixOf(two, 0, 3, "New")}, root, root, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "no file was changed") || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("error = %v", err)
	}
	for _, f := range []string{one, two} {
		if got, _ := os.ReadFile(f); !strings.HasPrefix(string(got), "Old") {
			t.Errorf("%s changed: %q", f, got)
		}
	}
	for _, d := range []string{"a", "b"} {
		if entries, _ := os.ReadDir(filepath.Join(root, d)); len(entries) != 1 {
			t.Errorf("%s: temporary files left: %v", d, entries)
		}
	}
}

// must stops the test on a setup error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestToolErrorExit checks that a finding marking a tool error (an
// internal error reported as TOS001, a package that did not load) makes
// the run exit 2 even below the fail level, and that an interrupted run
// exits 130.
func TestToolErrorExit(t *testing.T) {
	pol, err := config.Default(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cf := &checkFlags{format: "text", failOn: "error"}
	warn := report.Finding{Rule: "TOS001", Severity: rule.Warning, Pos: token.Position{Filename: "a.md"}, Message: "not scanned: internal error"}
	for _, c := range []struct {
		res  runResult
		want int
	}{
		{runResult{findings: []report.Finding{warn}}, ExitOK},
		{runResult{findings: []report.Finding{func() report.Finding { f := warn; f.ToolError = true; return f }()}}, ExitError},
		{runResult{findings: []report.Finding{warn}, incomplete: true}, ExitInterrupted},
	} {
		var stdout, stderr bytes.Buffer
		code, err := writeOutputs(cf, t.TempDir(), &c.res, pol, &stdout, &stderr)
		if err != nil || code != c.want {
			t.Errorf("%+v: exit %d, %v; want %d", c.res, code, err, c.want)
		}
	}
}
