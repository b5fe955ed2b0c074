package blocking

import (
	"golang.org/x/tools/go/analysis"

	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
)

// The analyzers of this package, one per rule family.
var (
	Sleep = register(family("blockingsleep", "report sleeps and timer waits that block the event loop (AIO251)", docSleep), docSleep)
	HTTP  = register(family("blockinghttp", "report blocking HTTP calls in async code (AIO210)", docHTTP), docHTTP)
	Net   = register(family("blockingnet", "report blocking network calls in async code (AIO215)", docNet), docNet)
	Proc  = register(family("blockingproc", "report blocking process calls in async code (AIO220, AIO221, AIO222)", docProc220, docProc221, docProc222), docProc220, docProc221, docProc222)
	File  = register(family("blockingfile", "report blocking file and path calls in async code (AIO230, AIO240)", docFile, docPath), docFile, docPath)
	Input = register(family("blockinginput", "report reads of standard input in async code (AIO250)", docInput), docInput)
	Sync  = register(family("blockingsync", "report goroutine synchronisation waits in async code (AIO260)", docSync), docSync)
	Chan  = register(family("blockingchan", "report blocking channel operations in async code (AIO261)", docChan), docChan)
	SQL   = register(family("blockingsql", "report database/sql calls in async code (AIO270)", docSQL), docSQL)
	// Custom reports the functions the user configured as blocking.
	Custom = register(family("blockingcustom", "report calls of user-configured blocking functions in async code (AIO200)", docCustom), docCustom)
	// SyncWait reports synchronous waits on async work.
	SyncWait = register(family("syncwait", "report aio.Run and loop.RunForever inside async code (AIO181)", docSyncWait), docSyncWait)
)

// All lists the analyzers of this package.
var All = []*analysis.Analyzer{Sleep, HTTP, Net, Proc, File, Input, Sync, Chan, SQL, Custom, SyncWait}

func init() {
	Sync.Flags.BoolVar(&flagMutex, "mutex", false, "also report sync.Mutex/RWMutex Lock and RLock in async bodies as AIO260 (off by default: a short critical section is legitimate)")
	Custom.Flags.StringVar(&flagCustomList, "funcs", "", "AIO200 blocking functions: `pkg.Func -> hint` entries separated by ';' (methods: (*pkg.Type).Method or pkg.Type.Method)")
	Custom.Flags.StringVar(&flagCustomFile, "config", "", "file of AIO200 blocking functions, one `pkg.Func -> hint` per line, '#' comments (use an absolute path under go vet, which runs the tool in each package's directory)")
}

var docSleep = rule.Doc{
	ID:    "AIO251",
	Title: "blocking sleep in async code",
	Why: "time.Sleep, and receiving from (or ranging over) time.After, time.Tick or a Timer's or Ticker's channel, park the loop's only goroutine: " +
		"no other task runs until the sleep ends. aio.Sleep suspends just this task. The suggested fix rewrites a " +
		"sleep statement into aio.Await(aio.Sleep(d)); check the error if the task should stop when cancelled.",
	Bad: `func Poll() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(time.Second)
		return 1, nil
	})
}`,
	Good: `func Poll() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
			return 0, err
		}
		return 1, nil
	})
}`,
}

var docHTTP = rule.Doc{
	ID:    "AIO210",
	Title: "blocking HTTP call in async code",
	Why: "http.Get, (*http.Client).Do and friends wait for the network on the calling goroutine, and so does reading " +
		"a response body. In an async body that goroutine is the loop. Offload the request with aio.ToThread. " +
		"This covers both flake8-async's ASYNC210 (module-level calls such as requests.get) and ASYNC212 (calls on " +
		"a client object): Go has no separate async client, so the methods of an *http.Client (its own, " +
		"http.DefaultClient, a parameter or a global) and a transport's RoundTrip share the id. Building a request " +
		"(http.NewRequest, headers, url.Values) does no I/O and is not reported.",
	Bad: `return aio.Async(func() ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
})`,
	Good: `return aio.Async(func() ([]byte, error) {
	return aio.Await(aio.ToThread(func(ctx context.Context) ([]byte, error) {
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}))
})`,
}

var docNet = rule.Doc{
	ID:    "AIO215",
	Title: "blocking network call in async code",
	Why: "net.Dial*, (*net.Dialer).Dial*, Listener.Accept, net.Conn Read/Write and net.Lookup* wait for the network " +
		"or DNS on the loop goroutine. Use the loop's stream API or offload with aio.ToThread.",
	Bad: `return aio.Async(func() (string, error) {
	addrs, err := net.LookupHost(host)
	...
})`,
	Good: `return aio.Async(func() (string, error) {
	addrs, err := aio.Await(aio.ToThread(func(ctx context.Context) ([]string, error) {
		return net.DefaultResolver.LookupHost(ctx, host)
	}))
	...
})`,
}

var docProc220 = rule.Doc{
	ID:    "AIO220",
	Title: "synchronous process start in async code",
	Why: "(*exec.Cmd).Start, os.StartProcess and syscall.ForkExec fork and exec on the loop goroutine, and are almost always followed by " +
		"a blocking wait. Start and wait for the process inside aio.ToThread.",
	Bad: `return aio.Async(func() (int, error) {
	cmd := exec.Command("make")
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	...
})`,
	Good: `return aio.Async(func() (int, error) {
	return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
		return 0, exec.CommandContext(ctx, "make").Run()
	}))
})`,
}

var docProc221 = rule.Doc{
	ID:    "AIO221",
	Title: "running a process to completion in async code",
	Why: "(*exec.Cmd).Run, Output and CombinedOutput wait until the child exits: the loop stalls for the child's whole " +
		"run time. Run it inside aio.ToThread.",
	Bad: `return aio.Async(func() ([]byte, error) {
	return exec.Command("git", "status").Output()
})`,
	Good: `return aio.Async(func() ([]byte, error) {
	return aio.Await(aio.ToThread(func(ctx context.Context) ([]byte, error) {
		return exec.CommandContext(ctx, "git", "status").Output()
	}))
})`,
}

var docProc222 = rule.Doc{
	ID:    "AIO222",
	Title: "waiting for a process in async code",
	Why:   "(*exec.Cmd).Wait and (*os.Process).Wait block until the child exits. Wait inside aio.ToThread.",
	Bad: `return aio.Async(func() (int, error) {
	err := cmd.Wait()
	...
})`,
	Good: `return aio.Async(func() (int, error) {
	_, err := aio.Await(aio.ToThread(func(context.Context) (struct{}, error) {
		return struct{}{}, cmd.Wait()
	}))
	...
})`,
}

var docFile = rule.Doc{
	ID:    "AIO230",
	Title: "blocking file I/O in async code",
	Why: "os.Open, os.ReadFile, os.WriteFile, (*os.File) reads, writes, Sync, Truncate and Close (which may flush to " +
		"a network file system) and the other file-system calls wait for the " +
		"disk (or a network file system, or a pipe) on the loop goroutine. Do file work inside aio.ToThread. So do " +
		"reads and writes through an io.Reader or io.Writer whose value is an *os.File: fmt.Fprintf(f, ...), " +
		"io.Copy, io.ReadAll, fmt.Fscan, r.Read on `var r io.Reader = f`, a bufio reader or scanner over a file " +
		"(its reads) and a bufio writer over one (its Flush; buffered writes may not touch the file). The file " +
		"must be known: an *os.File typed expression, or a variable assigned once from one; an io.Writer " +
		"parameter of unknown dynamic type is not reported (AIO201 judges a helper taking one at each call site). Writes " +
		"to os.Stdout and os.Stderr (directly, or through a local or package variable holding them that is never " +
		"reassigned) are not reported: printing is not file I/O. AIO230 covers flake8-async's ASYNC230 (open) and " +
		"ASYNC232 (blocking calls on a file object); (*os.File).Name and Fd, which do no I/O, are not reported, nor " +
		"is os.NewFile, the counterpart of os.fdopen (ASYNC231), which only wraps a descriptor.",
	Bad: `return aio.Async(func() ([]byte, error) {
	return os.ReadFile(name)
})`,
	Good: `return aio.Async(func() ([]byte, error) {
	return aio.Await(aio.ToThread(func(context.Context) ([]byte, error) {
		return os.ReadFile(name)
	}))
})`,
}

var docPath = rule.Doc{
	ID:    "AIO240",
	Title: "blocking path inspection in async code",
	Why: "os.Stat, os.Lstat, os.Readlink and filepath.Walk, WalkDir, Glob and EvalSymlinks touch the file system; a " +
		"walk can take seconds. Do them inside aio.ToThread.",
	Bad: `return aio.Async(func() (bool, error) {
	_, err := os.Stat(path)
	return err == nil, nil
})`,
	Good: `return aio.Async(func() (bool, error) {
	return aio.Await(aio.ToThread(func(context.Context) (bool, error) {
		_, err := os.Stat(path)
		return err == nil, nil
	}))
})`,
}

var docInput = rule.Doc{
	ID:    "AIO250",
	Title: "blocking read of standard input in async code",
	Why: "fmt.Scan*, and reading os.Stdin directly or through a bufio.Reader or bufio.Scanner over it, wait for the " +
		"user to type: every task stops meanwhile. Read input inside aio.ToThread (or on a goroutine feeding a queue).",
	Bad: `return aio.Async(func() (string, error) {
	var name string
	_, err := fmt.Scanln(&name)
	return name, err
})`,
	Good: `return aio.Async(func() (string, error) {
	return aio.Await(aio.ToThread(func(context.Context) (string, error) {
		var name string
		_, err := fmt.Scanln(&name)
		return name, err
	}))
})`,
}

var docSync = rule.Doc{
	ID:    "AIO260",
	Title: "blocking goroutine synchronisation in async code",
	Why: "(*sync.WaitGroup).Wait, (*sync.Cond).Wait, (*errgroup.Group).Wait and (*semaphore.Weighted).Acquire wait for " +
		"other goroutines on the loop goroutine; if those goroutines need the loop (to deliver a result) the program " +
		"deadlocks. Use the aio equivalents (Gather, TaskGroup, Condition, Semaphore) or wait inside aio.ToThread. " +
		"A sync.Mutex or RWMutex released before the next await is a legitimate short critical section shared with " +
		"goroutines; the -blockingsync.mutex flag reports those too. A lock held across an await is AIO140.",
	Bad: `return aio.Async(func() (int, error) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() { defer wg.Done(); fetch(u) }()
	}
	wg.Wait()
	return len(urls), nil
})`,
	Good: `return aio.Async(func() (int, error) {
	var coros []aio.Awaitable[string]
	for _, u := range urls {
		coros = append(coros, Fetch(u))
	}
	pages, err := aio.Await(aio.Gather(coros...))
	return len(pages), err
})`,
}

var docChan = rule.Doc{
	ID:    "AIO261",
	Title: "blocking channel operation in async code",
	Why: "A send, a receive, a range over a channel, or a select without a default case waits for another goroutine " +
		"on the loop goroutine. If that goroutine is itself waiting for the loop, the program deadlocks; otherwise " +
		"all tasks stall. Await aio.Recv(ch) or aio.Send(ch, v) instead (aio.WaitContext(ctx) for <-ctx.Done()), " +
		"which suspend only this task; use an aio.Queue between tasks, a select with a default case to poll, or run " +
		"a multi-channel select in aio.ToThread. A channel made in the function and never passed, stored, copied, " +
		"returned or captured by a goroutine or another closure is not reported: nothing else can reach it, so its " +
		"operations never wait for anyone (a local FIFO, a closed done channel).",
	Bad: `return aio.Async(func() (int, error) {
	v := <-results
	return v, nil
})`,
	Good: `return aio.Async(func() (int, error) {
	v, err := aio.Await(aio.Recv(results))
	return v, err
})`,
}

var docSQL = rule.Doc{
	ID:    "AIO270",
	Title: "database/sql call in async code",
	Why: "Queries, Exec, Ping, transactions and prepared statements of database/sql wait for the database server on " +
		"the loop goroutine. Run them inside aio.ToThread.",
	Bad: `return aio.Async(func() (int, error) {
	var n int
	err := db.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n, err
})`,
	Good: `return aio.Async(func() (int, error) {
	return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
		var n int
		err := db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
		return n, err
	}))
})`,
}

var docCustom = rule.Doc{
	ID:    "AIO200",
	Title: "call of a user-configured blocking function in async code",
	Why: "Projects know blocking APIs no generic table can: a vendored client, a cgo binding. List them with " +
		"-blockingcustom.funcs='example.com/db.Query -> use db.QueryAsync' or one per line in the file named by " +
		"-blockingcustom.config; calls in async bodies are reported with your hint, and AIO201 follows them " +
		"through helper functions.",
	Bad: `// with -blockingcustom.funcs='example.com/legacy.Fetch -> use legacy.FetchAsync'
return aio.Async(func() (string, error) {
	return legacy.Fetch(key)
})`,
	Good: `return aio.Async(func() (string, error) {
	return aio.Await(legacy.FetchAsync(key))
})`,
}

var docSyncWait = rule.Doc{
	ID:    "AIO181",
	Title: "synchronous wait on async work inside async code",
	Why: "aio.Run starts a second event loop and runs it to completion inside one step of the current loop, and " +
		"(*aio.Loop).RunForever never returns: the outer loop is frozen meanwhile and anything the inner work shares " +
		"with it deadlocks. aio.RunLoops, aio.Call and (*aio.LoopGroup).Close likewise wait for other loops on the " +
		"loop goroutine. Inside async code, await the coroutine instead (aio.Submit hands work to another loop).",
	Bad: `return aio.Async(func() (int, error) {
	return aio.Run(Compute())
})`,
	Good: `return aio.Async(func() (int, error) {
	return aio.Await(Compute())
})`,
}
