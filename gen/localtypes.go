package gen

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// Local types of a function holding async code move to package level: a
// state machine (frame type, Resume) lives there and may need them, for a
// frame field or a spilled temporary, wherever they are declared (in the
// aio.Async literal, in an async function's preamble, or in the function
// around an async closure). Every local type of such a declaration moves, so
// that each use can be rewritten without knowing whether the lowering
// flattens the statement declaring it.
//
// Names. A moved type keeps its name when nothing else could be meant by it
// at package level: no package-level or import name, no other local type of
// the package moved earlier (in file order) with that name, and no other
// object of its declaration with that name (which the type shadowed).
// Otherwise it is renamed after its function, which %T and reflection then
// show. Every file of the package is generated on its own, so the choice
// is made from all of them up front.
//
// Generic functions. Go makes a local type of a generic function generic
// itself: it is a different type in each instantiation, and %T shows the
// function's type arguments (main.pair[int,string]), whether or not the
// type mentions them. So a moved local type of a generic function takes all
// of the function's type parameters, receiver's first, with their
// constraints, and every use is instantiated with them (pair[K, V]); the
// frames of the function have the same parameters, so pair[K, V] means the
// same in Resume as in the function.

// localTypeKey identifies a local type across the package's files (a
// package loaded with and without its tests has two type-checked copies of
// a file; positions are the same in both).
type localTypeKey struct {
	file string
	off  int
}

// movedType is the package-level form of a local type.
type movedType struct {
	name  string // its name there
	targs string // "[K, V]": the type arguments of a use (generic function), or ""
}

// localTypeNames returns the local types of the declarations holding async
// code in files, which move to package level, with their package-level
// names.
func localTypeNames(fset *token.FileSet, files []genFile) map[localTypeKey]movedType {
	type local struct {
		key      localTypeKey
		name, fn string
		targs    string
		pkgScope *types.Scope
		clash    bool // another object of the declaration has its name
	}
	var all []local
	idents := map[string]bool{}
	imports := map[string]bool{}
	for _, f := range files {
		ast.Inspect(f.file, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				idents[id.Name] = true
			}
			return true
		})
		for _, imp := range f.file.Imports {
			if pn, ok := f.info.Implicits[imp].(*types.PkgName); ok {
				imports[pn.Name()] = true
			}
			if imp.Name != nil {
				imports[imp.Name.Name] = true
			}
		}
		for _, d := range f.file.Decls {
			if !hasAsyncLit(f.info, d) {
				continue
			}
			fn, targs := "async", ""
			switch d := d.(type) {
			case *ast.FuncDecl:
				fn = d.Name.Name
				if d.Recv != nil && len(d.Recv.List) == 1 {
					fn = recvTypeName(d.Recv.List[0].Type) + upperFirst(fn)
				}
				_, names := declTypeParams(f.info, d, nil)
				if len(names) > 0 {
					targs = "[" + strings.Join(names, ", ") + "]"
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					if vs, ok := sp.(*ast.ValueSpec); ok && len(vs.Names) > 0 && vs.Names[0].Name != "_" {
						fn = vs.Names[0].Name
						break
					}
				}
			}
			// Names of the declaration's objects a moved type could be
			// confused with once its declaration is gone.
			names := map[string][]types.Object{}
			ast.Inspect(d, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok {
					return true
				}
				switch obj := f.info.Defs[id].(type) {
				case *types.Var:
					if !obj.IsField() {
						names[id.Name] = append(names[id.Name], obj)
					}
				case *types.Const:
					if isLocal(obj) {
						names[id.Name] = append(names[id.Name], obj)
					}
				case *types.TypeName:
					// Other local types move too, under names of
					// their own; type parameters stay.
					if _, ok := obj.Type().(*types.TypeParam); ok {
						names[id.Name] = append(names[id.Name], obj)
					}
				}
				return true
			})
			ast.Inspect(d, func(n ast.Node) bool {
				ts, ok := n.(*ast.TypeSpec)
				if !ok {
					return true
				}
				obj, _ := f.info.Defs[ts.Name].(*types.TypeName)
				if obj == nil || obj.Pkg() == nil || !isLocal(obj) {
					return true
				}
				p := fset.Position(ts.Name.Pos())
				all = append(all, local{key: localTypeKey{p.Filename, p.Offset}, name: obj.Name(), fn: fn, targs: targs,
					pkgScope: obj.Pkg().Scope(), clash: len(names[obj.Name()]) > 0})
				return true
			})
		}
	}
	out := map[localTypeKey]movedType{}
	kept := map[string]bool{}
	used := map[string]bool{}
	for _, l := range all {
		if _, seen := out[l.key]; seen {
			continue
		}
		if !kept[l.name] && !l.clash && !imports[l.name] && l.pkgScope.Lookup(l.name) == nil {
			kept[l.name] = true
			out[l.key] = movedType{l.name, l.targs}
			continue
		}
		want := lowerFirst(l.fn) + upperFirst(l.name)
		name := want
		for i := 2; idents[name] || used[name] || imports[name] || l.pkgScope.Lookup(name) != nil; i++ {
			name = want + strconv.Itoa(i)
		}
		used[name] = true
		out[l.key] = movedType{name, l.targs}
	}
	return out
}

// hasAsyncLit reports whether d holds an aio.Async call.
func hasAsyncLit(info *types.Info, d ast.Node) bool {
	found := false
	ast.Inspect(d, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && asyncsyntax.IsAioFunc(info, c, "Async") {
			found = true
		}
		return !found
	})
	return found
}

// declTypeParams returns the type parameters of fd, receiver's first: with
// their constraints printed by typeString (if not nil), and their names.
func declTypeParams(info *types.Info, fd *ast.FuncDecl, typeString func(types.Type) string) (full, names []string) {
	obj, _ := info.Defs[fd.Name].(*types.Func)
	if obj == nil {
		return nil, nil
	}
	sig := obj.Type().(*types.Signature)
	for _, tps := range []*types.TypeParamList{sig.RecvTypeParams(), sig.TypeParams()} {
		for i := 0; i < tps.Len(); i++ {
			tp := tps.At(i)
			names = append(names, tp.Obj().Name())
			if typeString != nil {
				full = append(full, tp.Obj().Name()+" "+typeString(tp.Constraint()))
			}
		}
	}
	return full, names
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// movedRef returns how code refers to the local type obj once moved to
// package level (its new name, instantiated in a generic function), or ""
// if the type is not moved or is referred to as written.
func (fg *fileGen) movedRef(obj *types.TypeName) string {
	m, ok := fg.moved(obj)
	if !ok || m.name == obj.Name() && m.targs == "" {
		return ""
	}
	return m.name + m.targs
}

// moved returns the package-level form of the local type obj, if it moves.
func (fg *fileGen) moved(obj *types.TypeName) (movedType, bool) {
	if obj == nil || len(fg.localTypes) == 0 {
		return movedType{}, false
	}
	p := fg.fset.Position(obj.Pos())
	m, ok := fg.localTypes[localTypeKey{p.Filename, p.Offset}]
	return m, ok
}

// isLocal reports whether obj is declared inside a function.
func isLocal(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope()
}

// checkStaysLocal reports a local type that generated package-level code
// would need but that does not move (a generator bug: every local type of
// a declaration holding async code moves).
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
	fg.errorf(obj.Pos(), "asyncgo internal error (please report): local type %s is used at package level but does not move there; declare it at package level", obj.Name())
}

// checkEmbedded reports an embedded field of a moved struct type whose
// type is a renamed local type: the field's name would change with it.
func (fg *fileGen) checkEmbedded(f *ast.Field) {
	e := f.Type
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.ParenExpr:
			e = x.X
			continue
		}
		break
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return
	}
	tn, _ := fg.info.Uses[id].(*types.TypeName)
	m, ok := fg.moved(tn)
	if !ok || m.name == tn.Name() || fg.reported[tn] {
		return
	}
	if fg.reported == nil {
		fg.reported = map[types.Object]bool{}
	}
	fg.reported[tn] = true
	fg.errorf(f.Pos(), "asyncgo: local type %s is embedded, but moving it to package level renames it to %s (the name is taken there), which would rename the field; rename the local type", tn.Name(), m.name)
}

// renameTypes returns t with the moved local types replaced by types named
// as code refers to them at package level (pair2, pair[K, V]), for
// printing.
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
			if name := fg.movedRef(t.Obj()); name != "" {
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
			if name := fg.movedRef(t.Obj()); name != "" {
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
