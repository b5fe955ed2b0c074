// Command compare runs asyncgo's benchmarks (package bench) and the same
// workloads for Python asyncio, uvloop and Node.js in one run, prints a
// table of ratios and writes it, with the machine info and date, to
// bench/RESULTS.md.
//
//	go run ./bench/cmd/compare            # from the repository root
//	go run ./bench/cmd/compare -full      # also 1M sleeping tasks for the peers
//	go run ./bench/cmd/compare -o -       # print only, write no file
//
// A peer whose interpreter is missing is skipped. The whole run is bounded
// (about two minutes on a 2-core machine).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", "bench/RESULTS.md", "where to write the results (- for stdout only)")
	count := flag.Int("count", 5, "runs of each fast Go benchmark (the median is used)")
	benchtime := flag.String("benchtime", "1s", "-benchtime of the fast Go benchmarks")
	full := flag.Bool("full", false, "also measure 1M sleeping tasks for the peers (slow)")
	noPeers := flag.Bool("nopeers", false, "skip the peers")
	flag.Parse()

	root, err := repoRoot()
	if err != nil {
		fatal(err)
	}
	start := time.Now()
	res := results{}

	// The default build benchmarks the generated state machines ("aio-gen")
	// beside the goroutine equivalents; -tags aiosrc runs the same workloads
	// in source mode ("aio-src"), only its asyncgo sub-benchmarks.
	// Each run measures every asyncgo variant and its goroutine equivalent
	// back to back, so a ratio is taken within one run, as issue 2 asks, and
	// slow drifts of a shared machine's load cancel out of it.
	step("go benchmarks (fast workloads, %d runs)", *count)
	for range *count {
		if err := runGo(root, res, nil, "Spawn|PingPong|AwaitDone|CoroCall|AsyncGen", *benchtime, 1, 4*time.Minute); err != nil {
			fatal(err)
		}
	}
	step("go benchmarks (memory: one run; timers: the mean of five)")
	if err := runGo(root, res, nil, "SleepMem", "1x", 1, 4*time.Minute); err != nil {
		fatal(err)
	}
	if err := runGo(root, res, nil, "Timers", "5x", 1, 4*time.Minute); err != nil {
		fatal(err)
	}
	step("go benchmarks in source mode (-tags aiosrc)")
	src := []string{"-tags", "aiosrc"}
	// -bench filters each /-separated level of a name on its own.
	if err := runGo(root, res, src, "Spawn|PingPong|AwaitDone|CoroCall|AsyncGen|Timers/aio-src", "100ms", 1, 4*time.Minute); err != nil {
		fatal(err)
	}
	if err := runGo(root, res, src, "SleepMem/N=100000/aio-src", "1x", 1, 4*time.Minute); err != nil {
		fatal(err)
	}
	var notes []string
	if !*noPeers {
		peerArgs := []string{}
		if *full {
			peerArgs = append(peerArgs, "--full")
		}
		py := filepath.Join(root, "bench/peers/asyncio_bench.py")
		js := filepath.Join(root, "bench/peers/node_bench.js")
		for _, p := range []struct {
			name string
			cmd  []string
		}{
			{"asyncio", append([]string{"python3", py, "--loop", "asyncio"}, peerArgs...)},
			{"uvloop", append([]string{uvloopPython(), py, "--loop", "uvloop"}, peerArgs...)},
			{"node", append([]string{"node", "--expose-gc", js}, peerArgs...)},
		} {
			step("peer %s: %s", p.name, strings.Join(p.cmd, " "))
			if note := runPeer(res, p.name, p.cmd, 90*time.Second); note != "" {
				notes = append(notes, note)
				fmt.Fprintln(os.Stderr, "   ", note)
			}
		}
	}

	report := render(res, notes, machineInfo(), time.Since(start))
	fmt.Print(report)
	if *out != "-" {
		path := *out
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
		if err := os.WriteFile(path, []byte(report), 0o644); err != nil {
			fatal(err)
		}
		fmt.Fprintf(os.Stderr, "wrote %s\n", path)
	}
}

func step(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "== "+format+"\n", args...)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "compare:", err)
	os.Exit(1)
}

// repoRoot finds the module root (the directory holding go.mod with the
// asyncgo module), so the command works from any directory inside it.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil &&
			bytes.Contains(b, []byte("module github.com/asyncgo/asyncgo\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("not inside the asyncgo module")
		}
		dir = parent
	}
}

// results maps runtime -> workload -> metric -> samples.
type results map[string]map[string]map[string][]float64

func (r results) add(rt, workload, metric string, v float64) {
	if r[rt] == nil {
		r[rt] = map[string]map[string][]float64{}
	}
	if r[rt][workload] == nil {
		r[rt][workload] = map[string][]float64{}
	}
	r[rt][workload][metric] = append(r[rt][workload][metric], v)
}

// ratioOf returns other/asyncgo for a Go benchmark and its goroutine
// equivalent: the median of the per-run ratios when both have one sample
// per run, else the ratio of the medians.
func (r results) ratioOf(gen, gor, metric string) (float64, bool) {
	a, b := r["go"][gen][metric], r["go"][gor][metric]
	if len(a) == 0 || len(b) == 0 {
		return 0, false
	}
	if len(a) != len(b) {
		x, _ := r.get("go", gen, metric)
		y, _ := r.get("go", gor, metric)
		return y / x, x > 0
	}
	rs := make([]float64, len(a))
	for i := range a {
		rs[i] = b[i] / a[i]
	}
	return median(rs), true
}

func median(s []float64) float64 {
	s = slices.Clone(s)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// get returns the median of a metric's samples.
func (r results) get(rt, workload, metric string) (float64, bool) {
	s := r[rt][workload][metric]
	if len(s) == 0 {
		return 0, false
	}
	return median(s), true
}

var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(-\d+)?\s+\d+\s+(.*)$`)

// runGo runs `go test -bench` on package bench and records every metric of
// every sub-benchmark under runtime "go", keyed by the benchmark name.
func runGo(root string, res results, flags []string, pattern, benchtime string, count int, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	args := append([]string{"test"}, flags...)
	args = append(args, "-run", "^$", "-bench", pattern,
		"-benchmem", "-benchtime", benchtime, "-count", strconv.Itoa(count), "./bench")
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	outp, err := cmd.Output()
	if err != nil {
		os.Stderr.Write(outp)
		return fmt.Errorf("go test -bench %s: %w", pattern, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(outp))
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		f := strings.Fields(m[3])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			res.add("go", m[1], f[i+1], v)
		}
	}
	return nil
}

// uvloopPython returns an interpreter that can import uvloop: Debian's
// python3-uvloop installs it for /usr/bin/python3, which need not be the
// python3 first on PATH.
func uvloopPython() string {
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import uvloop").Run() == nil {
			return py
		}
	}
	return "python3" // the script reports the skip
}

// runPeer runs a peer script and records its JSON lines. It returns a note
// when the peer was skipped or failed.
func runPeer(res results, name string, argv []string, limit time.Duration) string {
	if _, err := exec.LookPath(argv[0]); err != nil {
		return fmt.Sprintf("%s skipped: %s not found", name, argv[0])
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stderr = os.Stderr
	outp, err := cmd.Output()
	note := ""
	if err != nil {
		note = fmt.Sprintf("%s failed or timed out: %v (partial results kept)", name, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(outp))
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			continue
		}
		w, _ := rec["workload"].(string)
		if s, ok := rec["skipped"].(string); ok {
			return fmt.Sprintf("%s skipped: %s", name, s)
		}
		for k, v := range rec {
			if f, ok := v.(float64); ok && k != "n" {
				res.add(name, w, k, f)
			}
		}
	}
	return note
}

// row is one line of the table: where each runtime's figure comes from.
type row struct {
	workload string // peer workload name
	unit     string
	gen, src string // Go benchmark names (asyncgo generated shape, source mode)
	gor      string // Go benchmark name of the goroutine equivalent
	goMetric string // metric in the Go output
	peer     string // metric in the peers' JSON
}

var rows = []row{
	{"spawn", "ns/task", "Spawn/aio-gen", "Spawn/aio-src", "Spawn/goroutine", "ns/op", "ns_per_op"},
	{"spawn-gather", "ns/task", "Spawn/aio-gen-gather", "Spawn/aio-src-gather", "Spawn/goroutine", "ns/op", "ns_per_op"},
	{"spawn-then-gather", "ns/task", "Spawn/aio-gen-spawn-gather", "Spawn/aio-src-spawn-gather", "Spawn/goroutine", "ns/op", "ns_per_op"},
	{"pingpong-future", "ns/roundtrip", "PingPong/aio-gen-future", "PingPong/aio-src-future", "PingPong/goroutine-chan", "ns/op", "ns_per_op"},
	{"pingpong-queue", "ns/roundtrip", "PingPong/aio-gen-queue", "PingPong/aio-src-queue", "PingPong/goroutine-chan", "ns/op", "ns_per_op"},
	{"pingpong-yield", "ns/roundtrip", "PingPong/aio-gen-yield", "PingPong/aio-src-yield", "PingPong/goroutine-chan", "ns/op", "ns_per_op"},
	{"awaitdone", "ns/await", "AwaitDone/aio-gen", "AwaitDone/aio-src", "AwaitDone/goroutine-closed-chan", "ns/op", "ns_per_op"},
	{"corocall", "ns/call", "CoroCall/aio-gen", "CoroCall/aio-src", "CoroCall/goroutine", "ns/op", "ns_per_op"},
	{"asyncgen", "ns/value", "AsyncGen/aio-gen", "AsyncGen/aio-src", "AsyncGen/goroutine-chan", "ns/op", "ns_per_op"},
	{"sleepmem-100000", "bytes/task", "SleepMem/N=100000/aio-gen", "SleepMem/N=100000/aio-src", "SleepMem/N=100000/goroutine-park", "bytes/task", "bytes_per_task"},
	{"sleepmem-1000000", "bytes/task", "SleepMem/N=1000000/aio-gen", "", "SleepMem/N=1000000/goroutine-park", "bytes/task", "bytes_per_task"},
	{"timers", "mean late ms", "Timers/aio-gen", "Timers/aio-src", "Timers/goroutine", "mean-late-ms", "mean_late_ms"},
	{"timers", "p99 late ms", "Timers/aio-gen", "Timers/aio-src", "Timers/goroutine", "p99-late-ms", "p99_late_ms"},
}

var peers = []string{"asyncio", "uvloop", "node"}

func num(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	switch {
	case v >= 1000:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// ratio is other/asyncgo: how many times asyncgo beats the other runtime
// (every metric here is lower-is-better).
func ratio(asyncgo, other float64, ok bool) string {
	if !ok || asyncgo <= 0 || other <= 0 {
		return "–"
	}
	return strconv.FormatFloat(other/asyncgo, 'f', 2, 64) + "x"
}

func render(res results, notes []string, machine string, took time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# asyncgo benchmark results\n\n")
	fmt.Fprintf(&b, "Generated by `go run ./bench/cmd/compare` on %s (run took %s).\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), took.Round(time.Second))
	b.WriteString(machine + "\n")
	b.WriteString(`asyncgo (gen) is the state machine ` + "`asyncgo gen`" + ` generates from
bench/workloads.go; asyncgo (src) the same body in source mode (aio.Async/aio.Await on
goroutines). Fast Go figures are medians of several runs; their ratio to
the goroutine equivalent is the median of the ratios within each run. Ratios
are other / asyncgo (gen): above 1x asyncgo is faster or smaller. The goroutine
equivalents: WaitGroup + runtime.Gosched (spawn), unbuffered channels (ping-pong),
receive from a closed channel (awaitdone), go + channel (corocall), a producer
goroutine on an unbuffered channel (asyncgen: values pulled from an async generator), goroutine
parked on a channel (sleepmem; heap + stack in use), time.Sleep (timers).
Memory: Go = HeapInuse+StackInuse delta after GC; asyncio/uvloop = RSS delta;
Node = V8 heapUsed delta.

`)
	b.WriteString("| workload | unit | asyncgo (gen) | asyncgo (src) | goroutines | asyncio | uvloop | node | vs goroutines | vs asyncio | vs uvloop | vs node |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		gen, okGen := res.get("go", r.gen, r.goMetric)
		src, okSrc := res.get("go", r.src, r.goMetric)
		gor, okGor := res.get("go", r.gor, r.goMetric)
		cells := []string{r.workload, r.unit, num(gen, okGen), num(src, okSrc), num(gor, okGor)}
		var rs []string
		if x, ok := res.ratioOf(r.gen, r.gor, r.goMetric); ok && okGen && okGor {
			rs = append(rs, strconv.FormatFloat(x, 'f', 2, 64)+"x")
		} else {
			rs = append(rs, ratio(gen, gor, false))
		}
		for _, p := range peers {
			v, ok := res.get(p, r.workload, r.peer)
			cells = append(cells, num(v, ok))
			rs = append(rs, ratio(gen, v, okGen && ok))
		}
		b.WriteString("| " + strings.Join(append(cells, rs...), " | ") + " |\n")
	}
	b.WriteString("\n## Targets (issue 2)\n\n")
	b.WriteString(targets(res))
	if len(notes) > 0 {
		b.WriteString("\n## Notes\n\n")
		for _, n := range notes {
			b.WriteString("- " + n + "\n")
		}
	}
	return b.String()
}

func targets(res results) string {
	var b strings.Builder
	check := func(name string, ok, have bool, detail string) {
		mark := "MISSED"
		switch {
		case !have:
			mark = "not measured"
		case ok:
			mark = "met"
		}
		fmt.Fprintf(&b, "- %s: **%s** — %s\n", name, mark, detail)
	}
	speedup := func(gen, gor string) (float64, bool) { return res.ratioOf(gen, gor, "ns/op") }
	x, ok := speedup("PingPong/aio-gen-yield", "PingPong/goroutine-chan")
	check("ping-pong round trip (two tasks handing control to each other) >= 10x faster than goroutines over unbuffered channels", x >= 10, ok, fmt.Sprintf("%.2fx", x))
	for _, v := range []string{"Spawn/aio-gen", "Spawn/aio-gen-spawn-gather", "Spawn/aio-gen-gather"} {
		x, ok := speedup(v, "Spawn/goroutine")
		check(v+" >= 5x faster than goroutine+WaitGroup", x >= 5, ok, fmt.Sprintf("%.2fx", x))
	}
	for _, n := range []string{"100000", "1000000"} {
		v, ok := res.get("go", "SleepMem/N="+n+"/aio-gen", "bytes/task")
		check("sleeping task <= 200 bytes (N="+n+")", v <= 200, ok, fmt.Sprintf("%.0f bytes/task", v))
	}
	a, ok := res.get("go", "AwaitDone/aio-gen", "allocs/op")
	check("0 allocations awaiting a done future", a == 0, ok, fmt.Sprintf("%.0f allocs/op (also asserted by runtime/aio TestAwaitDoneAllocatesNothing)", a))
	m, ok := res.get("go", "Timers/aio-gen", "mean-late-ms")
	check("100k real timers, mean lateness < 5 ms", m < 5, ok, fmt.Sprintf("mean %.2f ms (averaged over five runs; noisy on a shared machine)", m))
	// The same round trip carrying a message costs more: a fresh future per
	// message allocates twice per round trip; a queue does asyncio's waiter
	// bookkeeping. Shown, not targeted.
	var parts []string
	for _, v := range []string{"future", "queue"} {
		if x, ok := speedup("PingPong/aio-gen-"+v, "PingPong/goroutine-chan"); ok {
			parts = append(parts, fmt.Sprintf("%s %.2fx", v, x))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, "\nNot a target: the ping-pong carrying a message, via %s faster than goroutines.\n", strings.Join(parts, ", via "))
	}
	return b.String()
}

func machineInfo() string {
	var b strings.Builder
	cpu := "unknown"
	if f, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(f), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpu = strings.TrimSpace(l[strings.Index(l, ":")+1:])
				break
			}
		}
	}
	mem := ""
	if f, err := os.ReadFile("/proc/meminfo"); err == nil {
		if fs := strings.Fields(string(f)); len(fs) > 1 {
			if kb, err := strconv.ParseFloat(fs[1], 64); err == nil {
				mem = fmt.Sprintf(", %.0f GiB RAM", math.Round(kb/1024/1024))
			}
		}
	}
	load := ""
	if f, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = ", load average at end " + strings.Join(strings.Fields(string(f))[:3], " ")
	}
	fmt.Fprintf(&b, "Machine: %s, %d CPUs%s, %s/%s%s.\n\n", cpu, runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH, load)
	ver := func(argv ...string) string {
		o, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
		if err != nil {
			return "not available"
		}
		return strings.TrimSpace(string(o))
	}
	fmt.Fprintf(&b, "Versions: %s; python3 %s; uvloop python %s; node %s.\n",
		ver("go", "version"), ver("python3", "-c", "import sys; print(sys.version.split()[0])"),
		ver(uvloopPython(), "-c", "import sys, uvloop; print(sys.version.split()[0], 'uvloop', uvloop.__version__)"),
		ver("node", "--version"))
	return b.String()
}
