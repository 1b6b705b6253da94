#!/usr/bin/env bash
# Shows how toslint's Go side grows with the module: peak RSS, CPU seconds
# and the size of the JSON report for generated modules of increasing size
# (internal/benchgen: call chains through every package, one unthrottled
# loop in every ten functions). Linear growth means each doubling of the
# module roughly doubles each figure, never quadruples it.
#
# Usage: scripts/bench-throttle-growth.sh [packages ...]   (default: 50 100 200)
# Run it under the bench lock on a shared machine:
#   flock /work/coord/bench.lock scripts/bench-throttle-growth.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/toslint" ./cmd/toslint
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 100 200)
printf '%-9s %-7s %-9s %-10s %-11s %s\n' packages funcs findings "peak RSS" "CPU s" "JSON bytes"
for n in "${sizes[@]}"; do
  mod="$work/m$n"
  go run ./internal/benchgen/cmd/benchgen -dir "$mod" -packages "$n" -funcs 100 >/dev/null
  (cd "$mod" && go build ./... >/dev/null 2>&1 || true)   # warm the build cache
  out=$( { cd "$mod" && /usr/bin/time -f '%M %U %S' "$work/toslint" check -only go -format json ./... >"$work/out.json"; } 2>&1 | tail -1) || true
  read -r rss user sys <<<"$out"
  findings=$(grep -o '"rule":' "$work/out.json" | wc -l)
  printf '%-9s %-7s %-9s %-10s %-11s %s\n' "$n" $((n * 100)) "$findings" "$((rss / 1024)) MB" \
    "$(echo "$user + $sys" | bc)" "$(wc -c <"$work/out.json")"
done
