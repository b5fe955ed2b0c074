// Package semaphore is a test stub of golang.org/x/sync/semaphore.
package semaphore

import "context"

type Weighted struct{}

func NewWeighted(n int64) *Weighted                            { panic("stub") }
func (s *Weighted) Acquire(ctx context.Context, n int64) error { panic("stub") }
func (s *Weighted) TryAcquire(n int64) bool                    { panic("stub") }
func (s *Weighted) Release(n int64)                            { panic("stub") }
