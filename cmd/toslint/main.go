// Command toslint checks a Go repository against terms of use and content
// licenses: rate-limited API calls in Go code, attribution of reused code
// and content, license notices and trademark use in Markdown.
//
// Usage:
//
//	toslint [check] [flags] [path | package pattern ...]
//	toslint rules [explain ID]
//	toslint version
//
// See README.md for the flags, the configuration file and the rules.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/toslint/toslint/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
