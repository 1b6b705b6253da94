package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommit runs both hooks of .pre-commit-hooks.yaml with `pre-commit
// run` in a Go repository holding Go and Markdown files, the way
// pre-commit passes files: named files, every file (--all-files), and
// files the hook does not take. The hooks come from a clone of this
// repository at HEAD (commit first: uncommitted changes are not in it);
// pre-commit builds them once with `go install` (language: golang)
// through the module proxy, and every case reuses that build.
func TestPreCommit(t *testing.T) {
	integration(t)
	preCommit := tool(t, "pre-commit", "apt-get install pre-commit")
	dir := t.TempDir()
	t.Setenv("PRE_COMMIT_HOME", filepath.Join(dir, ".cache"))
	hooks := filepath.Join(dir, "hooks")
	if out, err := run(t, dir, "git", "clone", "-q", "--no-local", repoRoot(t), hooks); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	rev, err := run(t, hooks, "git", "rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	user := filepath.Join(dir, "user")
	writeTree(t, user, map[string]string{
		".pre-commit-config.yaml": "repos:\n  - repo: " + hooks + "\n    rev: " + strings.TrimSpace(rev) + "\n    hooks:\n      - id: toslint\n      - id: toslint-docs\n",
		"go.mod":                  "module example.test/user\n\ngo 1.22\n",
		"LICENSE":                 "MIT License\n\nCopyright (c) 2026 Example Corp\n",
		"README.md":               "# User\n\nA tool that reads Microsoft Defender for Endpoint alerts.\n",
		"main.go":                 "package main\n\nfunc main() {}\n",
		"sync/sync.go":            "package sync\n\nimport \"net/http\"\n\n// All fetches every machine.\nfunc All(ids []string) {\n\tfor _, id := range ids {\n\t\thttp.Get(\"https://api.security.microsoft.com/api/machines/\" + id)\n\t}\n}\n",
		"docs/good.md":            "# Notes\n\nMicrosoft Defender for Endpoint is the product we call.\n",
		"docs/bad.md":             "# Notes\n\nWe still call Windows Defender ATP.\n",
	})
	for _, c := range [][]string{{"init", "-q", "-b", "main"}, {"config", "commit.gpgsign", "false"}, {"add", "."}} {
		if out, err := run(t, user, "git", c...); err != nil {
			t.Fatalf("git %v: %v %s", c, err, out)
		}
	}
	if out, err := run(t, user, preCommit, "install-hooks"); err != nil {
		t.Fatalf("pre-commit install-hooks: %v\n%s", err, out)
	}
	const goFinding = "sync/sync.go:7:2: loop calls the mde API"
	const mdFinding = "docs/bad.md:3:15: retired name `Windows Defender ATP`"
	cases := []struct {
		name     string
		args     []string
		pass     bool
		want     []string
		dontWant []string
	}{
		{"clean files", []string{"toslint", "--files", "main.go", "docs/good.md", "LICENSE", "README.md", "go.mod"}, true, nil, nil},
		{"a Go and a Markdown violation", []string{"toslint", "--files", "sync/sync.go", "docs/bad.md", "main.go"}, false, []string{goFinding, mdFinding}, nil},
		{"all files", []string{"toslint", "--all-files"}, false, []string{goFinding, mdFinding}, []string{"named files must be"}},
		{"docs hook, Markdown", []string{"toslint-docs", "--files", "docs/bad.md"}, false, []string{mdFinding}, nil},
		{"docs hook, Go file only", []string{"toslint-docs", "--files", "sync/sync.go"}, true, nil, []string{goFinding}},
		{"docs hook, all files", []string{"toslint-docs", "--all-files"}, false, []string{mdFinding}, []string{goFinding}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := run(t, user, preCommit, append([]string{"run"}, c.args...)...)
			if (err == nil) != c.pass {
				t.Errorf("pass = %v, want %v:\n%s", err == nil, c.pass, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range c.dontWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
}

func run(t *testing.T, dir string, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.test", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.test")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// must stops the test on a setup error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
