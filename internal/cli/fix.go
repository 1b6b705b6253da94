package cli

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/toslint/toslint/internal/report"
)

// applyFixes applies the first suggested fix of every unsuppressed
// finding as one transaction, and returns the findings that remain.
//
// It plans every edit first. A fix whose edits overlap another's, or
// reach past the end of the file, is skipped (its finding stays). Each
// target must be a regular, writable file inside the repository root,
// not a symbolic link and not hard-linked (rewriting one name of a hard
// link would split it), whose owner can be kept; otherwise its findings
// stay and say why they were not fixed. Then every new version is written
// to a temporary file beside its target, with the target's mode and
// owner, and only when all are written are they renamed over the targets.
// On any failure the temporary files are removed and nothing is changed
// (a failed rename puts back the files already replaced).
func applyFixes(fs []report.Finding, wd, root string, stderr io.Writer) ([]report.Finding, error) {
	plans, notFixed := planFixes(fs, root)
	if err := commitFixes(plans); err != nil {
		return nil, fmt.Errorf("applying fixes (no file was changed): %w", err)
	}
	fixed := map[int]bool{}
	for _, p := range plans {
		for _, o := range p.owners {
			fixed[o] = true
		}
		fmt.Fprintf(stderr, "toslint: fixed %s in %s\n", plural(len(p.owners), "finding"), relTo(wd, p.file))
	}
	var rest []report.Finding
	for i, f := range fs {
		if fixed[i] {
			continue
		}
		if why, ok := notFixed[i]; ok {
			f.Message += " (not fixed: " + why + ")"
		}
		rest = append(rest, f)
	}
	return rest, nil
}

// filePlan is the new content of one file and the findings it fixes.
type filePlan struct {
	file   string
	info   fs.FileInfo
	out    []byte
	owners []int // indexes of the findings fixed

	tmp, backup string // set while committing
	replaced    bool   // tmp was renamed over file
}

// planFixes computes the new content of every file with fixes. notFixed
// gives, for the findings whose file cannot be fixed, the reason.
func planFixes(fs []report.Finding, root string) ([]*filePlan, map[int]string) {
	byFile := map[string][]int{}
	for i, f := range fs {
		if f.Suppressed != nil || len(f.Fixes) == 0 || len(f.Fixes[0].Edits) == 0 {
			continue
		}
		file := f.Fixes[0].Edits[0].File
		same := true
		for _, e := range f.Fixes[0].Edits {
			same = same && e.File == file
		}
		if same { // multi-file fixes are not applied automatically
			byFile[file] = append(byFile[file], i)
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	slices.Sort(files)
	notFixed := map[int]string{}
	var plans []*filePlan
	for _, file := range files {
		info, why := fixTarget(file, root)
		var src []byte
		if why == "" {
			var err error
			if src, err = os.ReadFile(file); err != nil {
				why = fmt.Sprintf("cannot read it (%v)", unwrapPathError(err))
			}
		}
		if why != "" {
			for _, i := range byFile[file] {
				notFixed[i] = why
			}
			continue
		}
		p := &filePlan{file: file, info: info}
		var edits []report.Edit
		for _, i := range byFile[file] {
			if fits(src, edits, fs[i].Fixes[0].Edits) {
				edits = append(edits, fs[i].Fixes[0].Edits...)
				p.owners = append(p.owners, i)
			}
		}
		p.out = applyEdits(src, edits)
		if !bytes.Equal(p.out, src) {
			plans = append(plans, p)
		}
	}
	return plans, notFixed
}

// fixTarget checks that file may be rewritten, and returns its info or
// why not.
func fixTarget(file, root string) (fs.FileInfo, string) {
	info, err := os.Lstat(file)
	switch {
	case err != nil:
		return nil, fmt.Sprintf("cannot read it (%v)", unwrapPathError(err))
	case info.Mode()&fs.ModeSymlink != 0:
		return nil, "it is a symbolic link; fix the file it points to"
	case !info.Mode().IsRegular():
		return nil, "it is not a regular file"
	case info.Mode().Perm()&0o200 == 0:
		return nil, "it is read-only"
	}
	if real := resolve(file); root != "" && !within(resolve(root), real) {
		return nil, "it is outside the repository"
	}
	if n := linkCount(info); n > 1 {
		return nil, fmt.Sprintf("it has %d hard links, and rewriting one would split them", n)
	}
	if !canKeepOwner(info) {
		return nil, "it belongs to another user, whose ownership a rewrite would not keep"
	}
	return info, ""
}

// commitFixes writes every plan's temporary file, then renames them all
// over their targets. On failure nothing is left changed.
func commitFixes(plans []*filePlan) (err error) {
	defer func() {
		for _, p := range plans {
			if p.tmp != "" {
				os.Remove(p.tmp)
			}
			if p.backup != "" {
				if err != nil && p.replaced {
					os.Rename(p.backup, p.file) // put the original back
				} else {
					os.Remove(p.backup)
				}
			}
		}
	}()
	for _, p := range plans {
		if p.tmp, err = writeTemp(p.file, p.out, p.info); err != nil {
			return err
		}
		// A second name for the original, to put it back if a later
		// rename fails.
		backup := p.tmp + ".orig"
		if err := os.Link(p.file, backup); err != nil {
			return fmt.Errorf("%s: %w", p.file, unwrapLinkError(err))
		}
		p.backup = backup
	}
	for _, p := range plans {
		if err := os.Rename(p.tmp, p.file); err != nil {
			return err
		}
		p.tmp, p.replaced = "", true
	}
	return nil
}

// writeTemp writes data to a new temporary file beside file, with file's
// mode and owner, and returns its name.
func writeTemp(file string, data []byte, info fs.FileInfo) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".toslint-*")
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	err = errors.Join(write(tmp, data), tmp.Close())
	if err == nil {
		err = os.Chmod(name, info.Mode().Perm())
	}
	if err == nil {
		err = keepOwner(name, info)
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

func write(f *os.File, data []byte) error {
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}

// writeAtomic replaces an existing file with data through a temporary
// file and a rename, keeping its mode and owner.
func writeAtomic(file string, data []byte) error {
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	tmp, err := writeTemp(file, data, info)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, file); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
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

// unwrapPathError drops the path from an *fs.PathError: the message
// already names the file.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func unwrapLinkError(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
