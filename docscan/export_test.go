package docscan

// Offsets exposes a run's offset map to tests.
func (r *Run) Offsets() []int { return r.offs }
