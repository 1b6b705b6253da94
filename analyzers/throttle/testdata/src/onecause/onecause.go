// Package onecause nests the same calls at several levels: each cause is
// reported once, at the innermost loop that makes the count unbounded.
package onecause

import (
	"context"
	"time"

	"github.com/google/go-github/v62/github"
)

func members(ctx context.Context, c *github.Client, team string, users []string) {
	for _, u := range users { // want `TOS101: loop calls the github API`
		c.Teams.RemoveTeamMembershipBySlug(ctx, "o", team, u)
	}
}

func teams(ctx context.Context, c *github.Client, ts map[string][]string) {
	for t, us := range ts { // reaches the API only through members' loop
		members(ctx, c, t, us)
	}
}

func queue(ctx context.Context, c *github.Client, jobs chan map[string][]string) {
	for j := range jobs {
		teams(ctx, c, j)
	}
}

func pool(ctx context.Context, c *github.Client, jobs chan map[string][]string) {
	for i := 0; i < 4; i++ {
		go queue(ctx, c, jobs)
	}
}

func twice(ctx context.Context, c *github.Client, users []string) {
	for i := 0; i < 2; i++ { // two passes over a loop judged where it is
		members(ctx, c, "t", users)
	}
}

// listAll follows the pages of one organization: exempt.
func listAll(ctx context.Context, c *github.Client, org string) {
	opt := &github.ListOptions{PerPage: 100}
	for {
		_, resp, err := c.Repositories.ListByOrg(ctx, org, opt)
		if err != nil || resp.NextPage == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
}

func everyOrg(ctx context.Context, c *github.Client, orgs []string) {
	for _, o := range orgs { // want `TOS101: loop calls the github API .* on every iteration`
		listAll(ctx, c, o) // each listing starts with a call of its own
	}
}

// find calls the API for the first match only.
func find(ctx context.Context, c *github.Client, names []string) {
	for _, n := range names {
		if n != "" {
			c.Repositories.Get(ctx, "o", n)
			return
		}
	}
}

func findAll(ctx context.Context, c *github.Client, groups [][]string) {
	for _, g := range groups { // want `TOS101: loop calls the github API`
		find(ctx, c, g)
	}
}

// forEach calls fn for every name with no pause.
func forEach(names []string, fn func(string) error) error {
	for _, n := range names {
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

// forEachPaced waits a second before each item.
func forEachPaced(names []string, fn func(string) error) {
	for _, n := range names {
		time.Sleep(time.Second)
		fn(n)
	}
}

func syncAll(ctx context.Context, c *github.Client, repos []string) error {
	return forEach(repos, func(r string) error { // want `TOS101: onecause.forEach calls this function on every iteration of its loop \(onecause.go:\d+\) with no throttle, and it calls the github API`
		_, _, err := c.Repositories.Get(ctx, "o", r)
		return err
	})
}

func syncPaced(ctx context.Context, c *github.Client, repos []string) {
	forEachPaced(repos, func(r string) error {
		_, _, err := c.Repositories.Get(ctx, "o", r)
		return err
	})
}

func syncLocal(repos []string) error {
	return forEach(repos, func(r string) error { return nil })
}
