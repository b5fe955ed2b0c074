package blockingcustom

import (
	"legacy"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Get(c *legacy.Client) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		v, err := legacy.Fetch("k") // want `AIO200: legacy.Fetch blocks the event loop in async function Get: every other task stalls until it returns; use legacy.FetchAsync`
		_, _ = c.Get("k")           // want `AIO200: \(\*legacy.Client\).Get blocks .*configured as blocking`
		_ = legacy.Parse(v)         // not configured
		return v, err
	})
}
