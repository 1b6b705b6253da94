package attribution

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkHeaderScan measures the per-line work of the analyzer: the
// copyright grammar, the SPDX tag and the short-form notices over the
// comment lines of a typical file header.
func BenchmarkHeaderScan(b *testing.B) {
	var lines []string
	for i := range 100 {
		lines = append(lines,
			fmt.Sprintf(" Copyright (c) 2024 Vendor %d Ltd", i),
			" Licensed under the MIT License.",
			" SPDX-License-Identifier: MIT OR Apache-2.0",
			" Package p does ordinary things with ordinary words.",
			" It keeps copyright comments intact and handles errors.",
		)
	}
	b.SetBytes(int64(len(strings.Join(lines, "\n"))))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			statementsIn(l)
			spdxLine.FindStringSubmatch(l)
			shortFormLicense(l)
		}
	}
}
