#!/usr/bin/env bash
# Times the Go side of toslint with an EMPTY and with a WARM build cache
# (issue 14), against two references, on the same module in one run:
#   toslint    toslint check -only go ./...  (internal/load: nothing built)
#   noopfacts  a no-op go/analysis driver with a fact type, loading every
#              package from source (internal/benchgen/cmd/noopfacts)
#   go vet     go vet -vettool=noopfacts ./...  (builds export data for
#              every dependency, as go vet does)
# Each cold run gets a fresh, empty GOCACHE; the warm runs share one that
# was warmed first (go build, go vet and one run of each tool). Runs are
# interleaved (A B C A B C ...) and each holds the bench lock on its own,
# so others can measure between two long cold runs.
# Targets: toslint cold <= 1.0x noopfacts, warm <= 0.2x; peak RSS <= 1 GB.
#
# The findings of every toslint run, cold and warm, are compared with those
# of toslint built at BASE_REV, run warm: by default 271651d, the last
# commit without the result cache (same analyzers and loader), so that a
# cached run is checked against an uncached one. dda62f2 (go/packages
# and export data instead of internal/load) checked the loader the same
# way; it reports other findings on this repository, whose attribution
# fixtures changed since.
#
# Usage: scripts/bench-throttle.sh cache [module-dir ...]
#   default modules: this repository; golang.org/x/tools v0.52.0 (copied
#   from the module cache); $CORPORA/alcionai+corso/src and
#   $CORPORA/giantswarm+dex-operator-9004e0d (commit 9004e0d, the last that
#   builds: HEAD a6bdc68 does not compile against go-github v88; CORPORA
#   defaults to /work/corpora;
#   a module that is absent is skipped with a note).
# Environment: RUNS (default 3, medians reported with min-max), TOOLS
# (default "toslint noopfacts govet": go vet with an empty cache can take
# twenty minutes on a large dependency graph; leave it out to time the
# other two), LOCK
# (default /work/coord/bench.lock; set it empty to run without a lock),
# BASE_REV (empty: no findings comparison), OUT (a file that receives every
# measurement as TSV).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/benchlib.sh
root=$PWD
runs=${RUNS:-3}
read -r -a tools <<<"${TOOLS:-toslint noopfacts govet}"
lock=${LOCK-/work/coord/bench.lock}
base_rev=${BASE_REV-271651d}
corpora=${CORPORA:-/work/corpora}
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
out=${OUT:-$work/measurements.tsv}
: >"$out"

echo "building tools in $work/bin"
mkdir -p "$work/bin"
go build -o "$work/bin/toslint" ./cmd/toslint
go build -o "$work/bin/noopfacts" ./internal/benchgen/cmd/noopfacts
if [ -n "$base_rev" ]; then
  mkdir -p "$work/base"
  git archive "$base_rev" | tar -x -C "$work/base"
  (cd "$work/base" && go build -o "$work/bin/toslint-base" ./cmd/toslint)
fi

modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
  src=$(go mod download -json golang.org/x/tools@v0.52.0 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  cp -r "$src" "$work/x-tools"
  chmod -R u+w "$work/x-tools"
  modules=("$root" "$work/x-tools" "$corpora/alcionai+corso/src" "$corpora/giantswarm+dex-operator-9004e0d")
fi

# locked runs its arguments holding the bench lock, when there is one.
locked() {
  if [ -n "$lock" ]; then flock "$lock" "$@"; else "$@"; fi
}

# measure MODULE TOOL CACHE-DIR: one run, appended to $out as
# "module tool cache wall cpu rss_mb".
measure() {
  local mod=$1 tool=$2 cache=$3 kind=warm
  local cmd
  case $tool in
  toslint) cmd=("$work/bin/toslint" check -only go -format json ./...) ;;
  noopfacts) cmd=("$work/bin/noopfacts" -test=false ./...) ;; # toslint skips tests too
  govet) cmd=(go vet -vettool="$work/bin/noopfacts" ./...) ;;
  esac
  if [ -z "$cache" ]; then
    kind=cold
    cache=$(mktemp -d "$work/cold.XXXXXX")
  fi
  (cd "$mod" && locked /usr/bin/time -f '%e %U %S %M' -o "$work/time" env GOCACHE="$cache" "${cmd[@]}" >"$work/out.json" 2>/dev/null) || true
  if [ "$tool" = toslint ] && [ -n "$base_rev" ] && ! cmp -s "$work/out.json" "$work/base.json"; then
    echo "findings: a $kind run of toslint DIFFERS from $base_rev:"
    diff "$work/base.json" "$work/out.json" | head -20 || true
  fi
  read -r wall user sys rss < <(tail -1 "$work/time")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$mod")" "$tool" "$kind" "$wall" "$(printf '%.2f' "$(echo "$user + $sys" | bc)")" $((rss / 1024)) >>"$out"
  if [ "$kind" = cold ]; then
    chmod -R u+w "$cache" && rm -rf "$cache"
  fi
}

# stat MODULE TOOL KIND COLUMN: "median (min-max)" of a column of $out.
stat() {
  local values
  values=$(awk -F'\t' -v m="$1" -v t="$2" -v k="$3" -v c="$4" '$1==m && $2==t && $3==k {print $c}' "$out" | sort -n)
  printf '%s (%s-%s)' "$(median <<<"$values")" "$(head -1 <<<"$values")" "$(tail -1 <<<"$values")"
}

med() {
  awk -F'\t' -v m="$1" -v t="$2" -v k="$3" -v c="$4" '$1==m && $2==t && $3==k {print $c}' "$out" | median
}

for mod in "${modules[@]}"; do
  if [ ! -f "$mod/go.mod" ]; then
    echo "skipped $mod: not there (fetch it and export it to $corpora, see /work/shared/notes/real-corpora.md)"
    continue
  fi
  name=$(basename "$mod")
  echo
  echo "== $name ($mod): $(cd "$mod" && go list ./... 2>/dev/null | wc -l) packages, $(cd "$mod" && go list -deps ./... 2>/dev/null | wc -l) with dependencies"
  warm="$work/warm-$name"
  mkdir -p "$warm"
  echo "warming $warm"
  (cd "$mod" && GOCACHE=$warm go build ./... >/dev/null 2>&1 || true)
  if [[ " ${tools[*]} " == *" govet "* ]]; then
    (cd "$mod" && GOCACHE=$warm go vet -vettool="$work/bin/noopfacts" ./... >/dev/null 2>&1 || true)
  fi
  (cd "$mod" && GOCACHE=$warm "$work/bin/toslint" check -only go ./... >/dev/null 2>&1 || true)
  (cd "$mod" && GOCACHE=$warm "$work/bin/noopfacts" -test=false ./... >/dev/null 2>&1 || true)

  if [ -n "$base_rev" ]; then
    (cd "$mod" && GOCACHE=$warm "$work/bin/toslint" check -only go -format json ./... >"$work/new.json" 2>"$work/new.err" || true)
    (cd "$mod" && GOCACHE=$warm "$work/bin/toslint-base" check -only go -format json ./... >"$work/base.json" 2>"$work/base.err" || true)
    n=$(grep -c '"rule":' "$work/new.json" || true)
    if cmp -s "$work/new.json" "$work/base.json"; then
      echo "findings: identical to $base_rev ($n findings; every timed run is compared too)"
    else
      echo "findings: DIFFER from $base_rev:"
      diff "$work/base.json" "$work/new.json" | head -40 || true
      head -5 "$work/new.err" "$work/base.err"
    fi
  fi

  for i in $(seq "$runs"); do
    echo "run $i of $runs"
    for tool in "${tools[@]}"; do measure "$mod" "$tool" ""; done
    for tool in "${tools[@]}"; do measure "$mod" "$tool" "$warm"; done
  done

  printf '%-10s %-28s %-10s %-9s | %-28s %-10s %s\n' tool "cold wall s (min-max)" "cold CPU s" "cold RSS" "warm wall s (min-max)" "warm CPU s" "warm RSS"
  for tool in "${tools[@]}"; do
    printf '%-10s %-28s %-10s %-9s | %-28s %-10s %s\n' "$tool" \
      "$(stat "$name" $tool cold 4)" "$(med "$name" $tool cold 5)" "$(awk -F'\t' -v m="$name" -v t=$tool '$1==m && $2==t && $3=="cold" {print $6}' "$out" | sort -n | tail -1) MB" \
      "$(stat "$name" $tool warm 4)" "$(med "$name" $tool warm 5)" "$(awk -F'\t' -v m="$name" -v t=$tool '$1==m && $2==t && $3=="warm" {print $6}' "$out" | sort -n | tail -1) MB"
  done
  ratio() { printf '%.2f' "$(echo "scale=3; $(med "$name" toslint "$1" "$2") / $(med "$name" noopfacts "$1" "$2")" | bc)"; }
  printf 'toslint/noopfacts: cold wall %s CPU %s (target <= 1.0); warm wall %s CPU %s (target <= 0.2)\n' \
    "$(ratio cold 4)" "$(ratio cold 5)" "$(ratio warm 4)" "$(ratio warm 5)"
done
echo
echo "measurements (module tool cache wall cpu rss_mb): $out"
