package cli_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/toslint/toslint/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/cli/*.txtar")

// TestCLI runs each testdata/cli/*.txtar case in-process: the archive's
// files are written to a fresh directory, "args" holds the command line
// (one argument a line), and want.exit, want.stdout and want.stderr hold
// the expected results, with $WORK for the directory. Optional sections:
// "cwd" (the directory to run in, relative to the archive) and
// "symlinks" ("link -> target", one a line).
func TestCLI(t *testing.T) {
	files, err := filepath.Glob("../../testdata/cli/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatal("no cases", err)
	}
	for _, file := range files {
		file, _ := filepath.Abs(file) // the test changes directory
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var args []string
			want := map[string]string{}
			cwd := dir
			for _, f := range ar.Files {
				switch {
				case f.Name == "cwd": // the directory to run in, relative to the archive
					cwd = filepath.Join(dir, strings.TrimSpace(string(f.Data)))
				case f.Name == "symlinks": // "link -> target" a line
					for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
						link, target, ok := strings.Cut(l, " -> ")
						if !ok {
							t.Fatalf("symlinks: bad line %q", l)
						}
						p := filepath.Join(dir, filepath.FromSlash(link))
						must(t, os.MkdirAll(filepath.Dir(p), 0o755))
						if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
							t.Fatal(err)
						}
					}
				case f.Name == "args":
					for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
						if l != "" {
							args = append(args, l)
						}
					}
				case strings.HasPrefix(f.Name, "want."):
					want[f.Name] = string(f.Data)
				default:
					p := filepath.Join(dir, filepath.FromSlash(f.Name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			t.Chdir(cwd)
			var stdout, stderr bytes.Buffer
			code := cli.Main(context.Background(), args, &stdout, &stderr)
			got := map[string]string{
				"want.exit":   strconv.Itoa(code) + "\n",
				"want.stdout": normalize(stdout.String(), dir),
				"want.stderr": normalize(stderr.String(), dir),
			}
			if *update {
				for i, f := range ar.Files {
					if v, ok := got[f.Name]; ok {
						ar.Files[i].Data = []byte(v)
						delete(got, f.Name)
					}
				}
				for _, n := range []string{"want.exit", "want.stdout", "want.stderr"} {
					if v, ok := got[n]; ok {
						ar.Files = append(ar.Files, txtar.File{Name: n, Data: []byte(v)})
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, n := range []string{"want.exit", "want.stdout", "want.stderr"} {
				if w, ok := want[n]; !ok {
					t.Errorf("%s: missing section %s (run with -update)", file, n)
				} else if got[n] != w {
					t.Errorf("%s differs\n--- want\n%s--- got\n%s", n, w, got[n])
				}
			}
		})
	}
}

// normalize replaces the temporary directory with $WORK and the version
// with $VERSION, so that golden output is stable.
func normalize(s, dir string) string {
	real, _ := filepath.EvalSymlinks(dir)
	for _, d := range []string{dir, real} {
		if d != "" {
			s = strings.ReplaceAll(s, d, "$WORK")
		}
	}
	return strings.ReplaceAll(s, cli.Version(), "$VERSION")
}

// must stops the test on a setup error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
