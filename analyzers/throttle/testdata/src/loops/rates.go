package loops

import (
	"context"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// Throttles whose rate the analyzer must weigh: a wait that comes before
// a batch of unknown size, two limiters on two paths, and a pause helper
// whose guard skips the pause for a zero duration.

// fetchBatch calls the API once per id: its loop is judged here.
func fetchBatch(ids []string) {
	for _, id := range ids { // want "TOS101: loop calls the mde API"
		http.Get(base + "machines/" + id)
	}
}

// One wait lets a whole batch through, but the batch's own loop is where
// that is reported (above), once.
func batchPerWait(ctx context.Context, batches [][]string) {
	for _, b := range batches {
		limiter.Wait(ctx)
		fetchBatch(b)
	}
}

// hugeSweep's constant loop is too long to count in full: its calls
// saturate the count.
func hugeSweep() {
	for i := 0; i < 1<<30; i++ { // want "TOS101: loop runs 1073741824 times"
		http.Get(base + "machines/all")
	}
}

// Each wait lets a whole sweep through: no rate can be compared with the
// limit.
func sweepPerWait(ctx context.Context) {
	for { // want "TOS105: calls to the mde API .* are throttled by rate.NewLimiter, but each pass makes more calls than can be counted, so their rate cannot be checked against the limit of 100 calls per minute; wait before each call instead, such as rate.NewLimiter\\(rate.Every\\(610ms\\), 1\\)"
		limiter.Wait(ctx)
		hugeSweep()
	}
}

var (
	slowLane = rate.NewLimiter(rate.Every(2*time.Second), 1)
	fastLane = rate.NewLimiter(rate.Every(10*time.Millisecond), 1)
)

// Each iteration waits on one of two limiters: no single throttle paces
// every call, and the fast one alone would be over the limit.
func twoLanes(ctx context.Context, ids []string, urgent map[string]bool) {
	for _, id := range ids { // want "TOS105: calls to the mde API .* are throttled by throttles on different paths, but the rate is not a constant"
		if urgent[id] {
			fastLane.Wait(ctx)
		} else {
			slowLane.Wait(ctx)
		}
		http.Get(base + "machines/" + id)
	}
}

// Both paths wait on the slow limiter: that is the loop's rate, within
// the limit.
func oneLaneTwoPaths(ctx context.Context, ids []string, urgent map[string]bool) {
	for _, id := range ids {
		if urgent[id] {
			slowLane.Wait(ctx)
		} else {
			slowLane.Wait(ctx)
		}
		http.Get(base + "machines/" + id)
	}
}

// waitTurn waits on the slow limiter on either path: its callers are
// paced by it.
func waitTurn(ctx context.Context, urgent bool) {
	if urgent {
		slowLane.Wait(ctx)
	} else {
		slowLane.Wait(ctx)
	}
}

func pacedByTurns(ctx context.Context, ids []string, urgent map[string]bool) {
	for _, id := range ids {
		waitTurn(ctx, urgent[id])
		http.Get(base + "machines/" + id)
	}
}

// pauseAtLeast pauses for d, or not at all when d is under a nanosecond:
// the caller decides.
func pauseAtLeast(d time.Duration) {
	if d < 1 {
		return
	}
	time.Sleep(d)
}

func pacedByArgument(ids []string, every time.Duration) {
	for _, id := range ids { // want "TOS105: calls to the mde API .* are throttled by .*, but the rate is not a constant"
		http.Get(base + "machines/" + id)
		pauseAtLeast(every)
	}
}

// bothLanes waits on the fast limiter and then, whichever way the branch
// between goes, on the slow one: the slow one decides how often it
// returns.
func bothLanes(ctx context.Context, urgent bool) {
	fastLane.Wait(ctx)
	if urgent {
		ctx = context.WithoutCancel(ctx)
	}
	slowLane.Wait(ctx)
}

// One call a pass and one pass every two seconds at most: within the limit.
func pacedByBothLanes(ctx context.Context, ids []string, urgent map[string]bool) {
	for _, id := range ids {
		bothLanes(ctx, urgent[id])
		http.Get(base + "machines/" + id)
	}
}

// Each id takes 200 calls, more than a minute allows: the inner loop is
// the cause, reported there, and the loop around it not again.
func sweepEach(ids []string) {
	for _, id := range ids {
		for i := 0; i < 200; i++ { // want "TOS101: loop runs 200 times"
			http.Get(base + "machines/" + id)
		}
	}
}

// The loop itself waits on both limiters, the fast one and then, past a
// branch, the slow one: every pass waits on the slow one, which paces it.
func bothLanesInLoop(ctx context.Context, ids []string) {
	for _, id := range ids {
		fastLane.Wait(ctx)
		if id == "" {
			ctx = context.WithoutCancel(ctx)
		}
		slowLane.Wait(ctx)
		http.Get(base + "machines/" + id)
	}
}

// pauseUnlessZero pauses for d, or not at all when d is zero.
func pauseUnlessZero(d time.Duration) {
	if d == 0 {
		return
	}
	time.Sleep(d)
}

func pacedByOption(ids []string, every time.Duration) {
	for _, id := range ids { // want "TOS105: calls to the mde API .* are throttled by .*, but the rate is not a constant"
		http.Get(base + "machines/" + id)
		pauseUnlessZero(every)
	}
}

// hurry waits on the fast limiter: declared before takeTurns, so the
// summaries see it first and slowTurn only in a later round.
func hurry(ctx context.Context) { fastLane.Wait(ctx) }

// takeTurns waits on both limiters, one after the other: the slow one
// decides its pace, once both helpers' summaries are known.
func takeTurns(ctx context.Context, urgent bool) {
	hurry(ctx)
	if urgent {
		ctx = context.WithoutCancel(ctx)
	}
	slowTurn(ctx)
}

func slowTurn(ctx context.Context) { slowLane.Wait(ctx) }

func pacedByTurnsInOrder(ctx context.Context, ids []string) {
	for _, id := range ids {
		takeTurns(ctx, id == "")
		http.Get(base + "machines/" + id)
	}
}

var (
	roomy = rate.NewLimiter(1, 61) // 61 + 60 calls a minute
	even  = rate.NewLimiter(2, 1)  // 1 + 120 calls a minute
)

// waitBoth waits on two limiters that let the same 121 calls a minute
// through, one after the other, past a branch: its pace is explained by
// the first one.
func waitBoth(ctx context.Context, urgent bool) {
	roomy.Wait(ctx)
	if urgent {
		ctx = context.WithoutCancel(ctx)
	}
	even.Wait(ctx)
}

func pacedByEqualPair(ctx context.Context, ids []string) {
	for _, id := range ids { // want `TOS103: throttle lets up to 121 calls per minute through \(burst 61 \+ 1/s × 60s\)`
		waitBoth(ctx, id == "")
		http.Get(base + "machines/" + id)
	}
}
