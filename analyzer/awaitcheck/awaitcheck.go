// Package awaitcheck holds the analyzers for code that uses coroutine
// machinery from the wrong place: AIO180 (aio.Await outside an async body)
// and AIO150 (a goroutine or foreign callback inside async code touching
// loop-only APIs or the coroutine's variables).
package awaitcheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/asyncgo/asyncgo/analyzer/asyncfind"
	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// AwaitOutside reports aio.Await calls that are not directly in an async body.
var AwaitOutside = &analysis.Analyzer{
	Name:             "awaitoutside",
	Doc:              rule.AnalyzerDoc("report aio.Await outside async bodies (AIO180)", DocAwaitOutside),
	URL:              rule.URL("AIO180"),
	Requires:         []*analysis.Analyzer{inspect.Analyzer, rule.ParseAnalyzer},
	RunDespiteErrors: true,
	ResultType:       rule.OutcomeType,
	Run:              runAwaitOutside,
}

func runAwaitOutside(pass *analysis.Pass) (any, error) {
	rep := rule.NewReporter(pass, "AIO180")
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ins.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		call := n.(*ast.CallExpr)
		if !push || !asyncsyntax.IsAwait(pass.TypesInfo, call) {
			return true
		}
		var where string
		switch asyncfind.ClassifyAwait(pass.TypesInfo, stack[:len(stack)-1]) {
		case asyncfind.AwaitOK:
			return true
		case asyncfind.AwaitInPlainFunc:
			where = "in an ordinary function; make the function async (return aio.Async(func() (T, error) {...})) or run the coroutine with aio.Run at the program's entry point"
		case asyncfind.AwaitInFuncLit:
			where = "in a func literal that is not an async body; only a literal called by defer directly in the async body may await (return aio.Async(...) from the literal to make it a coroutine)"
		case asyncfind.AwaitInGoStmt:
			where = "in a go statement: the new goroutine is not a task of the loop; use aio.Spawn to run a coroutine concurrently"
		default:
			where = "outside any function"
		}
		rep.Report("AIO180", call, nil, "aio.Await %s", where)
		return true
	})
	return rep.Outcome(), nil
}

// GoroutineState reports goroutines and foreign callbacks started from async
// code that use the loop or write the coroutine's variables.
var GoroutineState = &analysis.Analyzer{
	Name:             "goroutinestate",
	Doc:              rule.AnalyzerDoc("report goroutines in async code that touch loop-only APIs or coroutine variables (AIO150)", DocGoroutineState),
	URL:              rule.URL("AIO150"),
	Requires:         []*analysis.Analyzer{asyncfind.Analyzer, rule.ParseAnalyzer},
	RunDespiteErrors: true,
	ResultType:       rule.OutcomeType,
	Run:              runGoroutineState,
}

// threadSafe lists the aio functions and methods that other goroutines may
// call: they construct values without touching a loop, or are the
// thread-safe entry point itself. Everything else in aio is loop-only.
var threadSafe = map[string]bool{
	"CallSoonThreadsafe": true, "Run": true, "Async": true, "Await": true, // Await is AIO180's business
	"Sleep": true, "Yield": true, "NewFuture": true, "NewLoop": true, "IsCancelled": true,
	"AwaitBegin": true, "AwaitEnd": true, "Error": true, "Is": true, "Unwrap": true, "String": true,
}

// isThreadSafe reports whether another goroutine may call fn: the listed
// names, the *Threadsafe variants (Future.SetResultThreadsafe, ...), Call,
// the entry point from plain goroutines into a loop, and plain
// constructors and options (NewQueue, NewLock, WithName, ...), which build
// values without touching any loop.
func isThreadSafe(fn *types.Func) bool {
	name := fn.Name()
	if threadSafe[name] || strings.HasSuffix(name, "Threadsafe") {
		return true
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() == nil {
		switch {
		case name == "Call", name == "RunLoops", name == "InGroup",
			strings.HasPrefix(name, "New"),
			strings.HasPrefix(name, "With"):
			return true
		}
	}
	return false
}

func runGoroutineState(pass *analysis.Pass) (any, error) {
	rep := rule.NewReporter(pass, "AIO150")
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	for _, b := range res.Bodies {
		// The coroutine's state: variables declared in the async function
		// (parameters included) or, for a closure, in its literal.
		var scope ast.Node = b.Lit
		if b.Decl != nil {
			scope = b.Decl
		}
		asyncfind.WalkBody(b, func(n ast.Node, stack []ast.Node) bool {
			var lit *ast.FuncLit
			var what string
			switch n := n.(type) {
			case *ast.GoStmt:
				lit, _ = ast.Unparen(n.Call.Fun).(*ast.FuncLit)
				what = "goroutine"
			case *ast.CallExpr:
				if fn := aiotypes.Callee(pass.TypesInfo, n); fn != nil && aiotypes.Key(fn) == "time.AfterFunc" && len(n.Args) == 2 {
					lit, _ = ast.Unparen(n.Args[1]).(*ast.FuncLit)
					what = "time.AfterFunc callback"
				}
			}
			if lit != nil {
				checkForeign(pass, rep, b, scope, lit, what)
			}
			return true
		})
	}
	return rep.Outcome(), nil
}

// checkForeign reports loop-only calls and coroutine-variable writes in lit,
// which runs on another goroutine.
func checkForeign(pass *analysis.Pass, rep *rule.Reporter, b *asyncfind.Body, scope ast.Node, lit *ast.FuncLit, what string) {
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if asyncsyntax.AsyncBody(pass.TypesInfo, n) != nil {
				return false // building a coroutine is harmless; its body is checked on its own
			}
			fn := aiotypes.Callee(pass.TypesInfo, n)
			if fn != nil && aiotypes.IsAio(fn) && fn.Name() == "CallSoonThreadsafe" {
				return false // its callback runs on the loop
			}
			if fn != nil && aiotypes.IsAio(fn) && !isThreadSafe(fn) {
				fix := "hand the work back with loop.CallSoonThreadsafe or await aio.ToThread instead of a goroutine"
				if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
					if alt, _, _ := types.LookupFieldOrMethod(sig.Recv().Type(), true, fn.Pkg(), fn.Name()+"Threadsafe"); alt != nil {
						fix = "call " + fn.Name() + "Threadsafe instead, which hands the call to the loop"
					}
				}
				rep.Report("AIO150", n, nil, "%s started in %s calls %s, which only the loop's goroutine may call; %s", what, b.Name(), aiotypes.Short(fn, nil), fix)
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				return true
			}
			for _, lhs := range n.Lhs {
				reportWrite(pass, rep, b, scope, lit, lhs, what)
			}
		case *ast.IncDecStmt:
			reportWrite(pass, rep, b, scope, lit, n.X, what)
		}
		return true
	})
}

func reportWrite(pass *analysis.Pass, rep *rule.Reporter, b *asyncfind.Body, scope ast.Node, lit *ast.FuncLit, lhs ast.Expr, what string) {
	id := rootVar(pass.TypesInfo, lhs)
	if id == nil {
		return
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Pkg() != pass.Pkg || v.Parent() == v.Pkg().Scope() {
		return
	}
	if p := v.Pos(); p < scope.Pos() || p >= scope.End() || (p >= lit.Pos() && p < lit.End()) {
		return // not the coroutine's, or the goroutine's own
	}
	rep.Report("AIO150", lhs, nil, "%s started in %s writes %s, a variable of the coroutine: this races with the task, which keeps running; return the value through aio.ToThread's result, or a loop.CallSoonThreadsafe callback", what, b.Name(), id.Name)
}

// rootVar returns the variable an assignment target writes into when the
// write lands in that variable's own storage: x, x.f (struct value), x[i]
// (array value or map). Writes through pointers and slices land in memory
// the coroutine shares on purpose (often one element per goroutine) and are
// not reported.
func rootVar(info *types.Info, e ast.Expr) *ast.Ident {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			if x.Name == "_" {
				return nil
			}
			return x
		case *ast.SelectorExpr:
			t := info.TypeOf(x.X)
			if t == nil {
				return nil
			}
			if _, ptr := t.Underlying().(*types.Pointer); ptr {
				return nil
			}
			if _, isPkg := info.Uses[identOf(x.X)].(*types.PkgName); isPkg {
				return nil
			}
			e = x.X
		case *ast.IndexExpr:
			t := info.TypeOf(x.X)
			if t == nil {
				return nil
			}
			switch t.Underlying().(type) {
			case *types.Map:
				return identOf(x.X)
			case *types.Array:
				e = x.X
			default:
				return nil
			}
		default:
			return nil
		}
	}
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// DocAwaitOutside documents AIO180.
var DocAwaitOutside = rule.Doc{
	ID:    "AIO180",
	Title: "aio.Await outside an async body",
	Why: "aio.Await suspends the current coroutine, so it is only meaningful directly inside an aio.Async literal " +
		"(or in a func literal called by defer directly there, the async-cleanup form). In an ordinary function, " +
		"a nested func literal or a go statement there is no coroutine to suspend: the generator rejects the code " +
		"and the source build fails at run time.",
	Bad: `func Total(c aio.Coro[int]) int {
	v, _ := aio.Await(c)
	return v
}`,
	Good: `func Total(c aio.Coro[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(c)
	})
}`,
}

// DocGoroutineState documents AIO150.
var DocGoroutineState = rule.Doc{
	ID:    "AIO150",
	Title: "goroutine touches coroutine state",
	Why: "A go statement (or a time.AfterFunc callback) inside async code runs on another goroutine while the task " +
		"keeps running on the loop. Calling loop-only aio APIs there (Spawn, Future.SetResult, Task.Cancel, " +
		"loop.CallSoon, ...) or assigning the coroutine's variables races with the loop. Use aio.ToThread and its " +
		"result, or loop.CallSoonThreadsafe (Future.SetResultThreadsafe) to hand a result back. The thread-safe entry " +
		"points (the *Threadsafe methods, aio.Call) and plain constructors (aio.NewQueue, aio.NewLock, ...) are " +
		"fine anywhere. Awaits in a go statement are AIO180.",
	Bad: `return aio.Async(func() (int, error) {
	fut := aio.NewFuture[int]()
	n := 0
	go func() {
		n = compute()
		fut.SetResult(n)
	}()
	return aio.Await(fut)
})`,
	Good: `return aio.Async(func() (int, error) {
	return aio.Await(aio.ToThread(func(context.Context) (int, error) {
		return compute(), nil
	}))
})`,
}
