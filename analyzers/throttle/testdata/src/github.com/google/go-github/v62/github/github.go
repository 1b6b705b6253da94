// Package github is a test stub of go-github: the API shape only.
package github

import (
	"context"
	"net/http"
)

type Client struct {
	Repositories *RepositoriesService
	Teams        *TeamsService
	Issues       *IssuesService
	Search       *SearchService
}

type Response struct{ NextPage int }

type ListOptions struct{ Page, PerPage int }

type Repository struct{ Name *string }

type RepositoriesService struct{}
type TeamsService struct{}
type IssuesService struct{}
type SearchService struct{}

type RepositoriesSearchResult struct {
	Total        *int
	Repositories []*Repository
}

func NewClient(httpClient *http.Client) *Client                   { return &Client{} }
func (c *Client) WithAuthToken(token string) *Client              { return c }
func (c *Client) WithEnterpriseURLs(a, b string) (*Client, error) { return c, nil }

func (s *RepositoriesService) Get(ctx context.Context, owner, repo string) (*Repository, *Response, error) {
	return nil, nil, nil
}

func (s *RepositoriesService) ListByOrg(ctx context.Context, org string, opts *ListOptions) ([]*Repository, *Response, error) {
	return nil, nil, nil
}

func (s *TeamsService) RemoveTeamMembershipBySlug(ctx context.Context, org, slug, user string) (*Response, error) {
	return nil, nil
}

func (s *IssuesService) CreateLabel(ctx context.Context, owner, repo, name string) (*Response, error) {
	return nil, nil
}

func (s *SearchService) Repositories(ctx context.Context, query string, opts *ListOptions) (*RepositoriesSearchResult, *Response, error) {
	return nil, nil, nil
}
