package attribution

import (
	"strings"
	"testing"
)

func TestStatementsIn(t *testing.T) {
	tests := []struct {
		line    string
		holders []string // as written
	}{
		// Quiet first: prose that mentions copyright is not a statement.
		{" copyright comments are kept", nil},
		{" This file keeps its Copyright notice.", nil},
		{" ©, Copyright and a year, or SPDX-FileCopyrightText", nil},
		{" Copyright holders may not be changed", nil},
		{" Copyright Notice", nil},
		{" Copyright 2018. All rights reserved. Use of this source code is governed by", nil},
		{" We keep copyright (c) lines as they are.", nil},
		{" Based on the work of many hands.", nil},
		// Statements at the start of a line.
		{" Copyright (c) 2019 Foreign Person <a@example.test>", []string{"Foreign Person"}},
		{" Copyright 2009 The Go Authors. All rights reserved.", []string{"The Go Authors"}},
		{" Copyright 2011 The Widget-Go and Sprocket Authors. All rights reserved. Use of this", []string{"The Widget-Go and Sprocket Authors"}},
		{" Copyright © 2020-2024 Acme, Inc.", []string{"Acme, Inc."}},
		{" © Jane Roe", []string{"Jane Roe"}},
		{" SPDX-FileCopyrightText: 2023 Example Writers", []string{"Example Writers"}},
		{" Copyright 2012 Jane Roe, licensed under CC BY-SA 3.0", []string{"Jane Roe"}},
		{" Copyright The Widget Authors.", []string{"The Widget Authors"}},
		{" Copyright 2019+ Jane Roe. All rights reserved.", []string{"Jane Roe"}},
		{" Copyright (C) Sample Data, Inc. 2017-present.", []string{"Sample Data, Inc."}},
		{" Copyright 2017 Upstream Labs, Inc. and Contributors", []string{"Upstream Labs, Inc. and Contributors"}},
		{" Copyright (c) 2015 Jane Roe, released under MIT License. See LICENSE file.", []string{"Jane Roe"}},
		{" Copyright 2014-2022 Widget Inc.", []string{"Widget Inc."}},
		{" Copyright (c) 2009,2014 Widget Inc. All rights reserved.", []string{"Widget Inc."}},
		{" Copyright 2020 Jane Roe, John Poe", []string{"Jane Roe, John Poe"}},
		// Statements inside a line.
		{" Based on work Copyright (c) 2013, Jane Roe, released under BSD License.", []string{"Jane Roe"}},
		{" Modifications copyright (C) 2017 Acme Widgets and Contributors", []string{"Acme Widgets and Contributors"}},
		{" lint/x, Copyright (c) 2013 The Lint Authors,", []string{"The Lint Authors"}},
		{" Portions Copyright 2001 Jane Roe; see NOTICE", []string{"Jane Roe"}},
		{" Based on work by Richard Poe, released under BSD License.", []string{"Richard Poe"}},
		{" Derived from the original code by Jane Roe.", []string{"Jane Roe"}},
		{" Copyright 2016 A. N. Other", []string{"A. N. Other"}},
		{" Copyright 2015 Jane Roe // want `x`", []string{"Jane Roe"}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range statementsIn(tt.line) {
			got = append(got, s.holder)
			if s.key != holderKey(s.holder) || s.col < 0 || s.end > len(tt.line) || s.col > s.end {
				t.Errorf("statementsIn(%q): bad statement %+v", tt.line, s)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.holders, "|") {
			t.Errorf("statementsIn(%q) = %q, want %q", tt.line, got, tt.holders)
		}
	}
}

func TestStatementYears(t *testing.T) {
	s := statementsIn(" Copyright (c) 2014-2016, 2019 Jane Roe")
	if len(s) != 1 || s[0].years != "2014-2016, 2019" || s[0].key != "jane roe" {
		t.Fatalf("got %+v", s)
	}
}

func TestShortForms(t *testing.T) {
	for text, want := range map[string]string{
		"Licensed under the MIT License.": "MIT",
		"Use of this source code is governed by a BSD-style license that can be found in the LICENSE file.": "BSD-3-Clause",
		`Licensed under the Apache License, Version 2.0 (the "License");`:                                   "Apache-2.0",
		"This snippet is licensed under CC BY-SA 4.0.":                                                      "CC-BY-SA-4.0",
		"This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.":              "MPL-2.0",
		"The docs mention CC BY 4.0 in passing.":                                                            "",
		"We like the MIT license.":                                                                          "",
	} {
		if got := shortFormLicense(text); got != want {
			t.Errorf("shortFormLicense(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestNeedsAttribution(t *testing.T) {
	for id, want := range map[string]bool{
		"CC-BY-4.0": true, "MIT": true, "BSD-3-Clause": true, "Apache-2.0": true, "ISC": true, "Zlib": true,
		"MPL-2.0": true, "GPL-3.0-only": true, "cc-by-sa-4.0": true,
		"CC0-1.0": false, "Unlicense": false, "0BSD": false, "MIT-0": false, "": false, "LicenseRef-x": false,
	} {
		if got := needsAttribution(id); got != want {
			t.Errorf("needsAttribution(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestEmbedPatterns(t *testing.T) {
	got := embedPatterns("docs/*.md \"with space.txt\" `raw.txt` all:static")
	want := []string{"docs/*.md", "with space.txt", "raw.txt", "all:static"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFileComments(t *testing.T) {
	src := "// Copyright 2020 Jane Roe\n// more\n\n/* block\n * line */\npackage p\n\nvar s = \"// not a comment\"\nvar r = `/* nor this */`\nvar c = '\\''\n\nfunc f() {} // trailing\n"
	groups, first := fileComments([]byte(src), false)
	if first != strings.Index(src, "package") {
		t.Errorf("first token at %d", first)
	}
	var texts []string
	for _, g := range groups {
		texts = append(texts, strings.TrimSpace(g.text()))
	}
	want := []string{"Copyright 2020 Jane Roe  more", "block  line", "trailing"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("groups %q, want %q", texts, want)
	}
	header, _ := fileComments([]byte(src), true)
	if len(header) != 2 {
		t.Errorf("header groups: %d", len(header))
	}
	l := groups[1].list[0].lines()
	if len(l) != 2 || src[l[1].off:l[1].off+5] != " line" {
		t.Errorf("block lines %+v", l)
	}
}

// FuzzHeaderScanner checks that the comment lexer and the statement
// grammar never panic, that statements point inside their line, and that
// holders are normalised.
func FuzzHeaderScanner(f *testing.F) {
	for _, s := range []string{
		"// Copyright (c) 2019 Foreign Person\npackage p", " SPDX-FileCopyrightText: 2023 X", " © 2020 Y",
		" SPDX-License-Identifier: MIT OR Apache-2.0", " Licensed under the MIT License", " Copyright 2009 The Go Authors.",
		"Copyright \x00 ©©©", " Copyright (c) <> 1999-", "/* unterminated", "\"unterminated\n// x", "`raw",
		" Based on work Copyright (c) 2013, Jane Roe, released under BSD License.", " Based on work by , .",
		" Copyright 2011 A. B. C. Inc. and Contributors. All rights reserved", "Copyright 2020 ,,,, , and",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		groups, first := fileComments([]byte(src), false)
		if first < 0 || first > len(src) {
			t.Fatalf("first token %d", first)
		}
		for _, g := range groups {
			for _, c := range g.list {
				if c.start < 0 || c.end > len(src) || src[c.start:c.end] != c.text {
					t.Fatalf("comment %+v", c)
				}
				for _, l := range c.lines() {
					if l.off < 0 || l.off+len(l.text) > len(src) {
						t.Fatalf("line %+v out of %d", l, len(src))
					}
				}
			}
		}
		for _, line := range strings.Split(src, "\n") {
			for _, s := range statementsIn(line) {
				if s.key == "" || s.key != holderKey(s.holder) || s.col > s.end || s.end > len(line) {
					t.Fatalf("statement %+v of %q", s, line)
				}
			}
		}
		shortFormLicense(src)
		spdxLine.FindStringSubmatch(src)
		embedPatterns(src)
	})
}
