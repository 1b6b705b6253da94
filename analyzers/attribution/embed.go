package attribution

import (
	"go/ast"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// maxEmbedFiles bounds the files inspected behind one go:embed directive.
const maxEmbedFiles = 2000

// checkEmbed reports a go:embed directive that pulls in content whose
// license requires attribution, with no attribution record (TOS201).
func (p *pass) checkEmbed(c *ast.Comment, rel string) {
	dir := filepath.Dir(p.fileOf(c.Pos()))
	patterns := embedPatterns(strings.TrimPrefix(c.Text, "//go:embed "))
	type found struct{ license, licenseFile, dir string }
	var hits []found
	seen := map[string]bool{}
	count := 0
	for _, pat := range patterns {
		pat = strings.TrimPrefix(pat, "all:")
		matches, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pat)))
		for _, m := range matches {
			_ = filepath.WalkDir(m, func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || count >= maxEmbedFiles {
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
		p.rep.Report("TOS201", rng{c.Pos(), c.End()}, nil,
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
// was read from: an SPDX tag or front-matter license key in the file, else
// the nearest LICENSE walking up to the module root. The module's own root
// LICENSE means the content is the module's own ("").
func (p *pass) contentLicense(path string) (string, string) {
	head := readHead(path, 4096)
	if m := spdxTag.FindSubmatch(head); m != nil && string(m[1]) != p.mod.license {
		return string(m[1]), path
	}
	if rel, err := filepath.Rel(p.mod.root, path); err == nil {
		if id := p.mod.reuseLicense(filepath.ToSlash(rel)); id != "" && id != p.mod.license {
			return id, filepath.Join(p.mod.root, "REUSE.toml")
		}
	}
	if strings.HasPrefix(string(head), "---") {
		if m := frontMatter.FindSubmatch(head); m != nil && string(m[1]) != p.mod.license {
			return string(m[1]), path
		}
	}
	for d := filepath.Dir(path); strings.HasPrefix(d, p.mod.root); d = filepath.Dir(d) {
		if d == p.mod.root {
			return "", "" // the module's own license covers it
		}
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if !e.IsDir() && isLicenseName(e.Name()) {
				lic := filepath.Join(d, e.Name())
				return licenseOf(readSmall(lic)), lic
			}
		}
	}
	return "", ""
}

func readHead(path string, n int) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, n)
	k, _ := f.Read(buf)
	return buf[:k]
}

// licenseNames are words that name a license in an attribution record.
func licenseNames(id string) []string {
	names := []string{strings.ToLower(id), strings.ToLower(strings.ReplaceAll(id, "-", " "))}
	up := strings.ToUpper(id)
	if strings.HasPrefix(up, "CC-BY") {
		names = append(names, "creativecommons org/licenses/", "creative commons attribution")
	}
	return names
}

// hasAttribution looks for an attribution record (ATTRIBUTION* or NOTICE*
// in the content's directory, its license's directory, or the module
// root) that links a source and names the license.
func (p *pass) hasAttribution(contentDir, licenseFile, id string) bool {
	// A record beside the content covers it; a record at the root must
	// also name the content's directory.
	relDir, _ := filepath.Rel(p.mod.root, filepath.Dir(licenseFile))
	relDir = strings.ToLower(filepath.ToSlash(relDir))
	dirs := []string{contentDir, filepath.Dir(licenseFile), p.mod.root}
	for i, d := range dirs {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			lower := strings.ToLower(e.Name())
			if e.IsDir() || !(strings.HasPrefix(lower, "attribution") || strings.HasPrefix(lower, "notice") || strings.HasPrefix(lower, "thirdpartynotices") || strings.HasPrefix(lower, "third_party_notices") || strings.HasPrefix(lower, "credits")) {
				continue
			}
			raw := strings.ToLower(string(readSmall(filepath.Join(d, e.Name()))))
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
