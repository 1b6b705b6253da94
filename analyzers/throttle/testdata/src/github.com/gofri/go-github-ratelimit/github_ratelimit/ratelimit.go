// Package github_ratelimit is a test stub of go-github-ratelimit: a
// transport that waits when GitHub reports a secondary rate limit.
package github_ratelimit

import "net/http"

func NewRateLimitWaiterClient(base http.RoundTripper, opts ...any) (*http.Client, error) {
	return &http.Client{}, nil
}
