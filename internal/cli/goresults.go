package cli

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/toslint/toslint/internal/directive"
	"github.com/toslint/toslint/internal/load"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/resultcache"
)

// results is the result cache as one check of Go packages uses it.
type results struct {
	cache *resultcache.Cache
	keys  *resultcache.KeySet         // by import path: the roots that may be stored
	hits  map[string][]report.Finding // by import path: the roots found in the cache
	// settled is false when a file of the module changed within the
	// last two seconds: what is found is not stored (see resultcache.Tree).
	settled bool
}

// lookUp returns the cached findings of a root package (r may be nil).
func (r *results) lookUp(path string) ([]report.Finding, bool) {
	if r == nil {
		return nil, false
	}
	fs, ok := r.hits[path]
	return fs, ok
}

// cacheEnv are the environment variables the analyzers read.
var cacheEnv = []string{"GOMODCACHE", "GOPATH", "HOME"}

// openResults opens the result cache and looks up the planned roots. It
// returns nil when the cache is off or cannot be used (a note says why).
func openResults(listing *load.Listing, pol *policy.Policy, analyzers []*analysis.Analyzer, modRoot string, res *goResult) *results {
	if len(analyzers) == 0 {
		return nil
	}
	env := listing.Env()
	dir := resultcache.Dir(env.GOCACHE)
	if dir == "" {
		return nil
	}
	r, err := lookUp(dir, listing, pol, analyzers, modRoot)
	if err != nil {
		res.notes = append(res.notes, fmt.Sprintf("the result cache is not used (every package is analysed): %v", err))
		return nil
	}
	return r
}

func lookUp(dir string, listing *load.Listing, pol *policy.Policy, analyzers []*analysis.Analyzer, modRoot string) (*results, error) {
	c, err := resultcache.Open(dir)
	if err != nil {
		return nil, err
	}
	tool, err := resultcache.Executable()
	if err != nil {
		return nil, err
	}
	fp, err := pol.Fingerprint()
	if err != nil {
		return nil, err
	}
	pkgs := listing.Packages()
	pkgDirs := map[string]bool{}
	for _, p := range pkgs {
		if p.Root {
			pkgDirs[p.Dir] = true
		}
	}
	tree, settled, err := resultcache.Tree(modRoot, pkgDirs)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, a := range analyzers {
		names = append(names, a.Name)
	}
	run := resultcache.Run{Tool: tool, Policy: fp, Analyzers: names, Env: listing.Env(), Getenv: cacheEnv, Module: modRoot, Tree: tree}
	ks, err := resultcache.Keys(run, pkgs)
	if err != nil {
		return nil, err
	}
	// The tree fingerprinted is modRoot's: a package of another module
	// (an import path pattern naming one) is always analysed.
	for _, p := range pkgs {
		if _, ok := ks.Keys[p.ImportPath]; ok && !within(modRoot, p.Dir) {
			delete(ks.Keys, p.ImportPath)
		}
	}
	r := &results{cache: c, keys: ks, hits: map[string][]report.Finding{}, settled: settled && ks.Settled}
	for path, k := range ks.Keys {
		if fs, ok := c.Get(k); ok {
			r.hits[path] = fs
		}
	}
	return r, nil
}

// store keeps the findings of the packages analysed in this run.
func (r *results) store(fresh map[string][]report.Finding, res *goResult) {
	if !r.settled || !r.keys.Unchanged() {
		return
	}
	for path, fs := range fresh {
		k, ok := r.keys.Keys[path]
		if !ok {
			continue
		}
		if err := r.cache.Put(k, fs); err != nil {
			res.notes = append(res.notes, fmt.Sprintf("the result cache is not written: %v", err))
			return
		}
	}
	if _, err := r.cache.Trim(); err != nil {
		res.notes = append(res.notes, fmt.Sprintf("the result cache is not trimmed: %v", err))
	}
}

// readDirectives reads the directives of the Go files of a package whose
// findings come from the cache. Only files that mention toslint are
// parsed.
func readDirectives(set *directive.Set, files []string, read, judged map[string]bool) {
	for _, name := range files {
		if read[name] {
			continue
		}
		read[name] = true
		judged[name] = true // unused directives are judged: the analyzers ran on it
		data, err := os.ReadFile(name)
		if err != nil || !bytes.Contains(data, []byte("toslint")) {
			continue
		}
		fset := token.NewFileSet()
		if f, err := parser.ParseFile(fset, name, data, parser.ParseComments|parser.SkipObjectResolution); err == nil {
			directive.GoFile(set, fset, f, name)
		}
	}
}
