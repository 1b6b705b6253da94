// Package integration holds the tests that run toslint the way users do:
// through pre-commit, the GitHub Action's steps and a custom golangci-lint
// build. They are slow (they build binaries and install hooks) and are
// skipped with -short; .ci/run runs them.
package integration
