package bench

import "github.com/asyncgo/asyncgo/runtime/aio"

// PingBox is the shared state of a future-based ping-pong: each side awaits
// the future in its slot, and the other side fills it. A fresh future is made
// for every message, as asyncio code (and asyncio.Queue) does.
type PingBox struct {
	Ping, Pong *aio.Future[int]
}

// Baton is the shared state of the yield hand-off: Seq is odd while a ping
// is in flight and even while a pong is. With exactly two tasks on the loop,
// each yield hands control straight to the other task, so every step does
// useful work and nothing is allocated.
type Baton struct {
	Seq int
}
