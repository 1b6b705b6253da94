// want package:`converted\[mdeclient.paced\]`
// Package mdeclient wraps the API for the caller package: facts carry what
// its functions do across the package boundary.
package mdeclient

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/time/rate"
)

const host = "https://api.securitycenter.microsoft.com"

var limiter = rate.NewLimiter(rate.Every(time.Second), 1)

// Machine fetches one machine.
func Machine(id string) error { // want Machine:`api\(mde×1\)`
	_, err := http.Get(host + "/api/machines/" + id)
	return err
}

// ThrottledMachine waits on the package limiter first.
func ThrottledMachine(ctx context.Context, id string) error { // want ThrottledMachine:`api\(mde×1\)` ThrottledMachine:`throttles\(1/s burst 1\)`
	if err := limiter.Wait(ctx); err != nil {
		return err
	}
	_, err := http.Get(host + "/api/machines/" + id)
	return err
}

// Pause waits between calls.
func Pause(ctx context.Context) { // want Pause:`throttles\(every 1s\)`
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
	}
}

// Guard runs f.
func Guard(name string, f func() error) error { // want Guard:`callsParam\[1\]`
	return f()
}

// Fetcher reaches the API through an interface.
type Fetcher interface {
	Fetch(id string) error
}

// Client implements Fetcher.
type Client struct{}

// Fetch fetches one machine.
func (Client) Fetch(id string) error { // want Fetch:`api\(mde×1\)`
	return Machine(id)
}

type paced struct{}

func (paced) RoundTrip(req *http.Request) (*http.Response, error) { // want RoundTrip:`url\(sends0\)` RoundTrip:`throttles\(1/s burst 1\)`
	if err := limiter.Wait(req.Context()); err != nil {
		return nil, err
	}
	return http.DefaultTransport.RoundTrip(req)
}

// NewClient returns a client that paces every request.
func NewClient() *http.Client { // want NewClient:`client\(paced 1/s burst 1\)`
	return &http.Client{Transport: paced{}}
}

// Regions lists the regional hosts' prefixes.
func Regions() []string { return []string{"us", "eu"} } // want Regions:`len≤2`

// warmups is how many warm-up requests WarmUp sends for each machine: none
// while it is 0.
const warmups = 0

// eachMachine calls f once per id, in a loop of its own.
func eachMachine(ids []string, f func(id string)) {
	for _, id := range ids {
		f(id)
	}
}

// WarmUp's function makes no call at all (its loop never runs), so no
// calls are left to the loop in eachMachine either: the fact says zero
// calls, with none inside loops.
func WarmUp(ids []string) { // want WarmUp:`^api\(mde×0\)$`
	eachMachine(ids, func(id string) {
		for range warmups {
			http.Get(host + "/api/machines/" + id + "/warmup")
		}
	})
}

// extraAttempts is how often a failed fetch is tried again: never.
const extraAttempts = 0

// RetryFailed would try each failed machine again, extraAttempts times, a
// second apart: it makes no call, and none in its loop either.
func RetryFailed(ctx context.Context, ids []string) { // want RetryFailed:`^api\(mde×0\)$`
	for _, id := range ids {
		limiter.Wait(ctx)
		for i := 0; i < extraAttempts; i++ {
			Machine(id)
		}
	}
}

// MachineURL and MachineRef build a machine's address: the callers that
// request it call the API.
func MachineURL(id string) string { // want MachineURL:`url\(returns "https://api.securitycenter.microsoft.com/api/machines/"…\)`
	return host + "/api/machines/" + id
}

func MachineRef(id string) url.URL { // want MachineRef:`url\(returns "https://api.securitycenter.microsoft.com/"…\)`
	return url.URL{Scheme: "https", Host: "api.securitycenter.microsoft.com", Path: "/api/machines/" + id}
}
