// Package store has small helpers that lock or unlock a mutex for their
// caller; their LockFacts say which.
package store

import "sync"

type Store struct {
	mu   sync.Mutex
	rw   sync.RWMutex
	Data map[string]int
	in   *Inner
}

type Inner struct{ mu sync.Mutex }

func (s *Store) Lock()    { s.mu.Lock() }    // want Lock:"acquires recv.mu"
func (s *Store) Unlock()  { s.mu.Unlock() }  // want Unlock:"releases recv.mu"
func (s *Store) RLock()   { s.rw.RLock() }   // want RLock:`acquires recv.rw\(R\)`
func (s *Store) RUnlock() { s.rw.RUnlock() } // want RUnlock:`releases recv.rw\(R\)`

// A helper of a helper.
func (s *Store) Begin() *Store { // want Begin:"acquires recv.mu"
	s.Lock()
	return s
}

func LockBoth(a, b *Store) { // want LockBoth:"acquires p0.mu; acquires p1.mu"
	a.mu.Lock()
	b.mu.Lock()
}

func LockMutex(mu *sync.Mutex) { mu.Lock() } // want LockMutex:"acquires p0"

// A value receiver reaching the mutex through a pointer field locks the
// caller's mutex.
func (s Store) LockInner() { s.in.mu.Lock() } // want LockInner:"acquires recv.in.mu"

// No facts: balanced, conditional, a copy, a goroutine, a global, TryLock.
func (s *Store) Get(k string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Data[k]
}

func (s *Store) Bump(k string) {
	s.Lock()
	s.Data[k]++
	s.Unlock()
}

func (s *Store) MaybeLock(on bool) {
	if on {
		s.mu.Lock()
	}
}

func (s *Store) LockUnlessClosed() {
	if s.Data == nil {
		return
	}
	s.mu.Lock()
}

func (s Store) LockCopy() { s.mu.Lock() }

func (s *Store) LockLater() { go s.mu.Lock() }

var global sync.Mutex

func LockGlobal() { global.Lock() }

func (s *Store) Try() { s.mu.TryLock() }

// The receiver is reassigned: the lock is no longer the caller's.
func (s *Store) Swap(o *Store) {
	s = o
	s.mu.Lock()
}
