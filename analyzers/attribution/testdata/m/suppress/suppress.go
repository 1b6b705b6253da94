// Package suppress holds findings suppressed with a reason.
package suppress

import "embed"

//toslint:ignore TOS203 -- the BSD-3-Clause text ships in the release archive
/* SPDX-License-Identifier: BSD-3-Clause */

// Pool keeps buffers.
func Pool() {
	//toslint:ignore TOS204 -- the author put this snippet in the public domain
	// Adapted from https://blog.example.test/posts/pool
}

//toslint:ignore TOS201 -- the attribution is shown on the about page
//go:embed docs
var Docs embed.FS
