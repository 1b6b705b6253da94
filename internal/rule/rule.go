// Package rule holds the registry of every toslint rule: its stable ID, its
// name, default severity, the engine that implements it, and the clause of
// the terms or license it enforces.
//
// The registry is the one table of rules in the code base. Every output
// format, the configuration, the suppression directives and the rule packs
// refer to rules by ID, and the IDs never change: a retired ID is never
// reused (see [Retired]).
package rule

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Severity is how serious a finding is. The zero value is invalid.
type Severity int

// Severities, from least to most serious.
const (
	Info Severity = iota + 1
	Warning
	Error
)

// String returns the lowercase name used in config files and outputs.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Engine names the part of toslint that implements a rule.
type Engine string

// Engines.
const (
	EngineTool        Engine = "tool"        // toslint about itself (directives, unreadable files)
	EngineThrottle    Engine = "throttle"    // analyzers/throttle (Go code)
	EngineAttribution Engine = "attribution" // analyzers/attribution (Go code)
	EngineDocs        Engine = "docscan"     // docscan (repository files and Markdown)
)

// Status says whether a registered rule produces findings in this release.
type Status string

// Statuses.
const (
	Available Status = "available" // implemented and run
	Planned   Status = "planned"   // ID reserved; the engine does not emit it yet
)

// Rule describes one rule.
type Rule struct {
	ID        string   // stable identifier: TOS + three digits
	Name      string   // short kebab-case name for people and flags
	Title     string   // one line: what a finding means
	Severity  Severity // default severity
	Default   bool     // on unless the configuration turns it off
	Engine    Engine   // what implements it
	Status    Status   // available or planned
	Rationale string   // why the rule exists
	Clause    string   // the clause of the terms or license it enforces
	Since     string   // release that introduced the ID
}

// Family returns the rule family: "TOS1xx" for TOS101.
func (r Rule) Family() string { return r.ID[:4] + "xx" }

// idPattern is the syntax of a rule ID.
var idPattern = regexp.MustCompile(`^TOS[0-9]{3}$`)

// ValidID reports whether s has the syntax of a rule ID.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	i, ok := slices.BinarySearchFunc(registry, id, func(r Rule, id string) int {
		return strings.Compare(r.ID, id)
	})
	if !ok {
		return Rule{}, false
	}
	return registry[i], true
}

// All returns every registered rule, sorted by ID. The slice is a copy.
func All() []Rule { return slices.Clone(registry) }

// Retired lists IDs that were once used and must never be reused. It is
// empty in the first release; a test checks that no registered rule uses
// one of these.
var Retired = []string{}

// URL returns the documentation address of a rule.
func (r Rule) URL() string {
	return "https://github.com/toslint/toslint/blob/main/docs/rules.md#" + strings.ToLower(r.ID)
}

func init() {
	if !slices.IsSortedFunc(registry, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) }) {
		panic("rule: registry is not sorted by ID")
	}
	for i, r := range registry {
		if !ValidID(r.ID) || r.Name == "" || r.Title == "" || r.Severity == 0 || r.Engine == "" || r.Status == "" {
			panic(fmt.Sprintf("rule: incomplete registry entry %d: %+v", i, r))
		}
		if i > 0 && registry[i-1].ID == r.ID {
			panic("rule: duplicate ID " + r.ID)
		}
	}
}
