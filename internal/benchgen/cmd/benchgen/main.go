// Command benchgen writes a synthetic module for benchmarks:
//
//	go run ./internal/benchgen/cmd/benchgen -dir /tmp/bench -packages 200 -funcs 100
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/toslint/toslint/internal/benchgen"
)

func main() {
	dir := flag.String("dir", "", "directory to write the module to (created)")
	pkgs := flag.Int("packages", 200, "packages")
	funcs := flag.Int("funcs", 100, "functions per package")
	docs := flag.Int("docs", 0, "instead: write this many Markdown pages (docscan benchmarks)")
	clean := flag.Bool("clean", false, "with -docs: pages with no findings")
	headers := flag.Int("headers", 0, "instead: write a module of -packages packages with this many files each, a third with foreign copyright headers")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "benchgen: -dir is required")
		os.Exit(2)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
	if *docs > 0 {
		write := benchgen.WriteDocs
		if *clean {
			write = benchgen.WriteCleanDocs
		}
		if err := write(*dir, *docs); err != nil {
			fmt.Fprintln(os.Stderr, "benchgen:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %d pages to %s\n", *docs, *dir)
		return
	}
	if *headers > 0 {
		if err := benchgen.WriteHeaders(*dir, *pkgs, *headers, true); err != nil {
			fmt.Fprintln(os.Stderr, "benchgen:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %d packages, %d files to %s\n", *pkgs, *pkgs**headers, *dir)
		return
	}
	n, err := benchgen.Write(*dir, benchgen.Options{Packages: *pkgs, Funcs: *funcs})
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d packages, %d functions to %s\n", *pkgs, n, *dir)
}
