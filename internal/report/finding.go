// Package report defines the Finding that every toslint engine produces and
// writes findings in each output format (text, json, sarif, github,
// markdown, checkstyle, code-climate, junit-xml). Positions use go/token for Go and Markdown alike.
package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"github.com/toslint/toslint/internal/rule"
)

// Finding is one problem found by an engine.
type Finding struct {
	Rule     string // rule ID
	Severity rule.Severity
	Pos      token.Position // start; Column is a 1-based byte column
	End      token.Position // end (exclusive column); zero when unknown
	Message  string
	Related  []Related
	Fixes    []Fix
	// Suppressed is set when a directive suppresses the finding; it stays
	// in json and sarif output for audit.
	Suppressed *Suppression
	// ToolError marks a finding that says toslint could not do its job
	// there (an internal error, a package that did not load): the run
	// exits 2 whatever its severity, so that CI does not pass on a gap.
	ToolError bool
}

// Related is a secondary location, such as a step of a call chain.
type Related struct {
	Pos     token.Position
	Message string
}

// Fix is a suggested change, made of byte-offset edits.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces bytes [Start, End) of File with New.
type Edit struct {
	File       string
	Start, End int
	New        string
}

// Suppression records the directive that suppressed a finding.
type Suppression struct {
	Directive string // "toslint:ignore", "toslint-disable", ...
	Reason    string
	File      string
	Line      int
}

// Sort orders findings by file, line, column, rule, then message.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			strings.Compare(a.Pos.Filename, b.Pos.Filename),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			strings.Compare(a.Rule, b.Rule),
			strings.Compare(a.Message, b.Message),
		)
	})
}

// Relativize rewrites file names under dir as slash-separated relative
// paths; others stay absolute. It applies to findings, related locations,
// suppressions and fix edits.
func Relativize(fs []Finding, dir string) {
	rel := func(p string) string {
		if p == "" || !filepath.IsAbs(p) {
			return filepath.ToSlash(p)
		}
		r, err := filepath.Rel(dir, p)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(p)
		}
		return filepath.ToSlash(r)
	}
	for i := range fs {
		f := &fs[i]
		f.Pos.Filename = rel(f.Pos.Filename)
		f.End.Filename = rel(f.End.Filename)
		for j := range f.Related {
			f.Related[j].Pos.Filename = rel(f.Related[j].Pos.Filename)
		}
		if f.Suppressed != nil {
			f.Suppressed.File = rel(f.Suppressed.File)
		}
		for j := range f.Fixes {
			for k := range f.Fixes[j].Edits {
				f.Fixes[j].Edits[k].File = rel(f.Fixes[j].Edits[k].File)
			}
		}
	}
}

// Count returns the number of unsuppressed findings at or above sev.
func Count(fs []Finding, sev rule.Severity) int {
	n := 0
	for _, f := range fs {
		if f.Suppressed == nil && f.Severity >= sev {
			n++
		}
	}
	return n
}

// HasToolErrors reports whether a finding marks a tool error (see
// Finding.ToolError), suppressed or not.
func HasToolErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.ToolError {
			return true
		}
	}
	return false
}

// Fingerprint identifies a finding across unrelated edits: the rule, the
// file and the text of the finding's line with white space folded. Moving
// the line keeps the fingerprint; changing it does not. It is the SARIF
// partial fingerprint and the baseline key.
func Fingerprint(f Finding, lineText string) string {
	h := sha256.New()
	h.Write([]byte(f.Rule))
	h.Write([]byte{0})
	h.Write([]byte(f.Pos.Filename))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(lineText), " ")))
	return hex.EncodeToString(h.Sum(nil)[:16])
}
