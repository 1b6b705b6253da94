#!/usr/bin/env bash
# Times toslint's document scanner against Vale v3.22.0 (three rules that
# check the same terms, scripts/vale/) and a bare goldmark parse of the
# same files, on generated corpora of 1,000 and 20,000 pages; reports
# medians, ratios and toslint's peak memory for each size.
# Targets (issue 5): toslint <= 0.1x Vale and <= 1.3x the bare parse;
# memory flat as the corpus grows.
#
# Usage: scripts/bench-docs.sh   (RUNS=3 by default; SIZES="1000 20000")
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/benchlib.sh
root=$PWD
runs=${RUNS:-3}
sizes=${SIZES:-"1000 20000"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
go build -o "$work/bin/toslint" ./cmd/toslint
go build -o "$work/bin/mdparse" ./internal/benchgen/cmd/mdparse
vale=$(command -v vale || true)
if [ -z "$vale" ]; then
  echo "installing Vale v3.22.0 (about a minute the first time)"
  GOBIN="$work/bin" go install github.com/vale-cli/vale/v3/cmd/vale@v3.22.0 >/dev/null 2>&1
  vale="$work/bin/vale"
fi
for n in $sizes; do
  corpus="$work/corpus-$n"
  go run ./internal/benchgen/cmd/benchgen -dir "$corpus" -docs "$n" >/dev/null
  cat $(find "$corpus" -name '*.md') >/dev/null   # warm the page cache
  t_tos=$(timeit "$work/bin/toslint" check -only docs -C "$corpus")
  t_vale=$(cd "$corpus" && timeit "$vale" --no-global --config="$root/scripts/vale/vale.ini" --output=JSON docs)
  t_parse=$(timeit "$work/bin/mdparse" "$corpus")
  /usr/bin/time -o "$work/rss" -f '%M' "$work/bin/toslint" check -only docs -C "$corpus" >/dev/null 2>&1 || true
  rss=$(tail -1 "$work/rss")
  printf '%6d pages: toslint %.2f s  Vale %.2f s  goldmark parse %.2f s  | toslint/Vale %.3f (<= 0.1)  toslint/parse %.2f (<= 1.3)  | toslint peak RSS %d MiB\n' \
    "$n" "$t_tos" "$t_vale" "$t_parse" "$(echo "$t_tos / $t_vale" | bc -l)" "$(echo "$t_tos / $t_parse" | bc -l)" "$((rss / 1024))"
  clean="$work/clean-$n"
  go run ./internal/benchgen/cmd/benchgen -dir "$clean" -docs "$n" -clean >/dev/null
  /usr/bin/time -o "$work/rss" -f '%M' "$work/bin/toslint" check -only docs -C "$clean" >/dev/null 2>&1 || true
  printf '%6d clean pages (no findings): toslint peak RSS %d MiB\n' "$n" "$(( $(tail -1 "$work/rss") / 1024 ))"
done
