package directive_test

import (
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/toslint/toslint/internal/directive"
)

func TestParseGo(t *testing.T) {
	const ig, fi = directive.Ignore, directive.FileIgnore
	tests := []struct {
		comment string
		ok      bool
		kind    directive.Kind
		rules   []string
		reason  string
		prob    string
	}{
		{"// ordinary comment", false, 0, nil, "", ""},
		{"/* toslint:ignore TOS101 -- x */", false, 0, nil, "", ""},
		{"//toslint:ignore TOS101 -- bounded by the caller", true, ig, []string{"TOS101"}, "bounded by the caller", ""},
		{"//toslint:ignore TOS101,TOS102 -- two", true, ig, []string{"TOS101", "TOS102"}, "two", ""},
		{"//toslint:ignore TOS101 TOS102 -- spaces", true, ig, []string{"TOS101", "TOS102"}, "spaces", ""},
		{"//toslint:file-ignore TOS202 -- vendored copy", true, fi, []string{"TOS202"}, "vendored copy", ""},
		{"//toslint:ignore TOS101", true, ig, []string{"TOS101"}, "", ""},
		{"//toslint:ignore TOS101 --", true, ig, []string{"TOS101"}, "", ""},
		{"// toslint:ignore TOS101 -- x", true, 0, nil, "", "no space after //"},
		{"//toslint:ignroe TOS101 -- x", true, 0, nil, "", "unknown directive"},
		{"//toslint:ignore -- no ids", true, 0, nil, "", "names no rule"},
		{"//toslint:ignore tos101 -- lower", true, 0, nil, "", "is not a rule ID"},
		{"//toslint:ignore TOS999 -- unknown", true, 0, nil, "", "unknown rule TOS999"},
	}
	for _, tt := range tests {
		d, prob, ok := directive.ParseGo(tt.comment)
		if ok != tt.ok || !strings.Contains(prob, tt.prob) || (prob == "") != (tt.prob == "") {
			t.Errorf("%q: ok %v, problem %q; want ok %v, problem %q", tt.comment, ok, prob, tt.ok, tt.prob)
			continue
		}
		// A directive comes back exactly when the comment is one and
		// parses; then its rules and reason are checked.
		if wantDirective := tt.ok && tt.prob == ""; (d != nil) != wantDirective {
			t.Errorf("%q: directive %+v, want one: %v", tt.comment, d, wantDirective)
			continue
		}
		if d != nil && (!cmp.Equal(d.Rules, tt.rules) || d.Reason != tt.reason || d.Kind != tt.kind) {
			t.Errorf("%q: kind %v rules %v reason %q; want %v %v %q", tt.comment, d.Kind, d.Rules, d.Reason, tt.kind, tt.rules, tt.reason)
		}
	}
}

func TestParseMarkdown(t *testing.T) {
	tests := []struct {
		inner  string
		ok     bool
		kind   directive.Kind
		rules  []string
		reason string
		prob   string
	}{
		{" a comment ", false, 0, nil, "", ""},
		{" toslintish words ", false, 0, nil, "", ""},
		{" toslint-disable TOS402 -- quoting the old name ", true, directive.Disable, []string{"TOS402"}, "quoting the old name", ""},
		{" toslint-enable ", true, directive.Enable, nil, "", ""},
		{" toslint-enable TOS402 ", true, directive.Enable, []string{"TOS402"}, "", ""},
		{" toslint-disable-next-line TOS401,TOS403 -- x ", true, directive.DisableNextLine, []string{"TOS401", "TOS403"}, "x", ""},
		{" toslint-disable TOS402 ", true, directive.Disable, []string{"TOS402"}, "", ""},
		{" toslint-disabel TOS401 -- x ", true, 0, nil, "", "unknown directive"},
		{" toslint-disable -- all ", true, 0, nil, "", "names no rule"},
	}
	for _, tt := range tests {
		d, prob, ok := directive.ParseMarkdown(tt.inner)
		if ok != tt.ok || !strings.Contains(prob, tt.prob) || (prob == "") != (tt.prob == "") {
			t.Errorf("%q: ok %v, problem %q; want ok %v, problem %q", tt.inner, ok, prob, tt.ok, tt.prob)
			continue
		}
		if wantDirective := tt.ok && tt.prob == ""; (d != nil) != wantDirective {
			t.Errorf("%q: directive %+v, want one: %v", tt.inner, d, wantDirective)
			continue
		}
		if d != nil && (d.Kind != tt.kind || !cmp.Equal(d.Rules, tt.rules, cmpopts.EquateEmpty()) || d.Reason != tt.reason) {
			t.Errorf("%q: kind %v rules %v reason %q; want %v %v %q", tt.inner, d.Kind, d.Rules, d.Reason, tt.kind, tt.rules, tt.reason)
		}
	}
}

const goSrc = `package p

//toslint:file-ignore TOS202 -- generated from the upstream table

func f(ids []string) {
	//toslint:ignore TOS101 -- at most three ids
	for _, id := range ids {
		call(id)
	}
	for range ids { call("") } //toslint:ignore TOS101 -- trailing
	call("x")
	//toslint:ignore TOS101
	call("y")
	// toslint:ignore TOS101 -- spaced
}

func call(string) {}
`

func TestGoFileScopes(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", goSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	set := directive.NewSet()
	ds := directive.GoFile(set, fset, f, "p.go")
	type scope struct {
		Kind     directive.Kind
		From, To int
	}
	var got []scope
	for _, d := range ds {
		got = append(got, scope{d.Kind, d.From, d.To})
	}
	want := []scope{
		{directive.FileIgnore, 1, 0},
		{directive.Ignore, 6, 9},   // the for statement on lines 7-9
		{directive.Ignore, 10, 10}, // trailing
		{directive.Ignore, 12, 13}, // next line
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scopes (-want +got):\n%s", diff)
	}
	if d := set.Match("TOS101", "p.go", 8); d == nil || d.Reason != "at most three ids" {
		t.Errorf("Match in loop body = %+v", d)
	}
	if d := set.Match("TOS101", "p.go", 11); d != nil {
		t.Errorf("line 11 is not covered, got %+v", d)
	}
	if d := set.Match("TOS202", "p.go", 17); d == nil {
		t.Error("file-ignore does not cover line 17")
	}
	probs := set.Problems()
	var rules []string
	for _, p := range probs {
		rules = append(rules, p.Rule+":"+strconv.Itoa(p.Line))
	}
	if diff := cmp.Diff([]string{"TOS005:14", "TOS003:12"}, rules, sortStrings()); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	unmatched := set.Unmatched(nil)
	if len(unmatched) != 2 || unmatched[0].Line != 10 || unmatched[1].Line != 12 {
		t.Errorf("unmatched = %+v", unmatched)
	}
}

func TestMarkdownScopes(t *testing.T) {
	set := directive.NewSet()
	ds := directive.MarkdownFile(set, "a.md", []directive.MarkdownComment{
		{Inner: " toslint-disable TOS402,TOS401 -- quoting ", Line: 3, Col: 1, EndLine: 3},
		{Inner: " toslint-disable TOS403 -- plural in a title ", Line: 4, Col: 1, EndLine: 4},
		{Inner: " toslint-enable TOS402 ", Line: 9, Col: 1, EndLine: 9},
		{Inner: " toslint-disable-next-line TOS401 -- x ", Line: 12, Col: 1, EndLine: 13},
		{Inner: " not a directive ", Line: 20, Col: 1, EndLine: 20},
	})
	if len(ds) != 4 {
		t.Fatalf("got %d directives", len(ds))
	}
	checks := []struct {
		id   string
		line int
		want bool
	}{
		{"TOS402", 5, true}, {"TOS401", 8, true}, {"TOS402", 10, false}, {"TOS401", 10, false},
		{"TOS403", 30, true}, {"TOS401", 14, true}, {"TOS401", 15, false}, {"TOS401", 13, false},
	}
	for _, c := range checks {
		if got := set.Match(c.id, "a.md", c.line) != nil; got != c.want {
			t.Errorf("Match(%s, line %d) = %v, want %v", c.id, c.line, got, c.want)
		}
	}
	if p := set.Problems(); len(p) != 0 {
		t.Errorf("problems: %+v", p)
	}
}

func sortStrings() cmp.Option {
	return cmp.Transformer("sort", func(in []string) []string {
		out := slices.Clone(in)
		slices.Sort(out)
		return out
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"//toslint:ignore TOS101 -- reason", "//toslint:file-ignore TOS202,TOS203 --", "// toslint:ignore",
		"<!-- toslint-disable TOS402 -- x -->", " toslint-enable ", " toslint-disable-next-line TOS401 -- y ",
		"//toslint:ignore ,,, -- --", "//toslint:", "toslint-",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, parse := range []func(string) (*directive.Directive, string, bool){directive.ParseGo, directive.ParseMarkdown} {
			d, prob, ok := parse(s)
			if !ok && (d != nil || prob != "") {
				t.Fatalf("not a directive but returned %+v %q", d, prob)
			}
			if prob != "" && d != nil {
				t.Fatalf("both a directive and a problem for %q", s)
			}
			if d != nil {
				if d.Kind != directive.Enable && len(d.Rules) == 0 {
					t.Fatalf("directive without rules: %q", s)
				}
			}
		}
	})
}
