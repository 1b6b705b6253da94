package loops

import "net/http"

// Calls through variables and fields of function type reach what was
// stored in them.

var fetchOne = func(id string) {
	http.Get(base + "machines/" + id)
}

func callThroughValue(ids []string) {
	for _, id := range ids { // want "TOS101: loop calls the mde API"
		fetchOne(id)
	}
}

func fetchNamed(id string) { http.Get(base + "machines/" + id) }

func skipFetch(id string) {}

// step holds one of two functions, only one of which calls the API.
type worker struct{ step func(id string) }

var (
	online  = worker{step: fetchNamed}
	offline = worker{step: skipFetch}
)

func viaField(w worker, ids []string) {
	for _, id := range ids { // want "TOS101: loop may call the mde API"
		w.step(id)
	}
}

// noop's function value never reaches the API.
var noop = func(id string) {}

func viaQuietValue(ids []string) {
	for _, id := range ids {
		noop(id)
	}
}

// eachTimes calls f n times: a helper that loops over its argument.
func eachTimes(n int, f func()) {
	for i := 0; i < n; i++ {
		f()
	}
}

// plan returns both of eachTimes' arguments, so a call eachTimes(plan())
// has one argument expression for two parameters: the function it passes
// is out of sight.
func plan() (int, func()) {
	return 3, func() { http.Get(base + "machines/all") }
}

func fromPlan() {
	http.Get(base + "machines/health")
	eachTimes(plan())
}

// pingThenEach calls the API once, then f n times.
func pingThenEach(n int, f func()) {
	http.Get(base + "machines/ping")
	for i := 0; i < n; i++ {
		f()
	}
}

func pingFromPlan() {
	pingThenEach(plan())
}

// relay calls its own argument once, and eachTimes as above.
func relay(f func()) {
	eachTimes(plan())
	f()
}

func viaPlanInLoop(ids []string) {
	for range ids {
		eachTimes(plan())
	}
}

// getLabelled sends its second argument as the request URL.
func getLabelled(label, u string) { http.Get(u) }

// labelAndURL returns both of getLabelled's arguments: in
// getLabelled(labelAndURL()) the URL has no argument expression of its
// own, so it is out of sight (and must not be looked for past the one
// argument there is).
func labelAndURL() (string, string) { return "all", base + "machines/all" }

func fromLabelAndURL() {
	getLabelled(labelAndURL())
}
