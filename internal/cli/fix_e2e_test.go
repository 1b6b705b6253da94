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

// TestFixMarkdown checks -fix end to end: retired names and altered marks
// are replaced, every other byte is kept, the file mode is kept, and a
// second run changes nothing.
func TestFixMarkdown(t *testing.T) {
	dir := t.TempDir()
	src := "---\ntitle: Moving off Windows Defender ATP\n---\n\n# Notes\n\nWe use Windows Defender ATP and Powershell daily.\n\nSplit across *emphasis*: Windows *Defender* ATP stays as it is.\n\nKeep `Windows Defender ATP` in code.\n"
	want := "---\ntitle: Moving off Microsoft Defender for Endpoint\n---\n\n# Notes\n\nWe use Microsoft Defender for Endpoint and PowerShell daily.\n\nSplit across *emphasis*: Windows *Defender* ATP stays as it is.\n\nKeep `Windows Defender ATP` in code.\n"
	writeTree(t, dir, map[string]string{"LICENSE": "x\n", "notes.md": src})
	file := filepath.Join(dir, "notes.md")
	if err := os.Chmod(file, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	run := func(args ...string) (string, int) {
		var out, errb bytes.Buffer
		code := cli.Main(context.Background(), args, &out, &errb)
		return out.String() + errb.String(), code
	}
	out, code := run("check", "-fix")
	got, _ := os.ReadFile(file)
	if string(got) != want {
		t.Fatalf("after -fix:\n%s\nwant:\n%s\noutput:\n%s", got, want, out)
	}
	if code != 1 || !strings.Contains(out, "notes.md:9:26: retired name `Windows Defender ATP`") {
		t.Errorf("the split name (not fixable in place) should remain a finding; exit %d:\n%s", code, out)
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if out, code := run("check", "-fix"); code != 1 {
		t.Errorf("second -fix: exit %d, want 1 (the split name remains):\n%s", code, out)
	}
	again, _ := os.ReadFile(file)
	if !bytes.Equal(again, got) {
		t.Errorf("a second -fix changed the file:\n%s", again)
	}
}
