package packinit

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Numbers, windows and scopes as terms pages write them. Unit and scope
// words cover English and, for tables and headings, German, French,
// Spanish, Italian, Portuguese and (units only) Russian: a page whose headings are translated
// still yields its limits.

// numberRE matches a count: digits with optional thousands separators
// ("5,000", "10.000", "10 000").
const numberRE = `\d{1,3}(?:[,.\x{a0}\x{202f}]\d{3})+|\d+`

// maxCalls bounds counts read from a page; larger numbers are not limits.
const maxCalls = 1_000_000_000

// parseCount reads a count written with thousands separators.
func parseCount(s string) (int, bool) {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	n, err := strconv.Atoi(b.String())
	if err != nil || n <= 0 || n > maxCalls {
		return 0, false
	}
	return n, true
}

// A week has seven days; a month is read as 30 days, and a limit per month
// is marked for review.
const (
	week  = 7 * 24 * time.Hour
	month = 30 * 24 * time.Hour
)

// units maps unit words (lowercase) to durations. One-letter units only
// count directly after a number.
var units = map[string]time.Duration{
	"millisecond": time.Millisecond, "milliseconds": time.Millisecond, "ms": time.Millisecond,
	"second": time.Second, "seconds": time.Second, "sec": time.Second, "secs": time.Second, "s": time.Second,
	"minute": time.Minute, "minutes": time.Minute, "min": time.Minute, "mins": time.Minute, "m": time.Minute,
	"hour": time.Hour, "hours": time.Hour, "hr": time.Hour, "hrs": time.Hour, "h": time.Hour,
	"day": 24 * time.Hour, "days": 24 * time.Hour, "d": 24 * time.Hour,
	"week": week, "weeks": week, "month": month, "months": month,
	// de
	"sekunde": time.Second, "sekunden": time.Second, "minuten": time.Minute,
	"stunde": time.Hour, "stunden": time.Hour, "tag": 24 * time.Hour, "tage": 24 * time.Hour, "tagen": 24 * time.Hour,
	// fr
	"seconde": time.Second, "secondes": time.Second, "heure": time.Hour, "heures": time.Hour,
	"jour": 24 * time.Hour, "jours": 24 * time.Hour,
	// es, pt, it
	"segundo": time.Second, "segundos": time.Second, "secondo": time.Second, "secondi": time.Second,
	"minuto": time.Minute, "minutos": time.Minute, "minuti": time.Minute,
	"hora": time.Hour, "horas": time.Hour, "ora": time.Hour, "ore": time.Hour,
	"día": 24 * time.Hour, "días": 24 * time.Hour, "dia": 24 * time.Hour, "dias": 24 * time.Hour,
	"giorno": 24 * time.Hour, "giorni": 24 * time.Hour,
	// ru (tables of localised pages)
	"секунда": time.Second, "секунды": time.Second, "секунд": time.Second,
	"минута": time.Minute, "минуты": time.Minute, "минут": time.Minute,
	"час": time.Hour, "часа": time.Hour, "часов": time.Hour,
}

// unitAlt is the regexp alternation of the unit words of two letters or
// more, longest first so that "seconds" wins over "second".
var unitAlt = func() string {
	var ws []string
	for w := range units {
		if len([]rune(w)) > 1 {
			ws = append(ws, regexp.QuoteMeta(w))
		}
	}
	sortLongestFirst(ws)
	return strings.Join(ws, "|")
}()

// word numbers that stand for 1 before a unit ("per second", "a minute").
const oneAlt = `one|a|an|ein|eine|einer|un|une|uno|una|1`

var oneRE = regexp.MustCompile(`(?i)^(?:` + oneAlt + `)$`)

// windowCellRE matches a table cell that is a window: "60 seconds",
// "1 min", "600 seconds (10 min)", "Minute", "60 Sekunden".
var windowCellRE = regexp.MustCompile(`(?i)^\s*(?:(` + numberRE + `|` + oneAlt + `)\s*[- ]?)?(` + unitAlt + `|s|m|h|d)\.?\s*(?:\(.*\))?\s*$`)

// perUnitRE matches "per minute", "/min", "every 60 seconds", "pro
// Stunde" inside a header or a cell.
var perUnitRE = regexp.MustCompile(`(?i)(?:\bper|/|\bevery|\beach|\bin\s+(?:a|an|one|any)|\bwithin\s+(?:a|an|one)|\bpro|\bje|\bpar|\bpor|\bal\b|à)\s*(?:(` + numberRE + `|` + oneAlt + `)\s*[- ]?)?(` + unitAlt + `)\b`)

// Window is a renewal period and how the page wrote it.
type Window struct {
	D      time.Duration
	Text   string // Go duration as the pack writes it: "60s", "10m", "1h"
	Months bool   // written in months, read as 30 days each
}

// newWindow builds a window of n units, written in that unit.
func newWindow(n int, unit time.Duration) (Window, bool) {
	if n <= 0 || n > 1_000_000 {
		return Window{}, false
	}
	d := time.Duration(n) * unit
	var suffix string
	switch unit {
	case time.Millisecond:
		suffix = "ms"
	case time.Second:
		suffix = "s"
	case time.Minute:
		suffix = "m"
	case time.Hour:
		suffix = "h"
	default: // days, weeks, months: Go durations stop at hours
		n, suffix = n*int(unit/time.Hour), "h"
	}
	return Window{D: d, Text: fmt.Sprintf("%d%s", n, suffix), Months: unit == month}, true
}

// windowOf turns a matched count (possibly empty or a word for one) and a
// unit word into a window.
func windowOf(count, unit string) (Window, bool) {
	u, ok := units[strings.ToLower(unit)]
	if !ok {
		return Window{}, false
	}
	n := 1
	if count != "" && !oneRE.MatchString(count) {
		if n, ok = parseCount(count); !ok {
			return Window{}, false
		}
	}
	return newWindow(n, u)
}

// parseWindowCell reads a cell that holds only a window.
func parseWindowCell(s string) (Window, bool) {
	m := windowCellRE.FindStringSubmatch(s)
	if m == nil {
		return Window{}, false
	}
	return windowOf(m[1], m[2])
}

// findPerUnit finds "per minute" (and the like) in s.
func findPerUnit(s string) (Window, bool) {
	m := perUnitRE.FindStringSubmatch(s)
	if m == nil {
		return Window{}, false
	}
	return windowOf(m[1], m[2])
}

// scopeWords maps the things a budget can belong to (lowercase, as
// written) to the word the pack uses.
var scopeWords = map[string]string{
	"connection": "connection", "app": "app", "application": "app", "tenant": "tenant",
	"user": "user", "account": "account", "ip address": "IP address", "ip": "IP address",
	"token": "token", "access token": "token", "api key": "key", "apikey": "key", "api-key": "key", "key": "key",
	"client": "client", "client id": "client", "installation": "installation",
	"organization": "organization", "org": "organization", "mailbox": "mailbox",
	"subscription": "subscription", "project": "project", "repository": "repository",
	"workspace": "workspace", "device": "device", "session": "session", "site": "site",
	// de, fr, es, it, pt
	"verbindung": "connection", "anwendung": "app", "mandant": "tenant", "benutzer": "user", "nutzer": "user",
	"connexion": "connection", "locataire": "tenant", "utilisateur": "user",
	"conexión": "connection", "conexion": "connection", "aplicación": "app", "aplicacion": "app",
	"inquilino": "tenant", "usuario": "user", "connessione": "connection", "utente": "user",
	"conexão": "connection", "aplicativo": "app", "usuário": "user",
}

var scopeAlt = func() string {
	var ws []string
	for w := range scopeWords {
		ws = append(ws, strings.ReplaceAll(regexp.QuoteMeta(w), " ", `\s+`))
	}
	sortLongestFirst(ws)
	return strings.Join(ws, "|")
}()

// scopeRE matches a scope phrase: "per connection", "per app per tenant",
// "for each user", "pro Verbindung".
var scopeRE = regexp.MustCompile(`(?i)(?:\bper|\bfor\s+each|\beach|\bfor\s+every|\bpro|\bje|\bpar|\bpor)\s+(?:authenticated\s+|originating\s+|single\s+)?(` + scopeAlt + `)s?\b((?:\s+(?:per|and|pro|par|por)\s+(?:` + scopeAlt + `)s?\b)*)`)

var scopeMoreRE = regexp.MustCompile(`(?i)(?:per|and|pro|par|por)\s+(` + scopeAlt + `)`)

// Scope is a scope phrase found in text.
type Scope struct {
	Value      string // "app per tenant"
	Start, End int    // byte range of the phrase in the text
}

// findScopes returns every scope phrase in s.
func findScopes(s string) []Scope {
	var out []Scope
	for _, m := range scopeRE.FindAllStringSubmatchIndex(s, -1) {
		parts := []string{scopeWord(s[m[2]:m[3]])}
		if m[4] < m[5] {
			for _, w := range scopeMoreRE.FindAllStringSubmatch(s[m[4]:m[5]], -1) {
				parts = append(parts, scopeWord(w[1]))
			}
		}
		out = append(out, Scope{Value: strings.Join(parts, " per "), Start: m[0], End: m[1]})
	}
	return out
}

func scopeWord(w string) string {
	w = strings.ToLower(strings.Join(strings.Fields(w), " "))
	if v, ok := scopeWords[w]; ok {
		return v
	}
	if v, ok := scopeWords[strings.TrimSuffix(w, "s")]; ok {
		return v
	}
	return w
}

// nearestScope picks the scope that belongs to a limit at [start, end) in
// s: the first one that starts inside or after it, else the last before.
func nearestScope(s string, start int) string {
	scopes := findScopes(s)
	for _, sc := range scopes {
		if sc.End > start {
			return sc.Value
		}
	}
	if len(scopes) > 0 {
		return scopes[len(scopes)-1].Value
	}
	return ""
}

// sortLongestFirst orders alternatives so that a regexp prefers the
// longest word ("seconds" before "second").
func sortLongestFirst(ws []string) {
	slices.SortFunc(ws, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a, b))
	})
}
