// Package testutil holds helpers that several packages' tests share: golden
// files and fixture trees. Tests only.
package testutil

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// CheckGolden compares got with the content of a golden file. Each
// package that has golden files defines its own -update flag and passes
// its value: with update, CheckGolden first writes got to file (creating
// its directory), and the diff is reviewed before committing
// (CONTRIBUTING.md lists the packages).
func CheckGolden(t testing.TB, file string, got []byte, update bool) {
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
