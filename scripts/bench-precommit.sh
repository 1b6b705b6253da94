#!/usr/bin/env bash
# Measures the pre-commit latency of `toslint check` as the hook runs it,
# in a generated repository of 100 Go packages and 1,000 Markdown pages
# (git work tree, warm build cache):
#   - one changed Markdown file     target <= 150 ms
#   - one changed .go file          target <= 1.5 s
# Prints the median, min and max wall time of RUNS runs (default 15) and
# the median CPU time (user+sys). Hold the benchmark lock on a shared
# machine: flock /work/coord/bench.lock scripts/bench-precommit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/benchlib.sh
runs=${RUNS:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/toslint" ./cmd/toslint
repo="$work/repo"
go run ./internal/benchgen/cmd/benchgen -dir "$repo" -packages 100 -funcs 20 >/dev/null
go run ./internal/benchgen/cmd/benchgen -dir "$repo" -docs 1000 >/dev/null
cd "$repo"
git init -q && git add -A && git -c user.name=b -c user.email=b@example.test commit -qm bench

# measure NAME FILE: runs `toslint check FILE` $runs times after one
# warm-up run, and prints wall-time and CPU-time medians in ms.
measure() {
  local name=$1 file=$2 target=$3
  "$work/toslint" check -q "$file" >/dev/null 2>&1 || [ $? = 1 ] || { echo "toslint check $file failed" >&2; exit 1; }
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$work/toslint" check -q "$file" >/dev/null 2>&1 || [ $? = 1 ] ||
      { echo "toslint check $file failed" >&2; exit 1; }
    tail -1 "$work/t" | awk '{printf "%d %d\n", $1*1000, ($2+$3)*1000}'
  done >"$work/$name"
  local wall cpu
  wall=$(cut -d' ' -f1 "$work/$name" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms (min %d, max %d)", a[int((NR+1)/2)], a[1], a[NR]}')
  cpu=$(cut -d' ' -f2 "$work/$name" | median)
  echo "$name: $wall over $runs runs, CPU $cpu ms; target <= $target"
}
measure "one changed Markdown file" docs/s004/page00421.md "150 ms"
measure "one changed .go file (100-package module)" p042/p042.go "1500 ms"
