package docscan_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDetectorAmbiguity builds the go-license-detector helper and checks
// that a confident guess that disagrees with licensecheck is reported.
func TestDetectorAmbiguity(t *testing.T) {
	if testing.Short() || os.Getenv("TOSLINT_INTEGRATION") != "1" {
		// go-license-detector and go-git are 200 packages no other test
		// compiles: most of a cold `go test ./...`. .ci/run sets it.
		t.Skip("builds toslint-licensedb: set TOSLINT_INTEGRATION=1 to run it")
	}
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "toslint-licensedb"), "../cmd/toslint-licensedb").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	mit, err := os.ReadFile("../analyzers/attribution/testdata/licenses/MIT.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// README grants CC BY 4.0; LICENSE is MIT: licensecheck and the
	// detector agree on MIT, so only the mismatch (TOS302) is reported.
	os.WriteFile(filepath.Join(dir, "LICENSE"), append([]byte("MIT License\n\nCopyright (c) 2026 Example Corp\n\n"), mit...), 0o644)
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Docs\n\n## License\n\nThe pages are licensed under CC BY 4.0.\n"), 0o644)
	got := scanDir(t, dir)
	if !strings.Contains(got, "LICENSE:1:1: TOS302 LICENSE is MIT, but the README says the docs are licensed under CC-BY-4.0") || strings.Contains(got, "ambiguous") {
		t.Errorf("findings:\n%s", got)
	}
	// The detector scores CC BY 4.0 high when its URL appears in an MIT
	// file; licensecheck reads MIT: the two disagree.
	os.WriteFile(filepath.Join(dir, "LICENSE"), append(append([]byte("MIT License\n\nCopyright (c) 2026 Example Corp\n\n"), mit...), []byte("\nDocs: https://creativecommons.org/licenses/by/4.0/\n")...), 0o644)
	got = scanDir(t, dir)
	if !strings.Contains(got, "TOS302 the license of the repository is ambiguous: LICENSE reads as MIT (licensecheck) and as CC-BY-4.0 (go-license-detector, confidence 1.00)") {
		t.Errorf("no ambiguity reported:\n%s", got)
	}
}
