package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
)

// The change-aware gate (-new-from-rev, -new-from-merge-base) decides
// "new" the way code-scanning tools do: toslint runs a second time, with
// the same arguments and configuration, on a checkout of the base
// revision, and a finding is new when it has no match among the base
// revision's findings. Findings match by fingerprint (rule, file, and the
// text of the finding's line with white space folded: the SARIF partial
// fingerprint), counted, so a copy of a known finding is new; files git
// sees as renamed keep their findings. Repository-level findings (no
// license, no notices section, no trademark statement) match by rule and
// file alone: they are new only when their verdict changes.
//
// So an API call added inside a loop that had none, a limiter raised from
// 1/s to 10/s, and a deleted lim.Wait are all new (the base revision had
// no such finding), wherever the edit sits relative to the line the
// finding is reported at, and edits that leave a finding as it was never
// bring it back. The cost is a second run on the base revision.

// newFromRev is what the base run needs to repeat the current one.
type newFromRev struct {
	rev     string
	wd      string
	args    []string
	targets *targets
	policy  *policy.Policy
	flags   *checkFlags
}

// onlyNew keeps the findings that have no match in the base revision's.
func onlyNew(ctx context.Context, n newFromRev, fs []report.Finding) ([]report.Finding, error) {
	if strings.HasPrefix(n.rev, "-") {
		return nil, fmt.Errorf("-new-from-rev: %q is not a revision", n.rev)
	}
	top, err := gitCmd(ctx, n.targets.root, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev needs a git repository: %s is not in one", n.targets.root)
	}
	gitRoot := resolve(strings.TrimSpace(top))
	commit, err := gitCmd(ctx, gitRoot, "rev-parse", "--verify", "--quiet", "--end-of-options", n.rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev: %q is not a revision of %s", n.rev, gitRoot)
	}
	commit = strings.TrimSpace(commit)
	base, err := os.MkdirTemp("", "toslint-base-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(base)
	base = resolve(base)
	tree := filepath.Join(base, "tree")
	if err := checkoutTree(ctx, gitRoot, commit, base, tree); err != nil {
		return nil, fmt.Errorf("-new-from-rev: checking out %s: %w", n.rev, err)
	}
	renamed, err := renames(ctx, gitRoot, commit)
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev: %w", err)
	}
	baseFs, err := baseFindings(ctx, n, gitRoot, tree)
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev: checking %s: %w", n.rev, err)
	}
	known := map[string]int{}
	baseLines := report.NewLineSource(tree)
	for _, f := range baseFs {
		rel := relSlash(tree, f.Pos.Filename)
		text, _ := baseLines.Line(rel, f.Pos.Line)
		if to, ok := renamed[rel]; ok {
			rel = to
		}
		known[matchKey(f, rel, text)]++
	}
	lines := report.NewLineSource(gitRoot)
	var keep []report.Finding
	for _, f := range fs {
		rel := relSlash(gitRoot, f.Pos.Filename)
		text, _ := lines.Line(rel, f.Pos.Line)
		if k := matchKey(f, rel, text); known[k] > 0 {
			known[k]--
			continue
		}
		keep = append(keep, f)
	}
	return keep, nil
}

// repoLevelRules are reported about the repository as a whole (at line 1
// of the README or of the license), not about a line.
var repoLevelRules = map[string]bool{
	"TOS301": true, "TOS302": true, "TOS303": true, "TOS304": true, "TOS305": true, "TOS306": true,
	"TOS307": true, "TOS308": true, "TOS310": true, "TOS405": true,
}

// matchKey is what a finding is matched by across the two revisions.
func matchKey(f report.Finding, rel, lineText string) string {
	if repoLevelRules[f.Rule] || f.Pos.Line == 0 {
		return f.Rule + "\x00" + rel
	}
	f.Pos.Filename = rel
	return report.Fingerprint(f, lineText)
}

// baseFindings runs the check on the base tree with the current run's
// arguments and configuration. Arguments naming paths the base revision
// does not have are dropped (a file the change adds has no base
// findings).
func baseFindings(ctx context.Context, n newFromRev, gitRoot, tree string) ([]report.Finding, error) {
	toBase := func(p string) (string, bool) {
		if !within(gitRoot, p) {
			return p, false
		}
		return filepath.Join(tree, relPath(gitRoot, p)), true
	}
	wd, inRepo := toBase(n.wd)
	if !inRepo || !exists(wd) {
		return nil, nil
	}
	var args []string
	for _, orig := range n.args {
		a := orig
		if !isPathPattern(a) && !exists(filepath.Join(n.wd, a)) {
			args = append(args, a) // an import path or pattern
			continue
		}
		p := absPath(n.wd, strings.TrimSuffix(strings.TrimSuffix(a, "..."), "/"))
		mapped, ok := toBase(resolve(p))
		if !ok || !exists(mapped) {
			continue
		}
		if filepath.IsAbs(a) {
			a = mapped
			if strings.HasSuffix(orig, "...") {
				a += "/..."
			}
		}
		args = append(args, a)
	}
	if len(args) == 0 {
		return nil, nil
	}
	root, _ := toBase(n.targets.root)
	tg, err := selectTargets(wd, root, args)
	if err != nil {
		return nil, err
	}
	pol, err := basePolicy(n.policy, gitRoot, tree)
	if err != nil {
		return nil, err
	}
	flags := *n.flags
	res, err := collect(ctx, pol, tg, &flags)
	if err != nil {
		return nil, err
	}
	if res.incomplete {
		return nil, ctx.Err()
	}
	return res.findings, nil
}

// basePolicy is the current configuration, read again with its paths
// taken in the base tree, so that both runs judge by the same rules.
func basePolicy(pol *policy.Policy, gitRoot, tree string) (*policy.Policy, error) {
	root := pol.Root()
	if root == "" || !within(gitRoot, resolve(root)) {
		return pol, nil
	}
	baseRoot := filepath.Join(tree, relPath(gitRoot, resolve(root)))
	file := pol.ConfigFile()
	if file == "" {
		return config.Default(baseRoot)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return config.Parse(file, data, baseRoot)
}

// checkoutTree writes the files of commit into tree through a temporary
// index, leaving the repository's index, work tree and worktree list as
// they are.
func checkoutTree(ctx context.Context, gitRoot, commit, tmp, tree string) error {
	env := []string{"GIT_INDEX_FILE=" + filepath.Join(tmp, "index")}
	if _, err := gitEnv(ctx, gitRoot, env, "read-tree", commit); err != nil {
		return err
	}
	_, err := gitEnv(ctx, gitRoot, env, "checkout-index", "--all", "--force", "--prefix="+tree+string(filepath.Separator))
	return err
}

// renames maps the files git sees as renamed since commit (base path to
// current path, slash-separated from the repository root). The output is
// NUL-separated (-z: no quoting of unusual names), and the user's diff
// settings that change its form are overridden.
func renames(ctx context.Context, gitRoot, commit string) (map[string]string, error) {
	out, err := gitCmd(ctx, gitRoot, "-c", "diff.renames=true", "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false",
		"-c", "diff.relative=false", "-c", "core.quotePath=false",
		"diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", "--no-color", commit, "--")
	if err != nil {
		return nil, err
	}
	return parseNameStatus(out)
}

// parseNameStatus reads `git diff --name-status -z` output: a status,
// then one path, or two for renames and copies (R100, C75).
func parseNameStatus(out string) (map[string]string, error) {
	m := map[string]string{}
	fields := strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
	for i := 0; i < len(fields); i++ {
		st := fields[i]
		if st == "" {
			continue
		}
		switch st[0] {
		case 'R':
			if i+2 >= len(fields) {
				return nil, fmt.Errorf("cannot read git diff output near %q", st)
			}
			m[fields[i+1]] = fields[i+2]
			i += 2
		case 'C':
			i += 2
		default:
			i++
		}
	}
	return m, nil
}

// mergeBase returns the merge base of HEAD and branch.
func mergeBase(ctx context.Context, root, branch string) (string, error) {
	if strings.HasPrefix(branch, "-") {
		return "", fmt.Errorf("-new-from-merge-base: %q is not a branch", branch)
	}
	out, err := gitCmd(ctx, root, "merge-base", "HEAD", branch)
	if err != nil {
		return "", fmt.Errorf("-new-from-merge-base: git merge-base HEAD %s: %w", branch, err)
	}
	return strings.TrimSpace(out), nil
}

func gitCmd(ctx context.Context, dir string, args ...string) (string, error) {
	return gitEnv(ctx, dir, nil, args...)
}

// gitEnv runs git in dir; the error carries git's message.
func gitEnv(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return string(out), nil
}

// relPath returns p relative to dir (p is within dir).
func relPath(dir, p string) string {
	r, err := filepath.Rel(dir, p)
	if err != nil {
		return p
	}
	return r
}

// relSlash returns p relative to dir, slash-separated, or p itself when
// it is relative already or outside dir.
func relSlash(dir, p string) string {
	if !filepath.IsAbs(p) || !within(dir, p) {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(relPath(dir, p))
}
