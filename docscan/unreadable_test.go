package docscan_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/testenv"
)

// TestUnreadableFile runs as the user nobody in a copy of the test binary
// (as root, testenv.Unprivileged starts it again), which pays the license
// scanner's start-up a second time: it is in a file of its own that sorts
// last so that, with -failfast, the cheaper tests run first.
func TestUnreadableFile(t *testing.T) {
	if !testenv.Unprivileged(t) { // root reads every file
		return
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("x\n"), 0o644)
	p := filepath.Join(dir, "locked.md")
	os.WriteFile(p, []byte("# locked\n"), 0o000)
	got := scanDir(t, dir)
	if !strings.Contains(got, "locked.md: TOS001 not scanned: cannot read file (permission denied)") {
		t.Errorf("unreadable file not reported:\n%s", got)
	}
}
