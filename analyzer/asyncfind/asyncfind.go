// Package asyncfind is the pass every asyncgo rule builds on: it finds the
// async bodies of a package (the func literals passed to aio.Async) and knows
// which of their nodes run on the event loop. The generator may reuse its
// Result; it has no diagnostics of its own.
package asyncfind

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// Analyzer finds async functions and async closures.
var Analyzer = &analysis.Analyzer{
	Name:             "asyncfind",
	Doc:              "find asyncgo async bodies (aio.Async func literals); reports nothing, other analyzers use its result",
	URL:              rule.DocsURL + "#async-bodies",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeOf((*Result)(nil)),
}

// Body is one async body: the func literal passed to aio.Async.
type Body struct {
	Call *ast.CallExpr // the aio.Async(...) call
	Lit  *ast.FuncLit  // its func literal argument
	// Decl is the async function whose `return aio.Async(...)` this is, or
	// nil for an async closure.
	Decl *ast.FuncDecl
	// Func is the outermost function declaration containing the body (equal
	// to Decl for async functions); nil for bodies in package-level vars.
	Func *ast.FuncDecl
	File *ast.File

	res *Result
}

// Name describes the body for messages.
func (b *Body) Name() string {
	if b.Decl != nil {
		return "async function " + b.Decl.Name.Name
	}
	if b.Func != nil {
		return "async closure in " + b.Func.Name.Name
	}
	return "async closure"
}

// Result lists the async bodies of a package in source order.
type Result struct {
	Bodies []*Body
	// Bindings are the package's single-assignment local variables, through
	// which calls of func values are resolved.
	Bindings *aiotypes.Bindings
	byLit    map[*ast.FuncLit]*Body
	info     *types.Info
}

// BodyOf returns the body whose literal is lit, or nil.
func (r *Result) BodyOf(lit *ast.FuncLit) *Body { return r.byLit[lit] }

func run(pass *analysis.Pass) (any, error) {
	res := &Result{byLit: map[*ast.FuncLit]*Body{}, info: pass.TypesInfo, Bindings: aiotypes.NewBindings(pass.TypesInfo, pass.Files)}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, _ := d.(*ast.FuncDecl)
			var asyncCall *ast.CallExpr
			if fd != nil {
				asyncCall = asyncsyntax.AsyncFuncDecl(pass.TypesInfo, fd)
			}
			ast.Inspect(d, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				lit := asyncsyntax.AsyncBody(pass.TypesInfo, call)
				if lit == nil {
					return true
				}
				b := &Body{Call: call, Lit: lit, Func: fd, File: f, res: res}
				if call == asyncCall {
					b.Decl = fd
				}
				res.Bodies = append(res.Bodies, b)
				res.byLit[lit] = b
				return true
			})
		}
	}
	return res, nil
}

// Visitor is called for each node Walk visits, with the node's ancestors
// (outermost first, not including n). Returning false skips n's children.
type Visitor func(n ast.Node, stack []ast.Node) bool

// Walk visits the nodes of root that execute synchronously when root runs:
// it does not descend into func literals other than immediately called ones
// (`func(){...}()`, including deferred ones), nor into the function a `go`
// statement starts (its arguments are evaluated by the caller and are
// visited). As a consequence callbacks handed to aio.ToThread, nested
// aio.Async bodies and other stored closures are not visited: they run
// later, elsewhere, or are analyzed on their own. Result.Walk also follows
// closures that are called where they stand.
func Walk(root ast.Node, visit Visitor) { walk(nil, root, visit) }

// Walk is the package-level Walk that also visits, where they run, the
// bodies of func literals that a statically known call runs synchronously:
// a local closure variable called in place (`g := func() {...}; g()`), the
// callback of sync.Once.Do, sort.Slice and similar (see syncCallbacks), and
// a func literal ranged over (`for x := range func(yield ...) {...}`). Each
// literal is visited once per Walk, at its first call.
func (r *Result) Walk(root ast.Node, visit Visitor) { walk(r, root, visit) }

// syncCallbacks lists functions that call a func argument before they
// return, by the index of that argument.
var syncCallbacks = map[string]int{
	"(*sync.Once).Do":         0,
	"(*sync.Map).Range":       0,
	"sort.Slice":              1,
	"sort.SliceStable":        1,
	"sort.Search":             1,
	"slices.SortFunc":         1,
	"slices.SortStableFunc":   1,
	"slices.IndexFunc":        1,
	"slices.ContainsFunc":     1,
	"slices.DeleteFunc":       1,
	"slices.CompactFunc":      1,
	"slices.MinFunc":          1,
	"slices.MaxFunc":          1,
	"slices.BinarySearchFunc": 2,
	"slices.EqualFunc":        2,
	"strings.Map":             0,
	"strings.FieldsFunc":      1,
	"strings.IndexFunc":       1,
	"strings.LastIndexFunc":   1,
	"strings.TrimFunc":        1,
	"strings.ContainsFunc":    1,
	"bytes.Map":               0,
	"bytes.FieldsFunc":        1,
	"bytes.IndexFunc":         1,
}

// syncLits returns the func literals a call runs before it returns (see
// Result.Walk), or nil.
func (r *Result) syncLits(call *ast.CallExpr) []*ast.FuncLit {
	if r == nil {
		return nil
	}
	if v := r.Bindings.CalledValue(call); v != nil {
		if lit, ok := v.(*ast.FuncLit); ok {
			return []*ast.FuncLit{lit}
		}
		return nil
	}
	fn := aiotypes.Callee(r.info, call)
	if fn == nil {
		return nil
	}
	i, ok := syncCallbacks[aiotypes.Key(fn)]
	if !ok || i >= len(call.Args) {
		return nil
	}
	arg := ast.Unparen(call.Args[i])
	if id, ok := arg.(*ast.Ident); ok { // once.Do(setup) with setup := func() {...}
		if v, ok := r.info.Uses[id].(*types.Var); ok {
			arg = r.Bindings.Value(v)
		}
	}
	if lit, ok := arg.(*ast.FuncLit); ok {
		return []*ast.FuncLit{lit}
	}
	return nil
}

func walk(r *Result, root ast.Node, visit Visitor) {
	var stack []ast.Node
	done := map[*ast.FuncLit]bool{}
	var inspect func(n ast.Node) bool
	// enter visits a literal that the call on top of the stack runs, as if
	// it were written there.
	enter := func(lit *ast.FuncLit) {
		if done[lit] || !visit(lit, stack) {
			return
		}
		done[lit] = true
		stack = append(stack, lit)
		ast.Inspect(lit.Body, inspect)
		stack = stack[:len(stack)-1]
	}
	inspect = func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				call, isCall := parent.(*ast.CallExpr)
				rng, isRange := parent.(*ast.RangeStmt)
				switch {
				case isCall && ast.Unparen(call.Fun) == n:
				case isRange && r != nil && ast.Unparen(rng.X) == n:
				default:
					return false
				}
			}
		case *ast.GoStmt:
			if !visit(n, stack) {
				return false
			}
			stack = append(stack, n, n.Call)
			for _, arg := range n.Call.Args {
				ast.Inspect(arg, inspect)
			}
			if sel, ok := n.Call.Fun.(*ast.SelectorExpr); ok { // receiver of go x.m()
				ast.Inspect(sel.X, inspect)
			}
			stack = stack[:len(stack)-2]
			return false
		case *ast.CallExpr:
			if !visit(n, stack) {
				return false
			}
			stack = append(stack, n)
			for _, lit := range r.syncLits(n) {
				if ast.Unparen(n.Fun) == ast.Node(lit) {
					continue
				}
				// The arguments are evaluated before the callee runs the literal.
				for _, a := range n.Args {
					ast.Inspect(a, inspect)
				}
				ast.Inspect(n.Fun, inspect)
				enter(lit)
				stack = stack[:len(stack)-1]
				return false
			}
			return true
		}
		if !visit(n, stack) {
			return false
		}
		stack = append(stack, n)
		return true
	}
	ast.Inspect(root, inspect)
}

// WalkBody walks the parts of an async body that run on the event loop as
// steps of this coroutine (see Result.Walk).
func WalkBody(b *Body, visit Visitor) { b.res.Walk(b.Lit.Body, visit) }

// Deferred reports whether the innermost node of stack is part of a defer
// statement (its call runs when the function returns, not where it stands).
func Deferred(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.DeferStmt:
			return true
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// AwaitContext classifies where an aio.Await call at the end of a full AST
// path (outermost first) stands.
type AwaitContext int

// Await contexts.
const (
	AwaitOK           AwaitContext = iota // directly in an async body, or in a deferred literal there
	AwaitInPlainFunc                      // in a function declaration that is not an async body
	AwaitInFuncLit                        // in a nested ordinary func literal
	AwaitInGoStmt                         // in a go statement
	AwaitAtPackageLvl                     // outside any function
)

// ClassifyAwait reports whether an Await whose ancestors are path (outermost
// first) is legal: the innermost enclosing function must be an async body,
// or a func literal called by a `defer` directly in an async body.
func ClassifyAwait(info *types.Info, path []ast.Node) AwaitContext {
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *ast.GoStmt:
			return AwaitInGoStmt
		case *ast.FuncDecl:
			return AwaitInPlainFunc
		case *ast.FuncLit:
			if i > 0 {
				if call, ok := path[i-1].(*ast.CallExpr); ok {
					if asyncsyntax.AsyncBody(info, call) == n {
						return AwaitOK
					}
					if i > 1 && ast.Unparen(call.Fun) == n {
						if _, ok := path[i-2].(*ast.GoStmt); ok {
							return AwaitInGoStmt
						}
					}
					// defer func() { ... aio.Await(...) ... }() directly in an async body.
					if i > 1 && ast.Unparen(call.Fun) == n {
						if _, ok := path[i-2].(*ast.DeferStmt); ok && enclosingIsAsync(info, path[:i-2]) {
							return AwaitOK
						}
					}
				}
			}
			return AwaitInFuncLit
		}
	}
	return AwaitAtPackageLvl
}

// enclosingIsAsync reports whether the innermost function in path is an
// async body literal.
func enclosingIsAsync(info *types.Info, path []ast.Node) bool {
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *ast.GoStmt, *ast.FuncDecl:
			return false
		case *ast.FuncLit:
			if i > 0 {
				if call, ok := path[i-1].(*ast.CallExpr); ok && asyncsyntax.AsyncBody(info, call) == n {
					return true
				}
			}
			return false
		}
	}
	return false
}
