package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/toslint/toslint/internal/testutil"
)

// integration skips the test unless TOSLINT_INTEGRATION=1.
func integration(t *testing.T) {
	t.Helper()
	if os.Getenv("TOSLINT_INTEGRATION") != "1" {
		t.Skip("integration test: set TOSLINT_INTEGRATION=1 to run it (.ci/run does)")
	}
}

// tool returns the path of a program the test needs; missing, it fails
// the test (integration tests run only where .ci/run installed them).
func tool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed (%s); .ci/run installs it", name, install)
	}
	return p
}

// repoRoot is this repository (the hook repository and action under test).
func repoRoot(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// writeTree writes files (slash paths) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	testutil.WriteTree(t, dir, files)
}

// exitCode returns the exit code of a finished command's error.
func exitCode(t *testing.T, err error) int {
	t.Helper()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}
