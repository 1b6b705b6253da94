// Package suppressed has a loop suppressed with a directive.
package suppressed

import "net/http"

func loop(ids []string) {
	//toslint:ignore TOS101 -- callers pass at most three ids
	for _, id := range ids {
		http.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
	for _, id := range ids { //toslint:ignore TOS102 -- the wrong rule suppresses nothing // want `TOS101: `
		http.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
}
