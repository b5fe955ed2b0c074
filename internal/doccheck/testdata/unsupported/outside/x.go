//go:build aiosrc

package outside

import "github.com/asyncgo/asyncgo/runtime/aio"

func Plain() int {
	v, _ := aio.Await(aio.Sleep(0))
	_ = v
	return 0
}
