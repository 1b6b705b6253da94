package rules_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/testutil"
	"github.com/toslint/toslint/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestEmbeddedPacksLoad(t *testing.T) {
	names := rules.Names()
	for _, want := range []string{"github", "microsoft-defender-endpoint", "microsoft-graph"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("embedded pack %s missing from %v", want, names)
		}
	}
	for _, n := range names {
		p, err := rules.Embedded(n)
		if err != nil {
			t.Fatalf("embedded pack %s: %v", n, err)
		}
		if p.Name != n {
			t.Errorf("pack file %s.yaml is named %q", n, p.Name)
		}
		if !p.Embedded || p.Source.URL == "" || p.Description == "" {
			t.Errorf("pack %s: missing source url or description", n)
		}
	}
}

// TestDefaultPackEncodesTheSeed checks the facts of the founding terms.
func TestDefaultPackEncodesTheSeed(t *testing.T) {
	p, err := rules.Embedded(rules.Default)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.APIs) != 1 || p.APIs[0].Name != "mde" {
		t.Fatalf("want one API family mde, got %+v", p.APIs)
	}
	mde := p.APIs[0]
	l := mde.Limits[0]
	if l.Calls != 100 || l.Window.D() != 60*time.Second || l.Scope != "connection" {
		t.Errorf("first limit = %s, want 100 calls per minute per connection", l)
	}
	if mde.ReactiveRetry {
		t.Error("reactive retry must not satisfy the Defender for Endpoint limit (DESIGN.md §7)")
	}
	hosts := strings.Join(mde.Hosts, " ")
	for _, h := range []string{"api.securitycenter.microsoft.com", "api.security.microsoft.com", "eu.api.security.microsoft.com", "api-gov.securitycenter.microsoft.us", "api.securitycenter.windows.com"} {
		if !strings.Contains(hosts, h) {
			t.Errorf("host %s missing", h)
		}
	}
	if p.Content.DocsLicense != "CC-BY-4.0" || p.Content.CodeLicense != "MIT" {
		t.Errorf("content licenses = %+v", p.Content)
	}
	rulesByNotice := map[string]string{}
	for _, n := range p.Notices {
		rulesByNotice[n.ID] = n.Rule
	}
	for id, r := range map[string]string{"license-grant": "TOS304", "trademark": "TOS306", "privacy": "TOS307", "reservation": "TOS310"} {
		if rulesByNotice[id] != r {
			t.Errorf("notice %s: rule %q, want %s", id, rulesByNotice[id], r)
		}
	}
	var privacy policy.Notice
	for _, n := range p.Notices {
		if n.ID == "privacy" {
			privacy = n
		}
	}
	if !privacy.Links[0].MatchString("https://privacy.microsoft.com/en-us/") {
		t.Error("privacy notice does not match the seed's privacy link")
	}
	retired := map[string]string{}
	for _, r := range p.Trademarks.Retired {
		retired[r.Name] = r.Replacement
	}
	if retired["Microsoft 365 Defender"] != "Microsoft Defender XDR" || retired["Windows Defender ATP"] != "Microsoft Defender for Endpoint" {
		t.Errorf("retired names: %v", retired)
	}
}

func TestGraphAcceptsReactiveRetry(t *testing.T) {
	p, err := rules.Embedded("microsoft-graph")
	if err != nil {
		t.Fatal(err)
	}
	if !p.APIs[0].ReactiveRetry {
		t.Error("Graph: reactive retry satisfies the terms (DESIGN.md §7)")
	}
}

func TestGoodPack(t *testing.T) {
	p, err := rules.LoadFile("testdata/good/acme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a := p.APIs[0]
	if !a.HostPatterns[0].MatchString("eu.api.acme.test") || a.SDK[0].Methods.MatchString("Delete") {
		t.Error("patterns not compiled as written")
	}
	if got := a.Limits[0].String(); got != "30 calls per minute per key" {
		t.Errorf("limit = %q", got)
	}
	if got := a.Limits[0].PerSecond(); got != 0.5 {
		t.Errorf("PerSecond = %v", got)
	}
}

func TestUnknownEmbedded(t *testing.T) {
	_, err := rules.Embedded("nope")
	if err == nil || !strings.Contains(err.Error(), "embedded packs: github, microsoft-defender-endpoint") {
		t.Errorf("err = %v", err)
	}
}

// TestBadPacks checks that each broken pack fails with a positioned error.
// The expected errors are in testdata/bad/errors.golden.
func TestBadPacks(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.yaml")
	var b strings.Builder
	for _, f := range files {
		_, err := rules.LoadFile(f)
		if err == nil {
			t.Errorf("%s: loaded without error", f)
			continue
		}
		var perr *rules.Error
		if !errors.As(err, &perr) || perr.Line == 0 {
			t.Errorf("%s: error without position: %v", f, err)
		}
		b.WriteString(err.Error() + "\n")
	}
	checkGolden(t, "testdata/bad/errors.golden", b.String())
}

func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	testutil.CheckGolden(t, file, []byte(got), *update)
}

func FuzzParse(f *testing.F) {
	for _, dir := range []string{"packs", "testdata/good", "testdata/bad"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := rules.Parse("fuzz.yaml", data)
		if err != nil {
			var perr *rules.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error is not positioned: %v", err)
			}
			return
		}
		if p.Name == "" || p.Title == "" {
			t.Fatalf("accepted a pack without name or title")
		}
	})
}
