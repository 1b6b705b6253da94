package main_test

import (
	"os"
	"testing"
)

// TestMain turns the result cache off: these tests run toslint again and
// again on the same trees and compare its output, which a cache hit
// changes (the summary counts the packages it answered). The cache has
// its own tests, which set TOSLINT_CACHE themselves.
func TestMain(m *testing.M) {
	os.Setenv("TOSLINT_CACHE", "off")
	os.Exit(m.Run())
}
