package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/toslint/toslint/internal/report"
)

// TestRunNotes checks what each format says about a run that did not
// complete: stopped by an error (exit 2, no findings) or interrupted (the
// findings found so far). CI readers see only the report, so the formats
// that have a place for it must say so.
func TestRunNotes(t *testing.T) {
	failed := &report.Report{Error: `config .toslint.yml:3:11: unknown severity "fatal"`, Sources: lines{}}
	interrupted := &report.Report{Incomplete: true, Sources: lines{}}
	const failNote = `toslint could not run: config .toslint.yml:3:11: unknown severity "fatal"`
	const stopNote = "toslint was interrupted: these are the findings found before it stopped (incomplete)"
	tests := []struct {
		format string
		r      *report.Report
		want   string
	}{
		{"github", failed, "::warning title=toslint::" + failNote + "\n"},
		{"github", interrupted, "::warning title=toslint::" + stopNote + "\n"},
		{"markdown", failed, "> **" + failNote + "**\n\n### toslint: no findings\n"},
		{"markdown", interrupted, "> **" + stopNote + "**\n\n### toslint: no findings\n"},
		{"json", failed, "{\n  \"version\": 1,\n  \"findings\": [],\n  \"error\": \"config .toslint.yml:3:11: unknown severity \\\"fatal\\\"\"\n}\n"},
		{"json", interrupted, "{\n  \"version\": 1,\n  \"findings\": [],\n  \"incomplete\": true\n}\n"},
		{"junit-xml", failed, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"toslint\" tests=\"1\" failures=\"1\">\n" +
			"  <testsuite name=\"toslint\" tests=\"1\" failures=\"1\" errors=\"0\">\n    <testcase name=\"toslint\" classname=\"toslint\">\n" +
			"      <failure message=\"toslint could not run: config .toslint.yml:3:11: unknown severity &#34;fatal&#34;\" type=\"error\">" +
			"<![CDATA[" + failNote + "]]></failure>\n    </testcase>\n  </testsuite>\n</testsuites>\n"},
		// The text format is for a terminal, where the CLI prints the note
		// on stderr.
		{"text", failed, ""},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := report.Formats[tt.format].Write(&b, tt.r); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%s, %s: got\n%s\nwant\n%s", tt.format, tt.r.Note(), b.String(), tt.want)
		}
	}
}

// TestSARIFRunNotes: code scanning shows a run that did not complete as a
// failed invocation with a notification, an error when toslint could not
// run and a warning when it was interrupted.
func TestSARIFRunNotes(t *testing.T) {
	tests := []struct {
		r     *report.Report
		level string
		text  string
	}{
		{&report.Report{Error: "no go.mod found above /src", Sources: lines{}}, "error",
			"Toslint could not run: no go.mod found above /src."},
		{&report.Report{Incomplete: true, Sources: lines{}}, "warning",
			"Toslint was interrupted: these are the findings found before it stopped (incomplete)."},
		{&report.Report{Sources: lines{}}, "", ""},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := report.Formats["sarif"].Write(&b, tt.r); err != nil {
			t.Fatal(err)
		}
		var log struct {
			Runs []struct {
				Invocations []struct {
					ExecutionSuccessful        bool
					ToolExecutionNotifications []struct {
						Level   string
						Message struct{ Text string }
					}
				}
			}
		}
		if err := json.Unmarshal(b.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		inv := log.Runs[0].Invocations
		if tt.level == "" {
			if len(inv) != 0 {
				t.Errorf("a completed run has invocations: %+v", inv)
			}
			continue
		}
		if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 1 {
			t.Fatalf("%q: invocations %+v, want one failed with one notification", tt.r.Note(), inv)
		}
		n := inv[0].ToolExecutionNotifications[0]
		if n.Level != tt.level || n.Message.Text != tt.text {
			t.Errorf("notification %s %q, want %s %q", n.Level, n.Message.Text, tt.level, tt.text)
		}
	}
}
