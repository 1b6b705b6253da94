package docscan

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"
)

// DetectorCommand is the helper that runs go-license-detector. It is a
// separate program (cmd/toslint-licensedb): importing the detector costs
// about half a second and 60 MB at every start, which a scan with no
// license to judge must not pay. When it is not installed, licensecheck
// alone identifies license files.
const DetectorCommand = "toslint-licensedb"

// detectorPath finds the helper next to the running toslint or on PATH.
func detectorPath() string {
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), DetectorCommand)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	if p, err := exec.LookPath(DetectorCommand); err == nil {
		return p
	}
	return ""
}

type guess struct {
	id   string
	conf float32
}

// detectorGuess returns go-license-detector's guesses for the repository,
// best first; nil when the helper is missing or fails.
func detectorGuess(root string) []guess {
	bin := detectorPath()
	if bin == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, root).Output()
	if err != nil {
		return nil
	}
	var m map[string]float32
	if json.Unmarshal(out, &m) != nil {
		return nil
	}
	var gs []guess
	for id, c := range m {
		gs = append(gs, guess{id, c})
	}
	sort.Slice(gs, func(i, j int) bool {
		if gs[i].conf != gs[j].conf {
			return gs[i].conf > gs[j].conf
		}
		return gs[i].id < gs[j].id
	})
	return gs
}

// confidentGuess is the detector's answer when it is sure: at least 0.95
// and 0.03 ahead of the runner-up (the CC family's variants sit within
// 0.03-0.08 of each other).
func confidentGuess(gs []guess) (guess, bool) {
	if len(gs) == 0 || gs[0].conf < 0.95 {
		return guess{}, false
	}
	if len(gs) > 1 && gs[0].conf-gs[1].conf < 0.03 {
		return guess{}, false
	}
	return gs[0], true
}
