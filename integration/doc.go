// Package integration holds the tests that run toslint the way users do:
// through pre-commit (both hooks), the GitHub Action's steps as the runner
// runs them, a custom golangci-lint build, and the CI formats' consumers
// (reviewdog, junit2json, the Code Climate types). They build binaries and
// install tools from the registries, so they run only with
// TOSLINT_INTEGRATION=1, which .ci/run sets; there a missing tool fails
// the test instead of skipping it.
package integration
