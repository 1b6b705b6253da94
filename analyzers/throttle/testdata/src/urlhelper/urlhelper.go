// Package urlhelper holds the helpers a client module writes around
// net/http: the host reaches them as arguments and options.
package urlhelper

import (
	"context"
	"net/http"
	"net/url"
)

var defaultURL = &url.URL{Scheme: "https", Host: "api.github.com"}

// GetJSON sends u as the request URL.
func GetJSON(ctx context.Context, u string, v any) error { // want GetJSON:`url\(sends1\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// Client builds requests against a base URL that options set.
type Client struct {
	base *url.URL
	hc   *http.Client
}

// Option configures a Client.
type Option func(*Client)

// WithURL sets the base URL.
func WithURL(u *url.URL) Option { return func(c *Client) { c.base = u } }

// New returns a client of the default base URL, changed by the options.
func New(opts ...Option) *Client {
	c := &Client{hc: http.DefaultClient}
	WithURL(defaultURL)(c)
	for _, o := range opts {
		o(c)
	}
	return c
}

// NewRequest builds a request for path; Do sends it.
func (c *Client) NewRequest(ctx context.Context, path string) (*http.Request, error) { // want NewRequest:`url\(returns "https://api.github.com/"…\)`
	u := c.base.ResolveReference(&url.URL{Path: path})
	return http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
}

// Do sends a request.
func (c *Client) Do(req *http.Request) (*http.Response, error) { // want Do:`url\(sends0\)`
	return c.hc.Do(req)
}
