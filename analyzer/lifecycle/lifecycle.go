// Package lifecycle holds the analyzers for coroutines, futures and tasks
// whose results are dropped: AIO105/AIO301 (unawaited coroutine or
// awaitable) and AIO300 (dangling task).
package lifecycle

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/asyncgo/asyncgo/analyzer/asyncfind"
	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
)

// Unawaited reports coroutines and awaitables that are created and dropped.
var Unawaited = &analysis.Analyzer{
	Name:             "unawaited",
	Doc:              rule.AnalyzerDoc("report coroutines and awaitables that are never awaited (AIO105, AIO301)", DocUnawaitedCoro, DocUnawaitedAwaitable),
	URL:              rule.URL("AIO105"),
	Requires:         []*analysis.Analyzer{inspect.Analyzer, rule.ParseAnalyzer},
	RunDespiteErrors: true,
	ResultType:       rule.OutcomeType,
	Run:              func(pass *analysis.Pass) (any, error) { return run(pass, "AIO105", "AIO301") },
}

// Dangling reports aio.Spawn results (tasks) that are dropped.
var Dangling = &analysis.Analyzer{
	Name:             "danglingtask",
	Doc:              rule.AnalyzerDoc("report tasks whose *aio.Task is dropped (AIO300)", DocDangling),
	URL:              rule.URL("AIO300"),
	Requires:         []*analysis.Analyzer{inspect.Analyzer, rule.ParseAnalyzer},
	RunDespiteErrors: true,
	ResultType:       rule.OutcomeType,
	Run:              func(pass *analysis.Pass) (any, error) { return run(pass, "AIO300") },
}

// dropped returns the call whose value a statement discards: `f()` as a
// statement, `_ = f()`, and `go f()` / `defer f()`; or whose value an
// expression only compares: `aio.Spawn(c) != nil` tests the handle and
// drops it (flake8-async's ASYNC300 reports `1 if create_task(c) else 2`).
func dropped(n ast.Node) *ast.CallExpr {
	var e ast.Expr
	switch n := n.(type) {
	case *ast.BinaryExpr:
		if n.Op != token.EQL && n.Op != token.NEQ {
			return nil
		}
		for _, x := range []ast.Expr{n.X, n.Y} {
			if call, ok := ast.Unparen(x).(*ast.CallExpr); ok {
				return call
			}
		}
		return nil
	case *ast.ExprStmt:
		e = n.X
	case *ast.AssignStmt:
		if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
			if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
				e = n.Rhs[0]
			}
		}
	case *ast.GoStmt:
		e = n.Call
	case *ast.DeferStmt:
		e = n.Call
	}
	call, _ := ast.Unparen(e).(*ast.CallExpr)
	return call
}

func run(pass *analysis.Pass, ids ...string) (any, error) {
	rep := rule.NewReporter(pass, ids...)
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	filter := []ast.Node{(*ast.ExprStmt)(nil), (*ast.AssignStmt)(nil), (*ast.GoStmt)(nil), (*ast.DeferStmt)(nil), (*ast.BinaryExpr)(nil)}
	ins.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		call := dropped(n)
		if call == nil {
			return true
		}
		t := pass.TypesInfo.TypeOf(call)
		if t == nil {
			return true
		}
		if _, isTuple := t.(*types.Tuple); isTuple {
			return true
		}
		name := describe(pass, call)
		switch {
		case aiotypes.AioNamed(t) == "Task":
			if inGroup(pass, call) {
				return true // the TaskGroup keeps and awaits its children
			}
			rep.Report("AIO300", call, nil, "the task started by %s is dropped: its error and panic are never observed and nothing can cancel or await it; keep the *aio.Task and await it (or use a TaskGroup)", name)
		case aiotypes.AioNamed(t) == "Coro":
			rep.Report("AIO105", call, awaitFix(pass, call, n, stack), "the coroutine returned by %s is never awaited, so its body never runs; await it with aio.Await, or start it with aio.Spawn and keep the task", name)
		case aiotypes.IsAwaitable(t):
			rep.Report("AIO301", call, awaitFix(pass, call, n, stack), "the %s returned by %s is never awaited: %s; await it with aio.Await", typeName(t), name, lost(t))
		}
		return true
	})
	storedUnused(pass, rep)
	return rep.Outcome(), nil
}

// storedUnused reports coroutines and awaitables that are stored in a
// local variable and then only ever discarded (`c := Work(); _ = c`, or the
// value variable of a range over a literal of them): the variable exists,
// but the value is never awaited, spawned, passed or returned. Parameters
// are the caller's business and are not considered.
func storedUnused(pass *analysis.Pass, rep *rule.Reporter) {
	info := pass.TypesInfo
	blank := map[*ast.Ident]bool{} // v in `_ = v` (and `_, _ = v, w`)
	defs := map[*types.Var]ast.Node{}
	def := func(id *ast.Ident, at ast.Node) {
		if v, ok := info.Defs[id].(*types.Var); ok && v.Pkg() == pass.Pkg && v.Parent() != pass.Pkg.Scope() {
			defs[v] = at
		}
	}
	fresh := func(e ast.Expr) (*ast.CallExpr, bool) {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return call, ok
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
						if r, ok := ast.Unparen(n.Rhs[i]).(*ast.Ident); ok {
							blank[r] = true
						}
					} else if ok && n.Tok == token.DEFINE {
						if call, ok := fresh(n.Rhs[i]); ok {
							def(id, call)
						}
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, id := range n.Names {
						if call, ok := fresh(n.Values[i]); ok {
							def(id, call)
						}
					}
				}
			case *ast.RangeStmt:
				if id, ok := n.Value.(*ast.Ident); ok && n.Tok == token.DEFINE {
					if _, lit := ast.Unparen(n.X).(*ast.CompositeLit); lit {
						def(id, id)
					}
				}
			}
			return true
		})
	}
	if len(defs) == 0 {
		return
	}
	used := map[*types.Var]bool{}
	for id, obj := range info.Uses {
		if v, ok := obj.(*types.Var); ok && defs[v] != nil && !blank[id] {
			used[v] = true
		}
	}
	var vars []*types.Var
	for v := range defs {
		if !used[v] {
			vars = append(vars, v)
		}
	}
	sort.Slice(vars, func(i, j int) bool { return vars[i].Pos() < vars[j].Pos() })
	for _, v := range vars {
		at := defs[v]
		t := v.Type()
		switch {
		case aiotypes.AioNamed(t) == "Task":
			// A spawned task runs anyway; keeping its handle in a variable
			// is taken as deliberate, as is `_ = t`.
		case aiotypes.AioNamed(t) == "Coro":
			rep.Report("AIO105", at, nil, "the coroutine stored in %s is never awaited, so its body never runs; await it with aio.Await, or start it with aio.Spawn and keep the task", v.Name())
		case aiotypes.IsAwaitable(t):
			rep.Report("AIO301", at, nil, "the %s stored in %s is never awaited: %s; await it with aio.Await", typeName(t), v.Name(), lost(t))
		}
	}
}

// lost says what dropping an awaitable of type t loses.
func lost(t types.Type) string {
	switch aiotypes.AioNamed(t) {
	case "SleepOp", "YieldOp":
		return "on its own it does not suspend anything"
	case "GenNext", "GenYield", "GenClose", "QueueGet", "QueuePut", "QueueJoin", "LockAcquire", "SemaphoreAcquire", "EventWait", "CondWait", "RecvOp", "SendOp", "ContextOp":
		return "the operation only happens when it is awaited"
	}
	return "its result and error are lost"
}

// inGroup reports whether call is aio.Spawn with an option other than
// aio.WithName: aio.InGroup(g) hands the task to a TaskGroup, which awaits
// it and reports its failure, so dropping the handle is the normal way to
// start a child (asyncio's tg.create_task). Options that are not plain
// calls (a variable, opts...) may well hold InGroup too.
func inGroup(pass *analysis.Pass, call *ast.CallExpr) bool {
	fn := aiotypes.Callee(pass.TypesInfo, call)
	if fn == nil || !aiotypes.IsAio(fn) || fn.Name() != "Spawn" {
		return false
	}
	if call.Ellipsis.IsValid() {
		return true
	}
	for _, opt := range call.Args[1:] {
		c, ok := ast.Unparen(opt).(*ast.CallExpr)
		if !ok {
			return true
		}
		if f := aiotypes.Callee(pass.TypesInfo, c); f == nil || !aiotypes.IsAio(f) || f.Name() != "WithName" {
			return true
		}
	}
	return false
}

func typeName(t types.Type) string {
	if n := aiotypes.AioNamed(t); n != "" {
		if _, ptr := t.(*types.Pointer); ptr {
			return "*aio." + n
		}
		return "aio." + n
	}
	return types.TypeString(t, func(*types.Package) string { return "" })
}

func describe(pass *analysis.Pass, call *ast.CallExpr) string {
	if fn := aiotypes.Callee(pass.TypesInfo, call); fn != nil {
		return aiotypes.Short(fn, pass.Pkg)
	}
	return "this call"
}

// awaitFix wraps a dropped awaitable expression statement in aio.Await. It
// is offered only where Await is legal (directly in an async body or in a
// deferred literal there) and only for plain expression statements: for `_ =
// x` the author said "drop", and for go/defer awaiting changes timing.
func awaitFix(pass *analysis.Pass, call *ast.CallExpr, stmt ast.Node, stack []ast.Node) []analysis.SuggestedFix {
	if _, ok := stmt.(*ast.ExprStmt); !ok {
		return nil
	}
	path := append(append([]ast.Node(nil), stack...), call)
	if asyncfind.ClassifyAwait(pass.TypesInfo, path) != asyncfind.AwaitOK {
		return nil
	}
	file, _ := stack[0].(*ast.File)
	if file == nil {
		return nil
	}
	aio := aiotypes.AioImportName(file)
	if aio == "" {
		return nil
	}
	await := aiotypes.Qualify(aio, "Await")
	return []analysis.SuggestedFix{{
		Message: "Await it: " + await + "(...)",
		TextEdits: []analysis.TextEdit{
			{Pos: call.Pos(), End: call.Pos(), NewText: []byte(await + "(")},
			{Pos: call.End(), End: call.End(), NewText: []byte(")")},
		},
	}}
}

// DocUnawaitedCoro documents AIO105.
var DocUnawaitedCoro = rule.Doc{
	ID:    "AIO105",
	Title: "coroutine is never awaited",
	Why: "Calling an async function only builds a coroutine: nothing runs until it is awaited or spawned. A call " +
		"used as a statement (or assigned to _, or stored in a variable that is then only discarded) silently does " +
		"nothing, the classic \"coroutine was never awaited\" bug. The suggested fix wraps the call in aio.Await where awaiting is legal; use aio.Spawn and keep the " +
		"task instead when it should run concurrently.",
	Bad: `return aio.Async(func() (int, error) {
	SendEmail(user) // builds a coroutine and drops it
	return 0, nil
})`,
	Good: `return aio.Async(func() (int, error) {
	if _, err := aio.Await(SendEmail(user)); err != nil {
		return 0, err
	}
	return 0, nil
})`,
}

// DocUnawaitedAwaitable documents AIO301.
var DocUnawaitedAwaitable = rule.Doc{
	ID:    "AIO301",
	Title: "awaitable result is never awaited",
	Why: "A future, a gather, a shield or a sleep that is created and dropped loses its result and its error: " +
		"aio.Sleep(d) on its own does not sleep, and a failed aio.Gather is never noticed. Await it. The suggested " +
		"fix wraps the call in aio.Await where awaiting is legal.",
	Bad: `return aio.Async(func() (int, error) {
	aio.Sleep(time.Second) // does not sleep
	aio.Gather(a, b)       // errors are lost
	return 0, nil
})`,
	Good: `return aio.Async(func() (int, error) {
	if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
		return 0, err
	}
	_, err := aio.Await(aio.Gather(a, b))
	return 0, err
})`,
}

// DocDangling documents AIO300.
var DocDangling = rule.Doc{
	ID:    "AIO300",
	Title: "task result dropped (dangling task)",
	Why: "aio.Spawn schedules a coroutine as a task and returns the only handle on it. Dropping the *aio.Task means " +
		"its error (or panic) can never be observed and nothing can cancel or await it; the loop may even cancel it " +
		"at shutdown before it finishes. Keep the task and await it, or run children in a TaskGroup: a task spawned " +
		"with aio.InGroup(g) belongs to the group, which awaits it and reports its failure, so dropping that handle " +
		"is fine (as is any Spawn whose options the analysis cannot see, such as opts...). A handle stored anywhere " +
		"(a variable, field, map, channel, argument or result) is kept; one that is only compared " +
		"(`if aio.Spawn(c) != nil`) is dropped.",
	Bad: `return aio.Async(func() (int, error) {
	aio.Spawn(Refresh(cache))
	return 0, nil
})`,
	Good: `return aio.Async(func() (int, error) {
	t := aio.Spawn(Refresh(cache))
	// ... other work ...
	_, err := aio.Await(t)
	return 0, err
})`,
}
