// Package prov holds code taken from elsewhere.
package prov

// Adapted from https://stackoverflow.com/a/1234567 // want `TOS204: code taken from https://stackoverflow.com/a/1234567 is .* \(2.5 for posts before 2011-04-08, 3.0 until 2018-05-02, 4.0 after\)`
func Reverse(s string) string { return s }

// Based on https://blog.example.test/posts/retry // want `TOS204: code taken from https://blog.example.test/posts/retry has no`
func Retry() {}

// Based on https://blog.example.test/posts/backoff by Jane Roe, MIT licensed.
func Backoff() {}

// Copied from https://listed.example.test/snippet
func Listed() {}

// A single value is a fact, not code.
//
// Adapted from https://numbers.example.test/notes/rounding
const roundingBias = 0.5
