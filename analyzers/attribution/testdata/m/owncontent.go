package m

import _ "embed"

// The module's own files are covered by its own license.
//
//go:embed go.mod
var GoMod string
