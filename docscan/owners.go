package docscan

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/toslint/toslint/internal/licenseid"
	"github.com/toslint/toslint/internal/policy"
)

// owner is one mark owner and licensor, merged from every pack in force
// that names it. Two packs of one owner (the Defender and Graph packs are
// both Microsoft's) share marks, retired names and notices; merging them
// here is what makes a finding once per occurrence, however many packs
// name the same owner.
type owner struct {
	name        string
	packs       []*policy.Pack
	trade       []string         // trade names: their possessive is the company's
	attribution []policy.Pattern // acceptable trademark statements (TOS405)
	marks       []policy.Mark
	retired     []policy.RetiredName
	logos       []policy.Pattern
	products    []string        // the owner's own product names (TOS404)
	notices     []policy.Notice // the first notice of each id
	reuse       *policy.Reuse   // how to recognise its reused content (TOS309)
	evidence    policy.OwnerEvidence
	claim       *regexp.Regexp // endorsement and affiliation claims (TOS407)
	syntax      []lineMatcher  // reuse markup (TOS309)
	weak        []lineMatcher  // markup shared with other platforms
	mode        OwnerMode
}

// OwnerMode says, for one mark owner of the packs in force, whether the
// repository was checked as the owner's own and why.
type OwnerMode struct {
	Owner  string   // "Microsoft"
	Packs  []string // the packs of this owner
	Own    bool     // the repository is the owner's (owner mode)
	Reason string   // what decided it, for people
}

// packNames lists an owner's packs for messages: "pack a" or "packs a, b".
func (o *owner) packNames() string {
	var names []string
	for _, p := range o.packs {
		names = append(names, p.Name)
	}
	if len(names) == 1 {
		return "pack " + names[0]
	}
	return "packs " + strings.Join(names, ", ")
}

// ownersOf merges the packs by owner, in the order the packs are listed.
// A pack without trademarks is its own owner, named after the pack.
func ownersOf(packs []*policy.Pack) []*owner {
	var out []*owner
	byName := map[string]*owner{}
	for _, p := range packs {
		key := "pack " + p.Name
		if p.Trademarks != nil && p.Trademarks.Owner != "" {
			key = p.Trademarks.Owner
		}
		o := byName[key]
		if o == nil {
			o = &owner{name: key}
			byName[key] = o
			out = append(out, o)
		}
		o.packs = append(o.packs, p)
		for _, n := range p.Notices {
			if !slices.ContainsFunc(o.notices, func(m policy.Notice) bool { return m.ID == n.ID }) {
				o.notices = append(o.notices, n)
			}
		}
		if r := p.ReuseSignal; r != nil {
			if o.reuse == nil {
				o.reuse = &policy.Reuse{}
			}
			o.reuse.FrontMatterKeys = appendNew(o.reuse.FrontMatterKeys, r.FrontMatterKeys...)
			o.reuse.SourceHosts = appendNew(o.reuse.SourceHosts, r.SourceHosts...)
			o.reuse.Syntax = appendPatterns(o.reuse.Syntax, r.Syntax...)
			o.reuse.WeakSyntax = appendPatterns(o.reuse.WeakSyntax, r.WeakSyntax...)
		}
		tm := p.Trademarks
		if tm == nil {
			continue
		}
		o.trade = appendNew(o.trade, tm.TradeNames...)
		o.attribution = appendPatterns(o.attribution, tm.Attribution...)
		o.logos = appendPatterns(o.logos, tm.LogoPatterns...)
		o.products = appendNew(o.products, tm.Products...)
		o.evidence.CopyrightHolders = appendNew(o.evidence.CopyrightHolders, tm.OwnerEvidence.CopyrightHolders...)
		o.evidence.Grants = appendPatterns(o.evidence.Grants, tm.OwnerEvidence.Grants...)
		for _, m := range tm.Marks {
			if i := slices.IndexFunc(o.marks, func(x policy.Mark) bool { return x.Name == m.Name }); i >= 0 {
				// The same mark in two packs: keep the first definition,
				// with the forms of both.
				o.marks[i].Abbreviations = appendNew(slices.Clone(o.marks[i].Abbreviations), m.Abbreviations...)
				o.marks[i].Informal = appendNew(slices.Clone(o.marks[i].Informal), m.Informal...)
				o.marks[i].Commands = appendNew(slices.Clone(o.marks[i].Commands), m.Commands...)
				continue
			}
			o.marks = append(o.marks, m)
		}
		for _, r := range tm.Retired {
			if i := slices.IndexFunc(o.retired, func(x policy.RetiredName) bool { return x.Name == r.Name }); i >= 0 {
				x := &o.retired[i]
				x.Forms = appendNew(slices.Clone(x.Forms), r.Forms...)
				x.Except = appendNew(slices.Clone(x.Except), r.Except...)
				for _, ph := range r.Phrases {
					if !slices.ContainsFunc(x.Phrases, func(y policy.Phrase) bool { return y.From == ph.From }) {
						x.Phrases = append(slices.Clone(x.Phrases), ph)
					}
				}
				continue
			}
			o.retired = append(o.retired, r)
		}
	}
	for _, o := range out {
		if len(o.trade) > 0 {
			o.claim = affiliationPattern(o)
		}
		if o.reuse != nil {
			o.compileReuse()
		}
	}
	return out
}

func appendNew(list []string, more ...string) []string {
	for _, m := range more {
		if !slices.Contains(list, m) {
			list = append(list, m)
		}
	}
	return list
}

func appendPatterns(list []policy.Pattern, more ...policy.Pattern) []policy.Pattern {
	for _, m := range more {
		if !slices.ContainsFunc(list, func(p policy.Pattern) bool { return p.String() == m.String() }) {
			list = append(list, m)
		}
	}
	return list
}

// hasMarks reports whether the owner has trademark data.
func (o *owner) hasMarks() bool { return len(o.marks)+len(o.retired)+len(o.trade) > 0 }

// isTradeName reports whether s is one of the owner's company names.
func (o *owner) isTradeName(s string) bool {
	return containsFold(o.trade, s) || strings.EqualFold(s, o.name)
}

// readmeTitle finds the first level-one ATX heading of a README.
var readmeTitle = regexp.MustCompile(`(?m)^#[ \t]+(.+?)[ \t#]*$`)

// htmlTitle finds an HTML h1 of a README.
var htmlTitle = regexp.MustCompile(`(?is)<h1\b[^>]*>\s*([^<]+?)\s*</h1>`)

// copyrightLine finds copyright lines: "Copyright (c) 2020-2024 Name".
var copyrightLine = regexp.MustCompile(`(?im)^[\s#*/>-]*copyright\s*(?:\(c\)|©)?\s*(?:[0-9]{4}(?:\s*[-–,]\s*[0-9]{4})*,?\s*)?(?:\(c\)|©)?\s*(.+)$`)

// detectOwners decides, for each owner, whether the repository is the
// owner's own: from the configuration when it says so, else from the
// root license, README and notices files (see policy.OwnerEvidence).
// It runs before the documents are read: reuse and endorsement rules
// depend on it.
func (s *scan) detectOwners() {
	setting := s.pol.TrademarkOwner()
	cfg := "the configuration"
	if f := s.pol.ConfigFile(); f != "" {
		cfg = filepath.Base(f)
	}
	roots := s.readRootFiles()
	for _, f := range roots {
		if strings.HasPrefix(strings.ToLower(f.name), "readme") && s.projectName == "" {
			if m := readmeTitle.FindStringSubmatch(f.raw); m != nil {
				s.projectName = strings.TrimSpace(strings.Trim(m[1], "#* "))
			} else if m := htmlTitle.FindStringSubmatch(f.raw); m != nil {
				s.projectName = strings.TrimSpace(m[1])
			}
		}
	}
	for _, o := range s.owners {
		o.mode = OwnerMode{Owner: o.name}
		for _, p := range o.packs {
			o.mode.Packs = append(o.mode.Packs, p.Name)
		}
		switch named := setting.Named(); {
		case named != "":
			o.mode.Own = strings.EqualFold(named, o.name)
			o.mode.Reason = fmt.Sprintf("trademark_owner: %s in %s", named, cfg)
		case setting == policy.OwnerYes:
			o.mode.Own, o.mode.Reason = true, "trademark_owner: true in "+cfg
		case setting == policy.OwnerNo:
			o.mode.Reason = "trademark_owner: false in " + cfg
		default:
			o.mode.Own, o.mode.Reason = o.evidenceIn(roots)
		}
	}
}

// rootFile is a README, license or notices file at the repository root.
type rootFile struct {
	name    string
	license bool
	text    string // contents, white space folded
	raw     string
}

// readRootFiles reads the root README, license and notices files (small,
// and few: owner detection needs them before the scan starts).
func (s *scan) readRootFiles() []rootFile {
	entries, err := os.ReadDir(s.opts.Root)
	if err != nil {
		return nil
	}
	var out []rootFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isNoticeFile(name) {
			continue
		}
		data := readLimited(filepath.Join(s.opts.Root, name), min(s.pol.MaxFileSize(), 1<<20))
		if len(data) == 0 {
			continue
		}
		raw := strings.TrimPrefix(string(data), "\ufeff")
		out = append(out, rootFile{name: name, license: licenseid.IsLicenseFile(name), raw: raw, text: strings.Join(strings.Fields(raw), " ")})
	}
	return out
}

// evidenceIn reports whether the root files show the repository is the
// owner's, and why.
func (o *owner) evidenceIn(roots []rootFile) (bool, string) {
	for _, f := range roots {
		if !f.license || len(o.evidence.CopyrightHolders) == 0 {
			continue
		}
		// Only the first copyright line counts: a project that credits
		// the owner for part of its history ("Copyright (c) Acme
		// contributors; Copyright (c) 2013 Owner Inc.") is not the owner's.
		m := copyrightLine.FindStringSubmatch(f.raw)
		if m == nil {
			continue
		}
		holder := strings.TrimSpace(m[1])
		for _, h := range o.evidence.CopyrightHolders {
			if hasWordPrefixFold(holder, h) {
				return true, fmt.Sprintf("%s names %s as the copyright holder", f.name, h)
			}
		}
	}
	for _, f := range roots {
		if f.license {
			continue
		}
		for _, g := range o.evidence.Grants {
			if g.MatchString(f.text) {
				return true, fmt.Sprintf("%s grants the content license in %s's name", f.name, o.name)
			}
		}
	}
	var owned []policy.Notice
	for _, n := range o.notices {
		if n.When == policy.Owner {
			owned = append(owned, n)
		}
	}
	if len(owned) >= 2 {
		var ev noticeEvidence
		var names []string
		for _, f := range roots {
			if f.license {
				continue
			}
			ev.prose = append(ev.prose, f.text)
			ev.links = append(ev.links, bareURL.FindAllString(f.raw, -1)...)
			names = append(names, f.name)
		}
		all := true
		for _, n := range owned {
			all = all && ev.satisfies(n)
		}
		if all {
			return true, fmt.Sprintf("%s carry %s's own notices", strings.Join(names, " and "), o.name)
		}
	}
	return false, fmt.Sprintf("no root license or notices file shows it is %s's (copyright holder, license grant or notices)", o.name)
}

// hasWordPrefixFold reports whether s starts with prefix, ignoring case,
// and the prefix ends at a word boundary.
func hasWordPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return false
	}
	return len(s) == len(prefix) || !isWordByte(s[len(prefix)])
}

// own reports whether the repository is checked as this owner's.
func (o *owner) own() bool { return o.mode.Own }

// Owners returns the owner decisions of a scan, in pack order.
func (s *scan) ownerModes() []OwnerMode {
	var out []OwnerMode
	for _, o := range s.owners {
		if o.hasMarks() || len(o.notices) > 0 || o.reuse != nil {
			out = append(out, o.mode)
		}
	}
	return out
}

// anyOwn reports whether the repository is some owner's.
func (s *scan) anyOwn() bool {
	for _, o := range s.owners {
		if o.own() {
			return true
		}
	}
	return false
}
