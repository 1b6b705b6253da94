package integration

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// action is the part of action.yml a composite runner reads.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name string            `yaml:"name"`
			ID   string            `yaml:"id"`
			If   string            `yaml:"if"`
			Run  string            `yaml:"run"`
			Uses string            `yaml:"uses"`
			With map[string]string `yaml:"with"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// runner runs action.yml's steps as GitHub's runner does for a composite
// action: inputs with their defaults, ${{ }} expressions in env, with and
// if, step outputs read from $GITHUB_OUTPUT, later steps skipped after a
// failure unless their condition calls always(). Steps that use other
// actions (the cache, the SARIF upload) are recorded, not run.
type runner struct {
	t       *testing.T
	root    string            // the action's checkout ($GITHUB_ACTION_PATH)
	work    string            // the user's repository (the job's working directory)
	tmp     string            // $RUNNER_TEMP and friends
	inputs  map[string]string // overrides of the defaults
	outputs map[string]map[string]string
	uses    []string // "action with=..." of the used-action steps that would run
	stdout  string   // of the run step
	code    int      // exit code of the job (first failing step)
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

func (r *runner) value(e string, a *action) string {
	switch {
	case strings.HasPrefix(e, "inputs."):
		name := strings.TrimPrefix(e, "inputs.")
		if v, ok := r.inputs[name]; ok {
			return v
		}
		in, ok := a.Inputs[name]
		if !ok {
			r.t.Fatalf("action.yml refers to unknown input %q", name)
		}
		return in.Default
	case e == "github.action_path":
		return r.root
	case e == "github.action_ref":
		return "v9.9.9-test"
	case strings.HasPrefix(e, "steps."):
		parts := strings.Split(e, ".") // steps.ID.outputs.NAME
		if len(parts) != 4 || parts[2] != "outputs" {
			r.t.Fatalf("unsupported expression %q", e)
		}
		return r.outputs[parts[1]][parts[3]]
	case strings.HasPrefix(e, "'") && strings.HasSuffix(e, "'"):
		return strings.Trim(e, "'")
	}
	r.t.Fatalf("unsupported expression %q", e)
	return ""
}

func (r *runner) expand(s string, a *action) string {
	return expr.ReplaceAllStringFunc(s, func(m string) string { return r.value(expr.FindStringSubmatch(m)[1], a) })
}

// cond evaluates an if: a conjunction of always(), == and != terms.
func (r *runner) cond(s string, a *action, failed bool) bool {
	if s == "" {
		return !failed
	}
	always := false
	for _, term := range strings.Split(s, "&&") {
		term = strings.TrimSpace(term)
		switch {
		case term == "always()":
			always = true
		case strings.Contains(term, "!="):
			x, y, _ := strings.Cut(term, "!=")
			if r.value(strings.TrimSpace(x), a) == r.value(strings.TrimSpace(y), a) {
				return false
			}
		case strings.Contains(term, "=="):
			x, y, _ := strings.Cut(term, "==")
			if r.value(strings.TrimSpace(x), a) != r.value(strings.TrimSpace(y), a) {
				return false
			}
		default:
			r.t.Fatalf("unsupported condition %q", term)
		}
	}
	return always || !failed
}

func (r *runner) run() {
	data, err := os.ReadFile(filepath.Join(r.root, "action.yml"))
	if err != nil {
		r.t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		r.t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		r.t.Fatalf("runs.using = %q", a.Runs.Using)
	}
	r.outputs = map[string]map[string]string{}
	failed := false
	for i, st := range a.Runs.Steps {
		if !r.cond(st.If, &a, failed) {
			continue
		}
		if st.Uses != "" {
			var with []string
			for k, v := range st.With {
				with = append(with, k+"="+strings.TrimSpace(r.expand(v, &a)))
			}
			r.uses = append(r.uses, st.Uses+" "+strings.Join(sorted(with), " "))
			continue
		}
		out := filepath.Join(r.tmp, fmt.Sprintf("output-%d", i))
		cmd := exec.Command("bash", "-e", "-c", r.expand(st.Run, &a))
		cmd.Dir = r.work
		cmd.Env = append(os.Environ(),
			"GITHUB_ACTION_PATH="+r.root, "RUNNER_TEMP="+r.tmp, "RUNNER_OS=Linux",
			"GITHUB_PATH="+filepath.Join(r.tmp, "path"), "GITHUB_OUTPUT="+out,
			"GITHUB_STEP_SUMMARY="+filepath.Join(r.tmp, "summary.md"))
		for k, v := range st.Env {
			cmd.Env = append(cmd.Env, k+"="+r.expand(v, &a))
		}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if st.ID == "run" {
			r.stdout = stdout.String()
		}
		if code := exitCode(r.t, err); code != 0 && !failed {
			failed, r.code = true, code
			r.t.Logf("step %q: exit %d\n%s%s", st.Name, code, stdout.String(), stderr.String())
		}
		r.outputs[st.ID] = readOutputs(r.t, out)
	}
}

func readOutputs(t *testing.T, file string) map[string]string {
	m := map[string]string{}
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return m
	} else if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			m[k] = v
		}
	}
	return m
}

func sorted(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

// TestAction runs action.yml's steps on a repository with a warning, in
// each annotation mode, with fail_on from the config, after a config
// error (exit 2) and after a usage error.
func TestAction(t *testing.T) {
	integration(t)
	root := repoRoot(t)
	base := map[string]string{"LICENSE": "x\n", "docs/a.md": "# A\n\nWe call Windows Defender ATP.\n"}
	newRunner := func(t *testing.T, files map[string]string, inputs map[string]string) *runner {
		dir := t.TempDir()
		r := &runner{t: t, root: root, work: filepath.Join(dir, "repo"), tmp: filepath.Join(dir, "tmp"), inputs: inputs}
		writeTree(t, r.work, base)
		writeTree(t, r.work, files)
		must(t, os.MkdirAll(r.tmp, 0o755))
		r.run()
		return r
	}
	sarifResults := func(t *testing.T, r *runner) (int, string) {
		data, err := os.ReadFile(filepath.Join(r.work, "toslint.sarif"))
		if err != nil {
			t.Fatalf("no SARIF file: %v", err)
		}
		var log struct {
			Version string
			Runs    []struct {
				Results     []struct{ RuleID string }
				Invocations []struct {
					ToolExecutionNotifications []struct{ Message struct{ Text string } }
				}
			}
		}
		if err := json.Unmarshal(data, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
			t.Fatalf("SARIF: %v %s", err, data)
		}
		note := ""
		if inv := log.Runs[0].Invocations; len(inv) > 0 && len(inv[0].ToolExecutionNotifications) > 0 {
			note = inv[0].ToolExecutionNotifications[0].Message.Text
		}
		return len(log.Runs[0].Results), note
	}

	t.Run("defaults", func(t *testing.T) {
		r := newRunner(t, nil, nil)
		if r.code != 1 {
			t.Errorf("job exit %d, want 1 (a warning at the default fail level)", r.code)
		}
		if !strings.Contains(r.stdout, "::warning file=docs/a.md,line=3,col=9,") {
			t.Errorf("no annotation:\n%s", r.stdout)
		}
		if len(r.uses) != 1 || !strings.HasPrefix(r.uses[0], "actions/cache@v4 ") || !strings.Contains(r.uses[0], "key=toslint-Linux-go") {
			t.Errorf("used actions %q: want the cache only (annotations come from workflow commands)", r.uses)
		}
		if n, _ := sarifResults(t, r); n != 1 {
			t.Errorf("SARIF has %d results", n)
		}
		if o := r.outputs["run"]; o["sarif"] != "toslint.sarif" || o["exit-code"] != "1" {
			t.Errorf("outputs %v", o)
		}
		summary, _ := os.ReadFile(filepath.Join(r.tmp, "summary.md"))
		if !strings.Contains(string(summary), "### toslint: 1 finding (1 warning)") {
			t.Errorf("summary:\n%s", summary)
		}
		if p, _ := os.ReadFile(filepath.Join(r.tmp, "path")); !strings.Contains(string(p), "toslint-bin") {
			t.Errorf("GITHUB_PATH = %q", p)
		}
		out, err := exec.Command(filepath.Join(r.tmp, "toslint-bin", "toslint"), "version").Output()
		if err != nil || string(out) != "toslint v9.9.9-test\n" {
			t.Errorf("version of the built binary: %q %v (want the action's ref)", out, err)
		}
	})
	t.Run("code-scanning", func(t *testing.T) {
		r := newRunner(t, nil, map[string]string{"annotations": "code-scanning"})
		if strings.Contains(r.stdout, "::warning file=") {
			t.Errorf("workflow-command annotations as well as code scanning:\n%s", r.stdout)
		}
		if len(r.uses) != 2 || r.uses[1] != "github/codeql-action/upload-sarif@v3 category=toslint sarif_file=toslint.sarif" {
			t.Errorf("used actions %q: want the SARIF upload", r.uses)
		}
	})
	t.Run("fail_on from the config", func(t *testing.T) {
		r := newRunner(t, map[string]string{".toslint.yml": "fail_on: error\n"}, nil)
		if r.code != 0 {
			t.Errorf("job exit %d, want 0: the config's fail_on: error decides, a warning passes", r.code)
		}
	})
	t.Run("config error", func(t *testing.T) {
		r := newRunner(t, map[string]string{".toslint.yml": "fail_on: never\n"}, map[string]string{"annotations": "code-scanning"})
		if r.code != 2 {
			t.Errorf("job exit %d, want 2", r.code)
		}
		n, note := sarifResults(t, r)
		if n != 0 || !strings.Contains(note, "unknown severity") {
			t.Errorf("SARIF after exit 2: %d results, notification %q", n, note)
		}
		if len(r.uses) != 2 {
			t.Errorf("used actions %q: the SARIF with the error is uploaded", r.uses)
		}
	})
	t.Run("usage error", func(t *testing.T) {
		r := newRunner(t, nil, map[string]string{"annotations": "code-scanning", "args": "-nope"})
		if r.code != 2 || !strings.Contains(r.stdout, "toslint wrote no SARIF file (exit 2") {
			t.Errorf("job exit %d:\n%s", r.code, r.stdout)
		}
		if len(r.uses) != 1 {
			t.Errorf("used actions %q: the upload must be skipped without a SARIF file", r.uses)
		}
	})
}
