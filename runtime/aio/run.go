package aio

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Option configures Run and NewLoop.
type Option func(*config)

type config struct {
	virtual  bool
	debug    bool
	slowStep time.Duration
	handler  ExceptionHandler
	ctx      context.Context
	mainName string
}

// WithVirtualClock runs the loop on a virtual clock: whenever no callback is
// ready, time jumps to the next timer instead of passing. A program that
// sleeps for minutes finishes in milliseconds and prints the same trace.
func WithVirtualClock() Option { return func(c *config) { c.virtual = true } }

// WithDebug turns on debug mode: loop-only APIs called from other goroutines
// panic with a clear message, slow steps (over 100ms, see WithSlowStep) are
// reported.
func WithDebug() Option { return func(c *config) { c.debug = true } }

// WithSlowStep reports task steps that take longer than d.
func WithSlowStep(d time.Duration) Option { return func(c *config) { c.slowStep = d } }

// WithExceptionHandler sets the handler for errors nobody observed.
func WithExceptionHandler(h ExceptionHandler) Option { return func(c *config) { c.handler = h } }

// WithContext gives Run a parent context: cancelling it cancels the main
// task, and tasks' contexts derive from it.
func WithContext(ctx context.Context) Option { return func(c *config) { c.ctx = ctx } }

// WithMainName names Run's main task.
func WithMainName(name string) Option { return func(c *config) { c.mainName = name } }

// stopper stops the loop when the future it is registered on completes.
type stopper struct{ l *Loop }

func (s stopper) invoke(*futureCore) { s.l.Stop() }

// Run runs aw as the main task of a new event loop until it returns, then
// cancels the tasks still running and waits for them to finish their
// cleanup, closes the loop, and returns its result: asyncio.run. aw is
// usually a coroutine; any other awaitable (a Gather future, say) is awaited
// by a main coroutine, so aio.Run(aio.Gather(a, b)) works.
//
// A panic in the main coroutine re-panics from Run (as a *PanicError). A
// panic in another task that nobody observed is reported to the exception
// handler and makes Run return it as an error.
func Run[T any](aw Awaitable[T], opts ...Option) (T, error) {
	var zero T
	if err := awaitableErr(aw); err != nil {
		return zero, fmt.Errorf("aio: Run: %w", err)
	}
	c, ok := aw.(Coro[T])
	if !ok {
		// A future or task (e.g. Run(Gather(...))): the main task awaits it.
		c = awaitCoro(aw)
	}
	if insideLoop() {
		return zero, fmt.Errorf("aio: Run: cannot be called from a running event loop; await the coroutine instead: %w", ErrLoopRunning)
	}
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	l := NewLoop(opts...)
	l.baseCtx = cfg.ctx
	var taskOpts []TaskOption
	if cfg.mainName != "" {
		taskOpts = append(taskOpts, WithName(cfg.mainName))
	}
	main := spawnOn(l, c, taskOpts...)
	if main.Done() {
		l.Close()
		return main.Result()
	}
	main.fc.addCallback(stopper{l}, 0)
	if cfg.ctx != nil {
		l.baseDone = cfg.ctx.Done()
		l.onBaseDone = func() { main.Cancel(context.Cause(cfg.ctx).Error()) }
	}
	if err := l.RunForever(); err != nil {
		return zero, err
	}
	var stopErr error
	if !main.Done() {
		stopErr = errors.New("aio: Run: the loop stopped before the main coroutine finished")
		main.Cancel()
	}
	l.cancelAll()
	l.shutdownAsyncGens()
	main.fc.retrieved = true // Run hands main's outcome to its caller
	l.Close()
	v, err := main.Result()
	if stopErr != nil {
		err = stopErr
	}
	rethrow(err)
	if len(l.unobserved) > 0 {
		err = errors.Join(append([]error{err}, l.unobserved...)...)
	}
	return v, err
}

// cancelAll cancels every unfinished task and runs the loop until they have
// all finished (their cleanup may await), then reports the ones that failed
// with something other than cancellation, as asyncio.run's shutdown does.
func (l *Loop) cancelAll() {
	left := l.tasks.all()
	if len(left) == 0 {
		return
	}
	for _, r := range left {
		r.Cancel()
	}
	l.runUntilDone(left)
	for _, r := range left {
		if !r.fc.done() || r.fc.state == stateCancelled || r.err() == nil {
			continue
		}
		l.reportShutdownError(r, "unhandled exception during aio.Run() shutdown")
	}
}

// runUntilDone runs the loop until every task of rs has finished.
func (l *Loop) runUntilDone(rs []*Runner) {
	g := &allDone{l: l, n: len(rs)}
	for _, r := range rs {
		r.fc.addCallback(g, 0)
	}
	l.RunForever()
}

// shutdownAsyncGens closes, each in a task of its own and all at once, the
// async generators that were started but never finished, so their deferred
// cleanup runs before the loop closes: asyncio.run's shutdown_asyncgens.
// An error from a close goes to the exception handler.
func (l *Loop) shutdownAsyncGens() {
	gens := slices.Clone(l.asyncgens.gens)
	if len(gens) == 0 {
		return
	}
	slices.SortFunc(gens, func(a, b asyncGen) int { return cmp.Compare(*a.genStarted(), *b.genStarted()) })
	closers := make([]*Runner, len(gens))
	for i, g := range gens {
		closers[i] = &spawnOn(l, g.closeCoro()).Runner
	}
	l.runUntilDone(closers)
	for i, r := range closers {
		if !r.fc.done() || r.err() == nil {
			continue
		}
		l.reportShutdownError(r, "an error occurred during closing of asynchronous generator "+gens[i].String())
	}
}

// reportShutdownError hands the error of r, a task that failed while Run
// was shutting down, to the exception handler; a panic also fails Run.
func (l *Loop) reportShutdownError(r *Runner, msg string) {
	r.fc.retrieved = true
	if _, ok := r.err().(*PanicError); ok {
		l.unobserved = append(l.unobserved, r.err())
	}
	l.report(ExceptionContext{Message: msg, Err: r.err(), Task: r.task()})
}

// allDone counts down task completions and then stops the loop one
// iteration later, matching the extra hop of asyncio's gather future.
type allDone struct {
	l *Loop
	n int
}

func (g *allDone) invoke(*futureCore) {
	g.n--
	if g.n == 0 {
		g.l.ready.push(entry{c: stopper{g.l}})
	}
}
