// Package optin holds rules that are off unless enabled with the analyzer's
// -enable flag, because legitimate code triggers them often enough that they
// suit a style pass better than a safety net: AIO124 (async function that
// never awaits), AIO913 (unbounded loop with an await-free path), AIO115
// (aio.Sleep(0) instead of aio.Yield()) and AIO109 (async function taking a
// timeout parameter).
package optin

import (
	"go/ast"
	"go/constant"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/asyncgo/asyncgo/analyzer/asyncfind"
	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

func optIn(name, summary string, doc rule.Doc, run func(*analysis.Pass, *rule.Reporter)) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:             name,
		Doc:              rule.AnalyzerDoc(summary, doc),
		URL:              rule.URL(doc.ID),
		Requires:         []*analysis.Analyzer{asyncfind.Analyzer, rule.ParseAnalyzer, inspect.Analyzer},
		RunDespiteErrors: true,
		ResultType:       rule.OutcomeType,
	}
	enable := a.Flags.Bool("enable", false, "enable "+doc.ID+" (opt-in)")
	a.Run = func(pass *analysis.Pass) (any, error) {
		rep := rule.NewReporter(pass, rule.Enabled(*enable, doc)...)
		if *enable {
			run(pass, rep)
		}
		return rep.Outcome(), nil
	}
	return a
}

// The opt-in analyzers.
var (
	NoAwait      = optIn("noawait", "report async functions that never await (AIO124, opt-in)", DocNoAwait, runNoAwait)
	BusyLoop     = optIn("busyloop", "report unbounded loops in async code with a path that never awaits (AIO913, opt-in)", DocBusyLoop, runBusyLoop)
	SleepZero    = optIn("sleepzero", "report aio.Sleep(0) where aio.Yield() says it (AIO115, opt-in)", DocSleepZero, runSleepZero)
	TimeoutParam = optIn("timeoutparam", "report async functions that take a timeout or deadline parameter (AIO109, opt-in)", DocTimeoutParam, runTimeoutParam)
)

// awaits reports whether n contains an await that runs as part of it.
func awaits(pass *analysis.Pass, n ast.Node) bool {
	found := false
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	res.Walk(n, func(n ast.Node, _ []ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && asyncsyntax.IsAwait(pass.TypesInfo, call) {
			found = true
		}
		return !found
	})
	return found
}

func runNoAwait(pass *analysis.Pass, rep *rule.Reporter) {
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	for _, b := range res.Bodies {
		if b.Decl == nil || b.Decl.Recv != nil || stub(b.Lit.Body) || awaits(pass, b.Lit.Body) {
			continue
		}
		rep.Report("AIO124", b.Decl.Name, nil, "async function %s never awaits: it runs to completion in one step, so making it async only adds a task switch and forces callers to await; make it an ordinary function", b.Decl.Name.Name)
	}
}

// stub reports whether an async body only returns zero values (`return 0,
// nil`, `return struct{}{}, nil`): a placeholder, flake8-async's empty
// `...`/`pass` function, which ASYNC124 leaves alone.
func stub(body *ast.BlockStmt) bool {
	if len(body.List) != 1 {
		return false
	}
	ret, ok := body.List[0].(*ast.ReturnStmt)
	if !ok {
		return false
	}
	for _, r := range ret.Results {
		switch r := ast.Unparen(r).(type) {
		case *ast.Ident:
			if r.Name != "nil" && r.Name != "false" {
				return false
			}
		case *ast.BasicLit:
			if r.Value != "0" && r.Value != `""` && r.Value != "``" && r.Value != "0.0" {
				return false
			}
		case *ast.CompositeLit:
			if len(r.Elts) != 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// breaks reports whether loop contains a break that leaves it: an
// unlabelled one not inside a nested for, switch or select (or func
// literal), or one naming the loop's label.
func breaks(loop *ast.ForStmt, label *ast.Ident) bool {
	found := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found || m == nil {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if m != ast.Node(loop) && !nested {
					walk(m, true)
					return false
				}
			case *ast.BranchStmt:
				if m.Tok == token.BREAK && ((m.Label == nil && !nested) || (m.Label != nil && label != nil && m.Label.Name == label.Name)) {
					found = true
				}
			}
			return true
		})
	}
	walk(loop.Body, false)
	return found
}

func runBusyLoop(pass *analysis.Pass, rep *rule.Reporter) {
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	for _, b := range res.Bodies {
		var loops []*ast.ForStmt
		asyncfind.WalkBody(b, func(n ast.Node, stack []ast.Node) bool {
			f, ok := n.(*ast.ForStmt)
			if !ok || f.Cond != nil {
				return true
			}
			var label *ast.Ident
			if len(stack) > 0 {
				if l, ok := stack[len(stack)-1].(*ast.LabeledStmt); ok {
					label = l.Label
				}
			}
			// A loop with a break is not indefinite: as in flake8-async,
			// whether its exit path awaits is ASYNC910's question.
			if !breaks(f, label) {
				loops = append(loops, f)
			}
			return true
		})
		if len(loops) == 0 {
			continue
		}
		g := cfg.New(b.Lit.Body, func(*ast.CallExpr) bool { return true })
		awaitBlock := map[*cfg.Block]bool{}
		for _, blk := range g.Blocks {
			for _, n := range blk.Nodes {
				if _, deferred := n.(*ast.DeferStmt); !deferred && awaits(pass, n) {
					awaitBlock[blk] = true
				}
			}
		}
		for _, loop := range loops {
			// With no condition, the loop's body block is the target of the
			// back edge; find whether it can reach itself avoiding awaits.
			var head *cfg.Block
			for _, blk := range g.Blocks {
				if blk.Stmt == loop && blk.Kind == cfg.KindForBody {
					head = blk
				}
			}
			if head == nil || awaitBlock[head] || !cycleWithoutAwait(head, awaitBlock) {
				continue
			}
			rep.ReportRange("AIO913", loop.For, loop.For+3, nil, "unbounded loop in %s has a path that never awaits: while it spins on that path no other task runs; await on every iteration (aio.Yield() at least)", b.Name())
		}
	}
}

func cycleWithoutAwait(head *cfg.Block, awaitBlock map[*cfg.Block]bool) bool {
	seen := map[*cfg.Block]bool{}
	stack := append([]*cfg.Block(nil), head.Succs...)
	for len(stack) > 0 {
		blk := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if blk == head {
			return true
		}
		if seen[blk] || awaitBlock[blk] {
			continue
		}
		seen[blk] = true
		stack = append(stack, blk.Succs...)
	}
	return false
}

func runSleepZero(pass *analysis.Pass, rep *rule.Reporter) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		if !asyncsyntax.IsAioFunc(pass.TypesInfo, call, "Sleep") || len(call.Args) != 1 {
			return
		}
		tv, ok := pass.TypesInfo.Types[call.Args[0]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int || constant.Sign(tv.Value) != 0 {
			return
		}
		fn := aiotypes.Callee(pass.TypesInfo, call)
		var fixes []analysis.SuggestedFix
		if fn.Pkg().Scope().Lookup("Yield") != nil {
			text := "Yield()"
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok {
					text = x.Name + ".Yield()"
				}
			}
			fixes = []analysis.SuggestedFix{{
				Message:   "Replace with " + text,
				TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}},
			}}
		}
		rep.Report("AIO115", call, fixes, "aio.Sleep(0) only yields to other ready tasks; say so with aio.Yield()")
	})
}

// timeoutParamNames are the parameter names AIO109 reports, compared
// case-insensitively; as in flake8-async, names that merely contain them
// (readTimeout, timeouts) are left alone.
var timeoutParamNames = []string{"timeout", "deadline"}

func runTimeoutParam(pass *analysis.Pass, rep *rule.Reporter) {
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	for _, b := range res.Bodies {
		if b.Decl == nil || b.Decl.Type.Params == nil {
			continue
		}
		for _, field := range b.Decl.Type.Params.List {
			if _, variadic := field.Type.(*ast.Ellipsis); variadic {
				continue // an optional limit, as flake8-async ignores *timeout
			}
			for _, id := range field.Names {
				for _, name := range timeoutParamNames {
					if strings.EqualFold(id.Name, name) {
						rep.Report("AIO109", id, nil, "async function %s takes a %s parameter: let callers bound the call with aio.WaitFor or aio.Timeout instead of every async function implementing its own limit", b.Decl.Name.Name, id.Name)
					}
				}
			}
		}
	}
}

// DocTimeoutParam documents AIO109.
var DocTimeoutParam = rule.Doc{
	ID:    "AIO109",
	Title: "async function with a timeout parameter",
	OptIn: true,
	Why: "Timeouts compose better from the outside: aio.WaitFor(F(x), d), aio.Timeout(d, F(x)) or a scope " +
		"around several awaits bound the whole call, cancel it cleanly at its current await and report " +
		"aio.ErrTimeout, while a `timeout` parameter makes every async function reimplement (and test) its own limit " +
		"and cannot cover the caller's surrounding work. Parameters named exactly timeout or deadline are " +
		"reported, not variadic ones. Opt-in, unlike flake8-async's ASYNC109: in Go a timeout parameter is " +
		"idiomatic (net.DialTimeout) and often configures a protocol rather than bounding the call.",
	Bad: `func Fetch(url string, timeout time.Duration) aio.Coro[[]byte] {
	return aio.Async(func() ([]byte, error) {
		return aio.Await(aio.WaitFor(get(url), timeout))
	})
}`,
	Good: `func Fetch(url string) aio.Coro[[]byte] {
	return aio.Async(func() ([]byte, error) {
		return aio.Await(get(url))
	})
}

// caller: aio.Await(aio.WaitFor(Fetch(url), 5*time.Second))`,
}

// DocNoAwait documents AIO124.
var DocNoAwait = rule.Doc{
	ID:    "AIO124",
	Title: "async function never awaits",
	OptIn: true,
	Why: "An async function whose body contains no await runs to completion in a single step: it cannot overlap " +
		"with anything, yet every caller must await it and pays a task switch. Usually it should be an ordinary " +
		"function. Opt-in, as flake8-async's ASYNC124 is, because interface conformance or future-proofing " +
		"sometimes justify it; for the same reasons methods (which may implement an interface) and stubs whose " +
		"body only returns zero values (`return 0, nil`, flake8-async's empty `...` body) are not reported.",
	Bad: `func Total(xs []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return sum(xs), nil
	})
}`,
	Good: `func Total(xs []int) int { return sum(xs) }`,
}

// DocBusyLoop documents AIO913.
var DocBusyLoop = rule.Doc{
	ID:    "AIO913",
	Title: "unbounded loop without an await on every path",
	OptIn: true,
	Why: "A `for { ... }` loop in async code that can go around without awaiting never gives the loop a chance to " +
		"run other tasks, timers or I/O callbacks while it spins, for example while polling a flag that only " +
		"another task can set. Every path around an unbounded loop should await (aio.Yield() at the least). " +
		"A loop containing a break that leaves it is not indefinite and is not reported, as in flake8-async's " +
		"ASYNC913. Opt-in, as there: loops that always exit quickly on the await-free path are common.",
	Bad: `return aio.Async(func() (int, error) {
	for {
		if ready.Load() {
			return 1, nil
		}
	}
})`,
	Good: `return aio.Async(func() (int, error) {
	for {
		if ready.Load() {
			return 1, nil
		}
		if _, err := aio.Await(aio.Yield()); err != nil {
			return 0, err
		}
	}
})`,
}

// DocSleepZero documents AIO115.
var DocSleepZero = rule.Doc{
	ID:    "AIO115",
	Title: "aio.Sleep(0) instead of aio.Yield()",
	OptIn: true,
	Why: "aio.Sleep(0) does not sleep: it suspends the task for one loop iteration so that other ready tasks run. " +
		"aio.Yield() does exactly that and says so. The suggested fix rewrites the call. Opt-in, unlike " +
		"flake8-async's ASYNC115 for trio and anyio: that rule is silent for asyncio, whose only spelling is " +
		"asyncio.sleep(0), and asyncgo follows asyncio, so aio.Sleep(0) is the faithful port of asyncio code.",
	Bad:  `aio.Await(aio.Sleep(0))`,
	Good: `aio.Await(aio.Yield())`,
}
