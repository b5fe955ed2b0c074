package gen

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// Local types declared in an async body move to package level (a frame
// field may have such a type), keeping their names when they can. Two local
// types of the package with the same name (in one function, two functions or
// two files), or one named like a package-level declaration, would collide
// there: the first declaration of a name (in file order) keeps it and the
// others are renamed after their function (localTypeNames). Every file of
// the package is generated on its own, so the choice is made from all of
// them up front.

// localTypeKey identifies a local type across the package's files (a
// package loaded with and without its tests has two type-checked copies of
// a file; positions are the same in both).
type localTypeKey struct {
	file string
	off  int
}

// localTypeNames returns the local types declared in the async bodies of
// files, which may move to package level: each maps to its new name, or to
// "" if it keeps its own.
func localTypeNames(fset *token.FileSet, files []genFile) map[localTypeKey]string {
	type local struct {
		key      localTypeKey
		name, fn string
		pkgScope *types.Scope
	}
	var all []local
	idents := map[string]bool{}
	for _, f := range files {
		ast.Inspect(f.file, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				idents[id.Name] = true
			}
			return true
		})
		for _, d := range f.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn := fd.Name.Name
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				fn = recvTypeName(fd.Recv.List[0].Type) + upperFirst(fn)
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if !ok || !asyncsyntax.IsAioFunc(f.info, c, "Async") || len(c.Args) != 1 {
					return true
				}
				lit, ok := c.Args[0].(*ast.FuncLit)
				if !ok {
					return true
				}
				ast.Inspect(lit.Body, func(n ast.Node) bool {
					ts, ok := n.(*ast.TypeSpec)
					if !ok {
						return true
					}
					obj, _ := f.info.Defs[ts.Name].(*types.TypeName)
					if obj == nil || obj.Pkg() == nil {
						return true
					}
					p := fset.Position(ts.Name.Pos())
					all = append(all, local{key: localTypeKey{p.Filename, p.Offset}, name: obj.Name(), fn: fn, pkgScope: obj.Pkg().Scope()})
					return true
				})
				return false // nested async literals are inside lit.Body
			})
		}
	}
	out := map[localTypeKey]string{}
	kept := map[string]bool{}
	used := map[string]bool{}
	seen := map[localTypeKey]bool{}
	for _, l := range all {
		if seen[l.key] {
			continue
		}
		seen[l.key] = true
		if !kept[l.name] && l.pkgScope.Lookup(l.name) == nil {
			kept[l.name] = true
			out[l.key] = "" // may move, keeping its name
			continue
		}
		want := lowerFirst(l.fn) + upperFirst(l.name)
		name := want
		for i := 2; idents[name] || used[name] || l.pkgScope.Lookup(name) != nil; i++ {
			name = want + strconv.Itoa(i)
		}
		used[name] = true
		out[l.key] = name
	}
	return out
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// renamedType returns the package-level name of the local type obj if it is
// renamed, or "".
func (fg *fileGen) renamedType(obj *types.TypeName) string {
	if obj == nil || len(fg.localTypes) == 0 {
		return ""
	}
	p := fg.fset.Position(obj.Pos())
	return fg.localTypes[localTypeKey{p.Filename, p.Offset}]
}

// isLocal reports whether obj is declared inside a function.
func isLocal(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope()
}

// checkStaysLocal reports a local type declared outside every async body
// (in an async function's preamble, or in the function around an async
// closure): a state machine, which lives at package level, cannot name it.
func (fg *fileGen) checkStaysLocal(obj *types.TypeName) {
	if obj == nil || !isLocal(obj) || obj.Pkg() != fg.pkg {
		return
	}
	if _, ok := obj.Type().(*types.TypeParam); ok {
		return
	}
	p := fg.fset.Position(obj.Pos())
	if _, ok := fg.localTypes[localTypeKey{p.Filename, p.Offset}]; ok {
		return
	}
	if fg.reported == nil {
		fg.reported = map[types.Object]bool{}
	}
	if fg.reported[obj] {
		return
	}
	fg.reported[obj] = true
	fg.errorf(obj.Pos(), "asyncgo: local type %s is used by an async body's state machine, which cannot see it outside the aio.Async literal; declare it at package level or inside the literal", obj.Name())
}

// renameTypes returns t with the renamed local types replaced by types of
// their new names, for printing.
func (fg *fileGen) renameTypes(t types.Type) types.Type {
	var walk func(t types.Type) types.Type
	vars := func(vs []*types.Var) ([]*types.Var, bool) {
		changed := false
		out := make([]*types.Var, len(vs))
		for i, v := range vs {
			nt := walk(v.Type())
			if nt != v.Type() {
				changed = true
				v = types.NewField(v.Pos(), v.Pkg(), v.Name(), nt, v.Embedded())
			}
			out[i] = v
		}
		return out, changed
	}
	tuple := func(t *types.Tuple) (*types.Tuple, bool) {
		if t == nil {
			return nil, false
		}
		vs := make([]*types.Var, t.Len())
		for i := range vs {
			vs[i] = t.At(i)
		}
		nv, ch := vars(vs)
		if !ch {
			return t, false
		}
		return types.NewTuple(nv...), true
	}
	walk = func(t types.Type) types.Type {
		switch t := t.(type) {
		case *types.Named:
			fg.checkStaysLocal(t.Obj())
			if name := fg.renamedType(t.Obj()); name != "" {
				return types.NewNamed(types.NewTypeName(t.Obj().Pos(), t.Obj().Pkg(), name, nil), t.Underlying(), nil)
			}
			if args := t.TypeArgs(); args != nil && args.Len() > 0 {
				nargs := make([]types.Type, args.Len())
				changed := false
				for i := range nargs {
					nargs[i] = walk(args.At(i))
					changed = changed || nargs[i] != args.At(i)
				}
				if changed {
					if it, err := types.Instantiate(nil, t.Origin(), nargs, false); err == nil {
						return it
					}
				}
			}
		case *types.Alias:
			fg.checkStaysLocal(t.Obj())
			if name := fg.renamedType(t.Obj()); name != "" {
				return types.NewAlias(types.NewTypeName(t.Obj().Pos(), t.Obj().Pkg(), name, nil), t.Rhs())
			}
		case *types.Pointer:
			if e := walk(t.Elem()); e != t.Elem() {
				return types.NewPointer(e)
			}
		case *types.Slice:
			if e := walk(t.Elem()); e != t.Elem() {
				return types.NewSlice(e)
			}
		case *types.Array:
			if e := walk(t.Elem()); e != t.Elem() {
				return types.NewArray(e, t.Len())
			}
		case *types.Chan:
			if e := walk(t.Elem()); e != t.Elem() {
				return types.NewChan(t.Dir(), e)
			}
		case *types.Map:
			k, e := walk(t.Key()), walk(t.Elem())
			if k != t.Key() || e != t.Elem() {
				return types.NewMap(k, e)
			}
		case *types.Struct:
			fs := make([]*types.Var, t.NumFields())
			tags := make([]string, t.NumFields())
			for i := range fs {
				fs[i], tags[i] = t.Field(i), t.Tag(i)
			}
			if nf, ch := vars(fs); ch {
				return types.NewStruct(nf, tags)
			}
		case *types.Signature:
			p, ch1 := tuple(t.Params())
			r, ch2 := tuple(t.Results())
			if ch1 || ch2 {
				return types.NewSignatureType(nil, nil, nil, p, r, t.Variadic())
			}
		case *types.Interface:
			changed := false
			var ms []*types.Func
			for i := 0; i < t.NumExplicitMethods(); i++ {
				m := t.ExplicitMethod(i)
				s := walk(m.Type())
				changed = changed || s != m.Type()
				ms = append(ms, types.NewFunc(m.Pos(), m.Pkg(), m.Name(), s.(*types.Signature)))
			}
			var es []types.Type
			for i := 0; i < t.NumEmbeddeds(); i++ {
				e := walk(t.EmbeddedType(i))
				changed = changed || e != t.EmbeddedType(i)
				es = append(es, e)
			}
			if changed {
				return types.NewInterfaceType(ms, es)
			}
		}
		return t
	}
	return walk(t)
}
