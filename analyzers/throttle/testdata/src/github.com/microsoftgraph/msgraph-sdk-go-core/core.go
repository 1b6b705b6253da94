// Package msgraphgocore is a test stub of msgraph-sdk-go-core.
package msgraphgocore

import (
	"net/http"

	khttp "github.com/microsoft/kiota-http-go"
)

type GraphClientOptions struct{}

// GetDefaultClient returns a client with the given middlewares (the
// default ones, which retry, when none is given).
func GetDefaultClient(options *GraphClientOptions, middleware ...khttp.Middleware) *http.Client {
	return &http.Client{}
}
