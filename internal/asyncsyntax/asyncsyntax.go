// Package asyncsyntax recognises asyncgo's syntactic markers in type-checked Go
// code: calls to aio.Async (whose func literal argument is an async body) and
// calls to aio.Await. The analyzer and the generator share it so that both
// agree, to the node, on what counts as async code.
package asyncsyntax

import (
	"go/ast"
	"go/types"
)

// AioPath is the import path of the runtime package users import.
const AioPath = "github.com/asyncgo/asyncgo/runtime/aio"

// CalleeFunc returns the package-level function that call invokes, looking
// through parentheses and explicit instantiation (aio.Async[int](...)), or nil
// when the callee is not a statically known function.
func CalleeFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	fun := ast.Unparen(call.Fun)
	switch x := fun.(type) {
	case *ast.IndexExpr:
		fun = x.X
	case *ast.IndexListExpr:
		fun = x.X
	}
	var id *ast.Ident
	switch x := ast.Unparen(fun).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	return fn
}

// IsAioFunc reports whether call invokes the aio package-level function name.
func IsAioFunc(info *types.Info, call *ast.CallExpr, name string) bool {
	fn := CalleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Name() != name {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return false
	}
	return fn.Pkg().Path() == AioPath
}

// AsyncBody returns the func literal of an aio.Async(func() (T, error) {...})
// call, or nil when call is not such a call.
func AsyncBody(info *types.Info, call *ast.CallExpr) *ast.FuncLit {
	if !IsAioFunc(info, call, "Async") || len(call.Args) != 1 {
		return nil
	}
	lit, _ := ast.Unparen(call.Args[0]).(*ast.FuncLit)
	return lit
}

// IsAwait reports whether call is a call of aio.Await.
func IsAwait(info *types.Info, call *ast.CallExpr) bool {
	return IsAioFunc(info, call, "Await")
}

// AsyncFuncDecl returns the aio.Async call when decl is an async function: a
// function or method whose body is a single `return aio.Async(func...)`
// statement, possibly preceded by ordinary statements that run eagerly at call
// time. It returns nil otherwise.
func AsyncFuncDecl(info *types.Info, decl *ast.FuncDecl) *ast.CallExpr {
	if decl.Body == nil || len(decl.Body.List) == 0 {
		return nil
	}
	ret, ok := decl.Body.List[len(decl.Body.List)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
	if !ok || AsyncBody(info, call) == nil {
		return nil
	}
	return call
}
