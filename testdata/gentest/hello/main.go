//go:build aiosrc

package main

import (
	"fmt"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// MakeCoffee brews one order.
func MakeCoffee(order int, brew time.Duration) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		fmt.Printf("Order %d: brewing (%v)\n", order, brew)
		if _, err := aio.Await(aio.Sleep(brew)); err != nil {
			return "", err
		}
		return fmt.Sprintf("coffee #%d", order), nil
	})
}

func main() {
	cups, err := aio.Run(aio.Async(func() ([]string, error) {
		var out []string
		for i := 1; i <= 3; i++ {
			c, err := aio.Await(MakeCoffee(i, time.Duration(i)*time.Millisecond))
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, nil
	}), aio.WithVirtualClock())
	fmt.Println(cups, err)
}
