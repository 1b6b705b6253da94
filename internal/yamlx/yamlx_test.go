package yamlx_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/yamlx"
)

type inner struct {
	Name  string   `yaml:"name"`
	Count int      `yaml:"count"`
	Rate  float64  `yaml:"rate"`
	Tags  []string `yaml:"tags"`
}

type doc struct {
	Items []inner `yaml:"items"`
	On    *bool   `yaml:"on"`
	Skip  string  `yaml:"-"`
}

func TestDecode(t *testing.T) {
	var d doc
	src := "items:\n  - name: a\n    count: 0x10\n    rate: 1_000.5\n    tags: [x, y]\n  - &b {name: b}\n  - *b\non: true\n"
	pos, err := yamlx.Decode("f.yml", []byte(src), &d)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Items) != 3 || d.Items[0].Count != 16 || d.Items[0].Rate != 1000.5 || d.Items[2].Name != "b" || d.On == nil || !*d.On {
		t.Errorf("decoded %+v", d)
	}
	if l, c := pos.At("items[0].tags[1]"); l != 5 || c != 15 {
		t.Errorf("At(items[0].tags[1]) = %d:%d", l, c)
	}
	if l, _ := pos.At("items[1].count"); l != 6 {
		t.Errorf("At falls back to the parent: got line %d", l)
	}
	if e := pos.Errorf("items[0].name", "bad %s", "name"); e.Error() != "f.yml:2:11: bad name" {
		t.Errorf("Errorf = %q", e)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", ""},
		{"# only a comment\n", ""},
		{"items: [{name: a, extra: 1}]\n", "f.yml:1:19: unknown key \"extra\" in items[0]"},
		{"items:\n  - count: 1.5\n", "f.yml:2:12: items[0].count: want a whole number, found \"1.5\""},
		{"items:\n  - count: 99999999999999999999\n", "f.yml:2:12: items[0].count: 99999999999999999999 is too large (at most 9223372036854775807)"},
		{"items:\n  - count: -99999999999999999999\n", "is too large"},
		{"items:\n  - name: *nope\n", "f.yml:2:11: invalid YAML: unknown anchor 'nope' referenced"},
		{"items:\n  - name: a*nope\n  - name: *nope\n", "f.yml:3:11: invalid YAML: unknown anchor 'nope' referenced"},
		{"items:\n  - name: wa\x01rn\n", "f.yml:2:13: invalid YAML: control characters are not allowed"},
		{"items:\n  - name: \xff\xfe\n", "f.yml:2:11: invalid YAML: invalid leading UTF-8 octet"},
		{"a: !%80 x\n", "f.yml:1:5: invalid YAML: found an incorrect leading UTF-8 octet"},
		{"\titems: []\n", "f.yml:1:1: invalid YAML: found character that cannot start any token"},
		{"items:\n  - name: a\n name: b\n", "f.yml:2:1: invalid YAML: did not find expected key"},
		{"items:\n  - rate: .nan\n", "bad number"},
		{"items:\n  - tags: x\n", "f.yml:2:11: items[0].tags: want a list, found \"x\""},
		{"items:\n  - name: [a]\n", "want a string, found a list"},
		{"on: yes please\n", "want true or false"},
		{"? [a]\n: b\n", "keys must be plain names"},
		// A recursive alias ends at the first value of the wrong kind.
		{"items: &a [*a]\n", "f.yml:1:8: items[0]: want a mapping of keys to values, found a list"},
		{"items: [{tags: &t [*t]}]\n", "want a string, found a list"},
	}
	for _, tt := range tests {
		var d doc
		_, err := yamlx.Decode("f.yml", []byte(tt.src), &d)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tt.src, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("items:\n  - name: a\n    tags: [x]\non: true\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("items: [{count: 1e3}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d doc
		_, err := yamlx.Decode("f.yml", data, &d)
		if err != nil && !strings.HasPrefix(err.Error(), "f.yml:") {
			t.Fatalf("error does not name the file: %v", err)
		}
		var e *yamlx.Error
		if errors.As(err, &e) && e.Line == 0 && len(data) > 0 {
			t.Fatalf("error without a position: %v", err)
		}
	})
}
