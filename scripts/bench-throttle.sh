#!/usr/bin/env bash
# Times the Go side of toslint against two references on the same module,
# with a warm build cache:
#   toslint   toslint check -only go ./...
#   floor     a no-op go/analysis driver whose analyzer declares a fact type
#             (it must load and type-check every dependency from source, as
#             any fact-based suite must)
#   staticcheck with an empty STATICCHECK_CACHE
# Targets (issue 3): toslint <= 1.5x floor and <= 0.15x staticcheck.
# TOSLINT_BASELINE=/path/to/older/toslint adds that build, for before/after
# ratios of a change.
#
# Usage: scripts/bench-throttle.sh [module-dir]   (default: golang.org/x/tools
# v0.52.0 from the module cache, copied to a temporary directory). Set
# RUNS to change the number of runs per tool (default 3; medians reported).
#
# scripts/bench-throttle.sh cache [module-dir ...] times loading instead,
# with an empty and with a warm build cache (scripts/bench-load.sh).
set -euo pipefail
if [ "${1:-}" = cache ]; then
  shift
  exec "$(dirname "$0")/bench-load.sh" "$@"
fi
cd "$(dirname "$0")/.."
. scripts/benchlib.sh
root=$PWD
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "building tools in $work/bin"
mkdir -p "$work/bin"
go build -o "$work/bin/toslint" ./cmd/toslint
go build -o "$work/bin/noopfacts" ./internal/benchgen/cmd/noopfacts
if ! command -v staticcheck >/dev/null; then
  GOBIN="$work/bin" go install honnef.co/go/tools/cmd/staticcheck@latest
fi
sc=$(command -v staticcheck || echo "$work/bin/staticcheck")

mod=${1:-}
if [ -z "$mod" ]; then
  src=$(go mod download -json golang.org/x/tools@v0.52.0 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  mod="$work/module"
  cp -r "$src" "$mod"
  chmod -R u+w "$mod"
fi
cd "$mod"
echo "module: $(head -1 go.mod) ($(go list ./... | wc -l) packages, $(go list -deps ./... | wc -l) with dependencies)"
go build ./... >/dev/null 2>&1 || true   # warm the build cache
go list -deps ./... >/dev/null

t_toslint=$(timeit "$work/bin/toslint" check -only go ./...)
t_floor=$(timeit "$work/bin/noopfacts" -test=false ./...) # toslint skips tests too
# A fresh, empty cache for every staticcheck run.
t_sc=$(timeit bash -c 'd=$(mktemp -d); STATICCHECK_CACHE=$d "$0" ./...; rm -rf "$d"' "$sc")
printf 'median of %d runs (seconds): toslint %.2f  floor %.2f  staticcheck %.2f\n' "$runs" "$t_toslint" "$t_floor" "$t_sc"
printf 'ratios: toslint/floor %.2f (target <= 1.5)  toslint/staticcheck %.3f (target <= 0.15)\n' \
  "$(echo "$t_toslint / $t_floor" | bc -l)" "$(echo "$t_toslint / $t_sc" | bc -l)"
if [ -n "${TOSLINT_BASELINE:-}" ]; then
  t_base=$(timeit "$TOSLINT_BASELINE" check -only go ./...)
  printf 'baseline %.2f  toslint/baseline %.2f\n' "$t_base" "$(echo "$t_toslint / $t_base" | bc -l)"
fi
