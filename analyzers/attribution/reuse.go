package attribution

import (
	"bufio"
	"bytes"
	"path"
	"regexp"
	"strings"
)

// reuseAnnotation is one [[annotations]] table of a REUSE.toml: the paths
// (globs) it covers and their license.
type reuseAnnotation struct {
	paths   []string
	license string
}

var (
	tomlPath    = regexp.MustCompile(`^\s*path\s*=\s*(.+)$`)
	tomlLicense = regexp.MustCompile(`^\s*"?SPDX-License-Identifier"?\s*=\s*"([^"]+)"`)
	tomlString  = regexp.MustCompile(`"([^"]*)"`)
)

// parseReuse reads the annotations of a REUSE.toml (REUSE 3.x). It reads
// only the two keys it needs, line by line, so a file it cannot follow
// yields no annotations rather than an error.
func parseReuse(data []byte) []reuseAnnotation {
	var out []reuseAnnotation
	var cur *reuseAnnotation
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "[[annotations]]":
			out = append(out, reuseAnnotation{})
			cur = &out[len(out)-1]
		case cur == nil:
		case tomlPath.MatchString(line):
			for _, m := range tomlString.FindAllStringSubmatch(tomlPath.FindStringSubmatch(line)[1], -1) {
				cur.paths = append(cur.paths, m[1])
			}
		case tomlLicense.MatchString(line):
			cur.license = tomlLicense.FindStringSubmatch(line)[1]
		}
	}
	return out
}

// reuseLicense returns the license REUSE.toml gives a file (slash path
// relative to the module root), or "".
func (m *modInfo) reuseLicense(rel string) string {
	for _, a := range m.reuse {
		for _, p := range a.paths {
			if ok, _ := path.Match(p, rel); ok || matchDoubleStar(p, rel) {
				return a.license
			}
		}
	}
	return ""
}

// matchDoubleStar handles the "dir/**" form REUSE.toml files use.
func matchDoubleStar(pattern, rel string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "/**"); ok {
		return rel == prefix || strings.HasPrefix(rel, prefix+"/")
	}
	if pattern == "**" {
		return true
	}
	return false
}
