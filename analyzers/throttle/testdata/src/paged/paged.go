// Package paged follows next links of two APIs: one whose terms count
// every page (pagination_counts), one whose terms do not.
package paged

import "net/http"

type page struct{ Next string }

func decode(resp *http.Response, p *page) {}

func counted() {
	next := "https://api.pages.test/items"
	for next != "" { // want `TOS101: loop calls the pages API`
		resp, _ := http.Get(next)
		var p page
		decode(resp, &p)
		next = p.Next
	}
}

func exempt() {
	next := "https://api.security.microsoft.com/api/machines"
	for next != "" { // pages of the mde API: exempt by its pack
		resp, _ := http.Get(next)
		var p page
		decode(resp, &p)
		next = p.Next
	}
}

func perItemCounted(ids []string) {
	for _, id := range ids { // the counted page loop inside is the cause
		next := "https://api.pages.test/items/" + id
		for next != "" { // want `TOS101: loop calls the pages API`
			resp, _ := http.Get(next)
			var p page
			decode(resp, &p)
			next = p.Next
		}
	}
}

// pagesOf follows the pages of one item: each page counts, so its loop is
// judged here.
func pagesOf(id string) {
	next := "https://api.pages.test/items/" + id
	for next != "" { // want `TOS101: loop calls the pages API`
		resp, _ := http.Get(next)
		var p page
		decode(resp, &p)
		next = p.Next
	}
}

func everyItem(ids []string) {
	for _, id := range ids { // the counted page loop in pagesOf is the cause, reported there
		pagesOf(id)
	}
}
