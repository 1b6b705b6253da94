// Package policy defines the resolved, read-only policy that every toslint
// engine receives: the rule packs in force (API families and their limits,
// content licenses, notices, trademarks) and the project's configuration
// (rules on or off, severities, fail level, exclusions, own copyright
// holders, trademark-owner mode, wrapper types).
//
// The package has no YAML dependency: rules/ decodes pack files into these
// types and internal/config resolves them with the user's configuration, so
// the analyzers can depend on the policy without pulling in either.
// Engines must treat every value reachable from a Policy as read-only.
package policy

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Pack is one set of terms as data. Field tags give the pack file's keys;
// see rules/README.md for the format.
type Pack struct {
	Name        string      `yaml:"name"`        // unique, kebab-case
	Title       string      `yaml:"title"`       // the terms' title
	Version     string      `yaml:"version"`     // pack data version
	Source      Source      `yaml:"source"`      // where the terms come from
	APIs        []API       `yaml:"apis"`        // rate-limited API families
	Content     Content     `yaml:"content"`     // content and code licenses
	Notices     []Notice    `yaml:"notices"`     // notices a publisher or owner must carry
	Trademarks  *Trademarks `yaml:"trademarks"`  // marks and how to use them
	ReuseSignal *Reuse      `yaml:"reuse"`       // how to recognise reused content
	File        string      `yaml:"-"`           // file the pack was loaded from
	Embedded    bool        `yaml:"-"`           // shipped inside toslint
	Description string      `yaml:"description"` // one paragraph for `toslint rules`
}

// Source names the document a pack encodes.
type Source struct {
	Title     string `yaml:"title"`
	URL       string `yaml:"url"`
	Retrieved string `yaml:"retrieved"` // YYYY-MM-DD
}

// API is one family of rate-limited API endpoints.
type API struct {
	Name  string `yaml:"name"`  // family id used in messages and wrappers ("mde")
	Title string `yaml:"title"` // human name

	// Hosts are exact host names (no scheme, no port); HostPatterns are RE2
	// patterns matched against the whole host.
	Hosts        []string  `yaml:"hosts"`
	HostPatterns []Pattern `yaml:"host_patterns"`
	// PathPrefixes, when set, restrict a host match to URLs whose path starts
	// with one of them (GitHub Enterprise serves its API under /api/v3).
	PathPrefixes []string `yaml:"path_prefixes"`

	// SDK lists SDK packages whose methods reach the API.
	SDK []SDK `yaml:"sdk"`
	// Interfaces are interface methods that reach the API, written
	// "(import/path.Iface).Method".
	Interfaces []string `yaml:"interfaces"`
	// Wrappers are types whose methods all reach the API, written
	// "(*import/path.Type)" or "(import/path.Type)".
	Wrappers []string `yaml:"wrappers"`

	Limits []Limit `yaml:"limits"`
	// ReactiveRetry is true when handling 429/Retry-After satisfies the
	// terms (Microsoft Graph); false when only a proactive throttle does.
	ReactiveRetry bool `yaml:"reactive_retry_satisfies"`
	// PaginationCounts is true when following next-page links counts
	// against the limit like any other loop.
	PaginationCounts bool `yaml:"pagination_counts"`
	// MaxPageSize is the most items one response of a list call returns
	// (0: not bounded). A loop over the items of a single response makes at
	// most that many iterations.
	MaxPageSize int `yaml:"max_page_size"`
	// Guidance is advice from the terms that is not a number.
	Guidance []string `yaml:"guidance"`
}

// SDK matches methods of an SDK by import-path prefix and method name.
type SDK struct {
	Package string  `yaml:"package"` // import path prefix
	Methods Pattern `yaml:"methods"` // RE2 over the method name; empty: exported methods taking a context.Context
	// Retries is true when the SDK retries on HTTP 429 by itself, honouring
	// Retry-After (reactive retry).
	Retries bool `yaml:"retries"`
}

// Limit is one documented limit of an API family.
type Limit struct {
	Name   string   `yaml:"name"`   // "per connection", "secondary: content creation"
	Calls  int      `yaml:"calls"`  // calls allowed in Window (0 when only Concurrency or MinInterval)
	Window Duration `yaml:"window"` // the renewal period
	// Scope says what the budget belongs to: connection, app, user,
	// mailbox, installation. Scopes toslint cannot observe statically are
	// treated per process.
	Scope string `yaml:"scope"`
	// Methods restricts the limit to these HTTP methods (empty: all).
	Methods []string `yaml:"methods"`
	// Concurrency is the most requests in flight (0: not limited).
	Concurrency int `yaml:"concurrency"`
	// MinInterval is the least time between two requests (0: none).
	MinInterval Duration `yaml:"min_interval"`
	// AppliesTo, when set, says which resources alone the limit covers
	// (such as one service's endpoints). Such limits are shown, not
	// checked: toslint cannot tell the resource of a call.
	AppliesTo string `yaml:"applies_to"`
	// Clause quotes or cites the term this limit comes from.
	Clause string `yaml:"clause"`
}

// PerSecond returns the long-run rate the limit allows, or 0 when the limit
// has no call budget.
func (l Limit) PerSecond() float64 {
	if l.Calls == 0 || l.Window.D() == 0 {
		return 0
	}
	return float64(l.Calls) / l.Window.D().Seconds()
}

// String renders "100 calls per minute per connection".
func (l Limit) String() string {
	var parts []string
	if l.Calls > 0 {
		parts = append(parts, fmt.Sprintf("%d calls per %s", l.Calls, l.Window.Human()))
	}
	if l.Concurrency > 0 {
		parts = append(parts, fmt.Sprintf("%d in flight", l.Concurrency))
	}
	if l.MinInterval.D() > 0 {
		parts = append(parts, fmt.Sprintf("%s between calls", l.MinInterval))
	}
	s := strings.Join(parts, ", ")
	if l.Scope != "" {
		s += " per " + l.Scope
	}
	return s
}

// Content names the licenses under which the licensor publishes content.
type Content struct {
	DocsLicense string `yaml:"docs_license"` // SPDX id, e.g. CC-BY-4.0
	CodeLicense string `yaml:"code_license"` // SPDX id, e.g. MIT
	// LicenseURLs are RE2 patterns of links that point to the docs license
	// (deed or legal code).
	LicenseURLs []Pattern `yaml:"license_urls"`
	// NoticeHeadings are more headings that open a legal-notices section,
	// such as localized ones ("Rechtliche Hinweise"); matched at the start
	// of a heading, ignoring case. English ones are built in.
	NoticeHeadings []string `yaml:"notice_headings"`
}

// NoticeWhen says in which repositories a notice is required.
type NoticeWhen string

// When a notice is required.
const (
	// Publisher: any repository that publishes docs under the pack's
	// content license.
	Publisher NoticeWhen = "publisher"
	// Owner: only the owner's own repositories (trademark-owner mode).
	Owner NoticeWhen = "owner"
)

// Notice is one part of the notice set the terms require.
type Notice struct {
	ID    string     `yaml:"id"`    // "privacy", "trademark", ...
	Rule  string     `yaml:"rule"`  // the rule that reports it missing (TOS3xx)
	When  NoticeWhen `yaml:"when"`  // publisher or owner
	Title string     `yaml:"title"` // what the notice is, for messages
	// Text patterns (RE2, matched case-insensitively against the prose of
	// README and notice files) any of which satisfies the notice.
	Text []Pattern `yaml:"text"`
	// Links (RE2 over link destinations and bare URLs) any of which
	// satisfies the notice.
	Links []Pattern `yaml:"links"`
	// Hint tells the user what to add, in the imperative ("link the
	// privacy statement, https://..."); it ends the finding's message.
	Hint string `yaml:"hint"`
}

// Trademarks is a mark owner's set of marks and rules.
type Trademarks struct {
	Owner         string   `yaml:"owner"`          // "Microsoft"
	TradeNames    []string `yaml:"trade_names"`    // company names; their possessive is fine
	GuidelinesURL string   `yaml:"guidelines_url"` // the owner's trademark guidelines
	// Attribution are RE2 patterns of an acceptable trademark attribution
	// statement.
	Attribution []Pattern     `yaml:"attribution"`
	Marks       []Mark        `yaml:"marks"`
	Retired     []RetiredName `yaml:"retired"`
	// LogoPatterns are RE2 patterns over image file names, alt text and
	// badge URLs that signal the owner's logos.
	LogoPatterns []Pattern `yaml:"logo_patterns"`
	// OwnerEvidence says how to recognise the owner's own repositories
	// (owner mode without configuration).
	OwnerEvidence OwnerEvidence `yaml:"owner_evidence"`
	// Products are the owner's product names that join a mark with words
	// of their own ("Azure Cosmos DB"); they are never another product's
	// name (TOS404).
	Products []string `yaml:"products"`
}

// OwnerEvidence recognises a repository as the mark owner's own: its
// license files name the owner as copyright holder, or its README or
// notices files grant the content license in the owner's name. A
// repository whose README and notices files carry every owner notice of
// the pack is the owner's too.
type OwnerEvidence struct {
	// CopyrightHolders are the owner's names as the first copyright line
	// of a root license file writes them ("Microsoft Corporation").
	CopyrightHolders []string `yaml:"copyright_holders"`
	// Grants are RE2 patterns over the text of the root README and
	// notices files that only the owner writes: the owner granting the
	// content license ("Acme and any contributors grant you a license").
	Grants []Pattern `yaml:"grants"`
}

// MarkKind says whether a mark's words are also ordinary words.
type MarkKind string

// Mark kinds.
const (
	Protected  MarkKind = "protected"  // not a dictionary word: "PowerShell"
	Dictionary MarkKind = "dictionary" // also a common word: "Windows", "Teams"
)

// Mark is one mark in canonical form.
type Mark struct {
	Name          string   `yaml:"name"`          // canonical form
	Kind          MarkKind `yaml:"kind"`          // protected or dictionary
	Plural        bool     `yaml:"plural"`        // the mark itself is plural ("Windows")
	Symbol        string   `yaml:"symbol"`        // ® or ™ when the owner lists one
	Abbreviations []string `yaml:"abbreviations"` // short forms the owner uses itself
	// Informal are forms people write that the owner does not: joined,
	// split or abbreviated ("MS Teams", "Office365"). Each is reported
	// (TOS401) with the canonical name as the fix.
	Informal []string `yaml:"informal"`
	// Commands are lowercase program, package or process names spelled
	// like the mark ("powershell"): identifiers, never altered marks.
	Commands []string `yaml:"commands"`
}

// RetiredName is a product name the owner replaced.
type RetiredName struct {
	Name        string `yaml:"name"`        // the retired name, matched as a phrase
	Replacement string `yaml:"replacement"` // current name
	Date        string `yaml:"date"`        // YYYY-MM or YYYY-MM-DD of the rename
	Source      string `yaml:"source"`      // where the rename is documented
	// Forms are abbreviations and informal forms of the retired name
	// ("Azure AD", "AAD"); they are retired with it.
	Forms []string `yaml:"forms"`
	// Except are longer names that begin with the retired name or a form
	// and stay current ("Azure AD B2C"): never reported.
	Except []string `yaml:"except"`
	// Phrases are whole-phrase replacements for longer names built on the
	// retired name or a form ("Azure AD Domain Services" → "Microsoft
	// Entra Domain Services"); the longest match wins. A phrase written
	// with one head applies to every form of the name.
	Phrases []Phrase `yaml:"phrases"`
	// LongerNames says what a capitalised word after the name means when
	// no phrase or exception covers it: "renamed" (the default: the longer
	// name was renamed too, so it is reported without an automatic fix) or
	// "current" (longer names keep the old words, as "Windows Defender
	// Firewall" does: quiet).
	LongerNames string `yaml:"longer_names"`
}

// Phrase is one whole-phrase replacement.
type Phrase struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

// Reuse describes how to recognise content reused from the licensor.
type Reuse struct {
	// FrontMatterKeys are the licensor's page metadata keys (ms.author);
	// two or more on one page are one signal.
	FrontMatterKeys []string `yaml:"front_matter_keys"`
	// Syntax are RE2 patterns, one line each, of markup only the
	// licensor's publishing system uses (DocFX includes): one signal.
	Syntax []Pattern `yaml:"syntax"`
	// WeakSyntax is markup the licensor shares with other platforms
	// (GitHub's "> [!NOTE]" alerts): it supports other signals, never
	// suffices alone.
	WeakSyntax []Pattern `yaml:"weak_syntax"`
	// SourceHosts are the licensor's documentation hosts; a link to one
	// governed by "adapted from", "based on" or "source:" is a signal
	// strong enough alone.
	SourceHosts []string `yaml:"source_hosts"`
}

// Pattern is an RE2 regular expression compiled once when the pack loads.
type Pattern struct {
	*regexp.Regexp
}

// UnmarshalText compiles the pattern.
func (p *Pattern) UnmarshalText(b []byte) error {
	re, err := regexp.Compile(string(b))
	if err != nil {
		msg := err.Error()
		if strings.Contains(msg, "invalid or unsupported Perl syntax") {
			msg += " (patterns are RE2: no lookaround or backreferences)"
		}
		return fmt.Errorf("bad pattern: %s", msg)
	}
	p.Regexp = re
	return nil
}

// MarshalText returns the pattern's source; the zero Pattern is "".
func (p Pattern) MarshalText() ([]byte, error) {
	if p.Regexp == nil {
		return nil, nil
	}
	return []byte(p.String()), nil
}

// Duration is a time.Duration written as "60s", "10m" or "1h".
type Duration time.Duration

// D returns the duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String formats like time.Duration.
func (d Duration) String() string { return time.Duration(d).String() }

// Human renders a window for messages: "second", "minute", "10 minutes",
// "hour"; other durations as time.Duration does.
func (d Duration) Human() string {
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Hour, "hour"}, {time.Minute, "minute"}, {time.Second, "second"}} {
		td := time.Duration(d)
		if td <= 0 || td%u.d != 0 {
			continue
		}
		if n := td / u.d; n == 1 {
			return u.name
		} else {
			return fmt.Sprintf("%d %ss", n, u.name)
		}
	}
	return d.String()
}

// UnmarshalText parses a Go duration.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("bad duration %q (write it like 60s, 10m or 1h)", b)
	}
	if v < 0 {
		return fmt.Errorf("negative duration %q", b)
	}
	*d = Duration(v)
	return nil
}
