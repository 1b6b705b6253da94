// Package config finds and reads .toslint.yml and resolves it, with the rule
// packs it names, into one immutable *policy.Policy.
//
// Every error names file:line:col. The format uses lists of objects, never
// maps keyed by rule IDs, paths or package names: golangci-lint's settings
// layer lowercases map keys and splits them on dots, and the same structure
// is decoded from golangci-lint settings by the plugin.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/rule"
	"github.com/toslint/toslint/internal/yamlx"
	"github.com/toslint/toslint/rules"
)

// Names are the file names Find looks for, in order.
var Names = []string{".toslint.yml", ".toslint.yaml"}

// File is the structure of .toslint.yml. See README.md for each key.
type File struct {
	Packs            []PackRef           `yaml:"packs" json:"packs,omitempty"`
	Rules            []RuleOverride      `yaml:"rules" json:"rules,omitempty"`
	FailOn           string              `yaml:"fail_on" json:"fail_on,omitempty"`
	Exclude          []string            `yaml:"exclude" json:"exclude,omitempty"`
	CopyrightHolders []policy.Holder     `yaml:"copyright_holders" json:"copyright_holders,omitempty"`
	TrademarkOwner   policy.OwnerSetting `yaml:"trademark_owner" json:"trademark_owner,omitempty"`
	Wrappers         []policy.Wrapper    `yaml:"wrappers" json:"wrappers,omitempty"`
	MaxFileSize      int64               `yaml:"max_file_size" json:"max_file_size,omitempty"`
	ProseKeys        []string            `yaml:"front_matter_prose_keys" json:"front_matter_prose_keys,omitempty"`
	// Per-document limits of the document scanner (policy.Limits); nil
	// keeps the default.
	MaxNestingDepth         *int `yaml:"max_nesting_depth" json:"max_nesting_depth,omitempty"`
	MaxFootnotes            *int `yaml:"max_footnotes" json:"max_footnotes,omitempty"`
	MaxBracketsPerParagraph *int `yaml:"max_brackets_per_paragraph" json:"max_brackets_per_paragraph,omitempty"`
	MaxEmphasisPerParagraph *int `yaml:"max_emphasis_per_paragraph" json:"max_emphasis_per_paragraph,omitempty"`
	DocumentTimeout         *int `yaml:"document_timeout" json:"document_timeout,omitempty"` // seconds
}

// PackRef names a pack: an embedded one by name, or a file by path
// (relative to the config file's directory).
type PackRef struct {
	Name string `yaml:"name" json:"name,omitempty"`
	Path string `yaml:"path" json:"path,omitempty"`
}

// RuleOverride turns a rule on or off or changes its severity.
type RuleOverride struct {
	ID       string `yaml:"id" json:"id,omitempty"`
	Enabled  *bool  `yaml:"enabled" json:"enabled,omitempty"`
	Severity string `yaml:"severity" json:"severity,omitempty"`
}

// MaxFileSizeLimit is the largest max_file_size accepted.
const MaxFileSizeLimit = 1 << 30

// Find walks up from dir and returns the first config file found, or ""
// when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		for _, n := range Names {
			p := filepath.Join(dir, n)
			if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
				continue
			} else if err != nil {
				return "", fmt.Errorf("looking for config: %w", err)
			}
			// It exists: it is the config, or an error (never skipped for
			// a parent's, which would apply other rules without a word).
			st, err := os.Stat(p)
			switch {
			case err != nil:
				return "", fmt.Errorf("config %s: %v (a broken symbolic link?)", p, unwrap(err))
			case !st.Mode().IsRegular():
				return "", fmt.Errorf("config %s is not a regular file (found a %s)", p, kind(st.Mode()))
			}
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Default returns the policy used when there is no config file: every
// embedded pack and every rule at its registry default.
func Default(root string) (*policy.Policy, error) {
	return Parse("", nil, root)
}

// Load reads and resolves a config file. Relative pack paths and exclude
// patterns are taken from the file's directory.
func Load(file string) (*policy.Policy, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	return Parse(file, data, filepath.Dir(file))
}

// Parse resolves config data from file (which may be "" for none) with
// root as the directory relative paths are taken from.
func Parse(file string, data []byte, root string) (*policy.Policy, error) {
	var f File
	doc, err := yamlx.Decode(file, data, &f)
	if err != nil {
		return nil, err
	}
	return Resolve(&f, doc, root)
}

// Resolve turns a decoded File into a Policy. doc positions errors.
func Resolve(f *File, doc *yamlx.Doc, root string) (*policy.Policy, error) {
	o := policy.Options{
		Rules:          map[string]policy.RuleSetting{},
		Holders:        f.CopyrightHolders,
		TrademarkOwner: f.TrademarkOwner,
		Wrappers:       f.Wrappers,
		MaxFileSize:    f.MaxFileSize,
		ProseKeys:      f.ProseKeys,
		Root:           root,
		ConfigFile:     doc.File,
	}
	refs := f.Packs
	if len(refs) == 0 {
		for _, name := range rules.Names() { // every embedded pack
			refs = append(refs, PackRef{Name: name})
		}
	}
	seen := map[string]string{}
	for i, ref := range refs {
		at := fmt.Sprintf("packs[%d]", i)
		var (
			p   *policy.Pack
			err error
		)
		switch {
		case ref.Name != "" && ref.Path != "":
			return nil, doc.Errorf(at, "a pack has either name (embedded) or path (file), not both")
		case ref.Name != "":
			p, err = rules.Embedded(ref.Name)
			if err != nil {
				return nil, doc.Errorf(at+".name", "%v", err)
			}
		case ref.Path != "":
			pth := ref.Path
			if !filepath.IsAbs(pth) {
				pth = filepath.Join(root, pth)
			}
			p, err = rules.LoadFile(pth)
			var perr *yamlx.Error
			if errors.As(err, &perr) {
				return nil, err // positioned in the pack file
			} else if err != nil {
				return nil, doc.Errorf(at+".path", "%v", err)
			}
		default:
			return nil, doc.Errorf(at, "a pack needs name (embedded pack) or path (pack file)")
		}
		if prev, dup := seen[p.Name]; dup {
			return nil, doc.Errorf(at, "pack %q is listed twice (also from %s)", p.Name, prev)
		}
		seen[p.Name] = p.File
		o.Packs = append(o.Packs, p)
	}
	for i, r := range f.Rules {
		at := fmt.Sprintf("rules[%d]", i)
		if _, ok := rule.Lookup(r.ID); !ok {
			return nil, doc.Errorf(at+".id", "unknown rule %q (run `toslint rules` for the list)", r.ID)
		}
		if _, dup := o.Rules[r.ID]; dup {
			return nil, doc.Errorf(at+".id", "rule %s is configured twice", r.ID)
		}
		def, _ := rule.Lookup(r.ID)
		s := policy.RuleSetting{Enabled: def.Default}
		if r.Enabled != nil {
			s.Enabled = *r.Enabled
		}
		if r.Severity != "" {
			sev, err := rule.ParseSeverity(r.Severity)
			if err != nil {
				return nil, doc.Errorf(at+".severity", "%v", err)
			}
			s.Severity = sev
		}
		if r.Enabled == nil && r.Severity == "" {
			return nil, doc.Errorf(at, "rule %s: set enabled, severity or both", r.ID)
		}
		o.Rules[r.ID] = s
	}
	if f.FailOn != "" {
		sev, err := rule.ParseSeverity(f.FailOn)
		if err != nil {
			return nil, doc.Errorf("fail_on", "%v", err)
		}
		o.FailOn = sev
	}
	for i, pat := range f.Exclude {
		if !doublestar.ValidatePattern(pat) || strings.HasPrefix(pat, "/") || strings.Contains(pat, `\`) {
			return nil, doc.Errorf(fmt.Sprintf("exclude[%d]", i), "bad exclude pattern %q (use slash-separated globs relative to the config file, such as docs/archive/**)", pat)
		}
		o.Exclude = append(o.Exclude, strings.TrimPrefix(pat, "./"))
	}
	for i, h := range f.CopyrightHolders {
		if strings.TrimSpace(h.Name) == "" {
			return nil, doc.Errorf(fmt.Sprintf("copyright_holders[%d]", i), "copyright holder has no name")
		}
		for j, a := range h.Aliases {
			if strings.TrimSpace(a) == "" {
				return nil, doc.Errorf(fmt.Sprintf("copyright_holders[%d].aliases[%d]", i, j), "empty alias")
			}
		}
	}
	for i, w := range f.Wrappers {
		at := fmt.Sprintf("wrappers[%d]", i)
		if !strings.HasPrefix(w.Type, "(") || !strings.HasSuffix(w.Type, ")") || !strings.Contains(w.Type, ".") {
			return nil, doc.Errorf(at+".type", "wrapper type %q must be written (*import/path.Type) or (import/path.Type)", w.Type)
		}
		if !hasAPI(o.Packs, w.API) {
			return nil, doc.Errorf(at+".api", "no pack in force defines API family %q", w.API)
		}
	}
	if name := f.TrademarkOwner.Named(); name != "" {
		var owners []string
		found := false
		for _, p := range o.Packs {
			if p.Trademarks != nil && p.Trademarks.Owner != "" {
				found = found || strings.EqualFold(p.Trademarks.Owner, name)
				if !slices.Contains(owners, p.Trademarks.Owner) {
					owners = append(owners, p.Trademarks.Owner)
				}
			}
		}
		if !found {
			return nil, doc.Errorf("trademark_owner", "no pack in force has the trademark owner %q (want true, false, auto or one of: %s)", name, strings.Join(owners, ", "))
		}
	}
	switch {
	case f.MaxFileSize < 0 || f.MaxFileSize == 0 && doc.Has("max_file_size"):
		return nil, doc.Errorf("max_file_size", "max_file_size must be at least 1 (bytes); leave it out for the default, %d", policy.DefaultMaxFileSize)
	case f.MaxFileSize > MaxFileSizeLimit:
		return nil, doc.Errorf("max_file_size", "max_file_size %d is too large (at most %d, 1 GiB: a document is held in memory while it is scanned)", f.MaxFileSize, int64(MaxFileSizeLimit))
	}
	for i, k := range f.ProseKeys {
		if strings.TrimSpace(k) == "" {
			return nil, doc.Errorf(fmt.Sprintf("front_matter_prose_keys[%d]", i), "empty front matter key")
		}
	}
	for _, l := range []struct {
		key  string
		v    *int
		dst  *int
		unit string
	}{
		{"max_nesting_depth", f.MaxNestingDepth, &o.Limits.NestingDepth, "levels"},
		{"max_footnotes", f.MaxFootnotes, &o.Limits.Footnotes, "footnote references and definitions"},
		{"max_brackets_per_paragraph", f.MaxBracketsPerParagraph, &o.Limits.Brackets, "'[' characters"},
		{"max_emphasis_per_paragraph", f.MaxEmphasisPerParagraph, &o.Limits.Emphasis, "runs of '*', '_' or '~'"},
		{"document_timeout", f.DocumentTimeout, nil, "seconds"},
	} {
		if l.v == nil {
			continue
		}
		if *l.v < 1 || *l.v > maxLimit {
			return nil, doc.Errorf(l.key, "%s must be a whole number from 1 to %d (%s)", l.key, maxLimit, l.unit)
		}
		if l.dst != nil {
			*l.dst = *l.v
		} else {
			o.Limits.DocumentTimeout = time.Duration(*l.v) * time.Second
		}
	}
	return policy.New(o), nil
}

// maxLimit bounds the per-document limits: past it a limit protects
// nothing.
const maxLimit = 1 << 30

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

func hasAPI(packs []*policy.Pack, name string) bool {
	for _, p := range packs {
		for _, a := range p.APIs {
			if a.Name == name {
				return true
			}
		}
	}
	return false
}

// FromSettings resolves a File that was decoded from somewhere other than a
// YAML file, such as golangci-lint's plugin settings. Errors name source;
// relative pack paths are taken from root.
func FromSettings(f File, source, root string) (*policy.Policy, error) {
	return Resolve(&f, yamlx.NewDoc(source), root)
}
