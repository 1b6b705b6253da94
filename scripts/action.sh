#!/usr/bin/env bash
# The shell steps of action.yml (a composite GitHub Action), kept here so
# that integration/action_test.go can run them as the runner does.
#
#   action.sh key     writes the Go cache key and cache paths to
#                     $GITHUB_OUTPUT (key, restore-key, gomodcache, gocache)
#   action.sh build   builds toslint from the action's own checkout
#                     ($GITHUB_ACTION_PATH, at the ref the workflow pinned)
#                     into $RUNNER_TEMP/toslint-bin and adds it to $GITHUB_PATH
#   action.sh run     runs toslint once: annotations from one source
#                     ($TOSLINT_ANNOTATIONS: workflow-commands on stdout, or
#                     code-scanning through the SARIF upload, or none), a
#                     summary table appended to $GITHUB_STEP_SUMMARY, SARIF
#                     written to $TOSLINT_SARIF and named in $GITHUB_OUTPUT
#                     (with exit-code); exits like toslint.
set -euo pipefail
step=${1:?usage: action.sh key|build|run}
bin="${RUNNER_TEMP:?}/toslint-bin"
case "$step" in
key)
  cd "${GITHUB_ACTION_PATH:?}"
  sum=$(cat go.sum go.mod | sha256sum | cut -c1-16)
  goversion=$(go env GOVERSION)
  {
    echo "key=toslint-${RUNNER_OS:-Linux}-$goversion-$sum"
    echo "restore-key=toslint-${RUNNER_OS:-Linux}-$goversion-"
    echo "gomodcache=$(go env GOMODCACHE)"
    echo "gocache=$(go env GOCACHE)"
  } >> "${GITHUB_OUTPUT:?}"
  ;;
build)
  mkdir -p "$bin"
  cd "${GITHUB_ACTION_PATH:?}"
  # The version is the ref the workflow pinned (uses: toslint/toslint@v0.1.0).
  go build -trimpath -ldflags "-X github.com/toslint/toslint/internal/cli.buildVersion=${TOSLINT_REF:-}" \
    -o "$bin/toslint" ./cmd/toslint
  echo "$bin" >> "${GITHUB_PATH:?}"
  "$bin/toslint" version
  ;;
run)
  sarif=${TOSLINT_SARIF:-toslint.sarif}
  summary=$(mktemp)
  format=github
  case "${TOSLINT_ANNOTATIONS:-workflow-commands}" in
  workflow-commands) format=github ;;
  code-scanning | none) format=text ;;
  *)
    echo "::error title=toslint::annotations must be workflow-commands, code-scanning or none, not \"$TOSLINT_ANNOTATIONS\""
    exit 2
    ;;
  esac
  flags=(check -format "$format" -also "sarif=$sarif" -also "markdown=$summary")
  if [ -n "${TOSLINT_FAIL_ON:-}" ]; then
    flags+=(-fail-on "$TOSLINT_FAIL_ON")
  fi
  rm -f "$sarif"
  set +e
  # shellcheck disable=SC2086 # TOSLINT_ARGS holds several arguments
  "$bin/toslint" "${flags[@]}" ${TOSLINT_ARGS:-./...}
  code=$?
  set -e
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -s "$summary" ]; then
    cat "$summary" >> "$GITHUB_STEP_SUMMARY"
  fi
  rm -f "$summary"
  echo "exit-code=$code" >> "${GITHUB_OUTPUT:?}"
  if [ -f "$sarif" ]; then
    echo "sarif=$sarif" >> "$GITHUB_OUTPUT"
  else
    echo "::warning title=toslint::toslint wrote no SARIF file (exit $code: see the error above); the code-scanning upload is skipped"
  fi
  exit "$code"
  ;;
*)
  echo "action.sh: unknown step $step" >&2
  exit 2
  ;;
esac
