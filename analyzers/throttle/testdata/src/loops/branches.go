package loops

import (
	"context"
	"net/http"
	"time"
)

// Calls that sit in an else branch, in a select case's communication, or
// in an inner loop's init statement run once per iteration of the loop
// around them, as a call in its body does.

func machine(id string) int {
	resp, err := http.Get(base + "machines/" + id)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return 1
}

// --- Quiet: the call is outside the loop. ---

func elseOutside(ids []string, cached bool) {
	if cached {
		return
	} else {
		machine("all")
	}
	for range ids {
	}
}

// A ticker paces the calls a select makes: one a second.
func selectPaced(ids []string, out chan int) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for _, id := range ids {
		<-tick.C
		select {
		case out <- machine(id):
		default:
		}
	}
}

// --- Hits. ---

func inElse(ids []string, cached map[string]bool) {
	for _, id := range ids { // want "TOS101: loop calls the mde API"
		if cached[id] {
			continue
		} else {
			machine(id)
		}
	}
}

func inSelectSend(ids []string, out chan int, done chan struct{}) {
	for _, id := range ids { // want "TOS101: loop calls the mde API"
		select {
		case out <- machine(id):
		case <-done:
			return
		}
	}
}

func inSelectSendOrSkip(ids []string, out chan int) {
	for _, id := range ids { // want "TOS101: loop calls the mde API"
		select {
		case out <- machine(id):
		default:
		}
	}
}

func inInnerInit(ids []string) {
	for _, id := range ids { // want "TOS101: loop calls the mde API"
		for n := machine(id); n > 0; n-- {
		}
	}
}

// forEach calls fn once per id, with no pause of its own.
func forEach(ids []string, fn func(string)) {
	for _, id := range ids {
		fn(id)
	}
}

// Quiet: the function passed waits on the shared limiter before its call.
func eachPaced(ids []string) {
	forEach(ids, func(id string) {
		limiter.Wait(context.Background())
		machine(id)
	})
}

// Hit: the function passed calls the API with no pause.
func eachUnpaced(ids []string) {
	forEach(ids, func(id string) { machine(id) }) // want "TOS101"
}

// Reactive only: the function passed backs off after a 429 but never
// paces its calls.
func eachReactive(ids []string) {
	forEach(ids, func(id string) { // want "TOS104"
		resp, err := http.Get(base + "machines/" + id)
		if err == nil && resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(time.Second)
		}
	})
}

// One cause, one finding: the helper's loop is reported at its call, and
// the loop around the call is not reported for it again.
func eachInLoop(groups [][]string) {
	for _, ids := range groups {
		forEach(ids, func(id string) { machine(id) }) // want "TOS101"
	}
}

// firstListed calls the API for the first non-empty id only: the loop is
// left after that call.
func firstListed(ids []string) {
	for _, id := range ids {
		if id != "" {
			machine(id)
			break
		}
	}
}

func firstOfEach(groups [][]string) {
	for _, ids := range groups { // want "TOS101: loop calls the mde API"
		firstListed(ids)
	}
}

// firstListedTwice calls the API twice for the first non-empty id.
func firstListedTwice(ids []string) {
	for _, id := range ids {
		if id != "" {
			for range 2 {
				machine(id)
			}
			break
		}
	}
}

func firstOfEachTwice(groups [][]string) {
	for _, ids := range groups { // want "TOS101: loop calls the mde API"
		firstListedTwice(ids)
	}
}

// getEither fetches primary and, when that fails, fallback: both
// parameters are request URLs.
func getEither(primary, fallback string) {
	if _, err := http.Get(primary); err != nil {
		http.Get(fallback)
	}
}

// The API's URL is the fallback, the second argument.
func mirrorFirst(ids []string) {
	for _, id := range ids { // want "TOS101: loop calls the mde API"
		getEither("https://mirror.example.test/machines/"+id, base+"machines/"+id)
	}
}

// firstThenRest calls fn for the first id on its own, then for each of
// the others in a loop with no pause.
func firstThenRest(ids []string, fn func(string)) {
	if len(ids) == 0 {
		return
	}
	fn(ids[0])
	for _, id := range ids[1:] {
		fn(id)
	}
}

// The loop in firstThenRest repeats the API call, though its first call
// is outside the loop.
func eachFirstThenRest(ids []string) {
	firstThenRest(ids, func(id string) { machine(id) }) // want `TOS101: loops.firstThenRest calls this function on every iteration of its loop \(branches.go:\d+\)`
}
