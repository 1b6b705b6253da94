package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"
)

// TestGolangciPlugin builds golangci-lint with the plugin (scripts/custom-
// gcl.sh, offline from the module proxy; minutes when cold) and runs it on
// testdata/gcl, checking from its JSON output that TOS1xx and TOS2xx
// findings appear at the right lines with their rule IDs, and that
// //nolint:toslint suppresses.
func TestGolangciPlugin(t *testing.T) {
	integration(t)
	root := repoRoot(t)
	build := exec.Command(filepath.Join(root, "scripts", "custom-gcl.sh"), "version")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building custom-gcl: %v\n%s", err, out)
	}
	fixture := filepath.Join(root, "integration", "testdata", "gcl")
	cmd := exec.Command(filepath.Join(root, "bin", "custom-gcl"), "run", "-c", ".golangci.yml",
		"--output.json.path", "stdout", "--show-stats=false", "./...")
	cmd.Dir = fixture
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() != 1 {
		t.Fatalf("custom-gcl: exit %d\n%s\n%s", ee.ExitCode(), out, ee.Stderr)
	}
	var result struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename string
				Line     int
			}
		}
	}
	if err := json.Unmarshal(out, &result); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, out)
	}
	got := map[string]bool{}
	for _, is := range result.Issues {
		if is.FromLinter != "toslint" {
			t.Errorf("issue from %q", is.FromLinter)
		}
		got[filepath.ToSlash(is.Pos.Filename)+":"+strconv.Itoa(is.Pos.Line)+" "+firstID(is.Text)] = true
	}
	for _, want := range []string{"sync/sync.go:10 TOS101", "sync/sync.go:18 TOS102", "vendored/vendored.go:1 TOS202"} {
		if !got[want] {
			t.Errorf("missing %s; got %v", want, got)
		}
	}
	for k := range got {
		if strings.HasPrefix(k, "sync/sync.go:24") || strings.HasPrefix(k, "sync/sync.go:25") || strings.HasSuffix(k, " ") {
			t.Errorf("unexpected issue %q (suppressed by //nolint:toslint, or without a rule ID)", k)
		}
	}
}

// firstID returns the first rule ID in a golangci-lint issue text
// ("throttle: TOS101: loop calls ...").
func firstID(text string) string {
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ':' }) {
		if len(f) == 6 && strings.HasPrefix(f, "TOS") {
			return f
		}
	}
	return ""
}

// allowedAbove lists the modules that may be above golangci-lint's version
// (DESIGN.md §6): go-license-detector's dependency chain, backward
// compatible and carrying security fixes.
var allowedAbove = map[string]bool{
	"golang.org/x/text": true, "golang.org/x/net": true, "golang.org/x/crypto": true,
	"golang.org/x/sys": true, "golang.org/x/term": true, "github.com/go-git/go-git/v5": true,
}

// TestDependenciesNotAboveGolangci compares go.mod with golangci-lint
// v2.15.0's: a shared dependency above its version would change what
// golangci-lint runs with once the plugin is compiled in.
func TestDependenciesNotAboveGolangci(t *testing.T) {
	integration(t) // downloads golangci-lint's go.mod
	out, err := exec.Command("go", "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@v2.15.0").Output()
	if err != nil {
		t.Fatalf("go mod download: %v", err)
	}
	var info struct{ GoMod string }
	if err := json.Unmarshal(out, &info); err != nil {
		t.Fatal(err)
	}
	theirs := readMod(t, info.GoMod)
	ours := readMod(t, filepath.Join(repoRoot(t), "go.mod"))
	checked := 0
	for path, v := range ours {
		tv, shared := theirs[path]
		if !shared {
			continue
		}
		checked++
		if semver.Compare(v, tv) > 0 && !allowedAbove[path] {
			t.Errorf("%s %s is above golangci-lint v2.15.0's %s", path, v, tv)
		}
	}
	if checked < 3 {
		t.Errorf("only %d shared modules compared", checked)
	}
}

func readMod(t *testing.T, file string) map[string]string {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := modfile.Parse(file, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range f.Require {
		out[r.Mod.Path] = r.Mod.Version
	}
	return out
}
