package docscan

import "testing"

// TestMatcherParagraph is the check BenchmarkMatcher makes, as a test (CI
// does not run benchmarks): the paragraph holds six terms of the default
// pack (the canonical name, two spellings of one mark, a third mark and
// two retired names).
func TestMatcherParagraph(t *testing.T) {
	const text = "The service reads device records from Microsoft Defender for Endpoint and writes a report; " +
		"operators use PowerShell and Powershell scripts, open SharePoint, and some still say Windows Defender ATP " +
		"or Azure Sentinel when they mean the new names, while the rest of the words are ordinary prose about queues."
	m := pageScan(defaultPolicy()).matcher
	if n := len(m.find(text)); n != 6 {
		t.Errorf("%d matches, want 6", n)
	}
}
