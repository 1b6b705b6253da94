// Command mdparse is the floor of the document benchmark: it reads every
// Markdown file under a directory and parses it with goldmark (the same
// extensions as docscan), doing nothing else, on all CPUs.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mdparse DIR")
		os.Exit(2)
	}
	var files []string
	filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList)).Parser()
	work := make(chan string)
	var wg sync.WaitGroup
	nodes := make([]int, runtime.GOMAXPROCS(0))
	for w := range nodes {
		wg.Go(func() {
			for f := range work {
				src, err := os.ReadFile(f)
				if err != nil {
					continue
				}
				doc := md.Parse(text.NewReader(src))
				nodes[w] += doc.ChildCount()
			}
		})
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	fmt.Println(len(files), "files")
}
