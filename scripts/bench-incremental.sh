#!/usr/bin/env bash
# Times `toslint check -only go ./...` on golang.org/x/tools v0.52.0 after
# an edit, with a warm build cache and a warm result cache (issue 14): a
# pre-commit run, or a CI job that keeps GOCACHE, after one change.
#   none   nothing changed
#   leaf   a comment appended to cmd/stringer/stringer.go (a body edit:
#          its header is unchanged; nothing imports the package)
#   low    the same to internal/event/label/label.go (imported, directly
#          or not, by dozens of the module's packages)
# Each timed run follows its own edit. The module is copied from the
# module cache to a temporary directory; GOCACHE is a temporary one,
# warmed first. Medians of RUNS (default 5) with min-max, wall and CPU
# seconds, and how many packages came from the result cache.
#
# Usage: scripts/bench-incremental.sh    (LOCK: default /work/coord/bench.lock;
# set it empty to run without the lock)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/benchlib.sh
runs=${RUNS:-5}
lock=${LOCK-/work/coord/bench.lock}
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

go build -o "$work/toslint" ./cmd/toslint
src=$(go mod download -json golang.org/x/tools@v0.52.0 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
cp -r "$src" "$work/x-tools"
chmod -R u+w "$work/x-tools"
export GOCACHE="$work/gocache"
cd "$work/x-tools"
go build ./... >/dev/null 2>&1 || true
sleep 3 # the copy's files must be older than two seconds to be stored
"$work/toslint" check -only go ./... >/dev/null 2>&1 || true

locked() {
  if [ -n "$lock" ]; then flock "$lock" "$@"; else "$@"; fi
}

: >"$work/times"
for i in $(seq "$runs"); do
  for kind in none leaf low; do
    case $kind in
    leaf) echo "// edit $i" >>cmd/stringer/stringer.go ;;
    low) echo "// edit $i" >>internal/event/label/label.go ;;
    esac
    set +e
    locked /usr/bin/time -f '%e %U %S' -o "$work/time" "$work/toslint" check -only go ./... >/dev/null 2>"$work/err"
    code=$?
    set -e
    if [ "$code" != 0 ] && [ "$code" != 1 ]; then
      echo "bench-incremental: toslint exited $code after the $kind edit; not timing a failed run:" >&2
      cat "$work/err" >&2
      exit 1
    fi
    cached=$(sed -n 's/.*(\([0-9]*\) unchanged.*/\1/p' "$work/err" | tail -1)
    read -r wall user sys < <(tail -1 "$work/time")
    printf '%s\t%s\t%s\t%s\n' "$kind" "$wall" "$(printf %.2f "$(echo "$user + $sys" | bc)")" "${cached:-0}" >>"$work/times"
  done
done

printf '%-6s %-22s %-8s %s\n' edit "wall s (min-max)" "CPU s" "packages from the cache (of 216)"
for kind in none leaf low; do
  walls=$(awk -F'\t' -v k=$kind '$1==k {print $2}' "$work/times" | sort -n)
  cpus=$(awk -F'\t' -v k=$kind '$1==k {print $3}' "$work/times" | sort -n)
  printf '%-6s %-22s %-8s %s\n' $kind "$(median <<<"$walls") ($(head -1 <<<"$walls")-$(tail -1 <<<"$walls"))" "$(median <<<"$cpus")" \
    "$(awk -F'\t' -v k=$kind '$1==k {print $4}' "$work/times" | sort -u | tr '\n' ' ')"
done
