package rule_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/rule"
)

var update = flag.Bool("update", false, "rewrite testdata/ids.golden")

// TestIDsArePinned fails when a rule ID is renamed, removed or given a new
// name. IDs are part of the contract (config, suppressions, SARIF): add new
// rules by appending to the golden file with -update, never by editing a
// line of it.
func TestIDsArePinned(t *testing.T) {
	var b strings.Builder
	for _, r := range rule.All() {
		fmt.Fprintf(&b, "%s %s\n", r.ID, r.Name)
	}
	got := b.String()
	const golden = "testdata/ids.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	wantLines := strings.Split(strings.TrimSpace(string(want)), "\n")
	have := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(got), "\n") {
		have[l] = true
	}
	for _, l := range wantLines {
		if !have[l] {
			t.Errorf("pinned rule %q is gone or renamed: IDs and names are stable (retire an ID by adding it to rule.Retired, never reuse it)", l)
		}
	}
	if len(have) != len(wantLines) {
		t.Errorf("registry has %d rules, golden file %d: run go test ./internal/rule -update after adding a rule", len(have), len(wantLines))
	}
}

func TestRetiredNotReused(t *testing.T) {
	for _, id := range rule.Retired {
		if _, ok := rule.Lookup(id); ok {
			t.Errorf("retired ID %s is in use again", id)
		}
	}
}

func TestRegistryComplete(t *testing.T) {
	families := map[string]rule.Engine{"TOS0xx": "", "TOS1xx": rule.EngineThrottle, "TOS2xx": rule.EngineAttribution, "TOS3xx": rule.EngineDocs, "TOS4xx": rule.EngineDocs}
	names := map[string]string{}
	for _, r := range rule.All() {
		want, ok := families[r.Family()]
		if !ok {
			t.Errorf("%s: unknown family %s", r.ID, r.Family())
		}
		if want != "" && r.Engine != want {
			t.Errorf("%s: engine %s, want %s for its family", r.ID, r.Engine, want)
		}
		if prev, dup := names[r.Name]; dup {
			t.Errorf("%s and %s share the name %q", prev, r.ID, r.Name)
		}
		names[r.Name] = r.ID
		if r.Rationale == "" || r.Clause == "" || r.Since == "" {
			t.Errorf("%s: rationale, clause and since are required", r.ID)
		}
		if strings.HasSuffix(r.Title, ".") || r.Title != strings.ToLower(r.Title[:1])+r.Title[1:] {
			t.Errorf("%s: title %q should start lowercase and have no final period", r.ID, r.Title)
		}
	}
	// Every ID that DESIGN.md §3 names is registered.
	for _, id := range []string{"TOS001", "TOS002", "TOS003", "TOS004",
		"TOS101", "TOS102", "TOS103", "TOS104", "TOS105",
		"TOS201", "TOS202", "TOS203", "TOS204",
		"TOS301", "TOS302", "TOS303", "TOS304", "TOS305", "TOS306", "TOS307", "TOS308", "TOS309",
		"TOS401", "TOS402", "TOS403", "TOS404", "TOS405", "TOS406", "TOS407", "TOS408"} {
		if _, ok := rule.Lookup(id); !ok {
			t.Errorf("DESIGN.md rule %s is not registered", id)
		}
	}
}

func TestLookupAndSyntax(t *testing.T) {
	if _, ok := rule.Lookup("TOS999"); ok {
		t.Error("Lookup(TOS999) found a rule")
	}
	if r, ok := rule.Lookup("TOS101"); !ok || r.Severity != rule.Error {
		t.Errorf("Lookup(TOS101) = %+v, %v", r, ok)
	}
	for s, want := range map[string]bool{"TOS101": true, "tos101": false, "TOS1010": false, "TOS10": false, "": false} {
		if got := rule.ValidID(s); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range []rule.Severity{rule.Info, rule.Warning, rule.Error} {
		got, err := rule.ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := rule.ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) succeeded")
	}
	if !(rule.Info < rule.Warning && rule.Warning < rule.Error) {
		t.Error("severities are not ordered")
	}
}
