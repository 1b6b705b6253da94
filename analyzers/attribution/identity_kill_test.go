package attribution

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/toslint/toslint/internal/testutil"
)

// TestSentenceEnds checks where a period ends a holder: before a capital
// after a space, not inside a word ("Acme.Com") or before a lowercase word.
func TestSentenceEnds(t *testing.T) {
	for line, want := range map[string][]string{
		" Copyright 2019 Jane Roe. Some more text here": {"Jane Roe"},
		" Copyright 2019 Acme.Com Labs":                 {"Acme.Com Labs"},
		" Copyright 2019 Jane Roe. and friends":         {"Jane Roe. and friends"},
	} {
		var got []string
		for _, s := range statementsIn(line) {
			got = append(got, s.holder)
		}
		if !slices.Equal(got, want) {
			t.Errorf("statementsIn(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestDistinctiveWords checks the words that tie a holder to the module:
// four letters or more, not a common word; for a module path, the host's
// name and the owner and repository after it.
func TestDistinctiveWords(t *testing.T) {
	if got := tokens("acme widget-go abc labs"); !slices.Equal(got, []string{"acme", "widget"}) {
		t.Errorf("tokens = %q", got)
	}
	for path, want := range map[string][]string{
		"github.com/acme/widget":    {"acme", "widget"},
		"example.com":               {"example"},
		"honnef.co/go/tools/lint":   {"honnef"},
		"gitlab.com/acme-labs/tool": {"acme", "tool"},
	} {
		if got := pathTokens(path); !slices.Equal(got, want) {
			t.Errorf("pathTokens(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestOwnByWordPrefix checks that a holder word of five letters or more
// that starts an own word, or that an own word starts ("Nimble" and the
// owner "nimbleware"), makes the holder the module's own; shorter words must
// match whole.
func TestOwnByWordPrefix(t *testing.T) {
	m := &modInfo{own: map[string]bool{}, ownTokens: map[string]bool{"nimbleware": true, "quark": true, "acme": true}}
	for key, want := range map[string]bool{
		"nimble labs": true,  // "nimble" starts the own word "nimbleware"
		"nimbl corp":  true,  // so does a five-letter word
		"nimb labs":   false, // four letters: whole words only
		"quarks inc":  true,  // the five-letter own word "quark" starts "quarks"
		"acmes corp":  false, // "acme" has four letters
		"acme corp":   true,  // the word itself
	} {
		if got := m.isOwn(key); got != want {
			t.Errorf("isOwn(%q) = %v, want %v", key, got, want)
		}
	}
}

// TestVoteWinner checks the vote's count: the holder on the most files
// wins whatever the other holders are called, with its count, the
// runner-up's and the number of files with a statement. Go's map order
// differs from one vote to the next, so the vote is taken several times:
// a count that depended on the order would show.
func TestVoteWinner(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"go.mod": "module example.test/vote\n\ngo 1.22\n", "doc.go": "package vote\n"}
	for i := range 3 {
		files[fmt.Sprintf("z%d.go", i)] = "// Copyright 2024 Zora Zimmer\n\npackage vote\n"
	}
	for _, h := range []string{"Abel Abbot", "Bea Baker", "Cyd Clark", "Dot Dean", "Eli Egan"} {
		files[strings.ToLower(h[:3])+".go"] = "// Copyright 2024 " + h + "\n\npackage vote\n"
	}
	testutil.WriteTree(t, dir, files)
	m := loadModule(dir, "example.test/vote", nil)
	for range 20 {
		winner, n, second, total := m.vote()
		if winner != "zora zimmer" || n != 3 || second != 1 || total != 8 {
			t.Fatalf("vote() = %q %d %d %d, want \"zora zimmer\" 3 1 8", winner, n, second, total)
		}
	}
}
