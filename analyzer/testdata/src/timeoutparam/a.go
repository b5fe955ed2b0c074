package timeoutparam

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func get(url string) aio.Coro[[]byte] {
	return aio.Async(func() ([]byte, error) { return aio.Await(aio.Async(func() ([]byte, error) { return nil, nil })) })
}

func Fetch(url string, timeout time.Duration) aio.Coro[[]byte] { // want `AIO109: async function Fetch takes a timeout parameter: let callers bound the call with aio.WaitFor or aio.Timeout`
	return aio.Async(func() ([]byte, error) {
		return aio.Await(aio.WaitFor(get(url), timeout))
	})
}

func Until(url string, deadline time.Duration) aio.Coro[[]byte] { // want `AIO109: async function Until takes a deadline parameter`
	return aio.Async(func() ([]byte, error) {
		return aio.Await(aio.TimeoutAt(deadline, get(url)))
	})
}

type Client struct{}

func (c *Client) Do(
	url string,
	timeouts []time.Duration,
	myTimeout time.Duration,
	timeout int, // want `AIO109: async function Do takes a timeout parameter`
) aio.Coro[[]byte] {
	return aio.Async(func() ([]byte, error) {
		return aio.Await(get(url))
	})
}

func Upper(Timeout time.Duration) aio.Coro[int] { // want `AIO109`
	return aio.Async(func() (int, error) { return 0, nil })
}

// Negatives.

// Ordinary functions may take a timeout.
func Dial(addr string, timeout time.Duration) error { return nil }

// A variadic optional limit, as flake8-async ignores *timeout.
func Opt(url string, timeout ...time.Duration) aio.Coro[[]byte] {
	return aio.Async(func() ([]byte, error) { return aio.Await(get(url)) })
}

// Names that only contain the word.
func Names(readTimeout, timeout_ time.Duration, deadlines []time.Time) aio.Coro[int] {
	return aio.Async(func() (int, error) { return 0, nil })
}

// An async closure is not an async function definition.
var closure = func(timeout time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) { return 0, nil })
}

// Bounded by the caller: the recommended shape.
func Caller() aio.Coro[[]byte] {
	return aio.Async(func() ([]byte, error) {
		return aio.Await(aio.WaitFor(get("x"), 5*time.Second))
	})
}
