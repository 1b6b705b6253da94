// Copyright (c) 2026 Example Corp
// SPDX-License-Identifier: MIT

// Package m is a fixture module for the attribution analyzer.
package m

// This package keeps copyright comments intact and never rewrites them.
func Own() {}
