package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// corpus: ok
func OkRetryWithBackoff(attempts int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var err error
		for i := 0; i < attempts; i++ {
			var v int
			if v, err = aio.Await(child(i)); err == nil {
				return v, nil
			}
			if _, err := aio.Await(aio.Sleep(time.Duration(1<<i) * time.Millisecond)); err != nil {
				return 0, err
			}
		}
		return 0, err
	})
}

// corpus: ok
func OkErrorsWrap(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(offloadRead(name))
		if errors.Is(err, os.ErrNotExist) {
			return 0, fmt.Errorf("config %s: %w", name, err)
		}
		return 0, err
	})
}

// corpus: ok
func OkStringBuilder(parts []string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p)
		}
		return b.String(), nil
	})
}

// corpus: ok
func OkSpawnAndAwaitLater(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		bg := aio.Spawn(child(n))
		v, err := aio.Await(child(1))
		if err != nil {
			bg.Cancel()
			return 0, err
		}
		w, err := aio.Await(bg)
		return v + w, err
	})
}

// corpus: ok
func OkShield() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Shield(child(7)))
	})
}

// corpus: ok
func OkCurrentTaskName() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		return aio.CurrentTask().Name(), nil
	})
}

// corpus: ok
func OkClosureCapturesLoopVar(ids []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var coros []aio.Awaitable[int]
		for _, id := range ids {
			coros = append(coros, aio.Async(func() (int, error) {
				return aio.Await(child(id))
			}))
		}
		vs, err := aio.Await(aio.Gather(coros...))
		return len(vs), err
	})
}

// corpus: ok
func OkSyncMapLoad(m *sync.Map, k string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		_, ok := m.Load(k)
		return ok, nil
	})
}

// corpus: ok
func OkContextValue(ctx context.Context) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		v, _ := ctx.Value("user").(string)
		return v, nil
	})
}

// corpus: ok
func OkTypeSwitch(v any) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		switch x := v.(type) {
		case int:
			n, err := aio.Await(child(x))
			return fmt.Sprint(n), err
		case string:
			return x, nil
		}
		return "", errors.New("unsupported")
	})
}

// corpus: ok
func OkLabeledLoop(grid [][]int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		found := 0
	outer:
		for _, row := range grid {
			for _, v := range row {
				if v < 0 {
					break outer
				}
				found += v
			}
			aio.Await(aio.Yield())
		}
		return found, nil
	})
}

// corpus: ok
func OkDeferRecover() aio.Coro[int] {
	return aio.Async(func() (v int, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return aio.Await(child(2))
	})
}

// corpus: ok
func OkMethodOnService(s *Service) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(s.Refresh())
	})
}

// corpus: ok
func OkWaitForTimeout(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v, err := aio.Await(aio.WaitFor(child(1), d))
		if errors.Is(err, context.DeadlineExceeded) {
			return -1, nil
		}
		return v, err
	})
}
