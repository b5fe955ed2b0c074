// Package semantics holds default-on rules about what async code means
// rather than what it blocks on: AIO100 (a timeout around work that never
// awaits, so the deadline cannot interrupt it), AIO110 (a loop that only
// sleeps while it polls a condition), AIO116 (a sleep of more than a day
// standing for "forever") and AIO190 (a coroutine awaited a second time).
package semantics

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/asyncgo/asyncgo/analyzer/asyncfind"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

func newAnalyzer(name, summary string, doc rule.Doc, run func(*analysis.Pass, *rule.Reporter)) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:             name,
		Doc:              rule.AnalyzerDoc(summary, doc),
		URL:              rule.URL(doc.ID),
		Requires:         []*analysis.Analyzer{asyncfind.Analyzer, rule.ParseAnalyzer, inspect.Analyzer},
		RunDespiteErrors: true,
		ResultType:       rule.OutcomeType,
		Run: func(pass *analysis.Pass) (any, error) {
			rep := rule.NewReporter(pass, doc.ID)
			run(pass, rep)
			return rep.Outcome(), nil
		},
	}
}

// The analyzers.
var (
	TimeoutNoAwait = newAnalyzer("timeoutnoawait", "report timeouts around coroutines that never await, which the deadline cannot interrupt (AIO100)", DocTimeoutNoAwait, runTimeoutNoAwait)
	BusyWait       = newAnalyzer("busywait", "report loops that only sleep while polling a condition (AIO110)", DocBusyWait, runBusyWait)
	LongSleep      = newAnalyzer("longsleep", "report aio.Sleep of more than a day standing for \"forever\" (AIO116)", DocLongSleep, runLongSleep)
	CoroReuse      = newAnalyzer("cororeuse", "report coroutines awaited or spawned a second time (AIO190)", DocCoroReuse, runCoroReuse)
)

// awaitArg returns x when call is aio.Await(x), or nil.
func awaitArg(info *types.Info, call *ast.CallExpr) ast.Expr {
	if !asyncsyntax.IsAwait(info, call) || len(call.Args) != 1 {
		return nil
	}
	return call.Args[0]
}

// checkpoints decides whether code can suspend: whether it contains an await
// that gives the loop (and so a deadline) a chance to run.
type checkpoints struct {
	pass *analysis.Pass
	res  *asyncfind.Result
}

func newCheckpoints(pass *analysis.Pass) *checkpoints {
	return &checkpoints{pass: pass, res: pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)}
}

// in reports whether body contains an await that may suspend, counting the
// code that runs in place (deferred calls, closures called where they stand)
// but not func literals that only run elsewhere or later. Awaiting a
// coroutine literal that itself never awaits runs it inline without
// suspending, so it is not a checkpoint.
func (c *checkpoints) in(body ast.Node, depth int) bool {
	found := false
	c.res.Walk(body, func(n ast.Node, _ []ast.Node) bool {
		if found {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if arg := awaitArg(c.pass.TypesInfo, call); arg != nil {
			if _, inline := c.inlineNoAwait(arg, depth+1); !inline {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// inlineNoAwait reports whether e is a coroutine built here from an
// aio.Async literal that never awaits (possibly wrapped in aio.Timeout,
// aio.TimeoutAt or aio.TimeoutScopeAt, or held by a local variable bound
// once to one), and returns that literal. A call of an async function is
// not: what it does is not visible here.
func (c *checkpoints) inlineNoAwait(e ast.Expr, depth int) (*ast.FuncLit, bool) {
	if depth > 8 {
		return nil, false
	}
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			return nil, false
		}
		if e = c.res.Bindings.Value(v); e == nil {
			return nil, false
		}
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return nil, false
	}
	info := c.pass.TypesInfo
	if lit := asyncsyntax.AsyncBody(info, call); lit != nil {
		return lit, !c.in(lit.Body, depth)
	}
	switch {
	case (asyncsyntax.IsAioFunc(info, call, "Timeout") || asyncsyntax.IsAioFunc(info, call, "TimeoutAt")) && len(call.Args) == 2:
		return c.inlineNoAwait(call.Args[1], depth+1)
	case asyncsyntax.IsAioFunc(info, call, "TimeoutScopeAt") && len(call.Args) == 2:
		return c.scopeBodyNoAwait(call.Args[1], depth+1)
	}
	return nil, false
}

// scopeBodyNoAwait reports whether fn, the body func of aio.TimeoutScopeAt,
// is a func literal whose every return hands back a coroutine that never
// awaits; it returns the last such coroutine's literal.
func (c *checkpoints) scopeBodyNoAwait(fn ast.Expr, depth int) (*ast.FuncLit, bool) {
	fn = ast.Unparen(fn)
	if id, ok := fn.(*ast.Ident); ok {
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
			fn = c.res.Bindings.Value(v)
		}
	}
	lit, ok := fn.(*ast.FuncLit)
	if !ok {
		return nil, false
	}
	var last *ast.FuncLit
	all := true
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				all = false
				return false
			}
			l, ok := c.inlineNoAwait(n.Results[0], depth)
			if !ok {
				all = false
			}
			last = l
			return false
		}
		return all
	})
	return last, all && last != nil
}

func runTimeoutNoAwait(pass *analysis.Pass, rep *rule.Reporter) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cp := newCheckpoints(pass)
	info := pass.TypesInfo
	ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		if len(call.Args) != 2 {
			return
		}
		var name string
		var ok bool
		switch {
		case asyncsyntax.IsAioFunc(info, call, "Timeout"):
			name = "aio.Timeout"
			_, ok = cp.inlineNoAwait(call.Args[1], 0)
		case asyncsyntax.IsAioFunc(info, call, "TimeoutAt"):
			name = "aio.TimeoutAt"
			_, ok = cp.inlineNoAwait(call.Args[1], 0)
		case asyncsyntax.IsAioFunc(info, call, "TimeoutScopeAt"):
			name = "aio.TimeoutScopeAt"
			_, ok = cp.scopeBodyNoAwait(call.Args[1], 0)
		case asyncsyntax.IsAioFunc(info, call, "WaitFor"):
			// A time limit of zero or less cancels the task before it
			// starts: that deadline does take effect.
			if tv, known := info.Types[call.Args[1]]; known && tv.Value != nil && constant.Sign(tv.Value) <= 0 {
				return
			}
			name = "aio.WaitFor"
			_, ok = cp.inlineNoAwait(call.Args[0], 0)
		default:
			return
		}
		if !ok {
			return
		}
		rep.Report("AIO100", call.Fun, nil, "the coroutine under %s never awaits, so the deadline can never interrupt it: a timeout only takes effect at an await; await inside it, offload synchronous work with aio.ToThread, or drop the timeout", name)
	})
}

// isSleep reports whether call is aio.Sleep(...) or aio.Yield() with no
// await in its argument.
func isSleep(info *types.Info, call *ast.CallExpr) bool {
	if asyncsyntax.IsAioFunc(info, call, "Yield") {
		return true
	}
	return asyncsyntax.IsAioFunc(info, call, "Sleep") && len(call.Args) == 1 && !hasAwait(info, call.Args[0])
}

// hasAwait reports whether n contains an aio.Await call (outside func
// literals).
func hasAwait(info *types.Info, n ast.Node) bool {
	if n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if asyncsyntax.IsAwait(info, n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// sleepAwait reports whether e is aio.Await(aio.Sleep(d)) or
// aio.Await(aio.Yield()).
func sleepAwait(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	arg := awaitArg(info, call)
	if arg == nil {
		return false
	}
	inner, ok := ast.Unparen(arg).(*ast.CallExpr)
	return ok && isSleep(info, inner)
}

// isExit reports whether s leaves the loop: break, return, goto or panic.
func isExit(info *types.Info, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.BranchStmt:
		return s.Tok == token.BREAK || s.Tok == token.GOTO
	case *ast.ReturnStmt:
		return !hasAwait(info, s)
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		b, ok := info.Uses[id].(*types.Builtin)
		return ok && b.Name() == "panic"
	}
	return false
}

// exitCheck reports whether s is `if cond { exit }` (with an optional init)
// with no await and no else: a test of the polled condition.
func exitCheck(info *types.Info, s ast.Stmt) bool {
	ifs, ok := s.(*ast.IfStmt)
	if !ok || ifs.Else != nil || len(ifs.Body.List) != 1 || !isExit(info, ifs.Body.List[0]) {
		return false
	}
	return !hasAwait(info, ifs.Init) && !hasAwait(info, ifs.Cond)
}

// sleepStmt reports whether s only awaits a sleep (or a yield), possibly
// checking its error: `aio.Await(aio.Sleep(d))`, `_, err = ...`, or
// `if _, err := ...; err != nil { return ... }`.
func sleepStmt(info *types.Info, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ExprStmt:
		return sleepAwait(info, s.X)
	case *ast.AssignStmt:
		if len(s.Rhs) != 1 || !sleepAwait(info, s.Rhs[0]) {
			return false
		}
		for _, l := range s.Lhs {
			if _, ok := l.(*ast.Ident); !ok {
				return false
			}
		}
		return true
	case *ast.IfStmt:
		if s.Init == nil || !sleepStmt(info, s.Init) || s.Else != nil || len(s.Body.List) != 1 || !isExit(info, s.Body.List[0]) {
			return false
		}
		return !hasAwait(info, s.Cond)
	}
	return false
}

// busyWait reports whether loop only sleeps while it polls: no post
// statement, no await in its condition, and a body made of exactly one
// sleep statement plus `if cond { break/return }` checks.
func busyWait(info *types.Info, loop *ast.ForStmt) bool {
	if loop.Post != nil || hasAwait(info, loop.Init) || hasAwait(info, loop.Cond) {
		return false
	}
	sleeps := 0
	for _, s := range loop.Body.List {
		switch {
		case sleepStmt(info, s):
			sleeps++
		case exitCheck(info, s):
		default:
			return false
		}
	}
	return sleeps == 1
}

func runBusyWait(pass *analysis.Pass, rep *rule.Reporter) {
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	for _, b := range res.Bodies {
		asyncfind.WalkBody(b, func(n ast.Node, stack []ast.Node) bool {
			loop, ok := n.(*ast.ForStmt)
			if !ok || !busyWait(pass.TypesInfo, loop) {
				return true
			}
			rep.ReportRange("AIO110", loop.For, loop.For+3, nil, "this loop in %s only sleeps while it polls a condition (busy-wait): it wakes up for nothing and reacts late; wait on an aio.Event (or a future) set by the code that changes the condition", b.Name())
			return true
		})
	}
}

// day is the sleep beyond which AIO116 reports.
const day = 24 * time.Hour

func runLongSleep(pass *analysis.Pass, rep *rule.Reporter) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	limit := constant.MakeInt64(int64(day))
	ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		if !asyncsyntax.IsAioFunc(pass.TypesInfo, call, "Sleep") || len(call.Args) != 1 {
			return
		}
		tv, ok := pass.TypesInfo.Types[call.Args[0]]
		if !ok || tv.Value == nil {
			return
		}
		val := constant.ToInt(tv.Value) // 1e18 is an integer duration too
		if val.Kind() != constant.Int || !constant.Compare(val, token.GTR, limit) {
			return
		}
		d := "more than a day"
		if v, exact := constant.Int64Val(val); exact {
			d = time.Duration(v).String()
		}
		rep.Report("AIO116", call, nil, "this aio.Sleep lasts %s, more than a day, which usually stands for \"forever\": await something that never completes instead (an aio.Event nobody sets, or a future nobody resolves); under aio.WithVirtualClock a long sleep ends at once", d)
	})
}
