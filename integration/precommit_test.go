package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// repoRoot is this repository (the hook repository under test).
func repoRoot(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

func run(t *testing.T, dir string, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.test", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.test")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestPreCommit runs `pre-commit try-repo` against this repository in a
// throwaway git repository: a staged violation blocks the commit, a clean
// change passes. pre-commit builds the hook with `go install` (language:
// golang), through the module proxy.
func TestPreCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("installs the hook with go install")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit not installed (.ci/run installs Debian's)")
	}
	hooks := repoRoot(t)
	dir := t.TempDir()
	t.Setenv("PRE_COMMIT_HOME", filepath.Join(dir, ".cache"))
	user := filepath.Join(dir, "user")
	must(t, os.MkdirAll(user, 0o755))
	for _, c := range [][]string{{"init", "-q", "-b", "main"}, {"config", "commit.gpgsign", "false"}} {
		if out, err := run(t, user, "git", c...); err != nil {
			t.Fatalf("git %v: %v %s", c, err, out)
		}
	}
	must(t, os.WriteFile(filepath.Join(user, "LICENSE"), []byte("x\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(user, "good.md"), []byte("# Notes\n\nMicrosoft Defender for Endpoint is the product we call.\n"), 0o644))
	run(t, user, "git", "add", ".")
	out, err := run(t, user, "pre-commit", "try-repo", hooks, "toslint-docs", "--files", "good.md")
	if err != nil {
		t.Fatalf("clean file failed the hook: %v\n%s", err, out)
	}
	must(t, os.WriteFile(filepath.Join(user, "bad.md"), []byte("# Notes\n\nWe still call Windows Defender ATP.\n"), 0o644))
	run(t, user, "git", "add", "bad.md")
	out, err = run(t, user, "pre-commit", "try-repo", hooks, "toslint-docs", "--files", "bad.md")
	if err == nil {
		t.Fatalf("the staged violation passed the hook:\n%s", out)
	}
	if !strings.Contains(out, "bad.md:3:15: retired name `Windows Defender ATP`") {
		t.Errorf("hook output lacks the finding:\n%s", out)
	}
}

// must stops the test on a setup error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
