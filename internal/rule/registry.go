package rule

// registry is the table of every rule, sorted by ID. Add IDs inside a
// family as needed; never rename or reuse one (see Retired and the test
// that pins this list).
var registry = []Rule{
	// TOS0xx: the tool about itself.
	{
		ID: "TOS001", Name: "file-not-scanned", Severity: Warning, Default: true,
		Engine: EngineTool, Status: Available, Since: "v0.1.0",
		Title:     "file not scanned (binary, too large, unreadable or not UTF-8)",
		Rationale: "A file that cannot be read is a hole in the scan; it is reported so that nothing is skipped silently.",
		Clause:    "toslint policy: every file in scope is either scanned or reported.",
	},
	{
		ID: "TOS002", Name: "front-matter-not-parsed", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "front matter not parsed (the body is still scanned)",
		Rationale: "Broken YAML front matter hides the page's title and metadata from the trademark and attribution checks.",
		Clause:    "toslint policy: every file in scope is either scanned or reported.",
	},
	{
		ID: "TOS003", Name: "suppression-without-reason", Severity: Warning, Default: true,
		Engine: EngineTool, Status: Available, Since: "v0.1.0",
		Title:     "suppression directive without a reason",
		Rationale: "Suppressions are audited; a reason after \" -- \" tells the auditor why the obligation does not apply.",
		Clause:    "toslint policy: suppressions must be justified.",
	},
	{
		ID: "TOS004", Name: "unused-suppression", Severity: Warning, Default: true,
		Engine: EngineTool, Status: Available, Since: "v0.1.0",
		Title:     "suppression directive that matches no finding",
		Rationale: "A stale suppression would silently hide a future violation on that line.",
		Clause:    "toslint policy: suppressions must stay meaningful.",
	},
	{
		ID: "TOS005", Name: "malformed-suppression", Severity: Warning, Default: true,
		Engine: EngineTool, Status: Available, Since: "v0.1.0",
		Title:     "suppression directive that cannot be parsed or names an unknown rule",
		Rationale: "A misspelled directive suppresses nothing, which is rarely what its author meant.",
		Clause:    "toslint policy: suppressions must be well-formed.",
	},
	{
		ID: "TOS006", Name: "package-not-loaded", Severity: Error, Default: true,
		Engine: EngineTool, Status: Available, Since: "v0.1.0",
		Title:     "package not loaded (go list, syntax or type error), so not analysed",
		Rationale: "A package the analyzers cannot see is a hole in the check; each load error is reported where it is, the rest of the module is still checked, and the run fails.",
		Clause:    "toslint policy: every file in scope is either scanned or reported.",
	},

	// TOS1xx: throttle, rate-limited API calls.
	{
		ID: "TOS101", Name: "unthrottled-call-loop", Severity: Error, Default: true,
		Engine: EngineThrottle, Status: Available, Since: "v0.1.0",
		Title:     "rate-limited API called in a loop with no proactive throttle",
		Rationale: "A loop over data calls the API as fast as it can; the terms cap calls per time window.",
		Clause:    "API terms: the documented number of API calls per connection per renewal period.",
	},
	{
		ID: "TOS102", Name: "unbounded-fan-out", Severity: Error, Default: true,
		Engine: EngineThrottle, Status: Available, Since: "v0.1.0",
		Title:     "rate-limited API called from a goroutine per item (unbounded fan-out)",
		Rationale: "Starting a goroutine per item sends every call at once; a concurrency bound alone still does not cap calls per window.",
		Clause:    "API terms: the documented number of API calls per connection per renewal period.",
	},
	{
		ID: "TOS103", Name: "throttle-over-limit", Severity: Error, Default: true,
		Engine: EngineThrottle, Status: Available, Since: "v0.1.0",
		Title:     "throttle lets more calls through than the limit (rate or burst over the terms)",
		Rationale: "A token bucket with rate r and burst b allows b + r*W calls in a window W; that must not exceed the documented limit.",
		Clause:    "API terms: the documented number of API calls per connection per renewal period.",
	},
	{
		ID: "TOS104", Name: "reactive-retry-only", Severity: Warning, Default: true,
		Engine: EngineThrottle, Status: Available, Since: "v0.1.0",
		Title:     "only reactive retry where the terms need a proactive throttle",
		Rationale: "Backing off after a 429 still sends the calls that were over the budget; a hard budget needs a limiter before the call.",
		Clause:    "API terms: the limit is a budget, not a hint to retry.",
	},
	{
		ID: "TOS105", Name: "rate-unverified", Severity: Info, Default: true,
		Engine: EngineThrottle, Status: Available, Since: "v0.1.0",
		Title:     "throttle present, rate not statically known",
		Rationale: "The loop is throttled, but its rate comes from a value toslint cannot compute, from different throttles on different paths, or from a wait that lets an uncountable batch of calls through; review it against the limit.",
		Clause:    "API terms: the documented number of API calls per connection per renewal period.",
	},

	// TOS2xx: attribution in Go code.
	{
		ID: "TOS201", Name: "embed-without-attribution", Severity: Error, Default: true,
		Engine: EngineAttribution, Status: Available, Since: "v0.1.0",
		Title:     "go:embed of attribution-required content without attribution",
		Rationale: "Content compiled into a binary is shared with every user of the binary; its license's attribution travels with it.",
		Clause:    "CC BY 4.0 section 3(a); MIT, BSD and Apache-2.0 notice conditions.",
	},
	{
		ID: "TOS202", Name: "foreign-copyright", Severity: Warning, Default: true,
		Engine: EngineAttribution, Status: Available, Since: "v0.1.0",
		Title: "foreign copyright header not listed in the notices file",
		Rationale: "Code copied with someone else's copyright line must keep that notice where recipients see it. " +
			"A holder is the module's own when copyright_holders in .toslint.yml lists it (then nothing else is inferred); " +
			"without that setting, when the root LICENSE/COPYING or AUTHORS/CONTRIBUTORS files name it, when it shares a distinctive word " +
			"with those names or with the module path's owner or repository, or when it is on the most Go files outside copied folders " +
			"(and either shares such a word or the LICENSE names no holder). A foreign holder's notice is carried when the root " +
			"LICENSE/COPYING, a notices file (NOTICE, THIRD_PARTY_NOTICES, LICENSE-THIRD-PARTY, ATTRIBUTION, CREDITS) or REUSE.toml names it, " +
			"or when the file is in a folder with its own LICENSE/COPYING whose license makes that file the notice (MIT, BSD, ISC, Apache-2.0, " +
			"MPL-2.0, the GPL family: not Creative Commons or an unidentified text) and that names the holder or no holder at all. " +
			"One finding per holder and file; it also names the license text the module lacks for that code.",
		Clause: "MIT and BSD: the copyright notice shall be included in all copies; Apache-2.0 section 4(c).",
	},
	{
		ID: "TOS203", Name: "license-text-missing", Severity: Error, Default: true,
		Engine: EngineAttribution, Status: Available, Since: "v0.1.0",
		Title:     "foreign license identifier without its license text",
		Rationale: "Most licenses must be given to recipients in full, not only named.",
		Clause:    "MIT permission notice; BSD conditions; Apache-2.0 section 4(a) and 4(d).",
	},
	{
		ID: "TOS204", Name: "provenance-without-license", Severity: Warning, Default: true,
		Engine: EngineAttribution, Status: Available, Since: "v0.1.0",
		Title:     "provenance comment (\"adapted from URL\") without author and license",
		Rationale: "Code taken from a web page keeps that page's license; Stack Overflow posts are CC BY-SA.",
		Clause:    "CC BY-SA section 3(a) attribution; the source's license.",
	},
	{
		ID: "TOS205", Name: "dependency-notice-missing", Severity: Warning, Default: false,
		Engine: EngineAttribution, Status: Available, Since: "v0.1.0",
		Title:     "module dependency whose license needs a notice is not in the notices file",
		Rationale: "A binary ships its dependencies; their notices must ship too. Off by default: many teams generate notices at release time.",
		Clause:    "MIT, BSD and Apache-2.0 binary redistribution conditions.",
	},
	{
		ID: "TOS206", Name: "upstream-notice-missing", Severity: Warning, Default: true,
		Engine: EngineAttribution, Status: Available, Since: "v0.2.0",
		Title:     "copied Apache-2.0 code from a work known to ship a NOTICE file, and the module has none",
		Rationale: "Apache-2.0 section 4(d) applies only when the upstream work ships a NOTICE; toslint reports it where the code's own header says so, and leaves the rest to the advice `toslint notices` prints.",
		Clause:    "Apache-2.0 section 4(d).",
	},

	// TOS3xx: license and notices (repository, Markdown).
	{
		ID: "TOS301", Name: "no-docs-license", Severity: Error, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "no license file for the docs",
		Rationale: "Documentation published without a license file leaves re-users no license to follow and the notice no file to point to.",
		Clause:    "CC BY 4.0 section 3(a)(1)(C): re-users must be able to include or link the license.",
	},
	{
		ID: "TOS302", Name: "license-mismatch", Severity: Error, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "license file is not the declared license",
		Rationale: "A LICENSE file with another license than the pack or README declares grants different rights from the ones promised.",
		Clause:    "The content license named by the terms (for example CC BY 4.0 for docs).",
	},
	{
		ID: "TOS303", Name: "no-legal-notices", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "no legal-notices section",
		Rationale: "The notices section is where readers learn the license grant, trademark terms and privacy statement.",
		Clause:    "The terms' legal notices: license grant, trademarks, privacy, reservation of rights.",
	},
	{
		ID: "TOS304", Name: "notice-without-license-link", Severity: Error, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "notice does not link the license",
		Rationale: "The grant must name the license and point to its text and to the LICENSE file.",
		Clause:    "CC BY 4.0 section 3(a)(1)(A)(iii) and 3(a)(1)(C).",
	},
	{
		ID: "TOS305", Name: "code-license-not-separated", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "code license not separated from docs license",
		Rationale: "Creative Commons licenses are not meant for software; code samples need their own license and file.",
		Clause:    "The terms: documentation under CC BY 4.0, code under MIT.",
	},
	{
		ID: "TOS306", Name: "no-trademark-notice", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "no trademark notice",
		Rationale: "The licenses grant no trademark rights; the notice says so and links the owner's guidelines.",
		Clause:    "The terms: the licenses do not grant rights to the owner's names, logos or trademarks; CC BY 4.0 section 2(b)(2).",
	},
	{
		ID: "TOS307", Name: "no-privacy-link", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "no privacy statement link",
		Rationale: "In the owner's own repositories the pack's notice set includes a link to the privacy statement.",
		Clause:    "The terms' legal notices: where privacy information can be found.",
	},
	{
		ID: "TOS308", Name: "inconsistent-license", Severity: Error, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "inconsistent license declarations",
		Rationale: "README statements, LICENSE files and SPDX tags that disagree leave re-users unsure which license applies.",
		Clause:    "The content license named by the terms.",
	},
	{
		ID: "TOS309", Name: "reuse-without-attribution", Severity: Error, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "reused CC BY content without full attribution (title, author, source, license, changes)",
		Rationale: "Re-users of CC BY content must credit the creator, link the source and the license, and say whether they changed it.",
		Clause:    "CC BY 4.0 section 3(a)(1)(A) and 3(a)(1)(B).",
	},

	{
		ID: "TOS310", Name: "no-reservation-of-rights", Severity: Info, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "no reservation of all other rights",
		Rationale: "In the owner's own repositories the notice set ends by reserving every right the licenses do not grant.",
		Clause:    "The terms' legal notices: all other rights are reserved.",
	},

	// TOS4xx: trademarks (Markdown).
	{
		ID: "TOS401", Name: "altered-mark", Severity: Error, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "altered or misspelled mark",
		Rationale: "Marks are used in their exact form; altered spellings, casing or abbreviations dilute them.",
		Clause:    "The owner's trademark guidelines: do not alter, abbreviate or combine marks.",
	},
	{
		ID: "TOS402", Name: "retired-name", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "retired product name",
		Rationale: "Retired names mislead readers and drift from the owner's current marks.",
		Clause:    "The owner's current product names (rename table in the pack).",
	},
	{
		ID: "TOS403", Name: "mark-misuse", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "mark used as noun, verb, plural or possessive",
		Rationale: "A mark is an adjective for a product; using it as a noun or verb makes it generic.",
		Clause:    "The owner's trademark guidelines: never use marks as nouns, verbs, plurals or possessives.",
	},
	{
		ID: "TOS404", Name: "mark-in-product-name", Severity: Error, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "mark inside another product's name (implied endorsement)",
		Rationale: "A third-party name that starts with the owner's mark suggests the owner published it.",
		Clause:    "The terms: the licenses do not grant rights to use the owner's names or trademarks.",
	},
	{
		ID: "TOS405", Name: "trademark-attribution-missing", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "marks used with no trademark attribution statement",
		Rationale: "Docs that use the owner's marks say whose marks they are.",
		Clause:    "The terms' trademark notice.",
	},
	{
		ID: "TOS406", Name: "missing-symbol-first-use", Severity: Info, Default: false,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "no registered or trademark symbol on first prominent use",
		Rationale: "Some publishers mark the first prominent use of each mark. Off by default: no law requires it and style guides differ.",
		Clause:    "The owner's trademark guidelines (where they ask for symbols).",
	},
	{
		ID: "TOS407", Name: "affiliation-claim", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "affiliation or endorsement claim",
		Rationale: "Claims of being official, certified or endorsed need the owner's permission.",
		Clause:    "CC BY 4.0 section 2(a)(6) and 3(a)(1)(A)(i); the owner's trademark guidelines.",
	},
	{
		ID: "TOS408", Name: "logo-reuse", Severity: Warning, Default: true,
		Engine: EngineDocs, Status: Available, Since: "v0.1.0",
		Title:     "owner's logo files or badges reused",
		Rationale: "Logos are not licensed by the content license and most uses need a separate license.",
		Clause:    "The terms: the licenses do not grant rights to use the owner's logos.",
	},
}
