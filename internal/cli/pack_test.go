package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/cli"
)

// TestPackInitToThrottleFinding is the path the README shows: a terms
// page becomes a pack with `toslint pack init`, the pack is listed in
// .toslint.yml, and the throttle analyzer flags an unthrottled loop
// against the new API. No YAML is written by hand: the review items the
// pack still carries (source URL, retry policy, code license) are comments
// and do not stop it from working.
func TestPackInitToThrottleFinding(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("terms.md", `# Acme Orders API terms of use

## Endpoints

Send requests to `+"`https://api.acme.example/v1/orders`"+`.

## Throttling

| Name | Calls | Renewal period |
|---|---|---|
| API calls per app | 30 | 60 seconds |

The documentation is licensed under CC BY 4.0. Acme is a trademark of
Acme Inc.
`)
	write("go.mod", "module example.test/shop\n\ngo 1.22\n")
	write("orders/orders.go", `package orders

import (
	"net/http"
	"time"
)

const api = "https://api.acme.example/v1/orders/"

// FetchAll calls the API once per id, as fast as the loop runs.
func FetchAll(ids []string) {
	for _, id := range ids {
		http.Get(api + id)
	}
}

// FetchPaced waits two seconds before each call: 30 calls a minute.
func FetchPaced(ids []string) {
	for _, id := range ids {
		time.Sleep(2 * time.Second)
		http.Get(api + id)
	}
}
`)
	t.Chdir(dir)
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), args, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}

	code, _, stderr := run("pack", "init", "-o", ".toslint/acme.yaml", "terms.md")
	if code != cli.ExitOK {
		t.Fatalf("pack init: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "wrote acme-orders to .toslint/acme.yaml: 1 limit, 1 API host") {
		t.Errorf("pack init summary:\n%s", stderr)
	}

	code, stdout, _ := run("pack", "check", ".toslint/acme.yaml")
	if code != cli.ExitFindings || !strings.Contains(stdout, "loops calling api.acme.example: at most 30 calls per minute per app") {
		t.Errorf("pack check: exit %d\n%s", code, stdout)
	}

	write(".toslint.yml", "packs:\n  - path: .toslint/acme.yaml\n")
	code, stdout, stderr = run("check", "-only", "go", "./...")
	if code != cli.ExitFindings {
		t.Fatalf("check: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, cli.ExitFindings, stdout, stderr)
	}
	want := "orders/orders.go:12:2: loop calls the acme-orders API (Acme Orders API: 30 calls per minute per app)"
	if !strings.Contains(stdout, want) || !strings.Contains(stdout, "[TOS101]") {
		t.Errorf("check output lacks %q with TOS101:\n%s", want, stdout)
	}
	if strings.Contains(stdout, "orders/orders.go:19") {
		t.Errorf("the paced loop is flagged:\n%s", stdout)
	}
}
