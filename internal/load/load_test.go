package load_test

import (
	"context"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"

	"github.com/toslint/toslint/internal/load"
)

// fixture is a module that uses what the loader must get right: a local
// dependency module (loaded by declarations: its bodies, full of things
// that would not type-check, must not matter), generics, methods through
// embedding, package-level initializers with function literals, constants
// computed from arrays, and build constraints.
const fixture = `
-- go.mod --
module example.test/app

go 1.22

require example.test/dep v0.0.0

replace example.test/dep => ./dep
-- dep/go.mod --
module example.test/dep

go 1.22
-- dep/dep.go --
package dep

import (
	"sort"
	"strings"
)

// Client reaches a service.
type Client struct {
	base
	Name string
}

type base struct{ calls int }

// Do is promoted to Client.
func (b *base) Do(path string) (int, error) {
	var neverChecked undefinedType = strings.ToUpper(path)
	return len(neverChecked), nil
}

// Pair is generic.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// Sorted returns the keys of m in order.
func Sorted[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

// Hook is set by an initializer with a function literal.
var Hook = func(n int) string { return undefinedCall(n) }

// Widths has a length computed from an array literal.
const Widths = len([...]int{1, 2, 3})

// Table is a composite literal of funcs.
var Table = [...]func() int{func() int { return 1 }, func() int { return 2 }}

// Sizer is an interface with an unexported method (a sealed set).
type Sizer interface{ size() int }

// Small is one of the sealed set.
type Small struct{}

func (Small) size() int { return 1 }
-- dep/linux.go --
//go:build linux

package dep

// OnLinux is declared on Linux only.
const OnLinux = true
-- app/app.go --
package app

import (
	"fmt"

	"example.test/dep"
)

// Run uses the dependency's API.
func Run(c *dep.Client, m map[string]int) string {
	n, _ := c.Do("x")
	var s dep.Sizer = dep.Small{}
	_ = s
	p := dep.Pair[string, int]{Key: "a", Val: n}
	keys := dep.Sorted(m)
	var widths [dep.Widths]int
	return fmt.Sprint(p, keys, widths, len(dep.Table), dep.Hook(1), dep.OnLinux)
}
-- app/util/util.go --
package util

import "example.test/app/app"

// Twice calls Run twice.
func Twice() { app.Run(nil, nil); app.Run(nil, nil) }
`

// writeModule writes a txtar archive's files under a new directory.
func writeModule(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// env is the go command's environment for the tests: no network.
func env() []string { return append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod") }

// TestMatchesGoPackages compares the loader with go/packages loading
// everything from source: the same packages, and the same objects with
// the same types, in the analysed packages and in every dependency.
func TestMatchesGoPackages(t *testing.T) {
	dir := writeModule(t, fixture)
	want, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir, Env: env()}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	wantScopes := scopes(want)
	modes, jobsList := []bool{true, false}, []int{1, 4}
	if testing.Short() {
		modes, jobsList = modes[:1], jobsList[1:]
	}
	for _, noExport := range modes {
		for _, jobs := range jobsList {
			res, err := load.Load(context.Background(), &load.Config{Dir: dir, Env: env(), Jobs: jobs, NoExportData: noExport}, "./...")
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range res.Roots {
				ids = append(ids, p.ID)
				if len(p.Errors) > 0 {
					t.Errorf("%s: %v", p.ID, p.Errors)
				}
				if len(p.Syntax) == 0 || p.TypesInfo == nil || len(p.TypesInfo.Uses) == 0 {
					t.Errorf("%s: analysed package without syntax or type information", p.ID)
				}
			}
			slices.Sort(ids)
			if want := []string{"example.test/app/app", "example.test/app/app/util"}; !slices.Equal(ids, want) {
				t.Errorf("roots %v, want %v", ids, want)
			}
			got := scopes(res.Roots)
			for path, w := range wantScopes {
				if g, ok := got[path]; !ok {
					t.Errorf("noExport=%v: package %s not loaded", noExport, path)
				} else if g != w && (noExport || isModule(path)) {
					// Export data holds only what other packages can
					// see, so standard packages are compared from source.
					t.Errorf("noExport=%v jobs=%d: package %s differs:\n--- go/packages\n%s\n--- load\n%s", noExport, jobs, path, w, g)
				}
			}
			dep := findPackage(res.Roots, "example.test/dep")
			if dep == nil || dep.Syntax != nil || dep.TypesInfo != nil {
				t.Errorf("the dependency kept its syntax or type information")
			}
		}
	}
}

func isModule(path string) bool { return strings.HasPrefix(path, "example.test/") }

// scopes renders each package's exported objects (all objects for the
// module's own packages) with their types, one a line.
func scopes(roots []*packages.Package) map[string]string {
	out := map[string]string{}
	packages.Visit(roots, nil, func(p *packages.Package) {
		if p.Types == nil {
			return
		}
		var lines []string
		s := p.Types.Scope()
		for _, name := range s.Names() {
			obj := s.Lookup(name)
			if !obj.Exported() && !isModule(p.PkgPath) {
				continue
			}
			line := types.ObjectString(obj, nil)
			if tn, ok := obj.(*types.TypeName); ok {
				for m := range types.NewMethodSet(types.NewPointer(tn.Type())).Methods() {
					line += "\n\t" + m.String()
				}
			}
			lines = append(lines, line)
		}
		out[p.PkgPath] = strings.Join(lines, "\n")
	})
	return out
}

func findPackage(roots []*packages.Package, path string) *packages.Package {
	var found *packages.Package
	packages.Visit(roots, nil, func(p *packages.Package) {
		if p.PkgPath == path {
			found = p
		}
	})
	return found
}

// TestModuleDir: the module's packages that the requested ones import are
// analysed too (facts flow from them); others are not loaded.
func TestModuleDir(t *testing.T) {
	dir := writeModule(t, fixture)
	res, err := load.Load(context.Background(), &load.Config{Dir: dir, Env: env(), ModuleDir: dir}, "./app/util")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Roots) != 1 || res.Roots[0].PkgPath != "example.test/app/app/util" {
		t.Fatalf("roots %v", res.Roots)
	}
	app := res.Roots[0].Imports["example.test/app/app"]
	if app == nil || app.Syntax == nil || app.TypesInfo == nil {
		t.Errorf("the module package the root imports is not analysed")
	}
	if res.Stats.Analysed != 2 {
		t.Errorf("%d packages analysed, want 2", res.Stats.Analysed)
	}
}

// TestErrors: each package's errors are its own, once each, with
// positions; the other packages load.
func TestErrors(t *testing.T) {
	dir := writeModule(t, `
-- go.mod --
module example.test/bad

go 1.22
-- syntax/a.go --
package syntax

func (
-- typed/b.go --
package typed

var X int = "text"
-- missing/c.go --
package missing

import "example.test/bad/nowhere"

var Y = nowhere.Z
-- good/d.go --
package good

import "example.test/bad/typed"

// Z uses a package with a type error.
var Z = typed.X + 1
`)
	res, err := load.Load(context.Background(), &load.Config{Dir: dir, Env: env()}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range res.Roots {
		for _, e := range p.Errors {
			got[p.PkgPath] = append(got[p.PkgPath], strings.TrimPrefix(e.Pos, dir+string(filepath.Separator))+": "+e.Msg)
		}
	}
	want := map[string][]string{
		"example.test/bad/syntax": {"syntax/a.go:3:8: expected '(', found 'EOF'", "syntax/a.go:3:6: method has no receiver"},
		"example.test/bad/typed":  {`typed/b.go:3:13: cannot use "text" (untyped string constant) as int value in variable declaration`},
	}
	for path, w := range want {
		if !slices.Equal(got[path], w) {
			t.Errorf("%s: errors\n%q\nwant\n%q", path, got[path], w)
		}
	}
	if len(got["example.test/bad/missing"]) == 0 {
		t.Errorf("no error for the missing import")
	}
	if len(got["example.test/bad/good"]) != 0 {
		t.Errorf("good package has errors: %v", got["example.test/bad/good"])
	}
}

// TestCgo: an analysed cgo package is type-checked from cgo's output,
// and its positions are in the user's file.
func TestCgo(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler (gcc) on PATH: cgo cannot run; install one to test cgo packages")
	}
	dir := writeModule(t, cgoFixture)
	res, err := load.Load(context.Background(), &load.Config{Dir: dir, Env: append(env(), "CGO_ENABLED=1")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	p := res.Roots[0]
	if len(p.Errors) > 0 {
		t.Fatalf("errors: %v", p.Errors)
	}
	var names []string
	for _, f := range p.Syntax {
		names = append(names, p.Fset.Position(f.Package).Filename)
	}
	if !slices.Contains(names, filepath.Join(dir, "c", "c.go")) {
		t.Errorf("no file positioned in c/c.go: %v", names)
	}
	if obj := p.Types.Scope().Lookup("Abs"); obj == nil || p.Fset.Position(obj.Pos()).Line != 7 {
		t.Errorf("Abs not declared at c/c.go:7")
	}
	if len(res.CgoExcluded) != 0 {
		t.Errorf("files excluded with cgo on: %v", res.CgoExcluded)
	}
}

const cgoFixture = `
-- go.mod --
module example.test/c

go 1.22
-- c/c.go --
package c

// #include <stdlib.h>
import "C"

// Abs calls C.
func Abs(n int) int { return int(C.abs(C.int(n))) }
`

// TestCgoOff: with cgo off, the files that import "C" are named.
func TestCgoOff(t *testing.T) {
	dir := writeModule(t, cgoFixture+"-- c/plain.go --\npackage c\n\n// Plain is not cgo.\nfunc Plain() {}\n")
	res, err := load.Load(context.Background(), &load.Config{Dir: dir, Env: append(env(), "CGO_ENABLED=0")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "c", "c.go")}; !slices.Equal(res.CgoExcluded, want) {
		t.Errorf("excluded %v, want %v", res.CgoExcluded, want)
	}
}

// TestCanceled: a canceled context stops the load.
func TestCanceled(t *testing.T) {
	dir := writeModule(t, fixture)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := load.Load(ctx, &load.Config{Dir: dir, Env: env()}, "./..."); err == nil {
		t.Error("no error")
	}
}

// TestPlanOnly: a listing describes every package, and loading only some roots
// loads them and what they import, and nothing else; a root that another
// needs is loaded as a dependency, not returned as a root.
func TestPlanOnly(t *testing.T) {
	dir := writeModule(t, fixture)
	ls, err := load.List(context.Background(), &load.Config{Dir: dir, Env: env(), ModuleDir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	roots := map[string]bool{}
	for _, pkg := range ls.Packages() {
		if pkg.Root {
			roots[pkg.ImportPath] = true
			if len(pkg.GoFiles) == 0 || !filepath.IsAbs(pkg.GoFiles[0]) || pkg.Module == nil || !pkg.Module.Main {
				t.Errorf("root %s described as %+v", pkg.ImportPath, pkg)
			}
		}
	}
	if !roots["example.test/app/app"] || !roots["example.test/app/app/util"] {
		t.Fatalf("roots %v", roots)
	}
	if env := ls.Env(); env.GOVERSION == "" || env.GOOS == "" || env.GOCACHE == "" {
		t.Errorf("go env not read: %+v", env)
	}
	p, err := ls.Plan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Load(context.Background(), func(path string) bool { return path == "example.test/app/app/util" })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Roots) != 1 || res.Roots[0].PkgPath != "example.test/app/app/util" {
		t.Fatalf("roots %v, want util only", res.Roots)
	}
	app := res.Roots[0].Imports["example.test/app/app"]
	if app == nil || app.Syntax == nil || app.TypesInfo == nil {
		t.Fatal("the root's module import is not analysed")
	}
	if res.Stats.Analysed != 2 {
		t.Errorf("%d packages analysed, want util and app", res.Stats.Analysed)
	}

	// Nothing asked for: nothing loaded.
	p, err = load.Plan(context.Background(), &load.Config{Dir: dir, Env: env(), ModuleDir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	res, err = p.Load(context.Background(), func(string) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Roots) != 0 || res.Stats.Analysed+res.Stats.Declarations+res.Stats.ExportData != 0 {
		t.Errorf("loading no root loaded %d roots, stats %+v", len(res.Roots), res.Stats)
	}
}
