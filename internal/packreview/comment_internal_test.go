package packreview

import "testing"

func TestComment(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"a: b  # x", " x", true},
		{"hint: Microsoft's names  # review: y", " review: y", true},
		{"hint: 'it''s # not'  # yes", " yes", true},
		{`x: "a \" # b"  # c`, " c", true},
		{"# top", " top", true},
		{"  - '(?i)a#b'", "", false},
		{"url: http://x/#frag", "", false},
	} {
		got, ok := Comment(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("%q: %q %v", c.in, got, ok)
		}
	}
}
