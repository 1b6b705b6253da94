package packinit_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/packinit"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/rules"
)

// TestSeedMatchesEmbeddedPack reads the founding terms page (with a page
// of our own naming the API's hosts) and compares the pack field by field
// with the embedded microsoft-defender-endpoint pack, which was written by
// hand from the same page. Where the embedded pack knows more than the
// page says, the field is listed in knownMore with the reason; the test
// fails if such a field becomes equal, so the list stays honest.
func TestSeedMatchesEmbeddedPack(t *testing.T) {
	out := generate(t, packinit.Options{Name: "microsoft-defender-endpoint"},
		"seed/mde-api-terms-of-use.md", "pages/mde-endpoints.md")
	got, err := rules.Parse("generated.yaml", out)
	if err != nil {
		t.Fatalf("the generated pack does not load: %v\n%s", err, out)
	}
	want, err := rules.Embedded(rules.Default)
	if err != nil {
		t.Fatal(err)
	}

	knownMore := map[string]string{
		"apis[0].name":             "the embedded pack names the family mde; pack init uses the pack name",
		"apis[0].hosts":            "the page names no host; the endpoints page names three, the embedded pack lists the regional, government and legacy hosts too",
		"apis[0].guidance":         "advice written by hand, not on the page",
		"content.code_license":     "the page names no code license; Microsoft's docs repositories publish code samples under MIT",
		"notices[trademark].links": "the embedded pack also accepts a link to Microsoft's trademarks page, which the page does not give",
		"notices[privacy].links":   "the embedded pack also accepts the privacy statement's fwlink, which the page does not give",
		"trademarks.trade_names":   "\"Microsoft Corporation\" is not on the page",
		"trademarks.attribution":   "hand-written, narrower forms of the statement (both sides must match the page's statement: checked below)",
		"trademarks.marks":         "the page names 5 marks; the embedded pack adds marks from Microsoft's trademark list and knows Windows is a dictionary word",
		"trademarks.retired":       "renames come from Microsoft's announcements, not from the page",
		"trademarks.logo_patterns": "hand-written from Microsoft's logo names",
	}
	ga, wa := got.APIs[0], want.APIs[0]
	type field struct {
		name      string
		got, want any
	}
	fields := []field{
		{"apis[0].name", ga.Name, wa.Name},
		{"apis[0].title", ga.Title, wa.Title},
		{"apis[0].hosts", ga.Hosts, wa.Hosts},
		{"apis[0].limits", limits(ga.Limits), limits(wa.Limits)},
		{"apis[0].reactive_retry_satisfies", ga.ReactiveRetry, wa.ReactiveRetry},
		{"apis[0].pagination_counts", ga.PaginationCounts, wa.PaginationCounts},
		{"apis[0].guidance", ga.Guidance, wa.Guidance},
		{"content.docs_license", got.Content.DocsLicense, want.Content.DocsLicense},
		{"content.code_license", got.Content.CodeLicense, want.Content.CodeLicense},
		{"content.license_urls", patterns(got.Content.LicenseURLs), patterns(want.Content.LicenseURLs)},
		{"notices.ids", noticeIDs(got.Notices), noticeIDs(want.Notices)},
		{"trademarks.owner", got.Trademarks.Owner, want.Trademarks.Owner},
		{"trademarks.trade_names", got.Trademarks.TradeNames, want.Trademarks.TradeNames},
		{"trademarks.guidelines_url", got.Trademarks.GuidelinesURL, want.Trademarks.GuidelinesURL},
		{"trademarks.attribution", patterns(got.Trademarks.Attribution), patterns(want.Trademarks.Attribution)},
		{"trademarks.marks", marks(got.Trademarks.Marks), marks(want.Trademarks.Marks)},
		{"trademarks.retired", len(got.Trademarks.Retired), len(want.Trademarks.Retired)},
		{"trademarks.logo_patterns", patterns(got.Trademarks.LogoPatterns), patterns(want.Trademarks.LogoPatterns)},
	}
	for i := range got.Notices {
		g := got.Notices[i]
		w := notice(want.Notices, g.ID)
		if w == nil {
			continue
		}
		at := "notices[" + g.ID + "]"
		fields = append(fields,
			field{at + ".rule+when+title", g.Rule + " " + string(g.When) + " " + g.Title, w.Rule + " " + string(w.When) + " " + w.Title},
			field{at + ".text", patterns(g.Text), patterns(w.Text)},
			field{at + ".links", patterns(g.Links), patterns(w.Links)},
			field{at + ".hint", g.Hint, w.Hint},
		)
	}
	for _, f := range fields {
		g, w := fmt.Sprint(f.got), fmt.Sprint(f.want)
		reason, known := knownMore[f.name]
		switch {
		case g == w && known:
			t.Errorf("%s now equals the embedded pack: remove it from knownMore (%s)", f.name, reason)
		case g != w && !known:
			t.Errorf("%s differs:\n  generated: %s\n  embedded:  %s", f.name, g, w)
		}
		delete(knownMore, f.name)
	}
	for name := range knownMore {
		t.Errorf("knownMore lists %s, which the test does not compare", name)
	}

	// Where the embedded pack knows more, the generated values must still
	// be a part of it.
	subset(t, "hosts", ga.Hosts, wa.Hosts)
	subset(t, "trade names", got.Trademarks.TradeNames, want.Trademarks.TradeNames)
	for _, id := range []string{"trademark", "privacy"} {
		subset(t, id+" links", patterns(notice(got.Notices, id).Links), patterns(notice(want.Notices, id).Links))
	}
	// Every generated mark is an embedded mark with the same spelling and
	// short forms, or a name the embedded pack records as retired.
	retired := map[string]string{}
	for _, r := range want.Trademarks.Retired {
		retired[r.Name] = r.Replacement
	}
	for _, m := range got.Trademarks.Marks {
		if r, ok := retired[m.Name]; ok {
			t.Logf("mark %q on the page is retired in the embedded pack (now %s)", m.Name, r)
			continue
		}
		w := mark(want.Trademarks.Marks, m.Name)
		if w == nil {
			t.Errorf("generated mark %q is not in the embedded pack", m.Name)
			continue
		}
		if !slices.Equal(m.Abbreviations, w.Abbreviations) {
			t.Errorf("mark %q: abbreviations %v, embedded %v", m.Name, m.Abbreviations, w.Abbreviations)
		}
	}
	// Both sets of attribution patterns accept the page's statement.
	statement := "may be either trademarks or registered trademarks of Microsoft in the United States and/or other countries"
	for _, set := range [][]policy.Pattern{got.Trademarks.Attribution, want.Trademarks.Attribution} {
		if !slices.ContainsFunc(set, func(p policy.Pattern) bool { return p.MatchString(statement) }) {
			t.Errorf("no attribution pattern of %v matches the seed's statement", patterns(set))
		}
	}
}

func limits(ls []policy.Limit) []string {
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%q calls=%d window=%s scope=%q methods=%v concurrency=%d min=%s applies=%q clause=%q",
			l.Name, l.Calls, l.Window.D(), l.Scope, l.Methods, l.Concurrency, l.MinInterval.D(), l.AppliesTo, l.Clause))
	}
	return out
}

func patterns(ps []policy.Pattern) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func noticeIDs(ns []policy.Notice) string {
	var ids []string
	for _, n := range ns {
		ids = append(ids, n.ID)
	}
	return strings.Join(ids, ",")
}

func notice(ns []policy.Notice, id string) *policy.Notice {
	for i := range ns {
		if ns[i].ID == id {
			return &ns[i]
		}
	}
	return nil
}

func mark(ms []policy.Mark, name string) *policy.Mark {
	for i := range ms {
		if ms[i].Name == name {
			return &ms[i]
		}
	}
	return nil
}

func marks(ms []policy.Mark) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s/%s/%v/%s/%v", m.Name, m.Kind, m.Plural, m.Symbol, m.Abbreviations))
	}
	return out
}

func subset[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("%s: generated %v is not in the embedded pack's %v", what, g, want)
		}
	}
}
