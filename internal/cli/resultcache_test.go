package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/toslint/toslint/internal/cli"
	"github.com/toslint/toslint/internal/testutil"
)

// The result cache must never change what toslint reports: a second run
// replays the findings of unchanged packages (suppressions, unused
// directives and exit status included), and a package that changed, or
// that imports one that changed, is analysed again.
func TestResultCache(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"go.mod":       "module example.test/rc\n\ngo 1.22\n",
		".toslint.yml": "packs:\n  - name: microsoft-defender-endpoint\n",
		"LICENSE":      "MIT License\n\nCopyright (c) 2026 The RC Fixture Authors\n",
		"machines/machines.go": `// Package machines fetches machines one by one.
package machines

import "net/http"

// Get fetches one machine.
func Get(id string) (*http.Response, error) {
	return http.Get("https://api.security.microsoft.com/api/machines/" + id)
}

func Few(ids []string) {
	//toslint:ignore TOS101 -- at most three ids, checked by the caller
	for _, id := range ids {
		Get(id)
	}
}

func Nothing() {
	//toslint:ignore TOS102 -- matches nothing: reported as unused
	_ = 1
}
`,
		"report/report.go": `package report

// Title is quiet.
func Title() string { return "machines" }
`,
	})
	cacheDir := filepath.Join(t.TempDir(), "cache")
	t.Setenv("TOSLINT_CACHE", cacheDir)
	settle(t, dir)

	run := func() (int, string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		t.Chdir(dir)
		code := cli.Main(context.Background(), []string{"check", "-only", "go", "./..."}, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	code1, out1, err1 := run()
	if code1 != cli.ExitFindings || !strings.Contains(out1, "TOS004") || !strings.Contains(err1, "1 suppressed") {
		t.Fatalf("first run: exit %d\n%s\n%s", code1, out1, err1)
	}
	if strings.Contains(err1, "result cache") {
		t.Fatalf("first run with an empty cache says it used it: %s", err1)
	}
	code2, out2, err2 := run()
	if code2 != code1 || out2 != out1 {
		t.Fatalf("second run differs:\nexit %d, %d\n%s\n---\n%s", code1, code2, out1, out2)
	}
	if want := "in 2 packages (2 unchanged: findings from the result cache)"; !strings.Contains(err2, want) {
		t.Fatalf("second run's summary lacks %q:\n%s", want, err2)
	}
	if summaryless(err2) != summaryless(err1) {
		t.Fatalf("second run's notes differ:\n%s\n---\n%s", err1, err2)
	}

	// A new loop in report, calling machines: report is analysed again,
	// machines is not; the new finding is there.
	testutil.WriteTree(t, dir, map[string]string{"report/report.go": `package report

import "example.test/rc/machines"

// Title is quiet.
func Title() string { return "machines" }

// All fetches every machine, unthrottled.
func All(ids []string) {
	for _, id := range ids {
		machines.Get(id)
	}
}
`})
	settle(t, dir)
	code3, out3, err3 := run()
	if code3 != cli.ExitFindings || !strings.Contains(out3, "report/report.go:10") || !strings.Contains(err3, "(1 unchanged") {
		t.Fatalf("after an edit: exit %d\n%s\n%s", code3, out3, err3)
	}
	uncached := func() (int, string) {
		t.Setenv("TOSLINT_CACHE", "off")
		defer t.Setenv("TOSLINT_CACHE", cacheDir)
		code, out, _ := run()
		return code, out
	}
	if code, out := uncached(); code != code3 || out != out3 {
		t.Fatalf("cached and uncached runs differ:\n%s\n---\n%s", out3, out)
	}

	// Damaged entries are misses: the answer is the same.
	damaged := 0
	filepath.WalkDir(cacheDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, "-r") {
			damaged++
			os.WriteFile(p, []byte("not an entry"), 0o666)
		}
		return nil
	})
	if damaged == 0 {
		t.Fatal("no entries in the cache")
	}
	if code, out, errs := run(); code != code3 || out != out3 || strings.Contains(errs, "unchanged") {
		t.Fatalf("with damaged entries: exit %d\n%s\n%s", code, out, errs)
	}
}

// A cache that cannot be used costs speed, never findings.
func TestResultCacheUnusable(t *testing.T) {
	dir := writeCgoModule(t)
	settle(t, dir)
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var want string
	for _, cache := range []string{"off", notADir} {
		t.Setenv("TOSLINT_CACHE", cache)
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), []string{"check", "-only", "go", "./nocgo"}, &stdout, &stderr)
		if code != cli.ExitFindings {
			t.Fatalf("TOSLINT_CACHE=%s: exit %d\n%s", cache, code, stderr.String())
		}
		if cache == "off" {
			want = stdout.String()
			continue
		}
		if stdout.String() != want {
			t.Errorf("with an unusable cache the findings differ:\n%s\n---\n%s", want, stdout.String())
		}
		if !strings.Contains(stderr.String(), "the result cache is not used (every package is analysed)") {
			t.Errorf("no note about the unusable cache:\n%s", stderr.String())
		}
	}
}

// settle dates the files of dir a minute before the tests started: the
// cache stores nothing while a file is younger than two seconds (its time
// may not yet tell a later change apart). The date is the same at each
// call, as a file left alone keeps its time.
func settle(t *testing.T, dir string) {
	t.Helper()
	old := settleDate
	err := filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

var settleDate = time.Now().Add(-time.Minute)

var cachedCount = regexp.MustCompile(` \(\d+ unchanged: findings from the result cache\)`)

func summaryless(stderr string) string { return cachedCount.ReplaceAllString(stderr, "") }

// With cgo off, the note naming the cgo files left out is printed on a
// cached run too.
func TestResultCacheCgoOff(t *testing.T) {
	dir := writeCgoModule(t)
	settle(t, dir)
	t.Setenv("TOSLINT_CACHE", filepath.Join(t.TempDir(), "cache"))
	t.Setenv("CGO_ENABLED", "0")
	t.Chdir(dir)
	var outs, errs []string
	for range 2 {
		var stdout, stderr bytes.Buffer
		if code := cli.Main(context.Background(), []string{"check", "-only", "go", "./..."}, &stdout, &stderr); code != cli.ExitFindings {
			t.Fatalf("exit %d\n%s", code, stderr.String())
		}
		outs, errs = append(outs, stdout.String()), append(errs, stderr.String())
	}
	if outs[0] != outs[1] {
		t.Errorf("findings differ:\n%s\n---\n%s", outs[0], outs[1])
	}
	if !strings.Contains(errs[1], "unchanged: findings from the result cache") {
		t.Errorf("second run did not use the cache:\n%s", errs[1])
	}
	for i, e := range errs {
		if !strings.Contains(e, "cgo is off") {
			t.Errorf("run %d lacks the cgo note:\n%s", i+1, e)
		}
	}
}
