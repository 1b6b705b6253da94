package attribution_test

// Module layouts the fixture trees do not have: an AUTHORS file, a
// directory of test files checked when only its parent's packages are
// named, two root license files, a LICENSES/ text of the GPL family.

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/testutil"
	"github.com/toslint/toslint/rules"
)

func licenseText(t *testing.T, id string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/licenses/" + id + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAuthorsFileIsEvidence: the names in AUTHORS are the module's own
// holders (an Apache-2.0 LICENSE names none). A holder on more files is
// not made own by the vote when such evidence exists.
func TestAuthorsFileIsEvidence(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"go.mod":  "module example.test/authors\n\ngo 1.22\n",
		"LICENSE": licenseText(t, "Apache-2.0"),
		"AUTHORS": "# The widget authors.\nJane Roe <jane@example.test>\n",
		"a.go":    "// Copyright 2021 Jane Roe\n\npackage authors\n",
		"b.go":    "// Copyright 2022 Other Person\n\npackage authors\n",
		"c.go":    "// Copyright 2022 Other Person\n\npackage authors\n",
	})
	diags, _ := analyzeDir(t, dir, rules.DefaultPolicy())
	var got []string
	for _, d := range diags {
		got = append(got, d[:strings.Index(d, " TOS")+7])
	}
	if want := []string{"b.go:1:4-31: TOS202", "c.go:1:4-31: TOS202"}; !slices.Equal(got, want) || !strings.Contains(diags[0], `"Other Person"`) {
		t.Errorf("diagnostics = %q, want TOS202 for Other Person in b.go and c.go only", diags)
	}
}

// TestTestOnlyDirChecked: a directory with only test files is not a
// package the go command lists; its nearest listed parent checks it, so
// `toslint check ./lib/...` reports it even though the module root's
// package is not named.
func TestTestOnlyDirChecked(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"go.mod":                  "module example.test/sub\n\ngo 1.22\n",
		"LICENSE":                 "Copyright (c) 2024 Own Person\n\n" + licenseText(t, "MIT"),
		"root.go":                 "// Copyright 2024 Own Person\n\npackage sub\n",
		"lib/lib.go":              "// Copyright 2024 Own Person\n\npackage lib\n",
		"lib/onlytests/x_test.go": "// Copyright 2014 Jane Roe\n\npackage onlytests\n",
	})
	diags, _ := analyzeDir(t, dir, rules.DefaultPolicy(), "./lib/...")
	if len(diags) != 1 || !strings.HasPrefix(diags[0], `x_test.go:1:4-27: TOS202 copyright of "Jane Roe"`) {
		t.Errorf("diagnostics = %q, want TOS202 for Jane Roe in lib/onlytests/x_test.go", diags)
	}
}

// TestMainLicenseFirst: with a code license and a documentation license
// at the root, the module's license is the shorter-named file's
// (LICENSE.md before LICENSE-DOCS, though "-" sorts before ".").
func TestMainLicenseFirst(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"go.mod":       "module example.test/docs\n\ngo 1.22\n",
		"LICENSE.md":   "Copyright (c) 2024 Own Person\n\n" + licenseText(t, "MIT"),
		"LICENSE-DOCS": licenseText(t, "CC-BY-4.0"),
		"a.go":         "// SPDX-License-Identifier: GPL-3.0-only\n\npackage docs\n",
	})
	diags, _ := analyzeDir(t, dir, rules.DefaultPolicy())
	if len(diags) != 1 || !strings.Contains(diags[0], "TOS203 GPL-3.0-only is not the module's license (MIT)") {
		t.Errorf("diagnostics = %q, want one TOS203 naming MIT as the module's license", diags)
	}
}

// TestGPLFamilyText: a GPL-family text under LICENSES/ serves files of
// either form of that license (-only, -or-later); another license still
// lacks its text, and a finding about an expression that joins both names
// only the missing text.
func TestGPLFamilyText(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"go.mod":                         "module example.test/gpl\n\ngo 1.22\n",
		"LICENSE":                        "Copyright (c) 2024 Own Person\n\n" + licenseText(t, "MIT"),
		"LICENSES/GPL-2.0-only.txt":      "(the GPL-2.0 text)\n",
		"LICENSES/LGPL-2.1-or-later.txt": "(the LGPL-2.1 text)\n",
		"a.go":                           "// SPDX-License-Identifier: GPL-2.0-or-later\n\npackage gpl\n",
		"b.go":                           "// SPDX-License-Identifier: LGPL-2.1-only\n\npackage gpl\n",
		"c.go":                           "// SPDX-License-Identifier: GPL-2.0-or-later AND MPL-2.0\n\npackage gpl\n",
		"d.go":                           "// SPDX-License-Identifier: LGPL-2.1-only AND MPL-2.0\n\npackage gpl\n",
		"e.go":                           "// SPDX-License-Identifier: AGPL-3.0-only\n\npackage gpl\n",
	})
	diags, _ := analyzeDir(t, dir, rules.DefaultPolicy())
	var got []string
	for _, d := range diags {
		got = append(got, d[:strings.Index(d, " (add")])
	}
	want := []string{
		"c.go:1:3-57: TOS203 GPL-2.0-or-later AND MPL-2.0 is not the module's license (MIT) and the module carries no text of MPL-2.0",
		"d.go:1:3-54: TOS203 LGPL-2.1-only AND MPL-2.0 is not the module's license (MIT) and the module carries no text of MPL-2.0",
		"e.go:1:3-42: TOS203 AGPL-3.0-only is not the module's license (MIT) and the module carries no text of AGPL-3.0-only",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics = %q\nwant %q", got, want)
	}
}
