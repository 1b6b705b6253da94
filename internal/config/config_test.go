package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/rule"
	"github.com/toslint/toslint/rules"
)

func TestDefault(t *testing.T) {
	p, err := config.Default(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, pk := range p.Packs() {
		names = append(names, pk.Name)
	}
	if want := rules.Names(); !slices.Equal(names, want) {
		t.Errorf("default packs = %v, want every embedded pack %v", names, want)
	}
	if p.FailOn() != rule.Warning {
		t.Errorf("default fail level = %v", p.FailOn())
	}
	if !p.Enabled("TOS301") || p.Enabled("TOS406") || p.Enabled("TOS205") {
		t.Error("rule defaults not applied")
	}
}

func TestParse(t *testing.T) {
	dir := t.TempDir()
	pack, err := os.ReadFile("../../rules/testdata/good/acme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "acme.yaml"), pack, 0o644); err != nil {
		t.Fatal(err)
	}
	src := `
packs:
  - name: microsoft-graph
  - path: acme.yaml
rules:
  - id: TOS406
    enabled: true
  - id: TOS301
    severity: warning
  - id: TOS307
    enabled: false
fail_on: error
exclude: [docs/archive/**]
copyright_holders:
  - name: Example Corp
    aliases: [Example Inc.]
trademark_owner: true
wrappers:
  - type: "(*example.test/acme/client.Client)"
    api: acme
max_file_size: 2048
max_nesting_depth: 12
max_footnotes: 30
max_brackets_per_paragraph: 400
max_emphasis_per_paragraph: 500
document_timeout: 3
`
	p, err := config.Parse(filepath.Join(dir, ".toslint.yml"), []byte(src), dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.Packs()); n != 2 || p.Packs()[1].Name != "acme-cloud" {
		t.Errorf("packs = %d", n)
	}
	if !p.Enabled("TOS406") || p.Enabled("TOS307") || p.Severity("TOS301") != rule.Warning || !p.Enabled("TOS301") {
		t.Error("rule overrides not applied")
	}
	if p.FailOn() != rule.Error || p.TrademarkOwner() != policy.OwnerYes || p.MaxFileSize() != 2048 {
		t.Error("scalar settings not applied")
	}
	if l := p.Limits(); l != (policy.Limits{NestingDepth: 12, Footnotes: 30, Brackets: 400, Emphasis: 500, DocumentTimeout: 3 * time.Second}) {
		t.Errorf("limits = %+v", l)
	}
	if l, _ := config.Default(dir); l.Limits() != policy.DefaultLimits {
		t.Errorf("default limits = %+v", l.Limits())
	}
	if !p.Excluded("docs/archive/old.md") || !p.Excluded("docs/archive/x/y.md") || p.Excluded("docs/new.md") {
		t.Error("exclude patterns not applied")
	}
	if h := p.Holders(); len(h) != 1 || h[0].Aliases[0] != "Example Inc." {
		t.Errorf("holders = %+v", h)
	}
	if _, ok := p.Pack("microsoft-graph"); !ok {
		t.Error("Pack(microsoft-graph) not found")
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "packs: []\nrulez: []\n", ".toslint.yml:2:1: unknown key \"rulez\""},
		{"unknown rule", "rules:\n  - id: TOS999\n    enabled: false\n", ".toslint.yml:2:9: unknown rule \"TOS999\""},
		{"bad severity", "rules:\n  - id: TOS101\n    severity: fatal\n", ".toslint.yml:3:15: unknown severity \"fatal\""},
		{"rule without setting", "rules:\n  - id: TOS101\n", ".toslint.yml:2:5: rule TOS101: set enabled, severity or both"},
		{"duplicate rule", "rules:\n  - {id: TOS101, enabled: false}\n  - {id: TOS101, enabled: true}\n", ".toslint.yml:3:10: rule TOS101 is configured twice"},
		{"unknown pack", "packs:\n  - name: acme\n", ".toslint.yml:2:11: unknown pack \"acme\""},
		{"pack both", "packs:\n  - name: github\n    path: x.yaml\n", ".toslint.yml:2:5: a pack has either name"},
		{"pack neither", "packs:\n  - {}\n", ".toslint.yml:2:5: a pack needs name"},
		{"missing pack file", "packs:\n  - path: nope.yaml\n", ".toslint.yml:2:11: reading pack:"},
		{"pack twice", "packs:\n  - name: github\n  - name: github\n", ".toslint.yml:3:5: pack \"github\" is listed twice"},
		{"bad fail_on", "fail_on: never\n", ".toslint.yml:1:10: unknown severity \"never\""},
		{"bad exclude", "exclude: ['docs/[a']\n", ".toslint.yml:1:11: bad exclude pattern"},
		{"wrapper api", "wrappers:\n  - type: (*x.test/c.Client)\n    api: nope\n", ".toslint.yml:3:10: no pack in force defines API family \"nope\""},
		{"wrapper type", "wrappers:\n  - type: Client\n    api: mde\n", ".toslint.yml:2:11: wrapper type \"Client\" must be written"},
		{"holder name", "copyright_holders:\n  - aliases: [x]\n", ".toslint.yml:2:5: copyright holder has no name"},
		{"not a mapping", "- a\n- b\n", ".toslint.yml:1:1: document: want a mapping"},
		{"owner value", "trademark_owner: [a]\n", ".toslint.yml:1:18: trademark_owner: want a single value"},
		{"owner chars", "trademark_owner: a/b\n", ".toslint.yml:1:18: trademark_owner: want true, false, auto (detect) or the name of a pack's trademark owner, found \"a/b\""},
		{"owner unknown", "trademark_owner: Microsft\n", ".toslint.yml:1:18: no pack in force has the trademark owner \"Microsft\" (want true, false, auto or one of: GitHub, Microsoft)"},
		{"map keyed by id", "rules:\n  TOS101: off\n", ".toslint.yml:2:3: rules: want a list"},
		{"bad yaml", "packs: [\n", ".toslint.yml:1:1: invalid YAML"},
		{"limit zero", "max_nesting_depth: 0\n", ".toslint.yml:1:20: max_nesting_depth must be a whole number from 1 to 1073741824 (levels)"},
		{"limit negative", "document_timeout: -5\n", ".toslint.yml:1:19: document_timeout must be a whole number from 1 to 1073741824 (seconds)"},
		{"limit too large", "max_emphasis_per_paragraph: 1073741825\n", ".toslint.yml:1:29: max_emphasis_per_paragraph must be a whole number from 1"},
		{"limit not a number", "max_footnotes: many\n", ".toslint.yml:1:16: max_footnotes: want a whole number"},
		{"max_file_size zero", "max_file_size: 0\n", ".toslint.yml:1:16: max_file_size must be at least 1 (bytes)"},
		{"max_file_size negative", "max_file_size: -5\n", ".toslint.yml:1:16: max_file_size must be at least 1 (bytes)"},
		{"max_file_size huge", "max_file_size: 99999999999999999999\n", ".toslint.yml:1:16: max_file_size: 99999999999999999999 is too large"},
		{"max_file_size over the limit", "max_file_size: 4294967296\n", ".toslint.yml:1:16: max_file_size 4294967296 is too large (at most 1073741824"},
		{"max_file_size text", "max_file_size: 10MB\n", ".toslint.yml:1:16: max_file_size: want a whole number, found \"10MB\""},
		{"empty alias", "copyright_holders:\n  - name: X\n    aliases: [Y, '']\n", ".toslint.yml:3:18: empty alias"},
		{"empty prose key", "front_matter_prose_keys: [title, ' ']\n", ".toslint.yml:1:34: empty front matter key"},
		{"unknown anchor", "packs: *p\n", ".toslint.yml:1:8: invalid YAML: unknown anchor 'p' referenced"},
		{"control character", "fail_on: err\x07or\n", ".toslint.yml:1:13: invalid YAML: control characters are not allowed"},
		{"invalid UTF-8", "# \xc3\x28\n", ".toslint.yml:1:3: invalid YAML: invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := config.Parse(filepath.Join(dir, ".toslint.yml"), []byte(tt.src), dir)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			got := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("error\n got: %s\nwant: %s...", got, tt.want)
			}
			var perr *rules.Error
			if !errors.As(err, &perr) {
				t.Errorf("error %T is not a positioned *rules.Error", err)
			}
		})
	}
}

func TestPackErrorPositionedInPackFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "p.yaml"), []byte("name: x\ntitle: y\nbogus: 1\n"), 0o644)
	_, err := config.Parse(filepath.Join(dir, ".toslint.yml"), []byte("packs:\n  - path: p.yaml\n"), dir)
	if err == nil || !strings.Contains(err.Error(), "p.yaml:3:1: unknown key \"bogus\"") {
		t.Errorf("err = %v", err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := config.Find(sub); err != nil || got != "" {
		t.Errorf("Find with no config = %q, %v", got, err)
	}
	cfg := filepath.Join(root, "a", ".toslint.yaml")
	os.WriteFile(cfg, []byte("fail_on: error\n"), 0o644)
	if got, _ := config.Find(sub); got != cfg {
		t.Errorf("Find = %q, want %q", got, cfg)
	}
	yml := filepath.Join(root, "a", ".toslint.yml")
	os.WriteFile(yml, []byte("fail_on: info\n"), 0o644)
	if got, _ := config.Find(sub); got != yml {
		t.Errorf("Find = %q, want %q (.yml wins)", got, yml)
	}
	p, err := config.Load(yml)
	if err != nil || p.FailOn() != rule.Info || p.ConfigFile() != yml {
		t.Errorf("Load = %v, %v", p, err)
	}
	// A .toslint.yml that is not a regular file is an error, never skipped
	// for the parent's config.
	dirCfg := filepath.Join(sub, ".toslint.yml")
	os.Mkdir(dirCfg, 0o755)
	if _, err := config.Find(sub); err == nil || !strings.Contains(err.Error(), "is not a regular file (found a directory)") {
		t.Errorf("directory config: %v", err)
	}
	os.Remove(dirCfg)
	os.Symlink("nowhere.yml", dirCfg)
	if _, err := config.Find(sub); err == nil || !strings.Contains(err.Error(), "a broken symbolic link?") {
		t.Errorf("dangling symlink config: %v", err)
	}
	os.Remove(dirCfg)
	os.Symlink(yml, dirCfg)
	if got, err := config.Find(sub); err != nil || got != dirCfg {
		t.Errorf("symlink to a config: %q, %v", got, err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("packs:\n  - name: github\nrules:\n  - {id: TOS101, severity: info}\n"))
	f.Add([]byte("exclude: [a/**]\nfail_on: error\ntrademark_owner: true\n"))
	f.Add([]byte("copyright_holders:\n  - name: A\n    aliases: [B]\nwrappers:\n  - {type: (*a.b/c.D), api: mde}\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("rules: {TOS101: off}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		_, err := config.Parse(filepath.Join(dir, ".toslint.yml"), data, dir)
		if err != nil && !strings.Contains(err.Error(), ".toslint.yml") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// TestTrademarkOwner checks the three settings and a named owner, from
// YAML and from plugin settings (JSON: a boolean or a string).
func TestTrademarkOwner(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want policy.OwnerSetting
	}{
		{"", policy.OwnerAuto},
		{"trademark_owner: auto\n", policy.OwnerAuto},
		{"trademark_owner: true\n", policy.OwnerYes},
		{"trademark_owner: false\n", policy.OwnerNo},
		{"trademark_owner: microsoft\n", "microsoft"},
	} {
		dir := t.TempDir()
		p, err := config.Parse(filepath.Join(dir, ".toslint.yml"), []byte(tt.src), dir)
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		if got := p.TrademarkOwner(); got != tt.want {
			t.Errorf("%q: trademark owner %q, want %q", tt.src, got, tt.want)
		}
	}
	for _, tt := range []struct {
		json string
		want policy.OwnerSetting
		err  bool
	}{
		{`true`, policy.OwnerYes, false}, {`false`, policy.OwnerNo, false}, {`"auto"`, policy.OwnerAuto, false},
		{`"GitHub"`, "GitHub", false}, {`null`, policy.OwnerAuto, false}, {`3`, "", true}, {`"a/b"`, "", true},
	} {
		var o policy.OwnerSetting
		err := o.UnmarshalJSON([]byte(tt.json))
		if (err != nil) != tt.err || !tt.err && o != tt.want {
			t.Errorf("%s: %q, %v; want %q (error %v)", tt.json, o, err, tt.want, tt.err)
		}
	}
}
