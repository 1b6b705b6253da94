package cli

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/toslint/toslint/internal/report"
)

// applyFixes applies the first suggested fix of every unsuppressed
// finding, file by file, and returns the findings that remain. A fix whose
// edits overlap another's is skipped (and its finding kept); each file is
// written atomically.
func applyFixes(fs []report.Finding, wd string, stderr io.Writer) ([]report.Finding, error) {
	type planned struct {
		finding int
		edits   []report.Edit
	}
	byFile := map[string][]planned{}
	for i, f := range fs {
		if f.Suppressed != nil || len(f.Fixes) == 0 || len(f.Fixes[0].Edits) == 0 {
			continue
		}
		file := f.Fixes[0].Edits[0].File
		same := true
		for _, e := range f.Fixes[0].Edits {
			same = same && e.File == file
		}
		if !same {
			continue // multi-file fixes are not applied automatically
		}
		byFile[file] = append(byFile[file], planned{finding: i, edits: f.Fixes[0].Edits})
	}
	fixed := map[int]bool{}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	slices.Sort(files)
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("applying fixes: %w", err)
		}
		var edits []report.Edit
		var owners []int
		for _, p := range byFile[file] {
			if !fits(src, edits, p.edits) {
				continue
			}
			edits = append(edits, p.edits...)
			owners = append(owners, p.finding)
		}
		out := applyEdits(src, edits)
		if bytes.Equal(out, src) {
			continue
		}
		if err := writeAtomic(file, out); err != nil {
			return nil, fmt.Errorf("applying fixes: %w", err)
		}
		for _, o := range owners {
			fixed[o] = true
		}
		fmt.Fprintf(stderr, "toslint: fixed %d finding(s) in %s\n", len(owners), relTo(wd, file))
	}
	var rest []report.Finding
	for i, f := range fs {
		if !fixed[i] {
			rest = append(rest, f)
		}
	}
	return rest, nil
}

// fits reports whether the new edits are in range and overlap none taken.
func fits(src []byte, taken, add []report.Edit) bool {
	for _, e := range add {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) {
			return false
		}
		for _, t := range taken {
			if e.Start < t.End && t.Start < e.End || e.Start == t.Start {
				return false
			}
		}
	}
	return true
}

// applyEdits applies non-overlapping edits to src.
func applyEdits(src []byte, edits []report.Edit) []byte {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b report.Edit) int { return cmp.Compare(a.Start, b.Start) })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		out.Write(src[last:e.Start])
		out.WriteString(e.New)
		last = e.End
	}
	out.Write(src[last:])
	return out.Bytes()
}

// writeAtomic replaces file with data through a temporary file in the
// same directory and a rename, keeping the file's mode.
func writeAtomic(file string, data []byte) error {
	st, err := os.Stat(file)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".toslint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), st.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}
