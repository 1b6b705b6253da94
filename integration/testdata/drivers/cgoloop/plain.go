package cgoloop

// Plain has no cgo, so the package has a file with cgo off too.
func Plain() {}
