// Package golden compares a test's output with a golden file. Tests only.
//
// Each package that has golden files defines its own -update flag and
// passes its value: with it, Check rewrites the file instead of failing,
// and the diff is reviewed before committing (CONTRIBUTING.md lists the
// packages).
package golden

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Check compares got with the content of file. With update it first
// writes got to file (creating its directory), so the comparison passes.
func Check(t testing.TB, file string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got); rerun with -update after checking:\n%s", file, diff)
	}
}
