package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/rule"
	"github.com/toslint/toslint/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite golden files")

// lines is a LineSource over in-memory files.
type lines map[string][]string

func (l lines) Line(file string, n int) (string, bool) {
	ls := l[file]
	if n < 1 || n > len(ls) {
		return "", false
	}
	return ls[n-1], true
}

func pos(file string, line, col int) token.Position {
	return token.Position{Filename: file, Line: line, Column: col}
}

// sample covers every feature a format must carry: severities, a range,
// related locations, a suppression, a fix, a repository-level finding, a
// non-ASCII line and characters that need escaping.
func sample() *report.Report {
	fs := []report.Finding{
		{Rule: "TOS301", Severity: rule.Error, Pos: pos("README.md", 1, 1),
			Message: "no license file covers the Markdown docs (README.md): add a LICENSE file"},
		{Rule: "TOS101", Severity: rule.Error, Pos: pos("pkg/sync/sync.go", 12, 2), End: pos("pkg/sync/sync.go", 12, 5),
			Message: "mde API called in a loop with no throttle (limit: 100 calls per 1m0s per connection)",
			Related: []report.Related{{Pos: pos("pkg/sync/sync.go", 14, 3), Message: "call: (*net/http.Client).Do"}}},
		{Rule: "TOS402", Severity: rule.Warning, Pos: pos("docs/intro.md", 3, 8), End: pos("docs/intro.md", 3, 28),
			Message: "retired name `Windows Defender ATP`: write `Microsoft Defender for Endpoint`",
			Fixes:   []report.Fix{{Message: "Replace with Microsoft Defender for Endpoint", Edits: []report.Edit{{File: "docs/intro.md", Start: 40, End: 60, New: "Microsoft Defender for Endpoint"}}}}},
		{Rule: "TOS402", Severity: rule.Warning, Pos: pos("docs/intro.md", 5, 1),
			Message:    "retired name `Azure Sentinel`, with a | pipe, 100% sure, a: colon, and\na newline",
			Suppressed: &report.Suppression{Directive: "toslint-disable", Reason: "quoting the old name", File: "docs/intro.md", Line: 4}},
		{Rule: "TOS105", Severity: rule.Info, Pos: pos("pkg/sync/sync.go", 30, 1), Message: "throttle present, rate not known"},
	}
	report.Sort(fs)
	return &report.Report{
		Findings: fs,
		Tool:     report.Tool{Name: "toslint", Version: "v1.2.3", URI: "https://github.com/toslint/toslint"},
		Root:     "/work/repo",
		Sources: lines{
			"docs/intro.md":    {"---", "", "Before Windows Defender ATP", "<!-- toslint-disable TOS402 -- quoting the old name -->", "Azure Sentinel"},
			"pkg/sync/sync.go": append(make([]string, 11), "\tfor _, id := range ids { // ünïcode", "", "\t\tclient.Do(req)"),
		},
	}
}

func TestFormatsGolden(t *testing.T) {
	for _, name := range report.FormatNames() {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Formats[name].Write(&b, sample()); err != nil {
				t.Fatal(err)
			}
			testutil.CheckGolden(t, filepath.Join("testdata", "sample."+name+".golden"), b.Bytes(), *update)
		})
	}
}

func TestEmptyReports(t *testing.T) {
	want := map[string]string{
		"text":         "",
		"github":       "",
		"json":         "{\n  \"version\": 1,\n  \"findings\": []\n}\n",
		"markdown":     "### toslint: no findings\n",
		"checkstyle":   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\"></checkstyle>\n",
		"code-climate": "[]\n",
		"junit-xml": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"toslint\" tests=\"1\" failures=\"0\">\n" +
			"  <testsuite name=\"toslint\" tests=\"1\" failures=\"0\" errors=\"0\">\n    <testcase name=\"toslint\" classname=\"toslint\"></testcase>\n  </testsuite>\n</testsuites>\n",
	}
	for name, w := range want {
		var b bytes.Buffer
		if err := report.Formats[name].Write(&b, &report.Report{Sources: lines{}}); err != nil {
			t.Fatal(err)
		}
		if b.String() != w {
			t.Errorf("%s: got %q, want %q", name, b.String(), w)
		}
	}
}

// TestSARIFSchema validates the output against the official SARIF 2.1.0
// JSON schema (vendored in testdata/sarif at the repository root).
func TestSARIFSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../../testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*report.Report{sample(), {Sources: lines{}}} {
		var b bytes.Buffer
		if err := report.Formats["sarif"].Write(&b, r); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(&b)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("SARIF output does not validate: %v", err)
		}
	}
}

func TestSARIFDetails(t *testing.T) {
	var b bytes.Buffer
	if err := report.Formats["sarif"].Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartColumn, EndColumn int }
					}
				}
				Suppressions        []struct{ Kind, Justification string }
				PartialFingerprints map[string]string
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(rule.All()) {
		t.Errorf("driver lists %d rules, registry has %d", len(run.Tool.Driver.Rules), len(rule.All()))
	}
	suppressed := 0
	for _, r := range run.Results {
		if len(r.Suppressions) > 0 {
			suppressed++
			if r.Suppressions[0].Justification != "quoting the old name" {
				t.Errorf("justification = %q", r.Suppressions[0].Justification)
			}
		}
		if r.PartialFingerprints[report.FingerprintKey] == "" {
			t.Errorf("%s: no partial fingerprint", r.RuleID)
		}
	}
	if suppressed != 1 {
		t.Errorf("%d suppressed results, want 1 (suppressed findings stay in SARIF)", suppressed)
	}
}

func TestFingerprint(t *testing.T) {
	f := report.Finding{Rule: "TOS101", Pos: pos("a.go", 10, 2)}
	a := report.Fingerprint(f, "\tfor _, id := range ids {")
	f.Pos.Line = 42 // the line moved
	if b := report.Fingerprint(f, "for _, id  :=  range ids {  "); a != b {
		t.Error("fingerprint changed when only the line number and white space changed")
	}
	if c := report.Fingerprint(f, "for _, id := range machineIDs {"); a == c {
		t.Error("fingerprint did not change with the line's text")
	}
	f.Rule = "TOS102"
	if d := report.Fingerprint(f, "\tfor _, id := range ids {"); a == d {
		t.Error("fingerprint did not change with the rule")
	}
}

func TestSortAndRelativize(t *testing.T) {
	fs := []report.Finding{
		{Rule: "TOS402", Pos: pos("/r/b.md", 1, 1)},
		{Rule: "TOS401", Pos: pos("/r/a.md", 2, 1)},
		{Rule: "TOS402", Pos: pos("/r/a.md", 2, 1)},
		{Rule: "TOS401", Pos: pos("/r/a.md", 1, 9)},
		{Rule: "TOS001", Pos: pos("/elsewhere/x.md", 1, 1)},
	}
	report.Sort(fs)
	report.Relativize(fs, "/r")
	var got []string
	for _, f := range fs {
		got = append(got, f.Pos.String()+" "+f.Rule)
	}
	want := "/elsewhere/x.md:1:1 TOS001,a.md:1:9 TOS401,a.md:2:1 TOS401,a.md:2:1 TOS402,b.md:1:1 TOS402"
	if strings.Join(got, ",") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, ","), want)
	}
	if n := report.Count(sample().Findings, rule.Warning); n != 3 {
		t.Errorf("Count(warning) = %d, want 3 (suppressed and info not counted)", n)
	}
}

// TestSARIFMultitool runs Microsoft's SARIF Multitool, the reference
// validator (schema plus authoring rules), on a full report, an
// interrupted one and one for a run that stopped on an error. .ci/run
// installs it from npm and sets TOSLINT_SARIF_MULTITOOL; with
// TOSLINT_INTEGRATION=1 a missing tool fails the test.
func TestSARIFMultitool(t *testing.T) {
	tool := os.Getenv("TOSLINT_SARIF_MULTITOOL")
	if tool == "" {
		if os.Getenv("TOSLINT_INTEGRATION") == "1" {
			t.Fatal("TOSLINT_SARIF_MULTITOOL is not set: .ci/run installs the SARIF Multitool and sets it")
		}
		t.Skip("TOSLINT_SARIF_MULTITOOL not set (.ci/run sets it)")
	}
	interrupted := sample()
	interrupted.Incomplete = true
	failed := &report.Report{Error: "config .toslint.yml:1:10: unknown severity", Sources: lines{}, Root: "/work/repo",
		Tool: report.Tool{Name: "toslint", Version: "v1.2.3", URI: "https://github.com/toslint/toslint"}}
	// One run of the tool for all three (it takes tens of seconds to start).
	dir := t.TempDir()
	var files []string
	for name, r := range map[string]*report.Report{"full": sample(), "interrupted": interrupted, "error": failed} {
		var b bytes.Buffer
		if err := report.Formats["sarif"].Write(&b, r); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+".sarif")
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	slices.Sort(files)
	args := append([]string{"validate"}, files...)
	out, err := exec.Command(tool, append(args, "-o", filepath.Join(dir, "validation.sarif"))...).CombinedOutput()
	if err != nil {
		t.Fatalf("multitool: %v\n%s", err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, ": error ") || strings.Contains(l, ": warning ") {
			t.Errorf("multitool: %s", l)
		}
	}
	if !strings.Contains(string(out), fmt.Sprintf("%d files scanned", len(files))) {
		t.Errorf("multitool did not scan the %d files:\n%s", len(files), out)
	}
}
