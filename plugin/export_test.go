package plugin

import (
	"golang.org/x/tools/go/analysis"

	"github.com/toslint/toslint/internal/analysisutil"
)

// WithRuleIDsForTest wraps a with the policy decoded from settings.
func WithRuleIDsForTest(a *analysis.Analyzer, settings any) *analysis.Analyzer {
	p, err := New(settings)
	if err != nil {
		panic(err)
	}
	return analysisutil.WithRuleIDs(a, p.(*Plugin).policy, true)
}
