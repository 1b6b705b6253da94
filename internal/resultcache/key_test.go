package resultcache

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/toslint/toslint/internal/load"
	"github.com/toslint/toslint/internal/testutil"
)

// module writes a module with three packages, a imported by b, and c on
// its own, dated an hour ago (settled), and returns their plan.
func module(t *testing.T) (string, []load.Package) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"go.mod":           "module example.com/m\n",
		"LICENSE":          "some license\n",
		"a/a.go":           "// Copyright the authors\n\npackage a\n\nfunc A() {}\n",
		"a/a_test.go":      "package a\n",
		"b/b.go":           "package b\n\nimport \"example.com/m/a\"\n\nfunc B() { a.A() }\n",
		"c/c.go":           "package c\n",
		"c/data/x.txt":     "embedded\n",
		"testdata/t.go":    "package t\n",
		"nested/go.mod":    "module example.com/nested\n",
		"nested/n.go":      "package nested\n",
		".hidden/notes.md": "x\n",
	})
	age(t, dir)
	mod := &packages.Module{Path: "example.com/m", Main: true, Dir: dir}
	std := load.Package{ImportPath: "fmt", Dir: "/goroot/src/fmt", Standard: true, GoFiles: []string{"/goroot/src/fmt/print.go"}}
	cached := load.Package{ImportPath: "example.org/dep", Dir: "/gomodcache/example.org/dep@v1.2.0",
		Module: &packages.Module{Path: "example.org/dep", Version: "v1.2.0", Dir: "/gomodcache/example.org/dep@v1.2.0"}, GoFiles: []string{"/gomodcache/example.org/dep@v1.2.0/dep.go"}}
	pkgs := []load.Package{
		std, cached,
		{ImportPath: "example.com/m/a", Dir: filepath.Join(dir, "a"), Root: true, Module: mod, GoFiles: []string{filepath.Join(dir, "a/a.go")}, Imports: []string{"example.org/dep", "fmt"}},
		{ImportPath: "example.com/m/b", Dir: filepath.Join(dir, "b"), Root: true, Module: mod, GoFiles: []string{filepath.Join(dir, "b/b.go")}, Imports: []string{"example.com/m/a"}},
		{ImportPath: "example.com/m/c", Dir: filepath.Join(dir, "c"), Root: true, Module: mod, GoFiles: []string{filepath.Join(dir, "c/c.go")}, EmbedFiles: []string{filepath.Join(dir, "c/data/x.txt")}},
	}
	return dir, pkgs
}

// age dates every file under dir an hour before the test started, the
// same time at each call: a modification time is part of some keys.
func age(t *testing.T, dir string) {
	t.Helper()
	old := testStart.Add(-time.Hour)
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

var testStart = time.Now()

func keysOf(t *testing.T, dir string, pkgs []load.Package) (map[string]Key, bool) {
	t.Helper()
	dirs := map[string]bool{}
	for _, p := range pkgs {
		if p.Root {
			dirs[p.Dir] = true
		}
	}
	tree, treeSettled, err := Tree(dir, dirs)
	if err != nil {
		t.Fatal(err)
	}
	run := Run{Tool: []byte("tool"), Policy: []byte("policy"), Analyzers: []string{"throttle"}, Module: dir, Tree: tree,
		Env: load.GoEnv{GOOS: "linux", GOARCH: "amd64", GOVERSION: "go1.26", GOMODCACHE: "/gomodcache"}}
	ks, err := Keys(run, pkgs)
	if err != nil {
		t.Fatal(err)
	}
	return ks.Keys, ks.Settled && treeSettled
}

// changed lists the root packages whose keys differ.
func changed(before, after map[string]Key) []string {
	var out []string
	for _, p := range []string{"example.com/m/a", "example.com/m/b", "example.com/m/c"} {
		if before[p] != after[p] {
			out = append(out, p[len("example.com/m/"):])
		}
	}
	return out
}

func TestKeysFollowInputs(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		want   []string // the packages whose keys change
	}{
		{"nothing", func(*testing.T, string) {}, nil},
		{"a body in a", func(t *testing.T, dir string) { appendTo(t, dir, "a/a.go", "// more\n") }, []string{"a", "b"}},
		{"a body in b", func(t *testing.T, dir string) { appendTo(t, dir, "b/b.go", "// more\n") }, []string{"b"}},
		{"a test file of a", func(t *testing.T, dir string) { appendTo(t, dir, "a/a_test.go", "// more\n") }, []string{"a", "b"}},
		{"an embedded file of c", func(t *testing.T, dir string) { appendTo(t, dir, "c/data/x.txt", "more\n") }, []string{"c"}},
		// The attribution analyzer reads every Go file's header, and
		// license files, across packages.
		{"a header in c", func(t *testing.T, dir string) { prependTo(t, dir, "c/c.go", "// Copyright someone else\n") }, []string{"a", "b", "c"}},
		{"the license", func(t *testing.T, dir string) { appendTo(t, dir, "LICENSE", "more\n") }, []string{"a", "b", "c"}},
		{"a new notices file", func(t *testing.T, dir string) { write(t, dir, "NOTICE", "x\n") }, []string{"a", "b", "c"}},
		// Directories the analyzer does not walk.
		// Files no analyzer reads across packages.
		{"a README", func(t *testing.T, dir string) { write(t, dir, "README.md", "# m\n") }, nil},
		{"a picture next to c", func(t *testing.T, dir string) { write(t, dir, "c/logo.png", "png") }, []string{"c"}},
		{"a license in LICENSES", func(t *testing.T, dir string) { write(t, dir, "LICENSES/MIT.txt", "x\n") }, []string{"a", "b", "c"}},
		{"go.mod", func(t *testing.T, dir string) { appendTo(t, dir, "go.mod", "require example.org/dep v1.2.0\n") }, []string{"a", "b", "c"}},
		{"a Go file in a folder with no package", func(t *testing.T, dir string) { write(t, dir, "tools/x_test.go", "package tools\n") }, []string{"a", "b", "c"}},
		{"testdata", func(t *testing.T, dir string) { appendTo(t, dir, "testdata/t.go", "// x\n") }, nil},
		{"a nested module", func(t *testing.T, dir string) { appendTo(t, dir, "nested/n.go", "// x\n") }, nil},
		{"a dot folder", func(t *testing.T, dir string) { appendTo(t, dir, ".hidden/notes.md", "x\n") }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, pkgs := module(t)
			before, _ := keysOf(t, dir, pkgs)
			if len(before) != 3 {
				t.Fatalf("keys for %d packages, want the 3 roots", len(before))
			}
			tt.change(t, dir)
			age(t, dir)
			after, settled := keysOf(t, dir, pkgs)
			if !settled {
				t.Error("unsettled after dating every file an hour ago")
			}
			got := changed(before, after)
			if !equal(got, tt.want) {
				t.Errorf("keys changed for %v, want %v", got, tt.want)
			}
		})
	}
}

func TestKeysRunInputs(t *testing.T) {
	dir, pkgs := module(t)
	base, _ := keysOf(t, dir, pkgs)
	// A dependency in the module cache is named by its version.
	pkgs[1].Module = &packages.Module{Path: "example.org/dep", Version: "v1.3.0", Dir: pkgs[1].Dir}
	bumped, _ := keysOf(t, dir, pkgs)
	if got := changed(base, bumped); !equal(got, []string{"a", "b"}) {
		t.Errorf("a new version of a's dependency changed %v, want [a b]", got)
	}
	// Go's version changes the standard library.
	dirs := map[string]bool{}
	tree, _, err := Tree(dir, dirs)
	if err != nil {
		t.Fatal(err)
	}
	run := Run{Tree: tree, Env: load.GoEnv{GOVERSION: "go1.26", GOMODCACHE: "/gomodcache"}}
	ks1, err := Keys(run, pkgs)
	if err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(*Run){
		"go version":  func(r *Run) { r.Env.GOVERSION = "go1.27" },
		"GOOS":        func(r *Run) { r.Env.GOOS = "windows" },
		"policy":      func(r *Run) { r.Policy = []byte("other") },
		"executable":  func(r *Run) { r.Tool = []byte("other") },
		"analyzers":   func(r *Run) { r.Analyzers = []string{"attribution"} },
		"module dir":  func(r *Run) { r.Module = "/elsewhere" },
		"environment": func(r *Run) { r.Getenv = []string{"TOSLINT_KEY_TEST"}; os.Setenv("TOSLINT_KEY_TEST", "1") },
	} {
		r := run
		edit(&r)
		ks2, err := Keys(r, pkgs)
		if err != nil {
			t.Fatal(err)
		}
		if ks1.Keys["example.com/m/c"] == ks2.Keys["example.com/m/c"] {
			t.Errorf("a change of %s left the keys as they were", name)
		}
	}
	os.Unsetenv("TOSLINT_KEY_TEST")
}

func TestKeysErrors(t *testing.T) {
	dir, pkgs := module(t)
	pkgs[2].Error = "a.go:1:1: expected 'package'"
	keys, _ := keysOf(t, dir, pkgs)
	if _, ok := keys["example.com/m/a"]; ok {
		t.Error("a package with an error has a key")
	}
	if _, ok := keys["example.com/m/b"]; ok {
		t.Error("a package importing one with an error has a key")
	}
	if _, ok := keys["example.com/m/c"]; !ok {
		t.Error("an unrelated package lost its key")
	}
	// A file that vanished between go list and the key: an error, so
	// the run goes on without the cache.
	_, pkgs = module(t)
	pkgs[4].GoFiles = append(pkgs[4].GoFiles, filepath.Join(dir, "c", "gone.go"))
	if _, err := Keys(Run{}, pkgs); err == nil {
		t.Error("Keys with a missing file succeeded")
	}
}

func TestUnsettled(t *testing.T) {
	dir, pkgs := module(t)
	write(t, dir, "c/notes.txt", "just written\n")
	if _, settled := keysOf(t, dir, pkgs); settled {
		t.Error("a file written just now left the tree settled")
	}
}

// A file saved while the analyzers ran: what they saw may not be what
// the key says, so nothing is stored.
func TestUnchanged(t *testing.T) {
	dir, pkgs := module(t)
	ks, err := Keys(Run{Env: load.GoEnv{GOMODCACHE: "/gomodcache"}}, pkgs)
	if err != nil {
		t.Fatal(err)
	}
	if !ks.Unchanged() {
		t.Fatal("Unchanged is false with no file touched")
	}
	write(t, dir, "b/b.go", "package b\n")
	if ks.Unchanged() {
		t.Error("Unchanged is true after b.go was rewritten")
	}
}

func TestReadHeader(t *testing.T) {
	tests := []struct{ src, want string }{
		{"package a\n", ""},
		{"// Copyright x\n\npackage a\n", "// Copyright x\n\n"},
		{"/* block\n*/\n//go:build linux\n\npackage a", "/* block\n*/\n//go:build linux\n\n"},
		{"// only a comment", "// only a comment"},
		{"/* unterminated", "/* unterminated"},
		{"\ufeffpackage a", ""},
		{"  \t\r\n", "  \t\r\n"},
	}
	buf := make([]byte, maxHead)
	for _, tt := range tests {
		name := filepath.Join(t.TempDir(), "f.go")
		if err := os.WriteFile(name, []byte(tt.src), 0o666); err != nil {
			t.Fatal(err)
		}
		got, err := readHeader(name, buf)
		if err != nil || string(got) != tt.want {
			t.Errorf("readHeader(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}

func FuzzReadHeader(f *testing.F) {
	for _, s := range []string{"package a", "// c\npackage a", "/* x */ package a", "/* x", "//", "\n\n"} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	buf := make([]byte, maxHead)
	f.Fuzz(func(t *testing.T, src []byte) {
		name := filepath.Join(dir, "f.go")
		if err := os.WriteFile(name, src, 0o666); err != nil {
			t.Fatal(err)
		}
		got, err := readHeader(name, buf)
		if err != nil {
			t.Fatal(err)
		}
		limit := min(len(src), maxHead)
		if len(got) > limit || string(got) != string(src[:len(got)]) {
			t.Fatalf("header %q is not a prefix of the first %d bytes", got, limit)
		}
		// What follows the header starts a token: not a space or a
		// comment.
		if len(got) < limit {
			rest := src[len(got):limit]
			if c := rest[0]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || len(rest) > 1 && c == '/' && (rest[1] == '/' || rest[1] == '*') {
				t.Fatalf("header %q stops before %q", got, rest)
			}
		}
	})
}

func appendTo(t *testing.T, dir, name, s string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, name, string(data)+s)
}

func prependTo(t *testing.T, dir, name, s string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, name, s+string(data))
}

func write(t *testing.T, dir, name, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o666); err != nil {
		t.Fatal(err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A Go file saved a moment ago is hashed by content: the run that follows
// may store its findings (a test file or a picture saved a moment ago is
// only stat'ed, and keeps it from storing: TestUnsettled).
func TestJustSavedGoFileSettles(t *testing.T) {
	dir, pkgs := module(t)
	appendTo(t, dir, "b/b.go", "// saved just now\n")
	if _, settled := keysOf(t, dir, pkgs); !settled {
		t.Error("a Go file of a package, saved just now, left the keys unsettled")
	}
	appendTo(t, dir, "a/a_test.go", "// saved just now\n")
	if _, settled := keysOf(t, dir, pkgs); settled {
		t.Error("a test file saved just now left the keys settled")
	}
}
