// Package throttle defines an Analyzer that finds rate-limited API calls
// made in loops or fanned out to goroutines without a throttle that keeps
// them within the limit the terms of use set.
//
// # Analyzer throttle
//
// throttle: report rate-limited API calls in loops and fan-out without a throttle
//
// The rule packs name API families (hosts, SDK packages, wrapper types,
// interface methods) and their limits, such as 100 calls per 60 seconds.
// Every embedded pack is active unless the configuration lists packs; a
// family only fires on calls to its own API.
//
// API calls. An HTTP call whose URL starts with a family's host (constants folded
// through +, fmt.Sprintf, url.URL literals, url.Parse, JoinPath and
// ResolveReference, package constants and variables, struct fields, flag
// defaults); an SDK method the pack names; a method of a wrapper type; or a
// call of a function that does one of these. Facts carry what functions
// do across packages:
//
//   - a function that calls an API (how many calls per invocation, through
//     which chain);
//   - a function that sends one of its parameters as the request URL, or
//     returns a URL or request built from constants and its parameters:
//     each caller resolves the host with its own arguments, so helpers such
//     as getJSON(url) and a client's NewRequest/Do pair are followed;
//   - a function that calls one of its func parameters, and whether it does
//     so in an unthrottled loop (a forEach helper): the loop's finding is
//     reported where the function literal is passed.
//
// Values are followed through assignments, fields set by composite
// literals, functional options and builder methods, the arguments of the
// package's own calls of a function, and the elements of slice and map
// literals and appends. A URL that comes from configuration (environment,
// files) is unknown unless a default names a host.
//
// Interface calls are resolved as class-hierarchy analysis does, to every
// type that implements the interface, restricted to the types some package
// of the program converts to an interface (a fact each package exports):
// a local interface whose only real implementation is an SDK type reaches
// the SDK. When only some of the candidates call the API, the finding says
// the loop "may call" it. Calls through func-typed variables resolve to the
// functions stored in them.
//
// Throttles. A loop is judged by the control-flow graph of its function: a call is
// unthrottled when it still lies on a cycle through the loop's head after
// removing every block that throttles: a rate.Limiter Wait, an uber
// ratelimit Take, a sleep, a ticker or timer receive, a select that can only
// wait or leave, an Allow that gates the call, a helper that throttles on
// every path (a helper that skips its pause for a zero duration still
// counts: its callers choose), or a prompt that a person answers. A sleep
// only on an error or continue path leaves the other path unthrottled; a
// timer created with no duration fires at once and is no throttle.
//
// A client can throttle every request in its transport or middleware. The
// analyzer traces the client an HTTP or SDK call goes through to its
// construction and recognises these constructors:
//
//   - http.Client{Transport: t} where t's RoundTrip throttles on every path
//     (or wraps, in a field, a transport that does);
//   - go-github: github.NewClient(httpClient), WithAuthToken and
//     WithEnterpriseURLs keep the client's transport; githubv4.NewClient
//     and NewEnterpriseClient;
//   - kiota and Microsoft Graph: msgraphgocore.GetDefaultClient(options,
//     middlewares...) and khttp.GetDefaultClient(middlewares...) (a
//     middleware whose Intercept throttles paces every request; the default
//     middlewares retry), the request adapters built with an http.Client
//     (NewGraphRequestAdapter...AndHttpClient,
//     NewNetHttpRequestAdapter...AndHttpClient) and
//     msgraphsdkgo.NewGraphServiceClient(adapter);
//   - go-retryablehttp: retryablehttp.NewClient() and StandardClient()
//     retry on 429 (reactive);
//   - go-github-ratelimit: NewRateLimitWaiterClient and NewClient wait when
//     GitHub reports a limit (reactive);
//   - ghinstallation transports keep the transport they wrap; oauth2
//     clients are plain.
//
// Local constructors that return such clients are followed, and export a
// fact for other packages. When a client cannot be traced (a parameter of
// an exported function), the clients of that SDK constructed in the package
// and the packages it imports decide, when they all agree.
//
// Counting. Calls inside a loop bounded by a constant (for i := 0; i < K; i++, with
// conjunctions such as i < K && i < len(xs); range over literals, arrays,
// variables holding literals, functions that return literals, and the
// items of one response of a list call, up to the family's max_page_size)
// are multiplied; pagination loops (a next link, page token or cursor
// carried from one response to the next request) count once unless the
// pack sets pagination_counts; retry loops count once. Functions that
// recurse into each other repeat their calls without a bound. A call repeated by
// an unbounded loop is judged at that loop, which is reported once: loops
// around it, in the same function or in callers, are related information,
// not findings of their own.
//
// Reported:
//
//   - TOS101: an unbounded loop calls the API with no proactive throttle,
//     or a constant-bounded loop calls it more often than the limit; the
//     message proposes a limiter that keeps within the limit.
//   - TOS102: a goroutine per item (go, errgroup.Go, WaitGroup.Go) calls
//     the API. A semaphore (in the loop or inside the goroutine) or
//     SetLimit bounds calls in flight, not calls per window: it turns TOS102
//     into TOS101, never into compliance. A limiter or ticker shared by the
//     goroutines makes it compliant.
//   - TOS103: the throttle's rate lets more calls through than the limit:
//     a token bucket of rate r and burst b allows b + r*W calls in a window
//     W; a sleep d with m calls per iteration allows m*W/d. The message says
//     what to change to.
//   - TOS104: only reactive retry (HTTP 429, Retry-After, retry libraries,
//     SDKs that retry) guards the loop, and the family's terms need a
//     proactive throttle. Families whose terms accept reactive retry
//     (Microsoft Graph, GitHub) stay quiet.
//   - TOS105 (info): the loop is throttled but the rate is not a constant,
//     the paths through it wait on different throttles (waits on one
//     limiter, or equal sleeps, on several paths count as one throttle), or
//     each wait lets through more calls than can be counted.
//
// Quiet: loops bounded by a constant whose calls stay within the limit,
// pagination and retry loops, loops whose every path leaves after the call,
// and loops whose client throttles every request (a transport's rate that
// is not a constant is not reported at every loop).
//
// Flagged:
//
//	for _, id := range ids {
//		resp, err := client.Get("https://api.security.microsoft.com/api/machines/" + id)
//		...
//	}
//
// Fine:
//
//	lim := rate.NewLimiter(rate.Every(time.Second), 1)
//	for _, id := range ids {
//		if err := lim.Wait(ctx); err != nil {
//			return err
//		}
//		resp, err := client.Get("https://api.security.microsoft.com/api/machines/" + id)
//		...
//	}
package throttle
