// Copyright (c) 2018 Other Vendor Ltd

// Package vendored was copied from another project.
package vendored

// F does nothing.
func F() {}
