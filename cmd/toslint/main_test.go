package main_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignals runs the toslint binary and interrupts it while the go
// command is busy (held by a -toolexec script that sleeps, as a slow
// build would): the first SIGINT prints the findings found so far (the
// document scan's), marked incomplete, and exits 130; when the run is
// still going, a second exits at once.
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("builds toslint")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "toslint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	repo := filepath.Join(dir, "repo")
	for name, body := range map[string]string{
		"go.mod":    "module example.test/m\n\ngo 1.22\n",
		"LICENSE":   "x\n",
		"m.go":      "package m\n",
		"docs/a.md": "# A\n\nWe call Windows Defender ATP.\n",
	} {
		p := filepath.Join(repo, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(body), 0o644))
	}
	slow := filepath.Join(dir, "slow.sh")
	busy := filepath.Join(dir, "busy")
	// The signal goes to toslint alone, not to the go command's children:
	// the script waits in short steps until the test ends, so that none
	// outlives it.
	must(t, os.WriteFile(slow, []byte("#!/bin/sh\ntouch "+busy+"\nfor i in $(seq 300); do [ -e "+filepath.Join(dir, "done")+" ] && break; sleep 0.1; done\nexec \"$@\"\n"), 0o755))
	defer os.WriteFile(filepath.Join(dir, "done"), nil, 0o644)

	run := func(t *testing.T, signals int) (string, string, int, time.Duration) {
		os.Remove(busy)
		cmd := exec.Command(bin, "check", "./...")
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GOFLAGS=-toolexec="+slow, "GOCACHE="+filepath.Join(dir, "gocache"))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			if _, err := os.Stat(busy); err == nil {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("the go command never ran the -toolexec script:\n%s", stderr.String())
			}
		}
		// The document scan of four files runs beside the go command and
		// ends in milliseconds; give it time to, so that its findings are
		// the ones found before the signal.
		time.Sleep(2 * time.Second)
		start := time.Now()
		for i := range signals {
			if i > 0 {
				time.Sleep(100 * time.Millisecond)
			}
			cmd.Process.Signal(syscall.SIGINT)
		}
		err := cmd.Wait()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return stdout.String(), stderr.String(), code, time.Since(start)
	}

	t.Run("first", func(t *testing.T) {
		stdout, stderr, code, _ := run(t, 1)
		if code != 130 {
			t.Errorf("exit %d, want 130\n%s%s", code, stdout, stderr)
		}
		if !strings.Contains(stdout, "docs/a.md:3:9: retired name") {
			t.Errorf("the document findings found before the signal are missing:\n%s", stdout)
		}
		if !strings.Contains(stderr, "interrupted, incomplete: 1 finding (1 warning)") {
			t.Errorf("stderr does not say the run is incomplete:\n%s", stderr)
		}
	})
	t.Run("second", func(t *testing.T) {
		_, stderr, code, took := run(t, 2)
		if code != 130 || took > 3*time.Second {
			t.Errorf("exit %d after %v, want 130 at once\n%s", code, took, stderr)
		}
	})
}

// must stops the test on a setup error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
