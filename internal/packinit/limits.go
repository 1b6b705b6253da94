package packinit

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Limits come from tables (tables.go) and from prose: "5,000 requests
// per hour", "100 concurrent requests", "at least one second between
// requests", each with the scope phrase nearest to it ("per app per
// tenant"), else the one of the paragraph that introduces its list.

const nounAlt = `requests?|calls?|queries|operations|points|api\s+calls|anfragen|aufrufe|api-aufrufe|anforderungen|requêtes|requetes|appels|solicitudes|llamadas|peticiones|richieste|chiamate|chamadas|requisições`

const perAlt = `(?:per|every|each|in\s+(?:a|an|one|any)|within\s+(?:a|an|one)|over\s+(?:a|an|one)|pro|je|par|por|al|an?)\b|/|à`

var (
	// limitRE: "5,000 requests per hour", "100 API calls per connection
	// every 60 seconds", "10 requests/second", "100 per minute".
	// A count with no noun needs "per" or "/" ("60 per minute"): "19 a
	// month" is a price.
	limitRE = regexp.MustCompile(`(?i)(?:^|[^\w.,$€£])(` + numberRE + `)(?:\s(?:[\w-]+\s+){0,3}?(?:` + nounAlt + `)\b(?:\s+per\s+(?:` + scopeAlt + `)s?\b)*\s*(?:` + perAlt + `)|\s*(?:per\b|/))\s*(?:(` + numberRE + `|` + oneAlt + `)\s*[- ]?)?(` + unitAlt + `)\b`)
	// limitAfterRE: the count after the window, "requests per minute
	// allowed for each IP is 180".
	limitAfterRE = regexp.MustCompile(`(?i)\b(?:` + nounAlt + `)\s+(?:` + perAlt + `)\s*(?:(` + numberRE + `|` + oneAlt + `)\s*[- ]?)?(` + unitAlt + `)\b[^.;:]{0,60}?\s(?:is|are|of|=)\s+(?:up\s+to\s+|at\s+most\s+|limited\s+to\s+)?(` + numberRE + `)\b`)
	// concurrencyRE: "100 concurrent requests", "4 requests in flight".
	concurrencyRE = regexp.MustCompile(`(?i)\b(` + numberRE + `)\s+(?:[\w-]+\s+){0,2}?(?:concurrent|simultaneous|parallel|gleichzeitige|simultanées|simultáneas)\s+(?:[\w-]+\s+){0,2}?(?:` + nounAlt + `|connections?)\b|\b(` + numberRE + `)\s+(?:` + nounAlt + `)\s+(?:in\s+flight|at\s+(?:a|one)\s+time|concurrently|in\s+parallel)`)
	// intervalRE: "at least one second between requests".
	intervalRE = regexp.MustCompile(`(?i)\b(?:at\s+least|minimum\s+(?:interval|delay|gap)\s+of)\s+(` + numberRE + `|` + oneAlt + `)\s*[- ]?(` + unitAlt + `)\s+(?:apart|between(?:\s+(?:each|two|consecutive|successive))?(?:\s+[\w-]+)?)`)
	// countCellRE: a cell that is only a count ("100", "5,000 calls").
	countCellRE  = regexp.MustCompile(`(?i)^\s*(?:up\s+to\s+|max(?:imum)?\.?\s+)?(` + numberRE + `)\s*(?:` + nounAlt + `)?\s*$`)
	concurrentRE = regexp.MustCompile(`(?i)concurren|simultan|parallel|in\s+flight|gleichzeitig`)
	retryRE      = regexp.MustCompile(`(?i)retry-after|\b429\b|too\s+many\s+requests|back\s*off`)
	skipRowRE    = regexp.MustCompile(`(?i)\bpoll|\btrigger|\bfrequency\b|\bpayload|\bsize\b|\btimeout`)
	methodRE     = regexp.MustCompile(`\b(GET|HEAD|POST|PUT|PATCH|DELETE)\b`)
	nonGetRE     = regexp.MustCompile(`(?i)\bnon[- ]?get\b`)
	genericRE    = regexp.MustCompile(`(?i)\b(?:api|apis|api-aufrufe|calls?|requests?|limits?|rate|throttling|throttle|quotas?|service|number|of|max|maximum|total|the|and|for|all|any|aufrufe|anfragen|drosselung\w*|grenzwerte?|limites?|límites?|appels|requêtes|llamadas|solicitudes)\b`)
	scopeNounRE  = regexp.MustCompile(`(?i)\b(?:` + scopeAlt + `)s?\b|\b(?:across|together|combined|every|each)\b`)
	conjRE       = regexp.MustCompile(`(?i)\b(?:and|but|while|whereas|or)\b|\d`)
	incrementRE  = regexp.MustCompile(`(?i)\b(?:another|additional|extra|further|more)\s*$`)
	generalRE    = regexp.MustCompile(`(?i)^(?:|any|all|primary|secondary|global|general|default|overall|standard|rest|graphql)$`)
	punctRE      = regexp.MustCompile(`^[\s,.:;()–—-]+|[\s,.:;()–—-]+$`)
)

func extractLimits(pg *page, d *Draft) {
	for _, t := range pg.tables {
		tableLimits(pg, t, d)
	}
	for _, s := range pg.sentences() {
		proseLimits(pg, s, d)
		if m := retryRE.FindStringIndex(s.text); m != nil {
			d.Family.RetryAt = append(d.Family.RetryAt, pg.src(s.off(m[0])))
		}
	}
}

// fillCallsWindow sets calls and window from a limitRE match.
func fillCallsWindow(l *Limit, m []string) bool {
	n, ok := parseCount(m[1])
	if !ok {
		return false
	}
	w, ok := windowOf(m[2], m[3])
	if !ok {
		return false
	}
	l.Calls, l.Window = n, w
	return true
}

// firstScope returns the first scope phrase found in the texts, in order.
func firstScope(texts ...string) string {
	for _, t := range texts {
		if sc := findScopes(t); len(sc) > 0 {
			return sc[0].Value
		}
	}
	return ""
}

// methodsOf reads HTTP methods a row is restricted to.
func methodsOf(name string) ([]string, string) {
	if nonGetRE.MatchString(name) {
		return []string{"POST", "PUT", "PATCH", "DELETE"}, "guessed: non-GET read as POST, PUT, PATCH and DELETE"
	}
	var ms []string
	for _, m := range methodRE.FindAllString(name, -1) {
		if !slices.Contains(ms, m) {
			ms = append(ms, m)
		}
	}
	return ms, ""
}

// limitName names a limit: what the row or heading says besides the
// generic words, then the scope ("global, per app", "per connection").
func limitName(name, heading, scope string) string {
	core := coreWords(name)
	if core == "" {
		core = coreWords(heading)
	}
	var parts []string
	if core != "" {
		parts = append(parts, core)
	}
	if scope != "" {
		parts = append(parts, "per "+scope)
	}
	if len(parts) == 0 {
		return "limit"
	}
	return strings.Join(parts, ", ")
}

// coreWords drops scope phrases, windows and generic words from a name.
func coreWords(s string) string {
	scopes := findScopes(s)
	for i := len(scopes) - 1; i >= 0; i-- {
		s = s[:scopes[i].Start] + " " + s[scopes[i].End:]
	}
	s = perUnitRE.ReplaceAllString(s, " ")
	s = genericRE.ReplaceAllString(s, " ")
	s = scopeNounRE.ReplaceAllString(s, " ")
	s = strings.Join(strings.Fields(s), " ")
	s = punctRE.ReplaceAllString(s, "")
	if len(s) > 60 {
		return ""
	}
	return s
}

func proseLimits(pg *page, s sentence, d *Draft) {
	for _, m := range limitRE.FindAllStringSubmatchIndex(s.text, -1) {
		if incrementRE.MatchString(s.text[:m[2]]) {
			continue // "another 50 requests per hour for each repository"
		}
		l := Limit{At: pg.src(s.off(m[2])), Section: s.heading}
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s.text[m[2*i]:m[2*i+1]]
		}
		if !fillCallsWindow(&l, []string{"", g(1), g(2), g(3)}) {
			continue
		}
		l.Scope = s.scope(m[2])
		l.Name = limitName("", s.heading, l.Scope)
		l.Clause = proseClause(s.heading, s.text[m[2]:m[1]], l.Scope)
		d.addLimit(l)
	}
	for _, m := range limitAfterRE.FindAllStringSubmatchIndex(s.text, -1) {
		l := Limit{At: pg.src(s.off(m[0])), Section: s.heading}
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s.text[m[2*i]:m[2*i+1]]
		}
		if gap := s.text[m[5]:m[6]]; conjRE.MatchString(gap) {
			continue // "calls per month, and a rate limit of 10": another clause
		}
		if !fillCallsWindow(&l, []string{"", g(3), g(1), g(2)}) {
			continue
		}
		l.Scope = s.scope(m[0])
		l.Name = limitName("", s.heading, l.Scope)
		l.Clause = proseClause(s.heading, s.text[m[0]:m[1]], l.Scope)
		d.addLimit(l)
	}
	for _, m := range concurrencyRE.FindAllStringSubmatchIndex(s.text, -1) {
		num := m[2:4]
		if num[0] < 0 {
			num = m[4:6]
		}
		n, ok := parseCount(s.text[num[0]:num[1]])
		if !ok {
			continue
		}
		l := Limit{At: pg.src(s.off(m[0])), Concurrency: n, Scope: s.scope(m[0]), Section: s.heading}
		l.Name = strings.TrimPrefix(limitName("", s.heading, "")+", concurrency", "limit, ")
		l.Clause = proseClause(s.heading, s.text[m[0]:m[1]], l.Scope)
		d.addLimit(l)
	}
	for _, m := range intervalRE.FindAllStringSubmatchIndex(s.text, -1) {
		w, ok := windowOf(s.text[m[2]:m[3]], s.text[m[4]:m[5]])
		if !ok {
			continue
		}
		l := Limit{At: pg.src(s.off(m[0])), MinInterval: w, Scope: s.scope(m[0]), Section: s.heading}
		l.Name = strings.TrimPrefix(limitName("", s.heading, "")+", interval", "limit, ")
		l.Clause = proseClause(s.heading, s.text[m[0]:m[1]], l.Scope)
		d.addLimit(l)
	}
}

// scope is the scope of a limit found at i: in the sentence, else in the
// paragraph that introduces the list the sentence is in.
func (s sentence) scope(i int) string {
	if sc := nearestScope(s.text, i); sc != "" {
		return sc
	}
	return nearestScope(s.lead, 0)
}

func proseClause(heading, fragment, scope string) string {
	fragment = strings.TrimSpace(fragment)
	if scope != "" && !strings.Contains(strings.ToLower(fragment), strings.ToLower(scope)) {
		fragment += " per " + scope
	}
	if heading != "" {
		fragment = heading + ": " + fragment
	}
	return fragment + "."
}

// addLimit adds l unless the same budget is already there.
func (d *Draft) addLimit(l Limit) {
	for _, o := range d.Family.Limits {
		if o.Calls == l.Calls && o.Window.D == l.Window.D && o.Concurrency == l.Concurrency &&
			o.MinInterval.D == l.MinInterval.D && o.Scope == l.Scope && slices.Equal(o.Methods, l.Methods) {
			return
		}
	}
	if l.Calls == 0 && l.Concurrency == 0 && l.MinInterval.D == 0 {
		return
	}
	if l.Window.Months && l.Review == "" {
		l.Review = "a month read as 30 days"
	}
	d.Family.Limits = append(d.Family.Limits, l)
}

// describe renders a limit for summaries: "100 calls per 60s per app".
func (l Limit) describe() string {
	var parts []string
	if l.Calls > 0 {
		parts = append(parts, strconv.Itoa(l.Calls)+" calls per "+l.Window.Text)
	}
	if l.Concurrency > 0 {
		parts = append(parts, strconv.Itoa(l.Concurrency)+" in flight")
	}
	if l.MinInterval.D > 0 {
		parts = append(parts, l.MinInterval.Text+" between calls")
	}
	s := strings.Join(parts, ", ")
	if l.Scope != "" {
		s += " per " + l.Scope
	}
	return s
}

// markSections asks for a review of limits that may cover only some calls:
// a table row named after an operation ("Search", "GET me/Assignment"), or,
// when the page has several sections of limits, a section of its own
// ("Assignment service limits"). applies_to says which calls such a limit
// covers. Rows and sections named "any", primary, secondary, global and
// the like cover all calls.
func (d *Draft) markSections() {
	sections := map[string]bool{}
	for _, l := range d.Family.Limits {
		sections[l.Section] = true
	}
	for i := range d.Family.Limits {
		l := &d.Family.Limits[i]
		if l.Review != "" {
			continue
		}
		if core := coreWords(l.Row); !generalRE.MatchString(core) {
			l.Review = fmt.Sprintf("the row %q may cover only some calls; if so, say which in applies_to", l.Row)
		} else if core := coreWords(l.Section); len(sections) > 1 && !generalRE.MatchString(core) {
			l.Review = fmt.Sprintf("from the section %q; if it covers only some calls, say which in applies_to", l.Section)
		}
	}
}
