package docscan

import "github.com/toslint/toslint/internal/policy"

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
	n.owners, n.matcher = s.owners, s.matcher
	n.marksUsed = map[*owner]map[string]int{}
	n.attributed = map[*owner]bool{}
	return n
}
