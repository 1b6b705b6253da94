package docscan

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/toslint/toslint/internal/policy"
)

// prescanOf runs the limits pass with no limit and returns its state.
func prescanOf(src []byte) *prescan {
	none := policy.Limits{NestingDepth: 1 << 30, Footnotes: 1 << 30, Brackets: 1 << 30, Emphasis: 1 << 30}
	p := &prescan{lim: none, src: src, footnotesOK: true}
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		p.line++
		p.lineEnd = end
		p.scanLine(src[off:end], off) // a CR before the LF stays: goldmark reads it as text in places
		off = end + 1
	}
	p.endUnit()
	return p
}

// astCounts returns what goldmark built: the deepest nesting of block
// quotes and lists, and the most '[' and emphasis runs in the source lines
// of one paragraph, text block or heading.
func astCounts(src []byte) (depth, brackets, emphasis int) {
	root := markdown.Parse(text.NewReader(src))
	var walk func(n ast.Node, d int)
	walk = func(n ast.Node, d int) {
		switch n.(type) {
		case *ast.Blockquote, *ast.List:
			d++
			depth = max(depth, d)
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			var b []byte
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b = append(b, seg.Value(src)...)
			}
			if _, isTable := n.FirstChild().(*extast.Table); !isTable {
				brackets = max(brackets, bytes.Count(b, []byte("[")))
				emphasis = max(emphasis, delimiterRuns(b))
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, d)
		}
	}
	walk(root, 0)
	return
}

// FuzzLimitsSound checks that the limits pass never counts less than the
// parser meets: nesting, and brackets and emphasis runs in one inline
// unit. An undercount would let a stalling shape through to goldmark.
func FuzzLimitsSound(f *testing.F) {
	for _, s := range []string{
		"> > a\n> b [c](d)\n", "- a\n  - b\n    - c\n", "- - - x\n", "1. a\n   > b *c* _d_\n",
		"```\n[a](\n```\n[b](\n", "    code [\n\npara [ [\n", "a\n[b\n[c\n", "- a\nlazy [ [\n",
		"> ```\n[x\n", "- a\n```\n[[\n```\n", "| a | [b |\n|---|---|\n| [c | *d* |\n", "# h [ [\n[\n",
		"~~~\n> [\n~~~\n[[\n", "<div>\n[[\n</div>\n", "[^1]: a [b\n\n[^1]\n", "Term\n: def [x *y*\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 {
			return
		}
		src = bytes.Clone(src)
		normalizeCR(src) // as parseMarkdown does before both
		p := prescanOf(src)
		depth, brackets, emphasis := astCounts(src)
		if depth > p.maxDepth || brackets > p.maxBrackets || emphasis > p.maxEmphasis {
			t.Fatalf("%q: goldmark nests %d, and has %d '[' and %d emphasis runs in one block; the limits pass saw %d, %d and %d",
				src, depth, brackets, emphasis, p.maxDepth, p.maxBrackets, p.maxEmphasis)
		}
	})
}

// FuzzUnderLimitsSound checks the whole-document shortcut: when it says a
// document is under the limits, the line-by-line prescan finds it so too.
// The limits are small, so that fuzzed inputs reach them.
func FuzzUnderLimitsSound(f *testing.F) {
	for _, s := range []string{
		"> > > a\n", "- a\n  - b\n    - c\n      - d\n", "\t\t- x\n", "1. 2. 3. x\n", "[a] [b] [c]\n",
		"*a* _b_ ~c~\n", "[^1] [^2]\n\n[^1]: x\n", ">\t>\t> [x\n", "Term\n: : : def\n",
	} {
		f.Add([]byte(s))
	}
	lim := policy.Limits{NestingDepth: 4, Footnotes: 2, Brackets: 3, Emphasis: 3}
	f.Fuzz(func(t *testing.T, src []byte) {
		src = bytes.Clone(src)
		normalizeCR(src)
		if underLimits(src, lim) {
			if err := prescanLimits(src, lim); err != nil {
				t.Fatalf("%q: under the limits by its counts, but the prescan says %v", src, err)
			}
		}
	})
}
