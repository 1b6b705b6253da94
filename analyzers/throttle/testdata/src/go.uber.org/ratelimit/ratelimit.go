// Package ratelimit is a test stub of go.uber.org/ratelimit.
package ratelimit

import "time"

type Limiter interface{ Take() time.Time }

type Option interface{ apply() }

type opt struct{}

func (opt) apply() {}

func New(rate int, opts ...Option) Limiter { return nil }
func NewUnlimited() Limiter                { return nil }
func Per(d time.Duration) Option           { return opt{} }
func WithSlack(n int) Option               { return opt{} }

var WithoutSlack Option = opt{}
