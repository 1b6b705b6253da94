#!/usr/bin/env bash
# Times the README's test command, `go test ./...`, from a cold module
# cache and a cold build cache (both in fresh temporary directories), on a
# fresh clone of this repository's HEAD: what a new contributor waits.
# Target (issue 12): <= 3 minutes on the project's 2-core machine.
# Hold the benchmark lock on a shared machine:
#   flock /work/coord/bench.lock scripts/bench-gotest.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
git clone -q "$root" "$work/src"
export GOMODCACHE="$work/mod" GOCACHE="$work/cache" GOFLAGS=-modcacherw
cd "$work/src"
s=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$work/cpu" go test ./... >"$work/log" 2>&1 || { cat "$work/log"; echo "go test failed" >&2; exit 1; }
e=$(date +%s.%N)
read -r user sys <"$work/cpu"
printf 'go test ./... (cold module and build caches): %.0f s wall, %.0f s CPU (user+sys); load average now: %s\n' \
  "$(echo "$e - $s" | bc)" "$(echo "$user + $sys" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
