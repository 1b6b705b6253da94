#!/usr/bin/env bash
# Measures what the attribution rules (TOS2xx) add to a `toslint check
# -only go` run on a real module of 1,000+ Go files: CPU seconds
# (user+sys) with the rules on and off, runs interleaved (on, off, on,
# off ...) with a warm build cache, medians and spreads, under the shared
# benchmark lock. Target (issue 10): at most 10 % more CPU.
#
# Usage: scripts/bench-attribution.sh [MODULE_DIR]
#   MODULE_DIR defaults to $CORPORA/dominikh+go-tools (1,013 Go files; see
#   testdata/realworld/attribution/repos.tsv for the commit).
#   RUNS=5 by default; BENCH_LOCK is the lock file (default the shared
#   machine's /work/coord/bench.lock). Needs /usr/bin/time and flock.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
mod=${1:-${CORPORA:-/work/corpora}/dominikh+go-tools}
[ -d "$mod" ] || { echo "no module at $mod (export a snapshot first)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/toslint" ./cmd/toslint
cat >"$work/off.yml" <<'YML'
rules:
  - {id: TOS201, enabled: false}
  - {id: TOS202, enabled: false}
  - {id: TOS203, enabled: false}
  - {id: TOS204, enabled: false}
  - {id: TOS206, enabled: false}
YML
: >"$work/on.yml"
printf 'module: %s (%s Go files)\n' "$mod" "$(find "$mod" -name '*.go' | wc -l)"
cd "$mod"
GOFLAGS=-mod=mod "$work/toslint" check -only go -config "$work/on.yml" ./... >/dev/null 2>&1 || true # warm the caches
cpu() { # prints user+sys seconds of one run
	/usr/bin/time -f '%U %S' -o "$work/t" env GOFLAGS=-mod=mod "$work/toslint" check -only go -config "$work/$1.yml" ./... >/dev/null 2>&1 || true
	awk '{print $1 + $2}' "$work/t"
}
for _ in $(seq "$runs"); do
	flock "${BENCH_LOCK:-/work/coord/bench.lock}" bash -c "$(declare -f cpu); work=$work; echo on \$(cpu on); echo off \$(cpu off)"
done >"$work/samples"
. "$OLDPWD/scripts/benchlib.sh"
on=$(awk '$1=="on"{print $2}' "$work/samples" | median)
off=$(awk '$1=="off"{print $2}' "$work/samples" | median)
spread() { awk -v k="$1" '$1==k{print $2}' "$work/samples" | sort -n | awk '{a[NR]=$1} END {printf "%.2f-%.2f", a[1], a[NR]}'; }
printf 'CPU seconds, median of %d interleaved runs: rules on %.2f (%s), off %.2f (%s)\n' "$runs" "$on" "$(spread on)" "$off" "$(spread off)"
printf 'attribution overhead: %.1f %% (target <= 10 %%)\n' "$(echo "($on - $off) / $off * 100" | bc -l)"
