// Command toslint checks a Go repository against terms of use and content
// licenses: rate-limited API calls in Go code, attribution of reused code
// and content, license notices and trademark use in Markdown.
//
// Usage:
//
//	toslint [check] [flags] [path | package pattern ...]
//	toslint rules [explain ID|NAME]
//	toslint version
//
// See README.md for the flags, the configuration file and the rules.
//
// The first SIGINT or SIGTERM stops the run: toslint prints the findings
// found so far, marked incomplete, and exits 130. A second one exits at
// once.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/toslint/toslint/internal/cli"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		fmt.Fprintln(os.Stderr, "toslint: interrupted: stopping with the findings so far (interrupt again to quit at once)")
		cancel()
		<-sigs
		os.Exit(cli.ExitInterrupted)
	}()
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(code)
}
