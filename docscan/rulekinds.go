package docscan

import (
	"slices"
	"strings"
)

// Rules come in kinds, as Vale's do: each kind is one type with its own
// check. A pageRule looks at one parsed document while the files are
// read (in parallel: it may only add findings and record state under
// s.mu); a repoRule runs once, after every file is read, over what the
// page rules recorded and the repository's root files.
//
// To add a rule: give it an ID in internal/rule/registry.go, write a type
// with ids() and check (or checkRepo), list it below, and add a fixture
// repository under testdata/repos with its golden file (quiet cases
// first).

// pageRule checks one document.
type pageRule interface {
	ids() []string // the rules it reports; it is skipped when all are off
	check(p *page)
}

// repoRule checks the repository once every document is read.
type repoRule interface {
	ids() []string
	checkRepo(s *scan)
}

// runRules and docRules run on every Markdown document, in this order.
// The run rules read the prose runs: on a large document, parsed in
// pieces, they run on each piece (see parseOptions.piece). The document
// rules read its front matter, links and comments, once.
var runRules = []pageRule{
	retiredNames{},    // TOS402: substitution from the rename table
	alteredMarks{},    // TOS401: existence of altered and informal forms
	markGrammar{},     // TOS403: plurals and possessives of marks
	firstUseSymbols{}, // TOS406: ® or ™ on first use
	markUse{},         // TOS405: marks used and attribution statements seen
	productNames{},    // TOS404: marks in another product's name
	claims{},          // TOS407: endorsement and affiliation claims
}

var docRules = []pageRule{
	logos{},        // TOS408: the owner's logos and badges
	reuseSignals{}, // TOS309: pages reused from a licensor
	declarations{}, // TOS308: licenses a page declares for itself
}

// repoRules run once, in this order.
var repoRules = []repoRule{
	licenseCoverage{},      // TOS301
	publisherRules{},       // TOS302-TOS305, TOS308
	ownerNotices{},         // TOS306, TOS307, TOS310
	attributionStatement{}, // TOS405
	reuseRecords{},         // TOS309
}

// page is one document being checked, with what several rules share:
// the term hits of each run (computed once) and, for changelogs, the date
// of each run's section.
type page struct {
	s     *scan
	d     *Document
	rel   string
	hits  [][]hit         // per run; nil for a run that is not prose
	dates []int           // per run: date (YYYYMMDD) of its changelog section, or 0
	lower map[string]bool // words the page writes in lower case (built when needed)
}

// nonProseKeys are front-matter keys that are never prose, whatever the
// configuration says: search keywords and tags are lists of terms.
var nonProseKeys = []string{"keywords", "tags", "aliases", "uid"}

func (s *scan) newPage(d *Document, rel string) *page {
	p := &page{s: s, d: d, rel: rel, hits: make([][]hit, len(d.Runs)), dates: sectionDates(d)}
	if s.matcher == nil {
		return p
	}
	for i, r := range d.Runs {
		if mdxCode(d, r) || r.Scope&ScopeFrontMatter != 0 && (containsFold(nonProseKeys, r.Key) || strings.HasPrefix(r.Key, "ms.")) {
			continue
		}
		p.hits[i] = s.matcher.find(r.Text)
	}
	return p
}

// enabled reports whether any of the rules is on.
func (s *scan) enabledAny(ids []string) bool {
	return slices.ContainsFunc(ids, s.pol.Enabled)
}

// checkPage runs the page rules on one whole document.
func (s *scan) checkPage(d *Document, rel string) {
	s.checkRuns(d, rel)
	s.checkDoc(d, rel)
}

// checkRuns runs the run rules on a document or one piece of it. With
// every trademark rule off, the runs are not matched against the marks.
func (s *scan) checkRuns(d *Document, rel string) {
	if !s.trademarkRules {
		return
	}
	p := s.newPage(d, rel)
	for _, r := range runRules {
		if s.enabledAny(r.ids()) {
			r.check(p)
		}
	}
}

// checkDoc runs the document rules.
func (s *scan) checkDoc(d *Document, rel string) {
	p := &page{s: s, d: d, rel: rel, hits: make([][]hit, len(d.Runs))}
	for _, r := range docRules {
		if s.enabledAny(r.ids()) {
			r.check(p)
		}
	}
}

// checkRepo runs the repository rules. Only the rules that judge pages
// (TOS309) run when the repository-level checks do not.
func (s *scan) checkRepo(files []file, repoLevel bool) {
	s.files = files
	for _, r := range repoRules {
		if _, pageLevel := r.(reuseRecords); (repoLevel || pageLevel) && s.enabledAny(r.ids()) {
			r.checkRepo(s)
		}
	}
}
