package aio_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func TestRunLoops(t *testing.T) {
	res, err := aio.RunLoops(4, func(i int) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			q := aio.NewQueue[int](2) // loop-local state, one per loop
			sum := 0
			prod := aio.Spawn(aio.Async(func() (sunit, error) {
				for k := range 10 {
					aio.Await(q.Put(k * i))
				}
				return sunit{}, nil
			}))
			for range 10 {
				v, _ := aio.Await(q.Get())
				sum += v
			}
			aio.Await(prod)
			return sum, nil
		})
	}, aio.WithVirtualClock())
	if err != nil || fmt.Sprint(res) != "[0 45 90 135]" {
		t.Fatalf("%v %v", res, err)
	}
}

// A task on loop 0 hands work to loop 1 and gets the result on loop 0; the
// remote task runs on loop 1.
func TestLoopGroupSubmit(t *testing.T) {
	g := aio.NewLoopGroup(2)
	defer g.Close()
	l0, l1 := g.Loop(0), g.Loop(1)
	v, err := aio.Call(context.Background(), l0, func() aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if aio.CurrentLoop() != l0 {
				return "", errors.New("not on loop 0")
			}
			return aio.Await(aio.Submit(l1, func() aio.Coro[string] {
				return aio.Async(func() (string, error) {
					if aio.CurrentLoop() != l1 {
						return "", errors.New("not on loop 1")
					}
					aio.Await(aio.Yield())
					return "from loop 1", nil
				})
			}))
		})
	})
	if v != "from loop 1" || err != nil {
		t.Fatalf("%q %v", v, err)
	}
}

// Cancelling the hand-off future cancels the remote task.
func TestLoopGroupSubmitCancel(t *testing.T) {
	g := aio.NewLoopGroup(2)
	defer g.Close()
	remoteErr := make(chan error, 1)
	started := make(chan struct{})
	_, err := aio.Call(context.Background(), g.Loop(0), func() aio.Coro[sunit] {
		return aio.Async(func() (sunit, error) {
			f := aio.Submit(g.Loop(1), func() aio.Coro[sunit] {
				return aio.Async(func() (sunit, error) {
					var never aio.Event
					close(started)
					_, err := aio.Await(never.Wait())
					remoteErr <- err
					return sunit{}, err
				})
			})
			aio.Await(aio.Recv((<-chan struct{})(started)))
			f.Cancel("caller gave up")
			if _, err := aio.Await(f); !aio.IsCancelled(err) {
				return sunit{}, fmt.Errorf("future: %v", err)
			}
			err, _ := aio.Await(aio.Recv((<-chan error)(remoteErr)))
			var ce *aio.CancelledError
			if !errors.As(err, &ce) || ce.Message != "caller gave up" {
				return sunit{}, fmt.Errorf("remote: %v", err)
			}
			return sunit{}, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCallFromLoopIsAnError(t *testing.T) {
	g := aio.NewLoopGroup(1)
	defer g.Close()
	syncRun(t, func() error {
		_, err := aio.Call(context.Background(), g.Loop(0), func() aio.Coro[int] {
			return aio.Async(func() (int, error) { return 1, nil })
		})
		if err == nil {
			return errors.New("Call on a loop did not fail")
		}
		return nil
	})
}
