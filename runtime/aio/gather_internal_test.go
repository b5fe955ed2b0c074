package aio

import "testing"

// A repeated argument is one child with one done callback, as asyncio's
// arg_to_fut makes it, whichever way gather finds the repeat (scan, map, or
// the callbacks of a pending child).
func TestGatherCountsEachDistinctChildOnce(t *testing.T) {
	for _, n := range []int{3, 40} { // a short gather scans, a long one does not
		var nfuts, nchildren int
		main := Async(func() (struct{}, error) {
			c := Async(func() (int, error) { return 1, nil })
			task := Spawn(Async(func() (int, error) { return 2, nil }))
			done := NewFuture[int]()
			done.SetResult(3)
			pending := NewFuture[int]()
			args := []Awaitable[int]{c, task, done, pending}
			for len(args) < n {
				args = append(args, Async(func() (int, error) { return 0, nil }))
			}
			args = append(args, pending, done, task, c)
			g := Gather(args...)
			nfuts = g.ext.(*gatherer[int]).nfuts
			nchildren = len(args) - 4
			pending.SetResult(4)
			_, err := Await(g)
			return struct{}{}, err
		})
		if _, err := Run(main); err != nil {
			t.Fatal(err)
		}
		if nfuts != nchildren {
			t.Errorf("%d arguments: %d children registered, want %d", n+4, nfuts, nchildren)
		}
	}
}
