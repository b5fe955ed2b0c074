package corpus

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"text/template"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var tmpl = template.Must(template.New("x").Parse("{{.}}\n"))

// corpus: ok
func PrintReport(rows map[string]int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		w := bufio.NewWriter(os.Stdout)
		defer w.Flush()
		tw := tabwriter.NewWriter(os.Stdout, 0, 8, 1, ' ', 0)
		for k, v := range rows {
			fmt.Fprintf(w, "%s=%d\n", k, v)
			fmt.Fprintf(tw, "%s\t%d\n", k, v)
		}
		tw.Flush()
		os.Stdout.WriteString("done\n")
		io.WriteString(os.Stderr, "also done\n")
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return 0, err
		}
		if err := tmpl.Execute(os.Stdout, len(rows)); err != nil {
			return 0, err
		}
		l := log.New(os.Stderr, "report: ", log.LstdFlags)
		l.Printf("%d rows", len(rows))
		log.Println("printed")
		fmt.Print("x")
		print("y\n")
		return len(rows), nil
	})
}

// corpus: ok
func PureHelpers(addr string, data []byte) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return "", err
		}
		ip := net.ParseIP(host)
		ap, _ := netip.ParseAddrPort(addr)
		_ = ap
		id := make([]byte, 8)
		if _, err := rand.Read(id); err != nil {
			return "", err
		}
		var buf bytes.Buffer
		buf.Write(data)
		line, _ := buf.ReadString('\n')
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		n := 0
		for sc.Scan() {
			n++
		}
		all, _ := io.ReadAll(strings.NewReader(line))
		abs, _ := filepath.Abs(filepath.Join("a", "b"))
		runtime.Gosched()
		return fmt.Sprint(ip, port, hex.EncodeToString(id), n, len(all), abs, net.JoinHostPort(host, port)), nil
	})
}

// corpus: ok
func OnceInit(once *sync.Once, cfg *map[string]string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		once.Do(func() {
			*cfg = map[string]string{"a": "b"}
		})
		var m sync.Map
		m.Store("k", 1)
		v, _ := m.Load("k")
		return v.(int), nil
	})
}

// corpus: ok
func SemaphoreChan(jobs []string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		results := make(chan string, len(jobs))
		for _, j := range jobs {
			go func() {
				results <- strings.ToUpper(j)
			}()
		}
		n := 0
		for range jobs {
			s, err := aio.Await(aio.Recv(results))
			if err != nil {
				return n, err
			}
			n += len(s)
		}
		return n, nil
	})
}

// corpus: ok
func LocalBuffer(xs []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		pending := make(chan int, len(xs))
		for _, x := range xs {
			pending <- x
		}
		close(pending)
		sum := 0
		for x := range pending {
			if _, err := aio.Await(aio.Yield()); err != nil {
				return sum, err
			}
			sum += x
		}
		return sum, nil
	})
}

// corpus: AIO261
func ForeverSelect() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		select {}
	})
}

// corpus: AIO251
func TickLoop() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for range time.Tick(time.Second) {
			n++
			if n == 3 {
				break
			}
		}
		return n, nil
	})
}

// corpus: AIO240
func Exists(name string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		_, err := os.Stat(name)
		return err == nil, nil
	})
}

// corpus: AIO250
func Prompt(q string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		fmt.Print(q + ": ")
		r := bufio.NewReader(os.Stdin)
		return r.ReadString('\n')
	})
}

// corpus: ok
func PromptThread(q string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		fmt.Print(q + ": ")
		return aio.Await(aio.ToThread(func(ctxx context.Context) (string, error) {
			return bufio.NewReader(os.Stdin).ReadString('\n')
		}))
	})
}
