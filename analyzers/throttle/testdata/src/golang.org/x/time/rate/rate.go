// Package rate is a test stub of golang.org/x/time/rate: the API shape
// only, no behaviour.
package rate

import (
	"context"
	"math"
	"time"
)

type Limit float64

const Inf = Limit(math.MaxFloat64)

func Every(interval time.Duration) Limit {
	if interval <= 0 {
		return Inf
	}
	return 1 / Limit(interval.Seconds())
}

type Limiter struct{}

func NewLimiter(r Limit, b int) *Limiter                    { return &Limiter{} }
func (l *Limiter) Wait(ctx context.Context) error           { return nil }
func (l *Limiter) WaitN(ctx context.Context, n int) error   { return nil }
func (l *Limiter) Allow() bool                              { return true }
func (l *Limiter) AllowN(t time.Time, n int) bool           { return true }
func (l *Limiter) Reserve() *Reservation                    { return &Reservation{} }
func (l *Limiter) ReserveN(t time.Time, n int) *Reservation { return &Reservation{} }

type Reservation struct{}

func (r *Reservation) Delay() time.Duration                { return 0 }
func (r *Reservation) DelayFrom(t time.Time) time.Duration { return 0 }
