package docscan

import (
	"context"
	"fmt"
	"go/token"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/report"
)

// shapes are inputs that make naive Markdown code super-linear: long lines
// of one markup character, and the structures goldmark is slow on. Each
// returns about n bytes.
var shapes = []struct {
	name string
	gen  func(n int) string
}{
	{"amp", repeat("&")},
	{"nbsp-entity", repeat("a&nbsp;")},
	{"bracket", repeat("[")},
	{"star", repeat("*")},
	{"backtick", repeat("`")},
	{"lt", repeat("<")},
	{"underscore", repeat("_")},
	{"emphasis-runs", repeat("*a_")},
	{"link-openers", repeat("[a](")},
	{"nested-brackets", func(n int) string { return strings.Repeat("[", n/2) + strings.Repeat("]", n/2) }},
	{"quote-one-line", repeat("> ")},
	{"quote-growing", func(n int) string {
		var b strings.Builder
		for i := 1; b.Len() < n; i++ {
			b.WriteString(strings.Repeat(">", i) + " x\n")
		}
		return b.String()
	}},
	{"list-growing", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}},
	{"footnotes", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n/2; i++ {
			fmt.Fprintf(&b, "x[^%d] ", i)
		}
		b.WriteString("\n\n")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "[^%d]: n\n", i)
		}
		return b.String()
	}},
	{"html-comments", repeat("<!-- x -->")},
	{"marks", repeat("Windows Store and Powershell's ")},
	{"anchor-words", repeat("with of power share on the window ")},
	{"prose-lines", repeat("Some ordinary prose about queues and Azure, wrapped.\n")},
}

func repeat(s string) func(int) string {
	return func(n int) string { return strings.Repeat(s, n/len(s)) }
}

// testScan is a scan of nothing, ready to check single documents.
func testScan(pol *policy.Policy) *scan {
	s := &scan{pol: pol, limits: pol.Limits(), licenseDirs: map[string]bool{},
		inFlight: map[string]*[]report.Finding{}, abandoned: map[string]bool{}}
	s.setupRules()
	return s
}

// BenchmarkShapes checks one document of each shape at 10 kB and 100 kB,
// the whole per-document pipeline (limits, parse, runs, rules): ns/B must
// stay about the same from one size to the other. Shapes over a limit are
// reported without parsing (the "rejected" metric is 1).
func BenchmarkShapes(b *testing.B) {
	pol := defaultPolicy()
	for _, sh := range shapes {
		for _, n := range []int{10_000, 100_000} {
			src := sh.gen(n)
			b.Run(fmt.Sprintf("%s/%dk", sh.name, n/1000), func(b *testing.B) {
				s := testScan(pol)
				rejected := 0.0
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					c := s.checkDocument(context.Background(), "shape.md", file{rel: "shape.md", markdown: true}, []byte(src))
					if c.limit != nil {
						rejected = 1
					}
					s.findings = s.findings[:0]
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/B")
				b.ReportMetric(rejected, "rejected")
			})
		}
	}
}

// FuzzWorkBudget checks that the document scanner's own work is linear:
// the operations it counts (bytes scanned, nodes visited, lines read) stay
// within a fixed budget per byte of input, whatever the input. It counts
// operations, not time, so it is stable on a busy machine.
func FuzzWorkBudget(f *testing.F) {
	for _, sh := range shapes {
		f.Add([]byte(sh.gen(2000)))
	}
	f.Add([]byte("\uFEFF---\rtitle: Windows Store\r---\r# Azure\r\rPowershell's &nbsp; text\r"))
	f.Add([]byte("---\r\nkeywords:\r\n  - a\r\n  - b\r\n---\r\n| a | b |\r\n|---|---|\r\n| <img alt=\"Azure\"> | [x](y) |\r\n"))
	lim := defaultPolicy().Limits()
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := parseMarkdown(context.Background(), token.NewFileSet(), "f.md", src, parseOptions{proseKeys: DefaultProseKeys, prose: true, limits: &lim})
		if _, ok := err.(*limitError); err != nil && !ok {
			t.Fatal(err)
		}
		if budget := workPerByte*len(src) + 1024; doc.work > budget {
			t.Fatalf("%d operations on %d bytes: over the budget of %d (%d a byte)", doc.work, len(src), budget, workPerByte)
		}
	})
}

// workPerByte is FuzzWorkBudget's budget.
const workPerByte = 24
