package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestActionSteps runs the action's shell steps (scripts/action.sh) in a
// throwaway repository with the GitHub environment variables set, as the
// runner does: annotations on stdout, a summary table, a SARIF file named
// in the step outputs, and toslint's exit code.
func TestActionSteps(t *testing.T) {
	if testing.Short() {
		t.Skip("builds toslint")
	}
	root := repoRoot(t)
	dir := t.TempDir()
	work := filepath.Join(dir, "repo")
	must(t, os.MkdirAll(filepath.Join(work, "docs"), 0o755))
	must(t, os.WriteFile(filepath.Join(work, "LICENSE"), []byte("x\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(work, "docs", "a.md"), []byte("# A\n\nWe call Windows Defender ATP.\n"), 0o644))
	env := map[string]string{
		"GITHUB_ACTION_PATH":  root,
		"RUNNER_TEMP":         filepath.Join(dir, "tmp"),
		"GITHUB_PATH":         filepath.Join(dir, "path"),
		"GITHUB_OUTPUT":       filepath.Join(dir, "output"),
		"GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary.md"),
		"TOSLINT_VERSION":     "local",
		"TOSLINT_ARGS":        "./...",
		"TOSLINT_SARIF":       "toslint.sarif",
	}
	must(t, os.MkdirAll(env["RUNNER_TEMP"], 0o755))
	step := func(name string) (string, int) {
		cmd := exec.Command(filepath.Join(root, "scripts", "action.sh"), name)
		cmd.Dir = work
		cmd.Env = os.Environ()
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return string(out), code
	}
	if out, code := step("install"); code != 0 {
		t.Fatalf("install: exit %d\n%s", code, out)
	}
	if p, _ := os.ReadFile(env["GITHUB_PATH"]); !strings.Contains(string(p), "toslint-bin") {
		t.Errorf("GITHUB_PATH = %q", p)
	}
	out, code := step("run")
	if code != 1 {
		t.Errorf("run: exit %d, want 1 (a warning at the default fail level)\n%s", code, out)
	}
	if !strings.Contains(out, "::warning file=docs/a.md,line=3,col=9,") || !strings.Contains(out, "title=TOS402::retired name") {
		t.Errorf("no annotation for the finding:\n%s", out)
	}
	summary, _ := os.ReadFile(env["GITHUB_STEP_SUMMARY"])
	if !strings.Contains(string(summary), "### toslint: 1 finding (1 warning)") {
		t.Errorf("summary:\n%s", summary)
	}
	output, _ := os.ReadFile(env["GITHUB_OUTPUT"])
	if strings.TrimSpace(string(output)) != "sarif=toslint.sarif" {
		t.Errorf("GITHUB_OUTPUT = %q", output)
	}
	var sarif struct {
		Version string
		Runs    []struct{ Results []struct{ RuleID string } }
	}
	data, err := os.ReadFile(filepath.Join(work, "toslint.sarif"))
	if err != nil || json.Unmarshal(data, &sarif) != nil || sarif.Version != "2.1.0" || len(sarif.Runs[0].Results) != 1 || sarif.Runs[0].Results[0].RuleID != "TOS402" {
		t.Errorf("SARIF: %v %+v", err, sarif)
	}
}
