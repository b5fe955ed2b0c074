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
// File I/O through a parameter (an *os.File, or an io interface handed to
// fmt.Fprintf, io.Copy, ...) that the function never reassigns makes the
// fact conditional (BlocksFact.Params): each call site decides from its
// argument, as AIO230 would for the same operation written in place. A
// known file other than os.Stdout/os.Stderr blocks; the terminal, a buffer
// or a writer of unknown dynamic type does not; a file parameter of the
// caller passes the condition on. This keeps `emit(os.Stdout, msg)` quiet
// without losing `emit(f, msg)`.
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
	"go/token"
	"go/types"
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

// BlocksFact is attached to a function that blocks the calling goroutine,
// always (Chain is set) or only when some of its arguments are files
// (Params).
type BlocksFact struct {
	Chain []Link // starts with the function itself, ends with the primitive; nil if conditional
	ID    string // rule id of the primitive at the end of the chain
	Hint  string // what to do instead
	// Params, for a function that does not always block, lists the
	// parameters (an *os.File or an io interface) it reads or writes: it
	// blocks when the argument for one of them is a file other than
	// os.Stdout and os.Stderr.
	Params []ParamBlock
}

// ParamBlock is how a function blocks when its parameter Index is a file.
type ParamBlock struct {
	Index int    // in the signature's parameters (receiver excluded)
	Name  string // the parameter's name, for fact expectations
	Chain []Link
	ID    string
	Hint  string
}

// AFact marks BlocksFact as an analysis fact.
func (*BlocksFact) AFact() {}

// String renders the fact for analysistest fact expectations.
func (f *BlocksFact) String() string {
	if f.Chain != nil {
		return "blocks: " + f.Render("")
	}
	parts := make([]string, len(f.Params))
	for i, p := range f.Params {
		parts[i] = "blocks if " + p.Name + " is a file: " + render(p.Chain, "")
	}
	return strings.Join(parts, "; ")
}

// Render prints the chain as `fetch -> readAll -> (*os.File).Read`, naming
// functions of package from without qualification.
func (f *BlocksFact) Render(from string) string { return render(f.Chain, from) }

func render(chain []Link, from string) string {
	parts := make([]string, len(chain))
	for i, l := range chain {
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

// runtimePrefix is the import path prefix of asyncgo's runtime packages.
const runtimePrefix = "github.com/asyncgo/asyncgo/runtime/"

// isRuntime reports whether path is one of asyncgo's runtime packages, which
// get no facts (see the package comment).
func isRuntime(path string) bool {
	return strings.HasPrefix(path+"/", runtimePrefix)
}

type callSite struct {
	fn   *types.Func
	call *ast.CallExpr
	fun  ast.Expr // the expression naming the function (call.Fun, or a bound variable's value)
}

// chainInfo is one way a function blocks.
type chainInfo struct {
	chain    []Link
	id, hint string
}

type funcInfo struct {
	fn     *types.Func
	params map[*types.Var]int // file-like parameters never reassigned, by index
	direct *chainInfo         // always blocks
	cond   map[int]*chainInfo // blocks if the argument for this parameter is a file
	calls  []callSite
}

// fileParams returns the parameters of fd that may hold a file (type
// *os.File or an interface) and that its body never reassigns nor takes
// the address of, by index: whether the function does file I/O through
// one of them depends on the caller's argument.
func fileParams(info *types.Info, fd *ast.FuncDecl, fn *types.Func) map[*types.Var]int {
	sig := fn.Type().(*types.Signature)
	ps := map[*types.Var]int{}
	for i := 0; i < sig.Params().Len(); i++ {
		v := sig.Params().At(i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			continue
		}
		if blocking.IsFileType(v.Type()) || types.IsInterface(v.Type()) {
			ps[v] = i
		}
	}
	if len(ps) == 0 {
		return nil
	}
	drop := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				delete(ps, v)
			}
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				drop(l)
			}
		case *ast.RangeStmt:
			drop(n.Key)
			drop(n.Value)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				drop(n.X)
			}
		}
		return true
	})
	return ps
}

// paramOf returns the index of the file parameter e names, or -1.
func paramOf(info *types.Info, params map[*types.Var]int, e ast.Expr) int {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := info.Uses[id].(*types.Var); ok {
			if i, ok := params[v]; ok {
				return i
			}
		}
	}
	return -1
}

// argAt returns the argument a call passes for parameter index of fn, or
// nil (variadic parameters, multi-value calls).
func argAt(info *types.Info, c callSite, index int) ast.Expr {
	sig, ok := c.fn.Type().(*types.Signature)
	if !ok || index >= sig.Params().Len() || (sig.Variadic() && index == sig.Params().Len()-1) {
		return nil
	}
	args := c.call.Args
	if sel, ok := ast.Unparen(c.fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr && sig.Recv() != nil {
			if len(args) == 0 {
				return nil
			}
			args = args[1:] // (*T).M(recv, args...)
		}
	}
	if len(args) != sig.Params().Len() {
		return nil
	}
	return args[index]
}

type effect int

const (
	noBlock   effect = iota
	blocks           // the argument is a file
	dependsOn        // the argument is a file parameter of the caller
)

// argEffect tells what passing arg for a file parameter means: a known
// file other than the standard streams makes the call block; a file
// parameter of the caller (params) passes the condition on; anything else
// (os.Stdout, a buffer, an io.Writer of unknown dynamic type) does not
// block, as the direct rules would say of the same operation written in
// place.
func argEffect(info *types.Info, cls *blocking.Classifier, params map[*types.Var]int, arg ast.Expr) (effect, int) {
	if arg == nil {
		return noBlock, -1
	}
	if i := paramOf(info, params, arg); i >= 0 {
		return dependsOn, i
	}
	if f := cls.FileOf(arg); f != nil && !cls.IsStdStream(f) {
		return blocks, -1
	}
	return noBlock, -1
}

func run(pass *analysis.Pass) (any, error) {
	rep := rule.NewReporter(pass, "AIO201")
	if rule.InGoroot(pass) || isRuntime(pass.Pkg.Path()) {
		return rep.Outcome(), nil
	}
	opts, err := blocking.CurrentOptions()
	if err != nil {
		return nil, err
	}
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	cls := blocking.NewClassifier(pass.TypesInfo, pass.Files, opts)
	cls.Bindings = res.Bindings
	info := pass.TypesInfo
	callee := func(call *ast.CallExpr) (*types.Func, ast.Expr) {
		return staticCallee(info, res.Bindings, call)
	}

	// 1. Direct primitives and static calls of every function. File I/O
	// through a parameter is conditional on the caller's argument.
	var funcs []*funcInfo
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, _ := info.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			fi := &funcInfo{fn: fn, params: fileParams(info, fd, fn), cond: map[int]*chainInfo{}}
			prim := func(p *blocking.Primitive) *chainInfo {
				return &chainInfo{chain: []Link{link(fn), {Local: p.Name, Qualified: p.Name}}, id: p.ID, hint: p.Hint}
			}
			res.Walk(fd.Body, func(n ast.Node, stack []ast.Node) bool {
				if _, isGo := n.(*ast.GoStmt); isGo {
					return false // its arguments are evaluated here, but are rarely blocking; keep it simple
				}
				if p := cls.Classify(n, stack); p != nil {
					if i := paramOf(info, fi.params, p.File); p.File != nil && i >= 0 {
						if fi.cond[i] == nil {
							fi.cond[i] = prim(p)
						}
					} else if fi.direct == nil {
						fi.direct = prim(p)
					}
					return true
				}
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				// I/O through an io.Reader or io.Writer parameter.
				if fn, fun := res.Bindings.Callee(info, call); fn != nil {
					for _, op := range cls.IOOperands(&ast.CallExpr{Fun: fun, Args: call.Args}, fn) {
						if i := paramOf(info, fi.params, op.Expr); i >= 0 && fi.cond[i] == nil {
							fi.cond[i] = prim(&blocking.Primitive{ID: "AIO230", Name: blocking.FileOpName(op), Hint: hintThread})
						}
					}
				}
				if fn, fun := callee(call); fn != nil {
					fi.calls = append(fi.calls, callSite{fn, call, fun})
				}
				return true
			})
			funcs = append(funcs, fi)
		}
	}

	// 2. Fixed point over the package's call graph; imported functions
	// contribute their facts.
	byFn := map[*types.Func]*funcInfo{}
	for _, fi := range funcs {
		byFn[fi.fn] = fi
	}
	lookup := func(fn *types.Func) *BlocksFact {
		if fn.Pkg() == pass.Pkg {
			return byFn[fn].fact()
		}
		var f BlocksFact
		if pass.ImportObjectFact(fn, &f) {
			return &f
		}
		return nil
	}
	for changed := true; changed; {
		changed = false
		for _, fi := range funcs {
			if fi.direct != nil {
				continue
			}
			for _, c := range fi.calls {
				f := lookup(c.fn)
				if f == nil {
					continue
				}
				extend := func(chain []Link, id, hint string) *chainInfo {
					return &chainInfo{chain: append([]Link{link(fi.fn)}, chain...), id: id, hint: hint}
				}
				if f.Chain != nil {
					fi.direct = extend(f.Chain, f.ID, f.Hint)
					changed = true
					break
				}
				for _, pb := range f.Params {
					switch e, i := argEffect(info, cls, fi.params, argAt(info, c, pb.Index)); e {
					case blocks:
						fi.direct = extend(pb.Chain, pb.ID, pb.Hint)
						changed = true
					case dependsOn:
						if fi.cond[i] == nil {
							fi.cond[i] = extend(pb.Chain, pb.ID, pb.Hint)
							changed = true
						}
					}
					if fi.direct != nil {
						break
					}
				}
				if fi.direct != nil {
					break
				}
			}
		}
	}
	for _, fi := range funcs {
		if f := fi.fact(); f != nil {
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
			fn, fun := callee(call)
			if fn == nil {
				return true
			}
			f := lookup(fn)
			if f == nil {
				return true
			}
			chain, id := f.Chain, f.ID
			for _, pb := range f.Params {
				if chain != nil {
					break
				}
				if e, _ := argEffect(info, cls, nil, argAt(info, callSite{fn, call, fun}, pb.Index)); e == blocks {
					chain, id = pb.Chain, pb.ID
				}
			}
			if chain != nil {
				rep.Report("AIO201", call, nil, "%s blocks the event loop in %s: %s (%s); %s",
					chain[0].nameFrom(pass.Pkg.Path()), b.Name(), render(chain, pass.Pkg.Path()), id, hint(f))
			}
			return true
		})
	}
	return rep.Outcome(), nil
}

// fact returns the function's BlocksFact, or nil when it never blocks.
func (fi *funcInfo) fact() *BlocksFact {
	if fi == nil {
		return nil
	}
	if d := fi.direct; d != nil {
		return &BlocksFact{Chain: d.chain, ID: d.id, Hint: d.hint}
	}
	if len(fi.cond) == 0 {
		return nil
	}
	f := &BlocksFact{}
	sig := fi.fn.Type().(*types.Signature)
	for i := 0; i < sig.Params().Len(); i++ {
		if c := fi.cond[i]; c != nil {
			f.Params = append(f.Params, ParamBlock{Index: i, Name: sig.Params().At(i).Name(), Chain: c.chain, ID: c.id, Hint: c.hint})
		}
	}
	return f
}

const hintThread = "run it with aio.ToThread so the loop keeps serving other tasks"

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
func staticCallee(info *types.Info, b *aiotypes.Bindings, call *ast.CallExpr) (*types.Func, ast.Expr) {
	fn, fun := b.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return nil, nil
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		if types.IsInterface(sig.Recv().Type()) {
			return nil, nil
		}
	}
	return fn, fun
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
		"and standard library and asyncgo runtime internals are trusted (their blocking APIs are the direct rules). " +
		"A helper whose only blocking is I/O through one of its parameters (an *os.File, or an io.Writer or " +
		"io.Reader it hands to fmt.Fprintf, io.Copy, ...) blocks only if the caller passes a file: " +
		"`emit(os.Stdout, msg)` is printing, `emit(f, msg)` with f an *os.File is file I/O, and an io.Writer of " +
		"unknown dynamic type is not reported, exactly as AIO230 judges the same operation written in place. " +
		"The condition follows the parameter through helpers that pass it on.",
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
