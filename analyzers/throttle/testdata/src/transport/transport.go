// want package:`converted\[\*transport.limited\]`
// Package transport throttles every request in its RoundTripper.
package transport

import (
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

type limited struct {
	lim  *rate.Limiter
	next http.RoundTripper
}

var lim = rate.NewLimiter(rate.Every(time.Second), 1)

func (t *limited) RoundTrip(req *http.Request) (*http.Response, error) { // want RoundTrip:`url\(sends0\)` RoundTrip:`throttles\(1/s burst 1\)`
	if err := lim.Wait(req.Context()); err != nil {
		return nil, err
	}
	return t.next.RoundTrip(req)
}

var client = &http.Client{Transport: &limited{next: http.DefaultTransport}}

func loop(ids []string) {
	for _, id := range ids {
		client.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
}

var plain = &http.Client{}

func plainLoop(ids []string) {
	for _, id := range ids { // want `TOS101: `
		plain.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
}

// middleware throttles in Intercept, as kiota middleware does.
type middleware struct{}

func (middleware) Intercept(req *http.Request) (*http.Response, error) { // want Intercept:`throttles\(1/s burst 1\)`
	lim.Wait(req.Context())
	return nil, nil
}

// newClient drops the middlewares it is given: its clients do not throttle.
func newClient(mws ...any) *http.Client { return &http.Client{} }

// NewThrottled returns a client whose transport throttles.
func NewThrottled() *http.Client { // want NewThrottled:`client\(paced 1/s burst 1\)`
	return &http.Client{Transport: &limited{next: http.DefaultTransport}}
}

func viaMiddleware(ids []string) {
	c := newClient(middleware{})
	for _, id := range ids { // want `TOS101: `
		c.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
}

func viaConstructor(ids []string) {
	c := NewThrottled()
	for _, id := range ids {
		c.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
}
