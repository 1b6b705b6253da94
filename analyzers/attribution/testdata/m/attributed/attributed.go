// Package attributed embeds CC BY content with its attribution record.
package attributed

import "embed"

//go:embed docs
var Docs embed.FS
