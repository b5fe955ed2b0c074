//go:build aiosrc

package corpus

import (
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("line_directives", lineDirectives)
	register("line_panic_position", linePanicPosition)
}

// here reports its caller's file and line: the same in both builds only if
// the generated code carries //line directives.
func here() string {
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf("%s:%d", filepath.Base(file), line)
}

func lineDirectives(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		t.P("start at %s", here())
		for i := 0; i < 2; i++ {
			aio.Await(aio.Yield())
			t.P("loop at %s", here())
		}
		v := must(aio.Await(val(t, "v", here())))
		t.P("after await at %s (value from %s)", here(), v)
		return here(), nil
	})
}

func linePanicPosition(t *T) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		defer func() {
			r := recover()
			// The line that panicked is on the stack, as a debugger or a
			// stack trace shows it.
			pc := make([]uintptr, 50)
			n := runtime.Callers(0, pc)
			frames := runtime.CallersFrames(pc[:n])
			for {
				fr, more := frames.Next()
				if filepath.Base(fr.File) == "p_lines.go" && fr.Line == 60 {
					s = fmt.Sprintf("recovered %v, stack shows p_lines.go:%d", r, fr.Line)
					break
				}
				if !more {
					break
				}
			}
		}()
		aio.Await(aio.Yield())
		var m map[string]int
		m["boom"]++ // line 60
		return "", nil
	})
}
