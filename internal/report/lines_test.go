package report_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/toslint/toslint/internal/report"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDiskLines: the default LineSource reads the lines the fingerprints
// and SARIF columns are computed from. Lines break where the document
// scanner's line numbers do: LF, CRLF and a lone CR; a byte order mark is
// not text of line 1.
func TestDiskLines(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "unix.md"), "one\ntwo\nthree")
	writeFile(t, filepath.Join(root, "dos.md"), "one\r\ntwo\r\nthree\r\n")
	writeFile(t, filepath.Join(root, "mac.md"), "one\rtwo\rthree")
	writeFile(t, filepath.Join(root, "mac-end.md"), "one\rtwo\r")
	writeFile(t, filepath.Join(root, "mixed.md"), "one\r\rtwo\n\nthree")
	writeFile(t, filepath.Join(root, "bom.md"), "\uFEFFone\ntwo")
	writeFile(t, filepath.Join(root, "docs", "deep", "a.md"), "only line")
	outside := filepath.Join(t.TempDir(), "abs.go")
	writeFile(t, outside, "package p\n")

	src := report.NewLineSource(root)
	tests := []struct {
		file string
		n    int
		want string // "-" when there is no such line
	}{
		{"unix.md", 1, "one"}, {"unix.md", 2, "two"}, {"unix.md", 3, "three"}, {"unix.md", 4, "-"},
		{"unix.md", 0, "-"}, {"unix.md", -1, "-"},
		{"dos.md", 2, "two"}, {"dos.md", 3, "three"},
		{"mac.md", 2, "two"}, {"mac.md", 3, "three"},
		{"mac-end.md", 2, "two"}, {"mac-end.md", 3, ""},
		{"mixed.md", 2, ""}, {"mixed.md", 3, "two"}, {"mixed.md", 4, ""}, {"mixed.md", 5, "three"},
		{"bom.md", 1, "one"},
		{"docs/deep/a.md", 1, "only line"},
		{outside, 1, "package p"},
		{"missing.md", 1, "-"},
		{"unix.md", 3, "three"}, // again, after the others
	}
	for _, tt := range tests {
		got, ok := src.Line(tt.file, tt.n)
		if !ok {
			got = "-"
		}
		if got != tt.want {
			t.Errorf("Line(%s, %d) = %q, want %q", tt.file, tt.n, got, tt.want)
		}
	}
}

// TestDiskLinesManyFiles: findings come sorted by file, with related
// locations in other files; whatever the order, every line read is the
// file's. A file is read once while it is in use (so one run sees one
// version of it, even if an editor saves it meanwhile), and files long
// done with are let go: memory does not grow with the repository.
func TestDiskLinesManyFiles(t *testing.T) {
	root := t.TempDir()
	const files = 40
	for i := range files {
		writeFile(t, filepath.Join(root, fmt.Sprintf("f%02d.md", i)), fmt.Sprintf("f%02d line 1\nf%02d line 2\n", i, i))
	}
	src := report.NewLineSource(root)
	for pass := range 2 {
		for i := range files {
			// each file, and now and then a look back at the first one
			for _, j := range []int{i, 0} {
				name := fmt.Sprintf("f%02d.md", j)
				for n := 1; n <= 2; n++ {
					if got, _ := src.Line(name, n); got != fmt.Sprintf("f%02d line %d", j, n) {
						t.Fatalf("pass %d: Line(%s, %d) = %q", pass, name, n, got)
					}
				}
			}
		}
	}

	// Read, then changed on disk: the lines of the first read are kept.
	name := filepath.Join(root, "f39.md")
	writeFile(t, name, "rewritten\n")
	for n := 1; n <= 2; n++ {
		if got, _ := src.Line("f39.md", n); got != fmt.Sprintf("f39 line %d", n) {
			t.Errorf("a file in use was read again: line %d = %q", n, got)
		}
	}
	// Once many other files have been read, it is read afresh.
	for i := range 20 {
		src.Line(fmt.Sprintf("f%02d.md", i), 1)
	}
	if got, _ := src.Line("f39.md", 1); got != "rewritten" {
		t.Errorf("every file read is kept: line 1 = %q, want the new text", got)
	}
}

// TestDiskLinesSizeLimit: a file larger than 64 MiB (a generated dump) is
// not read; findings in it get no line text. A file of exactly 64 MiB is
// still read. The files are sparse: nothing is written but their length.
func TestDiskLinesSizeLimit(t *testing.T) {
	root := t.TempDir()
	for name, size := range map[string]int64{"at-limit.bin": 64 << 20, "over-limit.bin": 64<<20 + 1} {
		f, err := os.Create(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	src := report.NewLineSource(root)
	if line, ok := src.Line("at-limit.bin", 1); !ok || len(line) != 64<<20 {
		t.Errorf("a 64 MiB file: ok %v, line of %d bytes; want its one line", ok, len(line))
	}
	if _, ok := src.Line("over-limit.bin", 1); ok {
		t.Error("a file over 64 MiB was read")
	}
}
