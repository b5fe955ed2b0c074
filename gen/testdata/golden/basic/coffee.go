//go:build aiosrc

// Package basic is a golden test of asyncgo gen: the README's example.
package basic

import (
	"fmt"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// MakeCoffee brews one order. Calling it starts nothing: it returns a coroutine.
func MakeCoffee(order int, brew time.Duration) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		fmt.Printf("Order %d: brewing (%v)\n", order, brew)
		if _, err := aio.Await(aio.Sleep(brew)); err != nil {
			return "", err // cancelled
		}
		return fmt.Sprintf("coffee #%d", order), nil
	})
}

// Cafe serves orders one by one and counts the cups.
func Cafe(orders []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		cups := 0
		for _, o := range orders {
			cup, err := aio.Await(MakeCoffee(o, time.Second))
			if err != nil {
				return cups, err
			}
			fmt.Println(cup)
			cups++
		}
		return cups, nil
	})
}

// notAsync is copied to the twin unchanged.
func notAsync(x int) int { return x * 2 }
