// want package:`converted\[\*github.com/microsoft/kiota-http-go.RetryHandler \*github.com/microsoftgraph/msgraph-sdk-go.GraphRequestAdapter \*strictgraph.limitMiddleware\]` package:`installs\(http:paced 100/s burst 100, kiota:reactive\)`
// Package strictgraph calls Graph under a pack that needs a proactive
// throttle: the SDK's retry alone is not enough, a throttling middleware
// in the client is.
package strictgraph

import (
	"context"
	"net/http"

	khttp "github.com/microsoft/kiota-http-go"
	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	msgraphgocore "github.com/microsoftgraph/msgraph-sdk-go-core"
	"golang.org/x/time/rate"
)

func defaultClient(ctx context.Context, ids []string) {
	c, _ := msgraphsdk.NewGraphServiceClientWithCredentials(nil, nil)
	for _, id := range ids { // want `TOS104: loop calls the graph API .* with only reactive retry`
		c.Users().ByUserId(id).Delete(ctx)
	}
}

var limiter = rate.NewLimiter(100, 100)

type limitMiddleware struct{}

func (*limitMiddleware) Intercept(p khttp.Pipeline, i int, req *http.Request) (*http.Response, error) { // want Intercept:`throttles\(100/s burst 100\)`
	limiter.Wait(req.Context())
	return p.Next(req, i)
}

// Service keeps the client in a field, as services do.
type Service struct {
	client *msgraphsdk.GraphServiceClient
}

func newService() *Service {
	middlewares := []khttp.Middleware{khttp.NewRetryHandler(), &limitMiddleware{}}
	hc := msgraphgocore.GetDefaultClient(&msgraphgocore.GraphClientOptions{}, middlewares...)
	adapter, _ := msgraphsdk.NewGraphRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(nil, nil, nil, hc)
	return &Service{client: msgraphsdk.NewGraphServiceClient(adapter)}
}

func (s *Service) deleteAll(ctx context.Context, ids []string) {
	for _, id := range ids { // every request waits in the middleware
		s.client.Users().ByUserId(id).Delete(ctx)
	}
}
