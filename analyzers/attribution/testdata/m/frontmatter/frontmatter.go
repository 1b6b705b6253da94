// Package frontmatter embeds recipes whose front matter states their
// license.
package frontmatter

import _ "embed"

//go:embed recipes/shared.md // want `TOS201: go:embed pulls in CC-BY-4.0 content \(license: frontmatter/recipes/shared.md\) with no attribution record`
var Shared string

// The module's own license: nothing to attribute.
//
//go:embed recipes/house.md
var House string
