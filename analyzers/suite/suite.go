// Package suite assembles toslint's go/analysis analyzers from a policy.
// The CLI, the golangci-lint plugin and the vet tool all build their
// analyzer list here, so they run the same checks with the same settings.
package suite

import (
	"golang.org/x/tools/go/analysis"

	"github.com/toslint/toslint/analyzers/attribution"
	"github.com/toslint/toslint/analyzers/throttle"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/rule"
)

// New returns the analyzers configured by p. Each reports diagnostics
// whose Category is a rule ID from internal/rule.
// An analyzer whose rules the policy all turns off is left out.
func New(p *policy.Policy, opts analysisutil.Options) ([]*analysis.Analyzer, error) {
	var list []*analysis.Analyzer
	if anyEnabled(p, rule.EngineThrottle) {
		list = append(list, throttle.New(p, opts)) // TOS1xx
	}
	if anyEnabled(p, rule.EngineAttribution) {
		list = append(list, attribution.New(p, opts)) // TOS2xx
	}
	if err := analysis.Validate(list); err != nil {
		return nil, err
	}
	return list, nil
}

func anyEnabled(p *policy.Policy, e rule.Engine) bool {
	for _, r := range rule.All() {
		if r.Engine == e && r.Status == rule.Available && (p == nil || p.Enabled(r.ID)) {
			return true
		}
	}
	return false
}

// UsesFacts reports whether any analyzer in list, or one it requires,
// declares fact types: the driver must then load every dependency from
// source.
func UsesFacts(list []*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer) bool
	visit = func(a *analysis.Analyzer) bool {
		if seen[a] {
			return false
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		for _, r := range a.Requires {
			if visit(r) {
				return true
			}
		}
		return false
	}
	for _, a := range list {
		if visit(a) {
			return true
		}
	}
	return false
}
