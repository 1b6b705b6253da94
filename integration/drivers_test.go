package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/cli"
)

// TestDriversAgree runs the three drivers on the same fixture module
// (testdata/drivers: facts across packages, fan-out, a paced loop, a
// suppressed loop, a generated file, a foreign copyright header, a cgo
// file) and compares their findings, position and rule: the toslint CLI,
// whose own loader loads the packages (internal/load), go vet with
// cmd/toslint-vet, and, with TOSLINT_INTEGRATION=1, golangci-lint with the
// plugin. go vet and golangci-lint load for themselves, so they are the
// reference the loader must match.
func TestDriversAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds toslint-vet and runs go vet")
	}
	root := repoRoot(t)
	fixture := filepath.Join(root, "integration", "testdata", "drivers")
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Log("no C compiler: the cgo file is left out by all three drivers alike")
	}

	cliFound := cliFindings(t, fixture)
	for _, want := range []string{"jobs/jobs.go:12:2 TOS101", "jobs/jobs.go:20:3 TOS102", "third/copied.go:1:4 TOS202"} {
		if !slices.Contains(cliFound, want) {
			t.Errorf("the CLI did not report %s (got %q): the fixture no longer tests what it should", want, cliFound)
		}
	}

	vet := vetFindings(t, root, fixture)
	if !slices.Equal(vet, cliFound) {
		t.Errorf("go vet -vettool=toslint-vet and toslint check disagree:\n--- vet\n%s\n--- toslint\n%s", strings.Join(vet, "\n"), strings.Join(cliFound, "\n"))
	}

	if os.Getenv("TOSLINT_INTEGRATION") != "1" {
		t.Log("golangci-lint comparison skipped: set TOSLINT_INTEGRATION=1 to build the custom golangci-lint")
		return
	}
	gcl := golangciFindings(t, root, fixture)
	if !slices.Equal(gcl, cliFound) {
		t.Errorf("golangci-lint with the plugin and toslint check disagree:\n--- golangci-lint\n%s\n--- toslint\n%s", strings.Join(gcl, "\n"), strings.Join(cliFound, "\n"))
	}
}

// cliFindings runs toslint check in-process and returns its analyzer
// findings as sorted "file:line:col RULE", leaving out the suppressed ones
// and the findings about directives (the CLI's own, TOS00x).
func cliFindings(t *testing.T, dir string) []string {
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"check", "-only", "go", "-format", "json", "./..."}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("toslint check: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	var out struct {
		Findings []struct {
			Rule, File   string
			Line, Column int
			Suppressed   bool
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, f := range out.Findings {
		if !f.Suppressed && !strings.HasPrefix(f.Rule, "TOS00") {
			found = append(found, fmt.Sprintf("%s:%d:%d %s", filepath.ToSlash(f.File), f.Line, f.Column, f.Rule))
		}
	}
	slices.Sort(found)
	return found
}

// vetLine is a diagnostic of go vet with toslint-vet: "file:line:col: TOS101: ...".
var vetLine = regexp.MustCompile(`^(?:\./)?(\S+\.go):(\d+):(\d+): (TOS\d{3}): `)

func vetFindings(t *testing.T, root, dir string) []string {
	tool := filepath.Join(t.TempDir(), "toslint-vet")
	build := exec.Command("go", "build", "-o", tool, "./cmd/toslint-vet")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building toslint-vet: %v\n%s", err, out)
	}
	cmd := exec.Command("go", "vet", "-vettool="+tool, "./...")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet found nothing:\n%s", out)
	}
	var found []string
	for _, line := range strings.Split(string(out), "\n") {
		if m := vetLine.FindStringSubmatch(line); m != nil {
			file := strings.TrimPrefix(filepath.ToSlash(m[1]), filepath.ToSlash(dir)+"/")
			found = append(found, fmt.Sprintf("%s:%s:%s %s", file, m[2], m[3], m[4]))
		}
	}
	if len(found) == 0 {
		t.Fatalf("no findings in go vet's output:\n%s", out)
	}
	slices.Sort(found)
	return found
}

// golangciFindings builds golangci-lint with the plugin and runs it with
// the fixture's .toslint.yml as the plugin's settings.
func golangciFindings(t *testing.T, root, dir string) []string {
	build := exec.Command(filepath.Join(root, "scripts", "custom-gcl.sh"), "version")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building custom-gcl: %v\n%s", err, out)
	}
	settings, err := os.ReadFile(filepath.Join(dir, ".toslint.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var indented strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(string(settings)), "\n") {
		if !strings.HasPrefix(l, "#") {
			indented.WriteString("          " + l + "\n")
		}
	}
	config := filepath.Join(t.TempDir(), "golangci.yml")
	body := "version: \"2\"\nlinters:\n  default: none\n  enable:\n    - toslint\n  settings:\n    custom:\n      toslint:\n        type: module\n        settings:\n" + indented.String()
	if err := os.WriteFile(config, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(root, "bin", "custom-gcl"), "run", "-c", config,
		"--output.json.path", "stdout", "--show-stats=false", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir())
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() != 1 {
		t.Fatalf("custom-gcl: exit %d\n%s\n%s", ee.ExitCode(), out, ee.Stderr)
	}
	var result struct {
		Issues []struct {
			Text string
			Pos  struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(out, &result); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, out)
	}
	var found []string
	for _, is := range result.Issues {
		// Paths are relative to the configuration file's directory.
		file := is.Pos.Filename
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(config), file)
		}
		if rel, err := filepath.Rel(dir, file); err == nil {
			file = rel
		}
		found = append(found, fmt.Sprintf("%s:%d:%d %s", filepath.ToSlash(file), is.Pos.Line, is.Pos.Column, firstID(is.Text)))
	}
	slices.Sort(found)
	return found
}
