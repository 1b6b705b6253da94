package attribution

import (
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestModulePath checks the module path read from go.mod when the driver
// does not give one: the module line, quoted or not, after comments; none
// when go.mod has no module line.
func TestModulePath(t *testing.T) {
	for gomod, want := range map[string]string{
		"module example.test/widget\n\ngo 1.22\n":             "example.test/widget",
		"// The widget module.\nmodule \"example.test/w2\"\n": "example.test/w2",
		"go 1.22\n": "",
	} {
		if got := modulePath([]byte(gomod)); got != want {
			t.Errorf("modulePath(%q) = %q, want %q", gomod, got, want)
		}
	}
}

// TestAuthorsIn checks the names an AUTHORS file gives as evidence of
// the module's own holders: one a line, e-mail addresses and notes in
// parentheses dropped, # comments and blank lines skipped; a line of 80
// bytes or more is prose, not a name.
func TestAuthorsIn(t *testing.T) {
	name79 := "Ann " + strings.Repeat("b", 75)
	name80 := name79 + "c"
	data := "# Authors of widget, in order of first commit.\n\nJane Roe <jane@example.test>\nWidget Labs (the company)\n  Pat Doe\n" +
		name79 + "\n" + name80 + "\n"
	want := []string{"jane roe", "widget labs", "pat doe", strings.ToLower(name79)}
	if got := authorsIn([]byte(data)); !slices.Equal(got, want) {
		t.Errorf("authorsIn = %q, want %q", got, want)
	}
}

// TestModCache checks where TOS205 looks for dependencies' licenses: where
// the go command keeps modules, GOMODCACHE, else the first GOPATH entry's
// pkg/mod, else $HOME/go/pkg/mod (most users set none of these).
func TestModCache(t *testing.T) {
	a, b, home := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b"), t.TempDir()
	tests := []struct {
		gomodcache, gopath, home string
		want                     string
	}{
		{a, b, home, a},
		{"", a + string(filepath.ListSeparator) + b, home, filepath.Join(a, "pkg", "mod")},
		{"", "", home, filepath.Join(home, "go", "pkg", "mod")},
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "plan9" {
		// No home directory: nowhere to look.
		tests = append(tests, struct{ gomodcache, gopath, home, want string }{"", "", "", ""})
	}
	for _, tt := range tests {
		t.Setenv("GOMODCACHE", tt.gomodcache)
		t.Setenv("GOPATH", tt.gopath)
		t.Setenv("HOME", tt.home)
		t.Setenv("USERPROFILE", tt.home)
		if got := modCache(); got != tt.want {
			t.Errorf("GOMODCACHE=%q GOPATH=%q HOME=%q: modCache() = %q, want %q", tt.gomodcache, tt.gopath, tt.home, got, tt.want)
		}
	}
}
