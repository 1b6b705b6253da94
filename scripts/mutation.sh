#!/usr/bin/env bash
# Mutation testing of toslint's engine packages with gremlins
# (github.com/go-gremlins/gremlins), one package at a time.
#
# gremlins changes one operator at a time in a package's non-test code
# (+ to -, < to <=, == to !=, ++ to --, -x to x), runs that package's own
# tests, and calls the mutant KILLED when a test fails and LIVED when all
# pass. The score of a package is killed / (killed + lived).
#   TIMED OUT    the tests ran past gremlins' limit (usually a loop that no
#                longer ends); a test did notice, but not by failing. Not in
#                the score.
#   NOT COVERED  no test of the package runs that line; no test ran. Not in
#                the score; the lines are listed.
#   NOT VIABLE   the mutant does not compile (e.g. - on a string). Not in
#                the score. gremlins v0.6.0 counts these as KILLED (go test
#                exits 1 for a build failure too); the script rebuilds
#                every KILLED + to - mutant and moves those that do not
#                compile here.
# A LIVED mutant is either a hole in the tests (write a test a user would
# notice failing) or equivalent: the program does the same thing with it
# (e.g. `i < len(s)` and `i != len(s)` in a loop that steps by one). Those
# are listed, with the reason, in scripts/mutation-equivalent.txt:
#   <path> <TYPE> :: <the source line, trimmed> :: <why it is equivalent>
# The script marks each survivor "equivalent" or "UNEXPLAINED".
#
# Usage: scripts/mutation.sh [package-dir...]
#   default: the engine packages (analyzers/throttle analyzers/attribution
#   docscan internal/policy internal/directive internal/report rules).
# Environment:
#   MUTATION_OUT   where results go (default: a new temporary directory);
#                  <pkg>.json is gremlins' report, <pkg>.log its output,
#                  summary.txt the table below.
#   MIN_SCORE      the target (default 0.85); the script exits 1 when a
#                  package is below it or a survivor is unexplained.
#   TIMEOUT_COEFFICIENT  gremlins' test timeout is 2s + this times the
#                  coverage run (default 5: the machine may be shared).
#   GREMLINS_VERSION     default v0.6.0.
#   WORKERS        mutants tested at once (default 1). Each is a `go test`
#                  of the package; with more workers than idle cores the
#                  tests slow each other and may time out. Under
#                  `nice -n 19` WORKERS=2 uses only idle CPU.
#   RECHECK        a MUTATION_OUT directory of an earlier run (of a commit
#                  of this repository): instead of testing every mutant
#                  again, carry its verdicts over where they still hold and
#                  test the rest (see recheck below). For the survivors of
#                  a run after tests were added or code was fixed:
#                    RECHECK=/tmp/mut MUTATION_OUT=/tmp/mut2 scripts/mutation.sh PKG
#                  A mutant killed before counts as killed while its line
#                  reads the same: sound when tests were only added, not
#                  when a test was weakened or removed (then run it all).
#   GOFLAGS        the script adds -vet=off and -failfast (go test accepts
#                  test flags from GOFLAGS, and gremlins passes the
#                  environment on): a mutant's test run skips the vet pass
#                  and stops at the first failing test, so a killed mutant
#                  costs a build and the tests up to the first that fails.
#                  Flags you set in GOFLAGS come after and win.
#
# Tests run in file-name order (a package's own _test files before its
# external ones), then in source order, so cheap and strong tests placed
# first kill most mutants early.
#
# The worktree is never touched: the tracked and untracked (not ignored)
# files are copied to a temporary directory and gremlins runs there. It
# is CPU-heavy (each mutant is a `go test` of the package): run one
# package when you work on one, at low priority on a shared machine:
#   MUTATION_OUT=/tmp/mut WORKERS=2 nice -n 19 scripts/mutation.sh docscan
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/mutationlib.sh
root=$PWD
min=${MIN_SCORE:-0.85}
coef=${TIMEOUT_COEFFICIENT:-5}
version=${GREMLINS_VERSION:-v0.6.0}
workers=${WORKERS:-1}
export GOFLAGS="-vet=off -failfast${GOFLAGS:+ $GOFLAGS}"
out=${MUTATION_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/toslint-mutation.XXXXXX")}
mkdir -p "$out"
equiv="$root/scripts/mutation-equivalent.txt"

pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
  pkgs=(analyzers/throttle analyzers/attribution docscan internal/policy
    internal/directive internal/report rules)
fi
for p in "${pkgs[@]}"; do
  if [ ! -d "$p" ]; then
    echo "mutation.sh: no package directory $p" >&2
    exit 2
  fi
done
command -v jq >/dev/null || { echo "mutation.sh: needs jq" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/toslint-mutation-tree.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

gremlins=$(command -v gremlins || true)
if [ -z "$gremlins" ]; then
  echo "installing gremlins $version into $work/bin"
  GOBIN="$work/bin" go install "github.com/go-gremlins/gremlins/cmd/gremlins@$version"
  gremlins="$work/bin/gremlins"
fi

tree="$work/tree"
mkdir -p "$tree"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar -C "$root" --null -T - -cf - | tar -C "$tree" -xf -
commit=$(git rev-parse --short HEAD)
dirty=""
[ -n "$(git status --porcelain)" ] && dirty=" (with uncommitted changes)"
echo "tree: $commit$dirty; gremlins: $("$gremlins" --version 2>&1 | head -1); results: $out"

summary="$out/summary.txt"
{
  echo "commit $commit$dirty, gremlins $version, $workers worker(s), timeout coefficient $coef, GOFLAGS=$GOFLAGS${RECHECK:+, recheck of $RECHECK}"
  printf '%-22s %6s %6s %9s %11s %10s %6s %10s %11s\n' package killed lived timed-out not-covered not-viable score equivalent unexplained
} >"$summary"

# recheck PKG NAME: the verdicts of a previous run ($RECHECK, a MUTATION_OUT
# directory) carried over to the current tree. gremlins lists the current
# mutants (a dry run); a mutant whose line reads as it did in the previous
# run's commit (same text, column and type; the nearest such line) keeps a
# KILLED, TIMED OUT or NOT VIABLE verdict; every other one (LIVED before,
# or on a new or changed line) is applied here and the package's tests run.
recheck() {
  local p=$1 name=$2 prev=$RECHECK old
  [ -f "$prev/$name.tsv" ] || { echo "mutation.sh: no $prev/$name.tsv to recheck" >&2; return 1; }
  old=$(awk 'NR == 1 { sub(/,$/, "", $2); print $2 }' "$prev/summary.txt")
  if grep -q 'uncommitted' "$prev/summary.txt" || ! git cat-file -e "$old^{commit}" 2>/dev/null; then
    echo "mutation.sh: $prev was not run on a commit of this repository" >&2
    return 1
  fi
  rm -rf "$work/old" && mkdir -p "$work/old"
  git archive "$old" "$p" | tar -C "$work/old" -xf -
  (cd "$tree" && "$gremlins" unleash --dry-run -E '(^|/)testdata/' "./$p") >"$out/$name.log" 2>&1 || {
    echo "gremlins failed on $p; see $out/$name.log" >&2
    return 1
  }
  sed -nE 's/^ *(RUNNABLE|NOT COVERED) ([A-Z_]+) at (.*):([0-9]+):([0-9]+)$/\3\t\4\t\5\t\2\t\1/p' "$out/$name.log" |
    awk -F'\t' -v OFS='\t' -v p="$p" '{ $1 = p "/" $1; print }' |
    sort -t$'\t' -k1,1 -k2,2n -k3,3n >"$work/current.tsv"
  perl -e '
    my ($oldtsv, $olddir, $cur, $tree) = @ARGV;
    my (%text, %old);
    sub line { my ($dir, $f, $n) = @_; my $k = "$dir/$f";
      unless ($text{$k}) { open(my $fh, "<", $k) or return ""; my @l = <$fh>; chomp @l; $text{$k} = \@l }
      return $text{$k}[$n - 1] // "" }
    open(my $o, "<", $oldtsv) or die "$oldtsv: $!";
    while (<$o>) { chomp; my ($f, $l, $c, $t, $s) = split /\t/;
      push @{ $old{join "\t", $f, $t, $c, line($olddir, $f, $l)} }, [$l, $s] }
    open(my $in, "<", $cur) or die "$cur: $!";
    while (<$in>) { chomp; my ($f, $l, $c, $t, $s) = split /\t/;
      if ($s eq "RUNNABLE") {
        $s = "JUDGE";
        if (my $cands = $old{join "\t", $f, $t, $c, line($tree, $f, $l)}) {
          my ($best) = sort { abs($a->[0] - $l) <=> abs($b->[0] - $l) } @$cands;
          $s = $best->[1] if $best->[1] =~ /^(KILLED|TIMED OUT|NOT VIABLE)$/;
        }
      }
      print join("\t", $f, $l, $c, $t, $s), "\n" }' \
    "$prev/$name.tsv" "$work/old" "$work/current.tsv" "$tree" >"$work/marked.tsv"
  local t0 t1 limit n
  t0=$(date +%s)
  (cd "$tree" && go test -count=1 "./$p") >/dev/null 2>&1 || { echo "mutation.sh: the tests of $p fail" >&2; return 1; }
  t1=$(date +%s)
  limit=$((2 + coef * (t1 - t0 + 1)))
  n=$(grep -c $'\tJUDGE$' "$work/marked.tsv" || true)
  echo "recheck of $prev (commit $old): $n mutants to run, ${limit}s each at most"
  while IFS=$'\t' read -r file line col typ st; do
    if [ "$st" = JUDGE ]; then
      st=$(judge "$p" "$file" "$line" "$col" "$typ")
      printf '%11s %s at %s:%s:%s\n' "$st" "$typ" "$file" "$line" "$col" >>"$out/$name.log"
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$file" "$line" "$col" "$typ" "$st"
  done <"$work/marked.tsv" >"$out/$name.tsv"
  echo "recheck of $prev (commit $old): $n mutants run again" >>"$out/$name.log"
}

# judge PKG FILE LINE COL TYPE: apply one gremlins mutation in the tree
# copy, run the package's tests, restore the file, print the verdict.
judge() {
  local p=$1 src=$tree/$2 rc
  cp "$src" "$work/orig"
  if ! L=$3 C=$4 T=$5 perl -ne '
      if ($. == $ENV{L}) {
        my ($i, $t) = ($ENV{C} - 1, $ENV{T});
        my ($two, $one) = (substr($_, $i, 2), substr($_, $i, 1));
        my %m = (
          CONDITIONALS_NEGATION => {"==" => "!=", "!=" => "==", "<=" => ">", ">=" => "<", "<" => ">=", ">" => "<="},
          CONDITIONALS_BOUNDARY => {"<=" => "<", ">=" => ">", "<" => "<=", ">" => ">="},
          ARITHMETIC_BASE => {"+" => "-", "-" => "+", "*" => "/", "/" => "*", "%" => "*"},
          INCREMENT_DECREMENT => {"++" => "--", "--" => "++"},
          INVERT_NEGATIVES => {"-" => "+"});
        my $ops = $m{$t} or exit 3;
        if (exists $ops->{$two}) { substr($_, $i, 2) = $ops->{$two} }
        elsif (exists $ops->{$one}) { substr($_, $i, 1) = $ops->{$one} }
        else { exit 3 }
      }
      print' "$work/orig" >"$src"; then
    cp "$work/orig" "$src"
    echo "NOT APPLIED"
    return
  fi
  (cd "$tree" && timeout $((limit + 60)) go test -count=1 -timeout "${limit}s" "./$p") >"$work/test.out" 2>&1 && rc=0 || rc=$?
  cp "$work/orig" "$src"
  if [ "$rc" = 0 ]; then
    echo LIVED
  elif [ "$rc" = 124 ] || grep -q '^panic: test timed out' "$work/test.out"; then
    echo "TIMED OUT"
  elif grep -qE '\[(build|setup) failed\]' "$work/test.out"; then
    echo "NOT VIABLE"
  else
    echo KILLED
  fi
}

status=0
for p in "${pkgs[@]}"; do
  name=${p//\//_}
  echo "== $p"
  if [ -n "${RECHECK:-}" ]; then
    recheck "$p" "$name" || { status=1; continue; }
  else
    # gremlins runs `go test` with the package's own tests; testdata holds
    # fixtures, not code under test.
    (cd "$tree" && "$gremlins" unleash --workers "$workers" --timeout-coefficient "$coef" \
      -E '(^|/)testdata/' -o "$out/$name.json" "./$p") >"$out/$name.log" 2>&1 || {
      echo "gremlins failed on $p; see $out/$name.log" >&2
      tail -20 "$out/$name.log" >&2
      status=1
      continue
    }
    # One line a mutant: path<TAB>line<TAB>col<TAB>TYPE<TAB>STATUS.
    jq -r --arg p "$p" '.files[] | .file_name as $f | .mutations[] |
        [($p + "/" + $f), .line, .column, .type, .status] | @tsv' "$out/$name.json" |
      sort -t$'\t' -k1,1 -k2,2n -k3,3n >"$out/$name.tsv"
    # gremlins v0.6.0 calls a mutant KILLED when go test exits 1, which it
    # also does when the package does not build: + to - between strings.
    # Each KILLED + mutant is rebuilt; one that does not compile is NOT
    # VIABLE.
    while IFS=$'\t' read -r file line col typ st; do
      [ "$typ" = ARITHMETIC_BASE ] && [ "$st" = KILLED ] || continue
      src="$tree/$file"
      [ -f "$src" ] || src="$tree/${file#"$p"/}"
      [ "$(sed -n "${line}p" "$src" | cut -b"$col")" = + ] || continue
      cp "$src" "$work/orig"
      L=$line C=$col perl -pi -e 'substr($_, $ENV{C} - 1, 1) = "-" if $. == $ENV{L}' "$src"
      if ! (cd "$tree" && go build -o /dev/null "./$p") >/dev/null 2>&1; then
        printf '%s\t%s\t%s\t%s\n' "$file" "$line" "$col" "$typ"
      fi
      cp "$work/orig" "$src"
    done <"$out/$name.tsv" >"$out/$name.notviable"
    awk -F'\t' -v OFS='\t' 'FILENAME == ARGV[1] { nv[$1 FS $2 FS $3 FS $4] = 1; next }
        ($1 FS $2 FS $3 FS $4) in nv { $5 = "NOT VIABLE" } { print }' \
      "$out/$name.notviable" "$out/$name.tsv" >"$out/$name.tsv.new"
    mv "$out/$name.tsv.new" "$out/$name.tsv"
  fi
  count() { awk -F'\t' -v s="$1" '$5 == s' "$out/$name.tsv" | wc -l; }
  killed=$(count KILLED)
  lived=$(count LIVED)
  timedout=$(count "TIMED OUT")
  notcov=$(count "NOT COVERED")
  notviable=$(count "NOT VIABLE")
  : >"$out/$name.lived"
  eq=0
  unexpl=0
  while IFS=$'\t' read -r file line col typ st; do
    [ "$st" = LIVED ] || continue
    # gremlins names files relative to the module root or to the package
    src="$tree/$file"
    [ -f "$src" ] || { file=${file#"$p"/}; src="$tree/$file"; }
    text=$(sed -n "${line}p" "$src" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
    reason=$(equivalent_reason "$equiv" "$file" "$typ" "$text")
    if [ -n "$reason" ]; then
      eq=$((eq + 1))
      printf '%s:%s:%s %s equivalent: %s\n' "$file" "$line" "$col" "$typ" "$reason" >>"$out/$name.lived"
    else
      unexpl=$((unexpl + 1))
      printf '%s:%s:%s %s UNEXPLAINED :: %s\n' "$file" "$line" "$col" "$typ" "$text" >>"$out/$name.lived"
    fi
  done <"$out/$name.tsv"
  score=$(mutation_score "$killed" "$lived")
  printf '%-22s %6d %6d %9d %11d %10d %6s %10d %11d\n' "$p" "$killed" "$lived" "$timedout" "$notcov" "$notviable" "$score" "$eq" "$unexpl" >>"$summary"
  if [ "$score" = n/a ] || awk -v s="$score" -v m="$min" 'BEGIN { exit !(s < m) }'; then
    status=1
  fi
  [ "$unexpl" -eq 0 ] || status=1
  if [ -s "$out/$name.lived" ]; then
    echo "survivors:"
    cat "$out/$name.lived"
  fi
  if [ "$timedout" -gt 0 ] || [ "$notcov" -gt 0 ]; then
    echo "timed out / not covered:"
    awk -F'\t' '$5 == "TIMED OUT" || $5 == "NOT COVERED" { print $1 ":" $2 ":" $3, $4, $5 }' "$out/$name.tsv"
  fi
  tail -1 "$summary"
done

echo
cat "$summary"
exit $status
