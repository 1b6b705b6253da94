#!/usr/bin/env bash
# The shell steps of action.yml (a composite GitHub Action), kept here so
# that integration/action_test.go can run them outside GitHub.
#
#   action.sh install   installs toslint into $RUNNER_TEMP/toslint-bin and
#                       adds it to $GITHUB_PATH. TOSLINT_VERSION: a module
#                       version ("latest", "v0.1.0") or "local" to build the
#                       action's own checkout ($GITHUB_ACTION_PATH).
#   action.sh run       runs toslint once: annotations on stdout
#                       (-format github), a summary table appended to
#                       $GITHUB_STEP_SUMMARY, SARIF written to $TOSLINT_SARIF
#                       and named in $GITHUB_OUTPUT; exits like toslint.
set -euo pipefail
step=${1:?usage: action.sh install|run}
bin="${RUNNER_TEMP:?}/toslint-bin"
case "$step" in
install)
  mkdir -p "$bin"
  if [ "${TOSLINT_VERSION:-latest}" = local ]; then
    (cd "${GITHUB_ACTION_PATH:?}" && go build -o "$bin/toslint" ./cmd/toslint)
  else
    GOBIN="$bin" go install "github.com/toslint/toslint/cmd/toslint@${TOSLINT_VERSION:-latest}"
  fi
  echo "$bin" >> "${GITHUB_PATH:?}"
  "$bin/toslint" version
  ;;
run)
  sarif=${TOSLINT_SARIF:-toslint.sarif}
  summary=$(mktemp)
  # shellcheck disable=SC2086 # TOSLINT_ARGS holds several arguments
  set +e
  "$bin/toslint" check -format github -fail-on "${TOSLINT_FAIL_ON:-warning}" \
    -also "sarif=$sarif" -also "markdown=$summary" ${TOSLINT_ARGS:-./...}
  code=$?
  set -e
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$summary" ]; then
    cat "$summary" >> "$GITHUB_STEP_SUMMARY"
  fi
  rm -f "$summary"
  if [ -f "$sarif" ]; then
    echo "sarif=$sarif" >> "${GITHUB_OUTPUT:?}"
  fi
  exit "$code"
  ;;
*)
  echo "action.sh: unknown step $step" >&2
  exit 2
  ;;
esac
