package load

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBlankFuncBodiesKeepsDeclarations blanks the bodies of real files
// (a few standard library packages, rich in odd syntax) and checks that
// the declarations are unchanged, position for position, and that every
// top-level function body is empty.
func TestBlankFuncBodiesKeepsDeclarations(t *testing.T) {
	dirs := []string{"go/types", "net/http", "encoding/json", "runtime", "fmt", "strconv", "math/big"}
	if testing.Short() {
		dirs = dirs[:2]
	}
	n := 0
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", d, "*.go"))
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			n++
			checkBlanked(t, name, src)
		}
	}
	if n < 50 {
		t.Fatalf("only %d files found under GOROOT", n)
	}
}

// TestBlankFuncBodiesOnDependencies does the same for the files of the
// packages this module depends on (the standard library included): one
// file in ten, so that `go test ./...` keeps its budget, and every file
// with TOSLINT_INTEGRATION=1 (without the race detector, which makes the
// parser about ten times slower).
func TestBlankFuncBodiesOnDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every dependency's files")
	}
	every := os.Getenv("TOSLINT_INTEGRATION") == "1" && !raceEnabled
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.Dir}}", "github.com/toslint/toslint/...").Output()
	if err != nil {
		t.Fatal(err)
	}
	n, checked := 0, 0
	for _, dir := range strings.Fields(string(out)) {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			if n++; !every && n%10 != 0 {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			checkBlanked(t, name, src)
			checked++
		}
	}
	t.Logf("%d of %d files checked", checked, n)
}

func TestBlankFuncBodiesCases(t *testing.T) {
	for _, src := range []string{
		"package p\nfunc f() { x := 1; _ = x }\n",
		"package p\nfunc f() struct{ a int } { return struct{ a int }{} }\n",
		"package p\nfunc f(x interface{ M() }) (y struct {\n\tb int\n}) {\n\treturn\n}\n",
		"package p\nfunc f[T interface{ ~int }](x T) map[string]struct{} { return nil }\n",
		"package p\nfunc f() func() int { return func() int { return 1 } }\n",
		"package p\nvar f = func() { println(\"}\") }\nvar g = []func(){ f, f }\nvar h = [...]func(){ f }\n",
		"package p\nfunc asm(x int) int\nfunc next() {}\n",
		"package p\ntype F func() struct{}\nfunc (F) m() { /* } */ _ = '}'; _ = `}` }\n",
		"package p\nvar x, y = 1, func() int { return 2 }()\nconst c = len([...]int{1, 2, 3})\n",
		"package p\nfunc f() {\n\ti := 0\n\ti++\n}\nfunc g() { _ = 1.5e+3 }\n",
		"package p\ntype R func(func()) T.U\n\nfunc f() ([]T, error) {\n\tif x {\n\t\ty = T{}\n\t}\n\treturn nil, nil\n}\n",
		"package p\nvar m = map[string][]string{\"a\": {\"b\"}}\nvar n = [...]string{\"x\"}\nvar o = struct{ a []int }{[]int{1}}\nvar p = [...]struct {\n\ta int\n}{{1}, {2}}\nvar q = [...]func(int, []byte) (int, error){f, g}\n",
	} {
		checkBlanked(t, "case.go", []byte(src))
	}
}

// checkBlanked compares the declarations of src before and after
// blanking.
func checkBlanked(t *testing.T, name string, src []byte) {
	t.Helper()
	fset := token.NewFileSet()
	want, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return // not our business
	}
	blanked := blankFuncBodies(bytes.Clone(src))
	if len(blanked) != len(src) || strings.Count(string(blanked), "\n") != strings.Count(string(src), "\n") {
		t.Fatalf("%s: size or lines changed", name)
	}
	got, err := parser.ParseFile(fset, name, blanked, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("%s: blanked file does not parse: %v", name, err)
	}
	if len(got.Decls) != len(want.Decls) {
		t.Fatalf("%s: %d declarations, want %d", name, len(got.Decls), len(want.Decls))
	}
	for i, d := range want.Decls {
		g := got.Decls[i]
		if g.Pos()-got.FileStart != d.Pos()-want.FileStart {
			t.Errorf("%s: declaration %d moved", name, i)
		}
		if fd, ok := d.(*ast.FuncDecl); ok {
			gfd := g.(*ast.FuncDecl)
			if (fd.Body == nil) != (gfd.Body == nil) {
				t.Errorf("%s: %s: body presence changed", name, fd.Name.Name)
			}
			if gfd.Body != nil && len(gfd.Body.List) != 0 {
				t.Errorf("%s: %s: body not blanked", name, fd.Name.Name)
			}
			fd.Body, gfd.Body = nil, nil
		}
		// Composite literals whose elements were blanked (in var
		// declarations): the same in the original, and never an array
		// of inferred length.
		wantLits := map[token.Pos]*ast.CompositeLit{}
		for _, cl := range compositeLits(d) {
			wantLits[cl.Lbrace-want.FileStart] = cl
		}
		for _, cl := range compositeLits(g) {
			w := wantLits[cl.Lbrace-got.FileStart]
			if w == nil {
				t.Fatalf("%s: composite literal at %s not in the original", name, fset.Position(cl.Pos()))
			}
			if len(cl.Elts) == 0 && len(w.Elts) > 0 {
				if at, ok := w.Type.(*ast.ArrayType); ok {
					if _, inferred := at.Len.(*ast.Ellipsis); inferred {
						t.Errorf("%s: elements of [...]T literal blanked at %s", name, fset.Position(w.Pos()))
					}
				}
				w.Elts = nil
			}
		}
		// Function literals whose bodies were blanked: blank them in
		// the original too.
		wantFuncs := map[token.Pos]*ast.FuncLit{}
		for _, fl := range funcLits(d) {
			wantFuncs[fl.Type.Func-want.FileStart] = fl
		}
		for _, fl := range funcLits(g) {
			w := wantFuncs[fl.Type.Func-got.FileStart]
			if w == nil {
				t.Fatalf("%s: function literal at %s not in the original", name, fset.Position(fl.Pos()))
			}
			if len(fl.Body.List) == 0 {
				w.Body.List = nil
			}
		}
		if a, b := printed(fset, d), printed(fset, g); a != b {
			t.Errorf("%s: declaration %d changed:\n%s\n---\n%s", name, i, a, b)
		}
	}
}

// compositeLits returns the composite literals under n.
func compositeLits(n ast.Node) []*ast.CompositeLit {
	var out []*ast.CompositeLit
	ast.Inspect(n, func(n ast.Node) bool {
		if cl, ok := n.(*ast.CompositeLit); ok {
			out = append(out, cl)
		}
		return true
	})
	return out
}

func funcLits(n ast.Node) []*ast.FuncLit {
	var out []*ast.FuncLit
	ast.Inspect(n, func(n ast.Node) bool {
		if fl, ok := n.(*ast.FuncLit); ok {
			out = append(out, fl)
		}
		return true
	})
	return out
}

func printed(fset *token.FileSet, n ast.Node) string {
	var b strings.Builder
	printer.Fprint(&b, fset, n)
	return b.String()
}

func BenchmarkBlankFuncBodies(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "go", "types", "expr.go"))
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, len(src))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, src)
		blankFuncBodies(buf)
	}
}
