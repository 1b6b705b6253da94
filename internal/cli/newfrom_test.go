package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.test", "-c", "commit.gpgsign=false"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestNewFromRev checks that only findings with no match in the base
// revision are reported: a new suppression without a reason in a changed
// file and an untracked file; the unchanged ones are not.
func TestNewFromRev(t *testing.T) {
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	must(t, os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("text\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Top\n\n<!-- toslint-disable-next-line TOS402 -->\nold line\n"), 0o644))
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "base")
	must(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Top\n\n<!-- toslint-disable-next-line TOS402 -->\nold line\n\n<!-- toslint-disable-next-line TOS403 -->\nnew line\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "new.md"), []byte("<!-- toslint-disable TOS401 -->\n"), 0o644))
	t.Chdir(dir)

	all, code := runIn(t, "check", "-q")
	if code != 1 || strings.Count(all, "[TOS003]") != 3 || strings.Count(all, "[TOS004]") != 3 {
		t.Fatalf("want three TOS003 findings without the filter:\n%s", all)
	}
	got, code := runIn(t, "check", "-q", "-new-from-rev", "HEAD")
	want := "README.md:6:1: toslint-disable-next-line TOS403 has no reason (add \" -- why the rule does not apply here\") [TOS003]\n" +
		"README.md:6:1: toslint-disable-next-line TOS403 suppresses nothing here (remove it) [TOS004]\n" +
		"new.md:1:1: toslint-disable TOS401 has no reason (add \" -- why the rule does not apply here\") [TOS003]\n" +
		"new.md:1:1: toslint-disable TOS401 suppresses nothing here (remove it) [TOS004]\n"
	if got != want || code != 1 {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, got, want)
	}
	if out, code := runIn(t, "check", "-new-from-rev", "no-such-rev"); code != 2 || !strings.Contains(out, `"no-such-rev" is not a revision`) {
		t.Errorf("bad revision: exit %d, %s", code, out)
	}
	if out, code := runIn(t, "check", "-new-from-rev", "--output=x"); code != 2 || !strings.Contains(out, "is not a revision") {
		t.Errorf("option as revision: exit %d, %s", code, out)
	}
}

// gateRepo is a module with a stub of golang.org/x/time/rate (a local
// replacement: no network) and a throttled loop over the mde API.
var gateRepo = map[string]string{
	"go.mod":       "module example.test/gate\n\ngo 1.22\n\nrequire golang.org/x/time v0.0.0\n\nreplace golang.org/x/time => ./xtime\n",
	"LICENSE":      "x\n",
	"xtime/go.mod": "module golang.org/x/time\n\ngo 1.22\n",
	"xtime/rate/rate.go": `// Package rate is a stub of golang.org/x/time/rate: the API shape only.
package rate

import (
	"context"
	"time"
)

type Limit float64

func Every(d time.Duration) Limit { return 1 / Limit(d.Seconds()) }

type Limiter struct{}

func NewLimiter(r Limit, b int) *Limiter          { return &Limiter{} }
func (l *Limiter) Wait(ctx context.Context) error { return nil }
`,
	"sync/sync.go": syncGo("time.Second", true, false),
}

// syncGo is a loop throttled by a limiter of the given interval (with its
// Wait when wait is set), calling the API once, or twice when extra is set.
func syncGo(interval string, wait, extra bool) string {
	var b strings.Builder
	b.WriteString("package sync\n\nimport (\n\t\"context\"\n\t\"net/http\"\n\t\"time\"\n\n\t\"golang.org/x/time/rate\"\n)\n\n")
	b.WriteString("const base = \"https://api.security.microsoft.com/api/\"\n\n")
	b.WriteString("// All fetches every machine.\nfunc All(ctx context.Context, ids []string) {\n")
	b.WriteString("\tlim := rate.NewLimiter(rate.Every(" + interval + "), 1)\n")
	b.WriteString("\tfor _, id := range ids {\n")
	if wait {
		b.WriteString("\t\tlim.Wait(ctx)\n")
	} else {
		b.WriteString("\t\t_ = lim\n")
	}
	b.WriteString("\t\thttp.Get(base + \"machines/\" + id)\n")
	if extra {
		b.WriteString("\t\thttp.Get(base + \"alerts/\" + id)\n")
	}
	b.WriteString("\t}\n}\n")
	return b.String()
}

// TestGateEdits checks the three edits a line-based gate misses: each
// adds a finding whose line did not change, and the gate reports it.
func TestGateEdits(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"call added inside the loop", syncGo("time.Second", true, true), "[TOS103]"},
		{"limiter raised from 1/s to 10/s", syncGo("100*time.Millisecond", true, false), "[TOS103]"},
		{"wait deleted", syncGo("time.Second", false, false), "[TOS101]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, gateRepo)
			git(t, dir, "init", "-q", "-b", "main")
			// The user's configuration must not change how the diff reads.
			git(t, dir, "config", "diff.mnemonicPrefix", "true")
			git(t, dir, "config", "diff.noprefix", "true")
			git(t, dir, "add", ".")
			git(t, dir, "commit", "-qm", "base")
			t.Chdir(dir)
			if out, code := runIn(t, "check", "-q", "-new-from-rev", "HEAD"); code != 0 || out != "" {
				t.Fatalf("no change: exit %d:\n%s", code, out)
			}
			writeTree(t, dir, map[string]string{"sync/sync.go": c.src})
			all, code := runIn(t, "check", "-q")
			if code != 1 || !strings.Contains(all, c.want) {
				t.Fatalf("the edit gives no %s finding at all:\n%s", c.want, all)
			}
			out, code := runIn(t, "check", "-q", "-new-from-rev", "HEAD")
			if code != 1 || !strings.Contains(out, c.want) {
				t.Errorf("the gate let it through: exit %d:\n%s", code, out)
			}
		})
	}
}

// TestGateRenameAndQuotedPath checks that a finding in a renamed file, and
// one in a file whose name git would quote, are matched to the base
// revision's and not reported again.
func TestGateRenameAndQuotedPath(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"LICENSE":            "x\n",
		"docs/old name.md":   "# Old\n\nWe used Windows Defender ATP.\n",
		"docs/\"q\" nämé.md": "# Q\n\nAlso Windows Defender ATP.\n",
	})
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "config", "core.quotePath", "true")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "base")
	git(t, dir, "mv", "docs/old name.md", "docs/new name.md")
	writeTree(t, dir, map[string]string{"docs/\"q\" nämé.md": "# Q\n\nIntro.\n\nAlso Windows Defender ATP.\n"})
	t.Chdir(dir)
	if out, code := runIn(t, "check", "-q", "-new-from-rev", "HEAD"); code != 0 || out != "" {
		t.Errorf("renamed and moved findings reported as new: exit %d:\n%s", code, out)
	}
	writeTree(t, dir, map[string]string{"docs/new name.md": "# Old\n\nWe used Windows Defender ATP.\n\nAnd Windows Defender ATP again.\n"})
	if out, code := runIn(t, "check", "-q", "-new-from-rev", "HEAD"); code != 1 || !strings.Contains(out, "docs/new name.md:5:") || strings.Count(out, "\n") != 1 {
		t.Errorf("a second copy in the renamed file: exit %d:\n%s", code, out)
	}
}
