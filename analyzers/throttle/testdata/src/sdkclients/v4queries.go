package sdkclients

import (
	"context"

	"github.com/shurcooL/githubv4"
)

// querier is met by githubv4's client, whose package is itself the SDK
// the pack names: a call through the interface reaches GitHub.
type querier interface {
	Query(ctx context.Context, q any, vars map[string]any) error
}

var v4 querier = githubv4.NewClient(nil)

func queryEach(ctx context.Context, names []string) {
	for _, n := range names { // want `TOS101: loop calls the github API`
		v4.Query(ctx, &n, nil)
	}
}
