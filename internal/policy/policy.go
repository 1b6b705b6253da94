package policy

import (
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/toslint/toslint/internal/rule"
)

// DefaultMaxFileSize is the size above which a file is reported (TOS001)
// instead of scanned.
const DefaultMaxFileSize = 10 << 20

// Limits bound the work the document scanner spends on one document: a
// document past one is reported (TOS001) instead of scanned, and the run
// goes on. The shapes they measure are the ones that make the Markdown
// parser super-linear. Zero fields take DefaultLimits.
type Limits struct {
	NestingDepth    int           // max_nesting_depth: block quotes and lists inside each other
	Footnotes       int           // max_footnotes: footnote references and definitions ([^label])
	Brackets        int           // max_brackets_per_paragraph: '[' in one paragraph or table row
	Emphasis        int           // max_emphasis_per_paragraph: runs of '*', '_' or '~' in one paragraph
	DocumentTimeout time.Duration // document_timeout: the watchdog for one document
}

// DefaultLimits are generous: real documentation stays far below them
// (MicrosoftDocs/PowerShell-Docs, 3,112 pages, at most: nesting 4, 3
// footnotes, 109 '[' and 57 emphasis runs in one paragraph, table row or
// list item). At the limits a paragraph costs goldmark a few milliseconds
// at worst, so a page of such paragraphs is still linear, at some 4 µs a
// byte instead of 0.05.
var DefaultLimits = Limits{NestingDepth: 100, Footnotes: 5000, Brackets: 2000, Emphasis: 2000, DocumentTimeout: 20 * time.Second}

// Holder is one of the project's own copyright holders.
type Holder struct {
	Name    string   `yaml:"name" json:"name,omitempty"`
	Aliases []string `yaml:"aliases" json:"aliases,omitempty"`
}

// Wrapper names a type of the project whose methods reach an API family.
type Wrapper struct {
	Type string `yaml:"type" json:"type,omitempty"` // "(*example.com/x/client.Client)"
	API  string `yaml:"api" json:"api,omitempty"`   // API family name from a pack
}

// RuleSetting is the resolved state of one rule.
type RuleSetting struct {
	Enabled  bool
	Severity rule.Severity
}

// Options carries everything New needs. It is the output of config
// resolution; engines never see it.
type Options struct {
	Packs          []*Pack
	Rules          map[string]RuleSetting // overrides by rule ID
	FailOn         rule.Severity
	Exclude        []string // doublestar patterns, slash-separated, relative to Root
	Holders        []Holder
	TrademarkOwner OwnerSetting
	Wrappers       []Wrapper
	MaxFileSize    int64
	ProseKeys      []string // front-matter keys whose values are prose (nil: the defaults)
	Limits         Limits   // per-document limits of the document scanner
	Root           string   // directory that relative patterns are taken from
	ConfigFile     string   // the config file used, if any
}

// Policy is the resolved policy. Create it with New; it is safe for
// concurrent use and never changes.
type Policy struct {
	opts  Options
	rules map[string]RuleSetting
}

// New resolves options into a Policy. Rules without an override take their
// registry defaults. It does not validate: internal/config does, with
// positions.
func New(o Options) *Policy {
	p := &Policy{opts: o, rules: map[string]RuleSetting{}}
	p.opts.Packs = slices.Clone(o.Packs)
	p.opts.Exclude = slices.Clone(o.Exclude)
	p.opts.Holders = slices.Clone(o.Holders)
	p.opts.Wrappers = slices.Clone(o.Wrappers)
	if p.opts.FailOn == 0 {
		p.opts.FailOn = rule.Warning
	}
	if p.opts.MaxFileSize <= 0 {
		p.opts.MaxFileSize = DefaultMaxFileSize
	}
	l, d := &p.opts.Limits, DefaultLimits
	l.NestingDepth = cmp.Or(l.NestingDepth, d.NestingDepth)
	l.Footnotes = cmp.Or(l.Footnotes, d.Footnotes)
	l.Brackets = cmp.Or(l.Brackets, d.Brackets)
	l.Emphasis = cmp.Or(l.Emphasis, d.Emphasis)
	l.DocumentTimeout = cmp.Or(l.DocumentTimeout, d.DocumentTimeout)
	for _, r := range rule.All() {
		s := RuleSetting{Enabled: r.Default, Severity: r.Severity}
		if o, ok := o.Rules[r.ID]; ok {
			s.Enabled = o.Enabled
			if o.Severity != 0 {
				s.Severity = o.Severity
			}
		}
		p.rules[r.ID] = s
	}
	return p
}

// Enabled reports whether the rule with this ID is on.
func (p *Policy) Enabled(id string) bool { return p.rules[id].Enabled }

// Severity returns the effective severity of a rule.
func (p *Policy) Severity(id string) rule.Severity {
	if s, ok := p.rules[id]; ok {
		return s.Severity
	}
	if r, ok := rule.Lookup(id); ok {
		return r.Severity
	}
	return rule.Warning
}

// Packs returns the packs in force, in configuration order.
func (p *Policy) Packs() []*Pack { return p.opts.Packs }

// Pack returns the pack with this name.
func (p *Policy) Pack(name string) (*Pack, bool) {
	for _, pk := range p.opts.Packs {
		if pk.Name == name {
			return pk, true
		}
	}
	return nil, false
}

// FailOn is the lowest severity that makes `toslint check` exit 1.
func (p *Policy) FailOn() rule.Severity { return p.opts.FailOn }

// Holders are the project's own copyright holders from the configuration.
func (p *Policy) Holders() []Holder { return p.opts.Holders }

// TrademarkOwner is the trademark_owner setting: whether the repository
// belongs to the mark owners of the packs (owner mode: endorsement and
// reuse rules are off, owner notices are required), or, by default,
// whether docscan should detect it.
func (p *Policy) TrademarkOwner() OwnerSetting { return p.opts.TrademarkOwner }

// Wrappers are the configured wrapper types.
func (p *Policy) Wrappers() []Wrapper { return p.opts.Wrappers }

// MaxFileSize is the largest file docscan reads.
func (p *Policy) MaxFileSize() int64 { return p.opts.MaxFileSize }

// Limits are the document scanner's per-document limits.
func (p *Policy) Limits() Limits { return p.opts.Limits }

// ProseKeys are the front-matter keys whose values docscan lints; nil
// means its defaults (title, description, summary, keywords).
func (p *Policy) ProseKeys() []string { return p.opts.ProseKeys }

// Root is the directory relative exclude patterns are taken from.
func (p *Policy) Root() string { return p.opts.Root }

// ConfigFile is the configuration file the policy came from, or "".
func (p *Policy) ConfigFile() string { return p.opts.ConfigFile }

// Excluded reports whether a slash-separated path relative to Root is
// excluded by the configuration. A pattern also excludes everything under a
// matching directory.
func (p *Policy) Excluded(rel string) bool {
	for _, pat := range p.opts.Exclude {
		for dir := rel; dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
			if ok, _ := doublestar.Match(pat, dir); ok {
				return true
			}
		}
	}
	return false
}

// OwnerSetting is trademark_owner: "auto" or empty (detect the owners'
// repositories from their license and notices files), "true" (the
// repository is every pack owner's), "false" (a third party's), or the
// name of one owner ("Microsoft": that owner's, a third party for the
// others).
type OwnerSetting string

// Owner settings other than an owner's name.
const (
	OwnerAuto OwnerSetting = ""      // detect (the default)
	OwnerYes  OwnerSetting = "true"  // every pack owner's
	OwnerNo   OwnerSetting = "false" // a third party's
)

// Named returns the owner the setting names, or "".
func (o OwnerSetting) Named() string {
	switch o {
	case OwnerAuto, OwnerYes, OwnerNo:
		return ""
	}
	return string(o)
}

func (o OwnerSetting) String() string {
	if o == OwnerAuto {
		return "auto"
	}
	return string(o)
}

// UnmarshalText reads true, false, auto or an owner's name.
func (o *OwnerSetting) UnmarshalText(b []byte) error {
	v := strings.TrimSpace(string(b))
	switch strings.ToLower(v) {
	case "true":
		*o = OwnerYes
	case "false":
		*o = OwnerNo
	case "auto", "":
		*o = OwnerAuto
	default:
		for _, r := range v {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" .,&-", r) {
				return fmt.Errorf("want true, false, auto (detect) or the name of a pack's trademark owner, found %q", v)
			}
		}
		*o = OwnerSetting(v)
	}
	return nil
}

// MarshalText writes the setting as the configuration would.
func (o OwnerSetting) MarshalText() ([]byte, error) { return []byte(o), nil }

// UnmarshalJSON accepts a JSON boolean or one of the strings UnmarshalText
// reads, as plugin settings write either.
func (o *OwnerSetting) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case bool:
		*o = OwnerNo
		if v {
			*o = OwnerYes
		}
		return nil
	case string:
		return o.UnmarshalText([]byte(v))
	case nil:
		*o = OwnerAuto
		return nil
	}
	return fmt.Errorf("trademark_owner: want true, false, auto or an owner's name, found %s", b)
}

// Fingerprint hashes everything the policy decides: the packs in force
// and their data, every rule's setting and every option. Two policies
// with the same fingerprint make the engines report the same findings.
func (p *Policy) Fingerprint() ([]byte, error) {
	data, err := json.Marshal(struct {
		Options Options
		Rules   map[string]RuleSetting
	}{p.opts, p.rules})
	if err != nil {
		return nil, fmt.Errorf("fingerprinting the policy: %w", err)
	}
	sum := sha256.Sum256(data)
	return sum[:], nil
}
