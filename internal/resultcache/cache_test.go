package resultcache

import (
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/toslint/toslint/internal/report"
	"github.com/toslint/toslint/internal/rule"
)

func TestDir(t *testing.T) {
	tests := []struct {
		env     string // TOSLINT_CACHE; "-" for unset
		goCache string
		want    string
	}{
		{"-", "/home/u/.cache/go-build", "/home/u/.cache/go-build/toslint"},
		{"-", "off", ""},
		{"-", "", ""},
		{"-", "relative/dir", ""},
		{"", "/gc", "/gc/toslint"}, // set but empty: as unset
		{"off", "/gc", ""},
		{"/elsewhere", "/gc", "/elsewhere"},
		{"/elsewhere", "off", "/elsewhere"},
	}
	for _, tt := range tests {
		if tt.env == "-" {
			t.Setenv("TOSLINT_CACHE", "") // restored after the test
			os.Unsetenv("TOSLINT_CACHE")
		} else {
			t.Setenv("TOSLINT_CACHE", tt.env)
		}
		if got := Dir(tt.goCache); got != filepath.FromSlash(tt.want) {
			t.Errorf("TOSLINT_CACHE=%q, GOCACHE=%q: Dir = %q, want %q", tt.env, tt.goCache, got, tt.want)
		}
	}
}

func sampleFindings() []report.Finding {
	return []report.Finding{{
		Rule: "TOS101", Severity: rule.Warning,
		Pos:     token.Position{Filename: "/m/a.go", Line: 3, Column: 2},
		End:     token.Position{Filename: "/m/a.go", Line: 3, Column: 9},
		Message: "a loop calls the API",
		Related: []report.Related{{Pos: token.Position{Filename: "/m/b.go", Line: 7, Column: 1}, Message: "the call"}},
		Fixes:   []report.Fix{{Message: "wait", Edits: []report.Edit{{File: "/m/a.go", Start: 10, End: 12, New: "x"}}}},
	}}
}

func TestPutGet(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := Key{1, 2, 3}
	if _, ok := c.Get(k); ok {
		t.Fatal("Get on an empty cache found an entry")
	}
	want := sampleFindings()
	if err := c.Put(k, want); err != nil {
		t.Fatal(err)
	}
	got, ok := c.Get(k)
	if !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf("Get = %v, %v; want %v", got, ok, want)
	}
	// No findings is an answer too: a package with nothing to report.
	empty := Key{4}
	if err := c.Put(empty, nil); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get(empty); !ok || len(got) != 0 {
		t.Fatalf("Get of an empty entry = %v, %v; want none, true", got, ok)
	}
	if _, ok := c.Get(Key{5}); ok {
		t.Fatal("Get found an entry never stored")
	}
}

// A damaged entry is a miss, never an error or a wrong answer.
func TestDamagedEntries(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := Key{9, 9}
	if err := c.Put(k, sampleFindings()); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(c.path(k))
	if err != nil {
		t.Fatal(err)
	}
	other := Key{8}
	for name, data := range map[string][]byte{
		"empty":          nil,
		"truncated":      good[:len(good)/2],
		"no magic":       good[len(magic):],
		"other version":  append([]byte(strings.Replace(magic, "v1", "v0", 1)), good[len(magic):]...),
		"garbage":        append([]byte(magic), "\x00\xff garbage"...),
		"someone else's": nil, // filled below: the entry of another key under k's name
	} {
		if name == "someone else's" {
			if err := c.Put(other, sampleFindings()); err != nil {
				t.Fatal(err)
			}
			data, err = os.ReadFile(c.path(other))
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(c.path(k), data, 0o666); err != nil {
			t.Fatal(err)
		}
		if got, ok := c.Get(k); ok {
			t.Errorf("%s entry: Get = %v, true; want a miss", name, got)
		}
	}
}

func TestPutUnwritable(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A file where the entry's folder should be.
	k := Key{0xab}
	if err := os.WriteFile(filepath.Join(dir, "ab"), nil, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(k, sampleFindings()); err == nil {
		t.Fatal("Put into a folder that is a file succeeded")
	}
	if _, err := Open(filepath.Join(dir, "ab", "sub")); err == nil {
		t.Fatal("Open under a file succeeded")
	}
}

func TestGetRefreshesTime(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := Key{7}
	if err := c.Put(k, nil); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-3 * time.Hour)
	if err := os.Chtimes(c.path(k), old, old); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(k); !ok {
		t.Fatal("miss")
	}
	info, err := os.Stat(c.path(k))
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(info.ModTime()) > time.Hour {
		t.Errorf("a used entry kept its time %v: trimming would delete it", info.ModTime())
	}
}

func TestTrim(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	c.now = func() time.Time { return now }
	fresh, stale := Key{1}, Key{2}
	for _, k := range []Key{fresh, stale} {
		if err := c.Put(k, nil); err != nil {
			t.Fatal(err)
		}
	}
	sixDays := now.Add(-6 * 24 * time.Hour)
	if err := os.Chtimes(c.path(stale), sixDays, sixDays); err != nil {
		t.Fatal(err)
	}
	// A temporary file a killed run left behind.
	leftover := filepath.Join(filepath.Dir(c.path(stale)), ".tmp-123")
	if err := os.WriteFile(leftover, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(leftover, sixDays, sixDays); err != nil {
		t.Fatal(err)
	}
	n, err := c.Trim()
	if err != nil || n != 2 {
		t.Fatalf("Trim = %d, %v; want 2, nil", n, err)
	}
	if _, ok := c.Get(fresh); !ok {
		t.Error("Trim deleted an entry used today")
	}
	if _, ok := c.Get(stale); ok {
		t.Error("Trim kept an entry unused for six days")
	}
	// Within a day of the last trim, nothing is looked at.
	if err := c.Put(stale, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(c.path(stale), sixDays, sixDays); err != nil {
		t.Fatal(err)
	}
	if n, err := c.Trim(); err != nil || n != 0 {
		t.Fatalf("a second Trim the same day = %d, %v; want 0, nil", n, err)
	}
	c.now = func() time.Time { return now.Add(25 * time.Hour) }
	if n, err := c.Trim(); err != nil || n != 1 {
		t.Fatalf("Trim a day later = %d, %v; want 1, nil", n, err)
	}
}
