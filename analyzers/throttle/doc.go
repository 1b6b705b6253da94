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
// A call reaches a family when it is an HTTP call whose URL is built from a
// family host (constants folded through +, fmt.Sprintf, url.URL literals,
// package constants and struct fields), an SDK method the pack names, a
// method of a wrapper type, or a function that does one of these: facts
// carry "calls the API" across functions and packages, and interface calls
// resolve to the implementations the analysed packages declare.
//
// A loop is judged by the control-flow graph of its function: a call is
// unthrottled when it still lies on a cycle through the loop's head after
// removing every block that throttles (a rate.Limiter Wait, a sleep, a
// ticker or timer receive, a select that can only wait or leave, a helper
// that throttles on every path). A sleep only on an error or continue path
// leaves the other path unthrottled.
//
// Reported:
//
//   - TOS101: an unbounded loop calls the API with no proactive throttle,
//     or a constant-bounded loop calls it more often than the limit.
//   - TOS102: a goroutine per item (go, errgroup.Go, WaitGroup.Go) calls
//     the API. A semaphore or SetLimit bounds calls in flight, not calls per
//     window: it turns TOS102 into TOS101, never into compliance. A shared
//     limiter inside the goroutine makes it compliant.
//   - TOS103: the throttle's rate lets more calls through than the limit:
//     a token bucket of rate r and burst b allows b + r*W calls in a window
//     W; a sleep d with m calls per iteration allows m*W/d.
//   - TOS104: only reactive retry (HTTP 429, Retry-After, retry libraries)
//     guards the loop, and the family's terms need a proactive throttle.
//     Families whose terms accept reactive retry (Microsoft Graph) stay quiet.
//   - TOS105 (info): the loop is throttled but the rate is not a constant.
//
// Quiet: loops bounded by a constant whose calls stay within the limit,
// pagination loops (a next-link or page token carried from the previous
// response), retry loops (an attempt counter and an exit on success), and
// loops whose every path leaves after the call.
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
