package licenseid

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func read(t *testing.T, id string) string {
	t.Helper()
	data, err := os.ReadFile("../../analyzers/attribution/testdata/licenses/" + id + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestIdentify(t *testing.T) {
	for _, id := range []string{"MIT", "Apache-2.0", "CC-BY-4.0", "CC-BY-SA-4.0", "BSD-3-Clause"} {
		data := []byte(read(t, id))
		if got := Identify(data); got != id {
			t.Errorf("%s: %q", id, got)
		}
		if got := Quick(data); got != id {
			t.Errorf("%s: Quick %q (common licenses must not need licensecheck)", id, got)
		}
	}
	if got := Identify([]byte("All rights reserved. Do not copy.")); got != "" {
		t.Errorf("not a license: %q", got)
	}
	if got := Identify(nil); got != "" {
		t.Errorf("empty: %q", got)
	}
}

// TestFindConcatenated checks a root LICENSE that carries the module's
// license and the licenses of copied code: every text is found, in order,
// and the first is the file's license.
func TestFindConcatenated(t *testing.T) {
	bsd3 := read(t, "BSD-3-Clause")
	bsd2 := strings.Replace(bsd3, "Neither the name of the copyright holder nor the names of its\ncontributors may be used to endorse or promote products derived from\nthis software without specific prior written permission.", "", 1)
	data := "Copyright (c) 2019 Us\n\n" + bsd3 + "\n------\n\nFiles: web/*\n\n" + read(t, "Apache-2.0") +
		"\n------\n\nCopyright 2015 Them\n\n" + read(t, "MIT") + "\n------\n\n" + bsd2 +
		"\nThe helper in x.go: Licensed under the Apache License, Version 2.0.\n"
	var got []string
	for _, tx := range Find([]byte(data)) {
		got = append(got, tx.ID+map[bool]string{true: "", false: "(notice)"}[tx.Full])
	}
	want := []string{"BSD-3-Clause", "Apache-2.0", "Apache-2.0(notice)", "MIT", "BSD-2-Clause", "Apache-2.0(notice)"}
	if !slices.Equal(got, want) {
		t.Errorf("Find = %q, want %q", got, want)
	}
	if id := Identify([]byte(data)); id != "BSD-3-Clause" {
		t.Errorf("Identify = %q", id)
	}
	if got := FullTexts([]byte(data)); !slices.Equal(got, []string{"BSD-3-Clause", "Apache-2.0", "MIT", "BSD-2-Clause"}) {
		t.Errorf("FullTexts = %q", got)
	}
	if got := Declared([]byte("Licensed under the Apache License, Version 2.0 (the \"License\").")); !slices.Equal(got, []string{"Apache-2.0"}) {
		t.Errorf("Declared = %q", got)
	}
	if got := FullTexts([]byte("Licensed under the Apache License, Version 2.0 (the \"License\").")); len(got) != 0 {
		t.Errorf("a notice is not a text: %q", got)
	}
}

func TestServesAsNotice(t *testing.T) {
	for id, want := range map[string]bool{
		"MIT": true, "BSD-3-Clause": true, "Apache-2.0": true, "GPL-2.0-or-later": true, "MPL-2.0": true,
		"CC-BY-4.0": false, "CC-BY-SA-4.0": false, "": false, "LicenseRef-odd": false,
	} {
		if got := ServesAsNotice(id); got != want {
			t.Errorf("ServesAsNotice(%q) = %v", id, got)
		}
	}
	if Family("GPL-2.0-or-later") != "GPL-2.0" || Family("LGPL-2.1+") != "LGPL-2.1" || Family("MIT") != "MIT" {
		t.Error("Family")
	}
}

func TestFileNames(t *testing.T) {
	for name, want := range map[string][3]bool{ // license, notices, authors
		"LICENSE": {true, false, false}, "LICENSE.md": {true, false, false}, "LICENSE-MIT": {true, false, false},
		"COPYING": {true, false, false}, "COPYING.LIB": {true, false, false}, "license.txt": {true, false, false},
		"LICENSES": {true, false, false}, "license.go": {false, false, false}, "license_test.go": {false, false, false},
		"licensecheck.txt": {false, false, false}, "LICENSE-THIRD-PARTY": {false, true, false},
		"NOTICE": {false, true, false}, "THIRD_PARTY_NOTICES.md": {false, true, false}, "notices.json": {false, false, false},
		"AUTHORS": {false, false, true}, "CONTRIBUTORS.md": {false, false, true}, "authors.go": {false, false, false},
	} {
		got := [3]bool{IsLicenseFile(name), IsNoticesFile(name), IsAuthorsFile(name)}
		if got != want {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	if got := Normalize([]byte("  Apache License\n   Version 2.0, January 2004\n")); got != "apache license version 2 0 january 2004" {
		t.Errorf("%q", got)
	}
}
