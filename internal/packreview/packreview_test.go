package packreview_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/toslint/toslint/internal/packreview"
	"github.com/toslint/toslint/rules"
)

// base is the pack each diff case edits.
const base = `name: acme
title: Acme
apis:
  - name: acme
    hosts: [api.acme.example]
    limits:
      - {name: per app, calls: 100, window: 1m, scope: app}
      - {name: in flight, concurrency: 10, scope: app}
content:
  docs_license: CC-BY-4.0
notices:
  - {id: privacy, rule: TOS307, when: owner, title: privacy link, links: ['^https://privacy\.acme\.example/']}
trademarks:
  owner: Acme
  marks:
    - {name: Acme, kind: protected}
    - {name: Acme Sky, kind: protected}
`

func TestDiff(t *testing.T) {
	cases := []struct {
		name     string
		old, new string // replacements applied to base: old → new
		want     []string
	}{
		{"same", "", "", nil},
		{"words only", "title: Acme", "title: Acme Cloud terms", nil},
		{"limit raised", "calls: 100", "calls: 200",
			[]string{`limit raised: acme "per app": 100 calls per minute → 200 calls per minute`}},
		{"same rate, longer window", "calls: 100, window: 1m", "calls: 6000, window: 1h",
			[]string{`limit window changed: acme "per app": 100 calls per minute → 6000 calls per hour (same rate, different burst)`}},
		{"limit renamed and lowered", "{name: per app, calls: 100", "{name: app budget, calls: 50",
			[]string{`limit lowered: acme "app budget" (was "per app"): 100 calls per minute → 50 calls per minute (stricter)`}},
		{"scope", "window: 1m, scope: app", "window: 1m, scope: tenant",
			[]string{`limit scope changed: acme "per app": per app → per tenant`}},
		{"concurrency", "concurrency: 10", "concurrency: 4",
			[]string{`concurrency lowered: acme "in flight": 10 → 4 calls in flight (0: no limit)`}},
		{"methods", "scope: app}\n      - {name: in", "scope: app, methods: [POST]}\n      - {name: in",
			[]string{`limit methods changed: acme "per app": all methods → POST`}},
		{"host removed", "[api.acme.example]", "[api2.acme.example]",
			[]string{"host added: acme: api2.acme.example", "host removed: acme: api.acme.example"}},
		{"family renamed", "  - name: acme\n    hosts", "  - name: acme-cloud\n    hosts",
			[]string{"API family renamed: acme → acme-cloud"}},
		{"retry policy", "scope: app}\ncontent", "scope: app}\n    reactive_retry_satisfies: true\ncontent",
			[]string{"retry policy relaxed: acme: backing off on HTTP 429 now satisfies the limits"}},
		{"licenses", "docs_license: CC-BY-4.0", "docs_license: CC-BY-SA-4.0\n  code_license: MIT",
			[]string{"docs license changed: CC-BY-4.0 → CC-BY-SA-4.0", "code license changed: (none) → MIT"}},
		{"notice removed", "notices:\n  - {id: privacy, rule: TOS307, when: owner, title: privacy link, links: ['^https://privacy\\.acme\\.example/']}\n", "",
			[]string{"notice removed: privacy (TOS307): privacy link"}},
		{"notice link", `privacy\.acme\.example/`, `privacy\.acme\.example/(en-[a-z]{2}/)?`,
			[]string{`notice link patterns changed: privacy: ^https://privacy\.acme\.example/ → ^https://privacy\.acme\.example/(en-[a-z]{2}/)?`}},
		{"renamed product", "    - {name: Acme Sky, kind: protected}\n", "    - {name: AcmeCloud, kind: protected}\n  retired:\n    - {name: Acme Sky, replacement: AcmeCloud}\n",
			[]string{"product renamed: Acme Sky → AcmeCloud", "mark added: AcmeCloud"}},
		{"mark kind", "{name: Acme Sky, kind: protected}", "{name: Acme Sky, kind: dictionary, plural: true}",
			[]string{"mark changed: Acme Sky: protected → dictionary, plural"}},
		{"trademarks removed", "trademarks:\n  owner: Acme\n  marks:\n    - {name: Acme, kind: protected}\n    - {name: Acme Sky, kind: protected}\n", "",
			[]string{"trademarks removed: Acme: its marks are no longer checked"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			newText := base
			if c.old != "" || c.new != "" {
				if !strings.Contains(base, c.old) {
					t.Fatalf("base has no %q", c.old)
				}
				newText = strings.Replace(base, c.old, c.new, 1)
			}
			old, err := rules.Parse("old.yaml", []byte(base))
			if err != nil {
				t.Fatal(err)
			}
			nw, err := rules.Parse("new.yaml", []byte(newText))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ch := range packreview.Diff(old, nw) {
				got = append(got, ch.String())
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("Diff (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiffFamilies(t *testing.T) {
	old, err := rules.Embedded("microsoft-graph")
	if err != nil {
		t.Fatal(err)
	}
	gh, err := rules.Embedded("github")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, c := range packreview.Diff(old, gh) {
		kinds = append(kinds, c.Kind)
	}
	for _, k := range []string{"API family removed", "API family added", "trademark owner changed"} {
		if !strings.Contains(strings.Join(kinds, "|"), k) {
			t.Errorf("no %q among %v", k, kinds)
		}
	}
}

func TestReviewItems(t *testing.T) {
	data := []byte(`name: acme  # terms.md:1, guessed: from the title
title: 'it''s # not a comment'  # terms.md:1
source:
  # TODO(review): url: where the terms are
hint: Acme's names  # review: check
note: plain  # terms.md:3
url: http://x.example/#review: no
# review
`)
	var got []string
	for _, it := range packreview.ReviewItems(data) {
		got = append(got, strconv.Itoa(it.Line)+": "+it.Text)
	}
	want := []string{
		"1: name: acme  # terms.md:1, guessed: from the title",
		"4: # TODO(review): url: where the terms are",
		"5: hint: Acme's names  # review: check",
		"8: # review",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReviewItems (-want +got):\n%s", diff)
	}
}

func TestDescribe(t *testing.T) {
	p, err := rules.Parse("acme.yaml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	packreview.Describe(&b, p)
	for _, want := range []string{
		"acme: Acme\n",
		"  the acme API: api.acme.example\n",
		"  loops calling it: at most 100 calls per minute per app\n",
		"  loops calling it: at most 10 calls in flight per app (shown, not checked)\n",
		"  the owner's own repositories need: privacy link (TOS307)\n",
		"  2 marks, spelled and used as the owner writes them: Acme, Acme Sky\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Describe lacks %q:\n%s", want, b.String())
		}
	}
}
