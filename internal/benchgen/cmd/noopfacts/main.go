// Command noopfacts is the floor for any fact-based go/analysis suite: a
// driver whose one analyzer declares a fact type and does nothing, so the
// driver must load and type-check every dependency from source, as
// toslint's must. scripts/bench-throttle.sh times toslint against it.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

type noFact struct{}

func (*noFact) AFact() {}

var analyzer = &analysis.Analyzer{
	Name:      "noopfacts",
	Doc:       "noopfacts does nothing, with a fact type",
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
