package docscan

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/toslint/toslint/internal/benchgen"
	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/rules"
)

func defaultPolicy() *policy.Policy {
	p, _ := rules.Embedded(rules.Default)
	return policy.New(policy.Options{Packs: []*policy.Pack{p}})
}

// BenchmarkScanPage parses one generated page and applies the trademark
// and re-use rules: the per-file work of a scan.
func BenchmarkScanPage(b *testing.B) {
	dir := b.TempDir()
	if err := benchgen.WriteDocs(dir, 1); err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "docs", "s000", "page00000.md"))
	if err != nil {
		b.Fatal(err)
	}
	proto := pageScan(defaultPolicy())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		s := proto.fresh()
		d := ParseMarkdown(token.NewFileSet(), "page.md", src)
		s.checkPage(d, "page.md")
	}
}

// BenchmarkMatcher runs the multi-term matcher over a paragraph.
func BenchmarkMatcher(b *testing.B) {
	m := pageScan(defaultPolicy()).matcher
	text := "The service reads device records from Microsoft Defender for Endpoint and writes a report; " +
		"operators use PowerShell and Powershell scripts, open SharePoint, and some still say Windows Defender ATP " +
		"or Azure Sentinel when they mean the new names, while the rest of the words are ordinary prose about queues."
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if n := len(m.find(text)); n != 6 {
			b.Fatalf("%d matches", n)
		}
	}
}
