// Copyright 2021 Someone Else Ltd. All rights reserved.

// Package dep stands in for a third-party module. Its own header is its
// authors' business: toslint does not judge dependencies.
package dep

// Hello does nothing.
func Hello() {}
