package plugin

import "golang.org/x/tools/go/analysis"

// WithRuleIDsForTest wraps a with the policy decoded from settings.
func WithRuleIDsForTest(a *analysis.Analyzer, settings any) *analysis.Analyzer {
	p, err := New(settings)
	if err != nil {
		panic(err)
	}
	return withRuleIDs(a, p.(*Plugin).policy)
}
