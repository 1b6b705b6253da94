package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/toslint/toslint/internal/rule"
)

// Report is what a format writes: findings already sorted and relative.
type Report struct {
	Findings []Finding
	Tool     Tool
	// Root is the directory file names are relative to (absolute path);
	// SARIF uses it as %SRCROOT%.
	Root string
	// Sources gives the text of source lines (fingerprints, SARIF columns).
	// Nil means lines are read from disk relative to Root.
	Sources LineSource
	// Incomplete says the run was interrupted: the findings are those
	// found before it stopped.
	Incomplete bool
	// Error, when set, is the error that stopped the run (exit 2): the
	// report holds no findings, and says why.
	Error string
	// Owners says, per mark owner of the packs in force, whether the
	// repository was checked as the owner's own (owner mode) and why. JSON
	// writes it under "metadata"; nil when the document scan did not run.
	Owners []OwnerMode
}

// Note returns what a reader must know beside the findings: that the run
// was interrupted or failed; "" when it completed.
func (r *Report) Note() string {
	switch {
	case r.Error != "":
		return "toslint could not run: " + r.Error
	case r.Incomplete:
		return "toslint was interrupted: these are the findings found before it stopped (incomplete)"
	}
	return ""
}

// OwnerMode is the owner-mode decision for one mark owner.
type OwnerMode struct {
	Owner  string // "Microsoft"
	Own    bool   // checked as the owner's own repository
	Reason string // what decided it
}

// Tool describes toslint itself in the output.
type Tool struct {
	Name    string
	Version string
	URI     string
}

// LineSource returns the text of line n (1-based) of file.
type LineSource interface {
	Line(file string, n int) (string, bool)
}

// Format writes a report in one output format.
type Format interface {
	Write(w io.Writer, r *Report) error
}

// Formats maps each -format name to its writer.
var Formats = map[string]Format{
	"text":         textFormat{},
	"json":         jsonFormat{},
	"sarif":        sarifFormat{},
	"github":       githubFormat{},
	"markdown":     markdownFormat{},
	"checkstyle":   checkstyleFormat{},
	"code-climate": codeClimateFormat{},
	"junit-xml":    junitFormat{},
}

// FormatNames returns the format names, sorted.
func FormatNames() []string {
	var names []string
	for n := range Formats {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// textFormat prints `path:line:col: message [ID]`, the vet form editors
// jump to, with related locations indented below. Suppressed findings are
// left out.
type textFormat struct{}

func (textFormat) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		fmt.Fprintf(bw, "%s: %s [%s]\n", f.Pos.String(), f.Message, f.Rule)
		for _, rel := range f.Related {
			fmt.Fprintf(bw, "\t%s: %s\n", rel.Pos.String(), rel.Message)
		}
	}
	return bw.Flush()
}

// jsonFormat prints the one-object contract of DESIGN.md §4.
type jsonFormat struct{}

type jsonReport struct {
	Version    int           `json:"version"`
	Findings   []jsonFinding `json:"findings"`
	Incomplete bool          `json:"incomplete,omitempty"`
	Error      string        `json:"error,omitempty"`
	Metadata   *jsonMetadata `json:"metadata,omitempty"`
}

type jsonMetadata struct {
	Owners []jsonOwner `json:"owners"`
}

type jsonOwner struct {
	Owner  string `json:"owner"`
	Mode   string `json:"mode"` // "owner" or "third-party"
	Reason string `json:"reason"`
}

type jsonFinding struct {
	Rule        string           `json:"rule"`
	Severity    string           `json:"severity"`
	File        string           `json:"file"`
	Line        int              `json:"line"`
	Column      int              `json:"column"`
	EndLine     int              `json:"end_line"`
	EndColumn   int              `json:"end_column"`
	Message     string           `json:"message"`
	Related     []jsonRelated    `json:"related"`
	Suppressed  bool             `json:"suppressed"`
	Suppression *jsonSuppression `json:"suppression,omitempty"`
	Fixes       []jsonFix        `json:"fixes,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

type jsonSuppression struct {
	Directive string `json:"directive"`
	Reason    string `json:"reason"`
	File      string `json:"file"`
	Line      int    `json:"line"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	File  string `json:"file"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

func (jsonFormat) Write(w io.Writer, r *Report) error {
	out := jsonReport{Version: 1, Findings: []jsonFinding{}, Incomplete: r.Incomplete, Error: r.Error}
	for _, f := range r.Findings {
		end := endOf(f)
		jf := jsonFinding{
			Rule: f.Rule, Severity: f.Severity.String(), File: f.Pos.Filename,
			Line: f.Pos.Line, Column: f.Pos.Column, EndLine: end.Line, EndColumn: end.Column,
			Message: f.Message, Related: []jsonRelated{}, Suppressed: f.Suppressed != nil,
		}
		for _, rel := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{File: rel.Pos.Filename, Line: rel.Pos.Line, Column: rel.Pos.Column, Message: rel.Message})
		}
		if s := f.Suppressed; s != nil {
			jf.Suppression = &jsonSuppression{Directive: s.Directive, Reason: s.Reason, File: s.File, Line: s.Line}
		}
		for _, fx := range f.Fixes {
			jx := jsonFix{Message: fx.Message}
			for _, e := range fx.Edits {
				jx.Edits = append(jx.Edits, jsonEdit{File: e.File, Start: e.Start, End: e.End, New: e.New})
			}
			jf.Fixes = append(jf.Fixes, jx)
		}
		out.Findings = append(out.Findings, jf)
	}
	if r.Owners != nil {
		out.Metadata = &jsonMetadata{Owners: []jsonOwner{}}
		for _, o := range r.Owners {
			mode := "third-party"
			if o.Own {
				mode = "owner"
			}
			out.Metadata.Owners = append(out.Metadata.Owners, jsonOwner{Owner: o.Owner, Mode: mode, Reason: o.Reason})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// endOf returns the end position, or the start when the end is unknown.
func endOf(f Finding) struct{ Line, Column int } {
	if f.End.Line == 0 {
		return struct{ Line, Column int }{f.Pos.Line, f.Pos.Column}
	}
	return struct{ Line, Column int }{f.End.Line, f.End.Column}
}

// githubFormat prints GitHub Actions workflow commands, which become
// annotations on the pull request. Suppressed findings are left out.
type githubFormat struct{}

func (githubFormat) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	if note := r.Note(); note != "" {
		fmt.Fprintf(bw, "::warning title=toslint::%s\n", ghData(note))
	}
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		cmd := map[rule.Severity]string{rule.Error: "error", rule.Warning: "warning", rule.Info: "notice"}[f.Severity]
		end := endOf(f)
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			cmd, ghProperty(f.Pos.Filename), f.Pos.Line, f.Pos.Column, end.Line, end.Column,
			ghProperty(f.Rule), ghData(f.Message))
	}
	return bw.Flush()
}

func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// markdownFormat prints a summary table for a pull-request comment or a
// job summary.
type markdownFormat struct{}

func (markdownFormat) Write(w io.Writer, r *Report) error {
	var b bytes.Buffer
	bySev := map[rule.Severity]int{}
	suppressed := 0
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			suppressed++
			continue
		}
		bySev[f.Severity]++
	}
	total := bySev[rule.Error] + bySev[rule.Warning] + bySev[rule.Info]
	if note := r.Note(); note != "" {
		fmt.Fprintf(&b, "> **%s**\n\n", mdCell(note))
	}
	if total == 0 {
		fmt.Fprintf(&b, "### toslint: no findings\n")
	} else {
		var parts []string
		for _, s := range []rule.Severity{rule.Error, rule.Warning, rule.Info} {
			if n := bySev[s]; n > 0 {
				parts = append(parts, plural(n, s.String()))
			}
		}
		fmt.Fprintf(&b, "### toslint: %s (%s)\n\n", plural(total, "finding"), strings.Join(parts, ", "))
		b.WriteString("| Severity | Rule | Location | Message |\n|---|---|---|---|\n")
		for _, f := range r.Findings {
			if f.Suppressed != nil {
				continue
			}
			link := f.Rule
			if rr, ok := rule.Lookup(f.Rule); ok {
				link = fmt.Sprintf("[%s](%s)", f.Rule, rr.URL())
			}
			fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", f.Severity, link, f.Pos.String(), mdCell(f.Message))
		}
	}
	if suppressed > 0 {
		fmt.Fprintf(&b, "\n%s suppressed by directives (listed in the json and sarif output).\n", plural(suppressed, "finding"))
	}
	_, err := w.Write(b.Bytes())
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if word == "info" {
		return fmt.Sprintf("%d info", n)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func mdCell(s string) string {
	s = strings.NewReplacer("|", `\|`, "\n", " ", "\r", "").Replace(s)
	return s
}

// NewLineSource returns a LineSource that reads files from disk, relative
// paths taken from root, caching each file.
func NewLineSource(root string) LineSource { return &diskLines{root: root} }

// diskLines reads source lines from files relative to a root, keeping the
// lines of the last few files read: findings come sorted by file, so a few
// files at a time (a finding's and its related locations') serve them all
// and memory stays flat in the number of files. Lines break at LF, CRLF
// or a lone CR, and a byte order mark is not part of line 1, as for the
// document scanner's positions. It is the default LineSource.
type diskLines struct {
	root   string
	mu     sync.Mutex
	recent []cachedFile // most recently used first
}

type cachedFile struct {
	name  string
	lines []string
}

// cachedFiles is how many files diskLines keeps.
const cachedFiles = 8

func (d *diskLines) Line(file string, n int) (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	i := slices.IndexFunc(d.recent, func(c cachedFile) bool { return c.name == file })
	if i < 0 {
		c := cachedFile{name: file}
		p := filepath.FromSlash(file)
		if !filepath.IsAbs(p) && d.root != "" {
			p = filepath.Join(d.root, p)
		}
		data, err := os.ReadFile(p)
		if err == nil && len(data) <= 64<<20 {
			c.lines = splitLines(strings.TrimPrefix(string(data), "\uFEFF"))
		}
		if len(d.recent) == cachedFiles {
			d.recent = d.recent[:cachedFiles-1]
		}
		d.recent = append(d.recent, cachedFile{})
		i = len(d.recent) - 1
		d.recent[i] = c
	}
	c := d.recent[i]
	copy(d.recent[1:i+1], d.recent[:i])
	d.recent[0] = c
	if n < 1 || n > len(c.lines) {
		return "", false
	}
	return c.lines[n-1], true
}

// splitLines splits text at LF, CRLF and lone CR.
func splitLines(text string) []string {
	var lines []string
	for {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			return append(lines, text)
		}
		lines = append(lines, text[:i])
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
	}
}

// utf16Column converts a 1-based byte column in line to a 1-based UTF-16
// column, as SARIF's default columnKind expects.
func utf16Column(line string, col int) int {
	if col <= 1 {
		return col
	}
	if col-1 > len(line) {
		return col
	}
	n := 1
	for _, r := range line[:col-1] {
		if r == utf8.RuneError {
			n++
			continue
		}
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}
