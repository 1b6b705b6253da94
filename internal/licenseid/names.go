package licenseid

import (
	"path"
	"strings"
)

// licensePrefixes start the names of files that carry a license.
var licensePrefixes = []string{"license", "licence", "copying", "unlicense"}

// noticesPrefixes start the names of third-party notices files, with or
// without extension.
var noticesPrefixes = []string{
	"notice", "thirdpartynotices", "third_party_notices", "third-party-notices",
	"license-third-party", "licence-third-party", "license_third_party", "attribution", "credits",
}

func hasPrefixFold(name string, prefixes []string) bool {
	lower := strings.ToLower(name)
	ext := path.Ext(lower)
	for _, p := range prefixes {
		if !strings.HasPrefix(lower, p) {
			continue
		}
		rest := lower[len(p):]
		// LICENSE, LICENSE.md, LICENSE-MIT, COPYING.LIB, NOTICES.txt
		if rest == "" || strings.ContainsAny(rest[:1], "-_.s") && !codeExt(ext) {
			return true
		}
	}
	return false
}

// codeExt reports extensions of source and data files: a "license.go"
// or "licenses.json" is code or data, not a license.
func codeExt(ext string) bool {
	switch ext {
	case ".go", ".s", ".c", ".h", ".py", ".js", ".ts", ".json", ".yaml", ".yml", ".toml", ".sh", ".proto", ".css", ".tmpl", ".xml":
		return true
	}
	return false
}

// IsLicenseFile reports whether a file name is a license file (LICENSE,
// LICENSE.md, LICENSE-CODE, COPYING, ...). Source files whose names start
// with the word (license.go) are not.
func IsLicenseFile(name string) bool {
	return hasPrefixFold(name, licensePrefixes) && !IsNoticesFile(name)
}

// IsNoticesFile reports whether a file name is a third-party notices file
// (NOTICE, ThirdPartyNotices, THIRD_PARTY_NOTICES, LICENSE-THIRD-PARTY,
// ATTRIBUTION, CREDITS), with or without extension.
func IsNoticesFile(name string) bool { return hasPrefixFold(name, noticesPrefixes) }

// IsAuthorsFile reports whether a file name lists a project's own authors
// (AUTHORS, CONTRIBUTORS, with or without extension).
func IsAuthorsFile(name string) bool {
	return hasPrefixFold(name, []string{"authors", "contributors"})
}
