#!/usr/bin/env bash
# Measures what the attribution analyzer adds to the suite's time on a
# generated public-style module: 2,000 files in 200 packages, a third with
# foreign copyright headers listed in NOTICE. Runs `toslint check -only go`
# with the attribution rules on and off (warm build cache) and prints the
# medians and the overhead. Target (issue 4): under 5 %.
#
# Usage: scripts/bench-attribution.sh   (RUNS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/benchlib.sh
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/toslint" ./cmd/toslint
go run ./internal/benchgen/cmd/benchgen -dir "$work/mod" -packages 200 -headers 10
cat > "$work/off.yml" <<'YML'
rules:
  - {id: TOS201, enabled: false}
  - {id: TOS202, enabled: false}
  - {id: TOS203, enabled: false}
  - {id: TOS204, enabled: false}
YML
cd "$work/mod"
go build ./... && go list -deps ./... >/dev/null
on=$(timeit "$work/toslint" check -only go ./...)
off=$(timeit "$work/toslint" check -only go -config "$work/off.yml" ./...)
printf 'median of %d runs (seconds): suite with attribution %.3f, without %.3f\n' "$runs" "$on" "$off"
printf 'attribution overhead: %.1f %% (target < 5 %%)\n' "$(echo "($on - $off) / $off * 100" | bc -l)"
