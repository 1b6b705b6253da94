// Package mitcontent embeds MIT-licensed assets with no notice.
package mitcontent

import _ "embed"

//go:embed assets/icon.svg // want `TOS201: go:embed pulls in MIT content`
var Icon []byte
