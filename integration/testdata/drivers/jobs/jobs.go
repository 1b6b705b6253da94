// Package jobs calls the API through the wrapper in several ways.
package jobs

import (
	"time"

	"example.test/drivers/mde"
)

// Sync fetches every machine back to back.
func Sync(ids []string) {
	for _, id := range ids {
		mde.Machine(id)
	}
}

// Spread starts one goroutine per machine.
func Spread(ids []string) {
	for _, id := range ids {
		go mde.Machine(id)
	}
}

// Paced waits a second before each call: within the limit.
func Paced(ids []string) {
	for _, id := range ids {
		time.Sleep(time.Second)
		mde.Machine(id)
	}
}

// Reviewed is suppressed with toslint's own directive.
func Reviewed(ids []string) {
	//toslint:ignore TOS101 -- the list holds two ids at most
	for _, id := range ids {
		mde.Machine(id)
	}
}
