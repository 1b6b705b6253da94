package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoVet builds toslint-vet and runs go vet with it on a fixture
// module, as a user does. Skipped with -short (it builds a binary).
func TestGoVet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds toslint-vet")
	}
	dir := t.TempDir()
	tool := filepath.Join(dir, "toslint-vet")
	if out, err := exec.Command("go", "build", "-o", tool, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	mod := filepath.Join(dir, "m")
	files := map[string]string{
		"go.mod":       "module example.test/m\n\ngo 1.22\n",
		"LICENSE":      "x\n",
		"sync/sync.go": "package sync\n\nimport \"net/http\"\n\nfunc All(ids []string) {\n\tfor _, id := range ids {\n\t\thttp.Get(\"https://api.security.microsoft.com/api/machines/\" + id)\n\t}\n}\n\nfunc Few(ids []string) {\n\t//toslint:ignore TOS101 -- at most three ids\n\tfor _, id := range ids {\n\t\thttp.Get(\"https://api.security.microsoft.com/api/machines/\" + id)\n\t}\n}\n",
		"gh/gh.go":     "package gh\n\nimport \"net/http\"\n\nfunc All(ids []string) {\n\tfor _, id := range ids {\n\t\thttp.Get(\"https://api.github.com/repos/\" + id)\n\t}\n}\n",
		".toslint.yml": "packs:\n  - name: microsoft-defender-endpoint\n",
	}
	for name, body := range files {
		p := filepath.Join(mod, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(body), 0o644))
	}
	cmd := exec.Command("go", "vet", "-vettool="+tool, "./...")
	cmd.Dir = mod
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet passed; want a TOS101 finding:\n%s", out)
	}
	got := string(out)
	if !strings.Contains(got, "sync/sync.go:6:2: TOS101: loop calls the mde API") {
		t.Errorf("no TOS101 at sync.go:6:\n%s", got)
	}
	if strings.Contains(got, "sync.go:13") || strings.Contains(got, "gh.go") {
		t.Errorf("suppressed loop or an API outside the configured packs reported:\n%s", got)
	}
}

// must stops the test on a setup error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
