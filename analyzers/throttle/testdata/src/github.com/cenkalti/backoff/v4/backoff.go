// Package backoff is a test stub of github.com/cenkalti/backoff/v4.
package backoff

type BackOff interface{ NextBackOff() int64 }

type ExponentialBackOff struct{}

func (*ExponentialBackOff) NextBackOff() int64   { return 0 }
func NewExponentialBackOff() *ExponentialBackOff { return &ExponentialBackOff{} }
func Retry(o func() error, b BackOff) error      { return o() }
