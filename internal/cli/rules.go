package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/rule"
	"github.com/toslint/toslint/rules"
)

// runRules implements `toslint rules` and `toslint rules explain ID`.
func runRules(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, markdown or json")
	if err := parseFlags(fs, "Usage: toslint rules [-format text|markdown|json]\n       toslint rules explain ID|NAME ...", args); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) > 0 {
		if rest[0] != "explain" || len(rest) < 2 {
			return usageError{err: fmt.Errorf("unexpected arguments %q (want: rules explain ID|NAME ...)", strings.Join(rest, " "))}
		}
		var found []rule.Rule
		for _, arg := range rest[1:] {
			r, ok := lookupRule(arg)
			if !ok {
				return fmt.Errorf("unknown rule %q: give an ID such as TOS101 or a name such as unthrottled-call-loop (run `toslint rules` for the list)", arg)
			}
			found = append(found, r)
		}
		for i, r := range found {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			explain(stdout, r)
		}
		return nil
	}
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tDEFAULT\tENGINE\tSTATUS\tNAME\tTITLE")
		for _, r := range rule.All() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, onOff(r.Default), r.Engine, r.Status, r.Name, r.Title)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		_, err := fmt.Fprintln(stdout, "\n"+activePacks())
		return err
	case "markdown":
		fmt.Fprint(stdout, RulesMarkdown())
		return nil
	case "json":
		type jr struct {
			ID        string `json:"id"`
			Name      string `json:"name"`
			Title     string `json:"title"`
			Severity  string `json:"severity"`
			Default   bool   `json:"default"`
			Engine    string `json:"engine"`
			Status    string `json:"status"`
			Rationale string `json:"rationale"`
			Clause    string `json:"clause"`
			Since     string `json:"since"`
			URL       string `json:"url"`
		}
		out := []jr{}
		for _, r := range rule.All() {
			out = append(out, jr{r.ID, r.Name, r.Title, r.Severity.String(), r.Default, string(r.Engine), string(r.Status), r.Rationale, r.Clause, r.Since, r.URL()})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return usageError{err: fmt.Errorf("unknown format %q for rules (want text, markdown or json)", *format)}
}

// lookupRule finds a rule by ID ("TOS101", any case) or by name
// ("unthrottled-call-loop", any case, underscores for dashes).
func lookupRule(arg string) (rule.Rule, bool) {
	if r, ok := rule.Lookup(strings.ToUpper(arg)); ok {
		return r, true
	}
	name := strings.ReplaceAll(strings.ToLower(arg), "_", "-")
	for _, r := range rule.All() {
		if r.Name == name {
			return r, true
		}
	}
	return rule.Rule{}, false
}

// activePacks says which packs a check in the current directory uses and
// how to change that.
func activePacks() string {
	file, err := config.Find(".")
	if err != nil {
		return "packs: " + err.Error()
	}
	var pol *policy.Policy
	if file == "" {
		pol, err = config.Default(".")
	} else {
		pol, err = config.Load(file)
	}
	if err != nil {
		return "packs: " + err.Error()
	}
	var names []string
	for _, p := range pol.Packs() {
		names = append(names, rules.Describe(p))
	}
	if file == "" {
		return "packs: " + strings.Join(names, ", ") + "\n(no .toslint.yml: every embedded pack is active; list packs in .toslint.yml to use only some)"
	}
	return "packs: " + strings.Join(names, ", ") + "\n(from " + file + ")"
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// RulesMarkdown renders the rule table that README.md embeds.
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString("| ID | Name | Severity | Default | Engine | Status | Title |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range rule.All() {
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s | %s | %s |\n", r.ID, r.Name, r.Severity, onOff(r.Default), r.Engine, r.Status, r.Title)
	}
	return b.String()
}

func explain(w io.Writer, r rule.Rule) {
	fmt.Fprintf(w, "%s %s: %s\n\n", r.ID, r.Name, r.Title)
	fmt.Fprintf(w, "Severity:  %s (default %s)\n", r.Severity, onOff(r.Default))
	fmt.Fprintf(w, "Engine:    %s (%s)\n", r.Engine, r.Status)
	fmt.Fprintf(w, "Since:     %s\n\n", r.Since)
	fmt.Fprintf(w, "Why: %s\n\n", r.Rationale)
	fmt.Fprintf(w, "Enforces: %s\n\n", r.Clause)
	fmt.Fprintf(w, "Suppress one finding with a reason:\n")
	switch r.Engine {
	case rule.EngineThrottle, rule.EngineAttribution:
		fmt.Fprintf(w, "\t//toslint:ignore %s -- why it does not apply\n", r.ID)
	case rule.EngineDocs:
		fmt.Fprintf(w, "\t<!-- toslint-disable-next-line %s -- why it does not apply -->\n", r.ID)
	default:
		fmt.Fprintf(w, "\t(tool findings are turned off in .toslint.yml: rules: [{id: %s, enabled: false}])\n", r.ID)
	}
	fmt.Fprintf(w, "\nMore: %s\n", r.URL())
}

// RulesDoc renders docs/rules.md: one section per rule, anchored by its ID
// so that Rule.URL resolves.
func RulesDoc() string {
	var b strings.Builder
	b.WriteString("# toslint rules\n\n")
	b.WriteString("<!-- Generated from internal/rule by `go test ./internal/cli -update`; do not edit. -->\n\n")
	b.WriteString("Every rule has a stable ID. Turn rules on or off and change severities in\n")
	b.WriteString("`.toslint.yml` (see the README); suppress one finding with a directive and a reason.\n")
	b.WriteString("Rules marked *planned* have their ID reserved; their engine does not report them yet.\n\n")
	for _, r := range rule.All() {
		fmt.Fprintf(&b, "## %s\n\n", r.ID)
		fmt.Fprintf(&b, "**%s**: %s.\n\n", r.Name, r.Title)
		fmt.Fprintf(&b, "- Severity: %s, %s by default\n", r.Severity, onOff(r.Default))
		fmt.Fprintf(&b, "- Engine: %s (%s)\n", r.Engine, r.Status)
		fmt.Fprintf(&b, "- Since: %s\n\n", r.Since)
		fmt.Fprintf(&b, "%s\n\n", r.Rationale)
		fmt.Fprintf(&b, "Enforces: %s\n\n", r.Clause)
	}
	return b.String()
}
