#!/usr/bin/env bash
# Times toslint's document scanner against a bare goldmark parse of the
# same files (internal/benchgen/cmd/mdparse: the floor) and Vale v3.22.0
# with three rules that check the same terms (scripts/vale/), on a real
# documentation tree, in CPU seconds (user + sys), the three tools
# interleaved run by run; then toslint's peak memory on the tree and on
# four copies of it. One command does everything; it downloads nothing
# but Vale (from the Go module proxy, when it is not on PATH).
#
# Targets (issues 9 and 13): toslint <= 1.3x the parse; peak RSS within
# 20 % from 1x to 4x the corpus (findings on, default config).
#
# Usage: scripts/bench-docs.sh [CORPUS_DIR]
#   CORPUS_DIR  default: $TOSLINT_CORPORA/MicrosoftDocs+PowerShell-Docs
#               (TOSLINT_CORPORA defaults to /work/corpora). It is never
#               modified: the script works on a copy.
#   RUNS=5      interleaved runs (default 3)
#   BENCH_LOCK=/work/coord/bench.lock   each measured command holds this
#               lock (flock) on a shared machine
#   TOSLINT_FLAGS="-config FILE"  extra flags for toslint check
#
# Vale stops with exit 2 on pages whose front matter is not valid YAML
# (five PowerShell-Docs pages list the alias `- %`, which YAML cannot
# read). The copy quotes such values (`- '%'`) in front matter, for every
# tool alike, and the script says which files it changed. Every tool's exit
# status is checked: toslint 0 or 1 (findings), Vale 0 or 1 (alerts), the
# parse 0; anything else stops the script.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${RUNS:-3}
corpus=${1:-${TOSLINT_CORPORA:-/work/corpora}/MicrosoftDocs+PowerShell-Docs}
if [ ! -d "$corpus" ]; then
  echo "bench-docs: no corpus at $corpus" >&2
  echo "  export a snapshot of github.com/MicrosoftDocs/PowerShell-Docs there, or pass a directory" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
go build -o "$work/bin/toslint" ./cmd/toslint
go build -o "$work/bin/mdparse" ./internal/benchgen/cmd/mdparse
vale=$(command -v vale || true)
if [ -z "$vale" ]; then
  echo "installing Vale v3.22.0 (about a minute the first time)" >&2
  GOBIN="$work/bin" go install github.com/vale-cli/vale/v3/cmd/vale@v3.22.0 >/dev/null 2>&1
  vale="$work/bin/vale"
fi

# The copy, with front-matter values YAML cannot read quoted.
tree="$work/x1/corpus"
mkdir -p "$work/x1"
cp -r "$corpus" "$tree"
quoted=0
while IFS= read -r -d '' f; do
  if awk 'NR==1 && $0 !~ /^(\xef\xbb\xbf)?---\r?$/ {exit 1} NR>1 && /^(---|\.\.\.)\r?$/ {exit 1} /^[ \t]*- %\r?$/ {found=1; exit 0} END {exit !found}' "$f"; then
    awk 'NR==1 {fm=1} NR>1 && fm && /^(---|\.\.\.)\r?$/ {fm=0} fm && /^[ \t]*- %\r?$/ {sub(/- %/, "- '"'"'%'"'"'")} {print}' "$f" >"$f.q" && mv "$f.q" "$f"
    echo "quoted a front-matter value YAML cannot read in ${f#"$tree"/}" >&2
    quoted=$((quoted + 1))
  fi
done < <(find "$tree" -name '*.md' -print0)
mkdir -p "$work/x4"
for i in 1 2 3 4; do cp -al "$tree" "$work/x4/copy$i"; done
files=$(find "$tree" -name '*.md' | wc -l)
mbytes=$(find "$tree" -name '*.md' -print0 | du -cb --files0-from=- | tail -1 | awk '{printf "%.1f", $1/1e6}')
find "$tree" -name '*.md' -exec cat {} + >/dev/null # warm the page cache

lock() { if [ -n "${BENCH_LOCK:-}" ]; then flock "$BENCH_LOCK" "$@"; else "$@"; fi; }

# measure NAME OK-CODES CMD...: runs CMD once under /usr/bin/time, checks
# its exit status against the space-separated OK-CODES, appends
# "cpu-seconds peak-kib" to $work/NAME.
measure() {
  local name=$1 ok=$2
  shift 2
  local rc=0
  lock /usr/bin/time -o "$work/time" -f '%U %S %M' "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  if [[ " $ok " != *" $rc "* ]]; then
    echo "bench-docs: $name exited $rc (want one of: $ok); its output:" >&2
    tail -5 "$work/$name.err" "$work/$name.out" >&2
    exit 1
  fi
  tail -1 "$work/time" | awk '{printf "%.2f %d\n", $1 + $2, $3}' >>"$work/$name"
}

for _ in $(seq "$runs"); do
  measure parse "0" "$work/bin/mdparse" "$tree"
  measure toslint "0 1" "$work/bin/toslint" check -only docs ${TOSLINT_FLAGS:-} -C "$tree"
  (cd "$tree" && measure vale "0 1" "$vale" --no-global --config="$root/scripts/vale/vale.ini" --output=JSON .)
  measure toslint4x "0 1" "$work/bin/toslint" check -only docs ${TOSLINT_FLAGS:-} -C "$work/x4"
done

# stats NAME FIELD: "median [min-max]" of a column.
stats() { awk -v f="$2" '{print $f}' "$work/$1" | sort -n | awk '{a[NR]=$1} END {printf "%s [%s-%s]", a[int((NR+1)/2)], a[1], a[NR]}'; }
med() { awk -v f="$2" '{print $f}' "$work/$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

p=$(med parse 1) t=$(med toslint 1) v=$(med vale 1)
r1=$(med toslint 2) r4=$(med toslint4x 2)
findings=$(grep -c '\[TOS' "$work/toslint.out" || true)
findings4=$(grep -c '\[TOS' "$work/toslint4x.out" || true)
echo "corpus: $corpus ($files Markdown files, $mbytes MB; $quoted pages quoted for Vale, in a copy)"
echo "CPU seconds (user+sys), median [min-max] of $runs interleaved runs:"
echo "  goldmark parse (floor)  $(stats parse 1)"
echo "  toslint check -only docs $(stats toslint 1)   ($findings findings)"
echo "  Vale v3.22.0 (3 rules)  $(stats vale 1)"
awk -v t="$t" -v p="$p" -v v="$v" 'BEGIN {
  printf "toslint / parse = %.2f (target <= 1.3: %s)   Vale / parse = %.2f   toslint / Vale = %.2f\n",
    t / p, (t / p <= 1.3 ? "met" : "MISSED"), v / p, t / v }'
awk -v a="$r1" -v b="$r4" -v f1="$findings" -v f4="$findings4" 'BEGIN {
  printf "toslint peak RSS: 1x %.1f MiB (%d findings), 4x %.1f MiB (%d findings): %+.0f %% (target within 20 %%: %s)\n",
    a / 1024, f1, b / 1024, f4, (b - a) * 100 / a, ((b - a) * 100 / a <= 20 && (b - a) * 100 / a >= -20 ? "met" : "MISSED") }'
