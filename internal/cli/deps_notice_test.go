package cli_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/cli"
)

// TestDependencyNotices checks TOS205 (off by default) end to end: a
// command that links golang.org/x/sync, whose BSD license needs a notice,
// is reported until the notices file names the module. The license is
// read from the module cache, which this module's own build fills.
func TestDependencyNotices(t *testing.T) {
	sum, err := os.ReadFile("../../go.sum")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(sum), "\n") {
		if strings.HasPrefix(l, "golang.org/x/sync v0.24.0") {
			lines = append(lines, l)
		}
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod":       "module example.test/app\n\ngo 1.26.0\n\nrequire golang.org/x/sync v0.24.0\n",
		"go.sum":       strings.Join(lines, "\n") + "\n",
		"main.go":      "package main\n\nimport \"golang.org/x/sync/errgroup\"\n\nfunc main() {\n\tvar g errgroup.Group\n\t_ = g.Wait()\n}\n",
		".toslint.yml": "rules:\n  - {id: TOS205, enabled: true}\n",
	})
	t.Chdir(dir)
	run := func() string {
		var out, errb bytes.Buffer
		cli.Main(context.Background(), []string{"check", "-only", "go"}, &out, &errb)
		return out.String() + errb.String()
	}
	got := run()
	if !strings.Contains(got, "main.go:1:1: this command ships golang.org/x/sync (BSD-3-Clause), whose license needs a notice, but the notices file does not name it [TOS205]") {
		t.Fatalf("TOS205 not reported:\n%s", got)
	}
	writeTree(t, dir, map[string]string{"NOTICE": "golang.org/x/sync: BSD-3-Clause, Copyright 2009 The Go Authors\n"})
	if got := run(); strings.Contains(got, "TOS205") {
		t.Errorf("TOS205 still reported with the module listed:\n%s", got)
	}
}
