package attribution

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/toslint/toslint/internal/policy"
)

// The module's own identity, decided from evidence (`toslint rules
// explain TOS202` says the same to users):
//
//  1. copyright_holders in the configuration, when set, are the own
//     holders and nothing else is inferred.
//  2. Otherwise: the holders named in the root LICENSE/COPYING files and
//     the names in the root AUTHORS/CONTRIBUTORS files; "The Go Authors"
//     for modules under golang.org/x/; and any holder sharing a
//     distinctive word with those or with the module path's owner or
//     repository ("The Pebble Authors" in github.com/cockroachdb/pebble).
//  3. The vote: the holder on the most Go files outside copied folders is
//     own when it shares a word with that evidence, or, when there is no
//     evidence (an Apache-2.0 LICENSE names no holder), when it is on
//     more files than any other holder and on more than half of the
//     files that carry a statement or on a quarter more files than the
//     runner-up. A tie at the top makes no holder own, also when every
//     file names both (a fork's headers).

// stopTokens are words too common in holders to tell one from another.
var stopTokens = map[string]bool{
	"the": true, "and": true, "authors": true, "author": true, "contributors": true, "inc": true, "llc": true,
	"ltd": true, "corp": true, "corporation": true, "company": true, "limited": true, "gmbh": true,
	"project": true, "team": true, "developers": true, "maintainers": true, "foundation": true, "labs": true,
	"others": true, "copyright": true, "github": true, "gitlab": true, "golang": true, "com": true, "org": true,
	"net": true, "www": true, "gopkg": true, "tools": true, "code": true, "open": true, "source": true,
	"software": true, "systems": true, "technologies": true, "group": true,
}

// tokens returns the distinctive words of a normalised holder or path.
func tokens(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '.' || r == '_' }) {
		if len(f) >= 4 && !stopTokens[f] {
			out = append(out, f)
		}
	}
	return out
}

// pathTokens returns the distinctive words of a module path: its host's
// name (honnef.co, go.uber.org) and its first two elements after a
// hosting site (owner and repository).
func pathTokens(modPath string) []string {
	parts := strings.Split(modPath, "/")
	var words []string
	host := strings.Split(parts[0], ".")
	words = append(words, host...)
	if len(parts) > 1 {
		words = append(words, parts[1])
	}
	if len(parts) > 2 {
		words = append(words, parts[2])
	}
	return tokens(strings.ToLower(strings.Join(words, " ")))
}

func (m *modInfo) decideIdentity(pol *policy.Policy, evidence []string) {
	if pol != nil && len(pol.Holders()) > 0 {
		m.configured = true
		for _, h := range pol.Holders() {
			m.own[holderKey(h.Name)] = true
			for _, a := range h.Aliases {
				m.own[holderKey(a)] = true
			}
		}
		return
	}
	for _, h := range evidence {
		m.addOwn(h)
	}
	if strings.HasPrefix(m.path, "golang.org/x/") {
		m.addOwn("go authors")
	}
	for _, t := range pathTokens(m.path) {
		m.ownTokens[t] = true
	}
	winner, n, second, total := m.vote()
	if winner == "" || m.isOwn(winner) {
		m.voted = winner
		return
	}
	if len(evidence) == 0 && n > second && (2*n > total || 4*n >= 5*second) {
		m.addOwn(winner)
		m.voted = winner
	}
}

func (m *modInfo) addOwn(key string) {
	m.own[key] = true
	for _, t := range tokens(key) {
		m.ownTokens[t] = true
	}
}

// isOwn reports whether a normalised holder is the module's own.
func (m *modInfo) isOwn(key string) bool {
	if m.own[key] {
		return true
	}
	if m.configured {
		for o := range m.own {
			if strings.HasPrefix(key, o+" ") || strings.HasPrefix(o, key+" ") {
				return true
			}
		}
		return false
	}
	for _, t := range tokens(key) {
		if m.ownTokens[t] {
			return true
		}
		for o := range m.ownTokens {
			// "cockroach" and the owner "cockroachdb"
			if len(t) >= 5 && len(o) >= 5 && (strings.HasPrefix(o, t) || strings.HasPrefix(t, o)) {
				return true
			}
		}
	}
	return false
}

// vote counts, over the Go files outside copied folders, the files whose
// header names each holder; it returns the most frequent holder, its
// count, the runner-up's count and the number of files with a statement.
func (m *modInfo) vote() (winner string, n, second, total int) {
	counts := map[string]int{}
	for dir, names := range m.goFiles {
		if m.unitOf(dir+"/x") != nil {
			continue
		}
		for _, name := range names {
			data, err := readLimited(filepath.Join(m.root, filepath.FromSlash(dir), name), maxHead)
			if err != nil {
				continue // the package that checks the file reports it
			}
			seen := map[string]bool{}
			groups, _ := fileComments(data, true)
			for _, g := range groups {
				for _, c := range g.list {
					for _, l := range c.lines() {
						for _, s := range statementsIn(l.text) {
							seen[s.key] = true
						}
					}
				}
			}
			if len(seen) > 0 {
				total++
			}
			for k := range seen {
				counts[k]++
			}
		}
	}
	for k, c := range counts {
		if c > n || c == n && k < winner {
			winner, n = k, c
		}
	}
	for k, c := range counts {
		if k != winner && c > second {
			second = c
		}
	}
	return winner, n, second, total
}

// relToRoot returns a slash path relative to the module root.
func (m *modInfo) relToRoot(p string) string { return path.Clean(slashRel(m.root, p)) }
