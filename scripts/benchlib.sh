# Shared by the bench-*.sh scripts (sourced, not run).

# median prints the median of the numbers on standard input.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# timeit runs a command $runs times (output discarded) and prints the
# median wall time in seconds. Exit codes listed in $ok_codes (default
# "0 1": clean, or findings) count as a run; any other stops the script,
# so that a failing command is never timed as if it had worked.
timeit() {
  for _ in $(seq "${runs:-3}"); do
    local s e code
    s=$(date +%s.%N)
    set +e
    "$@" >/dev/null 2>&1
    code=$?
    set -e
    e=$(date +%s.%N)
    if [[ " ${ok_codes:-0 1} " != *" $code "* ]]; then
      echo "benchlib: '$*' exited $code; not timing a failed run (rerun it to see why)" >&2
      return 1
    fi
    echo "$e - $s" | bc
  done | median
  [ "${PIPESTATUS[0]}" = 0 ]
}
