// Package retryablehttp is a test stub of go-retryablehttp.
package retryablehttp

import "net/http"

type Client struct{}

func NewClient() *Client                                  { return &Client{} }
func (c *Client) StandardClient() *http.Client            { return &http.Client{} }
func (c *Client) Get(url string) (*http.Response, error)  { return nil, nil }
func (c *Client) Do(req *Request) (*http.Response, error) { return nil, nil }

type Request struct{}

func NewRequest(method, url string, body any) (*Request, error) { return &Request{}, nil }

// RoundTripper retries as the Client does.
type RoundTripper struct{ Client *Client }

func (rt *RoundTripper) RoundTrip(req *http.Request) (*http.Response, error) { return nil, nil }
