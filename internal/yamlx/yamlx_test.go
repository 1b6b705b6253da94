package yamlx_test

import (
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
		{"items:\n  - count: 99999999999999999999\n", "want a whole number"},
		{"items:\n  - rate: .nan\n", "bad number"},
		{"items:\n  - tags: x\n", "f.yml:2:11: items[0].tags: want a list, found \"x\""},
		{"items:\n  - name: [a]\n", "want a string, found a list"},
		{"on: yes please\n", "want true or false"},
		{"? [a]\n: b\n", "keys must be plain names"},
		{"a: &a [*a, *a]\nitems: *a\n", ""}, // recursive alias: rejected by the yaml parser or by us
	}
	for _, tt := range tests {
		var d doc
		_, err := yamlx.Decode("f.yml", []byte(tt.src), &d)
		if tt.want == "" {
			if err != nil && !strings.Contains(tt.src, "&a") {
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
		if err != nil && !strings.HasPrefix(err.Error(), "f.yml") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
