package docscan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/rules"
)

// hookRepo writes a.md, b.md and c.md, each with one altered mark
// (TOS401), and no license file.
func hookRepo(t *testing.T) string {
	dir := t.TempDir()
	for _, n := range []string{"a.md", "b.md", "c.md"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("# "+n+"\n\nUsing Powershell.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func withHook(t *testing.T, h func(ctx context.Context, name string)) {
	testHook = h
	t.Cleanup(func() { testHook = nil })
}

func hookPolicy(t *testing.T, timeout time.Duration) *policy.Policy {
	p, err := rules.Embedded(rules.Default)
	if err != nil {
		t.Fatal(err)
	}
	return policy.New(policy.Options{Packs: []*policy.Pack{p}, Limits: policy.Limits{DocumentTimeout: timeout}})
}

// byFile renders findings as "file rule: message" lines.
func byFile(res *Result, dir string) string {
	var b strings.Builder
	for _, f := range res.Findings {
		rel, _ := filepath.Rel(dir, f.Pos.Filename)
		b.WriteString(rel + " " + f.Rule + ": " + f.Message + "\n")
	}
	return b.String()
}

// TestPanicIsAFinding: a panic while checking one document becomes its
// TOS001, with the panic and the first frames of the stack; the other
// documents are checked and the result counts an internal error.
func TestPanicIsAFinding(t *testing.T) {
	dir := hookRepo(t)
	withHook(t, func(_ context.Context, name string) {
		if filepath.Base(name) == "b.md" {
			var m map[string]int
			m["boom"]++ // a nil map write: a runtime panic
		}
	})
	res, err := Scan(context.Background(), hookPolicy(t, 0), Options{Root: dir, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := byFile(res, dir)
	if res.InternalErrors != 1 || res.Scanned != 2 || res.Incomplete ||
		!strings.Contains(got, "a.md TOS401") || !strings.Contains(got, "c.md TOS401") || strings.Contains(got, "b.md TOS401") ||
		!strings.Contains(got, "b.md TOS001: not scanned: toslint failed on this file, please report it (panic: assignment to entry in nil map at docscan.TestPanicIsAFinding.func1 (worker_test.go:") {
		t.Errorf("internal errors %d, scanned %d, incomplete %v, findings:\n%s", res.InternalErrors, res.Scanned, res.Incomplete, got)
	}
}

// TestWatchdog: a document that takes longer than document_timeout is
// given up with a TOS001 saying so, and the run goes on.
func TestWatchdog(t *testing.T) {
	dir := hookRepo(t)
	withHook(t, func(ctx context.Context, name string) {
		if filepath.Base(name) == "b.md" {
			<-ctx.Done() // stalls until the watchdog gives up on it
		}
	})
	res, err := Scan(context.Background(), hookPolicy(t, 50*time.Millisecond), Options{Root: dir, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := byFile(res, dir)
	if res.Scanned != 2 || res.InternalErrors != 0 || strings.Contains(got, "b.md TOS401") ||
		!strings.Contains(got, "b.md TOS001: not scanned: took longer than 50ms (raise document_timeout in .toslint.yml, 0 seconds for a document or each MB of it") ||
		!strings.Contains(got, "a.md TOS401") || !strings.Contains(got, "c.md TOS401") {
		t.Errorf("scanned %d, findings:\n%s", res.Scanned, got)
	}
}

// TestCancelMidScan: when the run is cancelled, the documents checked
// whole keep their findings, the rest are not scanned, the result says it
// is incomplete and the repository-level checks (here TOS301, no license)
// do not run.
func TestCancelMidScan(t *testing.T) {
	dir := hookRepo(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	withHook(t, func(hctx context.Context, name string) {
		if filepath.Base(name) == "b.md" {
			cancel()
			<-hctx.Done()
		}
	})
	res, err := Scan(ctx, hookPolicy(t, 0), Options{Root: dir, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := byFile(res, dir)
	if !res.Incomplete || res.Scanned != 1 || got != "a.md TOS401: altered mark `Powershell`: write `PowerShell` as the owner does\n" {
		t.Errorf("incomplete %v, scanned %d, findings:\n%s", res.Incomplete, res.Scanned, got)
	}
}
