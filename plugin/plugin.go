// Package plugin is toslint's golangci-lint v2 module plugin.
//
// golangci-lint imports this package (it cannot be under internal/), calls
// New with the settings under linters.settings.custom.toslint.settings, and
// runs the analyzers BuildAnalyzers returns as one linter named toslint.
// The settings are the keys of .toslint.yml; an empty settings block means
// every embedded pack. Markdown rules do not run under golangci-lint:
// golangci-lint hands analyzers Go files only; run `toslint check` for them.
package plugin

import (
	"fmt"
	"os"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/toslint/toslint/analyzers/suite"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/policy"
)

// Name is the plugin name: the key under linters.settings.custom.
const Name = "toslint"

func init() {
	register.Plugin(Name, New)
}

// settingsSource names the settings in error messages.
const settingsSource = "golangci-lint settings (linters.settings.custom.toslint.settings)"

// Plugin is the toslint linter plugin.
type Plugin struct {
	policy *policy.Policy
}

// New decodes golangci-lint settings into toslint's configuration. Unknown
// keys and bad values are errors.
func New(settings any) (register.LinterPlugin, error) {
	f, err := register.DecodeSettings[config.File](settings)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", settingsSource, err)
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	pol, err := config.FromSettings(f, settingsSource, wd)
	if err != nil {
		return nil, err
	}
	return &Plugin{policy: pol}, nil
}

// BuildAnalyzers returns the suite configured by the settings, each
// analyzer wrapped so that its messages start with the rule ID
// (golangci-lint drops Diagnostic.Category) and rules the settings turn off
// are not reported.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	list, err := suite.New(p.policy, analysisutil.Options{ApplyDirectives: true})
	if err != nil {
		return nil, err
	}
	out := make([]*analysis.Analyzer, len(list))
	for i, a := range list {
		out[i] = analysisutil.WithRuleIDs(a, p.policy, true)
	}
	return out, nil
}

// GetLoadMode asks for type information: the throttle analyzer needs it.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
