# Shared by mutation.sh and mutation-covered.sh (sourced, not run).

# equivalent_reason EQUIV FILE TYPE TEXT prints the reason EQUIV (the
# scripts/mutation-equivalent.txt format, see mutation.sh) gives for the
# survivor of TYPE on the trimmed source line TEXT of FILE, or nothing.
equivalent_reason() {
  [ -f "$1" ] || return 0
  # k and t through the environment: awk -v would turn the \t of a
  # source line such as strings.Cut(s, "\t") into a tab.
  k="$2 $3" t="$4" awk -F ' :: ' '
    /^#/ || NF < 3 { next }
    { key = $1; sub(/[[:space:]]+$/, "", key) }
    key == ENVIRON["k"] && $2 == ENVIRON["t"] { print $3; exit }' "$1"
}

# mutation_score KILLED LIVED prints killed / (killed + lived), or n/a.
mutation_score() {
  awk -v k="$1" -v l="$2" 'BEGIN { if (k + l == 0) print "n/a"; else printf "%.3f", k / (k + l) }'
}
