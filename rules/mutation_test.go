package rules_test

// Pack validation cases written from the mutants scripts/mutation.sh
// found alive: each pack below has one thing a pack author could get
// wrong (or right), and the test checks that exactly that is reported.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/toslint/toslint/rules"
)

// packWith returns a valid pack with extra YAML appended; an api block
// replaces the default one when extra starts with "apis:".
func packWith(name, extra string) string {
	api := `
apis:
  - name: acme
    hosts: [api.acme.test]
    limits: [{calls: 30, window: 1m}]
`
	if strings.HasPrefix(extra, "apis:") {
		api = "\n"
	}
	return "name: " + name + "\ntitle: Acme terms\n" + api + extra
}

func TestPackValidation(t *testing.T) {
	tests := []struct {
		name, name2, extra string
		err                string // "" when the pack is valid
	}{
		{"valid", "acme-cloud", "", ""},
		{"capitalised pack name", "Acme", "", `pack name "Acme" must be lowercase words joined by hyphens`},
		{"capitalised family name", "acme", "apis:\n  - {name: Acme, hosts: [a.test], limits: [{calls: 1, window: 1s}]}\n",
			`API family name "Acme" must be lowercase words joined by hyphens`},

		// A family is recognised by any one of five keys.
		{"family by hosts", "acme", "apis:\n  - {name: a, hosts: [a.test], limits: [{calls: 1, window: 1s}]}\n", ""},
		{"family by host pattern", "acme", "apis:\n  - {name: a, host_patterns: ['^a\\.test$'], limits: [{calls: 1, window: 1s}]}\n", ""},
		{"family by sdk", "acme", "apis:\n  - {name: a, sdk: [{package: example.test/a}], limits: [{calls: 1, window: 1s}]}\n", ""},
		{"family by interface", "acme", "apis:\n  - {name: a, interfaces: ['(example.test/a.I).M'], limits: [{calls: 1, window: 1s}]}\n", ""},
		{"family by wrapper", "acme", "apis:\n  - {name: a, wrappers: ['(*example.test/a.C)'], limits: [{calls: 1, window: 1s}]}\n", ""},
		{"family by nothing", "acme", "apis:\n  - {name: a, limits: [{calls: 1, window: 1s}]}\n",
			`API family "a" has no hosts, host_patterns, sdk, interfaces or wrappers: nothing could match it`},

		// Limits.
		{"family without limits", "acme", "apis:\n  - {name: a, hosts: [a.test]}\n", `API family "a" has no limits`},
		{"empty limit", "acme", "apis:\n  - {name: a, hosts: [a.test], limits: [{name: x}]}\n", "limit sets none of calls, concurrency or min_interval"},
		{"concurrency only", "acme", "apis:\n  - {name: a, hosts: [a.test], limits: [{concurrency: 4}]}\n", ""},
		{"min_interval only", "acme", "apis:\n  - {name: a, hosts: [a.test], limits: [{min_interval: 1s}]}\n", ""},
		{"calls without window", "acme", "apis:\n  - {name: a, hosts: [a.test], limits: [{calls: 10}]}\n", "a limit with calls needs a window"},
		{"calls with zero window", "acme", "apis:\n  - {name: a, hosts: [a.test], limits: [{calls: 10, window: 0s}]}\n", "a limit with calls needs a window"},

		// Notices need a way to be found.
		{"notice by links", "acme", "notices:\n  - {id: p, rule: TOS307, when: owner, title: p, links: ['^https://p\\.test/']}\n", ""},
		{"notice by text", "acme", "notices:\n  - {id: p, rule: TOS307, when: owner, title: p, text: ['privacy']}\n", ""},
		{"notice by nothing", "acme", "notices:\n  - {id: p, rule: TOS307, when: owner, title: p}\n", `notice "p" has neither text nor links patterns`},

		// Marks.
		{"registered symbol", "acme", "trademarks:\n  owner: Acme\n  marks: [{name: AcmeCloud, kind: protected, symbol: \"®\"}]\n", ""},
		{"trademark symbol", "acme", "trademarks:\n  owner: Acme\n  marks: [{name: AcmeCloud, kind: protected, symbol: \"™\"}]\n", ""},
		{"symbol in letters", "acme", "trademarks:\n  owner: Acme\n  marks: [{name: AcmeCloud, kind: protected, symbol: \"(R)\"}]\n", "symbol must be ® or ™"},
		{"empty product", "acme", "trademarks:\n  owner: Acme\n  products: [\" \"]\n", "empty product name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules.Parse("t.yaml", []byte(packWith(tt.name2, tt.extra)))
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("valid pack rejected: %v", err)
			case tt.err != "" && err == nil:
				t.Errorf("pack accepted, want %q", tt.err)
			case tt.err != "" && !strings.HasSuffix(err.Error(), ": "+tt.err):
				t.Errorf("error %q, want %q", err, tt.err)
			}
		})
	}
}

// TestExceptionsAreWholeWords checks that an exception to a retired name
// must contain the name as whole words: a letter or digit on either side
// makes it another word ("Acme Skyline"), anything else does not.
func TestExceptionsAreWholeWords(t *testing.T) {
	retired := func(name, except string) string {
		return packWith("acme", fmt.Sprintf("trademarks:\n  owner: Acme\n  retired:\n    - {name: %q, replacement: AcmeCloud, except: [%q]}\n", name, except))
	}
	for _, c := range "azAZ09" {
		for _, except := range []string{"Acme Sky" + string(c), string(c) + "Acme Sky"} {
			if _, err := rules.Parse("t.yaml", []byte(retired("Acme Sky", except))); err == nil {
				t.Errorf("exception %q accepted: %q is part of a longer word", except, c)
			}
		}
	}
	// The bytes just outside each range, and ordinary punctuation.
	for _, c := range "`{@[/:-.(" {
		except := "Acme Sky" + string(c) + " Classic"
		if _, err := rules.Parse("t.yaml", []byte(retired("Acme Sky", except))); err != nil {
			t.Errorf("exception %q rejected: %v", except, err)
		}
	}
	for _, tt := range []struct{ name, except string }{
		{"Acme Sky", "Acme Sky"},                    // the name alone
		{"Acme Sky", "Acme Skyline and Acme Sky 2"}, // a longer word first, the name later
		{"ZZ", "ZZZ ZZ Server"},                     // the next match starts one letter on
	} {
		if _, err := rules.Parse("t.yaml", []byte(retired(tt.name, tt.except))); err != nil {
			t.Errorf("exception %q of %q rejected: %v", tt.except, tt.name, err)
		}
	}
}

func TestDescribe(t *testing.T) {
	p, err := rules.Embedded("github")
	if err != nil {
		t.Fatal(err)
	}
	if got := rules.Describe(p); got != "github (embedded)" {
		t.Errorf("Describe(embedded) = %q", got)
	}
	p, err = rules.LoadFile("testdata/good/acme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := rules.Describe(p); got != "acme-cloud (acme.yaml)" {
		t.Errorf("Describe(file) = %q", got)
	}
}
