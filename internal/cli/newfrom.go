package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/toslint/toslint/docscan"
	"github.com/toslint/toslint/internal/report"
)

// onlyNew keeps the findings on lines added or changed since rev, using
// `git diff -U0` (git itself; no diff library). Findings without a line
// (repository-level) are kept only when their file changed.
func onlyNew(ctx context.Context, root, rev string, fs []report.Finding) ([]report.Finding, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("-new-from-rev: %q is not a revision", rev)
	}
	top, err := exec.CommandContext(ctx, "git", "-C", root, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev needs a git repository: %s is not in one", root)
	}
	gitRoot := strings.TrimSpace(string(top))
	cmd := exec.CommandContext(ctx, "git", "-C", gitRoot, "diff", "--no-color", "--no-ext-diff", "-U0", "--relative", rev, "--")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev: git diff %s: %s", rev, strings.TrimSpace(stderr.String()))
	}
	changed, err := parseDiff(out)
	if err != nil {
		return nil, err
	}
	untracked, err := exec.CommandContext(ctx, "git", "-C", gitRoot, "ls-files", "--others", "--exclude-standard", "-z").Output()
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev: git ls-files: %w", err)
	}
	for _, f := range strings.Split(string(untracked), "\x00") {
		if f != "" {
			changed[f] = nil // every line is new
		}
	}
	// Repository-level findings depend on the README, license and notices
	// files and on the docs as a whole: they are new when one of those
	// changed.
	docsChanged := false
	for f := range changed {
		docsChanged = docsChanged || docscan.RepoLevel(path.Base(f)) || strings.HasSuffix(strings.ToLower(f), ".md")
	}
	var keep []report.Finding
	for _, f := range fs {
		if repoLevelRules[f.Rule] {
			if docsChanged {
				keep = append(keep, f)
			}
			continue
		}
		rel, err := filepath.Rel(gitRoot, f.Pos.Filename)
		if err != nil {
			continue
		}
		lines, ok := changed[filepath.ToSlash(rel)]
		if !ok {
			continue
		}
		if lines == nil || f.Pos.Line == 0 || lines[f.Pos.Line] {
			keep = append(keep, f)
		}
	}
	return keep, nil
}

// repoLevelRules are reported about the repository as a whole (at line 1
// of the README), not about a line.
var repoLevelRules = map[string]bool{
	"TOS301": true, "TOS303": true, "TOS304": true, "TOS305": true, "TOS306": true,
	"TOS307": true, "TOS308": true, "TOS310": true, "TOS405": true,
}

// mergeBase returns the merge base of HEAD and branch.
func mergeBase(ctx context.Context, root, branch string) (string, error) {
	if strings.HasPrefix(branch, "-") {
		return "", fmt.Errorf("-new-from-merge-base: %q is not a branch", branch)
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "git", "-C", root, "merge-base", "HEAD", branch)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("-new-from-merge-base: git merge-base HEAD %s: %s", branch, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// parseDiff returns, per file (slash path from the repository root), the
// set of new-side line numbers added or changed. A nil set means the whole
// file is new.
func parseDiff(diff []byte) (map[string]map[int]bool, error) {
	changed := map[string]map[int]bool{}
	var cur string
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if name == "/dev/null" {
				cur = ""
				continue
			}
			cur = strings.TrimPrefix(name, "b/")
			if changed[cur] == nil {
				changed[cur] = map[int]bool{}
			}
		case strings.HasPrefix(line, "@@ ") && cur != "":
			// @@ -a,b +c,d @@
			fields := strings.Fields(line)
			if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
				return nil, fmt.Errorf("-new-from-rev: cannot read diff hunk %q", line)
			}
			startS, countS, hasCount := strings.Cut(fields[2][1:], ",")
			start, err := strconv.Atoi(startS)
			if err != nil {
				return nil, fmt.Errorf("-new-from-rev: cannot read diff hunk %q", line)
			}
			count := 1
			if hasCount {
				if count, err = strconv.Atoi(countS); err != nil {
					return nil, fmt.Errorf("-new-from-rev: cannot read diff hunk %q", line)
				}
			}
			for l := start; l < start+count; l++ {
				changed[cur][l] = true
			}
		}
	}
	return changed, sc.Err()
}
