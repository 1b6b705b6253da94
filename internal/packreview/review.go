package packreview

import (
	"bytes"
	"regexp"
	"strings"
)

// Item is a review marker left in a pack file.
type Item struct {
	Line int    // 1-based
	Text string // the line, trimmed: the value and its comment
}

// markerRE finds the markers pack init writes: "TODO(review): ...",
// "review: ...", "guessed: ...", and a bare "# review".
var markerRE = regexp.MustCompile(`TODO\(review\)|\breview:|\bguessed:|^\s*review\s*$`)

// ReviewItems returns the comments of a pack file that carry a review
// marker, in order.
func ReviewItems(data []byte) []Item {
	var items []Item
	for i, line := range bytes.Split(data, []byte("\n")) {
		c, ok := Comment(string(line))
		if !ok || !markerRE.MatchString(c) {
			continue
		}
		items = append(items, Item{Line: i + 1, Text: strings.TrimSpace(string(line))})
	}
	return items
}

// Comment returns the comment of a YAML line: the text after a "#" that
// starts the line or follows a space, outside quoted scalars. A quote
// starts a quoted scalar only where a value starts (after ": ", "- ",
// "[", "{" or ","), so an apostrophe in plain text is not one.
func Comment(l string) (string, bool) {
	var q byte
	prev := byte(' ') // last non-space byte outside quotes; line start acts as a value start
	start := true
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case q == '\'' && c == '\'':
			if i+1 < len(l) && l[i+1] == '\'' {
				i++ // '' inside single quotes
				continue
			}
			q = 0
		case q == '"' && c == '\\':
			i++
		case q == '"' && c == '"':
			q = 0
		case q != 0:
		case c == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t'):
			return l[i+1:], true
		case (c == '\'' || c == '"') && (start || strings.IndexByte(":-[{,", prev) >= 0):
			q = c
		case c != ' ' && c != '\t':
			prev, start = c, false
		}
	}
	return "", false
}
