package resultcache

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/toslint/toslint/internal/load"
)

// Run holds the inputs of a run that every package's key includes.
type Run struct {
	Tool      []byte     // the toslint executable (Executable)
	Policy    []byte     // the policy's fingerprint
	Analyzers []string   // the analyzers run, by name
	Env       load.GoEnv // the go command's environment
	// Getenv are the environment variables the analyzers read (the
	// attribution analyzer finds the module cache through them).
	Getenv []string
	// Module is the directory of the module analysed, and Tree the
	// fingerprint of its files (see Tree).
	Module string
	Tree   []byte
}

// version changes when what a key covers changes.
const version = "toslint result key v1"

// KeySet is the keys of a run's packages.
type KeySet struct {
	// Keys has the key of every package that the patterns match and
	// whose findings may be stored: not one that go list reports an error
	// about, or that imports one.
	Keys map[string]Key
	// Settled is false when a file whose modification time is in a key
	// changed less than two seconds ago: findings should not be stored.
	Settled bool
	read    []stamp // the files whose content is in a key
}

// stamp is a file's size and modification time when its content was read.
type stamp struct {
	name  string
	size  int64
	mtime time.Time
}

// Unchanged reports whether every file whose content is in a key still
// has the size and modification time it had when it was read: if one
// changed since (an editor saving during the run), what the analyzers
// saw may not be what the key says, and nothing should be stored.
func (ks *KeySet) Unchanged() bool {
	for _, s := range ks.read {
		info, err := os.Stat(s.name)
		if err != nil || info.Size() != s.size || !info.ModTime().Equal(s.mtime) {
			return false
		}
	}
	return true
}

// Keys computes the keys of pkgs, which are in dependency order, as
// load.Listing.Packages returns them.
func Keys(run Run, pkgs []load.Package) (*KeySet, error) {
	h := sha256.New()
	str(h, version)
	writeBytes(h, run.Tool)
	writeBytes(h, run.Policy)
	strs(h, run.Analyzers)
	e := run.Env
	strs(h, []string{e.GOOS, e.GOARCH, e.CGO_ENABLED, e.GOVERSION, e.GOROOT, e.GOFLAGS, e.GOEXPERIMENT, e.GOMODCACHE})
	for _, name := range run.Getenv {
		v, ok := os.LookupEnv(name)
		str(h, fmt.Sprintf("%s=%v:%s", name, ok, v))
	}
	str(h, run.Module)
	writeBytes(h, run.Tree)
	runHash := h.Sum(nil)

	src := map[string][]byte{} // import path -> source key; nil: not cacheable
	keys := map[string]Key{}
	st := &stater{recent: time.Now().Add(-settleTime)}
	for _, p := range pkgs {
		k, err := st.sourceKey(p, run.Env, src)
		if err != nil {
			return nil, err
		}
		src[p.ImportPath] = k
		if p.Root && k != nil {
			h := sha256.New()
			writeBytes(h, runHash)
			writeBytes(h, k)
			var key Key
			h.Sum(key[:0])
			keys[p.ImportPath] = key
		}
	}
	return &KeySet{Keys: keys, Settled: !st.unsettled, read: st.read}, nil
}

// stater hashes files by their name, size, mode and modification time,
// and notes when one changed within settleTime.
type stater struct {
	recent    time.Time
	unsettled bool
	read      []stamp
}

func (st *stater) stat(h hash.Hash, name string, info fs.FileInfo) {
	stat(h, name, info)
	if info.ModTime().After(st.recent) {
		st.unsettled = true
	}
}

// sourceKey hashes what the analysis of p can see of p and of the packages
// it imports. A standard package is named by the Go version, a package in
// the module cache by its module's version (the module cache is read
// only), any other by the content of its Go files, the size and time of
// its embedded files, and the directory's other files (test files,
// files for other platforms: the attribution analyzer reads them). It is
// nil when p, or a package it imports, has an error.
func (st *stater) sourceKey(p load.Package, env load.GoEnv, src map[string][]byte) ([]byte, error) {
	if p.Error != "" {
		return nil, nil
	}
	h := sha256.New()
	str(h, p.ImportPath)
	switch {
	case p.Standard:
		str(h, "std")
		names(h, p.GoFiles)
	case p.Module != nil && immutable(p, env):
		m := p.Module
		if m.Replace != nil {
			m = m.Replace
		}
		str(h, "mod "+m.Path+"@"+m.Version)
		names(h, p.GoFiles)
	default:
		str(h, "src "+p.Dir)
		for _, f := range p.GoFiles {
			if err := st.fileContent(h, f); err != nil {
				return nil, err
			}
		}
		// The attribution analyzer looks for license statements in the
		// embedded files and their folders.
		embedDirs := map[string]bool{}
		for _, f := range p.EmbedFiles {
			if err := st.fileStat(h, f); err != nil {
				return nil, err
			}
			embedDirs[filepath.Dir(f)] = true
		}
		for _, d := range slices.Sorted(maps.Keys(embedDirs)) {
			if err := st.dirListing(h, d, nil); err != nil {
				return nil, err
			}
		}
		if p.Root {
			// The folder's other files: test files, files for other
			// platforms (the attribution analyzer reads them).
			if err := st.dirListing(h, p.Dir, p.GoFiles); err != nil {
				return nil, err
			}
		}
	}
	for _, path := range p.Imports {
		k, ok := src[path]
		if ok && k == nil {
			return nil, nil // an import with an error
		}
		str(h, path)
		writeBytes(h, k) // nil for "C" and "unsafe"
	}
	return h.Sum(nil), nil
}

// immutable reports whether p's files are in the module cache, which the
// go command keeps read-only and verifies against go.sum.
func immutable(p load.Package, env load.GoEnv) bool {
	m := p.Module
	if m.Replace != nil {
		m = m.Replace
	}
	if m.Version == "" || env.GOMODCACHE == "" {
		return false
	}
	rel, err := filepath.Rel(env.GOMODCACHE, p.Dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

var (
	exeOnce sync.Once
	exeHash []byte
	exeErr  error
)

// Executable hashes the running program's executable: a toslint built
// from other sources (other analyzers, other embedded packs) never reads
// the entries of this one.
func Executable() ([]byte, error) {
	exeOnce.Do(func() {
		var name string
		name, exeErr = os.Executable()
		if exeErr != nil {
			return
		}
		var f *os.File
		f, exeErr = os.Open(name)
		if exeErr != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, exeErr = io.Copy(h, f); exeErr == nil {
			exeHash = h.Sum(nil)
		}
	})
	return exeHash, exeErr
}

// fileContent hashes a file's name and content, and keeps its size and
// time (see KeySet.Unchanged).
func (st *stater) fileContent(h hash.Hash, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	str(h, "f "+name)
	fh := sha256.New()
	if _, err := io.Copy(fh, f); err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	writeBytes(h, fh.Sum(nil))
	st.read = append(st.read, stamp{name, info.Size(), info.ModTime()})
	return nil
}

func (st *stater) fileStat(h hash.Hash, name string) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	st.stat(h, name, info)
	return nil
}

// dirListing hashes the name, size, mode and time of each file of dir but
// those whose content is hashed already (hashed, absolute names).
func (st *stater) dirListing(h hash.Hash, dir string, hashed []string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := filepath.Join(dir, e.Name())
		if e.IsDir() || slices.Contains(hashed, name) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		st.stat(h, name, info)
	}
	return nil
}

func stat(h hash.Hash, name string, info fs.FileInfo) {
	str(h, "s "+name)
	var b [24]byte
	binary.LittleEndian.PutUint64(b[0:], uint64(info.Size()))
	binary.LittleEndian.PutUint64(b[8:], uint64(info.ModTime().UnixNano()))
	binary.LittleEndian.PutUint64(b[16:], uint64(info.Mode()))
	h.Write(b[:])
}

func names(h hash.Hash, files []string) {
	for _, f := range files {
		str(h, filepath.Base(f))
	}
}

// str writes s with its length, so that no two lists of strings hash
// alike.
func str(h hash.Hash, s string) { writeBytes(h, []byte(s)) }

func strs(h hash.Hash, ss []string) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(len(ss)))
	h.Write(b[:])
	for _, s := range ss {
		str(h, s)
	}
}

func writeBytes(h hash.Hash, p []byte) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(len(p)))
	h.Write(b[:])
	h.Write(p)
}
