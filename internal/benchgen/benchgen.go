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

// WriteHeaders writes a module of packages*files small files, each with a
// copyright header: every third one names a foreign holder, listed in the
// module's NOTICE when listed is true. It models a large public module for
// the attribution analyzer's benchmark.
func WriteHeaders(dir string, packages, files int, listed bool) error {
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.test/headers\n\ngo 1.22\n"), 0o644); err != nil {
		return err
	}
	license := "MIT License\n\nCopyright (c) 2026 Example Corp\n\n" + mitText
	if err := os.WriteFile(filepath.Join(dir, "LICENSE"), []byte(license), 0o644); err != nil {
		return err
	}
	var notice strings.Builder
	n := 0
	for i := range packages {
		name := fmt.Sprintf("h%03d", i)
		pdir := filepath.Join(dir, name)
		if err := os.MkdirAll(pdir, 0o755); err != nil {
			return err
		}
		for j := range files {
			holder := "Example Corp"
			if n%3 == 0 {
				holder = fmt.Sprintf("Vendor %d Ltd", n)
				fmt.Fprintf(&notice, "%s: %s/f%02d.go, MIT\n", holder, name, j)
			}
			n++
			src := fmt.Sprintf("// Copyright (c) 2024 %s\n// Licensed under the MIT License.\n\n// Package %s is generated.\npackage %s\n\n// F%d adds.\nfunc F%d(a, b int) int {\n\tif a > b {\n\t\treturn a - b\n\t}\n\treturn a + b\n}\n", holder, name, name, j, j)
			if err := os.WriteFile(filepath.Join(pdir, fmt.Sprintf("f%02d.go", j)), []byte(src), 0o644); err != nil {
				return err
			}
		}
	}
	if listed {
		return os.WriteFile(filepath.Join(dir, "NOTICE"), []byte(notice.String()), 0o644)
	}
	return nil
}

// mitText is the MIT license text (license texts may be copied).
const mitText = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`

// docWords are the prose the generated pages are made of.
var docWords = strings.Fields(`the service reads device records and writes a report for each team when
a run starts it checks the queue then it sends the results to the store and logs what changed
operators can pause a job resume it later or remove it from the list every step is recorded`)

// WriteDocs writes n Markdown pages under dir/docs in the shapes real
// documentation has: front matter, headings, paragraphs with emphasis and
// links, lists, a table, a code block, and marks (some retired or altered,
// most written correctly).
func WriteDocs(dir string, n int) error { return writeDocs(dir, n, false) }

// WriteCleanDocs is WriteDocs with every mark written correctly: a corpus
// with no findings, to show that memory does not grow with the corpus.
func WriteCleanDocs(dir string, n int) error { return writeDocs(dir, n, true) }

func writeDocs(dir string, n int, clean bool) error {
	if err := os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("MIT License\n\nCopyright (c) 2026 Example Corp\n\n"+mitText), 0o644); err != nil {
		return err
	}
	readme := "# Corpus\n\nGenerated pages. Microsoft, Windows and Microsoft Azure are trademarks of the Microsoft group of companies.\n"
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte(readme), 0o644); err != nil {
		return err
	}
	marks := []string{"Microsoft Defender for Endpoint", "Microsoft Azure", "PowerShell", "SharePoint", "Windows", "Windows Defender ATP", "Powershell", "Azure Sentinel"}
	if clean {
		marks = []string{"Microsoft Defender for Endpoint", "Microsoft Azure", "PowerShell", "SharePoint", "Windows", "Microsoft Sentinel"}
	}
	word := 0
	sentence := func(k int) string {
		var b strings.Builder
		for i := range 12 {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(docWords[word%len(docWords)])
			word += 7
		}
		if k%3 == 0 {
			b.WriteString(" with " + marks[k%len(marks)])
		}
		return b.String() + "."
	}
	for i := range n {
		sub := filepath.Join(dir, "docs", fmt.Sprintf("s%03d", i/100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Page %d about %s\ndescription: %s\nauthor: writer%d\n---\n\n", i, marks[(i+2)%len(marks)], sentence(i), i%7)
		code := "Windows Defender ATP"
		if clean {
			code = "tool run"
		}
		fmt.Fprintf(&b, "# Page %d\n\n%s %s\n%s *%s* [the guide](https://example.test/guide/%d).\n\n", i, sentence(i), sentence(i+1), sentence(i+2), marks[i%len(marks)], i)
		fmt.Fprintf(&b, "## Steps\n\n- %s\n- %s\n- Run `%s` in code.\n\n", sentence(i+3), sentence(i+4), code)
		fmt.Fprintf(&b, "| Name | Note |\n|---|---|\n| %s | %s |\n| row | %s |\n\n", marks[(i+1)%len(marks)], sentence(i+5), sentence(i+6))
		fmt.Fprintf(&b, "```sh\ntool run --target %d\n```\n\n%s\n", i, sentence(i+7))
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("page%05d.md", i)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
