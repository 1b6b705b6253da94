package docscan

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the contexts that decide whether a matched name is a
// use at all: identifiers, quotations, historical mentions and dated
// changelog entries.

// inIdentifier reports a match inside an identifier, a path, a host name
// or an e-mail address: the neighbouring characters join it to one.
func inIdentifier(text string, start, end int) bool {
	joins := func(r rune) bool {
		return r == '_' || r == '/' || r == '\\' || r == '@' || r == '.' || r == '-' || r == '$'
	}
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if joins(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	if end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if r == '.' || r == '-' || r == '/' || r == '_' || r == '@' || r == '\\' {
			// A sentence may end after the mark; a host or path goes on.
			if end+n < len(text) {
				next, _ := utf8.DecodeRuneInString(text[end+n:])
				return unicode.IsLetter(next) || unicode.IsDigit(next)
			}
			return false
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// quoted reports a match that is the whole of a quoted value: `"powershell"`,
// 'Azure', [powershell], as values, options and type names are written.
func quoted(text string, start, end int) bool {
	if start == 0 || end >= len(text) {
		return false
	}
	open, _ := utf8.DecodeLastRuneInString(text[:start])
	close, _ := utf8.DecodeRuneInString(text[end:])
	switch open {
	case '"':
		return close == '"'
	case '\'':
		return close == '\''
	case '“':
		return close == '”'
	case '‘':
		return close == '’'
	case '[':
		return close == ']'
	case '<':
		return close == '>'
	}
	return false
}

// commandLine matches a heading or cell that is a command line: a
// lowercase command followed by options ("pwsh -NoProfile", "wsl --list").
var commandLine = regexp.MustCompile(`^\s*[a-z][\w.]*(?:\s+\S+)*\s+--?[A-Za-z]`)

// inlineCommand matches what follows a lowercase command in prose: more
// lowercase words, then an option or a placeholder ("azure group
// deployment list <group>", "azure keyvault secret set -u").
var inlineCommand = regexp.MustCompile(`^(?:\s+[a-z][\w-]*){1,5}\s+(?:-{1,2}[A-Za-z]|\\?<|&lt;)`)

// commandWords matches a table cell or heading made only of lowercase
// command words: "az devops service-endpoint github".
var commandWords = regexp.MustCompile(`^[a-z][a-z0-9.-]*(?:\s+[a-z0-9][a-z0-9._-]*)+$`)

// identifierRun reports a table cell or heading that is an identifier as
// a whole: one lowercase word, a command line with options, or a command
// made of lowercase words.
func identifierRun(r *Run, text string) bool {
	if r.Scope&(ScopeTable|ScopeHeading) == 0 {
		return false
	}
	t := strings.TrimSpace(r.Text)
	return strings.EqualFold(t, text) && t == strings.ToLower(t) || commandLine.MatchString(t) || commandWords.MatchString(t)
}

// mdxCode reports a paragraph of an MDX page that is JavaScript: MDX
// pages start with import and export statements, which Markdown parsers
// read as paragraphs.
func mdxCode(d *Document, r *Run) bool {
	if r.Scope&ScopeParagraph == 0 || len(d.Name) < 4 || !strings.EqualFold(d.Name[len(d.Name)-4:], ".mdx") {
		return false
	}
	t := strings.TrimSpace(r.Text)
	return strings.HasPrefix(t, "import ") || strings.HasPrefix(t, "export ")
}

// historical marks a sentence that names a retired product on purpose:
// saying it was renamed, deprecated or retired, or what it is called now.
var historical = regexp.MustCompile(`(?i)\b(?:formerly|previously|renamed|renaming|was\s+called|were\s+called|(?:was|were|also|previously)\s+known\s+as|now\s+called|now\s+named|old\s+name|rebrand\w*|deprecat\w*|retire(?:d|ment|s)?|end\s+of\s+support)\b`)

// renameTo matches "rename": historical only together with the new name
// ("rename Azure AD to Microsoft Entra ID"); "rename the Azure AD app" is
// an instruction that still uses the old name.
var renameTo = regexp.MustCompile(`(?i)\brename\b`)

// nowAfter matches "(now Y)" or ", now Y" right after a retired name.
var nowAfter = regexp.MustCompile(`^['’]?s?\s*(?:\(\s*|,\s*|\s+-+\s*|\s+–\s*)(?:now|renamed|since renamed)\b`)

// isHistorical reports whether a retired name at Text[start:end] of text
// is mentioned as history or bridged to its replacement.
func isHistorical(text string, start, end int, replacement string) bool {
	sentence := sentenceAround(text, start, end)
	if historical.MatchString(sentence) || nowAfter.MatchString(text[end:]) {
		return true
	}
	if replacement != "" && renameTo.MatchString(sentence) && strings.Contains(strings.ToLower(sentence), strings.ToLower(replacement)) {
		return true
	}
	// The replacement right beside it: "Microsoft Entra ID (Azure AD)",
	// "Azure AD / Microsoft Entra ID", or its brand words: "Microsoft
	// Entra (AAD)".
	if replacement == "" {
		return false
	}
	// The text on either side, without the name itself (which may share
	// the brand words: "Microsoft Defender ATP").
	near := strings.ToLower(text[max(0, start-len(replacement)-12):start] + " | " + text[end:min(len(text), end+len(replacement)+12)])
	if strings.Contains(near, strings.ToLower(replacement)) {
		return true
	}
	if w := strings.Fields(replacement); len(w) >= 3 {
		return strings.Contains(near, strings.ToLower(w[0]+" "+w[1]))
	}
	return false
}

// sentenceAround returns the sentence of text that holds [start, end).
func sentenceAround(text string, start, end int) string {
	from := 0
	for i := start - 1; i > 0; i-- {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') && (i+1 >= len(text) || text[i+1] == ' ') {
			from = i + 1
			break
		}
	}
	to := len(text)
	for i := end; i < len(text); i++ {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') && (i+1 >= len(text) || text[i+1] == ' ') {
			to = i
			break
		}
	}
	return text[from:to]
}

// changelogName matches the names of pages made of dated entries.
var changelogName = regexp.MustCompile(`(?i)(change-?log|changes|history|release-?notes|releases|whats-?new|news)`)

// isChangelog reports whether a page is a changelog or release notes.
func isChangelog(name string) bool { return changelogName.MatchString(path.Base(name)) }

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

var (
	isoDate   = regexp.MustCompile(`\b((?:19|20)[0-9]{2})[-/.]([01]?[0-9])(?:[-/.]([0-3]?[0-9]))?\b`)
	monthDate = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:([0-3]?[0-9])(?:st|nd|rd|th)?,?\s+)?((?:19|20)[0-9]{2})\b`)
	dayMonth  = regexp.MustCompile(`(?i)\b([0-3]?[0-9])\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)[0-9]{2})\b`)
)

// dateIn returns the first date in s as YYYYMMDD (day 0 when only the
// month is known), or 0.
func dateIn(s string) int {
	md, dm := monthDate.FindStringSubmatchIndex(s), dayMonth.FindStringSubmatchIndex(s)
	group := func(m []int, k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return s[m[2*k]:m[2*k+1]]
	}
	// "5 March 2021" holds "March 2021" too, where its month starts: a
	// month-first date is the first only if it starts before that.
	if md != nil && (dm == nil || md[0] < dm[4]) {
		y, _ := strconv.Atoi(group(md, 3))
		d, _ := strconv.Atoi(group(md, 2))
		return y*10000 + months[strings.ToLower(group(md, 1))[:3]]*100 + d
	}
	if dm != nil {
		y, _ := strconv.Atoi(group(dm, 3))
		d, _ := strconv.Atoi(group(dm, 1))
		return y*10000 + months[strings.ToLower(group(dm, 2))[:3]]*100 + d
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if mo >= 1 && mo <= 12 {
			return y*10000 + mo*100 + d
		}
	}
	return 0
}

// renameDate turns a pack date (YYYY-MM or YYYY-MM-DD) into YYYYMMDD.
func renameDate(s string) int {
	parts := strings.Split(s, "-")
	if len(parts) < 2 {
		return 0
	}
	y, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	d := 1
	if len(parts) > 2 {
		d, _ = strconv.Atoi(parts[2])
	}
	return y*10000 + m*100 + d
}

// sectionDates returns, for a changelog page, the date of the section
// each run is in (the last dated heading before it), or nil for other
// pages.
func sectionDates(d *Document) []int {
	if !isChangelog(d.Name) {
		return nil
	}
	dates := make([]int, len(d.Runs))
	cur := 0
	for i, r := range d.Runs {
		if r.Scope&ScopeHeading != 0 {
			if dt := dateIn(r.Text); dt != 0 {
				cur = dt
			}
		}
		if r.Scope&ScopeFrontMatter == 0 {
			dates[i] = cur
		}
	}
	return dates
}
