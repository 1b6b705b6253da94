// Package docscan scans a repository's documents: Markdown pages, README,
// LICENSE and notice files. It checks the license and notice obligations
// of the rule packs (TOS3xx) and reports files it cannot scan (TOS001).
//
// Markdown is parsed with goldmark and every finding is positioned from the
// AST's byte offsets through a go/token file, so Go and Markdown findings
// share one position model. docscan never imports go/analysis.
package docscan

import (
	"bytes"
	"context"
	"fmt"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/toslint/toslint/internal/directive"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
)

// Options control a scan.
type Options struct {
	// Root is the repository root (absolute). Files are reported by
	// absolute path; the caller makes them relative.
	Root string
	// Jobs is the number of files parsed in parallel (0: GOMAXPROCS).
	Jobs int
	// Directives receives the Markdown suppression directives found.
	Directives *directive.Set
	// Files, when set, limits the scan to these files (absolute paths), as
	// a pre-commit hook passes them: their own findings only, and the
	// repository-level checks only when a README, license or notices file
	// is among them.
	Files []string
}

// RepoLevel reports whether a file name is one the repository-level
// checks depend on: README, license and notices files.
func RepoLevel(name string) bool { return isNoticeFile(name) }

// IsDocument reports whether a file name is one the scanner checks:
// Markdown, README, license and notices files.
func IsDocument(name string) bool { return isMarkdown(name) || isNoticeFile(name) }

// Result is the outcome of a scan.
type Result struct {
	Findings []report.Finding
	Scanned  int         // files read and checked
	Owners   []OwnerMode // per mark owner: checked as the owner's repository or not, and why
}

// skipDirs are never entered. testdata holds fixtures, as for the go tool.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, "testdata": true}

// file is one file in scope.
type file struct {
	abs, rel string // rel: slash-separated, relative to Root
	markdown bool
	notice   bool // README, LICENSE, NOTICE and the like
}

// Scan walks opts.Root and checks it against pol.
func Scan(ctx context.Context, pol *policy.Policy, opts Options) (*Result, error) {
	if opts.Directives == nil {
		opts.Directives = directive.NewSet()
	}
	s := &scan{pol: pol, opts: opts, licenseDirs: map[string]bool{}}
	s.setupRules()
	repoLevel := len(opts.Files) == 0
	for _, f := range opts.Files {
		repoLevel = repoLevel || RepoLevel(filepath.Base(f))
	}
	var files []file
	if repoLevel {
		all, err := s.walk()
		if err != nil {
			return nil, err
		}
		files = all
	} else {
		for _, f := range opts.Files {
			rel, err := filepath.Rel(opts.Root, f)
			if err != nil || strings.HasPrefix(rel, "..") {
				continue
			}
			name := filepath.Base(f)
			if isMarkdown(name) || isNoticeFile(name) {
				files = append(files, file{abs: f, rel: filepath.ToSlash(rel), markdown: isMarkdown(name), notice: isNoticeFile(name)})
			}
		}
	}
	if err := s.readAll(ctx, files); err != nil {
		return nil, err
	}
	s.checkRepo(files, repoLevel)
	findings := s.findings
	if len(opts.Files) > 0 {
		keep := map[string]bool{}
		for _, f := range opts.Files {
			keep[f] = true
		}
		anchor := s.repoAnchor().Filename
		var out []report.Finding
		for _, f := range findings {
			if keep[f.Pos.Filename] || (repoLevel && (f.Pos.Filename == anchor || RepoLevel(filepath.Base(f.Pos.Filename)))) {
				out = append(out, f)
			}
		}
		findings = out
	}
	return &Result{Findings: findings, Scanned: s.scanned, Owners: s.ownerModes()}, nil
}

type scan struct {
	pol  *policy.Policy
	opts Options

	mu          sync.Mutex
	findings    []report.Finding
	scanned     int
	licenseDirs map[string]bool // rel dirs that hold a license file
	docs        []*Document     // root README and notice files, parsed
	plainNotice []plainText     // notice files that are not Markdown
	hasCode     bool            // the repository holds source code (TOS305)
	docState                    // the document rules' state (trademarks.go)
}

type plainText struct {
	rel, text string
}

func (s *scan) add(f report.Finding) {
	if !s.pol.Enabled(f.Rule) {
		return
	}
	f.Severity = s.pol.Severity(f.Rule)
	s.mu.Lock()
	s.findings = append(s.findings, f)
	s.mu.Unlock()
}

func (s *scan) abs(rel string) string { return filepath.Join(s.opts.Root, filepath.FromSlash(rel)) }

// walk lists the files in scope, sorted by path. In a git work tree the
// files git ignores (.gitignore, .git/info/exclude, the global excludes)
// are left out, as git itself decides: `git ls-files` is asked once.
func (s *scan) walk() ([]file, error) {
	var files []file
	root := s.opts.Root
	ignored := gitIgnored(root)
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			if p == root {
				return err
			}
			s.add(report.Finding{Rule: "TOS001", Pos: token.Position{Filename: p},
				Message: fmt.Sprintf("not scanned: cannot read %s (%v)", kindOf(e), unwrapPathErr(err))})
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if rel != "." && (s.excluded(p) || ignored(rel, e.IsDir())) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			name := e.Name()
			if rel != "." && (skipDirs[name] || (strings.HasPrefix(name, ".") && name != ".github")) {
				return fs.SkipDir
			}
			return nil
		}
		if e.Type()&fs.ModeSymlink != 0 {
			s.symlink(p, rel)
			return nil
		}
		if !e.Type().IsRegular() {
			return nil // sockets, devices, pipes: not documents
		}
		if isCode(e.Name()) {
			s.hasCode = true
		}
		f := file{abs: p, rel: rel, markdown: isMarkdown(e.Name()), notice: isNoticeFile(e.Name())}
		dir := path.Dir(rel)
		if isLicenseFile(e.Name()) {
			s.licenseDirs[dir] = true
		}
		if path.Base(dir) == "LICENSES" {
			s.licenseDirs[path.Dir(dir)] = true
		}
		if f.markdown || f.notice {
			files = append(files, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walking %s: %w", root, err)
	}
	return files, nil
}

func (s *scan) excluded(abs string) bool {
	if s.pol.Root() == "" {
		return false
	}
	rel, err := filepath.Rel(s.pol.Root(), abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	return s.pol.Excluded(filepath.ToSlash(rel))
}

// symlink reports a link to a document that leads out of the repository;
// links inside it are scanned at their target.
func (s *scan) symlink(p, rel string) {
	name := path.Base(rel)
	if !isMarkdown(name) && !isNoticeFile(name) {
		return
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		s.add(report.Finding{Rule: "TOS001", Pos: token.Position{Filename: p},
			Message: fmt.Sprintf("not scanned: broken symbolic link (%v)", unwrapPathErr(err))})
		return
	}
	root, _ := filepath.EvalSymlinks(s.opts.Root)
	if r, err := filepath.Rel(root, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		s.add(report.Finding{Rule: "TOS001", Pos: token.Position{Filename: p},
			Message: fmt.Sprintf("not scanned: symbolic link to %s, outside the repository (links are not followed out of it)", target)})
	}
}

// readAll reads and parses the files in parallel.
func (s *scan) readAll(ctx context.Context, files []file) error {
	jobs := s.opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	work := make(chan file)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for f := range work {
				s.readOne(f)
			}
		})
	}
	var err error
loop:
	for _, f := range files {
		select {
		case work <- f:
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		}
	}
	close(work)
	wg.Wait()
	slices.SortFunc(s.docs, func(a, b *Document) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.plainNotice, func(a, b plainText) int { return strings.Compare(a.rel, b.rel) })
	return err
}

func (s *scan) readOne(f file) {
	data, ok := s.read(f)
	if !ok {
		return
	}
	s.mu.Lock()
	s.scanned++
	s.mu.Unlock()
	topLevel := !strings.Contains(f.rel, "/")
	if !f.markdown {
		if f.notice && topLevel {
			s.mu.Lock()
			s.plainNotice = append(s.plainNotice, plainText{rel: f.rel, text: string(data)})
			s.mu.Unlock()
		}
		return
	}
	keys := s.pol.ProseKeys()
	if keys == nil {
		keys = DefaultProseKeys
	}
	doc := ParseMarkdownKeys(token.NewFileSet(), f.abs, data, keys) // one file set a document: memory stays flat
	directive.MarkdownFile(s.opts.Directives, f.abs, doc.Comments)
	if fm := doc.FrontMatter; fm != nil && fm.Err != "" {
		s.add(report.Finding{Rule: "TOS002", Pos: doc.Position(fm.ErrOffset),
			Message: "front matter is not valid YAML (" + fm.Err + "); its keys were not read, the body was scanned"})
	}
	s.checkPage(doc, f.rel)
	if f.notice && topLevel {
		s.mu.Lock()
		s.docs = append(s.docs, doc)
		s.mu.Unlock()
	}
}

// read returns a file's contents, or reports TOS001 and returns false.
func (s *scan) read(f file) ([]byte, bool) {
	notScanned := func(format string, args ...any) ([]byte, bool) {
		s.add(report.Finding{Rule: "TOS001", Pos: token.Position{Filename: f.abs},
			Message: "not scanned: " + fmt.Sprintf(format, args...)})
		return nil, false
	}
	fh, err := os.Open(f.abs)
	if err != nil {
		return notScanned("cannot read file (%v)", unwrapPathErr(err))
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return notScanned("cannot read file (%v)", unwrapPathErr(err))
	}
	if limit := s.pol.MaxFileSize(); st.Size() > limit {
		return notScanned("file is %s, over the %s limit (raise max_file_size in .toslint.yml to scan it)", size(st.Size()), size(limit))
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(fh, data); err != nil {
		return notScanned("cannot read file (%v)", unwrapPathErr(err))
	}
	head := data[:min(len(data), 8000)]
	if bytes.IndexByte(head, 0) >= 0 {
		return notScanned("binary file (it holds NUL bytes)")
	}
	if !utf8.Valid(data) {
		off := firstInvalid(data)
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		col := off - bytes.LastIndexByte(data[:off], '\n')
		return notScanned("not valid UTF-8 (first bad byte at line %d, column %d); save it as UTF-8 to have it checked", line, col)
	}
	return data, true
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func kindOf(e fs.DirEntry) string {
	if e != nil && e.IsDir() {
		return "directory"
	}
	return "file"
}

// unwrapPathErr drops the path from an *fs.PathError: the finding already
// names the file.
func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// gitIgnored returns a predicate for the paths git ignores under root (a
// slash path relative to root). Outside a git work tree, or without git,
// nothing is ignored.
func gitIgnored(root string) func(rel string, dir bool) bool {
	none := func(string, bool) bool { return false }
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		return none
	}
	cmd := exec.Command("git", "-C", root, "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z")
	out, err := cmd.Output()
	if err != nil {
		return none
	}
	files, dirs := map[string]bool{}, []string{}
	for _, p := range strings.Split(string(out), "\x00") {
		switch {
		case p == "":
		case strings.HasSuffix(p, "/"):
			dirs = append(dirs, strings.TrimSuffix(p, "/"))
		default:
			files[p] = true
		}
	}
	return func(rel string, dir bool) bool {
		if files[rel] {
			return true
		}
		for _, d := range dirs {
			if rel == d || strings.HasPrefix(rel, d+"/") {
				return true
			}
		}
		return false
	}
}
