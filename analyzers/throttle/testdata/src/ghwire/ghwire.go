// want package:`converted\[\*github.com/google/go-github/v62/github.TeamsService\]`
// Package ghwire converts the SDK's service to the interface: the
// conversion the interface calls of other packages rely on.
package ghwire

import (
	"github.com/google/go-github/v62/github"

	"ghiface"
)

// TeamsOf returns the client's teams service behind the interface.
func TeamsOf(c *github.Client) ghiface.Teams { return c.Teams }
