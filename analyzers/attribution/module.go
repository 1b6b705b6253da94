package attribution

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/toslint/toslint/internal/licenseid"
	"github.com/toslint/toslint/internal/policy"
)

// module is what the analyzer knows of one module: read once from its root
// directory and shared by every package of the module.
type modInfo struct {
	root    string // directory holding go.mod
	path    string // module path
	license string // SPDX id of the root LICENSE, "" when unknown

	own     []string // normalised own holders
	notices string   // normalised text of every notices file
	// licensesDir are the ids of LICENSES/<id>.txt files.
	licensesDir map[string]bool
	noticeFiles []string // paths, relative to root
	hasNOTICE   bool     // a file named NOTICE* exists (Apache-2.0 §4(d))

	reuse []reuseAnnotation // REUSE.toml annotations

	// The license texts inside the notices files, identified with
	// licensecheck on first need only: its matcher takes over a second to
	// build, which a module with no foreign license never pays.
	noticeData     []byte
	noticeOnce     sync.Once
	noticeLicenses map[string]bool
}

// textsCarried returns the ids of the licenses whose text the module
// carries: LICENSES/<id>.txt and full texts in the notices files.
func (m *modInfo) textsCarried() map[string]bool {
	m.noticeOnce.Do(func() {
		m.noticeLicenses = map[string]bool{}
		for id := range m.licensesDir {
			m.noticeLicenses[id] = true
		}
		for _, id := range licenseTexts(m.noticeData) {
			m.noticeLicenses[id] = true
		}
	})
	return m.noticeLicenses
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

func isNoticeName(name string) bool  { return licenseid.IsNoticesFile(name) }
func isLicenseName(name string) bool { return licenseid.IsLicenseFile(name) }

// maxNoticeSize bounds what is read of one notices or license file.
const maxNoticeSize = 4 << 20

func readSmall(path string) []byte {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxNoticeSize {
		return nil
	}
	data, _ := os.ReadFile(path)
	return data
}

func loadModule(root, path string, pol *policy.Policy) *modInfo {
	m := &modInfo{root: root, path: path, licensesDir: map[string]bool{}}
	entries, _ := os.ReadDir(root)
	var notices bytes.Buffer
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		switch {
		case isNoticeName(name):
			data := readSmall(filepath.Join(root, name))
			notices.Write(data)
			notices.WriteByte('\n')
			m.noticeFiles = append(m.noticeFiles, name)
			if strings.HasPrefix(strings.ToLower(name), "notice") {
				m.hasNOTICE = true
			}
			m.noticeData = append(m.noticeData, data...)
			m.noticeData = append(m.noticeData, '\n')
		case isLicenseName(name):
			data := readSmall(filepath.Join(root, name))
			if id := licenseOf(data); id != "" && (m.license == "" || strings.EqualFold(name, "LICENSE") || strings.EqualFold(name, "LICENSE.md") || strings.EqualFold(name, "LICENSE.txt")) {
				m.license = id
			}
			for _, h := range holdersIn(data) {
				m.own = appendUnique(m.own, h)
			}
		case name == "REUSE.toml":
			data := readSmall(filepath.Join(root, name))
			m.reuse = parseReuse(data)
			notices.Write(data)
			notices.WriteByte('\n')
			m.noticeFiles = append(m.noticeFiles, name)
		}
	}
	if dir, err := os.ReadDir(filepath.Join(root, "LICENSES")); err == nil {
		for _, e := range dir {
			id := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
			m.licensesDir[id] = true
		}
	}
	if pol != nil {
		for _, h := range pol.Holders() {
			m.own = appendUnique(m.own, normalizeHolder(h.Name))
			for _, a := range h.Aliases {
				m.own = appendUnique(m.own, normalizeHolder(a))
			}
		}
	}
	if strings.HasPrefix(path, "golang.org/x/") {
		m.own = appendUnique(m.own, "the go authors")
	}
	m.notices = normalizeText(notices.String())
	return m
}

func appendUnique(s []string, v string) []string {
	if v == "" || slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// licenseOf identifies a license file.
func licenseOf(data []byte) string { return licenseid.Identify(data) }

// licenseTexts returns the ids of the full license texts in data.
func licenseTexts(data []byte) []string { return licenseid.Texts(data) }

// listed reports whether a normalised holder or name appears in the
// notices.
func (m *modInfo) listed(name string) bool {
	return name != "" && strings.Contains(m.notices, name)
}

// isOwn reports whether a normalised holder is one of the module's own.
func (m *modInfo) isOwn(holder string) bool {
	for _, o := range m.own {
		if holder == o || strings.HasPrefix(holder, o+" ") || strings.HasPrefix(o, holder+" ") {
			return true
		}
	}
	return false
}

var spaces = regexp.MustCompile(`\s+`)

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
