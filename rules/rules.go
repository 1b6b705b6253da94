// Package rules holds toslint's rule packs: each set of terms of use as
// data (API families and limits, content licenses, notices, trademarks).
//
// The packs under packs/ are embedded in the binary; users add their own by
// path. Load decodes a pack strictly (unknown keys are errors), validates
// it, and compiles its RE2 patterns once. Every error names file:line:col.
// The format is documented in README.md beside this file.
package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/toslint/toslint/internal/policy"
	"github.com/toslint/toslint/internal/rule"
	"github.com/toslint/toslint/internal/yamlx"
)

//go:embed packs/*.yaml
var embedded embed.FS

// Default is the founding pack (the seed terms of use). Every embedded pack
// is active when the configuration names none (see EmbeddedAll).
const Default = "microsoft-defender-endpoint"

// Error is a positioned error in a pack or config file.
type Error = yamlx.Error

// Names returns the names of the embedded packs, sorted.
func Names() []string {
	entries, err := fs.ReadDir(embedded, "packs")
	if err != nil {
		panic(err) // embedded at build time
	}
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return names
}

// Embedded loads the embedded pack with this name.
func Embedded(name string) (*policy.Pack, error) {
	file := "packs/" + name + ".yaml"
	data, err := embedded.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("unknown pack %q (embedded packs: %s)", name, strings.Join(Names(), ", "))
	}
	p, err := Parse("embedded:"+file, data)
	if err != nil {
		return nil, err
	}
	p.Embedded = true
	return p, nil
}

// LoadFile loads a pack from a file.
func LoadFile(file string) (*policy.Pack, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading pack: %w", err)
	}
	return Parse(file, data)
}

var (
	namePattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	hostPattern    = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)
	spdxPattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.+-]*$`)
	datePattern    = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$`)
	funcRefPattern = regexp.MustCompile(`^\(\*?[A-Za-z0-9_./~-]+\.[A-Za-z_][A-Za-z0-9_]*\)(\.[A-Za-z_][A-Za-z0-9_]*)?$`)
	httpMethods    = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
)

// Parse decodes and validates a pack. file names the source in errors.
func Parse(file string, data []byte) (*policy.Pack, error) {
	var p policy.Pack
	doc, err := yamlx.Decode(file, data, &p)
	if err != nil {
		return nil, err
	}
	v := validator{doc: doc}
	v.pack(&p)
	if v.err != nil {
		return nil, v.err
	}
	p.File = file
	return &p, nil
}

// validator records the first semantic error, positioned by path.
type validator struct {
	doc *yamlx.Doc
	err error
}

func (v *validator) check(ok bool, at, format string, args ...any) {
	if !ok && v.err == nil {
		v.err = v.doc.Errorf(at, format, args...)
	}
}

func (v *validator) pack(p *policy.Pack) {
	v.check(p.Name != "", "name", "pack has no name")
	v.check(p.Name == "" || namePattern.MatchString(p.Name), "name", "pack name %q must be lowercase words joined by hyphens", p.Name)
	v.check(p.Title != "", "title", "pack has no title")
	families := map[string]bool{}
	for i, a := range p.APIs {
		at := fmt.Sprintf("apis[%d]", i)
		v.api(a, at)
		v.check(!families[a.Name], at+".name", "duplicate API family %q", a.Name)
		families[a.Name] = true
	}
	for _, f := range []struct{ id, at string }{
		{p.Content.DocsLicense, "content.docs_license"},
		{p.Content.CodeLicense, "content.code_license"},
	} {
		v.check(f.id == "" || spdxPattern.MatchString(f.id), f.at, "%q is not an SPDX license identifier", f.id)
	}
	ids := map[string]bool{}
	for i, n := range p.Notices {
		at := fmt.Sprintf("notices[%d]", i)
		v.check(n.ID != "", at, "notice has no id")
		v.check(!ids[n.ID], at+".id", "duplicate notice id %q", n.ID)
		ids[n.ID] = true
		r, ok := rule.Lookup(n.Rule)
		v.check(ok, at+".rule", "unknown rule %q", n.Rule)
		v.check(!ok || r.Family() == "TOS3xx", at+".rule", "notice rule %s is not a license or notice rule (TOS3xx)", n.Rule)
		v.check(n.When == policy.Publisher || n.When == policy.Owner, at+".when", "when must be publisher or owner, not %q", n.When)
		v.check(len(n.Text)+len(n.Links) > 0, at, "notice %q has neither text nor links patterns", n.ID)
	}
	for i, h := range p.Content.NoticeHeadings {
		v.check(strings.TrimSpace(h) != "", fmt.Sprintf("content.notice_headings[%d]", i), "empty notice heading")
	}
	if t := p.Trademarks; t != nil {
		v.trademarks(t)
	}
}

// trademarks validates the marks, retired names and owner evidence.
func (v *validator) trademarks(t *policy.Trademarks) {
	v.check(t.Owner != "", "trademarks.owner", "trademarks need an owner")
	for i, h := range t.OwnerEvidence.CopyrightHolders {
		v.check(strings.TrimSpace(h) != "", fmt.Sprintf("trademarks.owner_evidence.copyright_holders[%d]", i), "empty copyright holder")
	}
	for i, pr := range t.Products {
		v.check(strings.TrimSpace(pr) != "", fmt.Sprintf("trademarks.products[%d]", i), "empty product name")
	}
	// Every written form (mark, informal form, retired name, its forms)
	// belongs to one entry: a form shared by two would be ambiguous.
	forms := map[string]string{}
	form := func(at, f, owner string) {
		key := strings.ToLower(strings.Join(strings.Fields(f), " "))
		prev, dup := forms[key]
		v.check(strings.TrimSpace(f) != "", at, "empty name")
		v.check(!dup, at, "%q is already listed (for %s)", f, prev)
		forms[key] = owner
	}
	for i, m := range t.Marks {
		at := fmt.Sprintf("trademarks.marks[%d]", i)
		v.check(strings.TrimSpace(m.Name) != "", at, "mark has no name")
		form(at+".name", m.Name, "mark "+m.Name)
		v.check(m.Kind == policy.Protected || m.Kind == policy.Dictionary, at+".kind", "kind must be protected or dictionary, not %q", m.Kind)
		v.check(m.Symbol == "" || m.Symbol == "®" || m.Symbol == "™", at+".symbol", "symbol must be ® or ™")
		for j, f := range m.Informal {
			form(fmt.Sprintf("%s.informal[%d]", at, j), f, "mark "+m.Name)
		}
		for j, c := range m.Commands {
			v.check(c != "" && c == strings.ToLower(c) && !strings.ContainsAny(c, " \t"), fmt.Sprintf("%s.commands[%d]", at, j),
				"command %q must be one lowercase word, as it is typed", c)
		}
	}
	for i, r := range t.Retired {
		at := fmt.Sprintf("trademarks.retired[%d]", i)
		v.check(strings.TrimSpace(r.Name) != "", at, "retired name has no name")
		form(at+".name", r.Name, "retired name "+r.Name)
		v.check(strings.TrimSpace(r.Replacement) != "", at, "retired name %q has no replacement", r.Name)
		v.check(r.Date == "" || datePattern.MatchString(r.Date), at+".date", "date %q must be YYYY-MM or YYYY-MM-DD", r.Date)
		v.check(r.LongerNames == "" || r.LongerNames == "renamed" || r.LongerNames == "current", at+".longer_names",
			"longer_names must be renamed or current, not %q", r.LongerNames)
		heads := append([]string{r.Name}, r.Forms...)
		for j, f := range r.Forms {
			form(fmt.Sprintf("%s.forms[%d]", at, j), f, "retired name "+r.Name)
		}
		for j, e := range r.Except {
			v.check(containsHead(e, heads), fmt.Sprintf("%s.except[%d]", at, j), "exception %q does not contain %q or one of its forms", e, r.Name)
		}
		for j, ph := range r.Phrases {
			pat := fmt.Sprintf("%s.phrases[%d]", at, j)
			v.check(containsHead(ph.From, heads), pat+".from", "phrase %q does not contain %q or one of its forms", ph.From, r.Name)
			v.check(strings.TrimSpace(ph.To) != "", pat+".to", "phrase %q has no replacement", ph.From)
			v.check(ph.From != ph.To, pat+".to", "phrase %q is replaced by itself", ph.From)
		}
	}
}

// containsHead reports whether phrase contains one of heads as whole
// words.
func containsHead(phrase string, heads []string) bool {
	p := " " + strings.Join(strings.Fields(phrase), " ") + " "
	for _, h := range heads {
		h = strings.Join(strings.Fields(h), " ")
		if h == "" {
			continue
		}
		for i := 0; ; {
			j := strings.Index(p[i:], h)
			if j < 0 {
				break
			}
			j += i
			before, after := p[j-1], byte(' ')
			if j+len(h) < len(p) {
				after = p[j+len(h)]
			}
			if !isLetterOrDigit(before) && !isLetterOrDigit(after) {
				return true
			}
			i = j + 1
		}
	}
	return false
}

func isLetterOrDigit(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (v *validator) api(a policy.API, at string) {
	v.check(a.Name != "", at, "API family has no name")
	v.check(a.Name == "" || namePattern.MatchString(a.Name), at+".name", "API family name %q must be lowercase words joined by hyphens", a.Name)
	v.check(len(a.Hosts)+len(a.HostPatterns)+len(a.SDK)+len(a.Interfaces)+len(a.Wrappers) > 0, at,
		"API family %q has no hosts, host_patterns, sdk, interfaces or wrappers: nothing could match it", a.Name)
	for j, h := range a.Hosts {
		v.check(hostPattern.MatchString(h), fmt.Sprintf("%s.hosts[%d]", at, j), "%q is not a lowercase host name (no scheme, port or path)", h)
	}
	for j, pp := range a.PathPrefixes {
		v.check(strings.HasPrefix(pp, "/"), fmt.Sprintf("%s.path_prefixes[%d]", at, j), "path prefix %q must start with /", pp)
	}
	for j, s := range a.SDK {
		v.check(s.Package != "", fmt.Sprintf("%s.sdk[%d]", at, j), "sdk entry has no package")
	}
	for j, ref := range a.Interfaces {
		v.check(funcRefPattern.MatchString(ref) && strings.Count(ref, ").") == 1, fmt.Sprintf("%s.interfaces[%d]", at, j),
			"interface method %q must be written (import/path.Interface).Method", ref)
	}
	for j, ref := range a.Wrappers {
		v.check(funcRefPattern.MatchString(ref) && strings.HasSuffix(ref, ")"), fmt.Sprintf("%s.wrappers[%d]", at, j),
			"wrapper type %q must be written (*import/path.Type) or (import/path.Type)", ref)
	}
	v.check(a.MaxPageSize >= 0, at+".max_page_size", "max_page_size must not be negative")
	v.check(len(a.Limits) > 0, at, "API family %q has no limits", a.Name)
	for j, l := range a.Limits {
		lat := fmt.Sprintf("%s.limits[%d]", at, j)
		v.check(l.Calls >= 0 && l.Concurrency >= 0, lat, "negative limit")
		v.check(l.Calls > 0 || l.Concurrency > 0 || l.MinInterval > 0, lat, "limit sets none of calls, concurrency or min_interval")
		v.check(l.Calls == 0 || l.Window > 0, lat+".window", "a limit with calls needs a window")
		v.check(l.Calls > 0 || l.Window == 0, lat+".window", "a window needs calls")
		for k, m := range l.Methods {
			v.check(slices.Contains(httpMethods, m), fmt.Sprintf("%s.methods[%d]", lat, k), "unknown HTTP method %q", m)
		}
	}
}

// Describe returns a short description of a pack for listings:
// "microsoft-defender-endpoint (embedded)".
func Describe(p *policy.Pack) string {
	if p.Embedded {
		return p.Name + " (embedded)"
	}
	return p.Name + " (" + path.Base(p.File) + ")"
}

// EmbeddedAll loads every embedded pack, in name order. API families fire
// only on calls to their own APIs, so a pack a repository never uses costs
// it nothing.
func EmbeddedAll() ([]*policy.Pack, error) {
	var packs []*policy.Pack
	for _, name := range Names() {
		p, err := Embedded(name)
		if err != nil {
			return nil, err
		}
		packs = append(packs, p)
	}
	return packs, nil
}

// DefaultPolicy returns the policy with every embedded pack and every rule
// at its default: what an analyzer uses when nothing configures it.
func DefaultPolicy() *policy.Policy {
	packs, err := EmbeddedAll()
	if err != nil {
		panic(err) // embedded at build time and tested
	}
	return policy.New(policy.Options{Packs: packs})
}
