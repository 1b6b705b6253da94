package licenseid

import "strings"

// licensePrefixes start the names of files that carry a license.
var licensePrefixes = []string{"license", "licence", "copying", "unlicense"}

// noticesPrefixes start the names of third-party notices files, with or
// without extension.
var noticesPrefixes = []string{
	"notice", "thirdpartynotices", "third_party_notices", "third-party-notices",
	"license-third-party", "licence-third-party", "attribution", "credits",
}

func hasPrefixFold(name string, prefixes []string) bool {
	lower := strings.ToLower(name)
	for _, p := range prefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// IsLicenseFile reports whether a file name is a license file (LICENSE,
// LICENSE.md, LICENSE-CODE, COPYING, ...).
func IsLicenseFile(name string) bool { return hasPrefixFold(name, licensePrefixes) }

// IsNoticesFile reports whether a file name is a third-party notices file
// (NOTICE, ThirdPartyNotices, THIRD_PARTY_NOTICES, LICENSE-THIRD-PARTY,
// ATTRIBUTION, CREDITS), with or without extension.
func IsNoticesFile(name string) bool { return hasPrefixFold(name, noticesPrefixes) }
