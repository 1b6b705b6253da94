// Copyright (c) 2026 Example Corp
// SPDX-License-Identifier: MIT

package m

// A linter's own comments describe the notices it looks for. Quoted
// examples are mentions, not statements: "Copyright (c) 2019, Pat Doe",
// "Modifications copyright (C) 2021 Widget Co", and a notice that only
// names a license ("Licensed under the Apache License, Version 2.0 ...")
// carry no obligation here.
func describeNotices() {}

// The provenance pattern matches "adapted from" and "based on the parser
// code from https://..." followed by a link.
func describeProvenance() {}

// `Copyright 2018 Quoted Holder` in backticks is an example too.
func describeBackticks() {}

// Based on https://... (a placeholder, not a source)
func placeholder() {}

// A quote that never closes blanks nothing: "see below.
// Copyright 2015 Unclosed Holder // want `TOS202: copyright of .Unclosed Holder. is neither`
func unclosed() {}
