// want package:`converted\[\*github.com/google/go-github/v62/github.RepositoriesService chaloop.apiFetcher chaloop.apiHandler chaloop.apiPinger chaloop.logHandler chaloop.noopHandler chaloop.plainGetter chaloop.quietCloser\]`
// Package chaloop calls GitHub through interfaces whose only real
// implementations are SDK types.
package chaloop

import (
	"context"
	"net/http"

	"github.com/google/go-github/v62/github"

	"ghiface"
	_ "ghwire"
)

// Service keeps the teams API behind an interface (ghwire converts the
// SDK's service to it).
type Service struct{ teams ghiface.Teams }

func (s *Service) prune(ctx context.Context, org, slug string, users []string) {
	for _, u := range users { // want `TOS101: loop calls the github API`
		s.teams.RemoveTeamMembershipBySlug(ctx, org, slug, u)
	}
}

type repoGetter interface {
	Get(ctx context.Context, owner, repo string) (*github.Repository, *github.Response, error)
}

type svc struct{ repos repoGetter }

func newSvc(c *github.Client) *svc { return &svc{repos: c.Repositories} }

func (s *svc) all(ctx context.Context, names []string) {
	for _, n := range names { // want `TOS101: loop calls the github API .* on every iteration`
		s.repos.Get(ctx, "o", n)
	}
}

// fakeRepos implements repoGetter but is never converted to it here: it
// does not make the calls above "may".
type fakeRepos struct{}

func (fakeRepos) Get(ctx context.Context, owner, repo string) (*github.Repository, *github.Response, error) {
	return nil, nil, nil
}

type handler interface {
	Handle(ctx context.Context, id string) error
}

type apiHandler struct{ c *github.Client }

func (h apiHandler) Handle(ctx context.Context, id string) error { // want Handle:`api\(github×1\)`
	_, _, err := h.c.Repositories.Get(ctx, "o", id)
	return err
}

type logHandler struct{}

func (logHandler) Handle(ctx context.Context, id string) error { return nil }

type noopHandler struct{}

func (noopHandler) Handle(ctx context.Context, id string) error { return nil }

var handlers = []handler{apiHandler{}, logHandler{}, noopHandler{}}

func dispatch(ctx context.Context, events []string) {
	for _, e := range events { // want `TOS101: loop may call the github API .* with no proactive throttle, through a dynamic call only some of whose targets reach it; wait on`
		for _, h := range handlers { // three handlers, one of which calls the API
			h.Handle(ctx, e)
		}
	}
}

type pinger interface {
	Ping(ctx context.Context, id string) error
}

type apiPinger struct{ c *github.Client }

func (p apiPinger) Ping(ctx context.Context, id string) error { // want Ping:`api\(github×1\)`
	_, _, err := p.c.Repositories.Get(ctx, "o", id)
	return err
}

// pingAll converts apiPinger to pinger explicitly, nowhere else.
func pingAll(ctx context.Context, c *github.Client, ids []string) {
	p := pinger(apiPinger{c})
	for _, id := range ids { // want `TOS101: loop calls the github API .* on every iteration`
		p.Ping(ctx, id)
	}
}

type fetcher interface {
	Fetch(ctx context.Context, id string) error
}

type apiFetcher struct{ c *github.Client }

func (f apiFetcher) Fetch(ctx context.Context, id string) error { // want Fetch:`api\(github×1\)`
	_, _, err := f.c.Repositories.Get(ctx, "o", id)
	return err
}

// newFetcher converts apiFetcher to fetcher in a function literal's
// return, nowhere else.
var newFetcher = func(c *github.Client) fetcher { return apiFetcher{c} }

func fetchAll(ctx context.Context, f fetcher, ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the github API .* on every iteration`
		f.Fetch(ctx, id)
	}
}

type closer interface {
	Close(ctx context.Context) error
}

type quietCloser struct{}

func (quietCloser) Close(ctx context.Context) error { return nil }

var _ closer = quietCloser{}

// apiCloser's Close takes an id: it is not a closer, though its method
// has the name.
type apiCloser struct{ c *github.Client }

func (a apiCloser) Close(ctx context.Context, id string) error { // want Close:`api\(github×1\)`
	_, _, err := a.c.Repositories.Get(ctx, "o", id)
	return err
}

func closeAll(ctx context.Context, cs []closer) {
	for _, c := range cs { // only quietCloser closes: no API call
		c.Close(ctx)
	}
}

// urlGetter's one implementation here gets whatever URL it is given: a
// call through it reaches GitHub when the caller's URL names its host.
type urlGetter interface {
	get(u string) error
}

type plainGetter struct{}

func (plainGetter) get(u string) error {
	_, err := http.Get(u)
	return err
}

var _ urlGetter = plainGetter{}

func getRepos(g urlGetter, names []string) {
	for _, n := range names { // want `TOS101: loop calls the github API`
		g.get("https://api.github.com/repos/o/" + n)
	}
}
