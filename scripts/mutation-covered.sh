#!/usr/bin/env bash
# Mutation testing of one package with gremlins' mutants, each tested with
# only the tests that run its line: scripts/mutation.sh's figures in a
# fraction of the time, for a package whose mutants times tests would take
# most of a day (docscan: ~1,500 mutants, ~8 s of tests, ~5 s of build).
#
#  1. The tree is copied (tracked and untracked, not ignored, files, as
#     mutation.sh does; the worktree is never touched) and gremlins lists
#     its mutants (`gremlins unleash --dry-run`): file, line, column, type,
#     RUNNABLE or NOT COVERED.
#  2. The package's test binary is built once with coverage and every test,
#     fuzz target (its seeds) and example is run alone with a coverage
#     profile. A test "runs" a mutant when one of its executed blocks
#     covers the mutant's position by gremlins' own rule. Tests are run
#     alone, so none relies on another having filled a cache.
#  3. Each chosen RUNNABLE mutant (the token change gremlins makes: + to -,
#     < to <=, == to !=, ++ to --, -x to +x, ...) is written into a copy
#     of the tree, the test binary is built (`go test -c -vet=off`), the
#     tests that run the mutant are run, fastest first, stopping at the
#     first failure, and the file is restored. A test that never runs the
#     mutated expression passes as it does without it, so the verdict is
#     the one `go test` of the whole package gives.
#
# Statuses and score as in mutation.sh: KILLED, LIVED, TIMED OUT (the test
# binary's -test.timeout fired), NOT COVERED (gremlins found no test
# running the line; not run), NOT VIABLE (the mutant does not compile, of
# any type). Score = killed / (killed + lived). Survivors are looked up in
# scripts/mutation-equivalent.txt (format in mutation.sh's header).
#
# Usage: scripts/mutation-covered.sh PKG [SIZE [SEED]]
#   PKG   a package directory, e.g. docscan.
#   SIZE  how many RUNNABLE mutants to test (default: all, a full run).
#         The mutants are ordered by sha256("SEED path:line:col:type"), a
#         seeded shuffle, and the first SIZE are tested: a uniform random
#         sample without replacement. The summary then gives the score's
#         95% Wilson interval and says it is a sample.
#   SEED  default 1.
# Environment:
#   MUTATION_OUT    results (default: a new temporary directory):
#                   <pkg>.mutants   gremlins' list (path line col type status)
#                   <pkg>.chosen    the mutants tested, in order, with the
#                                   tests that run each
#                   <pkg>.tsv       path line col type status first-failure
#                   <pkg>.lived     survivors, equivalent or UNEXPLAINED
#                   <pkg>.tests     each test's run time alone (seconds)
#                   summary.txt
#   WORKERS         parallel mutants, each in its own copy (default 1)
#   MUTANT_TIMEOUT  -test.timeout of each run of a mutant's tests
#                   (default 60s)
#   MIN_SCORE       target (default 0.85); exit 1 below it or when a
#                   survivor is unexplained.
#   MUTATION_PREVIOUS  the MUTATION_OUT of an earlier run of PKG: its
#                   KILLED, TIMED OUT and NOT VIABLE verdicts of mutants in
#                   files whose checksum is unchanged (<pkg>.src) are kept,
#                   and only the rest is run again. For a rerun after
#                   adding tests (or fixing a bug in another file): a
#                   changed or deleted test can let a kept kill live.
# Run it at low priority on a shared machine:
#   nice -n 19 scripts/mutation-covered.sh docscan 450 1
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/mutationlib.sh
root=$PWD
p=${1:?usage: scripts/mutation-covered.sh PKG [SIZE [SEED]]}
p=${p%/}
size=${2:-all}
seed=${3:-1}
min=${MIN_SCORE:-0.85}
workers=${WORKERS:-1}
mtimeout=${MUTANT_TIMEOUT:-60s}
out=${MUTATION_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/toslint-mutation.XXXXXX")}
mkdir -p "$out"
out=$(cd "$out" && pwd)
equiv="$root/scripts/mutation-equivalent.txt"
name=${p//\//_}
[ -d "$p" ] || { echo "mutation-covered.sh: no package directory $p" >&2; exit 2; }
for c in jq perl; do
  command -v $c >/dev/null || { echo "mutation-covered.sh: needs $c" >&2; exit 2; }
done
module=$(go list -m)

work=$(mktemp -d "${TMPDIR:-/tmp}/toslint-mutation-tree.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
gremlins=$(command -v gremlins || true)
if [ -z "$gremlins" ]; then
  GOBIN="$work/bin" go install "github.com/go-gremlins/gremlins/cmd/gremlins@${GREMLINS_VERSION:-v0.6.0}"
  gremlins="$work/bin/gremlins"
fi

tree="$work/tree0"
mkdir -p "$tree"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar -C "$root" --null -T - -cf - | tar -C "$tree" -xf -
commit=$(git rev-parse --short HEAD)
dirty=""
[ -n "$(git status --porcelain)" ] && dirty=" (with uncommitted changes)"
echo "tree: $commit$dirty; results: $out"

(cd "$tree/$p" && sha256sum $(ls ./*.go | grep -v '_test\.go$')) >"$out/$name.src"
prev=${MUTATION_PREVIOUS:-}
: >"$work/kept"
if [ -n "$prev" ]; then
  # same: the package's files whose checksum is the one of the earlier run
  awk 'NR == FNR { sum[$2] = $1; next } sum[$2] == $1 { f = $2; sub(/^\.\//, "", f); print f }' \
    "$prev/$name.src" "$out/$name.src" >"$work/same"
  awk -F'\t' -v p="$p" 'NR == FNR { same[p "/" $1] = 1; next }
      ($1 in same) && ($5 == "KILLED" || $5 == "TIMED OUT" || $5 == "NOT VIABLE")' \
    "$work/same" "$prev/$name.tsv" >"$work/kept"
  echo "keeping $(wc -l <"$work/kept") verdicts of $prev ($(wc -l <"$work/same") unchanged files)"
fi

# 1. gremlins' mutant list.
(cd "$tree" && "$gremlins" unleash --dry-run -E '(^|/)testdata/' \
  -o "$out/$name.dry.json" "./$p") >"$out/$name.dry.log" 2>&1 || {
  echo "gremlins --dry-run failed; see $out/$name.dry.log" >&2; exit 1; }
jq -r '.files[] | .file_name as $f | .mutations[] |
    [$f, .line, .column, .type, .status] | @tsv' "$out/$name.dry.json" |
  while IFS=$'\t' read -r f line col typ st; do
    # gremlins names files relative to the module root or to the package
    [ -f "$tree/$f" ] || f="$p/$f"
    printf '%s\t%s\t%s\t%s\t%s\n' "$f" "$line" "$col" "$typ" "$st"
  done | sort -t$'\t' -k1,1 -k2,2n -k3,3n -k4,4 >"$out/$name.mutants"

# 2. Which test runs which block.
cov="$work/cover"
mkdir -p "$cov"
(cd "$tree" && go test -c -vet=off -cover -covermode=set -o "$work/cover.test" "./$p")
(cd "$tree/$p" && GOCOVERDIR="$cov" "$work/cover.test" -test.list '.*') | grep -E '^(Test|Fuzz|Example)' >"$work/tests" || true
: >"$out/$name.tests"
while read -r t; do
  s=$(date +%s.%N)
  (cd "$tree/$p" && "$work/cover.test" -test.run "^$t\$" -test.count=1 \
    -test.coverprofile="$cov/$t.out" -test.v </dev/null >"$work/cover.log" 2>&1) || {
    echo "mutation-covered.sh: $t fails without a mutant:" >&2
    tail -20 "$work/cover.log" >&2
    exit 1
  }
  e=$(date +%s.%N)
  # A slow test with subtests (a table of fixtures) is split: each subtest
  # alone gets its own profile, so a mutant runs only the rows that reach it
  # (the parent's own code runs with each row, so its lines are covered too).
  subs=$(grep -E "^=== RUN   $t/[^/]+\$" "$work/cover.log" | sed "s|^=== RUN   $t/||" | sort -u || true)
  if [ "$(wc -l <<<"$subs")" -gt 1 ] && awk -v d="$(echo "$e - $s" | bc)" 'BEGIN { exit !(d > 1) }'; then
    rm "$cov/$t.out"
    while read -r sub; do
      q=$(printf '%s' "$sub" | sed 's/[][\.*^$+?(){}|]/\\&/g')
      s=$(date +%s.%N)
      (cd "$tree/$p" && "$work/cover.test" -test.run "^$t\$/^$q\$" -test.count=1 \
        -test.coverprofile="$cov/$t~$sub.out" </dev/null >"$work/cover.log" 2>&1) || {
        echo "mutation-covered.sh: $t/$sub fails without a mutant:" >&2
        tail -20 "$work/cover.log" >&2
        exit 1
      }
      e=$(date +%s.%N)
      awk -v t="$t/$sub" -v s="$s" -v e="$e" 'BEGIN { printf "%s\t%.2f\n", t, e - s }' >>"$out/$name.tests"
    done <<<"$subs"
    continue
  fi
  awk -v t="$t" -v s="$s" -v e="$e" 'BEGIN { printf "%s\t%.2f\n", t, e - s }' >>"$out/$name.tests"
done <"$work/tests"

# The RUNNABLE mutants in the seeded order, the first SIZE, each with the
# tests that run it, fastest first (gremlins' coverage rule: a block covers
# every line strictly inside it, and its first and last lines from its
# start and up to its end column).
awk -F'\t' '$5 == "RUNNABLE"' "$out/$name.mutants" |
  SEED=$seed perl -MDigest::SHA=sha256_hex -F'\t' -lane '
    print sha256_hex("$ENV{SEED} $F[0]:$F[1]:$F[2]:$F[3]"), "\t", $_' |
  sort -k1,1 | cut -f2- |
  if [ "$size" = all ]; then cat; else awk -v n="$size" 'NR <= n'; fi |
  COV="$cov" MOD="$module/" TESTS="$out/$name.tests" perl -F'\t' -lane '
    BEGIN {
      open my $tf, "<", $ENV{TESTS} or die; my %dur;
      while (<$tf>) { chomp; my ($t, $d) = split /\t/; $dur{$t} = $d; push @tests, $t }
      @tests = sort { $dur{$a} <=> $dur{$b} || $a cmp $b } @tests;
      for my $t (@tests) {
        (my $c = $t) =~ s|/|~|;
        open my $f, "<", "$ENV{COV}/$c.out" or die "$t: $!";
        while (<$f>) {
          my ($file, @b) = /^(.*):(\d+)\.(\d+),(\d+)\.(\d+) \d+ (\d+)$/ or next;
          next unless pop @b;
          $file =~ s/^\Q$ENV{MOD}\E//;
          push @{ $blocks{$t}{$file} }, \@b;
        }
      }
    }
    my ($file, $l, $c) = @F[0, 1, 2];
    my @run;
    T: for my $t (@tests) {
      for my $b (@{ $blocks{$t}{$file} || [] }) {
        my ($sl, $sc, $el, $ec) = @$b;
        if (($l > $sl && $l < $el)
          || ($sl == $el && $l == $sl && $c >= $sc && $c <= $ec)
          || ($sl < $el && $l == $sl && $c >= $sc)
          || ($sl < $el && $l == $el && $c <= $ec)) { push @run, $t; next T }
      }
    }
    print join("\t", @F[0 .. 3], join(" ", @run));' >"$out/$name.chosen"
total=$(awk -F'\t' '$5 == "RUNNABLE"' "$out/$name.mutants" | wc -l)
chosen=$(wc -l <"$out/$name.chosen")
echo "$chosen of $total runnable mutants; $(wc -l <"$work/tests") tests; $workers worker(s)"

# 3. One mutant at a time in each worker's copy.
run_mutant() { # tree file line col type tests...
  local t=$1 f=$2 line=$3 col=$4 typ=$5 tests=$6 bin=$1.test st fail=""
  cp "$t/$f" "$t.orig"
  if ! L=$line C=$col T=$typ perl -i -pe '
      BEGIN { %m = (
        ARITHMETIC_BASE => { "+" => "-", "-" => "+", "*" => "/", "/" => "*", "%" => "*" },
        CONDITIONALS_BOUNDARY => { ">=" => ">", "<=" => "<", ">" => ">=", "<" => "<=" },
        CONDITIONALS_NEGATION => { "==" => "!=", "!=" => "==", ">=" => "<", "<=" => ">", ">" => "<=", "<" => ">=" },
        INCREMENT_DECREMENT => { "++" => "--", "--" => "++" },
        INVERT_NEGATIVES => { "-" => "+" }) }
      if ($. == $ENV{L}) {
        my $ops = $m{$ENV{T}} or die "unknown type $ENV{T}\n";
        my $i = $ENV{C} - 1; my $done;
        for my $n (2, 1) {
          my $op = substr($_, $i, $n);
          if (exists $ops->{$op}) { substr($_, $i, $n) = $ops->{$op}; $done = 1; last }
        }
        $done or die "no $ENV{T} operator at line $ENV{L} column $ENV{C}\n";
      }' "$t/$f"; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "$line" "$col" "$typ" ERROR "operator not found"
    return
  fi
  if ! (cd "$t" && go test -c -vet=off -o "$bin" "./$p") </dev/null >"$t.log" 2>&1; then
    st="NOT VIABLE"
  else
    st=LIVED
    # the fast tests together, then the rows of each split test, then
    # each slower test (over 0.5 s alone)
    local fast="" slow=() x d parent
    local -A rows=()
    while IFS=$'\t' read -r x d; do
      [[ " $tests " == *" $x "* ]] || continue
      if [[ $x == */* ]]; then
        parent=${x%%/*}
        rows[$parent]="${rows[$parent]:-}|$(printf '%s' "${x#*/}" | sed 's/[][\.*^$+?(){}|]/\\&/g')"
      elif awk -v d="$d" 'BEGIN { exit !(d > 0.5) }'; then slow+=("^($x)\$"); else fast="$fast|$x"; fi
    done < <(sort -t$'\t' -k2,2n "$out/$name.tests")
    local groups=()
    [ -n "$fast" ] && groups+=("^(${fast#|})\$")
    for parent in "${!rows[@]}"; do groups+=("^$parent\$/^(${rows[$parent]#|})\$"); done
    groups+=("${slow[@]}")
    for x in "${groups[@]}"; do
      if ! (cd "$t/$p" && "$bin" -test.run "$x" -test.count=1 -test.failfast \
        -test.timeout "$mtimeout") </dev/null >"$t.log" 2>&1; then
        if grep -q '^panic: test timed out' "$t.log"; then st="TIMED OUT"; else st=KILLED; fi
        fail=$(grep -m1 -oE -- '--- FAIL: [^ ]+|^panic: .{0,60}' "$t.log" || true)
        break
      fi
    done
  fi
  cp "$t.orig" "$t/$f"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "$line" "$col" "$typ" "$st" "$fail"
}

for w in $(seq 1 "$workers"); do
  wt="$work/tree$w"
  cp -a "$tree" "$wt"
  awk -v w="$w" -v n="$workers" '(NR - 1) % n == w - 1' "$out/$name.chosen" |
    while IFS=$'\t' read -r f line col typ tests; do
      kept=$(awk -F'\t' -v k="$f:$line:$col:$typ" '$1 ":" $2 ":" $3 ":" $4 == k' "$work/kept")
      if [ -n "$kept" ]; then
        printf '%s\n' "$kept"
      elif [ -z "$tests" ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "$line" "$col" "$typ" "NOT COVERED" "no test alone runs it"
      else
        run_mutant "$wt" "$f" "$line" "$col" "$typ" "$tests"
      fi
    done >"$out/$name.w$w" &
done
wait
cat "$out"/"$name".w* | sort -t$'\t' -k1,1 -k2,2n -k3,3n -k4,4 >"$out/$name.tsv"
rm -f "$out"/"$name".w*
if grep -q $'\tERROR\t' "$out/$name.tsv"; then
  echo "mutation-covered.sh: a mutant could not be applied:" >&2
  grep $'\tERROR\t' "$out/$name.tsv" >&2
  exit 1
fi

count() { awk -F'\t' -v s="$1" '$5 == s' "$out/$name.tsv" | wc -l; }
killed=$(count KILLED)
lived=$(count LIVED)
timedout=$(count "TIMED OUT")
notcov=$(( $(count "NOT COVERED") + $(awk -F'\t' '$5 == "NOT COVERED"' "$out/$name.mutants" | wc -l) ))
notviable=$(count "NOT VIABLE")
: >"$out/$name.lived"
eq=0
unexpl=0
while IFS=$'\t' read -r file line col typ st _; do
  [ "$st" = LIVED ] || continue
  text=$(sed -n "${line}p" "$tree/$file" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
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
{
  echo "commit $commit$dirty, gremlins' mutants, tests that run each mutant, $workers worker(s)"
  if [ "$size" = all ]; then
    echo "full run: all $total runnable mutants of $p"
  else
    # Wilson score interval, z = 1.96, over the killed + lived mutants of
    # the sample (a uniform sample of the package's killed + lived ones)
    ci=$(awk -v k="$killed" -v n=$((killed + lived)) 'BEGIN {
      if (n == 0) { print "n/a"; exit }
      z = 1.96; ph = k / n; d = 1 + z*z/n; c = (ph + z*z/(2*n)) / d
      h = z * sqrt(ph*(1-ph)/n + z*z/(4*n*n)) / d
      printf "[%.3f, %.3f]", c - h, c + h }')
    echo "SAMPLE: $chosen of $total runnable mutants of $p, seed $seed; score 95% interval (Wilson) $ci"
    echo "(not covered counts gremlins' not-covered mutants of the whole package)"
  fi
  printf '%-22s %6s %6s %9s %11s %10s %6s %10s %11s\n' package killed lived timed-out not-covered not-viable score equivalent unexplained
  printf '%-22s %6d %6d %9d %11d %10d %6s %10d %11d\n' "$p" "$killed" "$lived" "$timedout" "$notcov" "$notviable" "$score" "$eq" "$unexpl"
} >"$out/summary.txt"
if [ -s "$out/$name.lived" ]; then
  echo "survivors:"
  cat "$out/$name.lived"
fi
echo
cat "$out/summary.txt"
status=0
if [ "$score" = n/a ] || awk -v s="$score" -v m="$min" 'BEGIN { exit !(s < m) }'; then status=1; fi
[ "$unexpl" -eq 0 ] || status=1
exit $status
