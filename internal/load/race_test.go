//go:build race

package load

// raceEnabled is set when the tests run with the race detector, which
// makes the parser about ten times slower: the long tests sample.
const raceEnabled = true
