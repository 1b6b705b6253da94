package report

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/toslint/toslint/internal/rule"
)

// The formats that continuous-integration systems read: checkstyle
// (Jenkins' warnings plugin, reviewdog), code-climate (GitLab code
// quality) and junit-xml (test report views). Suppressed findings are
// left out of all three: they are for audit, in json and sarif.

// checkstyleFormat writes Checkstyle XML: one <file> per file, one
// <error> per finding, with the rule ID as source.
type checkstyleFormat struct{}

type csRoot struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func (checkstyleFormat) Write(w io.Writer, r *Report) error {
	root := csRoot{Version: "4.3"}
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		if n := len(root.Files); n == 0 || root.Files[n-1].Name != f.Pos.Filename {
			root.Files = append(root.Files, csFile{Name: f.Pos.Filename})
		}
		sev := map[rule.Severity]string{rule.Error: "error", rule.Warning: "warning", rule.Info: "info"}[f.Severity]
		file := &root.Files[len(root.Files)-1]
		file.Errors = append(file.Errors, csError{Line: f.Pos.Line, Column: f.Pos.Column, Severity: sev,
			Message: f.Message + " [" + f.Rule + "]", Source: "toslint." + f.Rule})
	}
	return writeXML(w, root)
}

// junitFormat writes JUnit XML: a test suite per file, a failed test case
// per finding; a run without findings is one passing test case, so that
// a test report shows that toslint ran.
type junitFormat struct{}

type juSuites struct {
	XMLName  xml.Name  `xml:"testsuites"`
	Name     string    `xml:"name,attr"`
	Tests    int       `xml:"tests,attr"`
	Failures int       `xml:"failures,attr"`
	Suites   []juSuite `xml:"testsuite"`
}

type juSuite struct {
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Cases    []juCase `xml:"testcase"`
}

type juCase struct {
	Name      string     `xml:"name,attr"`
	Classname string     `xml:"classname,attr"`
	Failure   *juFailure `xml:"failure"`
}

type juFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

func (junitFormat) Write(w io.Writer, r *Report) error {
	root := juSuites{Name: "toslint"}
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		if n := len(root.Suites); n == 0 || root.Suites[n-1].Name != f.Pos.Filename {
			root.Suites = append(root.Suites, juSuite{Name: f.Pos.Filename})
		}
		s := &root.Suites[len(root.Suites)-1]
		var text strings.Builder
		fmt.Fprintf(&text, "%s: %s [%s]\n", f.Pos, f.Message, f.Rule)
		for _, rel := range f.Related {
			fmt.Fprintf(&text, "\t%s: %s\n", rel.Pos, rel.Message)
		}
		s.Cases = append(s.Cases, juCase{Name: f.Rule + " " + f.Pos.String(), Classname: f.Pos.Filename,
			Failure: &juFailure{Message: f.Message, Type: f.Severity.String(), Text: text.String()}})
		s.Tests++
		s.Failures++
	}
	if len(root.Suites) == 0 {
		c := juCase{Name: "toslint", Classname: "toslint"}
		if note := r.Note(); note != "" {
			c.Failure = &juFailure{Message: note, Type: "error", Text: note}
		}
		root.Suites = []juSuite{{Name: "toslint", Cases: []juCase{c}, Tests: 1}}
		if c.Failure != nil {
			root.Suites[0].Failures = 1
		}
	}
	for _, s := range root.Suites {
		root.Tests += s.Tests
		root.Failures += s.Failures
	}
	return writeXML(w, root)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// codeClimateFormat writes the Code Climate issue list that GitLab reads
// as a code quality report: a JSON array of issues with a check name, a
// description, a severity, a location and a unique fingerprint (GitLab
// compares fingerprints to tell new issues from fixed ones).
type codeClimateFormat struct{}

type ccIssue struct {
	Type        string     `json:"type"`
	CheckName   string     `json:"check_name"`
	Description string     `json:"description"`
	Content     *ccContent `json:"content,omitempty"`
	Categories  []string   `json:"categories"`
	Location    ccLocation `json:"location"`
	Severity    string     `json:"severity"`
	Fingerprint string     `json:"fingerprint"`
}

type ccContent struct {
	Body string `json:"body"`
}

type ccLocation struct {
	Path  string  `json:"path"`
	Lines ccLines `json:"lines"`
}

type ccLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

func (codeClimateFormat) Write(w io.Writer, r *Report) error {
	lines := r.Sources
	if lines == nil {
		lines = &diskLines{root: r.Root}
	}
	issues := []ccIssue{}
	seen := map[string]int{}
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		text, _ := lines.Line(f.Pos.Filename, f.Pos.Line)
		fp := Fingerprint(f, text)
		if seen[fp]++; seen[fp] > 1 { // the same finding twice on a line
			fp = fmt.Sprintf("%s-%d", fp, seen[fp])
		}
		begin, end := max(f.Pos.Line, 1), max(endOf(f).Line, f.Pos.Line, 1)
		desc := strings.Join(strings.Fields(f.Message), " ") // one line, as the spec asks
		is := ccIssue{Type: "issue", CheckName: f.Rule, Description: desc + " [" + f.Rule + "]",
			Categories: []string{"Bug Risk"}, Severity: ccSeverity(f.Severity), Fingerprint: fp,
			Location: ccLocation{Path: f.Pos.Filename, Lines: ccLines{Begin: begin, End: end}}}
		if rr, ok := rule.Lookup(f.Rule); ok {
			is.Content = &ccContent{Body: rr.Rationale + "\n\nEnforces: " + rr.Clause + "\n\n" + rr.URL()}
		}
		issues = append(issues, is)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

// ccSeverity maps severities to Code Climate's (info, minor, major,
// critical, blocker).
func ccSeverity(s rule.Severity) string {
	switch s {
	case rule.Error:
		return "major"
	case rule.Warning:
		return "minor"
	}
	return "info"
}
