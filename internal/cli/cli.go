// Package cli implements the toslint command. Main is the whole program:
// cmd/toslint only wires os.Args, the standard streams and the exit code
// into it, and tests call it in-process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// Exit codes.
const (
	ExitOK       = 0 // nothing at or above the fail level
	ExitFindings = 1 // findings at or above the fail level
	ExitError    = 2 // usage, config, pack or load error
	// ExitInterrupted is the shell's code for a run ended by SIGINT: the
	// output holds the findings found before it, marked incomplete.
	ExitInterrupted = 130
)

// devVersion is reported when the binary carries no module version (built
// from a checkout).
const devVersion = "v0.1.0-dev"

// buildVersion is set at build time when the module version is not
// known, as the GitHub Action does with the ref it runs at:
// -ldflags "-X github.com/toslint/toslint/internal/cli.buildVersion=v0.1.0".
var buildVersion string

// Version returns toslint's version.
func Version() string {
	if buildVersion != "" {
		return buildVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return devVersion
}

const usage = `toslint checks Go code and docs against terms of use and content licenses.

Usage:

	toslint [check] [flags] [path | package pattern ...]   (default ./...)
	toslint rules [-format text|markdown|json]
	toslint rules explain ID|NAME ...
	toslint notices [-w] [package pattern ...]
	toslint pack init|check|diff ...   (rule packs from terms pages)
	toslint version

Run "toslint check -h" for the check flags. Exit status: 0 when nothing
reaches the fail level, 1 when something does, 2 for usage, config, pack or
load errors.
`

// Main runs toslint with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd, rest := "check", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "check", "rules", "notices", "pack", "version", "help":
			cmd, rest = args[0], args[1:]
		}
	}
	var err error
	switch cmd {
	case "check":
		var code int
		code, err = runCheck(ctx, rest, stdout, stderr)
		if err == nil {
			return code
		}
	case "rules":
		err = runRules(rest, stdout)
	case "pack":
		if code, perr := runPack(ctx, rest, stdout, stderr); perr == nil {
			return code
		} else {
			err = perr
		}
	case "notices":
		var code int
		code, err = runNotices(ctx, rest, stdout, stderr)
		if err == nil {
			return code
		}
	case "version":
		if len(rest) > 0 {
			err = usageError{err: fmt.Errorf("version takes no arguments")}
		} else {
			fmt.Fprintf(stdout, "toslint %s\n", Version())
		}
	case "help":
		fmt.Fprint(stdout, usage)
	}
	if err == nil {
		return ExitOK
	}
	var ue usageError
	isUsage := errors.As(err, &ue)
	if errors.Is(err, flag.ErrHelp) {
		if isUsage && ue.usage != "" {
			fmt.Fprint(stdout, ue.usage)
		}
		return ExitOK
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "toslint: interrupted before any result")
		return ExitInterrupted
	}
	fmt.Fprintf(stderr, "toslint: %v\n", err)
	if isUsage {
		text := ue.usage
		if text == "" {
			text = usage
		}
		fmt.Fprint(stderr, "\n"+text)
	}
	return ExitError
}

// usageError marks errors after which the usage text helps. usage, when
// set, is the subcommand's own usage.
type usageError struct {
	err   error
	usage string
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// parseFlags parses args with fs, which prints nothing itself: errors and
// -h come back as a usageError carrying the flag set's usage text.
func parseFlags(fs *flag.FlagSet, synopsis string, args []string) error {
	var b strings.Builder
	fs.SetOutput(&b)
	fs.Usage = func() {}
	err := fs.Parse(args)
	b.Reset()
	b.WriteString(synopsis + "\n\nFlags:\n")
	fs.PrintDefaults()
	if err != nil {
		return usageError{err: err, usage: b.String()}
	}
	return nil
}
