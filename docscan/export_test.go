package docscan

// Offsets exposes a run's offset map to tests: the source offset of every
// byte of Text, then the end.
func (r *Run) Offsets() []int {
	out := make([]int, len(r.Text)+1)
	for i := range out {
		out[i] = r.offset(i)
	}
	return out
}
