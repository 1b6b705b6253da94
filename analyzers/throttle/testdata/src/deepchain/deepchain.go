// Package deepchain reaches the API through a long chain of calls: the
// related information keeps its ends.
package deepchain

import "net/http"

func f1(id string) { f2(id) }
func f2(id string) { f3(id) }
func f3(id string) { f4(id) }
func f4(id string) { f5(id) }
func f5(id string) { f6(id) }
func f6(id string) { http.Get("https://api.security.microsoft.com/api/machines/" + id) }

func loop(ids []string) {
	for _, id := range ids { // want `TOS101: `
		f1(id)
	}
}
