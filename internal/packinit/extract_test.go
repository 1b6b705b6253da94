package packinit

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// limitsOf extracts the limits of a one-page document.
func limitsOf(t *testing.T, md string) []string {
	t.Helper()
	d := &Draft{}
	extractLimits(parsePage(Page{Name: "t.md", Src: []byte(md)}), d)
	var out []string
	for _, l := range d.Family.Limits {
		out = append(out, l.describe())
	}
	return out
}

func TestProseLimits(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		// quiet first: numbers that are not call budgets
		{"Search returns up to 1,000 results per page.", nil},
		{"Tokens expire after 60 minutes.", nil},
		{"Version 2.0 was released in 2024 and supports 3 regions.", nil},
		{"The docs are licensed under CC BY 4.0.", nil},
		{"Installations receive another 50 requests per hour for each repository.", nil},
		{"The Pro plan costs 19 a month, or $9/month billed yearly.", nil},
		{"You get 31 calls per month and there is a rate limit in place of 10.", []string{"31 calls per 720h"}},
		{"Clients may send 60 per minute.", []string{"60 calls per 1m"}},
		// limits
		{"Each user can make up to 5,000 requests per hour.", []string{"5000 calls per 1h per user"}},
		{"Apps may send 2,000 requests per second per app.", []string{"2000 calls per 1s per app"}},
		{"You get 100 API calls every 60 seconds per connection.", []string{"100 calls per 60s per connection"}},
		{"The limit is 10 requests/second for each tenant.", []string{"10 calls per 1s per tenant"}},
		{"Clients may send 150 requests per 20 seconds per app per tenant.", []string{"150 calls per 20s per app per tenant"}},
		{"Anonymous clients get 60 requests per hour per IP address.", []string{"60 calls per 1h per IP address"}},
		{"No more than 80 requests per minute and no more than 500 requests per hour.", []string{"80 calls per 1m", "500 calls per 1h"}},
		{"No more than 100 concurrent requests per user.", []string{"100 in flight per user"}},
		{"Wait at least one second between each request.", []string{"1s between calls"}},
		{"Up to 900 points per minute.", []string{"900 calls per 1m"}},
		{"The maximum amount of requests per minute allowed for each IP is 180.", []string{"180 calls per 1m per IP address"}},
		{"The free plan is limited to 100 requests per month.", []string{"100 calls per 720h"}},
		{"Default rate limit per apikey is 100 API requests per day.", []string{"100 calls per 24h per key"}},
		{"Each key may send 10,000 requests per day.", []string{"10000 calls per 24h per key"}},
		{"A key may send 10,000 requests per day.", []string{"10000 calls per 24h"}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, limitsOf(t, c.text+"\n")); diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.text, diff)
		}
	}
}

func TestTableLimits(t *testing.T) {
	cases := []struct {
		name, table string
		want        []string
	}{
		{"seed shape", "Name | Calls | Renewal period\n:--|:--|:--\nAPI calls per connection | 100 | 60 seconds\n",
			[]string{"100 calls per 60s per connection"}},
		{"window in headers", "| Operation | Requests per minute | Requests per hour |\n|---|---|---|\n| List | 600 | 10,000 |\n",
			[]string{"600 calls per 1m", "10000 calls per 1h"}},
		{"scopes in headers", "| Operation | Per app | Per tenant |\n|---|---|---|\n| Read | 150 requests per 20 seconds | 1,000 requests per 20 seconds |\n",
			[]string{"150 calls per 20s per app", "1000 calls per 20s per tenant"}},
		{"scope column", "| Scope | Limit |\n|---|---|\n| Per app per tenant | 150 requests per 20 seconds |\n",
			[]string{"150 calls per 20s per app per tenant"}},
		{"translated", "| Name | Aufrufe | Zeitraum |\n|---|---|---|\n| Aufrufe pro Verbindung | 200 | 60 Sekunden |\n",
			[]string{"200 calls per 60s per connection"}},
		{"russian units", "| Имя | Звонки | Период |\n|---|---|---|\n| Вызовы API | 100 | 60 секунд |\n",
			[]string{"100 calls per 60s"}},
		{"concurrency column", "| Scope | Concurrent requests |\n|---|---|\n| Per user | 100 |\n",
			[]string{"100 in flight per user"}},
		// quiet: no window anywhere, or not a call limit
		{"no window", "| Setting | Value |\n|---|---|\n| Page size | 100 |\n", nil},
		{"polls", "| Name | Calls | Renewal period |\n|---|---|---|\n| Frequency of trigger polls | 1 | 120 seconds |\n", nil},
		{"permissions", "| Permission | Description |\n|---|---|\n| Read.All | Read every 5 minutes |\n", nil},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, limitsOf(t, c.table)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestProductOf(t *testing.T) {
	for title, want := range map[string]string{
		"Microsoft Defender for Endpoint API license and terms of use": "Microsoft Defender for Endpoint",
		"Nutzungsbedingungen der Sorbus-API":                           "Sorbus",
		"Tallyhall Ledger API: throttling":                             "Tallyhall Ledger",
		"The Acme APIs":                                                "Acme",
		"Brindle Docs legal notices":                                   "Brindle Docs",
		"Rate limits for the REST API":                                 "REST",
	} {
		if got := productOf(title); got != want {
			t.Errorf("productOf(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestNeverAPI(t *testing.T) {
	for _, h := range []string{"go.microsoft.com", "aka.ms", "learn.microsoft.com", "docs.acme.example",
		"login.microsoftonline.com", "github.com", "www.acme.example", "privacy.acme.example", "127.0.0.1", "localhost", "example.com", "api.example.com"} {
		if !neverAPI(h) {
			t.Errorf("neverAPI(%q) = false", h)
		}
	}
	for _, h := range []string{"api.securitycenter.microsoft.com", "graph.microsoft.com", "api.github.com", "hooks.acme.example"} {
		if neverAPI(h) {
			t.Errorf("neverAPI(%q) = true", h)
		}
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"per connection": "per connection",
		"true":           "'true'",
		"a: b":           "'a: b'",
		"it's":           "it's",
		"'quoted'":       "'''quoted'''",
		"line\nbreak":    `"line\nbreak"`,
		"100":            "'100'",
		"# not comment":  "'# not comment'",
	} {
		if got := quote(in, false); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
	}
	if got := quote(`^a\.b$`, true); got != `'^a\.b$'` {
		t.Errorf("pattern quote = %s", got)
	}
}

// TestCountsWithoutPeriod: a count with no period is a review item only in
// a table that states limits elsewhere, never in a table of costs.
func TestCountsWithoutPeriod(t *testing.T) {
	for _, c := range []struct {
		table   string
		skipped int
	}{
		{"| Operation | Path | Cost |\n|---|---|---|\n| GET | users | 2 |\n| POST | users | 1 |\n", 0},
		{"| Name | Calls | Renewal period |\n|---|---|---|\n| Reads | 100 | 60 seconds |\n| Imports | 5 | |\n", 1},
	} {
		d := &Draft{}
		extractLimits(parsePage(Page{Name: "t.md", Src: []byte(c.table)}), d)
		if len(d.Skipped) != c.skipped {
			t.Errorf("%q: %d skipped rows %v, want %d", c.table, len(d.Skipped), d.Skipped, c.skipped)
		}
	}
}
