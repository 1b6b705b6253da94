package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/rule"
)

// region is a SARIF region; nil when a location has none.
type region struct{ StartLine, StartColumn, EndLine, EndColumn int }

type sarifResult struct {
	RuleID    string
	RuleIndex int
	Locations []struct {
		PhysicalLocation struct{ Region *region }
	}
	RelatedLocations []struct {
		PhysicalLocation struct{ Region *region }
	}
}

func sarifResults(t *testing.T, r *report.Report) []sarifResult {
	t.Helper()
	var b bytes.Buffer
	if err := report.Formats["sarif"].Write(&b, r); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct{ Results []sarifResult }
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return log.Runs[0].Results
}

// TestSARIFColumns: SARIF columns count UTF-16 code units (columnKind
// utf16CodeUnits), where toslint's positions count bytes. A viewer that
// gets byte columns underlines the wrong words on any line with accents
// or emoji before the finding.
func TestSARIFColumns(t *testing.T) {
	src := lines{"docs/a.md": {
		"Ünïcode 😀 Windows Defender ATP", // the name at bytes 16-35, UTF-16 units 12-31
		"für ATP und mehr",               // "ATP" ends at byte 8, UTF-16 unit 7
		"\xffAcme",                       // a stray Latin-1 byte: one U+FFFD
		"plain ASCII line",
	}}
	tests := []struct {
		name     string
		pos, end [2]int // line, byte column
		want     *region
	}{
		{"to the end of the line", [2]int{1, 16}, [2]int{1, 36}, &region{1, 12, 1, 32}},
		{"from column 1", [2]int{1, 1}, [2]int{1, 3}, &region{1, 1, 1, 2}},
		{"across lines, ending on another line's text", [2]int{1, 16}, [2]int{2, 9}, &region{1, 12, 2, 8}},
		{"after an invalid byte", [2]int{3, 2}, [2]int{3, 6}, &region{3, 2, 3, 6}},
		// The end column is unknown (0): the region ends where it starts
		// rather than before it.
		{"unknown end column", [2]int{4, 7}, [2]int{4, 0}, &region{4, 7, 4, 7}},
		// A column past the line (the file changed since): kept as is.
		{"past the end of the line", [2]int{4, 40}, [2]int{4, 44}, &region{4, 40, 4, 44}},
		// A finding about a whole file has no region (SARIF's startLine
		// is at least 1).
		{"whole file", [2]int{0, 0}, [2]int{0, 0}, nil},
	}
	for _, tt := range tests {
		f := report.Finding{Rule: "TOS402", Severity: rule.Warning, Message: "m",
			Pos: pos("docs/a.md", tt.pos[0], tt.pos[1]), End: pos("docs/a.md", tt.end[0], tt.end[1])}
		if tt.end[0] == 0 {
			f.End = pos("", 0, 0)
		}
		f.Related = []report.Related{{Pos: f.Pos, Message: "here"}}
		res := sarifResults(t, &report.Report{Findings: []report.Finding{f}, Sources: src})
		got := res[0].Locations[0].PhysicalLocation.Region
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: region (-want +got):\n%s", tt.name, diff)
		}
		// A related location has a start only.
		var wantRel *region
		if tt.want != nil {
			wantRel = &region{StartLine: tt.want.StartLine, StartColumn: tt.want.StartColumn}
		}
		if diff := cmp.Diff(wantRel, res[0].RelatedLocations[0].PhysicalLocation.Region); diff != "" {
			t.Errorf("%s: related region (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestSARIFRuleIndex: ruleIndex points into the driver's rule list, and a
// finding of a rule toslint does not register (a plugin's, say) gets -1,
// SARIF's "no rule", rather than pointing at some other rule's help.
func TestSARIFRuleIndex(t *testing.T) {
	fs := []report.Finding{
		{Rule: "TOS402", Severity: rule.Warning, Pos: pos("a.md", 1, 1), Message: "m"},
		{Rule: "XYZ001", Severity: rule.Warning, Pos: pos("a.md", 2, 1), Message: "m"},
	}
	res := sarifResults(t, &report.Report{Findings: fs, Sources: lines{}})
	want := -1
	for i, rr := range rule.All() {
		if rr.ID == "TOS402" {
			want = i
		}
	}
	if res[0].RuleIndex != want || want < 0 {
		t.Errorf("TOS402: ruleIndex %d, want %d", res[0].RuleIndex, want)
	}
	if res[1].RuleIndex != -1 {
		t.Errorf("XYZ001: ruleIndex %d, want -1", res[1].RuleIndex)
	}
}
