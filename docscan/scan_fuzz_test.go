package docscan

import (
	"go/token"
	"testing"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/rules"
)

// FuzzTrademarkScan runs the trademark rules over arbitrary Markdown: no
// panic, and every finding and fix lies inside the file.
func FuzzTrademarkScan(f *testing.F) {
	f.Add([]byte("# Azure Acme Toolkit\n\nWindows Defender\nATP and Powershell's Azures, official Microsoft plugin.\n"))
	f.Add([]byte("---\ntitle: Windows Defender ATP\n---\n![Microsoft logo](x/microsoft-logo.png)\n<img src=\"azure-icon.svg\" alt=\"Azure icon\">\n"))
	f.Add([]byte("Windows&nbsp;Defender ATP | *MicroSoft* [Share-Point](https://x) `Azure`\n"))
	f.Add([]byte("<div>\n<p>an Azure AD group in {\" \"}<code>AAD</code> <a href={`x`}>Github</a></p>\n<!-- c -->\n</div>\n"))
	f.Add([]byte("---\nms.author: a\nms.topic: b\n---\n> [!NOTE]\n> x\n\nAdapted from [p](https://learn.microsoft.com/x) by Microsoft.\n"))
	f.Add([]byte("## 2.0 (March 3, 2022)\n\n- Azure AD (now Microsoft Entra ID), an AAD tenant, Azure AD Foo\n"))
	pack, err := rules.Embedded(rules.Default)
	if err != nil {
		f.Fatal(err)
	}
	pol := policy.New(policy.Options{Packs: []*policy.Pack{pack}})
	proto := pageScan(pol)
	f.Fuzz(func(t *testing.T, src []byte) {
		s := proto.fresh()
		d := ParseMarkdown(token.NewFileSet(), "f.md", src)
		s.checkPage(d, "f.md")
		for _, fd := range s.findings {
			if fd.Pos.Offset < 0 || fd.Pos.Offset > len(src) || (fd.End.Line > 0 && (fd.End.Offset < fd.Pos.Offset || fd.End.Offset > len(src))) {
				t.Fatalf("%s at %d-%d outside a %d-byte file", fd.Rule, fd.Pos.Offset, fd.End.Offset, len(src))
			}
			for _, fx := range fd.Fixes {
				for _, e := range fx.Edits {
					if e.Start < 0 || e.End > len(src) || e.Start > e.End {
						t.Fatalf("fix %d-%d outside the file", e.Start, e.End)
					}
				}
			}
		}
	})
}
