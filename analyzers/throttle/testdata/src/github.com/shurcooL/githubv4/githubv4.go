// Package githubv4 is a test stub.
package githubv4

import (
	"context"
	"net/http"
)

type Client struct{}

func NewClient(httpClient *http.Client) *Client                               { return &Client{} }
func NewEnterpriseClient(url string, httpClient *http.Client) *Client         { return &Client{} }
func (c *Client) Query(ctx context.Context, q any, vars map[string]any) error { return nil }
func (c *Client) Mutate(ctx context.Context, m any, input any, vars map[string]any) error {
	return nil
}
