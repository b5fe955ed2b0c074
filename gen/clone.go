package gen

import (
	"go/ast"
	"reflect"
)

// cloneHook is called on every node of the original tree, before it is
// copied. It returns a replacement (already built, not copied further) and
// true, or false to let clone copy the node and descend into it. Hooks see
// original nodes, so types.Info lookups keep working while rewriting.
type cloneHook func(n ast.Node) (ast.Node, bool)

var (
	nodeType     = reflect.TypeOf((*ast.Node)(nil)).Elem()
	objectType   = reflect.TypeOf((*ast.Object)(nil))
	scopeType    = reflect.TypeOf((*ast.Scope)(nil))
	commentGType = reflect.TypeOf((*ast.CommentGroup)(nil))
)

// clone deep-copies an AST subtree, applying hook on the way down. Copies
// keep the original positions so that the printer keeps the user's layout.
func clone[N ast.Node](n N, hook cloneHook) N {
	v := reflect.ValueOf(n)
	if !v.IsValid() || (v.Kind() == reflect.Pointer && v.IsNil()) {
		return n
	}
	out := cloneValue(v, hook)
	if !out.IsValid() {
		var zero N
		return zero
	}
	return out.Interface().(N)
}

func cloneValue(v reflect.Value, hook cloneHook) reflect.Value {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := cloneValue(v.Elem(), hook)
		out := reflect.New(v.Type()).Elem()
		if c.IsValid() {
			out.Set(c)
		}
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		switch v.Type() {
		case objectType, scopeType:
			return reflect.Zero(v.Type())
		case commentGType:
			return v
		}
		if hook != nil && v.Type().Implements(nodeType) {
			if r, ok := hook(v.Interface().(ast.Node)); ok {
				if r == nil {
					return reflect.Zero(v.Type())
				}
				rv := reflect.ValueOf(r)
				if !rv.Type().AssignableTo(v.Type()) {
					// A replacement of another node type (an ident turned
					// into a selector): the caller's field must be an
					// interface, which Set handles in the parent.
					return rv
				}
				return rv
			}
		}
		return cloneStruct(v, hook)
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			c := cloneValue(v.Index(i), hook)
			if !c.IsValid() {
				continue
			}
			out = reflect.Append(out, c)
		}
		return out
	default:
		return v
	}
}

// cloneStruct copies the struct v points to, cloning its fields with hook
// (but not calling hook on v itself).
func cloneStruct(v reflect.Value, hook cloneHook) reflect.Value {
	e := v.Elem()
	if e.Kind() != reflect.Struct {
		return v
	}
	np := reflect.New(e.Type())
	for i := 0; i < e.NumField(); i++ {
		c := cloneValue(e.Field(i), hook)
		if !c.IsValid() {
			continue
		}
		dst := np.Elem().Field(i)
		if !c.Type().AssignableTo(dst.Type()) {
			panic("gen: clone: replacement " + c.Type().String() + " does not fit " + dst.Type().String())
		}
		dst.Set(c)
	}
	return np
}

// cloneChildren copies n without calling hook on n itself.
func cloneChildren[N ast.Node](n N, hook cloneHook) N {
	return cloneStruct(reflect.ValueOf(n), hook).Interface().(N)
}
