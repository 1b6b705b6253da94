package packinit

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Src is where a fact was read: a page and a 1-based line.
type Src struct {
	File string
	Line int
}

func (s Src) String() string { return fmt.Sprintf("%s:%d", s.File, s.Line) }

// Fact is one value read from the terms. Note says where a value came
// from when it is not the page (the command line); Guess, when set, says
// how the value was guessed; Review, why a person should check it.
type Fact struct {
	Value  string
	At     Src
	Note   string
	Guess  string
	Review string
}

// Draft is what the terms say, ready to be written as a pack. Every fact
// carries the line it came from.
type Draft struct {
	Name, Title Fact
	Family      Family
	DocsLicense Fact
	CodeLicense Fact
	// OtherLicenses are licenses named for the docs beside the first.
	OtherLicenses []Fact
	LicenseFile   bool // the grant points to a LICENSE file
	Notices       []Notice
	Trademarks    *Trademarks
	Reuse         Reuse
	// Skipped are table rows and sentences that looked like limits but
	// are not ("frequency of trigger polls").
	Skipped []Fact
	Pages   []string
}

// Family is the API the limits belong to.
type Family struct {
	Name, Title Fact
	Hosts       []Host
	Limits      []Limit
	// RetryAt is where the terms talk about HTTP 429 or Retry-After.
	RetryAt []Src
}

// Host is an API host name, or a host pattern from a templated URL.
type Host struct {
	Fact
	Pattern bool
}

// Limit is one limit, with the facts of policy.Limit that a page states.
type Limit struct {
	At          Src
	Review      string
	Name        string
	Calls       int
	Window      Window
	Scope       string
	Methods     []string
	Concurrency int
	MinInterval Window
	Clause      string
	Section     string // the heading the limit sits under
	Row         string // the name of its table row
}

// Notice is one notice of the owner's notice set.
type Notice struct {
	ID, Rule, When, Title string
	Text, Links           []string
	Hint                  string
	At                    Src
}

// Trademarks are the owner's marks as the trademark statement names them.
type Trademarks struct {
	Owner       Fact
	TradeNames  []string
	Guidelines  Fact
	Attribution []string
	Marks       []Mark
	Retired     []Retired
	Logos       []string
}

// Mark is one mark.
type Mark struct {
	Fact
	Symbol  string
	Abbrevs []Fact
}

// Retired is a product name the page says was replaced.
type Retired struct {
	Name, Replacement string
	At                Src
}

// Reuse are the signals of content copied from the owner's docs.
type Reuse struct {
	FrontMatterKeys []string
	KeysAt          Src
	Syntax          []Fact
	SourceHosts     []Fact
}

// Options are what the user adds on the command line.
type Options struct {
	Name  string   // pack name; derived from the title when empty
	Hosts []string // API hosts the pages do not name
}

// ErrNothing is returned when the pages hold nothing a pack could encode.
var ErrNothing = errors.New("found no limits, API hosts, licenses, trademark statement or notices")

// ErrNotUTF8 is returned for a page that is not UTF-8 text.
var ErrNotUTF8 = errors.New("not UTF-8 text")

// Extract reads terms pages and returns what they say. Pages are read in
// order; for a fact stated twice the first page wins.
func Extract(pages []Page, o Options) (*Draft, error) {
	d := &Draft{}
	var pgs []*page
	for _, p := range pages {
		if !utf8.Valid(p.Src) {
			return nil, fmt.Errorf("%s: %w", p.Name, ErrNotUTF8)
		}
		pg := parsePage(p)
		pgs = append(pgs, pg)
		d.Pages = append(d.Pages, p.Name)
	}
	for _, pg := range pgs {
		if d.Title.Value == "" && pg.title != "" {
			d.Title = Fact{Value: pg.title, At: pg.src(pg.titleAt)}
		}
	}
	lg := &legal{}
	for _, pg := range pgs {
		extractLimits(pg, d)
		extractLegal(pg, d, lg)
	}
	d.LicenseFile = lg.licenseFile
	d.finishLegal(pgs, lg)
	for _, pg := range pgs {
		extractHosts(pg, d)
		extractReuse(pg, d)
	}
	var hosts []string
	for _, h := range o.Hosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if !hostRE.MatchString(h) {
			return nil, fmt.Errorf("-host %q is not a host name (no scheme, port or path)", h)
		}
		hosts = append(hosts, h)
	}
	if len(d.Family.Limits) == 0 && len(d.Family.Hosts) == 0 && d.DocsLicense.Value == "" &&
		d.CodeLicense.Value == "" && d.Trademarks == nil && len(d.Notices) == 0 {
		return nil, ErrNothing
	}
	for _, h := range hosts {
		d.addHost(Host{Fact: Fact{Value: h, Note: "from -host"}})
	}
	d.names(o.Name)
	d.dedupeLimitNames()
	d.markSections()
	return d, nil
}

var (
	slugRE = regexp.MustCompile(`[^a-z0-9]+`)
	cutRE  = regexp.MustCompile(`(?i)\s*(?:[:|–—-]\s|\b(?:terms|license|licence|rate\s+limits?|throttling|limits|legal)\b).*$`)
)

// productOf returns the product an API title names: the capitalised
// words before "API" ("Microsoft Defender for Endpoint API license and
// terms of use" → "Microsoft Defender for Endpoint"; "Nutzungsbedingungen
// der Sorbus-API" → "Sorbus"), or the title up to words such as "terms".
func productOf(title string) string {
	words := strings.Fields(title)
	for i, w := range words {
		stem, isAPI := "", false
		switch {
		case w == "API" || w == "APIs" || strings.HasPrefix(w, "API:") || strings.HasPrefix(w, "APIs:"):
			isAPI = true
		case strings.HasSuffix(strings.TrimRight(w, ":,"), "-API"):
			stem, isAPI = strings.TrimSuffix(strings.TrimRight(w, ":,"), "-API"), true
		}
		if !isAPI {
			continue
		}
		var run []string
		if stem != "" {
			run = []string{stem}
		}
		for j := i - 1; j >= 0; j-- {
			c := words[j][0]
			if isUpper(c) || c >= '0' && c <= '9' || (words[j] == "for" || words[j] == "of") && len(run) > 0 {
				run = append([]string{words[j]}, run...)
				continue
			}
			break
		}
		for len(run) > 0 && (run[0] == "for" || run[0] == "of" || run[0] == "The") {
			run = run[1:]
		}
		if len(run) > 0 {
			return strings.Join(run, " ")
		}
	}
	return strings.TrimSpace(cutRE.ReplaceAllString(title, ""))
}

// names fills the pack and family names and the family title.
func (d *Draft) names(name string) {
	product := ""
	if t := d.Title.Value; t != "" {
		if p := productOf(t); p != "" {
			product = p + " API"
		}
	}
	if product != "" {
		d.Family.Title = Fact{Value: product, At: d.Title.At, Guess: "from the title"}
	}
	switch {
	case name != "":
		d.Name = Fact{Value: name, Note: "from -name"}
	case product != "":
		slug := strings.Trim(slugRE.ReplaceAllString(strings.ToLower(strings.TrimSuffix(product, " API")), "-"), "-")
		if slug != "" {
			d.Name = Fact{Value: slug, At: d.Title.At, Guess: "from the title; set it with -name"}
		}
	}
	if d.Name.Value == "" {
		base := d.Pages[0]
		if i := strings.LastIndexAny(base, `/\`); i >= 0 {
			base = base[i+1:]
		}
		base = strings.TrimSuffix(strings.TrimSuffix(base, ".md"), ".markdown")
		slug := strings.Trim(slugRE.ReplaceAllString(strings.ToLower(base), "-"), "-")
		if slug == "" {
			slug = "terms"
		}
		d.Name = Fact{Value: slug, Guess: "from the file name; set it with -name"}
	}
	d.Family.Name = Fact{Value: d.Name.Value}
}

// dedupeLimitNames makes limit names unique by adding the budget.
func (d *Draft) dedupeLimitNames() {
	count := map[string]int{}
	for _, l := range d.Family.Limits {
		count[l.Name]++
	}
	seen := map[string]int{}
	for i := range d.Family.Limits {
		l := &d.Family.Limits[i]
		if count[l.Name] < 2 {
			continue
		}
		if l.Calls > 0 {
			l.Name += fmt.Sprintf(" (%d per %s)", l.Calls, l.Window.Text)
		}
		seen[l.Name]++
		if seen[l.Name] > 1 {
			l.Name += fmt.Sprintf(" #%d", seen[l.Name])
		}
	}
}

// Count says how many facts of each kind a draft holds, for summaries.
func (d *Draft) Count() (limits, hosts, marks, notices int) {
	if d.Trademarks != nil {
		marks = len(d.Trademarks.Marks)
	}
	return len(d.Family.Limits), len(d.Family.Hosts), marks, len(d.Notices)
}
