package throttled

import (
	"net/http"
	"time"
)

const base = "https://api.security.microsoft.com/api/"

// All calls the API once per id with no throttle.
func All(ids []string) { // want All:"api\\(mde×0\\+inner\\)"
	for _, id := range ids { // want `^TOS101: loop calls the mde API`
		http.Get(base + "machines/" + id)
	}
}

// Paced waits a second before each call: 60 calls a minute, within 100.
func Paced(ids []string) { // want Paced:"api\\(mde×0\\+inner\\)"
	for _, id := range ids {
		time.Sleep(time.Second)
		http.Get(base + "machines/" + id)
	}
}

// Few is suppressed with a reason.
func Few(ids []string) { // want Few:"api\\(mde×0\\+inner\\)"
	//toslint:ignore TOS101 -- at most three ids, checked by the caller
	for _, id := range ids {
		http.Get(base + "machines/" + id)
	}
}

// Other calls a host no pack governs.
func Other(ids []string) {
	for _, id := range ids {
		http.Get("https://example.test/items/" + id)
	}
}
