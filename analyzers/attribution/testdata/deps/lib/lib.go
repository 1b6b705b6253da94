// Package lib uses the dependency too, but a library ships no binary.
package lib

import "example.test/dep"

// Greet says hello.
func Greet() { dep.Hello() }
