package toslint_test

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/toslint/toslint"

type listedPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Standard   bool
}

// TestDependencyDirection enforces DESIGN.md §1: dependencies flow one
// way. Analyzers never reach goldmark, the YAML library directly, or
// docscan; docscan never reaches go/analysis; the core packages stay small.
func TestDependencyDirection(t *testing.T) {
	touchSources(t)
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports,Deps,Standard", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]listedPackage{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	const (
		goldmark  = "github.com/yuin/goldmark"
		yaml      = "go.yaml.in/yaml/v3"
		analysis  = "golang.org/x/tools/go/analysis"
		docscan   = module + "/docscan"
		detector  = "github.com/go-enry/go-license-detector"
		cliPkg    = module + "/internal/cli"
		suitePkg  = module + "/analyzers/suite"
		configPkg = module + "/internal/config"
	)
	type rule struct {
		pkgPrefix string
		forbid    []string // prefixes of forbidden transitive deps
		direct    []string // prefixes of forbidden direct imports
		stdOnly   bool     // only the standard library and these allowed module packages
		allow     []string
	}
	rules := []rule{
		{pkgPrefix: module + "/analyzers/", forbid: []string{goldmark, docscan, detector, cliPkg}, direct: []string{yaml, configPkg}},
		{pkgPrefix: module + "/plugin", forbid: []string{goldmark, docscan, detector, cliPkg}},
		{pkgPrefix: docscan, forbid: []string{analysis, suitePkg, cliPkg}},
		{pkgPrefix: module + "/internal/rule", stdOnly: true},
		{pkgPrefix: module + "/internal/directive", stdOnly: true, allow: []string{module + "/internal/rule"}},
		{pkgPrefix: module + "/internal/policy", stdOnly: true, allow: []string{module + "/internal/rule", "github.com/bmatcuk/doublestar/v4"}},
		{pkgPrefix: module + "/internal/report", stdOnly: true, allow: []string{module + "/internal/rule"}},
		{pkgPrefix: module + "/rules", forbid: []string{goldmark, analysis, docscan}},
		// go-license-detector costs half a second at every start: only its
		// helper program may link it.
		{pkgPrefix: cliPkg, forbid: []string{detector}},
		{pkgPrefix: module + "/cmd/toslint", forbid: []string{detector}},
		{pkgPrefix: configPkg, forbid: []string{goldmark, analysis, docscan}},
		// pack init reads Markdown through docscan's parser and never
		// reaches the analyzers; pack check and diff work on the policy
		// types alone.
		{pkgPrefix: module + "/internal/packinit", forbid: []string{analysis, suitePkg, cliPkg, detector}},
		{pkgPrefix: module + "/internal/packreview", stdOnly: true, allow: []string{module + "/internal/policy", module + "/internal/rule", "github.com/bmatcuk/doublestar/v4"}},
	}
	checked := 0
	for path, p := range pkgs {
		for _, r := range rules {
			if path != r.pkgPrefix && !strings.HasPrefix(path, strings.TrimSuffix(r.pkgPrefix, "/")+"/") {
				continue
			}
			checked++
			for _, d := range p.Deps {
				if hasAnyPrefix(d, r.forbid) {
					t.Errorf("%s depends on %s (forbidden by DESIGN.md §1)", path, d)
				}
				if r.stdOnly && !isStd(pkgs, d) && !slices.Contains(r.allow, d) && !strings.HasPrefix(d, "internal/") && !strings.HasPrefix(d, "vendor/") {
					t.Errorf("%s depends on %s; it may use only the standard library and %v", path, d, r.allow)
				}
			}
			for _, d := range p.Imports {
				if hasAnyPrefix(d, r.direct) {
					t.Errorf("%s imports %s directly (forbidden by DESIGN.md §1)", path, d)
				}
			}
		}
	}
	if checked < 6 {
		t.Errorf("only %d packages checked: the rules no longer match the layout", checked)
	}
	// Only the CLI sees both the analyzers and docscan.
	for path, p := range pkgs {
		if path == cliPkg || !strings.HasPrefix(path, module) {
			continue
		}
		if slices.Contains(p.Deps, docscan) && slices.Contains(p.Deps, suitePkg) && path != module+"/cmd/toslint" {
			t.Errorf("%s reaches both docscan and the analyzer suite; only internal/cli may", path)
		}
	}
}

// touchSources opens every Go file and go.mod, so that go test's cache
// (which records the files a test opens, not what a subprocess reads)
// reruns this test when an import changes.
func touchSources(t *testing.T) {
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != "." {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".go") || p == "go.mod") {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			f.Close()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if s == p || strings.HasPrefix(s, p+"/") {
			return true
		}
	}
	return false
}

func isStd(pkgs map[string]listedPackage, path string) bool {
	if p, ok := pkgs[path]; ok {
		return p.Standard
	}
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
