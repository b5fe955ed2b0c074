// Package aiotypes answers type questions about asyncgo and standard library
// objects that several rules ask: which function a call invokes, whether a
// type is an aio awaitable, and how a file names the aio package.
package aiotypes

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// Callee returns the function or method a call statically invokes, or nil
// (calls of func values, conversions, builtins). Interface methods are
// returned as the abstract method. Generic functions and methods are
// returned as their origin so that tables can name them once.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fun := ast.Unparen(call.Fun)
	switch x := fun.(type) {
	case *ast.IndexExpr:
		fun = x.X
	case *ast.IndexListExpr:
		fun = x.X
	}
	var obj types.Object
	switch x := ast.Unparen(fun).(type) {
	case *ast.Ident:
		obj = info.Uses[x]
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[x]; ok {
			obj = sel.Obj()
		} else {
			obj = info.Uses[x.Sel]
		}
	}
	fn, _ := obj.(*types.Func)
	if fn != nil {
		fn = fn.Origin()
	}
	return fn
}

// Key names a function the way the rule tables do: "time.Sleep",
// "(*net/http.Client).Do", "(net.Conn).Read".
func Key(fn *types.Func) string { return fn.FullName() }

// Short names a function for messages relative to package from: "readAll",
// "os.Open", "(*os.File).Read", "(*Client).Get".
func Short(fn *types.Func, from *types.Package) string {
	qual := func(p *types.Package) string {
		if p == from {
			return ""
		}
		return p.Name()
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig != nil && sig.Recv() != nil {
		t := sig.Recv().Type()
		ptr := false
		if p, ok := t.(*types.Pointer); ok {
			t, ptr = p.Elem(), true
		}
		name := types.TypeString(t, qual)
		if n, ok := t.(*types.Named); ok { // drop type arguments: (*Cache).Get, not (*Cache[K, V]).Get
			name = types.TypeString(n.Origin(), qual)
			if i := indexByte(name, '['); i >= 0 {
				name = name[:i]
			}
		}
		if ptr {
			name = "*" + name
		}
		return "(" + name + ")." + fn.Name()
	}
	if q := qual(fn.Pkg()); q != "" && fn.Pkg() != nil {
		return q + "." + fn.Name()
	}
	return fn.Name()
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// IsAio reports whether obj belongs to the aio runtime package.
func IsAio(obj types.Object) bool {
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == asyncsyntax.AioPath
}

// AioNamed returns the aio type name of t ("Coro", "Task", "Future", ...),
// looking through one pointer, or "" when t is not an aio named type.
func AioNamed(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !IsAio(n.Obj()) {
		return ""
	}
	return n.Obj().Name()
}

// IsAwaitable reports whether t can be passed to aio.Await: it has the
// AwaitEnd method of the Awaitable interface. Checking the method rather than
// a list of names keeps user-defined awaitables covered.
func IsAwaitable(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, isIface := t.Underlying().(*types.Interface); isIface {
		return AioNamed(t) == "Awaitable"
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "AwaitEnd")
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	return sig.Params().Len() == 1 && sig.Results().Len() == 2 && AioNamed(sig.Params().At(0).Type()) == "Runner"
}

// AioImportName returns how file refers to the aio package: its local name,
// "." for a dot import, or "" when the file does not import it (or imports it
// blank), in which case a fix cannot mention it.
func AioImportName(file *ast.File) string {
	for _, spec := range file.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil || path != asyncsyntax.AioPath {
			continue
		}
		if spec.Name == nil {
			return "aio"
		}
		if spec.Name.Name == "_" {
			return ""
		}
		return spec.Name.Name
	}
	return ""
}

// Qualify returns the text that names aio's member sel in a file importing
// aio as name (see AioImportName).
func Qualify(name, sel string) string {
	if name == "." {
		return sel
	}
	return name + "." + sel
}

// IsStdlib reports whether pkg is part of the standard library: its path
// has no dot in its first element. Test packages in GOPATH-style testdata
// also match, so callers combine it with the file location (see transitive).
func IsStdlib(path string) bool {
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '.':
			return false
		case '/':
			return true
		}
	}
	return true
}

// Bindings records the local variables of a package that hold one value for
// their whole life: defined with a value (`f := x.Wait`, `var g = func()
// {...}`) and never assigned again nor address-taken. A call of such a
// variable calls that value, so rules can see through `f := wg.Wait; f()`
// and `g := func() {...}; g()`.
type Bindings struct {
	info  *types.Info
	value map[*types.Var]ast.Expr
}

// NewBindings scans files for single-assignment local variables.
func NewBindings(info *types.Info, files []*ast.File) *Bindings {
	b := &Bindings{info: info, value: map[*types.Var]ast.Expr{}}
	reassigned := map[*types.Var]bool{}
	def := func(id *ast.Ident, val ast.Expr) {
		if v, ok := info.Defs[id].(*types.Var); ok && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() {
			b.value[v] = ast.Unparen(val)
		}
	}
	use := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				reassigned[v] = true
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					use(lhs) // a plain assignment, or := redeclaring an existing variable
					if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
						if id, ok := lhs.(*ast.Ident); ok {
							def(id, n.Rhs[i])
						}
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, id := range n.Names {
						def(id, n.Values[i])
					}
				}
			case *ast.RangeStmt:
				if n.Tok == token.ASSIGN {
					use(n.Key)
					use(n.Value)
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					use(n.X)
				}
			}
			return true
		})
	}
	for v := range reassigned {
		delete(b.value, v)
	}
	return b
}

// Value returns the expression a single-assignment local variable holds, or
// nil.
func (b *Bindings) Value(v *types.Var) ast.Expr {
	if b == nil {
		return nil
	}
	return b.value[v]
}

// CalledValue returns the value a call of a single-assignment local
// variable calls (`f()` with `f := wg.Wait` gives `wg.Wait`), or nil when
// call.Fun is not such a variable.
func (b *Bindings) CalledValue(call *ast.CallExpr) ast.Expr {
	if b == nil {
		return nil
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := b.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	return b.value[v]
}

// Callee is aiotypes.Callee that also sees through a call of a
// single-assignment variable holding a function or method value. fun is the
// expression that names the function: call.Fun, or the variable's value.
func (b *Bindings) Callee(info *types.Info, call *ast.CallExpr) (fn *types.Func, fun ast.Expr) {
	if fn := Callee(info, call); fn != nil {
		return fn, call.Fun
	}
	val := b.CalledValue(call)
	if val == nil {
		return nil, nil
	}
	if fn := Callee(info, &ast.CallExpr{Fun: val}); fn != nil {
		return fn, val
	}
	return nil, nil
}
