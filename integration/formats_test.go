package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// toolsDir is where .ci/run installs the formats' consumers: reviewdog in
// bin/ (Go module proxy), junit2json, codeclimate-types and typescript in
// node_modules/ (npm).
func toolsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("TOSLINT_TOOLS")
	if dir == "" {
		t.Fatal("TOSLINT_TOOLS is not set: .ci/run installs the format consumers there")
	}
	return dir
}

// buildToslint builds the CLI into a temporary directory.
func buildToslint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "toslint")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/toslint")
	cmd.Dir = repoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestFormatConsumers writes checkstyle, code-climate and junit-xml from
// one run and has a real consumer of each read them: reviewdog (the
// checkstyle parser used in review bots), the Code Climate issue types
// checked by the TypeScript compiler (the spec GitLab's code quality
// report follows), and junit2json (a JUnit XML parser).
func TestFormatConsumers(t *testing.T) {
	integration(t)
	tools := toolsDir(t)
	bin := buildToslint(t)
	repo := t.TempDir()
	writeTree(t, repo, map[string]string{
		"go.mod":       "module example.test/m\n\ngo 1.22\n",
		"LICENSE":      "x\n",
		"sync/sync.go": "package sync\n\nimport \"net/http\"\n\n// All fetches every machine.\nfunc All(ids []string) {\n\tfor _, id := range ids {\n\t\thttp.Get(\"https://api.security.microsoft.com/api/machines/\" + id)\n\t}\n}\n",
		"docs/a.md":    "# A\n\nWe call Windows Defender ATP & \"friends\" <here>.\n\nAnd Windows Defender ATP again.\n",
	})
	if out, err := run(t, repo, "git", "init", "-q"); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	cmd := exec.Command(bin, "check", "-q", "-format", "json", "-also", "checkstyle=cs.xml", "-also", "code-climate=cc.json", "-also", "junit-xml=junit.xml", "./...")
	cmd.Dir = repo
	out, err := cmd.Output()
	if code := exitCode(t, err); code != 1 {
		t.Fatalf("toslint: exit %d\n%s", code, out)
	}
	var report struct{ Findings []struct{ Rule, File string } }
	if err := json.Unmarshal(out, &report); err != nil || len(report.Findings) != 3 {
		t.Fatalf("json: %v, %d findings, want 3\n%s", err, len(report.Findings), out)
	}

	t.Run("checkstyle/reviewdog", func(t *testing.T) {
		cmd := exec.Command(filepath.Join(tools, "bin", "reviewdog"), "-f=checkstyle", "-reporter=local", "-filter-mode=nofilter", "-fail-level=none")
		cmd.Dir = repo
		in, _ := os.Open(filepath.Join(repo, "cs.xml"))
		defer in.Close()
		cmd.Stdin = in
		got, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("reviewdog: %v\n%s", err, got)
		}
		for _, want := range []string{
			"docs/a.md:3:9: warning: retired name `Windows Defender ATP`",
			"docs/a.md:5:5: warning: retired name",
			"sync/sync.go:7:2: error: loop calls the mde API",
		} {
			if !strings.Contains(string(got), want) {
				t.Errorf("reviewdog did not read %q:\n%s", want, got)
			}
		}
	})
	t.Run("code-climate/typescript", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(repo, "cc.json"))
		if err != nil {
			t.Fatal(err)
		}
		var issues []struct {
			Fingerprint string
			Severity    string
			Location    struct {
				Path  string
				Lines struct{ Begin int }
			}
		}
		if err := json.Unmarshal(data, &issues); err != nil || len(issues) != 3 {
			t.Fatalf("%v: %s", err, data)
		}
		seen := map[string]bool{}
		for _, is := range issues { // what GitLab needs beyond the types
			if is.Fingerprint == "" || seen[is.Fingerprint] || is.Location.Path == "" || is.Location.Lines.Begin < 1 {
				t.Errorf("issue %+v: GitLab needs a unique fingerprint, a path and a begin line", is)
			}
			seen[is.Fingerprint] = true
		}
		dir := t.TempDir()
		must(t, os.Symlink(filepath.Join(tools, "node_modules"), filepath.Join(dir, "node_modules")))
		src := "import type { Issue } from \"codeclimate-types\";\n\nexport const issues: Issue[] = " + string(data) + ";\n"
		must(t, os.WriteFile(filepath.Join(dir, "check.ts"), []byte(src), 0o644))
		tsc := exec.Command(filepath.Join(tools, "node_modules", ".bin", "tsc"), "--noEmit", "--strict", "--moduleResolution", "node", "check.ts")
		tsc.Dir = dir
		if got, err := tsc.CombinedOutput(); err != nil {
			t.Errorf("the report does not type-check as Code Climate issues: %v\n%s", err, got)
		}
	})
	t.Run("junit-xml/junit2json", func(t *testing.T) {
		cmd := exec.Command(filepath.Join(tools, "node_modules", ".bin", "junit2json"), filepath.Join(repo, "junit.xml"))
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("junit2json: %v\n%s", err, got)
		}
		var parsed struct {
			Tests     int `json:"tests"`
			Failures  int `json:"failures"`
			Testsuite []struct {
				Name     string `json:"name"`
				Testcase []struct {
					Name    string `json:"name"`
					Failure []struct {
						Message string `json:"message"`
						Inner   string `json:"inner"`
					} `json:"failure"`
				} `json:"testcase"`
			} `json:"testsuite"`
		}
		if err := json.Unmarshal(got, &parsed); err != nil {
			t.Fatalf("%v\n%s", err, got)
		}
		if parsed.Tests != 3 || parsed.Failures != 3 || len(parsed.Testsuite) != 2 {
			t.Fatalf("junit2json read %d tests, %d failures, %d suites; want 3, 3, 2\n%s", parsed.Tests, parsed.Failures, len(parsed.Testsuite), got)
		}
		c := parsed.Testsuite[0].Testcase[0]
		if parsed.Testsuite[0].Name != "docs/a.md" || len(c.Failure) != 1 || !strings.Contains(c.Failure[0].Message, `Windows Defender ATP`) {
			t.Errorf("first case: %+v", parsed.Testsuite[0])
		}
	})
}
