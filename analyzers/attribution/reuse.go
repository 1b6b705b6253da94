package attribution

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// reuseConfig is a REUSE.toml (REUSE specification 3.x): annotations
// that give files their copyright and license.
type reuseConfig struct {
	Version     int               `toml:"version"`
	Annotations []reuseAnnotation `toml:"annotations"`
}

// reuseAnnotation is one [[annotations]] table. path, the copyright text
// and the license may each be a string or an array of strings.
type reuseAnnotation struct {
	Path       stringList `toml:"path"`
	Precedence string     `toml:"precedence"`
	Copyright  stringList `toml:"SPDX-FileCopyrightText"`
	License    stringList `toml:"SPDX-License-Identifier"`

	patterns []*regexp.Regexp
}

// stringList decodes a TOML string or array of strings.
type stringList []string

func (s *stringList) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*s = []string{v}
	case []any:
		for _, e := range v {
			str, ok := e.(string)
			if !ok {
				return fmt.Errorf("want strings, found %T", e)
			}
			*s = append(*s, str)
		}
	default:
		return fmt.Errorf("want a string or an array of strings, found %T", v)
	}
	return nil
}

// parseReuse decodes a REUSE.toml and compiles its path patterns.
func parseReuse(data []byte) (*reuseConfig, error) {
	var cfg reuseConfig
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		return nil, fmt.Errorf("REUSE.toml: %w", err)
	}
	for i := range cfg.Annotations {
		a := &cfg.Annotations[i]
		switch a.Precedence {
		case "", "closest", "aggregate", "override":
		default:
			return nil, fmt.Errorf("REUSE.toml: annotation %d: unknown precedence %q (want closest, aggregate or override)", i+1, a.Precedence)
		}
		for _, p := range a.Path {
			a.patterns = append(a.patterns, reusePattern(p))
		}
	}
	return &cfg, nil
}

// reusePattern compiles a REUSE.toml path pattern: `*` matches within one
// path element, `**` across elements, `\*` is a literal star and `\\` a
// backslash; the pattern matches the whole path.
func reusePattern(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\' && i+1 < len(p):
			i++
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		case c == '*' && i+1 < len(p) && p[i+1] == '*':
			i++
			b.WriteString(".*")
		case c == '*':
			b.WriteString("[^/]*")
		default:
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// annotation returns the annotation REUSE.toml gives a slash path
// relative to the module root: the last matching table wins, as the
// specification says; nil when none matches.
func (c *reuseConfig) annotation(rel string) *reuseAnnotation {
	if c == nil {
		return nil
	}
	for i := len(c.Annotations) - 1; i >= 0; i-- {
		for _, re := range c.Annotations[i].patterns {
			if re.MatchString(rel) {
				return &c.Annotations[i]
			}
		}
	}
	return nil
}

// license returns the license expression of an annotation.
func (a *reuseAnnotation) license() string { return strings.Join(a.License, " AND ") }

// reuseLicense returns the license REUSE.toml gives a file whose own
// header declares fileLicense ("" for none), following the precedence:
// "override" always wins; "closest" (the default) yields to the file's own
// declaration; "aggregate" applies beside it.
func (m *modInfo) reuseLicense(rel, fileLicense string) string {
	a := m.reuse.annotation(rel)
	if a == nil || len(a.License) == 0 {
		return ""
	}
	switch a.Precedence {
	case "override":
		return a.license()
	case "aggregate":
		if fileLicense != "" {
			return fileLicense + " AND " + a.license()
		}
		return a.license()
	default: // closest
		if fileLicense != "" {
			return ""
		}
		return a.license()
	}
}
