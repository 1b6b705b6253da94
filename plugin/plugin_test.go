package plugin_test

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/toslint/toslint/plugin"
)

func newPlugin(t *testing.T, settings any) (register.LinterPlugin, error) {
	t.Helper()
	newFn, err := register.GetPlugin(plugin.Name)
	if err != nil {
		t.Fatal(err)
	}
	return newFn(settings)
}

func TestSettings(t *testing.T) {
	// As golangci-lint passes them: viper lowercases keys and leaves lists
	// of objects alone.
	good := []any{
		nil,
		map[string]any{},
		map[string]any{
			"packs":             []any{map[string]any{"name": "microsoft-graph"}},
			"rules":             []any{map[string]any{"id": "TOS104", "severity": "error"}, map[string]any{"id": "TOS105", "enabled": false}},
			"fail_on":           "error",
			"copyright_holders": []any{map[string]any{"name": "Example Corp", "aliases": []any{"Example Inc."}}},
			"wrappers":          []any{map[string]any{"type": "(*example.test/x.Client)", "api": "graph"}},
		},
	}
	for _, s := range good {
		p, err := newPlugin(t, s)
		if err != nil {
			t.Fatalf("settings %v: %v", s, err)
		}
		if p.GetLoadMode() != register.LoadModeTypesInfo {
			t.Errorf("load mode %q", p.GetLoadMode())
		}
		list, err := p.BuildAnalyzers()
		if err != nil {
			t.Fatal(err)
		}
		if err := analysis.Validate(list); err != nil {
			t.Fatal(err)
		}
	}
	bad := map[string]any{
		"unknown key":  map[string]any{"rulez": []any{}},
		"unknown rule": map[string]any{"rules": []any{map[string]any{"id": "TOS999", "enabled": false}}},
		"unknown pack": map[string]any{"packs": []any{map[string]any{"name": "nope"}}},
		"map keyed":    map[string]any{"rules": map[string]any{"tos101": "off"}},
	}
	for name, s := range bad {
		_, err := newPlugin(t, s)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if !strings.Contains(err.Error(), "golangci-lint settings") {
			t.Errorf("%s: error does not say where: %v", name, err)
		}
	}
}

// TestAnalyzers runs the analyzers the plugin builds, as golangci-lint
// gets them (GetPlugin, New, BuildAnalyzers), through analysistest: a
// hit, a throttled loop, a suppressed loop, another host and a generated
// file for the throttle analyzer (with the facts it exports); a foreign
// copyright header in a module for attribution. Messages start with the
// rule ID, as golangci-lint shows them.
func TestAnalyzers(t *testing.T) {
	p, err := newPlugin(t, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	list, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	fixture := map[string][2]string{ // directory, pattern
		"throttle":    {analysistest.TestData(), "throttled"},
		"attribution": {"testdata/attrmod", "./..."}, // a module: the analyzer reads its LICENSE
	}
	for _, a := range list {
		fx, ok := fixture[a.Name]
		if !ok {
			t.Errorf("analyzer %s has no fixture here", a.Name)
			continue
		}
		t.Run(a.Name, func(t *testing.T) {
			analysistest.Run(t, fx[0], a, fx[1])
		})
	}
	if len(list) != len(fixture) {
		t.Errorf("BuildAnalyzers returned %d analyzers, want %d", len(list), len(fixture))
	}
}

// probe reports one diagnostic per file, with a rule ID as category.
var probe = &analysis.Analyzer{
	Name: "probe",
	Doc:  "probe reports each file",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			pass.Report(analysis.Diagnostic{Pos: f.Package, Category: "TOS101", Message: "loop over the API"})
			pass.Report(analysis.Diagnostic{Pos: f.Package, Category: "TOS105", Message: "rate unknown"})
		}
		return nil, nil
	},
}

// TestRuleIDPrefix checks that messages start with the rule ID and that
// rules turned off in the settings are dropped.
func TestRuleIDPrefix(t *testing.T) {
	files := map[string]string{"p/p.go": "package p // want `TOS101: loop over the API`\n"}
	testdata, cleanup, err := analysistest.WriteFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	wrapped := plugin.WithRuleIDsForTest(probe, map[string]any{"rules": []any{map[string]any{"id": "TOS105", "enabled": false}}})
	analysistest.Run(t, testdata, wrapped, "p")
}
