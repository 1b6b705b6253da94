// Package packreview tells people what a rule pack does: what it enforces,
// in words (toslint pack check), which review markers pack init left in
// it, and what changes in enforcement between two versions of a pack
// (toslint pack diff).
package packreview

import (
	"fmt"
	"io"
	"strings"

	"github.com/toslint/toslint/internal/policy"
)

// Checked reports whether the throttle analyzer checks a limit: it needs a
// call budget, and cannot tell a call's HTTP method or resource.
func Checked(l policy.Limit) bool {
	return l.Calls > 0 && l.Window > 0 && len(l.Methods) == 0 && l.AppliesTo == ""
}

// LimitText renders a limit as a rule: "at most 100 calls per minute per
// connection".
func LimitText(l policy.Limit) string {
	var parts []string
	if l.Calls > 0 {
		parts = append(parts, fmt.Sprintf("at most %d calls per %s", l.Calls, l.Window.Human()))
	}
	if l.Concurrency > 0 {
		parts = append(parts, fmt.Sprintf("at most %d calls in flight", l.Concurrency))
	}
	if l.MinInterval > 0 {
		parts = append(parts, fmt.Sprintf("at least %s between calls", l.MinInterval))
	}
	s := strings.Join(parts, ", ")
	if l.Scope != "" {
		s += " per " + l.Scope
	}
	if len(l.Methods) > 0 {
		s += " (" + strings.Join(l.Methods, ", ") + " requests)"
	}
	if l.AppliesTo != "" {
		s += " (" + l.AppliesTo + ")"
	}
	return s
}

// Describe writes what the pack enforces, in words.
func Describe(w io.Writer, p *policy.Pack) {
	fmt.Fprintf(w, "%s: %s\n", p.Name, p.Title)
	if len(p.APIs) > 0 {
		fmt.Fprintln(w, "\nRate limits (throttle analyzer, TOS101-TOS105):")
	}
	for _, a := range p.APIs {
		describeAPI(w, a)
	}
	c := p.Content
	if c.DocsLicense != "" || c.CodeLicense != "" {
		fmt.Fprintln(w, "\nLicenses (license checks, TOS301-TOS309):")
		if c.DocsLicense != "" {
			fmt.Fprintf(w, "  the owner's docs are published under %s: copies need attribution, and a repository publishing under it needs its license text\n", c.DocsLicense)
		}
		if c.CodeLicense != "" {
			fmt.Fprintf(w, "  the owner's code samples are published under %s, kept apart from the docs license\n", c.CodeLicense)
		}
	}
	if len(p.Notices) > 0 {
		fmt.Fprintln(w, "\nNotices:")
		for _, when := range []policy.NoticeWhen{policy.Publisher, policy.Owner} {
			var parts []string
			for _, n := range p.Notices {
				if n.When == when {
					parts = append(parts, fmt.Sprintf("%s (%s)", n.Title, n.Rule))
				}
			}
			if len(parts) == 0 {
				continue
			}
			who := "the owner's own repositories need"
			if when == policy.Publisher {
				who = "repositories publishing docs under " + orDash(c.DocsLicense) + " need"
			}
			fmt.Fprintf(w, "  %s: %s\n", who, strings.Join(parts, "; "))
		}
	}
	if t := p.Trademarks; t != nil {
		fmt.Fprintf(w, "\nTrademarks of %s (trademark checks, TOS401-TOS408):\n", t.Owner)
		var names []string
		for _, m := range t.Marks {
			names = append(names, m.Name)
		}
		if len(names) > 0 {
			fmt.Fprintf(w, "  %s, spelled and used as the owner writes them: %s\n", count(len(names), "mark", "marks"), strings.Join(names, ", "))
		}
		var renamed []string
		for _, r := range t.Retired {
			renamed = append(renamed, r.Name+" → "+r.Replacement)
		}
		if len(renamed) > 0 {
			fmt.Fprintf(w, "  %s to replace: %s\n", count(len(renamed), "retired name", "retired names"), strings.Join(renamed, ", "))
		}
		if len(t.Attribution) > 0 {
			fmt.Fprintln(w, "  docs that use the marks need a trademark attribution statement")
		}
	}
}

func describeAPI(w io.Writer, a policy.API) {
	title := ""
	if a.Title != "" {
		title = " (" + a.Title + ")"
	}
	var match []string
	match = append(match, a.Hosts...)
	for _, p := range a.HostPatterns {
		match = append(match, "hosts matching "+p.String())
	}
	for _, s := range a.SDK {
		match = append(match, "SDK "+s.Package)
	}
	match = append(match, a.Interfaces...)
	match = append(match, a.Wrappers...)
	target := "it"
	if len(a.Limits) == 1 && len(match) <= 3 && len(a.HostPatterns)+len(a.SDK)+len(a.Interfaces)+len(a.Wrappers) == 0 {
		target = joinAnd(a.Hosts)
	} else {
		fmt.Fprintf(w, "  the %s API%s: %s\n", a.Name, title, joinAnd(match))
	}
	for _, l := range a.Limits {
		fmt.Fprintf(w, "  loops calling %s: %s%s\n", target, LimitText(l), uncheckedNote(l))
	}
	if a.ReactiveRetry {
		fmt.Fprintln(w, "  backing off on HTTP 429 with Retry-After satisfies these limits")
	} else {
		fmt.Fprintln(w, "  only a proactive throttle satisfies these limits; retrying after HTTP 429 alone is reported (TOS104)")
	}
	if a.PaginationCounts {
		fmt.Fprintln(w, "  loops following next-page links count too")
	}
}

// uncheckedNote says why the throttle analyzer does not check a limit.
func uncheckedNote(l policy.Limit) string {
	switch {
	case Checked(l):
		return ""
	case l.Calls == 0:
		return " (shown, not checked)"
	case len(l.Methods) > 0:
		return " (shown, not checked: toslint cannot tell a call's HTTP method)"
	default:
		return " (shown, not checked: toslint cannot tell which resource a call reaches)"
	}
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func orDash(s string) string {
	if s == "" {
		return "the docs license"
	}
	return s
}
