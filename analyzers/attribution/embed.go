package attribution

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/toslint/toslint/internal/licenseid"
)

// maxEmbedFiles bounds the files inspected behind one go:embed directive.
const maxEmbedFiles = 2000

// checkEmbed reports a go:embed directive that pulls in content whose
// license requires attribution, with no attribution record (TOS201).
// Embedded files are not among a package's files, so they are read from
// the file system; errors are reported (TOS001).
func (p *pass) checkEmbed(fst *fileState, c comment) {
	dir := filepath.Dir(fst.name)
	type found struct{ license, licenseFile, dir string }
	var hits []found
	seen := map[string]bool{}
	count := 0
	for _, pat := range embedPatterns(strings.TrimPrefix(c.text, "//go:embed ")) {
		pat = strings.TrimPrefix(pat, "all:")
		matches, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pat)))
		for _, m := range matches {
			_ = filepath.WalkDir(m, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					p.problem(path, err)
					return nil
				}
				if d.IsDir() || count >= maxEmbedFiles {
					return nil
				}
				count++
				id, licFile := p.contentLicense(path)
				if id == "" || !needsAttribution(id) || seen[licFile+id] {
					return nil
				}
				seen[licFile+id] = true
				hits = append(hits, found{id, licFile, filepath.Dir(path)})
				return nil
			})
		}
	}
	for _, h := range hits {
		if p.hasAttribution(h.dir, h.licenseFile, h.license) {
			continue
		}
		relLic, _ := filepath.Rel(p.mod.root, h.licenseFile)
		p.entry(Entry{License: h.license, File: h.dir, Rule: "TOS201"})
		p.rep.Report("TOS201", fst.span(c.start, c.end), nil,
			"go:embed pulls in %s content (license: %s) with no attribution record naming its source and license: add ATTRIBUTION.md beside it with the title, author, source link and license link",
			h.license, filepath.ToSlash(relLic))
	}
}

// embedPatterns splits a go:embed argument list, honouring quotes.
func embedPatterns(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		switch s[0] {
		case '"', '`':
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return out
			}
			q := s[:end+2]
			if v, err := strconv.Unquote(q); err == nil {
				out = append(out, v)
			}
			s = s[end+2:]
		default:
			f := strings.Fields(s)[0]
			out = append(out, f)
			s = s[len(f):]
		}
	}
	return out
}

var (
	spdxTag     = regexp.MustCompile(`(?m)SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)`)
	frontMatter = regexp.MustCompile(`(?m)^license:\s*["']?([A-Za-z0-9.+-]+)`)
)

// contentLicense returns the license of an embedded file and the file it
// was read from: an SPDX tag or front-matter license key in the file,
// REUSE.toml, else the license of the copied folder (unit) holding it.
// Content under the module's own root license is the module's own ("").
func (p *pass) contentLicense(path string) (string, string) {
	m := p.mod
	head, err := readLimited(path, 4096)
	if err != nil {
		p.problem(path, err)
	}
	own := func(id string) bool { return id == m.license || m.declared[id] }
	tag := ""
	if mt := spdxTag.FindSubmatch(head); mt != nil {
		tag = string(mt[1])
	}
	rel := m.relToRoot(path)
	if id := m.reuseLicense(rel, tag); id != "" && !own(id) {
		return id, filepath.Join(m.root, "REUSE.toml")
	}
	if tag != "" && !own(tag) {
		return tag, path
	}
	if strings.HasPrefix(string(head), "---") {
		if mt := frontMatter.FindSubmatch(head); mt != nil && !own(string(mt[1])) {
			return string(mt[1]), path
		}
	}
	if u := m.unitOf(rel); u != nil && u.license != "" && !m.ownUnit(u) {
		// A folder's own license, even the module's license id, is
		// someone else's grant unless it names only own holders.
		return u.license, filepath.Join(m.root, filepath.FromSlash(u.licenseFile))
	}
	return "", ""
}

// ownUnit reports whether a unit's license files name only own holders.
func (m *modInfo) ownUnit(u *unit) bool {
	for _, h := range u.holders {
		if !m.isOwn(h) {
			return false
		}
	}
	return len(u.holders) > 0
}

// licenseNames are words that name a license in an attribution record.
func licenseNames(id string) []string {
	names := []string{strings.ToLower(id), strings.ToLower(strings.ReplaceAll(id, "-", " "))}
	if strings.HasPrefix(strings.ToUpper(id), "CC-BY") {
		names = append(names, "creativecommons org/licenses/", "creative commons attribution")
	}
	return names
}

// hasAttribution looks for an attribution record (ATTRIBUTION* or a
// notices file in the content's directory, its license's directory, or
// the module root) that links a source and names the license. A record at
// the root must also name the content's directory.
func (p *pass) hasAttribution(contentDir, licenseFile, id string) bool {
	relDir := strings.ToLower(p.mod.relToRoot(filepath.Dir(licenseFile)))
	dirs := []string{contentDir, filepath.Dir(licenseFile), p.mod.root}
	for i, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			p.problem(d, err)
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !licenseid.IsNoticesFile(e.Name()) {
				continue
			}
			data, err := readLimited(filepath.Join(d, e.Name()), maxNoticeSize)
			if err != nil {
				p.problem(filepath.Join(d, e.Name()), err)
				continue
			}
			raw := strings.ToLower(string(data))
			if !strings.Contains(raw, "http") || (i == 2 && d != filepath.Dir(licenseFile) && !strings.Contains(raw, relDir)) {
				continue
			}
			for _, n := range licenseNames(id) {
				if strings.Contains(raw, n) || strings.Contains(normalizeText(raw), n) {
					return true
				}
			}
		}
	}
	return false
}
