package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/cli"
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.test", "-c", "commit.gpgsign=false"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestNewFromRev checks that only findings on lines changed since the
// revision are reported.
func TestNewFromRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("text\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Top\n\n<!-- toslint-disable-next-line TOS402 -->\nold line\n"), 0o644)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "base")
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Top\n\n<!-- toslint-disable-next-line TOS402 -->\nold line\n\n<!-- toslint-disable-next-line TOS403 -->\nnew line\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "new.md"), []byte("<!-- toslint-disable TOS401 -->\n"), 0o644)
	t.Chdir(dir)

	run := func(args ...string) (string, int) {
		var out, errb bytes.Buffer
		code := cli.Main(context.Background(), args, &out, &errb)
		return out.String() + errb.String(), code
	}
	all, _ := run("check")
	if strings.Count(all, "[TOS003]") != 3 || strings.Count(all, "[TOS004]") != 3 {
		t.Fatalf("want three TOS003 findings without the filter:\n%s", all)
	}
	got, code := run("check", "-new-from-rev", "HEAD")
	want := "README.md:6:1: toslint-disable-next-line TOS403 has no reason (add \" -- why the rule does not apply here\") [TOS003]\n" +
		"README.md:6:1: toslint-disable-next-line TOS403 suppresses nothing here (remove it) [TOS004]\n" +
		"new.md:1:1: toslint-disable TOS401 has no reason (add \" -- why the rule does not apply here\") [TOS003]\n" +
		"new.md:1:1: toslint-disable TOS401 suppresses nothing here (remove it) [TOS004]\n"
	if got != want || code != 1 {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, got, want)
	}
	if out, code := run("check", "-new-from-rev", "no-such-rev"); code != 2 || !strings.Contains(out, "git diff no-such-rev") {
		t.Errorf("bad revision: exit %d, %s", code, out)
	}
}
