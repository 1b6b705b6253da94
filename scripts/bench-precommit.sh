#!/usr/bin/env bash
# Measures the pre-commit latency: `toslint check` on one changed Markdown
# file in a repository of 1,000 pages, as the hook runs it (wall time,
# median of RUNS, default 15). Target (issue 6): <= 150 ms on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/toslint" ./cmd/toslint
go run ./internal/benchgen/cmd/benchgen -dir "$work/repo" -docs 1000 >/dev/null
cd "$work/repo" && git init -q
page=docs/s004/page00421.md
for _ in $(seq "$runs"); do
  s=$(date +%s%N); "$work/toslint" check "$page" >/dev/null 2>&1 || true; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
done | sort -n | awk '{a[NR]=$1} END {printf "one changed Markdown file: median %d ms over %d runs (min %d, max %d); target <= 150 ms\n", a[int((NR+1)/2)], NR, a[1], a[NR]}'
