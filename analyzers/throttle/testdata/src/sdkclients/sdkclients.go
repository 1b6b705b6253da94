// want package:`converted\[\*github.com/microsoft/kiota-http-go.RetryHandler \*github.com/microsoftgraph/msgraph-sdk-go.GraphRequestAdapter \*github.com/shurcooL/githubv4.Client \*sdkclients.pacer sdkclients.hurried sdkclients.limitMiddleware\]` package:`installs\(http:reactive, retryablehttp:reactive, github:plain, githubv4:plain, kiota:reactive\)`
// Package sdkclients calls GitHub and Microsoft Graph through their SDKs,
// with the clients built as users build them.
package sdkclients

import (
	"context"
	"net/http"
	"time"

	"github.com/gofri/go-github-ratelimit/github_ratelimit"
	"github.com/google/go-github/v62/github"
	"github.com/hashicorp/go-retryablehttp"
	khttp "github.com/microsoft/kiota-http-go"
	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	msgraphgocore "github.com/microsoftgraph/msgraph-sdk-go-core"
	"golang.org/x/time/rate"
)

// --- GitHub: go-github does not retry; its loops need a throttle. ---

func labels(ctx context.Context, repos []string) {
	c := github.NewClient(nil)
	for _, r := range repos { // want `TOS101: loop calls the github API \(GitHub API: 5000 calls per hour per user\) on every iteration with no proactive throttle; wait on a rate.Limiter shared across iterations before each call, such as rate.NewLimiter\(rate.Every\(730ms\), 1\)`
		c.Issues.CreateLabel(ctx, "o", r, "bug")
	}
}

func waiterClient(ctx context.Context, repos []string) {
	hc, _ := github_ratelimit.NewRateLimitWaiterClient(nil)
	c := github.NewClient(hc).WithAuthToken("token")
	for _, r := range repos { // waits when GitHub says the limit is hit: reactive, which the GitHub pack accepts
		c.Repositories.Get(ctx, "o", r)
	}
}

// waiterClientReassigned authenticates the client in a second statement,
// c = c.WithAuthToken(token): the client is still the waiter's.
func waiterClientReassigned(ctx context.Context, repos []string, token string) {
	hc, _ := github_ratelimit.NewRateLimitWaiterClient(nil)
	c := github.NewClient(hc)
	c = c.WithAuthToken(token)
	for _, r := range repos { // reactive, as above
		c.Repositories.Get(ctx, "o", r)
	}
}

var ghLimit = rate.NewLimiter(rate.Every(time.Second), 1)

// pacer waits on a shared limiter before every request.
type pacer struct{ next http.RoundTripper }

func (t *pacer) RoundTrip(req *http.Request) (*http.Response, error) { // want RoundTrip:`url\(sends0\)` RoundTrip:`throttles\(1/s burst 1\)`
	if err := ghLimit.Wait(req.Context()); err != nil {
		return nil, err
	}
	return t.next.RoundTrip(req)
}

func pacedTransport(ctx context.Context, repos []string) {
	c := github.NewClient(&http.Client{Transport: &pacer{next: http.DefaultTransport}})
	for _, r := range repos { // every request waits in the transport
		c.Repositories.Get(ctx, "o", r)
	}
}

var tooFast = rate.NewLimiter(10, 10)

type hurried struct{}

func (hurried) RoundTrip(req *http.Request) (*http.Response, error) { // want RoundTrip:`url\(sends0\)` RoundTrip:`throttles\(10/s burst 10\)`
	tooFast.Wait(req.Context())
	return http.DefaultTransport.RoundTrip(req)
}

func fastTransport(ctx context.Context, repos []string) {
	c := github.NewClient(&http.Client{Transport: hurried{}})
	for _, r := range repos { // want `TOS103: throttle lets up to 36010 calls per hour through \(burst 10 \+ 10/s × 3600s\), over the github limit of 5000 by 31010; use rate.Every\(730ms\) or slower, burst 1`
		c.Repositories.Get(ctx, "o", r)
	}
}

func retryableTransport(ctx context.Context, repos []string) {
	rc := retryablehttp.NewClient()
	c := github.NewClient(rc.StandardClient())
	for _, r := range repos { // retries 429 reactively: accepted for GitHub
		c.Repositories.Get(ctx, "o", r)
	}
}

// --- Microsoft Graph through kiota: the default middlewares retry. ---

func graphDefault(ctx context.Context, ids []string) {
	c, _ := msgraphsdk.NewGraphServiceClientWithCredentials(nil, nil)
	for _, id := range ids { // reactive retry in the SDK: Graph accepts it
		c.Users().ByUserId(id).Delete(ctx)
	}
}

var graphLimit = rate.NewLimiter(100, 100)

// limitMiddleware waits on a shared limiter before passing the request on.
type limitMiddleware struct{}

func (limitMiddleware) Intercept(p khttp.Pipeline, i int, req *http.Request) (*http.Response, error) { // want Intercept:`throttles\(100/s burst 100\)`
	if err := graphLimit.Wait(req.Context()); err != nil {
		return nil, err
	}
	return p.Next(req, i)
}

func newGraphClient() *msgraphsdk.GraphServiceClient {
	hc := msgraphgocore.GetDefaultClient(&msgraphgocore.GraphClientOptions{}, khttp.NewRetryHandler(), limitMiddleware{})
	adapter, _ := msgraphsdk.NewGraphRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(nil, nil, nil, hc)
	return msgraphsdk.NewGraphServiceClient(adapter)
}

func graphMiddleware(ctx context.Context, ids []string) {
	c := newGraphClient()
	for _, id := range ids { // every request waits in the middleware
		c.Users().ByUserId(id).Delete(ctx)
	}
}

// loopWithParam gets its client from callers elsewhere: the clients this
// package constructs decide, and some of them are plain.
func loopWithParam(ctx context.Context, c *github.Client, repos []string) {
	for _, r := range repos { // want `TOS101: loop calls the github API`
		c.Repositories.Get(ctx, "o", r)
	}
}

func graphRaw(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the graph API`
		http.Get("https://graph.microsoft.com/v1.0/users/" + id)
	}
}

func onePage(ctx context.Context) {
	c := github.NewClient(nil)
	repos, _, _ := c.Repositories.ListByOrg(ctx, "o", nil)
	for _, r := range repos { // one page holds at most 100 items: 100 calls fit the limits
		c.Repositories.Get(ctx, "o", *r.Name)
	}
}

func oneSearchPage(ctx context.Context) {
	c := github.NewClient(nil)
	res, _, _ := c.Search.Repositories(ctx, "org:o", nil)
	for _, r := range res.Repositories { // the field holds one page: at most 100 items
		c.Repositories.Get(ctx, "o", *r.Name)
	}
}

func allPages(ctx context.Context) {
	c := github.NewClient(nil)
	var all []*github.Repository
	opt := &github.ListOptions{PerPage: 100}
	for {
		repos, resp, err := c.Repositories.ListByOrg(ctx, "o", opt)
		if err != nil {
			return
		}
		all = append(all, repos...)
		if resp.NextPage == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	for _, r := range all { // want `TOS101: loop calls the github API`
		c.Repositories.Get(ctx, "o", *r.Name)
	}
}
