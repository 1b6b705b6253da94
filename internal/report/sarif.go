package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/toslint/toslint/internal/rule"
)

// sarifFormat writes SARIF 2.1.0: one run, every registered rule with its
// help text, results with regions, related locations, suppressions (for
// audit) and partial fingerprints (the baseline key).
type sarifFormat struct{}

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations,omitempty"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

// sarifInvocation is written when the run did not complete: interrupted,
// or stopped by an error (code scanning then shows why).
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           map[string]any  `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// FingerprintKey names toslint's partial fingerprint in SARIF.
const FingerprintKey = "toslint/v1"

func sarifLevel(s rule.Severity) string {
	switch s {
	case rule.Error:
		return "error"
	case rule.Warning:
		return "warning"
	}
	return "note"
}

func (sarifFormat) Write(w io.Writer, r *Report) error {
	lines := r.Sources
	if lines == nil {
		lines = &diskLines{root: r.Root}
	}
	all := rule.All()
	index := map[string]int{}
	driver := sarifDriver{
		Name: r.Tool.Name, Version: strings.TrimPrefix(r.Tool.Version, "v"), InformationURI: r.Tool.URI,
		SemanticVersion: strings.TrimPrefix(r.Tool.Version, "v"),
	}
	if !semver(driver.SemanticVersion) {
		driver.SemanticVersion = ""
	}
	for i, rr := range all {
		index[rr.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: rr.ID, Name: pascal(rr.Name),
			ShortDescription: sarifText{Text: sentence(rr.Title)},
			FullDescription:  sarifText{Text: sentence(rr.Title) + " " + rr.Rationale},
			Help: sarifText{
				Text:     rr.Rationale + " Enforces: " + rr.Clause,
				Markdown: "**" + rr.ID + " " + rr.Name + "**: " + rr.Rationale + "\n\nEnforces: " + rr.Clause,
			},
			HelpURI:              rr.URL(),
			DefaultConfiguration: sarifRuleConfig{Enabled: rr.Default, Level: sarifLevel(rr.Severity)},
			Properties:           map[string]any{"tags": []string{rr.Family(), string(rr.Engine)}},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}, ColumnKind: "utf16CodeUnits"}
	if note := r.Note(); note != "" {
		level := "warning"
		if r.Error != "" {
			level = "error"
		}
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: false,
			ToolExecutionNotifications: []sarifNotification{{Level: level, Message: sarifText{Text: sentence(note)}}}}}
	}
	if r.Root != "" {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(r.Root) + "/"}
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{"%SRCROOT%": {URI: u.String()}}
	}
	loc := func(file string, line, col, endLine, endCol int) sarifPhysicalLocation {
		pl := sarifPhysicalLocation{ArtifactLocation: artifact(file)}
		if line > 0 {
			text, _ := lines.Line(file, line)
			reg := &sarifRegion{StartLine: line, StartColumn: utf16Column(text, max(col, 1))}
			if endLine > 0 {
				endText := text
				if endLine != line {
					endText, _ = lines.Line(file, endLine)
				}
				reg.EndLine, reg.EndColumn = endLine, utf16Column(endText, max(endCol, 1))
				if reg.EndLine == reg.StartLine && reg.EndColumn < reg.StartColumn {
					reg.EndColumn = reg.StartColumn
				}
			}
			pl.Region = reg
		}
		return pl
	}
	for _, f := range r.Findings {
		end := endOf(f)
		res := sarifResult{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: loc(f.Pos.Filename, f.Pos.Line, f.Pos.Column, end.Line, end.Column)}},
		}
		if _, ok := index[f.Rule]; !ok {
			res.RuleIndex = -1
		}
		for i, rel := range f.Related {
			id := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               &id,
				PhysicalLocation: loc(rel.Pos.Filename, rel.Pos.Line, rel.Pos.Column, 0, 0),
				Message:          &sarifText{Text: rel.Message},
			})
		}
		if s := f.Suppressed; s != nil {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: s.Reason}}
		}
		text, _ := lines.Line(f.Pos.Filename, f.Pos.Line)
		res.PartialFingerprints = map[string]string{FingerprintKey: Fingerprint(f, text)}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

func artifact(file string) sarifArtifactLoc {
	if filepath.IsAbs(file) {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(file)}
		return sarifArtifactLoc{URI: u.String()}
	}
	u := url.URL{Path: filepath.ToSlash(file)}
	return sarifArtifactLoc{URI: u.String(), URIBaseID: "%SRCROOT%"}
}

// pascal turns "unthrottled-call-loop" into "UnthrottledCallLoop", the
// SARIF convention for rule names.
func pascal(s string) string {
	var b strings.Builder
	for _, w := range strings.Split(s, "-") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// sentence capitalises s and ends it with a period (SARIF authoring rules
// want messages that are sentences).
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func semver(v string) bool {
	parts := strings.SplitN(strings.SplitN(v, "-", 2)[0], ".", 3)
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
