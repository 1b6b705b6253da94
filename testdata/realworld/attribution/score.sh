#!/usr/bin/env bash
# Scores the attribution rules (TOS2xx) on real Go modules against the
# labels in manifest/*.tsv, for each repository as published and for its
# "nonotice" variant (a copy with the files repos.tsv names removed or
# cut: the third-party notices). Trees are exported snapshots under
# $CORPORA (default /work/corpora), as <owner>+<name>; a repository whose
# tree is absent is skipped. Needs python3 and the Go module proxy (the
# modules' dependencies are loaded).
#
# Usage: testdata/realworld/attribution/score.sh [owner/name ...]
#
# For each repository and variant it prints the TOS2xx findings, the
# precision (findings on files labelled "report" / all findings), the
# recall (labelled "report" files with a finding / labelled "report"
# files) and the labelled "quiet" files that got a finding. With
# KEEP=1 the JSON output stays in $OUT (default a temporary folder).
# With NOTICES=1 it also runs `toslint notices -w` on a copy of the last
# variant (nonotice when the repository has one) and prints the TOS2xx
# findings left after it, and the notices file it wrote.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
corpora=${CORPORA:-/work/corpora}
out=${OUT:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$out"' EXIT
go build -C "$repo" -o "$out/toslint" ./cmd/toslint

only=" $* "
printf '%-26s %-9s %8s %9s %7s %12s\n' repository variant findings precision recall quiet-hit
while IFS=$'\t' read -r name commit role ops; do
	[[ $name == \#* ]] && continue
	[[ $# -eq 0 || $only == *" $name "* ]] || continue
	tree="$corpora/${name/\//+}"
	if [ ! -d "$tree" ]; then
		echo "skip $name: no tree at $tree" >&2
		continue
	fi
	if [ -f "$tree.commit" ] && [ "$(cat "$tree.commit")" != "$commit" ]; then
		echo "warning: $tree is at $(cat "$tree.commit"), the labels are for $commit" >&2
	fi
	for variant in asis nonotice; do
		dir=$tree
		if [ $variant = nonotice ]; then
			[ -n "$ops" ] || continue
			dir="$out/${name/\//+}.nonotice"
			rm -rf "$dir" && cp -a "$tree" "$dir"
			IFS=';' read -ra list <<<"$ops"
			for op in "${list[@]}"; do
				read -r verb path n <<<"$op"
				case $verb in
				rm) rm -f "$dir/$path" ;;
				keep-lines) head -n "$n" "$tree/$path" >"$dir/$path" ;;
				esac
			done
		fi
		json="$out/${name/\//+}.$variant.json"
		rc=0
		(cd "$dir" && GOFLAGS=-mod=mod "$out/toslint" check -only go -format json ./... >"$json" 2>"$json.err") || rc=$?
		if [ $rc -gt 1 ]; then
			echo "$name $variant: toslint exited $rc: $(head -c 400 "$json.err")" >&2
			continue
		fi
		python3 - "$here/manifest" "$name" "$variant" "$json" <<'PY'
import glob, json, os, sys
manifest, name, variant, path = sys.argv[1:]
col = 5 if variant == 'asis' else 6
labels = {}
for tsv in sorted(glob.glob(os.path.join(manifest, '*.tsv'))):
    for line in open(tsv):
        if line.startswith('#'):
            continue
        f = line.rstrip('\n').split('\t')
        if f[0] == name:
            labels[f[2]] = f[col]
found = [x for x in json.load(open(path))['findings'] if x['rule'].startswith('TOS2')]
files = {x['file'] for x in found}
report = {f for f, v in labels.items() if v == 'report'}
true = [x for x in found if labels.get(x['file']) == 'report']
prec = f"{len(true)/len(found):.3f}" if found else 'n/a'
rec = f"{len(report & files)}/{len(report)}" if report else 'n/a'
quiet_hit = len([f for f in files if labels.get(f) == 'quiet'])
print(f"{name:<26} {variant:<9} {len(found):>8} {prec:>9} {rec:>7} {quiet_hit:>12}")
for x in found:
    if labels.get(x['file']) != 'report':
        print(f"    false: {x['file']}:{x['line']}: {x['rule']} {x['message'][:110]}")
for f in sorted(report - files):
    print(f"    missed: {f}")
PY
		last=$dir
	done
	if [ -n "${NOTICES:-}" ]; then
		w="$out/${name/\//+}.notices"
		rm -rf "$w" && cp -a "$last" "$w"
		(cd "$w" && GOFLAGS=-mod=mod "$out/toslint" notices -w >"$w.stdout" 2>"$w.stderr") || echo "$name: notices -w failed: $(head -c 300 "$w.stderr")" >&2
		(cd "$w" && GOFLAGS=-mod=mod "$out/toslint" check -only go -format json ./... >"$w.json" 2>/dev/null) || true
		python3 - "$w.json" "$name" <<'PY'
import json, sys, collections
found = [x for x in json.load(open(sys.argv[1]))['findings'] if x['rule'].startswith('TOS2')]
c = collections.Counter(x['rule'] for x in found)
print(f"    after notices -w: {len(found)} TOS2xx findings {dict(c)}")
for x in found:
    print(f"      left: {x['file']}:{x['line']}: {x['rule']} {x['message'][:100]}")
PY
		grep '^toslint:' "$w.stderr" | sed 's/^/      /' || true
	fi
done <"$here/repos.tsv"
