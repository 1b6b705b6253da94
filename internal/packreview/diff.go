package packreview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/toslint/toslint/internal/policy"
)

// Change is one difference in what two versions of a pack enforce.
type Change struct {
	Kind   string // "limit lowered", "mark added", "product renamed", ...
	Detail string
}

func (c Change) String() string { return c.Kind + ": " + c.Detail }

// Diff returns what changes in enforcement from old to new, in the order
// API families, licenses, notices, trademarks. Titles, descriptions,
// clauses and hints are words, not enforcement: they are not compared.
func Diff(old, new *policy.Pack) []Change {
	var d differ
	d.apis(old.APIs, new.APIs)
	d.content(old.Content, new.Content)
	d.notices(old.Notices, new.Notices)
	d.trademarks(old.Trademarks, new.Trademarks)
	return d.out
}

type differ struct{ out []Change }

func (d *differ) add(kind, format string, args ...any) {
	d.out = append(d.out, Change{Kind: kind, Detail: fmt.Sprintf(format, args...)})
}

func (d *differ) apis(old, new []policy.API) {
	matched := map[int]bool{}
	for _, o := range old {
		j := slices.IndexFunc(new, func(n policy.API) bool { return n.Name == o.Name })
		if j < 0 {
			j = slices.IndexFunc(new, func(n policy.API) bool {
				return !slices.ContainsFunc(old, func(x policy.API) bool { return x.Name == n.Name }) && overlap(o.Hosts, n.Hosts)
			})
			if j >= 0 {
				d.add("API family renamed", "%s → %s", o.Name, new[j].Name)
			}
		}
		if j < 0 || matched[j] {
			d.add("API family removed", "%s (%s): its limits are no longer checked", o.Name, joinAnd(o.Hosts))
			continue
		}
		matched[j] = true
		d.api(o, new[j])
	}
	for j, n := range new {
		if !matched[j] {
			var ls []string
			for _, l := range n.Limits {
				ls = append(ls, LimitText(l))
			}
			d.add("API family added", "%s (%s): %s", n.Name, joinAnd(n.Hosts), strings.Join(ls, "; "))
		}
	}
}

func overlap(a, b []string) bool {
	return slices.ContainsFunc(a, func(s string) bool { return slices.Contains(b, s) })
}

func (d *differ) api(o, n policy.API) {
	name := n.Name
	d.set("host", name, o.Hosts, n.Hosts)
	d.set("host pattern", name, patternStrings(o.HostPatterns), patternStrings(n.HostPatterns))
	var os, ns []string
	for _, s := range o.SDK {
		os = append(os, s.Package+" "+s.Methods.String())
	}
	for _, s := range n.SDK {
		ns = append(ns, s.Package+" "+s.Methods.String())
	}
	d.set("SDK", name, os, ns)
	d.set("interface method", name, o.Interfaces, n.Interfaces)
	d.set("wrapper type", name, o.Wrappers, n.Wrappers)
	d.set("path prefix", name, o.PathPrefixes, n.PathPrefixes)

	matched := map[int]bool{}
	for _, ol := range o.Limits {
		j := slices.IndexFunc(n.Limits, func(nl policy.Limit) bool { return nl.Name == ol.Name })
		if j < 0 || matched[j] {
			j = slices.IndexFunc(n.Limits, func(nl policy.Limit) bool {
				return nl.Scope == ol.Scope && nl.Window == ol.Window && nl.Calls > 0 == (ol.Calls > 0)
			})
		}
		if j < 0 || matched[j] {
			d.add("limit removed", "%s %q: %s", name, ol.Name, LimitText(ol))
			continue
		}
		matched[j] = true
		d.limit(name, ol, n.Limits[j])
	}
	for j, nl := range n.Limits {
		if !matched[j] {
			d.add("limit added", "%s %q: %s", name, nl.Name, LimitText(nl))
		}
	}
	if o.ReactiveRetry != n.ReactiveRetry {
		if n.ReactiveRetry {
			d.add("retry policy relaxed", "%s: backing off on HTTP 429 now satisfies the limits", name)
		} else {
			d.add("retry policy tightened", "%s: retrying after HTTP 429 no longer satisfies the limits; a proactive throttle is needed", name)
		}
	}
	if o.PaginationCounts != n.PaginationCounts {
		if n.PaginationCounts {
			d.add("pagination counted", "%s: loops following next-page links now count", name)
		} else {
			d.add("pagination exempt", "%s: loops following next-page links no longer count", name)
		}
	}
}

func (d *differ) limit(api string, o, n policy.Limit) {
	label := fmt.Sprintf("%s %q", api, n.Name)
	if o.Name != n.Name {
		label = fmt.Sprintf("%s %q (was %q)", api, n.Name, o.Name)
	}
	or, nr := o.PerSecond(), n.PerSecond()
	switch {
	case o.Calls == n.Calls && o.Window == n.Window:
	case nr < or:
		d.add("limit lowered", "%s: %d calls per %s → %d calls per %s (stricter)", label, o.Calls, o.Window.Human(), n.Calls, n.Window.Human())
	case nr > or:
		d.add("limit raised", "%s: %d calls per %s → %d calls per %s", label, o.Calls, o.Window.Human(), n.Calls, n.Window.Human())
	default:
		d.add("limit window changed", "%s: %d calls per %s → %d calls per %s (same rate, different burst)", label, o.Calls, o.Window.Human(), n.Calls, n.Window.Human())
	}
	if o.Concurrency != n.Concurrency {
		kind := "concurrency lowered"
		if n.Concurrency == 0 || o.Concurrency != 0 && n.Concurrency > o.Concurrency {
			kind = "concurrency raised"
		}
		d.add(kind, "%s: %d → %d calls in flight (0: no limit)", label, o.Concurrency, n.Concurrency)
	}
	if o.MinInterval != n.MinInterval {
		d.add("interval changed", "%s: %s → %s between calls", label, o.MinInterval, n.MinInterval)
	}
	if o.Scope != n.Scope {
		d.add("limit scope changed", "%s: per %s → per %s", label, orNone(o.Scope), orNone(n.Scope))
	}
	if !slices.Equal(o.Methods, n.Methods) {
		d.add("limit methods changed", "%s: %s → %s", label, methods(o.Methods), methods(n.Methods))
	}
	if o.AppliesTo != n.AppliesTo {
		d.add("limit coverage changed", "%s: %s → %s", label, orAll(o.AppliesTo), orAll(n.AppliesTo))
	}
}

// set reports the items added to and removed from a list.
func (d *differ) set(what, owner string, old, new []string) {
	var added, removed []string
	for _, n := range new {
		if !slices.Contains(old, n) {
			added = append(added, n)
		}
	}
	for _, o := range old {
		if !slices.Contains(new, o) {
			removed = append(removed, o)
		}
	}
	if strings.HasSuffix(what, "pattern") && len(added) > 0 && len(removed) > 0 {
		// Patterns are read as a whole: one line, old → new.
		d.add(what+"s changed", "%s: %s → %s", owner, strings.Join(removed, ", "), strings.Join(added, ", "))
		return
	}
	if len(added) > 0 {
		d.add(what+plural(len(added))+" added", "%s: %s", owner, strings.Join(added, ", "))
	}
	if len(removed) > 0 {
		d.add(what+plural(len(removed))+" removed", "%s: %s", owner, strings.Join(removed, ", "))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (d *differ) content(o, n policy.Content) {
	if o.DocsLicense != n.DocsLicense {
		d.add("docs license changed", "%s → %s", orNone(o.DocsLicense), orNone(n.DocsLicense))
	}
	if o.CodeLicense != n.CodeLicense {
		d.add("code license changed", "%s → %s", orNone(o.CodeLicense), orNone(n.CodeLicense))
	}
	d.set("license link pattern", "content", patternStrings(o.LicenseURLs), patternStrings(n.LicenseURLs))
}

func (d *differ) notices(old, new []policy.Notice) {
	for _, o := range old {
		j := slices.IndexFunc(new, func(n policy.Notice) bool { return n.ID == o.ID })
		if j < 0 {
			d.add("notice removed", "%s (%s): %s", o.ID, o.Rule, o.Title)
			continue
		}
		n := new[j]
		if o.Rule != n.Rule || o.When != n.When {
			d.add("notice changed", "%s: %s for %s → %s for %s", n.ID, o.Rule, o.When, n.Rule, n.When)
		}
		d.set("notice text pattern", n.ID, patternStrings(o.Text), patternStrings(n.Text))
		d.set("notice link pattern", n.ID, patternStrings(o.Links), patternStrings(n.Links))
	}
	for _, n := range new {
		if !slices.ContainsFunc(old, func(o policy.Notice) bool { return o.ID == n.ID }) {
			d.add("notice added", "%s (%s, %s repositories): %s", n.ID, n.Rule, n.When, n.Title)
		}
	}
}

func (d *differ) trademarks(o, n *policy.Trademarks) {
	switch {
	case o == nil && n == nil:
		return
	case o == nil:
		d.add("trademarks added", "%s, %d marks", n.Owner, len(n.Marks))
		o = &policy.Trademarks{Owner: n.Owner}
	case n == nil:
		d.add("trademarks removed", "%s: its marks are no longer checked", o.Owner)
		return
	}
	if o.Owner != n.Owner {
		d.add("trademark owner changed", "%s → %s", o.Owner, n.Owner)
	}
	if o.GuidelinesURL != n.GuidelinesURL {
		d.add("trademark guidelines changed", "%s → %s", orNone(o.GuidelinesURL), orNone(n.GuidelinesURL))
	}
	d.set("trade name", n.Owner, o.TradeNames, n.TradeNames)
	d.set("attribution pattern", n.Owner, patternStrings(o.Attribution), patternStrings(n.Attribution))
	renamedTo := map[string]string{}
	for _, r := range n.Retired {
		if !slices.ContainsFunc(o.Retired, func(x policy.RetiredName) bool { return x.Name == r.Name && x.Replacement == r.Replacement }) {
			renamedTo[r.Name] = r.Replacement
			d.add("product renamed", "%s → %s", r.Name, r.Replacement)
		}
	}
	for _, r := range o.Retired {
		if !slices.ContainsFunc(n.Retired, func(x policy.RetiredName) bool { return x.Name == r.Name }) {
			d.add("retired name dropped", "%s (was replaced by %s): no longer reported", r.Name, r.Replacement)
		}
	}
	for _, om := range o.Marks {
		j := slices.IndexFunc(n.Marks, func(m policy.Mark) bool { return m.Name == om.Name })
		if j < 0 {
			if _, ok := renamedTo[om.Name]; !ok {
				d.add("mark removed", "%s", om.Name)
			}
			continue
		}
		nm := n.Marks[j]
		if om.Kind != nm.Kind || om.Plural != nm.Plural || om.Symbol != nm.Symbol {
			d.add("mark changed", "%s: %s → %s", nm.Name, markTraits(om), markTraits(nm))
		}
		d.set("abbreviation", nm.Name, om.Abbreviations, nm.Abbreviations)
	}
	for _, nm := range n.Marks {
		if !slices.ContainsFunc(o.Marks, func(m policy.Mark) bool { return m.Name == nm.Name }) {
			d.add("mark added", "%s", nm.Name)
		}
	}
	d.set("logo pattern", n.Owner, patternStrings(o.LogoPatterns), patternStrings(n.LogoPatterns))
}

func markTraits(m policy.Mark) string {
	s := string(m.Kind)
	if m.Plural {
		s += ", plural"
	}
	if m.Symbol != "" {
		s += ", " + m.Symbol
	}
	return s
}

func patternStrings(ps []policy.Pattern) []string {
	var out []string
	for _, p := range ps {
		if p.Regexp != nil {
			out = append(out, p.String())
		}
	}
	return out
}

func methods(ms []string) string {
	if len(ms) == 0 {
		return "all methods"
	}
	return strings.Join(ms, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func orAll(s string) string {
	if s == "" {
		return "all resources"
	}
	return s
}
