package policy_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/rule"
)

func TestFingerprint(t *testing.T) {
	base := func() policy.Options {
		return policy.Options{
			Packs: []*policy.Pack{{Name: "acme", APIs: []policy.API{{Name: "acme", Hosts: []string{"api.acme.test"},
				HostPatterns: []policy.Pattern{{Regexp: regexp.MustCompile(`^[a-z]+\.acme\.test$`)}, {}}}}}},
			Rules: map[string]policy.RuleSetting{"TOS101": {Enabled: true, Severity: rule.Error}},
		}
	}
	fp := func(o policy.Options) []byte {
		t.Helper()
		b, err := policy.New(o).Fingerprint()
		if err != nil || len(b) == 0 {
			t.Fatalf("Fingerprint = %x, %v", b, err)
		}
		return b
	}
	want := fp(base())
	if got := fp(base()); !bytes.Equal(got, want) {
		t.Fatal("two equal policies have different fingerprints")
	}
	for name, edit := range map[string]func(*policy.Options){
		"a rule's severity": func(o *policy.Options) { o.Rules["TOS101"] = policy.RuleSetting{Enabled: true, Severity: rule.Warning} },
		"a rule off":        func(o *policy.Options) { o.Rules["TOS201"] = policy.RuleSetting{} },
		"a host":            func(o *policy.Options) { o.Packs[0].APIs[0].Hosts[0] = "api2.acme.test" },
		"a host pattern": func(o *policy.Options) {
			o.Packs[0].APIs[0].HostPatterns[0].Regexp = regexp.MustCompile(`^acme\.test$`)
		},
		"a wrapper":      func(o *policy.Options) { o.Wrappers = []policy.Wrapper{{Type: "(*x.Client)", API: "acme"}} },
		"the file limit": func(o *policy.Options) { o.MaxFileSize = 1 },
	} {
		o := base()
		edit(&o)
		if bytes.Equal(fp(o), want) {
			t.Errorf("changing %s left the fingerprint as it was", name)
		}
	}
}
