// Package ghiface declares the interface a service keeps its GitHub
// client behind.
package ghiface

import (
	"context"

	"github.com/google/go-github/v62/github"
)

// Teams is the part of the teams API the service uses.
type Teams interface {
	RemoveTeamMembershipBySlug(ctx context.Context, org, slug, user string) (*github.Response, error)
}
