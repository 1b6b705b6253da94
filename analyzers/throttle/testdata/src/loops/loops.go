// Package loops holds loops that call the Defender for Endpoint API, in
// the forms the throttle analyzer must flag and the forms it must leave
// alone.
package loops

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"go.uber.org/ratelimit"
	"golang.org/x/time/rate"
)

const base = "https://api.security.microsoft.com/api/"

var limiter = rate.NewLimiter(rate.Every(time.Second), 1) // 1 + 60 per minute

// --- Quiet: not the API, or throttled. ---

func otherHost(ids []string) {
	for _, id := range ids {
		http.Get("https://example.test/items/" + id)
	}
}

func sharedLimiter(ctx context.Context, ids []string) error {
	for _, id := range ids {
		if err := limiter.Wait(ctx); err != nil {
			return err
		}
		http.Get(base + "machines/" + id)
	}
	return nil
}

func limiterBeforeLoop(ctx context.Context, ids []string) {
	lim := rate.NewLimiter(rate.Every(700*time.Millisecond), 1)
	for _, id := range ids {
		lim.Wait(ctx)
		http.Get(base + "machines/" + id)
	}
}

func sleepAfterCall(ids []string) {
	for _, id := range ids {
		http.Get(base + "machines/" + id)
		time.Sleep(time.Second)
	}
}

func tick(ids []string) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for _, id := range ids {
		<-t.C
		http.Get(base + "machines/" + id)
	}
}

func rangeTick() {
	for range time.Tick(2 * time.Second) {
		http.Get(base + "alerts")
	}
}

func selectWaits(ctx context.Context, ids []string) error {
	for _, id := range ids {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
		http.Get(base + "machines/" + id)
	}
	return nil
}

func allowGuards(ids []string) {
	lim := rate.NewLimiter(1, 1)
	for _, id := range ids {
		if !lim.Allow() {
			continue
		}
		http.Get(base + "machines/" + id)
	}
}

func reserveSlept(ids []string) {
	lim := rate.NewLimiter(1, 1)
	for _, id := range ids {
		r := lim.Reserve()
		time.Sleep(r.Delay())
		http.Get(base + "machines/" + id)
	}
}

func sleepExactlyAtLimit(ids []string) {
	for _, id := range ids {
		time.Sleep(600 * time.Millisecond) // 100 per minute: at the limit, not over
		http.Get(base + "machines/" + id)
	}
}

func uber(ids []string) {
	rl := ratelimit.New(1, ratelimit.WithoutSlack)
	for _, id := range ids {
		rl.Take()
		http.Get(base + "machines/" + id)
	}
}

// A limiter built for zero takes a second has no rate the limit can be
// checked against: it is reported as a throttle of unknown rate, not as
// one that lets ten calls (its slack) through a minute.
func uberZero(ids []string) {
	rl := ratelimit.New(0)
	for _, id := range ids { // want `TOS105: calls to the mde API .* are throttled by ratelimit.New, but the rate is not a constant`
		rl.Take()
		http.Get(base + "machines/" + id)
	}
}

func constantSmall() {
	for i := 0; i < 3; i++ {
		http.Get(base + "machines/" + strconv.Itoa(i))
	}
	for range 5 {
		http.Get(base + "alerts")
	}
	for _, id := range []string{"a", "b"} {
		http.Get(base + "machines/" + id)
	}
	var fixed [4]string
	for _, id := range fixed {
		http.Get(base + "machines/" + id)
	}
}

func firstMatch(ids []string) {
	for _, id := range ids {
		http.Get(base + "machines/" + id)
		return // every path leaves: the call is not repeated
	}
}

func pagination(ctx context.Context) {
	next := base + "machines"
	for next != "" { // the next link from each page: exempt (the pack does not count pages)
		resp, _ := http.Get(next)
		var page struct{ NextLink string }
		decode(resp, &page)
		next = page.NextLink
	}
}

func paginationByField(ctx context.Context) {
	opt := struct{ Page int }{Page: 1}
	for {
		resp, _ := http.Get(base + "machines?page=" + strconv.Itoa(opt.Page))
		var page struct{ NextPage int }
		decode(resp, &page)
		if page.NextPage == 0 {
			break
		}
		opt.Page = page.NextPage
	}
}

func decode(resp *http.Response, v any) {}

func retry(ctx context.Context) (*http.Response, error) {
	var lastErr error
	for attempt := 0; attempt < maxAttempts(); attempt++ { // a retry loop: leaves on success
		resp, err := http.Get(base + "alerts")
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		lastErr = err
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	return nil, lastErr
}

func maxAttempts() int { return 4 }

func conjunctionBound(ids []string) {
	for i := 0; i < 3 && i < len(ids); i++ { // at most 3 calls
		http.Get(base + "machines/" + ids[i])
	}
}

func nestedSmall() {
	for i := 0; i < 5; i++ { // 5 × 3 = 15 calls
		for j := 0; j < 3; j++ {
			http.Get(base + "machines/" + strconv.Itoa(i*3+j))
		}
	}
}

func constantAroundPagination(ctx context.Context) {
	for _, kind := range []string{"alerts", "machines"} { // two listings: the pages are exempt
		next := base + kind
		for next != "" {
			resp, _ := http.Get(next)
			var page struct{ NextLink string }
			decode(resp, &page)
			next = page.NextLink
		}
	}
}

func timerAtOnce(ids []string) {
	t := time.NewTimer(0)
	for _, id := range ids { // want `TOS101: `
		<-t.C // fires at once the first time; never reset: not a throttle
		http.Get(base + "machines/" + id)
	}
}

// --- Flagged: no throttle. ---

func rangeIDs(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API \(Microsoft Defender for Endpoint API: 100 calls per minute per connection\) on every iteration with no proactive throttle`
		http.Get(base + "machines/" + id)
	}
}

func forever() {
	for { // want `TOS101: loop calls the mde API`
		http.Get(base + "alerts")
	}
}

func limiterInLoop(ctx context.Context, ids []string) {
	for _, id := range ids { // want `TOS101: .*the limiter is created inside the loop`
		lim := rate.NewLimiter(1, 1)
		lim.Wait(ctx)
		http.Get(base + "machines/" + id)
	}
}

func infinite(ctx context.Context, ids []string) {
	lim := rate.NewLimiter(rate.Inf, 1)
	for _, id := range ids { // want `TOS101: .*rate.Inf, which never waits`
		lim.Wait(ctx)
		http.Get(base + "machines/" + id)
	}
}

func allowIgnored(ids []string) {
	lim := rate.NewLimiter(1, 1)
	for _, id := range ids { // want `TOS101: .*Allow only throttles when the call is skipped`
		lim.Allow()
		http.Get(base + "machines/" + id)
	}
}

func reserveNotSlept(ids []string) {
	lim := rate.NewLimiter(1, 1)
	for _, id := range ids { // want `TOS101: .*a Reserve whose delay is not slept`
		lim.Reserve()
		http.Get(base + "machines/" + id)
	}
}

func sleepOnErrorOnly(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API`
		if _, err := http.Get(base + "machines/" + id); err != nil {
			time.Sleep(time.Second)
			continue
		}
	}
}

func selectDefault(ctx context.Context, ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API`
		select {
		case <-time.After(time.Second):
		default:
		}
		http.Get(base + "machines/" + id)
	}
}

func constantLarge() {
	for i := 0; i < 500; i++ { // want `TOS101: loop runs 500 times and makes 500 calls to the mde API .* over the limit of 100 per minute`
		http.Get(base + "machines/" + strconv.Itoa(i))
	}
}

func counterStepsBack() {
	for i := 0; i < 3; i++ { // want `TOS101: loop calls the mde API .* on every iteration`
		if _, err := http.Get(base + "machines/" + strconv.Itoa(i)); err != nil {
			i-- // the same machine again, as often as the call fails: no bound
		}
	}
}

func nestedConstant() {
	for i := 0; i < 50; i++ { // want `TOS101: loop runs 50 times and makes 150 calls to the mde API .* over the limit of 100 per minute; wait on a rate.Limiter shared across iterations before each call, such as rate.NewLimiter\(rate.Every\(610ms\), 1\)`
		for j := 0; j < 3; j++ {
			http.Get(base + "machines/" + strconv.Itoa(i*3+j))
		}
	}
}

func someIterations(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API .* on some iterations`
		if id == "" {
			continue
		}
		http.Get(base + "machines/" + id)
	}
}

func retryOn429PerItem(ids []string) {
	for _, id := range ids { // want `TOS104: loop calls the mde API .* with only reactive retry`
		for attempt := 0; attempt < 3; attempt++ {
			resp, err := http.Get(base + "machines/" + id)
			if err == nil && resp.StatusCode != http.StatusTooManyRequests {
				break
			}
			time.Sleep(time.Second)
		}
	}
}

func retryHelperPerItem(ids []string) {
	for _, id := range ids { // want `TOS104: loop calls the mde API .* with only reactive retry`
		getWithRetry(base + "machines/" + id)
	}
}

// getWithRetry retries on 429, after the server's Retry-After.
func getWithRetry(u string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(u)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusTooManyRequests {
			return resp, nil
		}
		after, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		time.Sleep(time.Duration(after) * time.Second)
	}
	return nil, nil
}

func nested(groups [][]string) {
	for _, g := range groups { // want `TOS101: loop calls the mde API`
		for i := 0; i < 3; i++ {
			http.Get(base + "machines/" + g[i])
		}
	}
}

func nestedInnerUnbounded(groups [][]string) {
	for _, g := range groups { // only the inner loop is reported: the cause
		for _, id := range g { // want `TOS101: loop calls the mde API`
			http.Get(base + "machines/" + id)
		}
	}
}

// --- Throttled, but over the limit or unknown. ---

func overByBurst(ctx context.Context, ids []string) {
	lim := rate.NewLimiter(rate.Every(600*time.Millisecond), 1)
	for _, id := range ids { // want `TOS103: throttle lets up to 101 calls per minute through \(burst 1 \+ 1.667/s × 60s\), over the mde limit of 100 by 1; use rate.Every\(610ms\) or slower, burst 1`
		lim.Wait(ctx)
		http.Get(base + "machines/" + id)
	}
}

func tenPerSecond(ctx context.Context, ids []string) {
	lim := rate.NewLimiter(10, 10)
	for _, id := range ids { // want `TOS103: throttle lets up to 610 calls per minute`
		lim.Wait(ctx)
		http.Get(base + "machines/" + id)
	}
}

func waitNDivides(ctx context.Context, ids []string) {
	lim := rate.NewLimiter(2, 2)
	for _, id := range ids { // quiet: (2 + 120) / 2 = 61 calls per minute
		lim.WaitN(ctx, 2)
		http.Get(base + "machines/" + id)
	}
}

// WaitN with no tokens returns at once: it holds nothing back, so the
// rate it keeps is not known.
func waitNZero(ctx context.Context, ids []string) {
	lim := rate.NewLimiter(1, 1)
	for _, id := range ids { // want `TOS105: calls to the mde API .* but the rate is not a constant`
		lim.WaitN(ctx, 0)
		http.Get(base + "machines/" + id)
	}
}

func sleepTooShort(ids []string) {
	for _, id := range ids { // want `TOS103: throttle lets up to 120 calls per minute through \(60s / 500ms\), over the mde limit of 100 by 20; use an interval of 600ms or more between passes`
		time.Sleep(500 * time.Millisecond)
		http.Get(base + "machines/" + id)
	}
}

func twoCallsPerSleep(ids []string) {
	for _, id := range ids { // want `TOS103: throttle lets up to 120 calls per minute through \(2 calls a pass × 60s / 1s\), over the mde limit of 100 by 20; use an interval of 1.2s or more between passes`
		time.Sleep(time.Second)
		http.Get(base + "machines/" + id)
		http.Get(base + "machines/" + id + "/alerts")
	}
}

// A sleep of zero returns at once: the loop is as unthrottled as with no
// sleep, and the message says why the sleep was not counted.
func sleepZero(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API .*\(the sleep has no duration\)`
		time.Sleep(0)
		http.Get(base + "machines/" + id)
	}
}

func sleepFromFlag(ids []string, d time.Duration) {
	for _, id := range ids { // want `TOS105: calls to the mde API .* are throttled by time.Sleep, but the rate is not a constant`
		time.Sleep(d)
		http.Get(base + "machines/" + id)
	}
}

func limiterParam(ctx context.Context, lim *rate.Limiter, ids []string) {
	for _, id := range ids { // want `TOS105: `
		lim.Wait(ctx)
		http.Get(base + "machines/" + id)
	}
}

// --- Reactive only. ---

func retryOn429(ids []string) {
	for _, id := range ids { // want `TOS104: loop calls the mde API .* with only reactive retry`
		resp, err := http.Get(base + "machines/" + id)
		if err == nil && resp.StatusCode == http.StatusTooManyRequests {
			after, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(after) * time.Second)
		}
	}
}

func retryAfterOnly(ids []string) {
	for _, id := range ids { // want `TOS104: loop calls the mde API .* with only reactive retry`
		resp, err := http.Get(base + "machines/" + id)
		if err == nil && resp.Header.Get("Retry-After") != "" {
			time.Sleep(time.Minute)
		}
	}
}

func localList() {
	ids := []string{"a", "b", "c"} // one literal: three calls
	for _, id := range ids {
		http.Get(base + "machines/" + id)
	}
}

// sleepCtx pauses for d, or not at all when d is zero: its callers choose.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func pacedByConfig(ctx context.Context, ids []string, interval time.Duration) {
	for _, id := range ids { // want `TOS105: calls to the mde API .* are throttled by a ticker, but the rate is not a constant`
		http.Get(base + "machines/" + id)
		sleepCtx(ctx, interval)
	}
}

func confirmEach(ids []string) {
	for _, id := range ids { // a person answers before each call
		var answer string
		fmt.Scanln(&answer)
		if answer != "y" {
			continue
		}
		http.Get(base + "machines/" + id)
	}
}

var defaultIDs = []string{"a", "b"}

func chosen(one string, all bool) {
	targets := []string{one}
	if all {
		targets = defaultIDs
	}
	for _, t := range targets { // one or two: bounded by the literals
		http.Get(base + "machines/" + t)
	}
}

func cursorPages() {
	after := ""
	for { // a cursor carried from page to page: exempt
		resp, _ := http.Get(base + "alerts?after=" + after)
		var page struct{ After string }
		decode(resp, &page)
		if page.After == "" {
			break
		}
		after = page.After
	}
}

func fixedList() []string { return []string{"a", "b", "c"} }

var pick = fixedList

func viaFuncValue() {
	for _, id := range pick() { // three ids
		http.Get(base + "machines/" + id)
	}
}

func cappedList(ids []string) {
	if len(ids) > 5 {
		ids = ids[:5]
	}
	for _, id := range ids { // at most five
		http.Get(base + "machines/" + id)
	}
}

func madeList() {
	ids := make([]string, 4)
	for _, id := range ids {
		http.Get(base + "machines/" + id)
	}
}

type item struct{ Name, State string }

func findOne(items []item, want string) {
	for _, it := range items { // a search: the call is for the one item with that name
		if strings.EqualFold(it.Name, want) {
			http.Get(base + "machines/" + it.Name)
		}
	}
}

func filterMany(items []item, state string) {
	for _, it := range items { // want `TOS101: loop calls the mde API .* on some iterations`
		if it.State == state { // a filter: many items may match
			http.Get(base + "machines/" + it.Name)
		}
	}
}

// --- URL forms. ---

func sprintfURL(ids []string) {
	for _, id := range ids { // want `TOS101: `
		http.Get(fmt.Sprintf("https://%s/api/machines/%s", "api.securitycenter.microsoft.com", id))
	}
}

func urlLiteral(ids []string) {
	for _, id := range ids { // want `TOS101: `
		u := url.URL{Scheme: "https", Host: "eu.api.security.microsoft.com", Path: "/api/machines/" + id}
		http.Get(u.String())
	}
}

type cloud struct{ MDEURL string }

var clouds = []cloud{{MDEURL: "https://api-gov.securitycenter.microsoft.us"}, {MDEURL: "https://api.securitycenter.microsoft.com"}}

func structField(c cloud, ids []string) {
	for _, id := range ids { // want `TOS101: `
		http.Get(c.MDEURL + "/api/machines/" + id)
	}
}

func newRequestDo(ctx context.Context, client *http.Client, ids []string) {
	for _, id := range ids { // want `TOS101: `
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"machines/"+id, nil)
		client.Do(req)
	}
}

func parsedURL(ids []string) {
	u, _ := url.Parse("https://api.securitycenter.windows.com/api/alerts")
	for range ids { // want `TOS101: `
		http.Get(u.String())
	}
}

// machineURL builds a machine's URL as a *url.URL.
func machineURL(id string) *url.URL {
	return &url.URL{Scheme: "https", Host: "api.security.microsoft.com", Path: "/api/machines/" + id}
}

func urlFromHelper(ids []string) {
	for _, id := range ids { // want `TOS101: `
		http.Get(machineURL(id).String())
	}
}

var everySecond = time.NewTicker(time.Second)

// waitTick takes a tick of a shared ticker: its callers are paced.
func waitTick() { <-everySecond.C }

func pacedByTickHelper(ids []string) {
	for _, id := range ids { // quiet: one call a second
		waitTick()
		http.Get(base + "machines/" + id)
	}
}

// tickThenCount takes a tick and then counts in a loop of its own: the
// tick still paces every call of it.
func tickThenCount(ids []string) int {
	<-everySecond.C
	n := 0
	for range ids {
		n++
	}
	return n
}

func pacedByTickThenCount(ids []string) {
	for _, id := range ids { // quiet: one call a second
		tickThenCount(ids)
		http.Get(base + "machines/" + id)
	}
}
