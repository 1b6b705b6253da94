// Package cgoloop loops over the API in a file that uses cgo.
package cgoloop

// #include <stdlib.h>
import "C"

import "example.test/drivers/mde"

// Abs is a C call.
func Abs(n int) int { return int(C.abs(C.int(n))) }

// Each fetches every machine back to back.
func Each(ids []string) {
	for _, id := range ids {
		mde.Machine(id)
	}
}
