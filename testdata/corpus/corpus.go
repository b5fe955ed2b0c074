// Package corpus is asyncgo's differential test corpus: small async
// programs, each registered by name. The programs are written in files built
// with the aiosrc tag (run by the reference Async/Await implementation);
// `asyncgo gen` compiles them into the *_aio.go twins used by the default
// build. gen's tests run every program in both builds against the same
// expected trace in traces/.
package corpus

//go:generate go run github.com/asyncgo/asyncgo/cmd/asyncgo gen

import (
	"fmt"
	"sort"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// T records a program's trace.
type T struct{ lines []string }

// P appends a formatted line to the trace.
func (t *T) P(format string, args ...any) { t.lines = append(t.lines, fmt.Sprintf(format, args...)) }

// Program is one corpus program.
type Program struct {
	Name string
	Main func(t *T) aio.Coro[string]
}

var programs = map[string]Program{}

func register(name string, main func(t *T) aio.Coro[string]) {
	if _, dup := programs[name]; dup {
		panic("corpus: duplicate program " + name)
	}
	programs[name] = Program{name, main}
}

// Programs returns the programs sorted by name.
func Programs() []Program {
	out := make([]Program, 0, len(programs))
	for _, p := range programs {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Run runs a program on a virtual clock and returns its trace, ending with
// its result (or the panic that escaped it).
func Run(p Program) (trace []string) {
	t := &T{}
	defer func() {
		if v := recover(); v != nil {
			if pe, ok := v.(*aio.PanicError); ok {
				v = pe.Value
			}
			t.P("panic: %v", v)
		}
		trace = t.lines
	}()
	v, err := aio.Run(p.Main(t), aio.WithVirtualClock())
	t.P("result: %q err=%v", v, firstLine(err))
	return t.lines
}

func firstLine(err error) string {
	if err == nil {
		return "<nil>"
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// ready returns a future that is already done.
func ready[V any](v V) *aio.Future[V] {
	f := aio.NewFuture[V]()
	f.SetResult(v)
	return f
}

// failed returns a future that already failed.
func failed[V any](msg string) *aio.Future[V] {
	f := aio.NewFuture[V]()
	f.SetError(fmt.Errorf("%s", msg))
	return f
}

// must panics on error; it lets an await stand in an operand position.
func must[V any](v V, err error) V {
	if err != nil {
		panic(err)
	}
	return v
}
