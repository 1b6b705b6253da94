// Package reuse embeds files that REUSE.toml puts under CC BY 4.0.
package reuse

import _ "embed"

//go:embed assets/pic.txt // want `TOS201: go:embed pulls in CC-BY-4.0 content \(license: REUSE.toml\)`
var Pic string
