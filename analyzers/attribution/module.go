package attribution

import (
	"go/build"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/licenseid"
	"github.com/toslint/toslint/internal/policy"
)

// modInfo is what the analyzer knows of one module: read once from its
// root directory and shared by every package of the module.
type modInfo struct {
	root string // directory holding go.mod
	path string // module path

	license  string          // the module's own license: the first text of its root license file
	declared map[string]bool // every license the root license files name (the module's own)
	texts    map[string]bool // licenses whose full text the module carries for all its code

	own        map[string]bool // normalised own holders
	ownTokens  map[string]bool // their distinctive words, and the module path's
	configured bool            // copyright_holders set: own holders come from the config only

	// covered is the normalised text of the root license files, the
	// notices files and REUSE.toml: a holder or folder named there has its
	// notice carried.
	covered     string
	noticeFiles []string // root notices files, relative to root
	hasNOTICE   bool     // a NOTICE* file exists at the root (Apache-2.0 section 4(d))
	reuse       *reuseConfig

	units       map[string]*unit    // copied units by slash directory relative to root
	unitNotices map[string][]string // names of the notices and authors files of each unit
	goFiles     map[string][]string // Go files (names) by slash directory
	owner       map[string]string   // directory -> directory whose package checks it
	anchor      string              // directory whose package reports module-level problems
	voted       string              // the holder on most of the module's own files, when it counted

	problems []problem // files the module scan could not read
}

// problem is a file that could not be read or parsed.
type problem struct {
	path string
	err  error
}

// unit is a folder that carries its own LICENSE or COPYING: code copied
// from elsewhere with its license, or a part of the module under another
// license.
type unit struct {
	dir         string // slash path relative to the module root
	licenseFile string // slash path relative to the module root
	license     string // its identified license, "" when unknown
	texts       []string
	holders     []string // normalised holders named by its license, NOTICE or AUTHORS files
	// serves: by its license's terms the folder's own license file is the
	// notice its copies need (licenseid.ServesAsNotice).
	serves bool
	first  string // the first Go file in the folder (slash, relative): where a unit finding goes
}

// modules caches module information by root directory; the analyzer runs
// on many packages concurrently.
type modules struct {
	mu    sync.Mutex
	byDir map[string]*moduleEntry
	pol   *policy.Policy
}

type moduleEntry struct {
	once sync.Once
	m    *modInfo
}

func (ms *modules) get(root, path string) *modInfo {
	ms.mu.Lock()
	e := ms.byDir[root]
	if e == nil {
		e = &moduleEntry{}
		ms.byDir[root] = e
	}
	ms.mu.Unlock()
	e.once.Do(func() { e.m = loadModule(root, path, ms.pol) })
	return e.m
}

// maxNoticeSize bounds what is read of one license or notices file, and
// maxHead what is read of a Go file to find its header.
const (
	maxNoticeSize = 4 << 20
	maxHead       = 32 << 10
)

// readModuleFile reads a module-level file (license, notices, REUSE.toml):
// these are outside every package's files, so pass.ReadFile may not read
// them. Errors are kept as problems and reported as TOS001.
func (m *modInfo) readModuleFile(p string, limit int64) []byte {
	data, err := readLimited(p, limit)
	if err != nil {
		m.problems = append(m.problems, problem{p, err})
		return nil
	}
	return data
}

func readLimited(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

func loadModule(root, modPath string, pol *policy.Policy) *modInfo {
	m := &modInfo{root: root, path: modPath, declared: map[string]bool{}, texts: map[string]bool{},
		own: map[string]bool{}, ownTokens: map[string]bool{}, units: map[string]*unit{}, unitNotices: map[string][]string{}, goFiles: map[string][]string{}, owner: map[string]string{}}
	var covered strings.Builder
	var evidence []string // holders of the root license and authors files
	loadable := map[string]bool{}
	var dirs []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			m.problems = append(m.problems, problem{p, err})
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && (analysisutil.SkipDir(d.Name()) || exists(filepath.Join(p, "go.mod"))) {
			return filepath.SkipDir
		}
		rel := slashRel(root, p)
		entries, err := os.ReadDir(p)
		if err != nil {
			m.problems = append(m.problems, problem{p, err})
			return nil
		}
		var licenseFiles, extraFiles []string
		for _, e := range entries {
			name := e.Name()
			if !e.Type().IsRegular() {
				continue
			}
			switch {
			case strings.HasSuffix(name, ".go"):
				m.goFiles[rel] = append(m.goFiles[rel], name)
				if !loadable[rel] && !strings.HasSuffix(name, "_test.go") {
					if ok, err := build.Default.MatchFile(p, name); err == nil && ok {
						loadable[rel] = true
					}
				}
			case licenseid.IsNoticesFile(name), licenseid.IsAuthorsFile(name):
				extraFiles = append(extraFiles, name)
			case licenseid.IsLicenseFile(name):
				licenseFiles = append(licenseFiles, name)
			case name == "REUSE.toml" && p == root:
				data := m.readModuleFile(filepath.Join(p, name), maxNoticeSize)
				cfg, err := parseReuse(data)
				if err != nil {
					m.problems = append(m.problems, problem{filepath.Join(p, name), err})
				}
				m.reuse = cfg
				covered.Write(data)
				covered.WriteByte('\n')
			}
		}
		if len(m.goFiles[rel]) > 0 {
			dirs = append(dirs, rel)
		}
		if p == root {
			m.loadRoot(licenseFiles, extraFiles, &covered, &evidence)
		} else if len(licenseFiles) > 0 {
			m.units[rel] = m.loadUnit(rel, licenseFiles, extraFiles)
			m.unitNotices[rel] = extraFiles
		}
		return nil
	})
	if dir := filepath.Join(root, "LICENSES"); exists(dir) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			m.texts[strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))] = true
		}
	}
	m.covered = normalizeText(covered.String())
	m.hasNOTICE = slices.ContainsFunc(m.noticeFiles, func(n string) bool { return strings.HasPrefix(strings.ToLower(n), "notice") })
	m.decideIdentity(pol, evidence)
	m.assignOwners(dirs, loadable)
	return m
}

// loadRoot reads the module's root license, notices and authors files.
func (m *modInfo) loadRoot(licenseFiles, extraFiles []string, covered *strings.Builder, evidence *[]string) {
	slices.SortFunc(licenseFiles, func(a, b string) int { return len(a) - len(b) }) // LICENSE before LICENSE-DOCS
	for _, name := range licenseFiles {
		data := m.readModuleFile(filepath.Join(m.root, name), maxNoticeSize)
		if id := licenseid.Identify(data); id != "" && m.license == "" {
			m.license = id
		}
		for _, id := range licenseid.Declared(data) {
			m.declared[id] = true
		}
		for _, id := range licenseid.FullTexts(data) {
			m.texts[id] = true
		}
		*evidence = append(*evidence, holdersIn(data)...)
		covered.Write(data)
		covered.WriteByte('\n')
	}
	for _, name := range extraFiles {
		data := m.readModuleFile(filepath.Join(m.root, name), maxNoticeSize)
		if licenseid.IsAuthorsFile(name) {
			*evidence = append(*evidence, authorsIn(data)...)
			continue
		}
		m.noticeFiles = append(m.noticeFiles, name)
		for _, id := range licenseid.FullTexts(data) {
			m.texts[id] = true
		}
		covered.Write(data)
		covered.WriteByte('\n')
	}
}

// loadUnit reads the license, notices and authors files of a folder that
// carries its own license.
func (m *modInfo) loadUnit(rel string, licenseFiles, extraFiles []string) *unit {
	u := &unit{dir: rel, licenseFile: path.Join(rel, licenseFiles[0])}
	for _, name := range append(licenseFiles, extraFiles...) {
		data := m.readModuleFile(filepath.Join(m.root, filepath.FromSlash(rel), name), maxNoticeSize)
		if slices.Contains(licenseFiles, name) {
			if id := licenseid.Identify(data); id != "" && u.license == "" {
				u.license, u.licenseFile = id, path.Join(rel, name)
			}
			u.texts = append(u.texts, licenseid.FullTexts(data)...)
			u.holders = append(u.holders, holdersIn(data)...)
		} else if licenseid.IsAuthorsFile(name) {
			u.holders = append(u.holders, authorsIn(data)...)
		} else {
			u.holders = append(u.holders, holdersIn(data)...)
		}
	}
	u.serves = u.license != "" && licenseid.ServesAsNotice(u.license)
	return u
}

// unitOf returns the innermost unit holding a slash path relative to the
// root, or nil.
func (m *modInfo) unitOf(rel string) *unit {
	for d := path.Dir(rel); d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if u := m.units[d]; u != nil {
			return u
		}
	}
	return nil
}

// assignOwners decides which package checks each directory of Go files.
// A directory the go command lists as a package (a non-test Go file
// matches the build context) checks itself; a directory it does not list
// (only test files, or every file excluded by build constraints) is
// checked by its nearest listed ancestor, or by the anchor: the module
// root when listed, else the first listed directory.
func (m *modInfo) assignOwners(dirs []string, loadable map[string]bool) {
	slices.Sort(dirs)
	if loadable["."] {
		m.anchor = "."
	} else {
		for _, d := range dirs {
			if loadable[d] {
				m.anchor = d
				break
			}
		}
	}
	for _, d := range dirs {
		slices.Sort(m.goFiles[d])
		owner := m.anchor
		for a := d; ; a = path.Dir(a) {
			if loadable[a] {
				owner = a
				break
			}
			if a == "." || a == "/" {
				break
			}
		}
		m.owner[d] = owner
		if u := m.unitOf(d + "/x"); u != nil && u.first == "" {
			u.first = path.Join(d, m.goFiles[d][0])
		}
	}
}

// dirsOwnedBy returns the directories whose files the package in dir checks.
func (m *modInfo) dirsOwnedBy(dir string) []string {
	var out []string
	for d, o := range m.owner {
		if o == dir {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func slashRel(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(rel)
}

func appendUnique(s []string, v string) []string {
	if v == "" || slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// holdersIn returns the holders of the copyright statements of a license
// or notices file.
func holdersIn(data []byte) []string {
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		for _, s := range statementsIn(l) {
			out = appendUnique(out, s.key)
		}
	}
	return out
}

var authorLine = regexp.MustCompile(`^\s*([^#<(\s][^<(]*?)\s*(?:[<(].*)?$`)

// authorsIn returns the names an AUTHORS or CONTRIBUTORS file lists (one
// a line, comments with #, e-mail addresses stripped).
func authorsIn(data []byte) []string {
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if m := authorLine.FindStringSubmatch(l); m != nil && len(m[1]) < 80 {
			out = appendUnique(out, holderKey(m[1]))
		}
	}
	return out
}

// listed reports whether the root license, notices or REUSE.toml files
// name a normalised holder or folder.
func (m *modInfo) listed(key string) bool {
	return key != "" && (strings.Contains(m.covered, " "+key+" ") || strings.Contains(m.covered, " the "+key+" "))
}

// mentions reports whether the root license, notices or REUSE.toml
// files mention a module path, URL or folder (normalised), as a substring.
func (m *modInfo) mentions(s string) bool {
	s = strings.TrimSpace(normalizeText(s))
	return s != "" && strings.Contains(m.covered, s)
}

// normalizeText lowercases, turns punctuation other than what URLs and
// e-mail addresses need into spaces, folds white space and pads with one
// space at each end (so that Contains matches whole words at the edges).
func normalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case r == '@' || r == ':' || r == '/' || r == '-':
			b.WriteRune(r)
			space = false
		default: // '.', other punctuation, white space
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}
