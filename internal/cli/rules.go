package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/toslint/toslint/internal/rule"
)

// runRules implements `toslint rules` and `toslint rules explain ID`.
func runRules(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, markdown or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: toslint rules [-format text|markdown|json]\n       toslint rules explain ID")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err}
	}
	rest := fs.Args()
	if len(rest) > 0 {
		if rest[0] != "explain" || len(rest) != 2 {
			return usageError{fmt.Errorf("unexpected arguments %q (want: rules explain ID)", strings.Join(rest, " "))}
		}
		id := strings.ToUpper(rest[1])
		r, ok := rule.Lookup(id)
		if !ok {
			return fmt.Errorf("unknown rule %q (run `toslint rules` for the list)", rest[1])
		}
		explain(stdout, r)
		return nil
	}
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tDEFAULT\tENGINE\tSTATUS\tNAME\tTITLE")
		for _, r := range rule.All() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, onOff(r.Default), r.Engine, r.Status, r.Name, r.Title)
		}
		return tw.Flush()
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
	return usageError{fmt.Errorf("unknown format %q for rules (want text, markdown or json)", *format)}
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
