// Package sync calls the Defender for Endpoint API.
package sync

import "net/http"

const api = "https://api.security.microsoft.com/api/machines/"

// All fetches every machine with no throttle.
func All(ids []string) {
	for _, id := range ids {
		http.Get(api + id)
	}
}

// Fan starts a goroutine per machine.
func Fan(ids []string) {
	for _, id := range ids {
		go http.Get(api + id)
	}
}

// Reviewed is suppressed with golangci-lint's own directive.
func Reviewed(ids []string) {
	for _, id := range ids { //nolint:toslint // at most three ids, reviewed
		http.Get(api + id)
	}
}
