// Command toslint-licensedb prints go-license-detector's guess of a
// directory's license as JSON, for toslint's document scanner:
//
//	toslint-licensedb DIR
//	{"MIT": 0.946, "MIT-0": 0.822}
//
// It is a separate program because importing go-license-detector costs
// about half a second and 60 MB at every start (measured): toslint runs it
// only when a repository has license files to judge, and only when it is
// installed (go install ./cmd/toslint-licensedb). It never touches the
// network: it reads the directory through a filer, never Analyse (which
// clones URLs).
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/go-enry/go-license-detector/v4/licensedb"
	"github.com/go-enry/go-license-detector/v4/licensedb/filer"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: toslint-licensedb DIR")
		os.Exit(2)
	}
	f, err := filer.FromDirectory(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "toslint-licensedb:", err)
		os.Exit(1)
	}
	out := map[string]float32{}
	matches, err := licensedb.Detect(f)
	if err != nil && err != licensedb.ErrNoLicenseFound {
		fmt.Fprintln(os.Stderr, "toslint-licensedb:", err)
		os.Exit(1)
	}
	for id, m := range matches {
		out[id] = m.Confidence
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}
