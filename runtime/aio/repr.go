package aio

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// String describes the future in the words of asyncio's repr, so that a
// ported program printing a future prints what Python prints:
// "<Future pending>", "<Future finished result=3>",
// "<Future finished result='s'>", "<Future finished exception='boom'>",
// "<Future cancelled>". Values are spelled as Python spells their
// counterparts (see Task.String); an error by its quoted message.
func (f *Future[T]) String() string {
	var b strings.Builder
	b.WriteString("<Future ")
	b.WriteString(stateWord(&f.fc))
	if f.fc.state == stateDone {
		writeOutcome(&b, f.value, f.err)
	}
	b.WriteByte('>')
	return b.String()
}

// String describes the task in the words of asyncio's repr:
//
//	<Task pending name='Task-2' coro=<work() running at main.go:24>>
//	<Task cancelling name='Task-2' coro=<work() running at main.go:24>>
//	<Task finished name='Task-2' coro=<work() done> result=1>
//	<Task finished name='Task-3' coro=<fail() done> exception='bad'>
//	<Task cancelled name='Task-4' coro=<work() done>>
//
// The state is pending, cancelling (a cancellation was requested and the
// task has not finished yet), finished or cancelled; coro names the task's
// async function and, while it runs, the line its own body is suspended at
// (a done coroutine shows no "defined at" line, and there is no wait_for
// part). Values print as Python prints their counterparts: a string in
// single quotes (shortened past 30 characters, as reprlib does), struct{}
// and nil as None, booleans as True/False, anything else with %v; an error
// prints as its quoted message, a panic as "aio: panic: <value>" without
// the stack.
func (t *Task[T]) String() string {
	var b strings.Builder
	b.WriteString("<Task ")
	state := stateWord(&t.fc)
	if state == "pending" && t.fc.numCancels > 0 {
		state = "cancelling"
	}
	b.WriteString(state)
	b.WriteString(" name=")
	b.WriteString(pyQuote(t.Name()))
	if coro := t.coroRepr(); coro != "" {
		b.WriteString(" coro=<")
		b.WriteString(coro)
		b.WriteByte('>')
	}
	if t.fc.state == stateDone {
		var v T
		if t.err() == nil && t.top != nil {
			v = rootFrame[T](t.top).result
		}
		writeOutcome(&b, v, t.err())
	}
	b.WriteByte('>')
	return b.String()
}

func stateWord(fc *futureCore) string {
	switch fc.state {
	case stateDone:
		return "finished"
	case stateCancelled:
		return "cancelled"
	}
	return "pending"
}

// coroRepr formats the task's root coroutine as asyncio's _format_coroutine
// does, without the file's directory; "" if the frame cannot tell its name.
func (r *Runner) coroRepr() string {
	h := r.top
	if h == nil {
		return ""
	}
	for h.parent != nil {
		h = h.parent
	}
	loc, ok := h.self.(FrameLocator)
	if !ok {
		return ""
	}
	fn, file, line := loc.FrameLocation()
	name := unqualified(fn) + "()"
	if r.fc.done() {
		return name + " done"
	}
	return fmt.Sprintf("%s running at %s:%d", name, filepath.Base(file), line)
}

func writeOutcome(b *strings.Builder, v any, err error) {
	if err != nil {
		b.WriteString(" exception=")
		b.WriteString(pyQuote(errRepr(err)))
		return
	}
	b.WriteString(" result=")
	b.WriteString(reprValue(v))
}

// errRepr is an error's message on one line: a panic without its stack.
func errRepr(err error) string {
	if pe, ok := err.(*PanicError); ok {
		return fmt.Sprintf("aio: panic: %v", pe.Value)
	}
	return err.Error()
}

// reprValue spells v as Python's reprlib.repr spells its counterpart, for
// the values that have an obvious one.
func reprValue(v any) string {
	switch x := v.(type) {
	case nil, struct{}:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		const maxString = 30 // reprlib.Repr.maxstring
		s := pyQuote(x)
		if utf8.RuneCountInString(s) <= maxString {
			return s
		}
		rs := []rune(x)
		i := (maxString - 3) / 2
		j := maxString - 3 - i
		q := []rune(pyQuote(string(rs[:i]) + string(rs[len(rs)-j:])))
		return string(q[:i]) + "..." + string(q[len(q)-j:])
	}
	return fmt.Sprint(v)
}

// pyQuote quotes s as Python's repr of a str does: in single quotes unless
// s holds a single quote and no double quote.
func pyQuote(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, c := range s {
		switch {
		case c == rune(q) || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}
