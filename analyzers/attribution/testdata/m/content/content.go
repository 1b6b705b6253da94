// Package content embeds docs under CC BY 4.0 with no attribution.
package content

import "embed"

//go:embed docs/*.md // want `TOS201: go:embed pulls in CC-BY-4.0 content \(license: content/docs/LICENSE\) with no attribution record`
var Docs embed.FS

//go:embed "docs/guide.md" // want `TOS201: `
var Guide string

//go:embed all:docs // want `TOS201: `
var All embed.FS
