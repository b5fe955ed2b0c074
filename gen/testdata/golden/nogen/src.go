//asyncgo:nogen

// Package nogen checks the opt-out directive: this file stays in source
// mode in every build, and asyncgo gen neither writes a twin nor adds a
// build constraint.
package nogen

import "github.com/asyncgo/asyncgo/runtime/aio"

// Source runs on the reference implementation even without -tags aiosrc.
func Source() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		return 1, nil
	})
}
