// Package resultcache keeps the findings of toslint's Go analyzers per
// package, so that a package whose inputs have not changed since a run
// is not loaded, type-checked or analysed again.
//
// A package's entry is found by a key that hashes everything its
// findings depend on (see Keys): the toslint executable, the policy, the
// go command's environment, the package's Go files and those of every
// package it imports (directly or not), and the module's other files,
// which the attribution analyzer reads (license and notices files, every
// Go file's header). Nothing is ever invalidated: a changed input makes a
// new key. Entries unused for five days are deleted, at most once a day,
// as the go command trims its build cache.
//
// The cache lives in the toslint folder of the Go build cache (so that a
// CI job that keeps GOCACHE between runs keeps toslint's results too), or
// where TOSLINT_CACHE says; TOSLINT_CACHE=off turns it off.
package resultcache

import (
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/toslint/toslint/internal/report"
)

// Key identifies an entry.
type Key [32]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// Dir returns the cache directory: $TOSLINT_CACHE when it is set, else
// the toslint folder of the Go build cache goCache. It returns "" when
// the cache is off (TOSLINT_CACHE=off, or GOCACHE=off with no
// TOSLINT_CACHE).
func Dir(goCache string) string {
	if d, ok := os.LookupEnv("TOSLINT_CACHE"); ok && d != "" {
		if d == "off" {
			return ""
		}
		return d
	}
	if goCache == "" || goCache == "off" || !filepath.IsAbs(goCache) {
		return ""
	}
	return filepath.Join(goCache, "toslint")
}

// Cache is a directory of entries: <dir>/<first two hex digits>/<key>.
type Cache struct {
	dir string
	now func() time.Time
}

// Open opens (creating it if need be) the cache in dir.
func Open(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("result cache: %w", err)
	}
	return &Cache{dir: dir, now: time.Now}, nil
}

// magic starts every entry; a change to the entry format changes it.
const magic = "toslint result cache v1\n"

// entry is what an entry holds after magic.
type entry struct {
	Key      Key
	Findings []report.Finding
}

func (c *Cache) path(k Key) string {
	s := k.String()
	return filepath.Join(c.dir, s[:2], s+"-r")
}

// mtimeInterval is how stale an entry's modification time may be before a
// use refreshes it (the go command's choice: one write an hour at most).
const mtimeInterval = time.Hour

// Get returns the findings stored under k. An entry that cannot be read or
// decoded is a miss: the package is analysed again and the entry rewritten.
func (c *Cache) Get(k Key) ([]report.Finding, bool) {
	p := c.path(k)
	data, err := os.ReadFile(p)
	if err != nil || !bytes.HasPrefix(data, []byte(magic)) {
		return nil, false
	}
	var e entry
	if err := gob.NewDecoder(bytes.NewReader(data[len(magic):])).Decode(&e); err != nil || e.Key != k {
		return nil, false
	}
	if info, err := os.Stat(p); err == nil && c.now().Sub(info.ModTime()) > mtimeInterval {
		now := c.now()
		_ = os.Chtimes(p, now, now) // best effort: only trimming reads it
	}
	return e.Findings, true
}

// Put stores findings under k. The entry is written to a temporary file
// and renamed into place, so a reader never sees half of one.
func (c *Cache) Put(k Key, findings []report.Finding) error {
	var buf bytes.Buffer
	buf.WriteString(magic)
	if err := gob.NewEncoder(&buf).Encode(entry{Key: k, Findings: findings}); err != nil {
		return fmt.Errorf("result cache: encoding an entry: %w", err)
	}
	p := c.path(k)
	if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
		return fmt.Errorf("result cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("result cache: %w", err)
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("result cache: writing an entry: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("result cache: %w", err)
	}
	return nil
}

// Trim limits: entries unused for trimLimit are deleted, by a trim run
// at most every trimInterval (the go command's build cache policy).
const (
	trimInterval = 24 * time.Hour
	trimLimit    = 5 * 24 * time.Hour
)

// Trim deletes the entries unused for five days, when the last trim was a
// day ago or more. It returns the number of entries deleted.
func (c *Cache) Trim() (int, error) {
	now := c.now()
	stamp := filepath.Join(c.dir, "trim.txt")
	if data, err := os.ReadFile(stamp); err == nil {
		if t, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil && now.Sub(time.Unix(t, 0)) < trimInterval {
			return 0, nil
		}
	}
	deleted := 0
	cutoff := now.Add(-trimLimit)
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a vanished or unreadable entry: nothing to trim
		}
		if d.IsDir() || !strings.HasSuffix(p, "-r") && !strings.HasPrefix(d.Name(), ".tmp-") {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().Before(cutoff) {
			if os.Remove(p) == nil {
				deleted++
			}
		}
		return nil
	})
	if werr := os.WriteFile(stamp, []byte(strconv.FormatInt(now.Unix(), 10)+"\n"), 0o666); werr != nil {
		err = errors.Join(err, werr)
	}
	return deleted, err
}
