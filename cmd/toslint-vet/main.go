// Command toslint-vet runs toslint's analyzers under go vet:
//
//	go install github.com/toslint/toslint/cmd/toslint-vet@latest
//	go vet -vettool=$(which toslint-vet) ./...
//
// The configuration is the .toslint.yml found by walking up from each
// package's directory (every embedded pack when there is none).
// Directives (//toslint:ignore) are applied, as go vet has no suppression
// of its own. Markdown rules do not run under go vet; use toslint check.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/toslint/toslint/analyzers/suite"
	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/config"
	"github.com/toslint/toslint/internal/policy"
)

func main() {
	pol, err := policyFor(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "toslint-vet:", err)
		os.Exit(1)
	}
	analyzers, err := suite.New(pol, analysisutil.Options{ApplyDirectives: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "toslint-vet:", err)
		os.Exit(1)
	}
	for i, a := range analyzers {
		analyzers[i] = analysisutil.WithRuleIDs(a, pol, false) // go vet drops Category
	}
	unitchecker.Main(analyzers...)
}

// policyFor reads the package directory from the vet configuration file
// go vet passes (the last argument, ending in .cfg) and resolves the
// .toslint.yml above it.
func policyFor(args []string) (*policy.Policy, error) {
	dir := "."
	if n := len(args); n > 0 && strings.HasSuffix(args[n-1], ".cfg") {
		data, err := os.ReadFile(args[n-1])
		if err != nil {
			return nil, err
		}
		var cfg struct{ Dir string }
		if err := json.Unmarshal(data, &cfg); err != nil {
			return nil, fmt.Errorf("reading %s: %w", args[n-1], err)
		}
		if cfg.Dir != "" {
			dir = cfg.Dir
		}
	}
	file, err := config.Find(dir)
	if err != nil {
		return nil, err
	}
	if file == "" {
		return config.Default(dir)
	}
	return config.Load(file)
}
