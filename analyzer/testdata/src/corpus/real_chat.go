// Realistic programs written against the real aio API (chat server,
// crawler, channel pipeline, worker pool, cache, retry, generators, context
// interop): mostly correct code with the mistakes users make.

package corpus

import (
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type Message struct {
	From, Text string
	At         time.Time
}

type Client struct {
	Name  string
	Inbox *aio.Queue[Message]
	task  *aio.Task[struct{}]
}

type Room struct {
	mu      sync.Mutex // guards clients: also read by the metrics goroutine
	clients map[string]*Client
	history []Message
	sent    atomic.Int64
	tasks   []*aio.Task[struct{}]
	byName  map[string]*aio.Task[struct{}]
	closed  *aio.Event
}

func NewRoom() *Room {
	return &Room{clients: map[string]*Client{}, byName: map[string]*aio.Task[struct{}]{}, closed: aio.NewEvent()}
}

// corpus: ok
func (r *Room) Join(name string) aio.Coro[*Client] {
	return aio.Async(func() (*Client, error) {
		c := &Client{Name: name, Inbox: aio.NewQueue[Message](64)}
		r.mu.Lock()
		if _, dup := r.clients[name]; dup {
			r.mu.Unlock()
			return nil, fmt.Errorf("name %q taken", name)
		}
		r.clients[name] = c
		r.mu.Unlock()
		log.Printf("%s joined", name)
		c.task = aio.Spawn(r.deliver(c), aio.WithName("deliver-"+name))
		r.tasks = append(r.tasks, c.task)
		r.byName[name] = c.task
		_, err := aio.Await(r.Broadcast(Message{From: "server", Text: name + " joined"}))
		return c, err
	})
}

// corpus: ok
func (r *Room) Broadcast(m Message) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		m.At = time.Now()
		r.mu.Lock()
		r.history = append(r.history, m)
		targets := make([]*Client, 0, len(r.clients))
		for _, c := range r.clients {
			targets = append(targets, c)
		}
		r.mu.Unlock()
		n := 0
		for _, c := range targets {
			if err := c.Inbox.PutNowait(m); errors.Is(err, aio.ErrQueueFull) {
				fmt.Fprintf(os.Stderr, "dropping message for slow client %s\n", c.Name)
				continue
			}
			n++
		}
		r.sent.Add(int64(n))
		return n, nil
	})
}

// corpus: ok
func (r *Room) deliver(c *Client) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for {
			m, err := aio.Await(c.Inbox.Get())
			if err != nil {
				return struct{}{}, err
			}
			fmt.Printf("[%s] <%s> %s\n", c.Name, m.From, m.Text)
			c.Inbox.TaskDone()
		}
	})
}

// corpus: ok
func (r *Room) Leave(name string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		r.mu.Lock()
		c, ok := r.clients[name]
		delete(r.clients, name)
		r.mu.Unlock()
		if !ok {
			return false, nil
		}
		c.Inbox.Shutdown(false)
		if t := r.byName[name]; t != nil {
			t.Cancel()
			_, err := aio.Await(t)
			if err != nil && !aio.IsCancelled(err) {
				return true, err
			}
		}
		return true, nil
	})
}

// corpus: AIO140
func (r *Room) BroadcastLocked(m Message) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, c := range r.clients {
			if _, err := aio.Await(c.Inbox.Put(m)); err != nil {
				return 0, err
			}
		}
		return len(r.clients), nil
	})
}

// corpus: ok
func (r *Room) Close() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		r.closed.Set()
		for _, t := range r.tasks {
			t.Cancel("room closed")
		}
		res, err := aio.Await(aio.GatherResults(tasksAsAwaitables(r.tasks)...))
		if err != nil {
			return 0, err
		}
		return len(res), nil
	})
}

func tasksAsAwaitables(ts []*aio.Task[struct{}]) []aio.Awaitable[struct{}] {
	out := make([]aio.Awaitable[struct{}], len(ts))
	for i, t := range ts {
		out[i] = t
	}
	return out
}

// corpus: ok
func ChatMain() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		room := NewRoom()
		go func() {
			t := time.NewTicker(time.Second)
			defer t.Stop()
			for range t.C {
				room.mu.Lock()
				n := len(room.clients)
				room.mu.Unlock()
				log.Printf("metrics: %d clients, %d sent", n, room.sent.Load())
			}
		}()
		for _, name := range []string{"ann", "bob"} {
			if _, err := aio.Await(room.Join(name)); err != nil {
				return struct{}{}, err
			}
		}
		if _, err := aio.Await(room.Broadcast(Message{From: "ann", Text: "hi"})); err != nil {
			return struct{}{}, err
		}
		if _, err := aio.Await(aio.Sleep(10 * time.Millisecond)); err != nil {
			return struct{}{}, err
		}
		_, err := aio.Await(room.Close())
		println("bye")
		return struct{}{}, err
	})
}

// corpus: AIO300
func (r *Room) Announce(text string) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		aio.Spawn(r.Broadcast(Message{From: "server", Text: strings.ToUpper(text)}))
		return struct{}{}, nil
	})
}

// corpus: AIO105
func (r *Room) Kick(name string) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		r.Leave(name)
		fmt.Println("kicked", name)
		return struct{}{}, nil
	})
}

// corpus: ok
func (r *Room) SpawnIntoField(c *Client) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		c.task = aio.Spawn(r.deliver(c))
		ch := make(chan *aio.Task[int], 1)
		select {
		case ch <- aio.Spawn(r.Broadcast(Message{Text: "x"})):
		default:
		}
		t := aio.Spawn(r.Broadcast(Message{Text: "v"}))
		keep(aio.Spawn(r.Broadcast(Message{Text: "y"})))
		m := map[string]*aio.Task[int]{}
		m["z"] = aio.Spawn(r.Broadcast(Message{Text: "z"}))
		later := aio.Spawn(r.Broadcast(Message{Text: "w"}))
		defer func() { later.Cancel() }()
		_, err := aio.Await(t)
		return struct{}{}, err
	})
}

func keep(t *aio.Task[int]) {}

// corpus: ok
func (r *Room) startDelivery(c *Client) *aio.Task[struct{}] {
	return aio.Spawn(r.deliver(c))
}
