package gen

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// raw embeds already generated Go text in an AST: the printer prints an
// identifier's name verbatim. Only primary expressions (selectors, calls,
// parenthesized expressions) are embedded this way, so operator precedence
// is never at stake.
func raw(text string) *ast.Ident { return &ast.Ident{Name: text} }

// rewriter copies user code into the twin: it replaces async closures by
// their frame constructors and, inside a state machine, variables by their
// storage, returns by frame completion and jumps by gotos.
type rewriter struct {
	fg *fileGen
	l  *lowerer // nil outside a state machine
	// inFunc: inside a plain func literal nested in the machine; its
	// returns and jumps are its own.
	inFunc bool
	// innerBreak/innerCont: an unlabeled break/continue binds to a
	// construct copied as written.
	innerBreak, innerCont bool
	// boxes maps boxed loop variables captured by an enclosing closure
	// wrapper to the wrapper's parameter.
	boxes map[*types.Var]string
	// inDefer: copying the body of an awaiting deferred func literal, whose
	// recover() calls are rewritten.
	inDefer bool
	// subst replaces operands already evaluated (select operands that
	// follow an await).
	subst map[ast.Node]ast.Expr
	// pkgLevel: copying a local type declaration to package level, where
	// the function's local constants and types are out of scope.
	pkgLevel bool
}

// markLines marks each line after the first of text, the code replacing
// the statement at pos, as that statement's continuation (see
// resolveMarkers): a return
// that becomes f.Return(...) and return must not shift the lines of the
// user's code after it.
func markLines(text string, pos token.Pos) string {
	return strings.ReplaceAll(text, "\n", "\n"+contMarker(pos)+" ")
}

func (rw *rewriter) with(f func(*rewriter)) *rewriter {
	n := *rw
	f(&n)
	return &n
}

func (rw *rewriter) expr(e ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	return clone(e, rw.hook)
}

func (rw *rewriter) stmt(s ast.Stmt) ast.Stmt { return clone(s, rw.hook) }

func (rw *rewriter) text(n ast.Node) string {
	if n == nil {
		return ""
	}
	return printNode(rw.fset(), clone(n, rw.hook))
}

// fset is the file set to print the rewritten code with (see printFset).
func (rw *rewriter) fset() *token.FileSet {
	if rw.l != nil {
		return rw.l.pfset
	}
	return rw.fg.printFset(nil)
}

func (rw *rewriter) hook(n ast.Node) (ast.Node, bool) {
	fg := rw.fg
	if e, ok := rw.subst[n]; ok {
		return e, true
	}
	switch n := n.(type) {
	case *ast.Ident:
		if c, ok := fg.info.Uses[n].(*types.Const); ok && rw.pkgLevel && isLocal(c) {
			// An array length: the constant's value.
			return &ast.Ident{NamePos: n.NamePos, Name: c.Val().ExactString()}, true
		}
		if tn, ok := fg.info.Uses[n].(*types.TypeName); ok {
			if rw.pkgLevel {
				fg.checkStaysLocal(tn)
			}
			if name := fg.movedRef(tn); name != "" {
				return &ast.Ident{NamePos: n.NamePos, Name: name}, true
			}
		}
		if e := rw.ref(n); e != nil {
			return e, true
		}
	case *ast.ArrayType:
		if rw.pkgLevel && n.Len != nil && mentionsLocal(fg.info, n.Len) {
			// An array length computed from local constants (or
			// len of a local array): its value.
			if tv, ok := fg.info.Types[n.Len]; ok && tv.Value != nil {
				return &ast.ArrayType{Lbrack: n.Lbrack, Len: &ast.BasicLit{ValuePos: n.Len.Pos(), Kind: token.INT, Value: tv.Value.ExactString()}, Elt: rw.expr(n.Elt)}, true
			}
		}
	case *ast.Field:
		if len(n.Names) == 0 && rw.pkgLevel {
			fg.checkEmbedded(n)
		}
	case *ast.DeclStmt:
		if gd, ok := n.Decl.(*ast.GenDecl); ok && gd.Tok == token.TYPE && rw.allMoved(gd) {
			// Declared at package level (see localTypeNames).
			return rw.droppedTypes(n), true
		}
	case *ast.CallExpr:
		if e := rw.spawnCall(n); e != nil {
			return e, true
		}
		if a := fg.byCall[n]; a != nil {
			return rw.ctorCall(a), true
		}
		if rw.inDefer && !rw.inFunc && isBuiltin(fg.info, n.Fun, "recover") {
			return raw(rw.l.f + ".defers.Recover()"), true
		}
	case *ast.FuncLit:
		if rw.l != nil {
			return rw.funcLit(n), true
		}
	case *ast.BlockStmt:
		if rw.l != nil && !rw.inFunc {
			return &ast.BlockStmt{Lbrace: n.Lbrace, List: rw.list(n.List), Rbrace: n.Rbrace}, true
		}
	case *ast.CaseClause:
		if rw.l != nil && !rw.inFunc {
			c := &ast.CaseClause{Case: n.Case, Colon: n.Colon, Body: rw.list(n.Body)}
			for _, e := range n.List {
				c.List = append(c.List, rw.expr(e))
			}
			return c, true
		}
	case *ast.CommClause:
		if rw.l != nil && !rw.inFunc {
			c := &ast.CommClause{Case: n.Case, Colon: n.Colon, Body: rw.list(n.Body)}
			if n.Comm != nil {
				c.Comm = rw.stmt(n.Comm)
			}
			return c, true
		}
	case *ast.ReturnStmt, *ast.DeferStmt:
		if rw.l != nil && !rw.inFunc {
			return &ast.ExprStmt{X: &ast.Ident{NamePos: n.Pos(), Name: markLines(strings.Join(rw.l.stmtTexts(n.(ast.Stmt), rw), "\n"), n.Pos())}}, true
		}
	case *ast.BranchStmt:
		if rw.l != nil && !rw.inFunc {
			if t := rw.l.branch(n, rw); t != "" {
				return &ast.ExprStmt{X: &ast.Ident{NamePos: n.Pos(), Name: markLines(t, n.Pos())}}, true
			}
		}
	case *ast.ForStmt, *ast.RangeStmt:
		if rw.l != nil && !rw.inFunc {
			return cloneChildren(n, rw.with(func(r *rewriter) { r.innerBreak, r.innerCont = true, true }).hook), true
		}
	case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		if rw.l != nil && !rw.inFunc {
			return cloneChildren(n, rw.with(func(r *rewriter) { r.innerBreak = true }).hook), true
		}
	}
	return nil, false
}

// allMoved reports whether the local types declared by gd all move to
// package level.
func (rw *rewriter) allMoved(gd *ast.GenDecl) bool {
	for _, sp := range gd.Specs {
		tn, _ := rw.fg.info.Defs[sp.(*ast.TypeSpec).Name].(*types.TypeName)
		if _, ok := rw.fg.moved(tn); !ok {
			return false
		}
	}
	return true
}

// droppedTypes replaces a declaration of local types moved to package
// level: by nothing, or by `_ = v` for the local variables their array
// lengths mention (len(arr)), which may have no other use.
func (rw *rewriter) droppedTypes(ds *ast.DeclStmt) ast.Stmt {
	var vars []ast.Expr
	seen := map[types.Object]bool{}
	ast.Inspect(ds, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := rw.fg.info.Uses[id].(*types.Var); ok && isLocal(v) && !v.IsField() && !seen[v] {
				seen[v] = true
				vars = append(vars, rw.expr(id))
			}
		}
		return true
	})
	if len(vars) == 0 {
		return &ast.EmptyStmt{Semicolon: ds.Pos(), Implicit: true}
	}
	lhs := make([]ast.Expr, len(vars))
	for i := range lhs {
		lhs[i] = &ast.Ident{NamePos: ds.Pos(), Name: "_"}
	}
	return &ast.AssignStmt{Lhs: lhs, TokPos: ds.Pos(), Tok: token.ASSIGN, Rhs: vars}
}

// mentionsLocal reports whether e refers to a local object.
func mentionsLocal(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if obj := info.Uses[id]; obj != nil && isLocal(obj) {
				found = true
			}
		}
		return !found
	})
	return found
}

// list copies a statement list; a statement may become several.
func (rw *rewriter) list(in []ast.Stmt) []ast.Stmt {
	out := make([]ast.Stmt, 0, len(in))
	for _, s := range in {
		out = append(out, clone(s, rw.hook))
	}
	return out
}

func isBuiltin(info *types.Info, fun ast.Expr, name string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// ref returns the storage of a variable of the machine, or nil.
func (rw *rewriter) ref(id *ast.Ident) ast.Expr {
	if rw.l == nil {
		return nil
	}
	obj := rw.fg.info.Uses[id]
	if obj == nil {
		obj = rw.fg.info.Defs[id]
	}
	v, ok := obj.(*types.Var)
	if !ok {
		return nil
	}
	if p, ok := rw.boxes[v]; ok {
		return &ast.Ident{NamePos: id.NamePos, Name: "(*" + p + ")"}
	}
	if s := rw.l.storage(v); s != "" {
		return &ast.Ident{NamePos: id.NamePos, Name: s}
	}
	return nil
}

// addr returns the address of variable v in this context.
func (rw *rewriter) addr(v *types.Var) string {
	if p, ok := rw.boxes[v]; ok {
		return p
	}
	if rw.l != nil {
		if s := rw.l.addr(v); s != "" {
			return s
		}
	}
	return "&" + v.Name()
}

// ctorCall is the replacement of an async closure: a call of its frame
// constructor with the addresses of the variables it shares.
func (rw *rewriter) ctorCall(a *asyncLit) ast.Expr {
	var args []string
	for _, c := range a.caps {
		args = append(args, rw.addr(c.v))
	}
	return raw(fmt.Sprintf("%s%s(%s)", a.ctor, a.targs, strings.Join(args, ", ")))
}

// funcLit copies a plain closure nested in a machine. Boxed loop variables
// (one box per iteration) are passed to a wrapper so that the closure keeps
// the box of the iteration that created it, as Go 1.22 loop variables do.
func (rw *rewriter) funcLit(lit *ast.FuncLit) ast.Expr {
	l := rw.l
	var boxed []*types.Var
	seen := map[*types.Var]bool{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := rw.fg.info.Uses[id].(*types.Var); ok && !seen[v] {
				if _, done := rw.boxes[v]; !done {
					if _, env := l.env[v]; env {
						seen[v] = true
						boxed = append(boxed, v)
					} else if vi := l.vars[v]; vi != nil && vi.hoisted && vi.box {
						seen[v] = true
						boxed = append(boxed, v)
					}
				}
			}
		}
		return true
	})
	inner := rw.with(func(r *rewriter) {
		r.inFunc, r.inDefer = true, false
		if len(boxed) > 0 {
			r.boxes = map[*types.Var]string{}
			for k, v := range rw.boxes {
				r.boxes[k] = v
			}
			for _, v := range boxed {
				r.boxes[v] = l.boxName(v)
			}
		}
	})
	out := cloneChildren(lit, inner.hook)
	if len(boxed) == 0 {
		return out
	}
	sort.Slice(boxed, func(i, j int) bool { return boxed[i].Pos() < boxed[j].Pos() })
	var params, args []string
	for _, v := range boxed {
		params = append(params, l.boxName(v)+" *"+rw.fg.typeString(v.Type()))
		args = append(args, l.f+"."+l.boxName(v))
	}
	sig := printNode(rw.fset(), out.Type)
	body := printNode(rw.fset(), out)
	return raw(fmt.Sprintf("func(%s) %s {\nreturn %s\n}(%s)", strings.Join(params, ", "), sig, body, strings.Join(args, ", ")))
}

// boxName is the frame field holding the pointer to v that a closure
// wrapper receives: v's box, or the environment pointer of the deferred
// block being compiled.
func (l *lowerer) boxName(v *types.Var) string {
	if e, ok := l.env[v]; ok {
		return e
	}
	return l.vars[v].name
}

// hasCalls reports whether evaluating e may have side effects that Go
// orders (calls, receives), so it must be evaluated before a later await.
func hasCalls(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				return true // conversion
			}
			if isBuiltin(info, n.Fun, "len") || isBuiltin(info, n.Fun, "cap") {
				return true
			}
			found = true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found = true
			}
		}
		return true
	})
	return found
}

// isAwaitCall reports whether n is a call of aio.Await.
func (fg *fileGen) isAwaitCall(n ast.Node) bool {
	c, ok := n.(*ast.CallExpr)
	return ok && asyncsyntax.IsAwait(fg.info, c)
}
