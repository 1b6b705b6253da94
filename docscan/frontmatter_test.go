package docscan

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// digest renders what the front-matter code reads of a YAML tree: each
// top-level key and its place, and each value (scalars, or lists of them)
// with its place and quoting; empty values by kind alone.
func digest(root *yaml.Node) string {
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return "not a mapping"
	}
	var b strings.Builder
	m := root.Content[0]
	scalar := func(v *yaml.Node) {
		if v.Kind != yaml.ScalarNode {
			fmt.Fprintf(&b, " kind %d", v.Kind)
			return
		}
		if v.Value == "" {
			b.WriteString(" empty")
			return
		}
		fmt.Fprintf(&b, " %q@%d:%d/%d", v.Value, v.Line, v.Column, v.Style)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		fmt.Fprintf(&b, "%q@%d:%d =", k.Value, k.Line, k.Column)
		if v.Kind == yaml.SequenceNode {
			b.WriteString(" [")
			for _, sv := range v.Content {
				scalar(sv)
			}
			b.WriteString(" ]")
		} else {
			scalar(v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// FuzzSimpleYAML checks the fast front-matter reader against the YAML
// library: whatever it accepts, the library reads the same way.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range []string{
		"title: A page\nms.date: 01/18/2026\nexternal help file: x.dll-Help.xml\n",
		"title: \"Quoted: yes\"\ndescription: 'single'\nkeywords:\n  - one\n  - two\n",
		"aliases:\n  - '%'\n  - foreach\ntitle: ForEach-Object\n",
		"aliases:\n- a\n- b\n# comment\n\nlicense: CC-BY-4.0\n",
		"título: Azúre x\n", "a:\nb: c\n", "a: b\na: c\n", "a: b #c\n", "a: [x, y]\n", "a: |\n  x\n",
		"a: b\n  c\n", "- x\n", "<<: *x\n", "a: \"x\\ty\"\n", "a:b\n", "a: null\n", "a: ~\n", "key:\n  - x\n  -  y\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, block []byte) {
		fast, ok := simpleYAML(block)
		if !ok {
			return
		}
		var slow yaml.Node
		if err := yaml.Unmarshal(block, &slow); err != nil {
			t.Fatalf("simpleYAML read %q, the YAML library rejects it: %v", block, err)
		}
		if got, want := digest(fast), digest(&slow); got != want {
			t.Fatalf("simpleYAML and the YAML library differ on %q\nfast:\n%s\nlibrary:\n%s", block, got, want)
		}
	})
}
