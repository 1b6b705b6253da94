package docscan

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/text"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/rules"
)

// corpus returns a real documentation tree for the corpus benchmarks: the
// MicrosoftDocs/PowerShell-Docs export under $TOSLINT_CORPORA (default
// /work/corpora), or skips. Nothing of it is committed.
func corpus(b *testing.B) string {
	root := os.Getenv("TOSLINT_CORPORA")
	if root == "" {
		root = "/work/corpora"
	}
	dir := filepath.Join(root, "MicrosoftDocs+PowerShell-Docs")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no corpus at %s (set TOSLINT_CORPORA): %v", dir, err)
	}
	return dir
}

// BenchmarkCorpus compares a whole scan of a real docs tree with a bare
// goldmark parse of the same Markdown files on as many workers (the floor
// of the issue 9 target: the scan at most 1.3× the parse). Use with
// -benchtime=3x; CPU seconds from scripts/bench-docs.sh are the figure
// that counts, this is for profiling (-cpuprofile).
func BenchmarkCorpus(b *testing.B) {
	dir := corpus(b)
	pol := defaultPolicy()
	if os.Getenv("BENCH_NO309") != "" {
		p, _ := rules.Embedded(rules.Default)
		pol = policy.New(policy.Options{Packs: []*policy.Pack{p}, Rules: map[string]policy.RuleSetting{"TOS309": {}}})
	}
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			if _, err := Scan(context.Background(), pol, Options{Root: dir}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		var files []string
		_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
			return nil
		})
		for b.Loop() {
			work := make(chan string)
			var wg sync.WaitGroup
			for range runtime.GOMAXPROCS(0) {
				wg.Go(func() {
					for f := range work {
						if src, err := os.ReadFile(f); err == nil {
							markdown.Parse(text.NewReader(src))
						}
					}
				})
			}
			for _, f := range files {
				work <- f
			}
			close(work)
			wg.Wait()
		}
	})
}
