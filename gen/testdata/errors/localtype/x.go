//go:build aiosrc

package x

import "github.com/asyncgo/asyncgo/runtime/aio"

type inner struct{ n int }

// Local types move to package level, renamed if their name is taken
// there: an embedded one would rename its field.
func Embedded() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		type inner struct{ s string }
		type outer struct {
			inner // want: local type inner is embedded, but moving it to package level renames it to embeddedInner
			k     int
		}
		var o outer
		aio.Await(aio.Yield())
		return len(o.inner.s) + o.k, nil
	})
}
