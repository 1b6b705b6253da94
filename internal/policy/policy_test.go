package policy_test

import (
	"testing"
	"time"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/rule"
)

func TestNewDefaults(t *testing.T) {
	p := policy.New(policy.Options{})
	if p.FailOn() != rule.Warning || p.MaxFileSize() != policy.DefaultMaxFileSize {
		t.Errorf("defaults: fail %v, max %d", p.FailOn(), p.MaxFileSize())
	}
	for _, r := range rule.All() {
		if p.Enabled(r.ID) != r.Default || p.Severity(r.ID) != r.Severity {
			t.Errorf("%s: not at its registry default", r.ID)
		}
	}
	if p.Enabled("TOS999") || p.Severity("TOS999") != rule.Warning {
		t.Error("unknown IDs must be off, with a warning severity")
	}
}

func TestOverridesAndImmutability(t *testing.T) {
	packs := []*policy.Pack{{Name: "a"}}
	o := policy.Options{
		Packs:   packs,
		Rules:   map[string]policy.RuleSetting{"TOS406": {Enabled: true}, "TOS101": {Enabled: true, Severity: rule.Info}},
		Exclude: []string{"docs/old/**", "*.generated.md"},
	}
	p := policy.New(o)
	packs[0] = &policy.Pack{Name: "changed"}
	o.Exclude[0] = "x"
	if p.Packs()[0].Name != "a" || !p.Excluded("docs/old/a.md") {
		t.Error("policy shares slices with its options")
	}
	if !p.Enabled("TOS406") || p.Severity("TOS406") != rule.Info || p.Severity("TOS101") != rule.Info {
		t.Error("overrides not applied")
	}
	for path, want := range map[string]bool{
		"docs/old/a.md": true, "docs/old/deep/b.md": true, "docs/older/a.md": false,
		"x.generated.md": true, "sub/x.generated.md": false, "README.md": false,
	} {
		if got := p.Excluded(path); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestLimit(t *testing.T) {
	l := policy.Limit{Calls: 100, Window: policy.Duration(time.Minute), Scope: "connection"}
	if l.String() != "100 calls per minute per connection" {
		t.Errorf("String = %q", l.String())
	}
	if got := l.PerSecond(); got < 1.666 || got > 1.667 {
		t.Errorf("PerSecond = %v", got)
	}
	c := policy.Limit{Concurrency: 4, MinInterval: policy.Duration(time.Second)}
	if c.String() != "4 in flight, 1s between calls" || c.PerSecond() != 0 {
		t.Errorf("String = %q", c.String())
	}
	var d policy.Duration
	if err := d.UnmarshalText([]byte("-1s")); err == nil {
		t.Error("negative duration accepted")
	}
	var pat policy.Pattern
	if err := pat.UnmarshalText([]byte(`a(?!b)`)); err == nil {
		t.Error("lookahead accepted")
	}
}
