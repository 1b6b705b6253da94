// Package benchgen writes synthetic Go modules for toslint's benchmarks:
// many packages, many functions, deep call chains across packages, with
// API calls at the leaves and loops of every kind above them.
package benchgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Options size a generated module.
type Options struct {
	Packages int // packages in a chain: p0 imports nothing, pN imports pN-1
	Funcs    int // functions per package
}

// Write writes the module to dir (module example.test/bench) and returns
// the number of functions written.
func Write(dir string, o Options) (int, error) {
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.test/bench\n\ngo 1.22\n"), 0o644); err != nil {
		return 0, err
	}
	funcs := 0
	for i := range o.Packages {
		var b strings.Builder
		name := fmt.Sprintf("p%03d", i)
		fmt.Fprintf(&b, "// Package %s is generated for benchmarks.\npackage %s\n\nimport (\n\t\"net/http\"\n\t\"time\"\n", name, name)
		if i > 0 {
			fmt.Fprintf(&b, "\n\tprev \"example.test/bench/p%03d\"\n", i-1)
		}
		b.WriteString(")\n\nconst host = \"https://api.security.microsoft.com/api/machines/\"\n\nvar _, _ = time.Second, http.Get\n\n")
		for j := range o.Funcs {
			funcs++
			switch {
			case i == 0 && j%10 == 0:
				// Leaves that call the API.
				fmt.Fprintf(&b, "func F%d(id string) error {\n\t_, err := http.Get(host + id)\n\treturn err\n}\n\n", j)
			case i > 0 && j%10 == 0:
				// Deep chains: each package calls the previous one.
				fmt.Fprintf(&b, "func F%d(id string) error {\n\treturn prev.F%d(id)\n}\n\n", j, j)
			case j%10 == 1:
				// An unthrottled loop over a helper that reaches the API.
				fmt.Fprintf(&b, "func F%d(ids []string) {\n\tfor _, id := range ids {\n\t\t_ = F%d(id)\n\t}\n}\n\n", j, j-1)
			case j%10 == 2:
				// A paced loop.
				fmt.Fprintf(&b, "func F%d(ids []string) {\n\tfor _, id := range ids {\n\t\ttime.Sleep(time.Second)\n\t\t_ = F%d(id)\n\t}\n}\n\n", j, j-2)
			default:
				// Ordinary code: loops and calls that reach no API.
				fmt.Fprintf(&b, "func F%d(xs []int) int {\n\ts := 0\n\tfor i, x := range xs {\n\t\tif x%%2 == 0 {\n\t\t\ts += x * i\n\t\t}\n\t}\n\treturn s\n}\n\n", j)
			}
		}
		pdir := filepath.Join(dir, name)
		if err := os.MkdirAll(pdir, 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(pdir, name+".go"), []byte(b.String()), 0o644); err != nil {
			return 0, err
		}
	}
	return funcs, nil
}
