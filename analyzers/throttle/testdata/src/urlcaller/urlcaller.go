// Package urlcaller calls GitHub through hosts that travel: arguments,
// options, collections of URLs, flags with a default.
package urlcaller

import (
	"context"
	"flag"
	"net/http"
	"net/url"
	"os"

	"urlhelper"
)

const apiBase = "https://api.github.com"

func viaArgument(ctx context.Context, names []string) {
	for _, n := range names { // want `TOS101: loop calls the github API`
		urlhelper.GetJSON(ctx, apiBase+"/repos/o/"+n, nil)
	}
}

func otherHost(ctx context.Context, names []string) {
	for _, n := range names {
		urlhelper.GetJSON(ctx, "https://example.test/"+n, nil)
	}
}

func viaOptionsAndRequest(ctx context.Context, names []string) {
	c := urlhelper.New()
	for _, n := range names { // want `TOS101: loop calls the github API`
		req, _ := c.NewRequest(ctx, "/repos/o/"+n)
		c.Do(req)
	}
}

// getResponse sends u: a helper of this package.
func getResponse(u string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

var targets = []string{apiBase + "/rate_limit", apiBase + "/meta"}

func pollTargets() {
	for { // want `TOS101: loop calls the github API`
		for _, t := range targets { // two targets per pass
			getResponse(t)
		}
	}
}

func builtList(names []string) {
	var urls []string
	for _, n := range names {
		urls = append(urls, apiBase+"/users/"+n)
	}
	for _, u := range urls { // want `TOS101: loop calls the github API`
		getResponse(u)
	}
}

func byMap(names map[string]bool) {
	endpoints := map[string]string{"users": apiBase + "/users/", "orgs": apiBase + "/orgs/"}
	for n := range names { // want `TOS101: loop calls the github API`
		getResponse(endpoints["users"] + n)
	}
}

func joinPath(names []string) {
	base, _ := url.Parse(apiBase)
	for _, n := range names { // want `TOS101: loop calls the github API`
		http.Get(base.JoinPath("repos", "o", n).String())
	}
}

var apiFlag = flag.String("api", apiBase, "API base URL")

func flagDefault(names []string) {
	for _, n := range names { // want `TOS101: loop calls the github API`
		http.Get(*apiFlag + "/users/" + n)
	}
}

func fromEnvironment(names []string) {
	base := os.Getenv("API_URL") // configuration with no default: unknown host
	for _, n := range names {
		http.Get(base + "/users/" + n)
	}
}

// builder sets its base URL in a builder method.
type builder struct{ base string }

func (b *builder) BaseURL(u string) *builder { b.base = u; return b }

func (b *builder) get(path string) { http.Get(b.base + path) }

func viaBuilder(names []string) {
	b := (&builder{}).BaseURL(apiBase)
	for _, n := range names { // want `TOS101: loop calls the github API`
		b.get("/users/" + n)
	}
}
