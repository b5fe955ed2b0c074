package corpus

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type Crawler struct {
	sem     *aio.Semaphore
	client  *http.Client
	seenMu  sync.Mutex
	seen    map[string]bool
	results *aio.Queue[Page]
}

type Page struct {
	URL   string
	Body  []byte
	Links []string
}

func fetchURL(ctx context.Context, client *http.Client, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", u, resp.Status)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

func extractLinks(base string, body []byte) []string {
	var links []string
	for _, f := range strings.Fields(string(body)) {
		if h, ok := strings.CutPrefix(f, "href=\""); ok {
			h = strings.TrimSuffix(h, "\"")
			if u, err := url.Parse(base); err == nil {
				if r, err := u.Parse(h); err == nil {
					links = append(links, r.String())
				}
			}
		}
	}
	return links
}

// corpus: ok
func (c *Crawler) Fetch(u string) aio.Coro[Page] {
	return aio.Async(func() (Page, error) {
		if _, err := aio.Await(c.sem.Acquire()); err != nil {
			return Page{}, err
		}
		defer c.sem.Release()
		body, err := aio.Await(aio.ToThread(func(ctx context.Context) ([]byte, error) {
			return fetchURL(ctx, c.client, u)
		}))
		if err != nil {
			return Page{}, fmt.Errorf("fetch %s: %w", u, err)
		}
		return Page{URL: u, Body: body, Links: extractLinks(u, body)}, nil
	})
}

// corpus: ok
func (c *Crawler) markSeen(u string) bool {
	c.seenMu.Lock()
	defer c.seenMu.Unlock()
	if c.seen[u] {
		return false
	}
	c.seen[u] = true
	return true
}

// corpus: ok
func (c *Crawler) Crawl(start string, depth int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		frontier := []string{start}
		total := 0
		for d := 0; d < depth && len(frontier) > 0; d++ {
			var coros []aio.Awaitable[Page]
			for _, u := range frontier {
				if c.markSeen(u) {
					coros = append(coros, c.Fetch(u))
				}
			}
			results, err := aio.Await(aio.GatherResults(coros...))
			if err != nil {
				return total, err
			}
			frontier = frontier[:0]
			for _, r := range results {
				if r.Err != nil {
					fmt.Fprintln(os.Stderr, "crawl:", r.Err)
					continue
				}
				total++
				frontier = append(frontier, r.Value.Links...)
			}
			fmt.Printf("depth %d: %d pages, %d links\n", d, total, len(frontier))
		}
		return total, nil
	})
}

// corpus: ok
func (c *Crawler) Save(p Page, dir string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		name := filepath.Join(dir, url.PathEscape(p.URL)+".html")
		_, err := aio.Await(aio.ToThread(func(context.Context) (struct{}, error) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return struct{}{}, err
			}
			return struct{}{}, os.WriteFile(name, p.Body, 0o644)
		}))
		return name, err
	})
}

// corpus: AIO210
func (c *Crawler) FetchDirect(u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(c.sem.Acquire()); err != nil {
			return 0, err
		}
		defer c.sem.Release()
		resp, err := c.client.Get(u)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	})
}

// corpus: AIO201
func (c *Crawler) FetchViaHelper(u string) aio.Coro[Page] {
	return aio.Async(func() (Page, error) {
		body, err := fetchURL(context.Background(), c.client, u)
		if err != nil {
			return Page{}, err
		}
		return Page{URL: u, Body: body}, nil
	})
}

// corpus: AIO230
func (c *Crawler) SaveDirect(p Page, dir string) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		name := filepath.Join(dir, url.PathEscape(p.URL))
		return struct{}{}, os.WriteFile(name, p.Body, 0o644)
	})
}

// corpus: ok
func (c *Crawler) Report(pages []Page) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for _, p := range pages {
			fmt.Fprintf(os.Stdout, "%s\t%d bytes\n", p.URL, len(p.Body))
		}
		fmt.Fprintln(os.Stderr, "done at", time.Now().Format(time.Kitchen))
		return struct{}{}, nil
	})
}

// corpus: ok
func (c *Crawler) CrawlWithTimeout(u string) aio.Coro[Page] {
	return aio.Async(func() (Page, error) {
		p, err := aio.Await(aio.WaitFor(c.Fetch(u), 5*time.Second))
		if err != nil {
			return Page{}, err
		}
		return p, nil
	})
}

// corpus: ok
func (c *Crawler) FirstOf(mirrors []string) aio.Coro[Page] {
	return aio.Async(func() (Page, error) {
		aws := make([]aio.Awaitable[Page], len(mirrors))
		for i, m := range mirrors {
			aws[i] = aio.Spawn(c.Fetch(m))
		}
		done := aio.AsCompleted(aws...)
		var lastErr error
		for range done.Len() {
			p, err := aio.Await(done.Next())
			if err == nil {
				for _, a := range aws {
					a.(*aio.Task[Page]).Cancel()
				}
				return p, nil
			}
			lastErr = err
		}
		return Page{}, lastErr
	})
}
