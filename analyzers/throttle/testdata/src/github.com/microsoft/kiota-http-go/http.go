// Package nethttplibrary is a test stub of kiota-http-go: middleware
// pipelines and the request adapter.
package nethttplibrary

import (
	"net/http"

	abstractions "github.com/microsoft/kiota-abstractions-go"
)

type Pipeline interface {
	Next(req *http.Request, middlewareIndex int) (*http.Response, error)
}

type Middleware interface {
	Intercept(Pipeline, int, *http.Request) (*http.Response, error)
}

type RetryHandler struct{}

func (h *RetryHandler) Intercept(p Pipeline, i int, r *http.Request) (*http.Response, error) {
	return p.Next(r, i)
}

func NewRetryHandler() *RetryHandler { return &RetryHandler{} }

// GetDefaultClient returns a client with the given middlewares (the
// default ones, which retry, when none is given).
func GetDefaultClient(middleware ...Middleware) *http.Client { return &http.Client{} }

type NetHttpRequestAdapter struct{}

func (a *NetHttpRequestAdapter) BaseURL() string { return "" }

func NewNetHttpRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(auth abstractions.AuthenticationProvider, pnf, swf any, client *http.Client) (*NetHttpRequestAdapter, error) {
	return &NetHttpRequestAdapter{}, nil
}
