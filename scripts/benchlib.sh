# Shared by the bench-*.sh scripts (sourced, not run).

# median prints the median of the numbers on standard input.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# timeit runs a command $runs times (output discarded, failure ignored)
# and prints the median wall time in seconds.
timeit() {
  for _ in $(seq "${runs:-3}"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | median
}
