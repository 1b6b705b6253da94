package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/toslint/toslint/analyzers/attribution"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/load"
)

const noticesSynopsis = `Usage: toslint notices [-w] [-config FILE] [package pattern ...]  (default ./...)

Prints the notice entries the module's notices file lacks (TOS202 copyright
holders, TOS204 sources, TOS205 dependencies), ready to paste, and the
license texts and attribution records to add by hand (TOS203, TOS201).
With -w, appends the entries to the notices file at the module root
(NOTICE, created when there is none), atomically.`

// runNotices implements `toslint notices`.
func runNotices(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("notices", flag.ContinueOnError)
	write := fs.Bool("w", false, "append the entries to the notices file")
	configFile := fs.String("config", "", "config file (default: .toslint.yml found by walking up)")
	if err := parseFlags(fs, noticesSynopsis, args); err != nil {
		return 0, err
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	root := findUp(wd, "go.mod")
	if root == "" {
		return 0, fmt.Errorf("notices: no go.mod in %s or above", wd)
	}
	pol, err := loadPolicy(wd, *configFile)
	if err != nil {
		return 0, err
	}
	loaded, err := load.Load(ctx, &load.Config{Dir: wd}, patterns...)
	if err != nil {
		return 0, fmt.Errorf("loading packages: %w", err)
	}
	pkgs := loaded.Roots
	if err := loadErrors(pkgs, true); err != nil {
		return 0, err
	}
	a := attribution.New(pol, analysisutil.Options{ApplyDirectives: true})
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		return 0, err
	}
	var entries []attribution.Entry
	for act := range graph.All() {
		if act.IsRoot && act.Analyzer == a && act.Err == nil {
			if r, ok := act.Result.(*attribution.Result); ok {
				entries = append(entries, r.Entries...)
			}
		}
	}
	paste, manual := renderNotices(entries, root)
	fmt.Fprint(stdout, paste)
	if manual != "" {
		fmt.Fprint(stderr, manual)
	}
	if *write && paste != "" {
		file := noticesFile(root)
		old, err := os.ReadFile(file)
		if err != nil && !os.IsNotExist(err) {
			return 0, err
		}
		sep := ""
		if len(old) > 0 && !strings.HasSuffix(string(old), "\n\n") {
			sep = "\n"
			if !strings.HasSuffix(string(old), "\n") {
				sep = "\n\n"
			}
		}
		if os.IsNotExist(err) {
			if err := os.WriteFile(file, []byte(paste), 0o644); err != nil {
				return 0, err
			}
		} else if err := writeAtomic(file, append(old, []byte(sep+paste)...)); err != nil {
			return 0, err
		}
		fmt.Fprintf(stderr, "toslint: appended %d entries to %s\n", strings.Count(paste, "\n\n"), relTo(wd, file))
	}
	return ExitOK, nil
}

// noticesFile returns the module's notices file, or NOTICE to create.
func noticesFile(root string) string {
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		lower := strings.ToLower(e.Name())
		if !e.IsDir() && (strings.HasPrefix(lower, "notice") || strings.HasPrefix(lower, "thirdpartynotices") || strings.HasPrefix(lower, "third_party_notices")) {
			return filepath.Join(root, e.Name())
		}
	}
	return filepath.Join(root, "NOTICE")
}

func relTo(wd, p string) string {
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

// renderNotices groups entries: paste holds the notice entries (one
// paragraph each), manual the steps a notice line cannot do.
func renderNotices(entries []attribution.Entry, root string) (paste, manual string) {
	type group struct {
		title, license, source string
		files                  []string
	}
	groups := map[string]*group{}
	var order []string
	var manualLines []string
	rel := func(f string) string {
		if r, err := filepath.Rel(root, f); err == nil {
			return filepath.ToSlash(r)
		}
		return f
	}
	for _, e := range entries {
		switch e.Rule {
		case "TOS203":
			manualLines = append(manualLines, fmt.Sprintf("add the text of %s (LICENSES/%s.txt or in the notices file), for %s", e.License, strings.Split(e.License, ", ")[0], rel(e.File)))
			continue
		case "TOS201":
			manualLines = append(manualLines, fmt.Sprintf("add an attribution record (ATTRIBUTION.md: title, author, source link, license link, changes) in %s for its %s content", rel(e.File), e.License))
			continue
		}
		key := e.Rule + "|" + strings.ToLower(e.Holder) + "|" + e.Source
		g := groups[key]
		if g == nil {
			g = &group{title: e.Holder, license: e.License, source: e.Source}
			if g.title == "" {
				g.title = e.Source
			}
			groups[key] = g
			order = append(order, key)
		}
		if e.File != "" && !slices.Contains(g.files, rel(e.File)) {
			g.files = append(g.files, rel(e.File))
		}
		if g.license == "" {
			g.license = e.License
		}
	}
	slices.Sort(order)
	var b strings.Builder
	for _, k := range order {
		g := groups[k]
		slices.Sort(g.files)
		fmt.Fprintf(&b, "%s\n", g.title)
		if len(g.files) > 0 {
			fmt.Fprintf(&b, "  Files: %s\n", strings.Join(g.files, ", "))
		}
		if g.license != "" {
			fmt.Fprintf(&b, "  License: %s\n", g.license)
		} else {
			fmt.Fprintf(&b, "  License: (name it)\n")
		}
		if g.source != "" {
			fmt.Fprintf(&b, "  Source: %s\n", g.source)
		}
		b.WriteString("\n")
	}
	slices.Sort(manualLines)
	manualLines = slices.Compact(manualLines)
	var m strings.Builder
	for _, l := range manualLines {
		fmt.Fprintf(&m, "toslint: also %s\n", l)
	}
	return b.String(), m.String()
}
