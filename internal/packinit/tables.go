package packinit

import (
	"slices"
	"strings"
)

// A table row yields a limit when it holds a count and a window: the count
// is a cell of numbers (or prose such as "150 requests per 20 seconds"),
// the window is a cell such as "60 seconds", the count column's header
// ("Requests per minute"), or the table's heading. Columns are told apart
// by their cells, not their headers' words, so translated headings work.
// The scope comes from the nearest "per connection"-like phrase: in the
// cell, its header, the row's first cell, or the heading.

// column kinds
const (
	colText = iota
	colCount
	colWindow
)

func tableLimits(pg *page, t table, d *Draft) {
	ncols := len(t.header)
	kinds := make([]int, ncols)
	for c := range ncols {
		counts, windows, filled := 0, 0, 0
		for _, r := range t.rows {
			if c >= len(r) || strings.TrimSpace(r[c].text) == "" {
				continue
			}
			filled++
			if countCellRE.MatchString(r[c].text) {
				counts++
			} else if _, ok := parseWindowCell(r[c].text); ok {
				windows++
			}
		}
		switch {
		case filled == 0:
		case counts*2 > filled:
			kinds[c] = colCount
		case windows*2 > filled:
			kinds[c] = colWindow
		}
	}
	nameCol := -1
	if ncols > 0 && kinds[0] == colText {
		nameCol = 0
	}
	windowCol := slices.Index(kinds, colWindow)
	headingWindow, headingHasWindow := findPerUnit(t.heading)
	// Counts with no period are worth a review only in a table that
	// states limits elsewhere; a table of costs or sizes has none.
	before := len(d.Family.Limits)
	var noPeriod []Fact
	defer func() {
		if len(d.Family.Limits) > before {
			d.Skipped = append(d.Skipped, noPeriod...)
		}
	}()
	for _, r := range t.rows {
		if len(r) == 0 {
			continue
		}
		name := ""
		if nameCol >= 0 && nameCol < len(r) {
			name = r[nameCol].text
		}
		rowAt := pg.src(r[0].off)
		if name != "" && skipRowRE.MatchString(name) {
			if rowHasCount(r, kinds) {
				d.Skipped = append(d.Skipped, Fact{Value: name, At: rowAt})
			}
			continue
		}
		for c, cl := range r {
			if c >= ncols || c == nameCol || kinds[c] == colWindow || strings.TrimSpace(cl.text) == "" {
				continue
			}
			header := t.header[c].text
			scopeText := []string{cl.text, header, name, t.heading}
			for _, oc := range r {
				scopeText = append(scopeText, oc.text)
			}
			scope := firstScope(scopeText...)
			base := Limit{At: pg.src(cl.off), Scope: scope, Section: t.heading, Row: name}
			base.Methods, base.Review = methodsOf(name)
			clause := clauseOf(t.heading, name, c, r, t.header, kinds)
			// Prose inside the cell: "150 requests per 20 seconds".
			if ms := limitRE.FindAllStringSubmatch(cl.text, -1); ms != nil && kinds[c] != colCount {
				for _, m := range ms {
					l := base
					if !fillCallsWindow(&l, m) {
						continue
					}
					l.Name = limitName(name, t.heading, l.Scope)
					l.Clause = clause
					d.addLimit(l)
				}
				continue
			}
			m := countCellRE.FindStringSubmatch(cl.text)
			if m == nil {
				continue
			}
			n, ok := parseCount(m[1])
			if !ok {
				continue
			}
			l := base
			l.Name = limitName(name, t.heading, l.Scope)
			l.Clause = clause
			if concurrentRE.MatchString(header) || concurrentRE.MatchString(name) {
				l.Concurrency = n
				d.addLimit(l)
				continue
			}
			w, ok := findPerUnit(header)
			if !ok && windowCol >= 0 && windowCol < len(r) {
				w, ok = parseWindowCell(r[windowCol].text)
			}
			if !ok && headingHasWindow {
				w, ok = headingWindow, true
			}
			if !ok {
				if kinds[c] == colCount {
					noPeriod = append(noPeriod, Fact{Value: strings.TrimSpace(name + " " + cl.text), At: l.At, Review: "a count with no period"})
				}
				continue
			}
			l.Calls, l.Window = n, w
			d.addLimit(l)
		}
	}
}

func rowHasCount(r []cell, kinds []int) bool {
	for c := range r {
		if c < len(kinds) && kinds[c] == colCount {
			return true
		}
	}
	return false
}

// clauseOf cites a table row: "Throttling limits: API calls per
// connection, 100 calls, renewal period 60 seconds."
func clauseOf(heading, name string, col int, r []cell, header []cell, kinds []int) string {
	var parts []string
	if name != "" {
		parts = append(parts, name)
	}
	for c, cl := range r {
		if c >= len(header) || strings.TrimSpace(cl.text) == "" || cl.text == name {
			continue
		}
		if c != col && kinds[c] != colWindow {
			continue
		}
		h := lowerHeader(header[c].text)
		switch {
		case h == "":
			parts = append(parts, cl.text)
		case kinds[c] == colCount:
			parts = append(parts, cl.text+" "+h)
		default:
			parts = append(parts, h+" "+cl.text)
		}
	}
	s := strings.Join(parts, ", ")
	if heading != "" {
		s = heading + ": " + s
	}
	return strings.TrimRight(s, ".") + "."
}

// lowerHeader lowercases a header unless it is an acronym.
func lowerHeader(h string) string {
	if strings.ToUpper(h) == h {
		return h
	}
	return strings.ToLower(h)
}
