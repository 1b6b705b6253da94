package attribution_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/toslint/toslint/analyzers/attribution"
	"github.com/toslint/toslint/internal/testutil"
	"github.com/toslint/toslint/rules"
)

// TestEmbedFileCap checks the bound on the files inspected behind one
// go:embed directive: the licensed file is found when it is among the
// first attribution.MaxEmbedFiles files of the walk, and not after them.
// (The cap is silent today: nothing tells the user the rest was not
// inspected.)
func TestEmbedFileCap(t *testing.T) {
	mit, err := os.ReadFile("testdata/licenses/MIT.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, plain := range []int{attribution.MaxEmbedFiles - 1, attribution.MaxEmbedFiles} {
		t.Run(fmt.Sprint(plain), func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"go.mod":  "module example.test/embedcap\n\ngo 1.22\n",
				"LICENSE": "Copyright (c) 2024 Example Owner\n\n" + string(mit),
				"main.go": "package main\n\nimport \"embed\"\n\n//go:embed assets\nvar assets embed.FS\n\nfunc main() { _ = assets }\n",
				// WalkDir visits names in lexical order: the licensed file last.
				"assets/zz.md": "<!-- SPDX-License-Identifier: CC-BY-4.0 -->\nA page.\n",
			}
			for i := range plain {
				files[fmt.Sprintf("assets/a%04d.txt", i)] = "x\n"
			}
			testutil.WriteTree(t, dir, files)
			diags, _ := analyzeDir(t, dir, rules.DefaultPolicy())
			found := len(diags) == 1 && strings.Contains(diags[0], "TOS201 go:embed pulls in CC-BY-4.0 content")
			if want := plain < attribution.MaxEmbedFiles; found != want {
				t.Errorf("%d files before the licensed one: found %v, want %v (%q)", plain, found, want, diags)
			}
		})
	}
}
