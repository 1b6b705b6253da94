// Package msgraphsdkgo is a test stub of msgraph-sdk-go: the service
// client and its adapter constructors.
package msgraphsdkgo

import (
	"net/http"

	abstractions "github.com/microsoft/kiota-abstractions-go"
	"github.com/microsoftgraph/msgraph-sdk-go/users"
)

type GraphServiceClient struct{ adapter abstractions.RequestAdapter }

func NewGraphServiceClient(adapter abstractions.RequestAdapter) *GraphServiceClient {
	return &GraphServiceClient{adapter}
}

func NewGraphServiceClientWithCredentials(cred any, scopes []string) (*GraphServiceClient, error) {
	return &GraphServiceClient{}, nil
}

func (c *GraphServiceClient) Users() *users.UsersRequestBuilder { return &users.UsersRequestBuilder{} }

type GraphRequestAdapter struct{}

func (a *GraphRequestAdapter) BaseURL() string { return "" }

func NewGraphRequestAdapter(auth abstractions.AuthenticationProvider) (*GraphRequestAdapter, error) {
	return &GraphRequestAdapter{}, nil
}

func NewGraphRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(auth abstractions.AuthenticationProvider, pnf, swf any, client *http.Client) (*GraphRequestAdapter, error) {
	return &GraphRequestAdapter{}, nil
}
