package docscan

import (
	"bytes"
	"strings"
)

// anchorTable is a matcher's byAnchor map as an array indexed by the two
// bytes at a word start, anchorOf already applied: the trademark matcher
// looks it up at every word start of every run, where hashing the map key
// and anchorOf's loop showed in profiles.
type anchorTable [1 << 16]*anchored

func newAnchorTable(m map[[2]byte]*anchored) *anchorTable {
	var t anchorTable
	if len(m) == 0 {
		return &t
	}
	for i := range t {
		t[i] = m[anchorOf(string([]byte{byte(i >> 8), byte(i)}))]
	}
	return &t
}

// at returns the anchored matcher for the first two bytes of s (one at
// the end of a text), as byAnchor[anchorOf(s)] does.
func (t *anchorTable) at(s string) *anchored {
	switch len(s) {
	case 0:
		return nil
	case 1:
		return t[int(s[0])<<8] // anchorOf stops at the end: a NUL reads the same
	}
	return t[int(s[0])<<8|int(s[1])]
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

// lineEnd returns the offset of the '\n' that ends the line starting at
// off, or len(src) for the last line.
func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(src)
}
