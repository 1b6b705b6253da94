package attribution

import "testing"

func TestHolderOf(t *testing.T) {
	tests := []struct {
		line, holder string
		ok           bool
	}{
		{" Copyright (c) 2019 Foreign Person <a@example.test>", "foreign person", true},
		{" Copyright 2009 The Go Authors. All rights reserved.", "the go authors", true},
		{" Copyright © 2020-2024 Acme, Inc.", "acme inc", true},
		{" © Jane Roe", "jane roe", true},
		{" SPDX-FileCopyrightText: 2023 Example Writers", "example writers", true},
		{" Copyright 2012 Jane Roe, licensed under CC BY-SA 3.0", "jane roe", true},
		{" copyright comments are kept", "", false},
		{" This file keeps its Copyright notice.", "", false},
		{" ©, Copyright and a year, or SPDX-FileCopyrightText", "", false},
		{" Copyright holders may not be changed", "", false},
	}
	for _, tt := range tests {
		_, h, ok := holderOf(tt.line)
		if h != tt.holder || ok != tt.ok {
			t.Errorf("holderOf(%q) = %q, %v; want %q, %v", tt.line, h, ok, tt.holder, tt.ok)
		}
	}
}

func TestShortForms(t *testing.T) {
	for text, want := range map[string]string{
		"Licensed under the MIT License.": "MIT",
		"Use of this source code is governed by a BSD-style license that can be found in the LICENSE file.": "BSD-3-Clause",
		`Licensed under the Apache License, Version 2.0 (the "License");`:                                   "Apache-2.0",
		"This snippet is licensed under CC BY-SA 4.0.":                                                      "CC-BY-SA-4.0",
		"The docs mention CC BY 4.0 in passing.":                                                            "",
		"We like the MIT license.":                                                                          "",
	} {
		if got := shortFormLicense(text); got != want {
			t.Errorf("shortFormLicense(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestEmbedPatterns(t *testing.T) {
	got := embedPatterns("docs/*.md \"with space.txt\" `raw.txt` all:static")
	want := []string{"docs/*.md", "with space.txt", "raw.txt", "all:static"}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("pattern %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// FuzzHeaderScanner checks that the copyright and SPDX grammars never
// panic and that a holder, when found, is normalised.
func FuzzHeaderScanner(f *testing.F) {
	for _, s := range []string{
		" Copyright (c) 2019 Foreign Person", " SPDX-FileCopyrightText: 2023 X", " © 2020 Y",
		" SPDX-License-Identifier: MIT OR Apache-2.0", " Licensed under the MIT License", " Copyright 2009 The Go Authors.",
		"Copyright \x00 ©©©", " Copyright (c) <> 1999-",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		_, h, ok := holderOf(line)
		if ok && (h == "" || h != normalizeHolder(h)) {
			t.Fatalf("holder %q of %q is not normalised", h, line)
		}
		shortFormLicense(line)
		spdxLine.FindStringSubmatch(line)
		embedPatterns(line)
	})
}
