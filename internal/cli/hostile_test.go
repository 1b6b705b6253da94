package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/toslint/toslint/internal/cli"
)

// TestHostileInputs runs `toslint check -only docs` in-process on
// repositories generated here (nothing large is committed), one hostile
// shape each: inputs that made the document scanner hang, grow without
// bound or scan nothing. Each case checks the exit code, what the output
// says, and how much the run allocated (runtime.MemStats deltas, never
// durations): linear shapes stay within a budget per input byte, shapes
// over a limit cost little more than reading them.
func TestHostileInputs(t *testing.T) {
	type want struct {
		rule, file string // a finding of this rule in this file...
		line, col  int    // ...at this line and column (0: any)
		msg        string // ...whose message contains this
	}
	nested := func(n int, prefix func(int) string) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString(prefix(i) + " x\n")
		}
		return b.String()
	}
	footnotes := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "x[^%d] ", i)
		}
		b.WriteString("\n\n")
		for i := range n {
			fmt.Fprintf(&b, "[^%d]: note\n", i)
		}
		return b.String()
	}
	page := []string{"---", "title: Notes on Powershell", "---", "# Heading", "", "Using Powershell here."}
	cases := []struct {
		name   string
		files  map[string]string
		args   []string
		exit   int
		want   []want
		stderr string
		// allocation budget: bytes allocated beyond an empty run, per
		// byte of input, and the number of allocations per byte
		allocPerByte, mallocsPerByte float64
	}{{
		name:  "a line of 100,000 ampersands",
		files: map[string]string{"a.md": strings.Repeat("&", 100_000) + "\n"},
		exit:  0, allocPerByte: 8, mallocsPerByte: 0.01,
	}, {
		name:  "a line of 100,000 non-breaking space entities",
		files: map[string]string{"a.md": strings.Repeat("a&nbsp;", 100_000/7) + "\n"},
		exit:  0, allocPerByte: 32, mallocsPerByte: 0.1, // goldmark: a text node an entity
	}, {
		name:  "a line of 100,000 brackets",
		files: map[string]string{"a.md": strings.Repeat("[", 100_000) + "\n"},
		exit:  1,
		want:  []want{{"TOS001", "a.md", 1, 1, "100000 '[' characters in the paragraph at line 1, over the limit of 2000 (raise max_brackets_per_paragraph in .toslint.yml"}},
		// Over a limit: the file is read and measured, never parsed.
		allocPerByte: 3, mallocsPerByte: 0.01,
	}, {
		name:         "33,000 emphasis delimiter runs in a paragraph",
		files:        map[string]string{"a.md": strings.Repeat("*a_", 33_000) + "\n"},
		exit:         1,
		want:         []want{{"TOS001", "a.md", 1, 1, "66000 runs of '*', '_' or '~' in the paragraph at line 1, over the limit of 2000 (raise max_emphasis_per_paragraph"}},
		allocPerByte: 3, mallocsPerByte: 0.01,
	}, {
		name:         "25,000 unfinished links in a paragraph",
		files:        map[string]string{"a.md": "text\n\n" + strings.Repeat("[a](", 25_000) + "\n"},
		exit:         1,
		want:         []want{{"TOS001", "a.md", 3, 1, "25000 '[' characters in the paragraph at line 3"}},
		allocPerByte: 3, mallocsPerByte: 0.01,
	}, {
		name:         "20,000 footnotes",
		files:        map[string]string{"a.md": footnotes(20_000)},
		exit:         1,
		want:         []want{{"TOS001", "a.md", 1, 1, "20000 footnote references and definitions by line 1, over the limit of 5000 (raise max_footnotes"}},
		allocPerByte: 3, mallocsPerByte: 0.01,
	}, {
		name:         "3,000 lines of growing block quote nesting",
		files:        map[string]string{"a.md": nested(3000, func(i int) string { return strings.Repeat(">", i) })},
		exit:         1,
		want:         []want{{"TOS001", "a.md", 101, 1, "101 levels of nesting (block quotes and lists) at line 101, over the limit of 100 (raise max_nesting_depth"}},
		allocPerByte: 3, mallocsPerByte: 0.01,
	}, {
		name:         "3,000 lines of growing list nesting",
		files:        map[string]string{"a.md": nested(3000, func(i int) string { return strings.Repeat("  ", i-1) + "-" })},
		exit:         1,
		want:         []want{{"TOS001", "a.md", 101, 1, "101 levels of nesting"}},
		allocPerByte: 3, mallocsPerByte: 0.01,
	}, {
		name:         "50,000 block quote markers on one line",
		files:        map[string]string{"a.md": strings.Repeat("> ", 50_000) + "x\n"},
		exit:         1,
		want:         []want{{"TOS001", "a.md", 1, 1, "50000 levels of nesting"}},
		allocPerByte: 3, mallocsPerByte: 0.01,
	}, {
		name: "limits raised in the config apply",
		files: map[string]string{
			".toslint.yml": "max_nesting_depth: 200\nmax_brackets_per_paragraph: 200000\n",
			"a.md":         nested(150, func(i int) string { return strings.Repeat(">", i) }) + "\n" + strings.Repeat("[", 20_000) + "\n",
		},
		exit: 0, allocPerByte: 400, mallocsPerByte: 4,
	}, {
		name: "CR-only line endings, front matter and positions",
		files: map[string]string{"LICENSE": "x\n", "a.md": strings.Join(page, "\r") + "\r",
			"b.md": strings.Join(page, "\r\n") + "\r\n", "c.md": "\uFEFF" + strings.Join(page, "\n") + "\n"},
		exit: 1,
		want: []want{
			{"TOS401", "a.md", 2, 17, "altered mark `Powershell`"}, {"TOS401", "a.md", 6, 7, "altered mark `Powershell`"},
			{"TOS401", "b.md", 2, 17, ""}, {"TOS401", "b.md", 6, 7, ""},
			{"TOS401", "c.md", 2, 17, ""}, {"TOS401", "c.md", 6, 7, ""},
		},
		allocPerByte: 5000, mallocsPerByte: 50,
	}, {
		name:  "-j 1000000 on a one-file repository",
		files: map[string]string{"a.md": "# Hello\n"},
		args:  []string{"-j", "1000000"},
		exit:  0, allocPerByte: 2 << 20, mallocsPerByte: 5000,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "LICENSE"), "x\n") // no TOS301
			size := 0
			for name, body := range c.files {
				writeFile(t, filepath.Join(dir, name), body)
				size += len(body)
			}
			args := append([]string{"check", "-only", "docs", "-format", "json", "-C", dir}, c.args...)
			baseBytes, baseMallocs := baseAlloc(t)
			var res run
			alloc, mallocs := allocated(func() { res = runHostile(context.Background(), args) })
			if res.code != c.exit {
				t.Errorf("exit %d, want %d; stderr: %s", res.code, c.exit, res.stderr)
			}
			if c.stderr != "" && !strings.Contains(res.stderr, c.stderr) {
				t.Errorf("stderr %q does not say %q", res.stderr, c.stderr)
			}
			findings := res.findings(t)
			for _, w := range c.want {
				if !slices.ContainsFunc(findings, func(f jsonFinding) bool {
					return f.Rule == w.rule && f.File == w.file && (w.line == 0 || f.Line == w.line && f.Column == w.col) && strings.Contains(f.Message, w.msg)
				}) {
					t.Errorf("no %s at %s:%d:%d saying %q in\n%s", w.rule, w.file, w.line, w.col, w.msg, res.stdout)
				}
			}
			if len(c.want) == 0 && len(findings) > 0 {
				t.Errorf("want no findings, got\n%s", res.stdout)
			}
			extra := max(0, float64(alloc)-float64(baseBytes))
			if per := extra / float64(size); per > c.allocPerByte {
				t.Errorf("allocated %.1f MB beyond an empty run for %d bytes of input: %.1f a byte, budget %.1f", extra/1e6, size, per, c.allocPerByte)
			}
			extraMallocs := max(0, float64(mallocs)-float64(baseMallocs))
			if per := extraMallocs / float64(size); per > c.mallocsPerByte {
				t.Errorf("%.0f allocations beyond an empty run for %d bytes of input: %.3f a byte, budget %.3f", extraMallocs, size, per, c.mallocsPerByte)
			}
			t.Logf("%d bytes: %.1f bytes and %.3f allocations a byte beyond an empty run", size, extra/float64(size), extraMallocs/float64(size))
		})
	}
}

// TestHostileLargePage scans one 4 MB page dense in headings, lists and
// tables (max_file_size raised) in a child process: its peak RSS, less
// that of a run on a one-page repository, stays under 8 times the page
// (pages over twice pieceSize are parsed and checked in pieces). A child
// keeps the figure free of what other tests left in this process.
func TestHostileLargePage(t *testing.T) {
	if dir := os.Getenv("TOSLINT_HOSTILE_SCAN"); dir != "" {
		os.Exit(cli.Main(context.Background(), []string{"check", "-only", "docs", "-C", dir}, io.Discard, io.Discard))
	}
	if testing.Short() {
		t.Skip("a 4 MB page in a child process: skipped with -short")
	}
	var b strings.Builder
	for i := 0; b.Len() < 4<<20; i++ {
		fmt.Fprintf(&b, "## Section %d\n\nSome prose about queues, workers and [a link](https://example.test/%d), with *emphasis*,\n`code`, and a second line that wraps.\n\n- an item\n- another item\n\n| a | b |\n|---|---|\n| c | d |\n\n", i, i)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".toslint.yml"), "max_file_size: 8388608\n")
	writeFile(t, filepath.Join(dir, "big.md"), b.String())
	// No LICENSE (one TOS301 finding, exit 1): a license text licensecheck
	// does not know builds its matcher, some 100 MB, which is no part of
	// the figure.
	empty := t.TempDir()
	writeFile(t, filepath.Join(empty, "a.md"), "# A page\n")
	child := func(dir string) (exit int, rssKiB int64) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHostileLargePage$")
		cmd.Env = append(os.Environ(), "TOSLINT_HOSTILE_SCAN="+dir)
		err := cmd.Run()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			t.Skip("no peak RSS on this system")
		}
		return cmd.ProcessState.ExitCode(), ru.Maxrss
	}
	code, page := child(dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the TOS301 finding)", code)
	}
	_, base := child(empty)
	ratio := float64(page-base) * 1024 / float64(b.Len())
	t.Logf("peak RSS %.1f MiB (%.1f MiB for a one-page repository) for a %.1f MiB page: %.1f times its size",
		float64(page)/1024, float64(base)/1024, float64(b.Len())/(1<<20), ratio)
	if ratio > 8 {
		t.Errorf("peak RSS grows %.1f times the page's size, want at most 8", ratio)
	}
}

// TestHostileRepos covers the ways a scan could come back empty or stop
// without a word: a repository reached through a symbolic link, git
// failing, a cancelled run.
func TestHostileRepos(t *testing.T) {
	repo := t.TempDir()
	writeFile(t, filepath.Join(repo, "LICENSE"), "x\n")
	writeFile(t, filepath.Join(repo, "docs", "a.md"), "# Title\n\nUsing Powershell.\n")

	t.Run("through a symbolic link", func(t *testing.T) {
		link := filepath.Join(t.TempDir(), "link")
		if err := os.Symlink(repo, link); err != nil {
			t.Skip("no symbolic links:", err)
		}
		for _, args := range [][]string{{"-C", link}, {"-C", link, "./..."}} {
			res := runHostile(context.Background(), append([]string{"check", "-only", "docs", "-format", "json"}, args...))
			fs := res.findings(t)
			if res.code != 1 || len(fs) != 1 || fs[0].File != "docs/a.md" || fs[0].Rule != "TOS401" {
				t.Errorf("%v: exit %d, findings %+v; want the TOS401 in docs/a.md (stderr %s)", args, res.code, fs, res.stderr)
			}
		}
		t.Chdir(link)
		res := runHostile(context.Background(), []string{"check", "-only", "docs", "-format", "json", "./..."})
		if fs := res.findings(t); res.code != 1 || len(fs) != 1 || fs[0].File != "docs/a.md" {
			t.Errorf("cd link && check ./...: exit %d, findings %+v (stderr %s)", res.code, fs, res.stderr)
		}
	})

	t.Run("git fails", func(t *testing.T) {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("no git")
		}
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "LICENSE"), "x\n")
		writeFile(t, filepath.Join(dir, "a.md"), "# Title\n")
		writeFile(t, filepath.Join(dir, ".git"), "gitdir: "+filepath.Join(dir, "missing")+"\n") // a broken worktree link
		res := runHostile(context.Background(), []string{"check", "-only", "docs", "-C", dir})
		if !strings.Contains(res.stderr, "toslint: warning: cannot ask git which files it ignores (git ls-files: fatal:") ||
			!strings.Contains(res.stderr, "the document scan includes the files that .gitignore") || res.code != 0 {
			t.Errorf("exit %d, stderr %q: want exit 0 and a warning that ignored files are scanned", res.code, res.stderr)
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		res := runHostile(ctx, []string{"check", "-only", "docs", "-C", repo})
		if res.code != cli.ExitInterrupted || !strings.Contains(res.stderr, "toslint: interrupted, incomplete: nothing checked before the interruption") {
			t.Errorf("exit %d, stderr %q: want exit 130 and a summary that says the run is incomplete", res.code, res.stderr)
		}
	})
}

type run struct {
	code           int
	stdout, stderr string
}

type jsonFinding struct {
	Rule, File, Message string
	Line, Column        int
}

func (r run) findings(t *testing.T) []jsonFinding {
	t.Helper()
	var out struct{ Findings []jsonFinding }
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		return nil
	}
	return out.Findings
}

func runHostile(ctx context.Context, args []string) run {
	var stdout, stderr bytes.Buffer
	code := cli.Main(ctx, args, &stdout, &stderr)
	return run{code, stdout.String(), stderr.String()}
}

func writeFile(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// allocated returns the bytes and the number of allocations f makes.
func allocated(f func()) (bytes, mallocs uint64) {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc, b.Mallocs - a.Mallocs
}

var (
	baseOnce             sync.Once
	baseBytes, baseCount uint64
)

// baseAlloc is what a run on a repository with a LICENSE and nothing else
// allocates (the packs, the config, the license check, the output).
func baseAlloc(t *testing.T) (bytes, mallocs uint64) {
	baseOnce.Do(func() {
		dir, err := os.MkdirTemp("", "toslint-empty")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		writeFile(t, filepath.Join(dir, "LICENSE"), "x\n")
		runHostile(context.Background(), []string{"check", "-only", "docs", "-C", dir}) // warm up
		baseBytes, baseCount = allocated(func() {
			runHostile(context.Background(), []string{"check", "-only", "docs", "-format", "json", "-C", dir})
		})
	})
	return baseBytes, baseCount
}
