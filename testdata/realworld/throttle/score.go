//go:build ignore

// Command score measures the throttle analyzer on real repositories
// against hand labels. It fetches nothing: each repository must already
// be exported under the corpora directory as <owner>+<name> (see
// labels.csv for the commits); absent trees are skipped.
//
//	go run ./testdata/realworld/throttle/score.go [-corpora /work/corpora] [-toslint path]
//
// It runs `toslint check -only go -format json ./...` in each module that
// holds a labelled file, then reports:
//
//   - flagged x/y: flag rows with a TOS101–TOS104 finding in their line range;
//   - quiet x/y: quiet rows with none (TOS105, an information about a throttle
//     whose rate is not a constant, does not count as a flag);
//   - precision over every TOS10x finding, from judgements.csv (our reading
//     of each finding: tp or fp); findings without a judgement are listed.
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type label struct {
	repo, commit, file string
	start, end         int
	flag               bool
	reason             string
}

type finding struct {
	Rule    string `json:"rule"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func main() {
	corpora := flag.String("corpora", envOr("TOSLINT_CORPORA", "/work/corpora"), "directory holding <owner>+<name> trees")
	toslint := flag.String("toslint", "", "toslint binary (default: built from this module)")
	flag.Parse()
	here := filepath.Dir(os.Args[0])
	if _, err := os.Stat("testdata/realworld/throttle/labels.csv"); err == nil {
		here = "testdata/realworld/throttle"
	}
	labels, err := readLabels(filepath.Join(here, "labels.csv"))
	check(err)
	judged, err := readJudgements(filepath.Join(here, "judgements.csv"))
	check(err)
	if *toslint == "" {
		dir, err := os.MkdirTemp("", "score")
		check(err)
		defer os.RemoveAll(dir)
		*toslint = filepath.Join(dir, "toslint")
		cmd := exec.Command("go", "build", "-o", *toslint, "./cmd/toslint")
		cmd.Stderr = os.Stderr
		check(cmd.Run())
	}

	byRepo := map[string][]label{}
	var repos []string
	for _, l := range labels {
		if byRepo[l.repo] == nil {
			repos = append(repos, l.repo)
		}
		byRepo[l.repo] = append(byRepo[l.repo], l)
	}
	var flagged, flags, quiet, quiets, tp, fp, unjudged int
	for _, repo := range repos {
		root := filepath.Join(*corpora, strings.Replace(repo, "/", "+", 1))
		if _, err := os.Stat(root); err != nil {
			fmt.Printf("%s: skipped (no tree at %s)\n", repo, root)
			continue
		}
		if c, err := os.ReadFile(root + ".commit"); err == nil && strings.TrimSpace(string(c)) != byRepo[repo][0].commit {
			fmt.Printf("%s: tree is at %s, labels are for %s\n", repo, strings.TrimSpace(string(c)), byRepo[repo][0].commit)
		}
		findings := map[string][]finding{} // by repository-relative file
		for _, mod := range modules(root, byRepo[repo]) {
			fs, err := run(*toslint, filepath.Join(root, mod))
			if err != nil {
				fmt.Printf("%s: %s: %v\n", repo, mod, err)
				continue
			}
			for _, f := range fs {
				if !strings.HasPrefix(f.Rule, "TOS10") {
					continue
				}
				f.File = filepath.ToSlash(filepath.Join(mod, f.File))
				findings[f.File] = append(findings[f.File], f)
			}
		}
		// Each finding belongs to the narrowest labelled range around it
		// (a loop nested in a labelled loop has a range of its own).
		owner := map[finding]int{}
		for i, l := range byRepo[repo] {
			for _, f := range findings[l.file] {
				if f.Line < l.start || f.Line > l.end {
					continue
				}
				if j, ok := owner[f]; !ok || l.end-l.start < byRepo[repo][j].end-byRepo[repo][j].start {
					owner[f] = i
				}
			}
		}
		for i, l := range byRepo[repo] {
			hit := false
			for _, f := range findings[l.file] {
				if j, ok := owner[f]; ok && j == i && f.Rule != "TOS105" {
					hit = true
				}
			}
			switch {
			case l.flag:
				flags++
				if hit {
					flagged++
				} else {
					fmt.Printf("  missed  %s %s:%d-%d (%s)\n", repo, l.file, l.start, l.end, l.reason)
				}
			default:
				quiets++
				if !hit {
					quiet++
				} else {
					fmt.Printf("  noisy   %s %s:%d-%d (%s)\n", repo, l.file, l.start, l.end, l.reason)
				}
			}
		}
		var files []string
		for f := range findings {
			files = append(files, f)
		}
		sort.Strings(files)
		for _, file := range files {
			for _, f := range findings[file] {
				switch judged[fmt.Sprintf("%s|%s|%d|%s", repo, file, f.Line, f.Rule)] {
				case "tp":
					tp++
				case "fp":
					fp++
					fmt.Printf("  false   %s %s:%d %s\n", repo, file, f.Line, f.Rule)
				default:
					unjudged++
					fmt.Printf("  unjudged %s,%s,%d,%s: %s\n", repo, file, f.Line, f.Rule, f.Message)
				}
			}
		}
	}
	fmt.Printf("flagged %d/%d  quiet %d/%d", flagged, flags, quiet, quiets)
	if tp+fp > 0 {
		fmt.Printf("  precision %d/%d = %.3f", tp, tp+fp, float64(tp)/float64(tp+fp))
	}
	if unjudged > 0 {
		fmt.Printf("  (%d findings not judged)", unjudged)
	}
	fmt.Println()
}

// modules returns the module directories (relative to root) that hold the
// labelled files: the nearest go.mod above each.
func modules(root string, ls []label) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range ls {
		dir := filepath.Dir(filepath.Join(root, l.file))
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
			if dir == root || dir == filepath.Dir(dir) {
				break
			}
			dir = filepath.Dir(dir)
		}
		rel, _ := filepath.Rel(root, dir)
		if !seen[rel] {
			seen[rel] = true
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

func run(toslint, dir string) ([]finding, error) {
	cmd := exec.Command(toslint, "check", "-only", "go", "-format", "json", "./...")
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		err = nil // findings
	}
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, stderr.String())
	}
	var report struct {
		Findings []finding `json:"findings"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		return nil, err
	}
	return report.Findings, nil
}

func readLabels(file string) ([]label, error) {
	rows, err := readCSV(file)
	if err != nil {
		return nil, err
	}
	var out []label
	for _, r := range rows {
		if len(r) != 7 || r[0] == "repo" {
			continue
		}
		start, err1 := strconv.Atoi(r[3])
		end, err2 := strconv.Atoi(r[4])
		if err1 != nil || err2 != nil || (r[5] != "flag" && r[5] != "quiet") {
			return nil, fmt.Errorf("%s: bad row %q", file, r)
		}
		out = append(out, label{repo: r[0], commit: r[1], file: r[2], start: start, end: end, flag: r[5] == "flag", reason: r[6]})
	}
	return out, nil
}

// readJudgements reads repo,file,line,rule,verdict,reason rows.
func readJudgements(file string) (map[string]string, error) {
	rows, err := readCSV(file)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rows {
		if len(r) != 6 || r[0] == "repo" {
			continue
		}
		out[fmt.Sprintf("%s|%s|%s|%s", r[0], r[1], r[2], r[3])] = r[4]
	}
	return out, nil
}

func readCSV(file string) ([][]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.FieldsPerRecord = -1
	var rows [][]string
	for {
		row, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
}

func envOr(k, d string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return d
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "score:", err)
		os.Exit(2)
	}
}
