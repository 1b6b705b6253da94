package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/cli"
)

// writeTree writes files (slash paths) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestNotices(t *testing.T) {
	dir := t.TempDir()
	mit, err := os.ReadFile("../../analyzers/attribution/testdata/licenses/MIT.txt")
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{
		"go.mod":  "module example.test/n\n\ngo 1.22\n",
		"LICENSE": "MIT License\n\nCopyright (c) 2026 Example Corp\n\n" + string(mit),
		"a.go":    "// Copyright (c) 2019 Foreign Person\n// Licensed under the MIT License.\n\npackage n\n",
		"b/b.go":  "// Copyright 2020 Foreign Person. All rights reserved.\n\npackage b\n",
		"c/c.go":  "// Package c has a snippet.\npackage c\n\n// Adapted from https://blog.example.test/posts/x\nfunc F() {}\n",
		"d/d.go":  "// SPDX-License-Identifier: BSD-3-Clause\n\npackage d\n",
	})
	t.Chdir(dir)
	run := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := cli.Main(context.Background(), args, &out, &errb)
		return out.String(), errb.String(), code
	}
	out, errOut, code := run("notices")
	want := "Foreign Person\n  Files: a.go, b/b.go\n  License: MIT\n\n" +
		"https://blog.example.test/posts/x\n  Files: c/c.go\n  License: (name it)\n  Source: https://blog.example.test/posts/x\n\n"
	if code != 0 || out != want {
		t.Errorf("notices: exit %d\n--- got\n%s--- want\n%s", code, out, want)
	}
	if !strings.Contains(errOut, "toslint: also add the text of BSD-3-Clause (LICENSES/BSD-3-Clause.txt or in the notices file), for d/d.go") {
		t.Errorf("stderr: %s", errOut)
	}
	if _, _, code := run("notices", "-w"); code != 0 {
		t.Fatalf("notices -w: exit %d", code)
	}
	notice, err := os.ReadFile(filepath.Join(dir, "NOTICE"))
	if err != nil || string(notice) != want {
		t.Errorf("NOTICE = %q, %v", notice, err)
	}
	// The entries are now listed: a second run finds nothing to add, and
	// check no longer reports TOS202 or TOS204.
	if out, _, _ := run("notices"); out != "" {
		t.Errorf("second run printed %q", out)
	}
	out, _, _ = run("check", "-only", "go")
	if strings.Contains(out, "TOS202") || strings.Contains(out, "TOS204") {
		t.Errorf("check after notices -w:\n%s", out)
	}
	if !strings.Contains(out, "[TOS203]") {
		t.Errorf("the missing license text is still a finding:\n%s", out)
	}
}
