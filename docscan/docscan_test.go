package docscan_test

import (
	"context"
	"flag"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toslint/toslint/docscan"
	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/directive"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite golden files")

// scanDir scans dir with the .toslint.yml inside it (or the defaults) and
// renders findings and directive problems one a line, paths relative.
func scanDir(t *testing.T, dir string) string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	pol := policyFor(t, abs)
	set := directive.NewSet()
	res, err := docscan.Scan(context.Background(), pol, docscan.Options{Root: abs, Jobs: 2, Directives: set})
	if err != nil {
		t.Fatal(err)
	}
	fs := res.Findings
	for i := range fs {
		if d := set.Match(fs[i].Rule, fs[i].Pos.Filename, fs[i].Pos.Line); d != nil {
			fs[i].Suppressed = &report.Suppression{Reason: d.Reason}
		}
	}
	for _, p := range set.Problems() {
		fs = append(fs, report.Finding{Rule: p.Rule, Pos: token.Position{Filename: p.File, Line: p.Line, Column: p.Col}, Message: p.Msg})
	}
	report.Sort(fs)
	report.Relativize(fs, abs)
	var b strings.Builder
	for _, f := range fs {
		sup := ""
		if f.Suppressed != nil {
			sup = fmt.Sprintf(" (suppressed: %s)", f.Suppressed.Reason)
		}
		fmt.Fprintf(&b, "%s: %s %s%s\n", f.Pos, f.Rule, f.Message, sup)
	}
	return b.String()
}

func policyFor(t *testing.T, dir string) *policy.Policy {
	t.Helper()
	cfg := filepath.Join(dir, ".toslint.yml")
	var (
		pol *policy.Policy
		err error
	)
	if _, statErr := os.Stat(cfg); statErr == nil {
		pol, err = config.Load(cfg)
	} else {
		pol, err = config.Default(dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return pol
}

// TestRepos scans each fixture repository under testdata/repos and
// compares with testdata/repos/<name>.golden.
func TestRepos(t *testing.T) {
	dirs, err := os.ReadDir("testdata/repos")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		t.Run(d.Name(), func(t *testing.T) {
			got := scanDir(t, filepath.Join("testdata/repos", d.Name()))
			testutil.CheckGolden(t, filepath.Join("testdata/repos", d.Name()+".golden"), []byte(got), *update)
		})
	}
}

func TestOversizeFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("x\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".toslint.yml"), []byte("max_file_size: 64\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.md"), []byte(strings.Repeat("word ", 100)), 0o644)
	os.WriteFile(filepath.Join(dir, "small.md"), []byte("# ok\n"), 0o644)
	got := scanDir(t, dir)
	want := "big.md: TOS001 not scanned: file is 500 bytes, over the 64 bytes limit (raise max_file_size in .toslint.yml to scan it)\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestSymlinks(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("# elsewhere\n"), 0o644)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("x\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# top\n"), 0o644)
	for _, l := range []struct{ target, name string }{
		{filepath.Join(outside, "secret.md"), "out.md"},
		{"README.md", "in.md"},
		{"missing.md", "broken.md"},
		{dir, "loop"}, // a directory link back to the root: not followed
	} {
		if err := os.Symlink(l.target, filepath.Join(dir, l.name)); err != nil {
			t.Skip("symlinks not supported:", err)
		}
	}
	got := scanDir(t, dir)
	if !strings.Contains(got, "out.md: TOS001 not scanned: symbolic link to "+filepath.Join(outside, "secret.md")) {
		t.Errorf("link out of the repository not reported:\n%s", got)
	}
	if !strings.Contains(got, "broken.md: TOS001 not scanned: broken symbolic link") {
		t.Errorf("broken link not reported:\n%s", got)
	}
	if strings.Contains(got, "in.md") || strings.Contains(got, "loop") {
		t.Errorf("links inside the repository must be quiet:\n%s", got)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	abs, _ := filepath.Abs("testdata/repos/no-license")
	pol, _ := config.Default(abs)
	res, err := docscan.Scan(ctx, pol, docscan.Options{Root: abs})
	if err != nil {
		t.Fatalf("a cancelled scan returns what it found, not an error: %v", err)
	}
	if !res.Incomplete || res.Scanned != 0 || len(res.Findings) != 0 {
		t.Errorf("cancelled before it started: want incomplete, nothing scanned or found; got incomplete=%v scanned=%d findings=%v",
			res.Incomplete, res.Scanned, res.Findings)
	}
}

func TestGitIgnore(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	for name, body := range map[string]string{
		"LICENSE": "x\n", ".gitignore": "build/\n*.tmp.md\n",
		"README.md": "# top\n", "build/out.md": "binary\x00\n", "notes.tmp.md": "binary\x00\n", "docs/a.md": "# a\n",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	if got := scanDir(t, dir); got != "" {
		t.Errorf("ignored files were scanned:\n%s", got)
	}
}
