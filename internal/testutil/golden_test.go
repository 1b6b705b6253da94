package testutil_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/testutil"
)

// recorder is a testing.TB that records failures instead of stopping.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper()                      {}
func (r *recorder) Errorf(f string, args ...any) { r.fail(f) }
func (r *recorder) Fatalf(f string, args ...any) { r.fail(f) }
func (r *recorder) Fatal(args ...any)            { r.fail("") }

// fail keeps the first message, as the first t.Fatal would end the test.
func (r *recorder) fail(msg string) {
	if !r.failed {
		r.failed, r.msg = true, msg
	}
}

func TestCheckGolden(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sub", "out.golden")

	r := &recorder{TB: t}
	testutil.CheckGolden(r, file, []byte("a\n"), false)
	if !r.failed || !strings.Contains(r.msg, "run the test with -update") {
		t.Errorf("a missing golden file must fail and say to run -update: %+v", r)
	}

	r = &recorder{TB: t}
	testutil.CheckGolden(r, file, []byte("a\n"), true)
	if data, err := os.ReadFile(file); r.failed || err != nil || string(data) != "a\n" {
		t.Errorf("update did not write the file: %q, %v, %+v", data, err, r)
	}

	r = &recorder{TB: t}
	testutil.CheckGolden(r, file, []byte("a\n"), false)
	if r.failed {
		t.Errorf("same content failed: %+v", r)
	}

	r = &recorder{TB: t}
	testutil.CheckGolden(r, file, []byte("b\n"), false)
	if !r.failed {
		t.Error("different content passed")
	}
}

func TestWriteTree(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{"a.md": "x", "sub/dir/b.md": "y"})
	for name, want := range map[string]string{"a.md": "x", "sub/dir/b.md": "y"} {
		if data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || string(data) != want {
			t.Errorf("%s = %q, %v; want %q", name, data, err, want)
		}
	}
}
