package docscan

import "strings"

// anchorTable is a matcher's byAnchor map as an array indexed by the two
// letters or digits anchorOf reads: the trademark matcher looks it up at
// every word start of every run, where hashing a map key showed in
// profiles.
type anchorTable [37 * 37]*anchored

func newAnchorTable(m map[[2]byte]*anchored) *anchorTable {
	var t anchorTable
	for k, a := range m {
		t[anchorClass(k[0])*37+anchorClass(k[1])] = a
	}
	return &t
}

// at returns the anchored matcher for the first two bytes of s, as
// byAnchor[anchorOf(s)] does.
func (t *anchorTable) at(s string) *anchored {
	k := anchorOf(s)
	return t[anchorClass(k[0])*37+anchorClass(k[1])]
}

// anchorClass numbers the bytes of an anchor: 0-9 digits, 10-35 letters
// (lowercase, as anchorOf returns them), 36 anything else.
func anchorClass(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	}
	return 36
}

// containsFoldASCII reports whether s contains lower (lowercase ASCII)
// in any letter case, without allocating: strings.ToLower of every run
// showed in profiles. It finds the candidates with two vectorised byte
// searches, each resumed only once passed, so it stays linear.
func containsFoldASCII(s, lower string) bool {
	if lower == "" {
		return true
	}
	c := lower[0]
	upper := c
	if c >= 'a' && c <= 'z' {
		upper = c - 'a' + 'A'
	}
	next := func(b byte, from int) int {
		if j := strings.IndexByte(s[from:], b); j >= 0 {
			return from + j
		}
		return len(s)
	}
	lo, up := next(c, 0), len(s)
	if upper != c {
		up = next(upper, 0)
	}
	for {
		i := min(lo, up)
		if i+len(lower) > len(s) {
			return false
		}
		if strings.EqualFold(s[i:i+len(lower)], lower) {
			return true
		}
		if i == lo {
			lo = next(c, i+1)
		} else {
			up = next(upper, i+1)
		}
	}
}
