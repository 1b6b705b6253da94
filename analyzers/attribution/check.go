package attribution

import (
	"cmp"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"

	"github.com/toslint/toslint/internal/licenseid"
)

// checkStatements decides, for each holder and license a file names,
// whether the module carries its notice and text, and reports one finding
// per cause: a foreign holder without its notice is one TOS202, which
// also names the license text the module lacks for it; a license text
// missing where the holder is the module's own (or named) is one TOS203.
func (p *pass) checkStatements(fs *fileState) {
	m := p.mod
	lacking := p.missingTexts(fs)
	var missing []string
	for _, l := range lacking {
		for _, id := range l.lacks {
			missing = appendUnique(missing, id)
		}
	}
	seen := map[string]bool{}
	reported := false
	for _, s := range fs.stmts {
		if seen[s.key] || m.isOwn(s.key) {
			continue
		}
		seen[s.key] = true
		fs.foreign = true
		if u := fs.unit; u != nil && u.covers(s.key) {
			continue
		}
		if m.listed(s.key) || m.reuseNames(fs.rel, s.key) {
			continue
		}
		if u := fs.unit; u != nil && !u.serves {
			if fs.rel == u.first {
				p.reportUnit(fs, s)
			}
			continue
		}
		e := Entry{Rule: "TOS202", Holder: s.holder, Years: s.years, License: fs.declared(), File: fs.name, Unit: fs.unitDir(m.root), Source: copySource(fs.header)}
		where := "its notices or a LICENSE beside this code"
		if !reported && len(missing) > 0 {
			e.NeedText = strings.Join(missing, " AND ")
			p.entry(e)
			p.rep.Report("TOS202", fs.span(s.off, s.off+(s.end-s.col)), nil,
				"copyright of %q is neither the module's own nor named in %s, and the module carries no text of %s (add both to NOTICE: `toslint notices -w`)",
				s.holder, where, e.NeedText)
			reported = true
			continue
		}
		p.entry(e)
		p.rep.Report("TOS202", fs.span(s.off, s.off+(s.end-s.col)), nil,
			"copyright of %q is neither the module's own nor named in %s (add a NOTICE entry with its license: `toslint notices -w`)",
			s.holder, where)
		reported = true
	}
	if !reported && !(fs.unit != nil && !fs.unit.serves && fs.foreign) {
		for _, l := range lacking {
			need := strings.Join(l.lacks, " AND ")
			p.entry(Entry{Rule: "TOS203", NeedText: need, License: l.expr, File: fs.name, Unit: fs.unitDir(m.root)})
			p.rep.Report("TOS203", fs.span(l.off, l.end), nil,
				"%s is not the module's license (%s) and the module carries no text of %s (add LICENSES/%s.txt or the text to NOTICE: `toslint notices -w` copies it when the module has one)",
				l.expr, orUnknown(m.license), need, l.lacks[0])
		}
	}
	p.checkApacheNotice(fs)
}

// declared returns the license expressions the file states, joined.
func (fs *fileState) declared() string {
	var out []string
	for _, l := range fs.licenses {
		out = appendUnique(out, l.expr)
	}
	return strings.Join(out, " AND ")
}

// lacking is a license statement whose texts the module lacks.
type lacking struct {
	licenseAt
	lacks []string
}

// missingTexts returns the license statements of a file (and its
// REUSE.toml annotation) whose text the module does not carry for it.
func (p *pass) missingTexts(fs *fileState) []lacking {
	m := p.mod
	var out []lacking
	exprs := fs.licenses
	if a := m.reuse.annotation(fs.rel); a != nil && len(a.License) > 0 {
		// REUSE.toml precedence: override replaces the file's own
		// declaration, aggregate adds to it, closest fills in for none.
		at := licenseAt{expr: a.license(), off: fs.pkgOff, end: fs.pkgOff + len("package")}
		switch {
		case a.Precedence == "override":
			exprs = []licenseAt{at}
		case a.Precedence == "aggregate", len(exprs) == 0:
			exprs = append(exprs, at)
		}
	}
	seen := map[string]bool{}
	allowed := m.allowedFor(fs.unit)
	for _, l := range exprs {
		if seen[l.expr] || l.expr == m.license || m.declared[l.expr] {
			continue // the module's own license
		}
		seen[l.expr] = true
		if ok, _ := spdxexp.Satisfies(l.expr, allowed); ok {
			continue
		}
		ids, err := spdxexp.ExtractLicenses(l.expr)
		if err != nil || len(ids) == 0 {
			ids = []string{l.expr}
		}
		// ExtractLicenses returns a map's keys: put them in the order the
		// expression names them, so that messages do not change from run
		// to run.
		slices.SortFunc(ids, func(a, b string) int {
			return cmp.Or(cmp.Compare(strings.Index(l.expr, a), strings.Index(l.expr, b)), strings.Compare(a, b))
		})
		var lacks []string
		for _, id := range ids {
			if !slices.Contains(allowed, id) {
				lacks = append(lacks, id)
			}
		}
		if len(lacks) > 0 {
			out = append(out, lacking{l, lacks})
		}
	}
	return out
}

// allowedFor returns the license ids whose text the module carries for a
// file: the module's own licenses and texts, and its unit's texts. Both
// the -only and -or-later forms of a GPL-family text are listed.
func (m *modInfo) allowedFor(u *unit) []string {
	var ids []string
	add := func(id string) {
		ids = appendUnique(ids, id)
		if f := licenseid.Family(id); f != id || strings.Contains(id, "GPL") {
			ids = appendUnique(ids, f+"-only")
			ids = appendUnique(ids, f+"-or-later")
		}
	}
	for id := range m.declared {
		add(id)
	}
	for id := range m.texts {
		add(id)
	}
	if u != nil {
		add(u.license)
		for _, id := range u.texts {
			add(id)
		}
	}
	slices.Sort(ids)
	return ids
}

// covers reports whether a unit's own license serves as the notice of a
// holder: the license's terms make the file the notice, and it names the
// holder or no holder at all (an Apache-2.0 text, whose notices are the
// files' own headers).
func (u *unit) covers(key string) bool {
	if !u.serves {
		return false
	}
	if len(u.holders) == 0 {
		return true
	}
	for _, h := range u.holders {
		if h == key || strings.Contains(" "+h+" ", " "+key+" ") || strings.Contains(" "+key+" ", " "+h+" ") {
			return true
		}
	}
	return false
}

// reuseNames reports whether REUSE.toml gives the file a copyright text
// naming the holder.
func (m *modInfo) reuseNames(rel, key string) bool {
	a := m.reuse.annotation(rel)
	if a == nil {
		return false
	}
	for _, c := range a.Copyright {
		if strings.Contains(normalizeText(c), " "+key+" ") {
			return true
		}
	}
	return false
}

// reportUnit reports a copied folder whose own license does not serve as
// its notice and that the module's notices do not name: once, at its
// first Go file.
func (p *pass) reportUnit(fs *fileState, s stmtAt) {
	u := fs.unit
	if p.mod.mentions(u.dir) || p.mod.listed(holderKey(path.Base(u.dir))) {
		return
	}
	why := "its license is not one whose text alone is the notice"
	if u.license == "" {
		why = "toslint cannot identify its license"
	}
	p.entry(Entry{Rule: "TOS202", Holder: s.holder, Years: s.years, License: u.license, File: fs.name, Unit: fs.unitDir(p.mod.root)})
	p.rep.Report("TOS202", fs.span(s.off, s.off+(s.end-s.col)), nil,
		"%s/ carries its own license file (%s) but %s, and the module's notices do not name the folder or %q (add a NOTICE entry: `toslint notices -w`)",
		u.dir, path.Base(u.licenseFile), why, s.holder)
}

var asfNotice = regexp.MustCompile(`(?i)see the notice file distributed with`)

// checkApacheNotice reports foreign Apache-2.0 code whose header says the
// work ships a NOTICE file when the module carries none (Apache-2.0
// section 4(d)): only where the NOTICE is known to exist. Elsewhere
// `toslint notices` gives the advice.
func (p *pass) checkApacheNotice(fs *fileState) {
	if !fs.foreign || p.mod.hasNOTICE || !strings.Contains(fs.declared(), "Apache-2.0") {
		return
	}
	if fs.unit != nil && p.mod.unitHasNotice(fs.unit) {
		return
	}
	for _, g := range fs.header {
		if asfNotice.MatchString(g.text()) {
			l := g.list[0].lines()[0]
			p.rep.Report("TOS206", fs.span(l.off, l.off+len(strings.TrimRight(l.text, " \t"))), nil,
				"this Apache-2.0 code comes from a work that ships a NOTICE file, and the module carries none (copy its attribution notices into NOTICE: Apache-2.0 section 4(d))")
			return
		}
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func (m *modInfo) unitHasNotice(u *unit) bool {
	for _, n := range m.unitNotices[u.dir] {
		if strings.HasPrefix(strings.ToLower(n), "notice") {
			return true
		}
	}
	return false
}
