package docscan

import (
	"regexp"
	"testing"

	"github.com/toslint/toslint/internal/policy"
)

// pageScan returns a scan with the rules set up for pol and no
// repository: what the page-level benchmarks and fuzz targets need.
func pageScan(pol *policy.Policy) *scan {
	s := &scan{pol: pol, licenseDirs: map[string]bool{}}
	s.setupRules()
	return s
}

// fresh returns a scan sharing s's compiled rules, with no findings or
// recorded state.
func (s *scan) fresh() *scan {
	n := &scan{pol: s.pol, licenseDirs: map[string]bool{}}
	n.owners, n.matcher, n.trademarkRules = s.owners, s.matcher, s.trademarkRules
	n.marksUsed = map[*owner]map[string]int{}
	n.attributed = map[*owner]bool{}
	return n
}

func TestLineMatcher(t *testing.T) {
	src := []byte("intro\n  :::image type=content\n> [!note]\n[!INCLUDE [x](y.md)]\n")
	for _, tt := range []struct {
		pattern string
		off     int
		line    string
		ok      bool
	}{
		{`^\s*:::(image|zone)\s`, 6, ":::image type=content", true},
		{`\[!INCLUDE\s*\[`, 40, "[!INCLUDE [x](y.md)]", true},
		{`(?i)^\s*>\s*\[!NOTE\]`, 30, "> [!note]", true},
		{`^\s*>\s*\[!TIP\]`, 0, "", false},
		{`^intro$`, 0, "intro", true}, // no literal of two letters or more: every line is tried
		{`^nothing$`, 0, "", false},
	} {
		off, line, ok := newLineMatcher(regexp.MustCompile(tt.pattern)).find(src)
		if off != tt.off || line != tt.line || ok != tt.ok {
			t.Errorf("%s: got %d %q %v, want %d %q %v", tt.pattern, off, line, ok, tt.off, tt.line, tt.ok)
		}
	}
}
