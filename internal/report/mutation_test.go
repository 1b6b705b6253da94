package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/rule"
)

// TestCodeClimateFingerprintsUnique: GitLab tells issues apart by
// fingerprint, and a fingerprint is the rule and the line's text, so two
// findings of one rule on one line (a retired name written twice) would
// merge into one issue. The second and later get a suffix.
func TestCodeClimateFingerprintsUnique(t *testing.T) {
	two := func(col int) report.Finding {
		return report.Finding{Rule: "TOS402", Severity: rule.Warning, Pos: pos("a.md", 1, col), Message: "retired name"}
	}
	r := &report.Report{
		Findings: []report.Finding{two(1), two(30), two(60)},
		Sources:  lines{"a.md": {"Azure Sentinel, then Azure Sentinel, and Azure Sentinel again"}},
	}
	var b bytes.Buffer
	if err := report.Formats["code-climate"].Write(&b, r); err != nil {
		t.Fatal(err)
	}
	var issues []struct{ Fingerprint string }
	if err := json.Unmarshal(b.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 3 {
		t.Fatalf("%d issues, want 3", len(issues))
	}
	base := issues[0].Fingerprint
	want := []string{base, base + "-2", base + "-3"}
	for i, is := range issues {
		if is.Fingerprint != want[i] {
			t.Errorf("issue %d: fingerprint %q, want %q", i+1, is.Fingerprint, want[i])
		}
	}
}

// TestMarkdownHeadingCounts: the heading of the pull-request comment
// counts findings by severity and names only the severities present.
func TestMarkdownHeadingCounts(t *testing.T) {
	f := func(sev rule.Severity, line int) report.Finding {
		return report.Finding{Rule: "TOS402", Severity: sev, Pos: pos("a.md", line, 1), Message: "m"}
	}
	tests := []struct {
		findings []report.Finding
		want     string
	}{
		{[]report.Finding{f(rule.Warning, 1), f(rule.Warning, 2)}, "### toslint: 2 findings (2 warnings)\n"},
		{[]report.Finding{f(rule.Error, 1), f(rule.Info, 2), f(rule.Info, 3)}, "### toslint: 3 findings (1 error, 2 info)\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := report.Formats["markdown"].Write(&b, &report.Report{Findings: tt.findings, Sources: lines{}}); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := strings.Cut(b.String(), "\n"); got+"\n" != tt.want {
			t.Errorf("heading %q, want %q", got, tt.want)
		}
	}
}
