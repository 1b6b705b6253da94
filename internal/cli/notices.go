package cli

import (
	"context"
	"flag"
	"fmt"
	"go/build"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/toslint/toslint/analyzers/attribution"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/licenseid"
	"github.com/toslint/toslint/internal/load"
)

const noticesSynopsis = `Usage: toslint notices [-w] [-config FILE] [package pattern ...]  (default ./...)

Prints the notice entries the module's notices file lacks, one per
copyright holder (TOS202) or dependency (TOS205): the holder's copyright
line with its years, the license the files state, the files grouped by
folder and where they came from. The license texts the module lacks are
copied from a license file of the module (or of the Go distribution) that
carries them. What a notice cannot do (attribution records, web sources
whose author and license only a person can find, texts found nowhere) is
printed on stderr, once per license.
With -w, appends the entries and texts to the notices file at the module
root (NOTICE, created when there is none), atomically.`

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
	n := newNotices(root)
	paste := n.render(entries)
	fmt.Fprint(stdout, paste)
	if manual := n.manual(); manual != "" {
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
		if err := writeAtomicNew(file, append(old, []byte(sep+paste)...)); err != nil {
			return 0, fmt.Errorf("writing %s: %w", relTo(wd, file), err)
		}
		fmt.Fprintf(stderr, "toslint: appended %d entries and %d license texts to %s\n", n.written, len(n.texts), relTo(wd, file))
	}
	return ExitOK, nil
}

// noticesFile returns the module's notices file, or NOTICE to create.
func noticesFile(root string) string {
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if !e.IsDir() && licenseid.IsNoticesFile(e.Name()) {
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

// notices renders entries for one module.
type notices struct {
	root    string
	texts   []noticeText    // license texts to append, in order
	missing map[string]bool // license ids whose text is found nowhere
	lines   []string        // manual steps for stderr
	written int             // entries rendered
}

type noticeText struct {
	id, from string
	body     []byte
}

func newNotices(root string) *notices {
	return &notices{root: root, missing: map[string]bool{}}
}

func (n *notices) rel(f string) string {
	if r, err := filepath.Rel(n.root, f); err == nil {
		return filepath.ToSlash(r)
	}
	return f
}

// noticeGroup is one entry: a holder (or dependency) with its files.
type noticeGroup struct {
	rule, holder, source, unit string
	sources                    map[string]string // file -> the file it copies (generated copies)
	years                      []int
	licenses, needText         []string
	files                      map[string][]string // folder -> file names
}

var yearRx = regexp.MustCompile(`(?:19|20)\d\d`)

// render returns the text to append to the notices file: one paragraph
// per holder, then the license texts the module lacks.
func (n *notices) render(entries []attribution.Entry) string {
	groups := map[string]*noticeGroup{}
	var order []string
	for _, e := range entries {
		switch e.Rule {
		case "TOS201":
			n.lines = append(n.lines, fmt.Sprintf("add an attribution record (ATTRIBUTION.md: title, author, source link, license link, changes) in %s for its %s content", n.rel(e.File), e.License))
			continue
		case "TOS204":
			n.lines = append(n.lines, fmt.Sprintf("name the author and the license of the code %s takes from %s, in its comment or in the notices file", n.rel(e.File), e.Source))
			continue
		case "TOS203":
			n.needText(e.NeedText, "")
			continue
		}
		key := e.Rule + "|" + strings.ToLower(e.Holder) + "|" + e.Unit
		g := groups[key]
		if g == nil {
			g = &noticeGroup{rule: e.Rule, holder: e.Holder, unit: e.Unit, files: map[string][]string{}, sources: map[string]string{}}
			groups[key] = g
			order = append(order, key)
		}
		for _, y := range yearRx.FindAllString(e.Years, -1) {
			v, _ := strconv.Atoi(y)
			g.years = append(g.years, v)
		}
		for _, l := range strings.Split(e.License, " AND ") {
			g.licenses = appendNew(g.licenses, l)
		}
		for _, l := range strings.Split(e.NeedText, " AND ") {
			g.needText = appendNew(g.needText, l)
		}
		switch {
		case e.Rule == "TOS202" && e.Source != "" && e.File != "":
			g.sources[n.rel(e.File)] = e.Source
		case g.source == "":
			g.source = e.Source
		}
		if e.File != "" {
			dir, file := filepath.Split(n.rel(e.File))
			dir = strings.TrimSuffix(dir, "/")
			if dir == "" {
				dir = "."
			}
			if !slices.Contains(g.files[dir], file) {
				g.files[dir] = append(g.files[dir], file)
			}
		}
	}
	slices.Sort(order)
	for _, k := range order { // find the texts first: an entry may share another's
		for _, id := range groups[k].needText {
			n.needText(id, groups[k].holder)
		}
	}
	var b strings.Builder
	for _, k := range order {
		n.renderGroup(&b, groups[k])
	}
	for _, t := range n.texts {
		fmt.Fprintf(&b, "%s\n%s, copied from %s:\n\n%s\n", strings.Repeat("-", 72), t.id, t.from, strings.TrimRight(string(t.body), "\n"))
	}
	return b.String()
}

func appendNew(s []string, v string) []string {
	if v == "" || slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

func (n *notices) renderGroup(b *strings.Builder, g *noticeGroup) {
	n.written++
	fmt.Fprintf(b, "%s\n", g.holder)
	if g.rule == "TOS205" {
		fmt.Fprintf(b, "  Module dependency compiled into the commands of this module.\n")
	} else {
		fmt.Fprintf(b, "  Copyright %s%s\n", yearSpan(g.years), g.holder)
	}
	for _, l := range g.licenses {
		fmt.Fprintf(b, "  License: %s%s\n", l, n.whereText(l, g))
	}
	if len(g.licenses) == 0 {
		fmt.Fprintf(b, "  License: not stated in these files; see the upstream's license\n")
		n.lines = append(n.lines, fmt.Sprintf("find the license of the code by %s (its files state none) and add it to its NOTICE entry", g.holder))
	}
	if g.unit != "" {
		fmt.Fprintf(b, "  Folder: %s\n", n.rel(g.unit))
	}
	if g.source != "" {
		fmt.Fprintf(b, "  Source: %s\n", g.source)
	}
	var copied []string
	for f, src := range g.sources {
		if src != "bundle" {
			copied = append(copied, fmt.Sprintf("  %s is a copy of %s\n", f, src))
		}
	}
	slices.Sort(copied)
	b.WriteString(strings.Join(copied, ""))
	dirs := make([]string, 0, len(g.files))
	for d := range g.files {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs)
	for _, d := range dirs {
		slices.Sort(g.files[d])
		fmt.Fprintf(b, "  Files in %s: %s\n", d, strings.Join(g.files[d], ", "))
	}
	b.WriteString("\n")
	if slices.Contains(g.licenses, "Apache-2.0") {
		n.lines = append(n.lines, "code under Apache-2.0 is listed: if its upstream ships a NOTICE file, copy that file's attribution notices into yours (Apache-2.0 section 4(d))")
	}
}

// yearSpan renders the years of a holder's statements ("2009-2021 ").
func yearSpan(years []int) string {
	if len(years) == 0 {
		return ""
	}
	lo, hi := slices.Min(years), slices.Max(years)
	if lo == hi {
		return fmt.Sprintf("%d ", lo)
	}
	return fmt.Sprintf("%d-%d ", lo, hi)
}

// whereText says where the text of a license is: appended below (copied
// from a file that has it) or still to add.
func (n *notices) whereText(id string, g *noticeGroup) string {
	if !slices.Contains(g.needText, id) {
		if slices.ContainsFunc(n.texts, func(t noticeText) bool { return t.id == id }) {
			return " (text at the end of this file)"
		}
		return ""
	}
	if n.needText(id, g.holder) {
		return " (text at the end of this file)"
	}
	return fmt.Sprintf(" (add its text as LICENSES/%s.txt)", id)
}

// needText finds a copy of a license text the module lacks, once per
// license: a license file of the module that has it (one naming the
// holder first), else the Go distribution's LICENSE for the Go Authors'
// BSD-3-Clause. It reports whether a copy was found.
func (n *notices) needText(ids, holder string) bool {
	found := true
	for _, id := range strings.Split(ids, " AND ") {
		if id == "" || slices.ContainsFunc(n.texts, func(t noticeText) bool { return t.id == id }) {
			continue
		}
		if n.missing[id] {
			found = false
			continue
		}
		if t, ok := n.findText(id, holder); ok {
			n.texts = append(n.texts, t)
			continue
		}
		n.missing[id] = true
		n.lines = append(n.lines, fmt.Sprintf("the text of %s is in no file of this module: add it as LICENSES/%s.txt (one copy serves every entry under it)", id, id))
		found = false
	}
	return found
}

func (n *notices) findText(id, holder string) (noticeText, bool) {
	var best noticeText
	_ = filepath.WalkDir(n.root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != n.root && (d.Name() == "vendor" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !licenseid.IsLicenseFile(d.Name()) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil || licenseid.Identify(data) != id || len(licenseid.FullTexts(data)) != 1 {
			return nil // a concatenation is no single text to copy
		}
		t := noticeText{id: id, from: n.rel(p), body: data}
		named := holder != "" && strings.Contains(strings.ToLower(string(data)), strings.ToLower(holder))
		if best.body == nil || named {
			best = t
		}
		if named {
			return filepath.SkipAll
		}
		return nil
	})
	if best.body == nil && id == "BSD-3-Clause" && strings.EqualFold(holder, "The Go Authors") {
		if data, err := os.ReadFile(filepath.Join(build.Default.GOROOT, "LICENSE")); err == nil && licenseid.Identify(data) == id {
			best = noticeText{id: id, from: "the Go distribution's LICENSE", body: data}
		}
	}
	return best, best.body != nil
}

// manual returns the steps a notices file cannot do, one line each.
func (n *notices) manual() string {
	slices.Sort(n.lines)
	var m strings.Builder
	for _, l := range slices.Compact(n.lines) {
		fmt.Fprintf(&m, "toslint: also %s\n", l)
	}
	return m.String()
}
