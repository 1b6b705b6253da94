// Package oauth2 is a test stub of golang.org/x/oauth2.
package oauth2

import (
	"context"
	"net/http"
)

type TokenSource interface{}

func NewClient(ctx context.Context, src TokenSource) *http.Client { return &http.Client{} }
