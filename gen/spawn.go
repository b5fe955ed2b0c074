package gen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// Spawning an async function of the package, `aio.Spawn(f(x), opts...)`,
// would allocate f's frame and then the task. The generator gives each
// eligible f a companion, spawnF, that allocates both at once in an
// aio.TaskFrame, and compiles such spawns to `spawnF(x, opts)`: one
// allocation per task instead of two. The rewrite keeps Go's evaluation
// order, since calling f does nothing but evaluate its arguments and
// allocate (the body is lazy).

// spawnKey identifies a function across files and package variants (a
// package and its in-package test variant type-check separately, so their
// *types.Func objects differ).
func spawnKey(fn *types.Func) string { return fn.Pkg().Path() + "." + fn.Name() }

// spawnable reports whether spawns of the async function declared by fd can
// go through a companion: a plain, non-generic, non-variadic function whose
// body is only `return aio.Async(...)`, so that calling it does no more than
// build its frame.
func spawnable(info *types.Info, fd *ast.FuncDecl) bool {
	if fd.Recv != nil || fd.Type.TypeParams != nil || fd.Name.Name == "_" || fd.Body == nil || len(fd.Body.List) != 1 {
		return false
	}
	if asyncsyntax.AsyncFuncDecl(info, fd) == nil {
		return false
	}
	fn, ok := info.Defs[fd.Name].(*types.Func)
	return ok && !fn.Type().(*types.Signature).Variadic()
}

// spawnCompanions names the companions of the spawnable async functions
// that files spawn; files are the files generated together (one package,
// with its test files). A name avoids every identifier of those files and
// of their packages' scopes, so it can be neither taken nor shadowed
// anywhere a spawn may be rewritten.
func spawnCompanions(files []genFile) map[string]string {
	used := map[string]bool{}
	spawned := map[string]bool{}
	for _, f := range files {
		ast.Inspect(f.file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				used[n.Name] = true
			case *ast.CallExpr:
				if fn := spawnedFunc(f.info, n); fn != nil {
					spawned[spawnKey(fn)] = true
				}
			}
			return true
		})
	}
	out := map[string]string{}
	for _, f := range files {
		for _, d := range f.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !spawnable(f.info, fd) {
				continue
			}
			fn := f.info.Defs[fd.Name].(*types.Func)
			key := spawnKey(fn)
			if _, done := out[key]; done || !spawned[key] {
				continue // never spawned, or seen through another package variant
			}
			want := "spawn" + strings.ToUpper(fd.Name.Name[:1]) + fd.Name.Name[1:]
			name := want
			for i := 2; used[name] || fn.Pkg().Scope().Lookup(name) != nil; i++ {
				name = fmt.Sprintf("%s%d", want, i)
			}
			used[name] = true
			out[key] = name
		}
	}
	return out
}

// genFile is a file to generate, with the type information of the package
// variant it is taken from.
type genFile struct {
	file *ast.File
	info *types.Info
}

// companionOf returns the companion name of the function fd declares, or "".
func (fg *fileGen) companionOf(fd *ast.FuncDecl) string {
	fn, ok := fg.info.Defs[fd.Name].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return ""
	}
	return fg.spawners[spawnKey(fn)]
}

// emitSpawnCompanion writes the companion of the async function fd, whose
// body a is: it fills in the frame inside a TaskFrame, as the constructor
// fills in a frame of its own, and starts the task.
func (fg *fileGen) emitSpawnCompanion(w *bytes.Buffer, fd *ast.FuncDecl, a *asyncLit, name string) {
	sig := fg.info.Defs[fd.Name].(*types.Func).Type().(*types.Signature)
	var params []string
	for i := 0; i < sig.Params().Len(); i++ {
		p := sig.Params().At(i)
		n := p.Name()
		if n == "" {
			n = "_"
		}
		params = append(params, n+" "+fg.typeString(p.Type()))
	}
	tf, opts := fg.freshName("tf"), fg.freshName("opts")
	params = append(params, opts+" []"+fg.aioS("TaskOption"))
	res := fg.typeString(a.result)
	w.WriteString(fg.lineDirective(fd.Pos()))
	fmt.Fprintf(w, "// %s is %s(%s(...), %s...) in one allocation.\n", name, fg.aioS("Spawn"), fd.Name.Name, opts)
	fmt.Fprintf(w, "func %s(%s) *%s[%s] {\n", name, strings.Join(params, ", "), fg.aioS("Task"), res)
	fmt.Fprintf(w, "%s := &%s[%s, %s]{}\n", tf, fg.aioS("TaskFrame"), res, a.frame)
	for _, c := range a.caps {
		if c.byValue {
			fmt.Fprintf(w, "%s.Frame.%s = %s\n", tf, c.field, c.v.Name())
		} else {
			fmt.Fprintf(w, "%s.Frame.%s = &%s\n", tf, c.field, c.v.Name())
		}
	}
	fmt.Fprintf(w, "return %s(%s, %s)\n}\n", fg.aioS("SpawnFrame"), tf, opts)
}

// spawnedFunc returns f when call is `aio.Spawn(f(args), opts...)`, f a
// package-level function called without a spread (f(xs...)), or nil.
func spawnedFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	if len(call.Args) == 0 || !asyncsyntax.IsAioFunc(info, call, "Spawn") {
		return nil
	}
	inner, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
	if !ok || inner.Ellipsis.IsValid() {
		return nil
	}
	id, ok := ast.Unparen(inner.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	fn, ok := info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil
	}
	return fn
}

// spawnTarget returns the companion name and the call of f when call is
// `aio.Spawn(f(args), opts...)` for a function f that has a companion.
func (fg *fileGen) spawnTarget(call *ast.CallExpr) (string, *ast.CallExpr) {
	if len(fg.spawners) == 0 {
		return "", nil
	}
	fn := spawnedFunc(fg.info, call)
	if fn == nil {
		return "", nil
	}
	return fg.spawners[spawnKey(fn)], ast.Unparen(call.Args[0]).(*ast.CallExpr)
}

// spawnCall returns the companion call replacing call (see spawnTarget), or
// nil.
func (rw *rewriter) spawnCall(call *ast.CallExpr) ast.Expr {
	name, inner := rw.fg.spawnTarget(call)
	if name == "" {
		return nil
	}
	var args []string
	for _, a := range inner.Args {
		args = append(args, rw.text(a))
	}
	opts := "nil"
	switch {
	case call.Ellipsis.IsValid():
		opts = rw.text(call.Args[1])
	case len(call.Args) > 1:
		var os []string
		for _, o := range call.Args[1:] {
			os = append(os, rw.text(o))
		}
		opts = "[]" + rw.fg.aioS("TaskOption") + "{" + strings.Join(os, ", ") + "}"
	}
	return raw(fmt.Sprintf("%s(%s)", name, strings.Join(append(args, opts), ", ")))
}

// hasSpawnCall reports whether n holds a spawn that spawnCall rewrites.
func (fg *fileGen) hasSpawnCall(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if name, _ := fg.spawnTarget(c); name != "" {
				found = true
			}
		}
		return !found
	})
	return found
}

// isCompanion reports whether name is taken by a companion.
func (fg *fileGen) isCompanion(name string) bool {
	for _, n := range fg.spawners {
		if n == name {
			return true
		}
	}
	return false
}
