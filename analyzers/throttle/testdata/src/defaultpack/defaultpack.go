// Package defaultpack is checked by the package-level Analyzer: the
// default pack, directives applied, messages without rule IDs.
package defaultpack

import "net/http"

func loop(ids []string) {
	//toslint:ignore TOS101 -- callers pass at most three ids
	for _, id := range ids {
		http.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
	for _, id := range ids { // want `^loop calls the mde API`
		http.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
}
