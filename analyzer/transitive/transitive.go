// Package transitive implements AIO201: a call, made directly in an async
// body, of a function that blocks somewhere down its static call graph.
//
// Every ordinary function of a package gets a BlocksFact when its body (or a
// function it calls, at any depth, in any package) reaches a blocking
// primitive of the blocking package. Facts travel across packages with the
// analysis framework, so a helper in another module is followed too. Calls
// inside `go` statements and inside func literals that are not called on the
// spot (aio.ToThread callbacks, stored closures, nested async bodies) do not
// count: they do not block the caller. Interface and func-value calls are not
// followed: their target is unknown.
//
// Standard library packages are not given facts: the blocking tables name
// the standard library's blocking APIs precisely, while its internals are
// full of channel operations and waits that are not blocking at the API
// level (sync.Once, context, ...). Skipping them also keeps vet fast. The
// asyncgo runtime is trusted the same way: its reference implementation
// hands off between goroutines with channels by design, and its APIs that
// do block the loop (aio.Run, aio.Call, ...) are AIO181's table.
package transitive

import (
	"go/ast"
	"go/build"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/asyncgo/asyncgo/analyzer/asyncfind"
	"github.com/asyncgo/asyncgo/analyzer/blocking"
	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
)

// Analyzer reports calls of transitively blocking functions in async bodies.
var Analyzer = &analysis.Analyzer{
	Name:             "transitiveblock",
	Doc:              rule.AnalyzerDoc("report calls in async code of functions that block further down the call graph (AIO201)", Doc),
	URL:              rule.URL("AIO201"),
	Requires:         []*analysis.Analyzer{asyncfind.Analyzer, rule.ParseAnalyzer},
	RunDespiteErrors: true,
	ResultType:       rule.OutcomeType,
	FactTypes:        []analysis.Fact{(*BlocksFact)(nil)},
	Run:              run,
}

// Link is one step of a blocking chain.
type Link struct {
	Pkg       string // package path of a function; "" for the final primitive
	Local     string // name inside its own package: "readAll", "(*Client).get"
	Qualified string // name elsewhere: "util.readAll", "(*util.Client).get"
}

// BlocksFact is attached to a function that blocks the calling goroutine.
// Chain starts with the function itself and ends with the primitive.
type BlocksFact struct {
	Chain []Link
	ID    string // rule id of the primitive at the end of the chain
	Hint  string // what to do instead
}

// AFact marks BlocksFact as an analysis fact.
func (*BlocksFact) AFact() {}

// String renders the fact for analysistest fact expectations.
func (f *BlocksFact) String() string { return "blocks: " + f.Render("") }

// Render prints the chain as `fetch -> readAll -> (*os.File).Read`, naming
// functions of package from without qualification.
func (f *BlocksFact) Render(from string) string {
	parts := make([]string, len(f.Chain))
	for i, l := range f.Chain {
		if l.Pkg == "" || l.Pkg == from {
			parts[i] = l.Local
		} else {
			parts[i] = l.Qualified
		}
	}
	return strings.Join(parts, " -> ")
}

func link(fn *types.Func) Link {
	return Link{Pkg: fn.Pkg().Path(), Local: aiotypes.Short(fn, fn.Pkg()), Qualified: aiotypes.Short(fn, nil)}
}

// inGoroot reports whether the package's files live in GOROOT.
func inGoroot(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 || !aiotypes.IsStdlib(pass.Pkg.Path()) {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	root := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(name, root) || strings.HasPrefix(name, "$GOROOT")
}

// runtimePrefix is the import path prefix of asyncgo's runtime packages.
const runtimePrefix = "github.com/asyncgo/asyncgo/runtime/"

// isRuntime reports whether path is one of asyncgo's runtime packages, which
// get no facts (see the package comment).
func isRuntime(path string) bool {
	return strings.HasPrefix(path+"/", runtimePrefix)
}

type callSite struct {
	fn   *types.Func
	node ast.Node
}

type funcInfo struct {
	fn     *types.Func
	direct *blocking.Primitive
	calls  []callSite
}

func run(pass *analysis.Pass) (any, error) {
	rep := rule.NewReporter(pass, "AIO201")
	if inGoroot(pass) || isRuntime(pass.Pkg.Path()) {
		return rep.Outcome(), nil
	}
	opts, err := blocking.CurrentOptions()
	if err != nil {
		return nil, err
	}
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	cls := blocking.NewClassifier(pass.TypesInfo, pass.Files, opts)
	cls.Bindings = res.Bindings
	callee := func(call *ast.CallExpr) *types.Func { return staticCallee(pass.TypesInfo, res.Bindings, call) }

	// 1. Direct primitives and static calls of every function.
	var funcs []*funcInfo
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			fi := &funcInfo{fn: fn}
			res.Walk(fd.Body, func(n ast.Node, stack []ast.Node) bool {
				if _, isGo := n.(*ast.GoStmt); isGo {
					return false // its arguments are evaluated here, but are rarely blocking; keep it simple
				}
				if p := cls.Classify(n, stack); p != nil {
					if fi.direct == nil {
						fi.direct = p
					}
					return true
				}
				if call, ok := n.(*ast.CallExpr); ok {
					if callee := callee(call); callee != nil {
						fi.calls = append(fi.calls, callSite{callee, call})
					}
				}
				return true
			})
			funcs = append(funcs, fi)
		}
	}

	// 2. Fixed point over the package's call graph; imported functions
	// contribute their facts.
	facts := map[*types.Func]*BlocksFact{}
	lookup := func(fn *types.Func) *BlocksFact {
		if fn.Pkg() == pass.Pkg {
			return facts[fn]
		}
		var f BlocksFact
		if pass.ImportObjectFact(fn, &f) {
			return &f
		}
		return nil
	}
	for _, fi := range funcs {
		if p := fi.direct; p != nil {
			facts[fi.fn] = &BlocksFact{Chain: []Link{link(fi.fn), {Local: p.Name, Qualified: p.Name}}, ID: p.ID, Hint: p.Hint}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fi := range funcs {
			if facts[fi.fn] != nil {
				continue
			}
			for _, c := range fi.calls {
				if f := lookup(c.fn); f != nil {
					facts[fi.fn] = &BlocksFact{Chain: append([]Link{link(fi.fn)}, f.Chain...), ID: f.ID, Hint: f.Hint}
					changed = true
					break
				}
			}
		}
	}
	for _, fi := range funcs {
		if f := facts[fi.fn]; f != nil {
			pass.ExportObjectFact(fi.fn, f)
		}
	}

	// 3. Report calls in async bodies.
	for _, b := range res.Bodies {
		asyncfind.WalkBody(b, func(n ast.Node, stack []ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || cls.Classify(n, stack) != nil {
				return true
			}
			callee := callee(call)
			if callee == nil {
				return true
			}
			if f := lookup(callee); f != nil {
				rep.Report("AIO201", call, nil, "%s blocks the event loop in %s: %s (%s); %s",
					f.Chain[0].nameFrom(pass.Pkg.Path()), b.Name(), f.Render(pass.Pkg.Path()), f.ID, hint(f))
			}
			return true
		})
	}
	return rep.Outcome(), nil
}

func hint(*BlocksFact) string {
	return "call it inside aio.ToThread, or make the blocking step async"
}

func (l Link) nameFrom(pkg string) string {
	if l.Pkg == pkg {
		return l.Local
	}
	return l.Qualified
}

// staticCallee returns the declared function a call invokes, or nil for
// interface methods, func values, builtins and conversions. A local variable
// bound once to a function or method value calls that function.
func staticCallee(info *types.Info, b *aiotypes.Bindings, call *ast.CallExpr) *types.Func {
	fn, _ := b.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		if types.IsInterface(sig.Recv().Type()) {
			return nil
		}
	}
	return fn
}

// Doc documents AIO201.
var Doc = rule.Doc{
	ID:    "AIO201",
	Title: "call of a function that blocks further down",
	Why: "Wrapping a blocking call in a helper does not make it less blocking. AIO201 follows static calls through " +
		"any number of functions and packages (using analysis facts) and reports the call made in the async body, " +
		"with the chain that reaches the primitive, e.g. `fetch -> readAll -> (*os.File).Read`. Calls in go " +
		"statements and in aio.ToThread callbacks do not count. Interface calls and calls of func values are not " +
		"followed (except a local variable bound once to a function, method value or closure), " +
		"and standard library and asyncgo runtime internals are trusted (their blocking APIs are the direct rules).",
	Bad: `func readConfig(name string) ([]byte, error) { return os.ReadFile(name) }

func Start() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b, err := readConfig("app.json") // readConfig -> os.ReadFile
		return len(b), err
	})
}`,
	Good: `func Start() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b, err := aio.Await(aio.ToThread(func(context.Context) ([]byte, error) {
			return readConfig("app.json")
		}))
		return len(b), err
	})
}`,
}
