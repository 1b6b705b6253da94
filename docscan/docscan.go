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
	// absolute path under Root as given (a symbolic link to the repository
	// stays in the paths); the caller makes them relative.
	Root string
	// Jobs is the number of files parsed in parallel (0: GOMAXPROCS; at
	// most maxJobsPerCPU times GOMAXPROCS).
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
	// Incomplete is set when the context ended before every file was
	// scanned (the user interrupted the run): Findings holds the findings
	// of the files scanned whole until then, and the repository-level
	// checks, which need every file, did not run. Scan then returns no
	// error: the caller prints what was found and says it is incomplete.
	Incomplete bool
	// Warnings are problems of the scan itself, for the user to read
	// (the CLI prints them on standard error): git could not list the
	// ignored files, so they were scanned too.
	Warnings []string
	// InternalErrors counts the files toslint itself failed on (a panic,
	// reported as TOS001 with the first frames of the stack): the run
	// went on, but the caller should exit as for an error.
	InternalErrors int
}

// skipDirs are never entered. testdata holds fixtures, as for the go tool.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, "testdata": true}

// file is one file in scope.
type file struct {
	rel      string // slash-separated, relative to the root
	markdown bool
	notice   bool // README, LICENSE, NOTICE and the like
}

// Scan walks opts.Root and checks it against pol. It stops early, with
// Result.Incomplete set, when ctx ends.
func Scan(ctx context.Context, pol *policy.Policy, opts Options) (*Result, error) {
	if opts.Directives == nil {
		opts.Directives = directive.NewSet()
	}
	// The walk runs in the real tree (filepath.WalkDir does not enter a
	// root that is a symbolic link: a repository reached through a link
	// would be scanned empty); findings keep the root as given.
	realRoot, err := filepath.EvalSymlinks(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("resolving %s: %w", opts.Root, unwrapPathErr(err))
	}
	s := &scan{pol: pol, opts: opts, realRoot: realRoot, licenseDirs: map[string]bool{},
		limits: pol.Limits(), inFlight: map[string]*[]report.Finding{}, abandoned: map[string]bool{}}
	s.setupRules()
	s.policyRoot = pol.Root()
	if r, err := filepath.EvalSymlinks(s.policyRoot); err == nil {
		s.policyRoot = r
	}
	repoLevel := len(opts.Files) == 0
	for _, f := range opts.Files {
		repoLevel = repoLevel || RepoLevel(filepath.Base(f))
	}
	var files []file
	keep := map[string]bool{} // with opts.Files: their rel paths
	if repoLevel {
		if files, err = s.walk(ctx); err != nil {
			return nil, err
		}
	}
	for _, f := range opts.Files {
		rel, ok := s.relPath(f)
		if !ok {
			continue
		}
		keep[rel] = true
		name := path.Base(rel)
		if !repoLevel && (isMarkdown(name) || isNoticeFile(name)) {
			files = append(files, file{rel: rel, markdown: isMarkdown(name), notice: isNoticeFile(name)})
		}
	}
	res := &Result{}
	res.Incomplete = s.readAll(ctx, files)
	if !res.Incomplete {
		s.checkRepo(files, repoLevel)
	}
	findings := s.findings
	if len(opts.Files) > 0 {
		anchor := s.repoAnchor().Filename
		var out []report.Finding
		for _, f := range findings {
			rel, _ := filepath.Rel(opts.Root, f.Pos.Filename)
			if keep[filepath.ToSlash(rel)] || (repoLevel && (f.Pos.Filename == anchor || RepoLevel(filepath.Base(f.Pos.Filename)))) {
				out = append(out, f)
			}
		}
		findings = out
	}
	res.Findings, res.Scanned, res.Warnings, res.InternalErrors = findings, s.scanned, s.warnings, s.internalErrors
	res.Owners = s.ownerModes()
	return res, nil
}

// relPath returns the slash path of an absolute file path relative to the
// root, comparing real paths (either may be reached through a link).
func (s *scan) relPath(p string) (string, bool) {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	rel, err := filepath.Rel(s.realRoot, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

type scan struct {
	pol        *policy.Policy
	opts       Options
	realRoot   string // opts.Root with symbolic links resolved: the walk runs there
	policyRoot string // pol.Root() resolved likewise
	limits     policy.Limits

	mu             sync.Mutex
	findings       []report.Finding
	inFlight       map[string]*[]report.Finding // findings of the documents being checked, by file name
	abandoned      map[string]bool              // documents given up (watchdog, panic): their findings are dropped
	scanned        int
	warnings       []string
	internalErrors int
	licenseDirs    map[string]bool // rel dirs that hold a license file
	docs           []*Document     // root README and notice files, parsed
	plainNotice    []plainText     // notice files that are not Markdown
	hasCode        bool            // the repository holds source code (TOS305)
	docState                       // the document rules' state (trademarks.go)
	// trademarkRules is set when a trademark rule (TOS4xx) is on: with
	// none, documents are not matched against the marks at all.
	trademarkRules bool
}

type plainText struct {
	rel, text string
}

// add records a finding. A finding in a document being checked waits with
// that document's findings until the document is done (and is dropped if
// it is abandoned).
func (s *scan) add(f report.Finding) {
	if !s.pol.Enabled(f.Rule) {
		return
	}
	f.Severity = s.pol.Severity(f.Rule)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch buf := s.inFlight[f.Pos.Filename]; {
	case s.abandoned[f.Pos.Filename]:
	case buf != nil:
		*buf = append(*buf, f)
	default:
		s.findings = append(s.findings, f)
	}
}

// abs returns the path findings carry for a file.
func (s *scan) abs(rel string) string { return filepath.Join(s.opts.Root, filepath.FromSlash(rel)) }

// realPath returns the path a file is read from.
func (s *scan) realPath(rel string) string { return filepath.Join(s.realRoot, filepath.FromSlash(rel)) }

// walk lists the files in scope, sorted by path. In a git work tree the
// files git ignores (.gitignore, .git/info/exclude, the global excludes)
// are left out, as git itself decides: `git ls-files` is asked once.
func (s *scan) walk(ctx context.Context) ([]file, error) {
	var files []file
	root := s.realRoot
	ignored := s.gitIgnored(root)
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			if p == root {
				return err
			}
			s.add(report.Finding{Rule: "TOS001", Pos: token.Position{Filename: s.abs(rel)},
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
		f := file{rel: rel, markdown: isMarkdown(e.Name()), notice: isNoticeFile(e.Name())}
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
	if err != nil && ctx.Err() == nil {
		return nil, fmt.Errorf("walking %s: %w", s.opts.Root, err)
	}
	return files, nil
}

// excluded reports a path (under the real root) the configuration
// excludes; both are compared as real paths.
func (s *scan) excluded(p string) bool {
	if s.policyRoot == "" {
		return false
	}
	rel, err := filepath.Rel(s.policyRoot, p)
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
		s.add(report.Finding{Rule: "TOS001", Pos: token.Position{Filename: s.abs(rel)},
			Message: fmt.Sprintf("not scanned: broken symbolic link (%v)", unwrapPathErr(err))})
		return
	}
	if r, err := filepath.Rel(s.realRoot, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		s.add(report.Finding{Rule: "TOS001", Pos: token.Position{Filename: s.abs(rel)},
			Message: fmt.Sprintf("not scanned: symbolic link to %s, outside the repository (links are not followed out of it)", target)})
	}
}

// read returns a file's contents, or reports TOS001 and returns false.
func (s *scan) read(f file) ([]byte, bool) {
	notScanned := func(format string, args ...any) ([]byte, bool) {
		s.add(report.Finding{Rule: "TOS001", Pos: token.Position{Filename: s.abs(f.rel)},
			Message: "not scanned: " + fmt.Sprintf(format, args...)})
		return nil, false
	}
	fh, err := os.Open(s.realPath(f.rel))
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
		line, col := lineCol(data, firstInvalid(data))
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

// lineCol returns the line and byte column of offset off of data, lines
// broken by LF, CRLF or a lone CR (as parseMarkdown reads them), columns
// of the first line counted after a byte order mark.
func lineCol(data []byte, off int) (line, col int) {
	line, start := 1, 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		start = 3
	}
	for i := 0; i < off; i++ {
		if c := data[i]; c == '\n' || c == '\r' && (i+1 >= len(data) || data[i+1] != '\n') {
			line, start = line+1, i+1
		}
	}
	return line, off - start + 1
}

// gitIgnored returns a predicate for the paths git ignores under root (a
// slash path relative to root). Outside a git work tree nothing is
// ignored; in one, when git cannot answer, nothing is ignored either and a
// warning says so.
func (s *scan) gitIgnored(root string) func(rel string, dir bool) bool {
	none := func(string, bool) bool { return false }
	gitPath := filepath.Join(root, ".git")
	fi, err := os.Lstat(gitPath)
	if err != nil {
		return none
	}
	if fi.Mode().IsRegular() {
		// A worktree or submodule has a .git file that points at its git
		// directory ("gitdir: ..."); any other .git file is not git's.
		head, _ := readHead(gitPath, 8)
		if string(head) != "gitdir: " {
			return none
		}
	}
	cmd := exec.Command("git", "-C", root, "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		why := err.Error()
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			why, _, _ = strings.Cut(msg, "\n")
		}
		s.warnings = append(s.warnings, fmt.Sprintf(
			"cannot ask git which files it ignores (git ls-files: %s): the document scan includes the files that .gitignore, .git/info/exclude and the global excludes file leave out", why))
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

// readHead returns up to n bytes from the start of a file.
func readHead(name string, n int) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	return b[:k], err
}
