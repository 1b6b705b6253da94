// Package directive parses toslint's suppression directives and matches
// findings against them. It is the one place that knows their syntax, for
// Go and Markdown alike, so that the CLI, the golangci-lint plugin and the
// document scanner suppress the same findings.
//
// Go (a line comment with no space after the slashes, so that gofmt and
// godoc treat it as a directive):
//
//	//toslint:ignore TOS101 -- the loop runs at most three times
//	//toslint:ignore TOS101,TOS102 -- reason
//	//toslint:file-ignore TOS202 -- reason
//
// An ignore directive on a line of its own covers the next line and the
// whole statement or declaration that starts there; at the end of a line
// of code it covers that line. A file-ignore covers the whole file.
//
// Markdown (HTML comments):
//
//	<!-- toslint-disable TOS402 -- quoting the old name on purpose -->
//	<!-- toslint-enable TOS402 -->
//	<!-- toslint-disable-next-line TOS401 -- reason -->
//
// A disable lasts until an enable that names one of its rules (or names
// none) or the end of the file. Every directive except enable needs a
// reason after " -- "; rule IDs are required.
package directive

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/toslint/toslint/internal/rule"
)

// Kind is the kind of a directive.
type Kind uint8

// Directive kinds.
const (
	Ignore          Kind = iota + 1 // Go: line or statement
	FileIgnore                      // Go: whole file
	Disable                         // Markdown: until enable
	Enable                          // Markdown: ends a disable
	DisableNextLine                 // Markdown: the next line
)

var kindNames = map[Kind]string{
	Ignore:          "toslint:ignore",
	FileIgnore:      "toslint:file-ignore",
	Disable:         "toslint-disable",
	Enable:          "toslint-enable",
	DisableNextLine: "toslint-disable-next-line",
}

func (k Kind) String() string { return kindNames[k] }

// Directive is one parsed directive and the lines it covers.
type Directive struct {
	Kind   Kind
	Rules  []string // rule IDs as written
	Reason string   // text after " -- ", trimmed

	File      string // as given by the caller
	Line, Col int    // where the directive starts (1-based)

	// From and To are the lines covered, inclusive. To == 0 means to the
	// end of the file.
	From, To int

	used bool // guarded by Set.mu
}

// Covers reports whether the directive suppresses id at line.
func (d *Directive) Covers(id string, line int) bool {
	if d.Kind == Enable || !slices.Contains(d.Rules, id) {
		return false
	}
	return line >= d.From && (d.To == 0 || line <= d.To)
}

// Problem is a directive that is itself wrong: TOS003 (no reason) or TOS005
// (malformed, unknown rule).
type Problem struct {
	Rule      string
	File      string
	Line, Col int
	Msg       string
}

// ParseGo parses the text of a Go comment (with its leading "//"). ok is
// false when the comment is not a toslint directive at all.
func ParseGo(comment string) (d *Directive, prob string, ok bool) {
	text, found := strings.CutPrefix(comment, "//")
	if !found {
		return nil, "", false // block comments are not directives
	}
	if !strings.HasPrefix(text, "toslint:") {
		if strings.HasPrefix(strings.TrimSpace(text), "toslint:") {
			return nil, "directive must start with //toslint: (no space after //)", true
		}
		return nil, "", false
	}
	verb, rest, _ := strings.Cut(text, " ")
	var k Kind
	switch verb {
	case "toslint:ignore":
		k = Ignore
	case "toslint:file-ignore":
		k = FileIgnore
	default:
		return nil, fmt.Sprintf("unknown directive %q (want toslint:ignore or toslint:file-ignore)", verb), true
	}
	return parseBody(k, rest)
}

// ParseMarkdown parses the inside of an HTML comment (without "<!--" and
// "-->"). ok is false when it is not a toslint directive.
func ParseMarkdown(inner string) (d *Directive, prob string, ok bool) {
	text := strings.TrimSpace(inner)
	if !strings.HasPrefix(text, "toslint") {
		return nil, "", false
	}
	verb, rest, _ := strings.Cut(text, " ")
	var k Kind
	switch verb {
	case "toslint-disable":
		k = Disable
	case "toslint-enable":
		k = Enable
	case "toslint-disable-next-line":
		k = DisableNextLine
	default:
		if !strings.HasPrefix(verb, "toslint-") && !strings.HasPrefix(verb, "toslint:") {
			return nil, "", false // a word that merely starts with "toslint"
		}
		return nil, fmt.Sprintf("unknown directive %q (want toslint-disable, toslint-enable or toslint-disable-next-line)", verb), true
	}
	return parseBody(k, rest)
}

// parseBody parses "ID[,ID...] [-- reason]".
func parseBody(k Kind, rest string) (*Directive, string, bool) {
	ids, reason, _ := strings.Cut(rest, "--")
	d := &Directive{Kind: k, Reason: strings.TrimSpace(reason)}
	for _, f := range strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		d.Rules = append(d.Rules, f)
	}
	for _, id := range d.Rules {
		if !rule.ValidID(id) {
			return nil, fmt.Sprintf("%s: %q is not a rule ID (write TOS101, or several as TOS101,TOS102)", k, id), true
		}
		if _, known := rule.Lookup(id); !known {
			return nil, fmt.Sprintf("%s: unknown rule %s", k, id), true
		}
	}
	if len(d.Rules) == 0 && k != Enable {
		return nil, fmt.Sprintf("%s names no rule (write %s TOS101 -- reason)", k, k), true
	}
	// A directive without a reason ("--" with nothing after it, or no
	// "--") still suppresses; Set.Add reports it as TOS003.
	return d, "", true
}

// Set holds the directives of a run and records which ones matched. It is
// safe for concurrent use.
type Set struct {
	mu     sync.Mutex
	byFile map[string][]*Directive
	probs  []Problem
}

// NewSet returns an empty set.
func NewSet() *Set { return &Set{byFile: map[string][]*Directive{}} }

// Add adds directives of one file (scopes already set).
func (s *Set) Add(ds ...*Directive) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range ds {
		s.byFile[d.File] = append(s.byFile[d.File], d)
		if d.Kind != Enable && d.Reason == "" {
			s.probs = append(s.probs, Problem{
				Rule: "TOS003", File: d.File, Line: d.Line, Col: d.Col,
				Msg: fmt.Sprintf("%s %s has no reason (add \" -- why the rule does not apply here\")", d.Kind, strings.Join(d.Rules, ",")),
			})
		}
	}
}

// AddProblem records a malformed directive (TOS005).
func (s *Set) AddProblem(file string, line, col int, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.probs = append(s.probs, Problem{Rule: "TOS005", File: file, Line: line, Col: col, Msg: msg})
}

// Match returns the directive that suppresses rule id at file:line, and
// marks it used; nil when none does.
func (s *Set) Match(id, file string, line int) *Directive {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.byFile[file] {
		if d.Covers(id, line) {
			d.used = true
			return d
		}
	}
	return nil
}

// Problems returns the malformed and reasonless directives.
func (s *Set) Problems() []Problem {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.probs)
}

// Unmatched returns the directives (other than enable) that suppressed
// nothing, sorted by file and line. keep filters which ones are worth reporting: the caller knows
// which rules and engines ran.
func (s *Set) Unmatched(keep func(*Directive) bool) []*Directive {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*Directive
	for _, ds := range s.byFile {
		for _, d := range ds {
			if !d.used && d.Kind != Enable && (keep == nil || keep(d)) {
				out = append(out, d)
			}
		}
	}
	slices.SortFunc(out, func(a, b *Directive) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return out
}
