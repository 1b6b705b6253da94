// Package fanout starts goroutines that call the API.
package fanout

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
	"golang.org/x/time/rate"
)

const machines = "https://api.security.microsoft.com/api/machines/"

var shared = rate.NewLimiter(rate.Every(time.Second), 1)

func perItem(ids []string) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() { // want `TOS102: goroutine per iteration calls the mde API .* \(unbounded fan-out\)`
			defer wg.Done()
			http.Get(machines + id)
		}()
	}
	wg.Wait()
}

func namedFunc(ids []string) {
	for _, id := range ids {
		go fetch(id) // want `TOS102: `
	}
}

func fetch(id string) { http.Get(machines + id) }

func withSemaphore(ctx context.Context, ids []string) {
	sem := make(chan struct{}, 4)
	for _, id := range ids { // want `TOS101: loop starts goroutines that call the mde API .* the concurrency bound \(4 workers\) caps calls in flight, not calls per window: wait on a rate.Limiter shared by the goroutines before each call, such as rate.NewLimiter\(rate.Every\(610ms\), 1\)`
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			http.Get(machines + id)
		}()
	}
}

func weighted(ctx context.Context, ids []string) {
	sem := semaphore.NewWeighted(4)
	for _, id := range ids { // want `TOS101: loop starts goroutines`
		sem.Acquire(ctx, 1)
		go func() {
			defer sem.Release(1)
			http.Get(machines + id)
		}()
	}
}

func errgroupUnbounded(ids []string) error {
	var g errgroup.Group
	for _, id := range ids {
		g.Go(func() error { // want `TOS102: `
			_, err := http.Get(machines + id)
			return err
		})
	}
	return g.Wait()
}

func errgroupLimited(ids []string) error {
	var g errgroup.Group
	g.SetLimit(4)
	for _, id := range ids { // want `TOS101: loop starts goroutines`
		g.Go(func() error {
			_, err := http.Get(machines + id)
			return err
		})
	}
	return g.Wait()
}

func errgroupSharedLimiter(ctx context.Context, ids []string) error {
	var g errgroup.Group
	g.SetLimit(1)
	for _, id := range ids {
		g.Go(func() error {
			if err := shared.Wait(ctx); err != nil {
				return err
			}
			_, err := http.Get(machines + id)
			return err
		})
	}
	return g.Wait()
}

func waitGroupGo(ids []string) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() { // want `TOS102: `
			http.Get(machines + id)
		})
	}
	wg.Wait()
}

func sleepPerGoroutine(ids []string) {
	for _, id := range ids {
		go func() { // want `TOS102: `
			time.Sleep(time.Second) // bounds one goroutine, not all of them
			http.Get(machines + id)
		}()
	}
}

func limiterPerGoroutine(ctx context.Context, ids []string) {
	for _, id := range ids {
		go func() { // want `TOS102: `
			lim := rate.NewLimiter(1, 1)
			lim.Wait(ctx)
			http.Get(machines + id)
		}()
	}
}

func fixedPool(jobs chan string) {
	for i := 0; i < 4; i++ {
		go func() { // quiet here: the worker's own loop is judged below
			for id := range jobs { // want `TOS101: loop calls the mde API`
				http.Get(machines + id)
			}
		}()
	}
}

func smallConstantFanOut() {
	for _, id := range []string{"a", "b", "c"} {
		go http.Get(machines + id)
	}
}

var tick = time.NewTicker(time.Second)

func sharedTicker(ids []string) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() { // every goroutine takes a tick of the one ticker
			defer wg.Done()
			<-tick.C
			http.Get(machines + id)
		}()
	}
	wg.Wait()
}

func tickerPerGoroutine(ids []string) {
	for _, id := range ids {
		go func() { // want `TOS102: `
			t := time.NewTicker(time.Second)
			<-t.C
			http.Get(machines + id)
		}()
	}
}

// Each goroutine waits on a timer of its own before its call: the pause,
// whatever its length, holds back one goroutine, not the others.
func timerPerGoroutine(ids []string, pause time.Duration) {
	for _, id := range ids {
		go func() { // want `TOS102: `
			<-time.After(pause)
			http.Get(machines + id)
		}()
	}
}

// Every goroutine takes a tick of one ticker made outside them, at an
// interval the caller chooses: the ticker paces them all, at a rate that
// cannot be checked.
func sharedTickerOfArgument(ids []string, every time.Duration) {
	t := time.NewTicker(every)
	for _, id := range ids {
		go func() { // want `TOS105: calls to the mde API .* are throttled by a ticker, but the rate is not a constant`
			<-t.C
			http.Get(machines + id)
		}()
	}
}

func semaphoreInside(ctx context.Context, ids []string) {
	sem := semaphore.NewWeighted(50)
	for _, id := range ids { // want `TOS101: loop starts goroutines that call the mde API .* the concurrency bound \(50 workers\) caps calls in flight`
		go func() {
			sem.Acquire(ctx, 1)
			defer sem.Release(1)
			http.Get(machines + id)
		}()
	}
}

func channelInside(ids []string) {
	sem := make(chan struct{}, 10)
	for _, id := range ids { // want `TOS101: loop starts goroutines .* \(10 workers\)`
		go func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			http.Get(machines + id)
		}()
	}
}

// withBackoff retries fn; its timer fires at once for the first attempt,
// so a call that succeeds is not delayed at all.
func withBackoff(fn func() error) error {
	t := time.NewTimer(0)
	for attempt := 0; attempt < 5; attempt++ {
		<-t.C
		if err := fn(); err == nil {
			return nil
		}
		t.Reset(time.Second)
	}
	return nil
}

func backoffPerItem(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API`
		withBackoff(func() error {
			_, err := http.Get(machines + id)
			return err
		})
	}
}

// fetchAll's own loop calls the API with no throttle: that loop is
// reported, once, and not again at each goroutine that runs it.
func fetchAll(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API`
		http.Get(machines + id)
	}
}

func perBatch(batches [][]string) {
	for _, b := range batches {
		go fetchAll(b)
	}
}

// Each goroutine first runs fetchAll, whose loop is reported there, then
// makes one call of its own after the shared limiter: that call is
// throttled for all the goroutines together.
func batchThenSummary(ctx context.Context, batches [][]string) {
	for _, b := range batches {
		go func() {
			fetchAll(b)
			if len(b) == 0 {
				return
			}
			shared.Wait(ctx)
			http.Get(machines + b[0])
		}()
	}
}

// Each goroutine waits on a limiter of its own and then on the shared
// one, at the same rate: the shared one paces them all, within the limit.
func ownThenShared(ctx context.Context, ids []string) {
	for _, id := range ids {
		go func() {
			own := rate.NewLimiter(rate.Every(time.Second), 1)
			own.Wait(ctx)
			shared.Wait(ctx)
			http.Get(machines + id)
		}()
	}
}

// Only the slow goroutines wait on the shared limiter; the others call
// at once, so the limiter does not pace the fan-out.
func sometimesShared(ctx context.Context, ids []string, slow bool) {
	for _, id := range ids {
		go func() { // want `TOS102: `
			if slow {
				shared.Wait(ctx)
			}
			http.Get(machines + id)
		}()
	}
}

var burst = rate.NewLimiter(1000, 1)

// Every goroutine waits on a fast shared limiter and then on the slow
// one: the slow one sets the pace, within the limit.
func fastThenSlow(ctx context.Context, ids []string) {
	for _, id := range ids {
		go func() {
			burst.Wait(ctx)
			shared.Wait(ctx)
			http.Get(machines + id)
		}()
	}
}

var (
	wide   = rate.NewLimiter(1, 61)
	steady = rate.NewLimiter(2, 1)
)

// Two shared limiters let the same 121 calls a minute through: the
// finding explains the first one waited on.
func twoEqualLimiters(ctx context.Context, ids []string) {
	for _, id := range ids {
		go func() { // want `TOS103: throttle lets up to 121 calls per minute through \(burst 61 \+ 1/s × 60s\)`
			wide.Wait(ctx)
			steady.Wait(ctx)
			http.Get(machines + id)
		}()
	}
}

// A channel made inside each goroutine is that goroutine's own: sending
// on it bounds nothing.
func channelPerGoroutine(ids []string) {
	for _, id := range ids {
		go func() { // want `TOS102: `
			sem := make(chan struct{}, 1)
			sem <- struct{}{}
			http.Get(machines + id)
		}()
	}
}
