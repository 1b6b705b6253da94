package cli

import (
	"fmt"
	"go/build"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/toslint/toslint/docscan"
	"github.com/toslint/toslint/internal/report"
)

// targets is what the arguments of `toslint check` select, for each engine.
//
// Arguments are taken as users and tools pass them:
//
//   - a package pattern ("./...", "./pkg/...", an import path) or a
//     directory ("." or "pkg") selects those Go packages and the document
//     scan of the whole repository;
//   - a .go file selects its package, and only the findings in that file
//     are kept (unless a pattern or directory also selects the package);
//   - a Markdown, README, license or notices file selects the document
//     checks for it; the repository-level checks (license, notices) run,
//     judged on the whole repository, when a README, license or notices
//     file is among them;
//   - any other file is ignored, so that pre-commit can pass every staged
//     file.
//
// A file outside the repository is an error.
type targets struct {
	root string // the repository: nearest .git above the first target, else go.mod

	// goByModule groups the Go patterns by the directory of the go.mod
	// that holds them ("" for none: the Go side is skipped for them).
	// Patterns are relative to that directory ("./x", "./x/..."), or
	// import paths.
	goByModule map[string][]string
	// goFiles are the .go files named (absolute); fileOnlyDirs are the
	// package directories selected only through such files, whose
	// findings are kept for the named files only.
	goFiles      map[string]bool
	fileOnlyDirs map[string]bool

	// docs says whether the document scan runs; docFiles, when not nil,
	// limits it to these files (absolute).
	docs     bool
	docFiles []string

	// notScanned reports the file arguments that are symbolic links out
	// of the repository or to nothing (TOS001).
	notScanned []report.Finding
}

// hasGo reports whether the Go side has anything to load.
func (t *targets) hasGo() bool {
	for mod, ps := range t.goByModule {
		if mod != "" && len(ps) > 0 {
			return true
		}
	}
	return false
}

// modules returns the module directories with Go patterns, sorted.
func (t *targets) modules() []string {
	var out []string
	for mod, ps := range t.goByModule {
		if mod != "" && len(ps) > 0 {
			out = append(out, mod)
		}
	}
	slices.Sort(out)
	return out
}

// selectTargets classifies the arguments (see targets). wd is absolute
// with symbolic links resolved; root is the repository, or "" to find it
// from the first argument.
func selectTargets(wd, root string, args []string) (*targets, error) {
	t := &targets{goByModule: map[string][]string{}, goFiles: map[string]bool{}, fileOnlyDirs: map[string]bool{}}
	type fileArg struct {
		arg, abs string
		broken   error // a symbolic link to nothing
	}
	var files []fileArg
	patternDirs := map[string]bool{} // directories selected by a pattern: abs, "/..." suffix for trees
	wholeRepo := false
	first := ""
	// addGo adds the package pattern for dir to its module; without a
	// module the argument is kept, for the note that says so.
	addGo := func(dir, pattern, arg string) {
		mod := findUp(dir, "go.mod")
		switch {
		case mod == "":
			pattern = arg
		case isPathPattern(pattern):
			pattern = relPattern(mod, dir, pattern)
		}
		t.goByModule[mod] = addUnique(t.goByModule[mod], pattern)
	}
	for _, arg := range args {
		if strings.Contains(arg, "...") || !isPathPattern(arg) && !exists(filepath.Join(wd, arg)) {
			// A package pattern or an import path.
			if looksLikeFile(arg) && !strings.Contains(arg, "...") {
				return nil, fmt.Errorf("%s: no such file", arg)
			}
			wholeRepo = true
			if !isPathPattern(arg) {
				t.goByModule[findUp(wd, "go.mod")] = addUnique(t.goByModule[findUp(wd, "go.mod")], arg)
				first = cmpOr(first, wd)
				continue
			}
			base := strings.TrimSuffix(strings.TrimSuffix(arg, "..."), "/")
			abs := absPath(wd, cmpOr(base, "."))
			st, err := os.Stat(abs)
			if err != nil || !st.IsDir() {
				return nil, fmt.Errorf("%s: no such file or directory", arg)
			}
			abs = resolve(abs)
			first = cmpOr(first, abs)
			patternDirs[abs+"/..."] = true
			addGo(abs, abs+"/...", arg)
			continue
		}
		abs := absPath(wd, arg)
		st, err := os.Stat(abs)
		if err != nil {
			if lst, lerr := os.Lstat(abs); lerr == nil && lst.Mode()&os.ModeSymlink != 0 {
				files = append(files, fileArg{arg, abs, err}) // a broken link: reported below
				continue
			}
			return nil, fmt.Errorf("%s: no such file or directory", arg)
		}
		if st.IsDir() {
			abs = resolve(abs)
			wholeRepo = true
			first = cmpOr(first, abs)
			patternDirs[abs] = true
			if hasGoFiles(abs) { // "." in a module root without code is not an error
				addGo(abs, abs, arg)
			}
			continue
		}
		files = append(files, fileArg{arg, abs, nil})
	}
	// The repository is the one holding the first pattern or directory,
	// else the working directory's: files are checked as parts of it.
	t.root = root
	if root == "" {
		t.root = repoRoot(cmpOr(first, wd), wd)
	}
	for _, f := range files {
		// The file must lie in the repository. A symbolic link in it that
		// leads out of it, or nowhere, is reported as the document scan
		// reports such links (TOS001): toslint never reads outside the
		// repository.
		name := filepath.Base(f.abs)
		isGo := strings.HasSuffix(name, ".go")
		checked := isGo || docscan.IsDocument(name)
		real := resolve(f.abs)
		linkDir := resolve(filepath.Dir(f.abs))
		switch {
		case !within(t.root, linkDir):
			return nil, fmt.Errorf("%s: outside the repository %s (toslint checks one repository at a time; run it there, or with -C)", f.arg, t.root)
		case f.broken != nil && checked:
			t.notScanned = append(t.notScanned, report.Finding{Rule: "TOS001", Pos: token.Position{Filename: filepath.Join(linkDir, name)},
				Message: fmt.Sprintf("not scanned: broken symbolic link (%v)", unwrapPathError(f.broken))})
			continue
		case !within(t.root, real) && checked:
			t.notScanned = append(t.notScanned, report.Finding{Rule: "TOS001", Pos: token.Position{Filename: filepath.Join(linkDir, name)},
				Message: fmt.Sprintf("not scanned: symbolic link to %s, outside the repository (links are not followed out of it)", real)})
			continue
		case !checked || f.broken != nil || !within(t.root, real):
			continue // other files: nothing to check
		}
		if isGo {
			dir := filepath.Dir(real)
			if !analysed(dir, filepath.Base(real)) {
				continue
			}
			t.goFiles[filepath.Join(resolve(filepath.Dir(f.abs)), name)] = true
			t.goFiles[real] = true
			t.fileOnlyDirs[dir] = true
			addGo(dir, dir, f.arg)
			continue
		}
		t.docFiles = addUnique(t.docFiles, real)
	}
	for dir := range t.fileOnlyDirs {
		if patternDirs[dir] || coveredByTree(patternDirs, dir) {
			delete(t.fileOnlyDirs, dir)
		}
	}
	t.docs = wholeRepo || len(t.docFiles) > 0
	if wholeRepo {
		t.docFiles = nil
	}
	return t, nil
}

// hasGoFiles reports whether dir holds a .go file.
func hasGoFiles(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !e.IsDir() {
			return true
		}
	}
	return false
}

// analysed reports whether the Go file dir/name is one the analyzers see:
// not a test, not excluded by build constraints, not under a directory
// the go tool leaves out of patterns (testdata, vendor, _x, .x).
func analysed(dir, name string) bool {
	if strings.HasSuffix(name, "_test.go") {
		return false
	}
	if mod := findUp(dir, "go.mod"); mod != "" {
		for _, elem := range strings.Split(filepath.ToSlash(relPath(mod, dir)), "/") {
			if elem == "testdata" || elem == "vendor" || strings.HasPrefix(elem, "_") || strings.HasPrefix(elem, ".") && elem != "." {
				return false
			}
		}
	}
	ok, err := build.Default.MatchFile(dir, name)
	return err == nil && ok
}

// keepGoFinding reports whether a finding in file survives the file
// selection: findings in packages selected only through .go files are
// kept for those files.
func (t *targets) keepGoFinding(file string) bool {
	if !strings.HasSuffix(file, ".go") || t.goFiles[file] {
		return true
	}
	return !t.fileOnlyDirs[filepath.Dir(file)]
}

func coveredByTree(dirs map[string]bool, dir string) bool {
	for d := range dirs {
		if tree, ok := strings.CutSuffix(d, "/..."); ok && within(tree, dir) {
			return true
		}
	}
	return false
}

// relPattern rewrites an absolute directory pattern as one relative to
// the module directory mod ("./x" or "./x/...").
func relPattern(mod, dir, pattern string) string {
	rel, err := filepath.Rel(mod, dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		return pattern // outside the module: the go tool says why
	}
	p := "./" + filepath.ToSlash(rel)
	if rel == "." {
		p = "."
	}
	if strings.HasSuffix(pattern, "/...") {
		p = strings.TrimSuffix(p, "/.") + "/..."
		if rel == "." {
			p = "./..."
		}
	}
	return p
}

// looksLikeFile reports whether a missing argument was meant as a file
// rather than an import path.
func looksLikeFile(arg string) bool {
	name := filepath.Base(arg)
	return strings.HasSuffix(name, ".go") || docscan.IsDocument(name)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func absPath(wd, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(wd, p)
}

// resolve returns p with symbolic links resolved, or p when that fails.
func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// within reports whether p is dir or below it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func addUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// isPathPattern reports whether a pattern names a path rather than an
// import path: it is absolute, or starts with . or .., as for the go tool.
func isPathPattern(p string) bool {
	return filepath.IsAbs(p) || p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") ||
		p == "..." || strings.HasPrefix(p, "...")
}

// repoRoot returns the repository that holds dir: the nearest ancestor
// with a .git entry, else the nearest with go.mod, else wd when dir is
// under it, else dir.
func repoRoot(dir, wd string) string {
	if d := findUp(dir, ".git"); d != "" {
		return d
	}
	if d := findUp(dir, "go.mod"); d != "" {
		return d
	}
	if within(wd, dir) {
		return wd
	}
	return dir
}

func findUp(dir, name string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
