package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/toslint/toslint/internal/report"
)

// baselineFile is the JSON a baseline is stored as. Entries identify
// findings by report.Fingerprint (rule, file, and the text of the line with
// white space folded), so unrelated edits that move a line keep it.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Fingerprint string `json:"fingerprint"`
}

// fingerprints computes the fingerprint of each finding (files relative
// to root, as they are after report.Relativize).
func fingerprints(fs []report.Finding, lines report.LineSource) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		text, _ := lines.Line(f.Pos.Filename, f.Pos.Line)
		out[i] = report.Fingerprint(f, text)
	}
	return out
}

// writeBaseline records the unsuppressed findings.
func writeBaseline(file string, fs []report.Finding, lines report.LineSource) (int, error) {
	b := baselineFile{Version: 1, Findings: []baselineEntry{}}
	for i, fp := range fingerprints(fs, lines) {
		if fs[i].Suppressed == nil {
			b.Findings = append(b.Findings, baselineEntry{Rule: fs[i].Rule, File: fs[i].Pos.Filename, Fingerprint: fp})
		}
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		if x.File != y.File {
			if x.File < y.File {
				return -1
			}
			return 1
		}
		if x.Fingerprint < y.Fingerprint {
			return -1
		} else if x.Fingerprint > y.Fingerprint {
			return 1
		}
		return 0
	})
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return 0, err
	}
	return len(b.Findings), writeAtomicNew(file, append(data, '\n'))
}

// applyBaseline drops the findings the baseline records. A fingerprint
// recorded n times hides n findings: a copy of a known line is new.
func applyBaseline(file string, fs []report.Finding, lines report.LineSource) ([]report.Finding, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	var b baselineFile
	if err := json.Unmarshal(data, &b); err != nil || b.Version != 1 {
		return nil, fmt.Errorf("baseline %s is not a toslint baseline (version 1): %v", file, err)
	}
	known := map[string]int{}
	for _, e := range b.Findings {
		known[e.Fingerprint]++
	}
	var out []report.Finding
	for i, fp := range fingerprints(fs, lines) {
		if fs[i].Suppressed == nil && known[fp] > 0 {
			known[fp]--
			continue
		}
		out = append(out, fs[i])
	}
	return out, nil
}

// writeAtomicNew replaces or creates file atomically: an existing file
// keeps its mode and owner (writeAtomic); a new one is written to a
// temporary file in the same directory, synced, given mode 0644 and
// renamed into place.
func writeAtomicNew(file string, data []byte) error {
	if _, err := os.Stat(file); err == nil {
		return writeAtomic(file, data)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".toslint-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	err = errors.Join(write(tmp, data), tmp.Close())
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err == nil {
		err = os.Rename(name, file)
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}
