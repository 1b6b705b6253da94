// want package:`converted\[\*github.com/cenkalti/backoff/v4.ExponentialBackOff\]`
// Package caller calls the API through mdeclient.
package caller

import (
	"context"
	"iter"
	"net/http"

	"github.com/cenkalti/backoff/v4"
	"mdeclient"
)

func helperInLoop(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API .* on every iteration`
		mdeclient.Machine(id)
	}
}

func throttledHelper(ctx context.Context, ids []string) {
	for _, id := range ids {
		mdeclient.ThrottledMachine(ctx, id)
	}
}

func pauseHelper(ctx context.Context, ids []string) {
	for _, id := range ids {
		mdeclient.Pause(ctx)
		mdeclient.Machine(id)
	}
}

func closureToHelper(ids []string) {
	for _, id := range ids { // want `TOS101: `
		mdeclient.Guard("defender", func() error { return mdeclient.Machine(id) })
	}
}

func viaInterface(f mdeclient.Fetcher, ids []string) {
	for _, id := range ids { // want `TOS101: `
		f.Fetch(id)
	}
}

type local interface{ get(id string) }

type impl struct{}

func (impl) get(id string) { http.Get("https://api.security.microsoft.com/api/machines/" + id) }

func viaLocalInterface(l local, ids []string) {
	for _, id := range ids { // want `TOS101: `
		l.get(id)
	}
}

func backoffOnly(ids []string) {
	for _, id := range ids { // want `TOS104: loop calls the mde API .* with only reactive retry`
		backoff.Retry(func() error { return mdeclient.Machine(id) }, backoff.NewExponentialBackOff())
	}
}

func machines(ids []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, id := range ids {
			if !yield(id) {
				return
			}
		}
	}
}

func rangeOverFunc(ids []string) {
	for id := range machines(ids) { // want `TOS101: `
		mdeclient.Machine(id)
	}
}

func rangeOverFuncNoCall(ids []string) {
	n := 0
	for range machines(ids) {
		n++
	}
}

func pacedClient(ids []string) {
	c := mdeclient.NewClient()
	for _, id := range ids {
		c.Get("https://api.security.microsoft.com/api/machines/" + id)
	}
}

func perRegion(id string) {
	for _, r := range mdeclient.Regions() { // two regions
		http.Get("https://api.security.microsoft.com/api/machines/" + id + "?region=" + r)
	}
}

func viaAddressHelpers(ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API`
		http.Get(mdeclient.MachineURL(id))
	}
	for _, id := range ids { // want `TOS101: loop calls the mde API`
		u := mdeclient.MachineRef(id)
		http.Get(u.String())
	}
}
