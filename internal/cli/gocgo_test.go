package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/cli"
)

// cgoSource is one file's code, written once with cgo and once without:
// an unthrottled loop, a suppressed one, and a directive that matches
// nothing.
const cgoSource = `// Copyright (c) 2019 Someone Else Entirely

package PKG

IMPORTC
import "net/http"

// Count is here so that the file has a reason to use cgo.
func Count() int { return COUNT }

func All(ids []string) {
	for _, id := range ids {
		http.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
}

func Few(ids []string) {
	//toslint:ignore TOS101 -- at most three ids
	for _, id := range ids {
		http.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
}

func Quiet() {
	//toslint:ignore TOS102 -- nothing here starts goroutines
	_ = Count()
}
`

func writeCgoModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	withC := strings.NewReplacer("PKG", "withcgo", "IMPORTC", "// #include <stdlib.h>\nimport \"C\"", "COUNT", "int(C.abs(-3))").Replace(cgoSource)
	without := strings.NewReplacer("PKG", "nocgo", "IMPORTC", "//\n//", "COUNT", "int(abs(-3))").Replace(cgoSource) +
		"\nfunc abs(n int) int { return max(n, -n) }\n"
	for name, body := range map[string]string{
		"go.mod":          "module example.test/c\n\ngo 1.22\n",
		"withcgo/sync.go": withC,
		"nocgo/sync.go":   without,
		".toslint.yml":    "packs:\n  - name: microsoft-defender-endpoint\n",
		"LICENSE":         "MIT License\n\nCopyright (c) 2026 The C Fixture Authors\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCgoFindings: the findings of a file that imports "C" equal those of
// the same code without cgo, at the user's file and lines, directives
// included (issue 13).
func TestCgoFindings(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler (gcc) on PATH: cgo packages cannot be analysed; install gcc to run this test")
	}
	t.Setenv("CGO_ENABLED", "1")
	dir := writeCgoModule(t)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"check", "-only", "go", "-format", "json", "./..."}, &stdout, &stderr)
	if code != 1 || stderr.Len() > 0 {
		t.Fatalf("exit %d, stderr %q; want 1 and nothing", code, stderr.String())
	}
	var out struct {
		Findings []map[string]any
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	byDir := map[string][]string{}
	for _, f := range out.Findings {
		file := f["file"].(string)
		d, _, _ := strings.Cut(file, "/")
		b, _ := json.Marshal(f)
		byDir[d] = append(byDir[d], strings.ReplaceAll(string(b), d+"/", "DIR/"))
	}
	if len(byDir["nocgo"]) < 4 || !strings.Contains(strings.Join(byDir["nocgo"], " "), "TOS202") {
		t.Fatalf("want a loop, a suppressed one, an unused directive and a foreign header without cgo, got %q", byDir["nocgo"])
	}
	if got, want := strings.Join(byDir["withcgo"], "\n"), strings.Join(byDir["nocgo"], "\n"); got != want {
		t.Errorf("cgo file's findings differ:\n--- with cgo\n%s\n--- without\n%s", got, want)
	}
}

// TestCgoOff: with cgo off, the files that import "C" are named on stderr.
func TestCgoOff(t *testing.T) {
	t.Setenv("CGO_ENABLED", "0")
	dir := writeCgoModule(t)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	cli.Main(context.Background(), []string{"check", "-only", "go", "./..."}, &stdout, &stderr)
	want := `toslint: note: cgo is off (CGO_ENABLED=0), so these files that import "C" are not analysed: withcgo/sync.go (set CGO_ENABLED=1, with a C compiler installed, to check them)` + "\n"
	if !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr\n%s\nwant\n%s", stderr.String(), want)
	}
	if strings.Contains(stdout.String(), "withcgo/sync.go") {
		t.Errorf("findings in the excluded file:\n%s", stdout.String())
	}
}
