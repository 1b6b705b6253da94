package attribution

import "testing"

func TestReusePatterns(t *testing.T) {
	for _, tt := range []struct {
		pattern, path string
		want          bool
	}{
		{"assets/**", "assets/a.png", true},
		{"assets/**", "assets/x/y/a.png", true},
		{"assets/**", "assets", false},
		{"assets/**", "other/assets/a.png", false},
		{"**", "a/b/c", true},
		{"**/*.go", "a/b/c.go", true},
		{"**/*.go", "c.go", false},
		{"src/**/gen/*.go", "src/a/b/gen/x.go", true},
		{"src/**/gen/*.go", "src/a/b/gen/sub/x.go", false},
		{"*.md", "README.md", true},
		{"*.md", "docs/README.md", false},
		{`file\*.txt`, "file*.txt", true},
		{`file\*.txt`, "fileX.txt", false},
		{"a.b", "axb", false},
		{"docs/*", "docs/a.md", true}, // a star at the end
		{"docs/*", "docs/x/a.md", false},
		{`odd\`, `odd\`, true}, // a backslash at the end escapes nothing: it is itself
	} {
		if got := reusePattern(tt.pattern).MatchString(tt.path); got != tt.want {
			t.Errorf("%q ~ %q = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func TestParseReuse(t *testing.T) {
	cfg, err := parseReuse([]byte(`version = 1

[[annotations]]
path = [
  "docs/**",
  "img/*.png",
]
SPDX-FileCopyrightText = ["2020 Jane Roe", "2021 John Poe"]
SPDX-License-Identifier = "CC-BY-4.0"

[[annotations]]
path = "docs/legal/**"
precedence = "override"
SPDX-License-Identifier = "MIT"

[[annotations]]
path = "mixed/**"
precedence = "aggregate"
SPDX-License-Identifier = "Apache-2.0"
`))
	if err != nil {
		t.Fatal(err)
	}
	m := &modInfo{reuse: cfg}
	for _, tt := range []struct{ rel, own, want string }{
		{"docs/a.md", "", "CC-BY-4.0"},
		{"docs/a.md", "MIT", ""},                   // closest: the file's own declaration wins
		{"docs/legal/x.md", "", "MIT"},             // the last matching table wins
		{"docs/legal/x.md", "BSD-3-Clause", "MIT"}, // override
		{"mixed/x.go", "MIT", "MIT AND Apache-2.0"},
		{"img/a.png", "", "CC-BY-4.0"},
		{"img/sub/a.png", "", ""},
		{"other.txt", "", ""},
	} {
		if got := m.reuseLicense(tt.rel, tt.own); got != tt.want {
			t.Errorf("reuseLicense(%q, %q) = %q, want %q", tt.rel, tt.own, got, tt.want)
		}
	}
	if !m.reuseNames("docs/a.md", "john poe") || m.reuseNames("docs/a.md", "someone else") || m.reuseNames("zzz", "jane roe") {
		t.Error("reuseNames")
	}
	for _, bad := range []string{"version = 1\n[[annotations]\n", "[[annotations]]\npath = 3\n", "[[annotations]]\npath = \"x\"\nprecedence = \"nearest\"\n"} {
		if _, err := parseReuse([]byte(bad)); err == nil {
			t.Errorf("parseReuse(%q): no error", bad)
		}
	}
	// The error names the table to fix, counting from 1 as a reader does.
	_, err = parseReuse([]byte("[[annotations]]\npath = \"a/**\"\n\n[[annotations]]\npath = \"b/**\"\nprecedence = \"nearest\"\n"))
	if want := `REUSE.toml: annotation 2: unknown precedence "nearest" (want closest, aggregate or override)`; err == nil || err.Error() != want {
		t.Errorf("parseReuse: error %v, want %s", err, want)
	}
	var nilCfg *reuseConfig
	if nilCfg.annotation("x") != nil {
		t.Error("nil config")
	}
}

func TestIdentityTokens(t *testing.T) {
	m := &modInfo{path: "github.com/widgetco/sprocket", own: map[string]bool{}, ownTokens: map[string]bool{}}
	for _, tk := range pathTokens(m.path) {
		m.ownTokens[tk] = true
	}
	m.addOwn("widget-go authors")
	for key, want := range map[string]bool{
		"widget-go and sprocket authors": true, // a conjunct names the module
		"sprocket authors":               true, // the repository
		"widgetcorp":                     true, // shares the owner's prefix
		"go authors":                     false,
		"gadget inc":                     false,
		"the tools authors":              false,
	} {
		if got := m.isOwn(key); got != want {
			t.Errorf("isOwn(%q) = %v, want %v", key, got, want)
		}
	}
}
