// Package graph calls Microsoft Graph, whose terms accept reactive retry.
package graph

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/microsoftgraph/msgraph-sdk-go/users"
)

func honoursRetryAfter(ids []string) {
	for _, id := range ids {
		resp, err := http.Get("https://graph.microsoft.com/v1.0/users/" + id)
		if err == nil && resp.StatusCode == 429 {
			s, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(s) * time.Second)
		}
	}
}

func sdkRetries(ctx context.Context, bs []*users.UserItemRequestBuilder) {
	for _, b := range bs {
		b.Get(ctx) // the SDK retries on 429 by itself
		_ = b.URL()
	}
}

func noHandling(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the graph API \(Microsoft Graph: 2000 calls per second per app\)`
		http.Get("https://graph.microsoft.com/v1.0/users/" + id)
	}
}
