package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/toslint/toslint/internal/packinit"
	"github.com/toslint/toslint/internal/packreview"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/rules"
)

const packUsage = `Usage:

	toslint pack init [-name NAME] [-o FILE] [-host HOST] [-force] TERMS.md [MORE.md ...]
	toslint pack check PACK
	toslint pack diff OLD NEW

pack init reads terms-of-use pages (Markdown) and writes a rule pack: the
rate limits, the docs and code licenses, the trademark owner and marks, the
notices and the API hosts, each with the line it was read from. What the
pages do not say is left as TODO(review) comments.

pack check loads a pack, says what it enforces and lists the review items
left in it; it exits 1 while any are left.

pack diff says what changes in enforcement from OLD to NEW (a limit lowered,
a mark added, a product renamed); it exits 1 when something does.

PACK, OLD and NEW are pack files or names of embedded packs; a .md file is
read as terms with pack init first.
`

// runPack implements `toslint pack init|check|diff`.
func runPack(_ context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 {
		return 0, usageError{err: errors.New("pack needs a subcommand: init, check or diff"), usage: packUsage}
	}
	switch args[0] {
	case "init":
		return packInit(args[1:], stdout, stderr)
	case "check":
		return packCheck(args[1:], stdout)
	case "diff":
		return packDiff(args[1:], stdout)
	case "help", "-h", "-help", "--help":
		return 0, usageError{err: flag.ErrHelp, usage: packUsage}
	}
	return 0, usageError{err: fmt.Errorf("unknown pack subcommand %q (want init, check or diff)", args[0]), usage: packUsage}
}

// hostList collects repeated -host flags.
type hostList []string

func (h *hostList) String() string     { return strings.Join(*h, ",") }
func (h *hostList) Set(v string) error { *h = append(*h, v); return nil }

var packNameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func packInit(args []string, stdout, stderr io.Writer) (int, error) {
	fset := flag.NewFlagSet("pack init", flag.ContinueOnError)
	name := fset.String("name", "", "pack name, lowercase words joined by hyphens (default: from the page title)")
	out := fset.String("o", "", "write the pack to this file (default: standard output)")
	force := fset.Bool("force", false, "overwrite the -o file if it exists")
	var hosts hostList
	fset.Var(&hosts, "host", "an API host the pages do not name (repeatable)")
	if err := parseFlags(fset, "Usage: toslint pack init [-name NAME] [-o FILE] [-host HOST] [-force] TERMS.md [MORE.md ...]", args); err != nil {
		return 0, err
	}
	files := fset.Args()
	if len(files) == 0 {
		return 0, usageError{err: errors.New("pack init needs at least one terms page (Markdown)"), usage: packUsage}
	}
	if *name != "" && !packNameRE.MatchString(*name) {
		return 0, usageError{err: fmt.Errorf("-name %q: use lowercase words joined by hyphens, such as acme-cloud", *name), usage: packUsage}
	}
	var pages []packinit.Page
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return 0, fmt.Errorf("reading terms: %w", err)
		}
		pages = append(pages, packinit.Page{Name: filepath.ToSlash(f), Src: src})
	}
	d, err := packinit.Extract(pages, packinit.Options{Name: *name, Hosts: hosts})
	if errors.Is(err, packinit.ErrNothing) {
		return 0, fmt.Errorf("%s: %w; is it a terms-of-use page?", strings.Join(files, ", "), err)
	} else if err != nil {
		return 0, err
	}
	var b bytes.Buffer
	if err := d.WriteYAML(&b); err != nil {
		return 0, err
	}
	if _, err := rules.Parse("generated pack", b.Bytes()); err != nil {
		return 0, fmt.Errorf("internal error: the generated pack does not load (please report it): %w", err)
	}
	dest := "standard output"
	if *out == "" {
		if _, err := stdout.Write(b.Bytes()); err != nil {
			return 0, err
		}
	} else {
		if _, err := os.Stat(*out); err == nil && !*force {
			return 0, fmt.Errorf("%s exists: use -force to overwrite it, or write elsewhere and compare with toslint pack diff", *out)
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
		if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
			return 0, fmt.Errorf("writing pack: %w", err)
		}
		if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
			return 0, fmt.Errorf("writing pack: %w", err)
		}
		dest = *out
	}
	limits, nhosts, marks, notices := d.Count()
	fmt.Fprintf(stderr, "toslint: wrote %s to %s: %s, %s, %s, %s\n", d.Name.Value, dest,
		count(limits, "limit"), count(nhosts, "API host"), count(marks, "mark"), count(notices, "notice"))
	if limits > 0 && nhosts == 0 {
		fmt.Fprintln(stderr, "toslint: the pages name no API host, so the limits stay commented out: add the hosts (or rerun with -host HOST)")
	}
	items := packreview.ReviewItems(b.Bytes())
	if *out != "" {
		if len(items) > 0 {
			fmt.Fprintf(stderr, "toslint: %s to review: run `toslint pack check %s`\n", count(len(items), "item"), *out)
		}
		fmt.Fprintf(stderr, "toslint: to use it, list it in .toslint.yml under packs: `- path: %s`\n", filepath.ToSlash(*out))
	} else if len(items) > 0 {
		fmt.Fprintf(stderr, "toslint: %s to review (comments marked TODO(review), review: or guessed:)\n", count(len(items), "item"))
	}
	return ExitOK, nil
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// loadPackArg loads a pack named on the command line: a file, an embedded
// pack's name, or a terms page (.md) read with pack init. It also returns
// the file's bytes, for review markers.
func loadPackArg(arg string) (*policy.Pack, []byte, error) {
	data, err := os.ReadFile(arg)
	switch {
	case err == nil && (strings.HasSuffix(arg, ".md") || strings.HasSuffix(arg, ".markdown")):
		d, err := packinit.Extract([]packinit.Page{{Name: filepath.ToSlash(arg), Src: data}}, packinit.Options{})
		if err != nil {
			return nil, nil, fmt.Errorf("reading terms %s: %w", arg, err)
		}
		var b bytes.Buffer
		if err := d.WriteYAML(&b); err != nil {
			return nil, nil, err
		}
		p, err := rules.Parse(arg, b.Bytes())
		return p, b.Bytes(), err
	case err == nil:
		p, err := rules.Parse(arg, data)
		return p, data, err
	case errors.Is(err, fs.ErrNotExist) && slices.Contains(rules.Names(), arg):
		p, err := rules.Embedded(arg)
		return p, nil, err
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Errorf("%s: no such file, and no embedded pack has that name (embedded: %s)", arg, strings.Join(rules.Names(), ", "))
	}
	return nil, nil, fmt.Errorf("reading pack: %w", err)
}

func packCheck(args []string, stdout io.Writer) (int, error) {
	fset := flag.NewFlagSet("pack check", flag.ContinueOnError)
	if err := parseFlags(fset, "Usage: toslint pack check PACK", args); err != nil {
		return 0, err
	}
	if fset.NArg() != 1 {
		return 0, usageError{err: errors.New("pack check takes one pack (a file or an embedded pack's name)"), usage: packUsage}
	}
	arg := fset.Arg(0)
	p, data, err := loadPackArg(arg)
	if err != nil {
		return 0, err
	}
	packreview.Describe(stdout, p)
	items := packreview.ReviewItems(data)
	if len(items) == 0 {
		fmt.Fprintln(stdout, "\nNo review items left.")
		return ExitOK, nil
	}
	fmt.Fprintf(stdout, "\nReview items left (%d):\n", len(items))
	for _, it := range items {
		fmt.Fprintf(stdout, "  %s:%d: %s\n", arg, it.Line, it.Text)
	}
	fmt.Fprintf(stdout, "\n%s left: check each value against the terms, edit it, delete the marker, and run pack check again.\n", count(len(items), "review item"))
	return ExitFindings, nil
}

func packDiff(args []string, stdout io.Writer) (int, error) {
	fset := flag.NewFlagSet("pack diff", flag.ContinueOnError)
	if err := parseFlags(fset, "Usage: toslint pack diff OLD NEW", args); err != nil {
		return 0, err
	}
	if fset.NArg() != 2 {
		return 0, usageError{err: errors.New("pack diff takes two packs: OLD NEW"), usage: packUsage}
	}
	old, _, err := loadPackArg(fset.Arg(0))
	if err != nil {
		return 0, err
	}
	nw, _, err := loadPackArg(fset.Arg(1))
	if err != nil {
		return 0, err
	}
	changes := packreview.Diff(old, nw)
	for _, c := range changes {
		fmt.Fprintln(stdout, c)
	}
	if len(changes) == 0 {
		fmt.Fprintln(stdout, "no change in enforcement")
		return ExitOK, nil
	}
	fmt.Fprintf(stdout, "%s in enforcement from %s to %s\n", count(len(changes), "change"), fset.Arg(0), fset.Arg(1))
	return ExitFindings, nil
}
