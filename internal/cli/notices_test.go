package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/cli"
	"github.com/toslint/toslint/internal/testutil"
)

// writeTree writes files (slash paths) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	testutil.WriteTree(t, dir, files)
}

func readLicense(t *testing.T, id string) string {
	t.Helper()
	data, err := os.ReadFile("../../analyzers/attribution/testdata/licenses/" + id + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func noticesTree(t *testing.T) string {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod":          "module example.test/n\n\ngo 1.22\n",
		"LICENSE":         "MIT License\n\nCopyright (c) 2026 Example Corp\n\n" + readLicense(t, "MIT"),
		"a.go":            "// Copyright (c) 2019 Foreign Person\n// Licensed under the MIT License.\n\npackage n\n",
		"b/b.go":          "// Copyright 2020 Foreign Person. All rights reserved.\n\npackage b\n",
		"c/c.go":          "// Package c has a snippet.\npackage c\n\n// Adapted from https://blog.example.test/posts/x\nfunc F() {}\n",
		"d/d.go":          "// SPDX-License-Identifier: BSD-3-Clause\n\npackage d\n",
		"f/f.go":          "// Copyright 2018 Apache Person\n// Licensed under the Apache License, Version 2.0.\n\npackage f\n",
		"third/x/LICENSE": "Copyright (c) 2012 The X Authors. All rights reserved.\n\n" + readLicense(t, "BSD-3-Clause"),
		"third/x/x.go":    "// Copyright 2012 The X Authors. All rights reserved.\n\npackage x\n",
	})
	return dir
}

func runCLI(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestNotices(t *testing.T) {
	dir := noticesTree(t)
	bsd := readLicense(t, "BSD-3-Clause")
	t.Chdir(dir)
	out, errOut, code := runCLI("notices")
	want := "Apache Person\n  Copyright 2018 Apache Person\n  License: Apache-2.0 (add its text as LICENSES/Apache-2.0.txt)\n  Files in f: f.go\n\n" +
		"Foreign Person\n  Copyright 2019-2020 Foreign Person\n  License: MIT\n  Files in .: a.go\n  Files in b: b.go\n\n" +
		strings.Repeat("-", 72) + "\nBSD-3-Clause, copied from third/x/LICENSE:\n\nCopyright (c) 2012 The X Authors. All rights reserved.\n\n" + bsd
	if code != 0 || out != want {
		t.Errorf("notices: exit %d\n--- got\n%s--- want\n%s", code, out, want)
	}
	for _, line := range []string{
		"toslint: also name the author and the license of the code c/c.go takes from https://blog.example.test/posts/x, in its comment or in the notices file\n",
		"toslint: also the text of Apache-2.0 is in no file of this module: add it as LICENSES/Apache-2.0.txt (one copy serves every entry under it)\n",
		"toslint: also code under Apache-2.0 is listed: if its upstream ships a NOTICE file, copy that file's attribution notices into yours (Apache-2.0 section 4(d))\n",
	} {
		if strings.Count(errOut, line) != 1 {
			t.Errorf("stderr should have once %q:\n%s", line, errOut)
		}
	}
	if strings.Contains(out+errOut, "(name it)") {
		t.Errorf("placeholder in the output:\n%s%s", out, errOut)
	}
	if _, errOut, code := runCLI("notices", "-w"); code != 0 || !strings.Contains(errOut, "appended 2 entries and 1 license texts to NOTICE") {
		t.Fatalf("notices -w: exit %d\n%s", code, errOut)
	}
	notice, err := os.ReadFile(filepath.Join(dir, "NOTICE"))
	if err != nil || string(notice) != want {
		t.Errorf("NOTICE = %q, %v", notice, err)
	}
	if st, err := os.Stat(filepath.Join(dir, "NOTICE")); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("new NOTICE mode: %v %v", st.Mode(), err)
	}
	// The holders are now listed and the BSD-3-Clause text is carried: a
	// second run adds nothing; check still reports what no notice can fix
	// (the Apache-2.0 text found nowhere, the web source).
	if out, _, _ := runCLI("notices"); out != "" {
		t.Errorf("second run printed %q", out)
	}
	out, _, _ = runCLI("check", "-only", "go")
	for _, s := range []string{"TOS202", "d/d.go"} {
		if strings.Contains(out, s) {
			t.Errorf("check after notices -w still reports %s:\n%s", s, out)
		}
	}
	for _, s := range []string{"f/f.go:1:3: Apache-2.0 is not the module's license (MIT)", "c/c.go:4:1: code taken from"} {
		if !strings.Contains(out, s) {
			t.Errorf("check after notices -w should still report %q:\n%s", s, out)
		}
	}
}

// TestNoticesAppendKeepsMode checks that -w appends to an existing
// notices file atomically and keeps its mode.
func TestNoticesAppendKeepsMode(t *testing.T) {
	dir := noticesTree(t)
	notice := filepath.Join(dir, "THIRD_PARTY_NOTICES.md")
	if err := os.WriteFile(notice, []byte("# Third-party notices\nno trailing blank line"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(notice, 0o640); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if _, errOut, code := runCLI("notices", "-w"); code != 0 {
		t.Fatalf("notices -w: exit %d\n%s", code, errOut)
	}
	st, err := os.Stat(notice)
	if err != nil || st.Mode().Perm() != 0o640 {
		t.Fatalf("mode after -w: %v, %v", st.Mode(), err)
	}
	data, _ := os.ReadFile(notice)
	if !strings.HasPrefix(string(data), "# Third-party notices\nno trailing blank line\n\nApache Person\n") {
		t.Errorf("appended file:\n%s", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 9 {
		t.Errorf("a temporary file was left behind: %d entries", len(entries))
	}
}

// TestCheckReadsTestFileDirectives checks that a finding in a test file
// (which the CLI does not load) honours the file's suppression.
func TestCheckReadsTestFileDirectives(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod":    "module example.test/s\n\ngo 1.22\n",
		"LICENSE":   "Copyright (c) 2026 Example Corp\n\n" + readLicense(t, "MIT"),
		"s.go":      "// Copyright 2026 Example Corp\n\npackage s\n",
		"s_test.go": "//toslint:ignore TOS202 -- the author agreed; notice pending\n// Copyright 2015 Jane Roe\n\npackage s\n",
		"t_test.go": "// Copyright 2016 John Poe\n\npackage s\n",
	})
	t.Chdir(dir)
	out, _, code := runCLI("check", "-only", "go", "-format", "json")
	if code != 1 || !strings.Contains(out, `"file": "t_test.go"`) || strings.Count(out, `"suppressed": true`) != 1 || strings.Contains(out, "TOS004") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
