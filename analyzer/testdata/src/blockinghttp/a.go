package blockinghttp

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Fetch(url string, c *http.Client) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		resp, err := http.Get(url) // want `AIO210: http.Get blocks the event loop in async function Fetch`
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()                    // closing does not wait for the peer: not reported
		b, err := io.ReadAll(resp.Body)            // want `AIO210: reading an HTTP response body \(io.ReadAll\)`
		req, _ := http.NewRequest("GET", url, nil) // building a request is cheap
		r2, _ := c.Do(req)                         // want `AIO210: \(\*http.Client\).Do blocks`
		var v any
		_ = json.NewDecoder(r2.Body).Decode(&v)                     // want `AIO210: decoding an HTTP response body`
		_, _ = http.Post(url, "text/plain", strings.NewReader("x")) // want `AIO210: http.Post`
		return string(b), err
	})
}

func Good(url string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		return aio.Await(aio.ToThread(func(ctx context.Context) (string, error) {
			resp, err := http.Get(url)
			if err != nil {
				return "", err
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			return string(b), err
		}))
	})
}

func Sync(url string) ([]byte, error) { // ordinary function: not reported here (AIO201 reports callers)
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

func ReadsOther(r io.Reader) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b, err := io.ReadAll(strings.NewReader("in memory")) // not a response body
		return len(b), err
	})
}
