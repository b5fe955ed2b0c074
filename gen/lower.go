package gen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// lowerer compiles one async body into the Resume method of its frame.
//
// The body is flattened: statements that contain an await (and the
// compound statements around them) become a flat list of statements at the
// top level of Resume, joined by labels and gotos, so that Resume can jump
// back to any await it suspended at. Statements without awaits are copied
// as written. Variables declared at the flat level are hoisted: to frame
// fields when they live across an await (or are shared with closures), else
// to locals declared at the top of Resume, so no goto jumps over a
// declaration.
type lowerer struct {
	fg    *fileGen
	a     *asyncLit
	info  *types.Info
	f, r  string         // receiver and runner names in Resume
	pfset *token.FileSet // to print copied code with (see printFset)

	items []item
	vars  map[*types.Var]*varInfo

	fields     []decl
	fieldNames map[string]bool
	locals     []decl
	localNames map[string]bool
	typeDecls  []string
	labels     map[string]bool
	nlabel     int

	pcLines []int // source line of each resume point
	awaits  []awaitSite
	loops   []ast.Node // loops that contain an await
	targets []*target
	pulls   []pull
	// pullStops: the stop fields of every pulled iterator, in source order;
	// ppanic: the frame field handing a panic to the iterators it leaves.
	pullStops []string
	ppanic    string
	zeros     []string // await fields to clear after the current statement
	defers    bool
	dblocks   []*deferBlock
	inDefer   bool
	// env: while compiling a deferred block, the variables it reaches
	// through its environment (see deferEnv), to their frame fields.
	env     map[*types.Var]string
	results []string // result fields, when the body defers
	named   []*types.Var
	hasGoto bool
	// backGoto: a goto jumps backwards, so a declaration may run again
	// and make a new variable, as in a loop.
	backGoto bool
	rw       *rewriter
	others   map[string]bool
	flat     bool   // the body neither awaits nor defers: nothing is hoisted
	lp       string // prefix of the fixed labels (resumeN, unwind, deferN)
}

type item struct {
	label string
	text  string
	line  int
	term  bool // the text ends control flow (return, goto, panic)
}

type decl struct {
	name, typ string
	zero      bool // the type has size zero (see zeroSize)
}

type awaitSite struct {
	pos      token.Pos
	deferLit *ast.FuncLit // the deferred func literal holding it, if any
}

type target struct {
	stmt      ast.Stmt
	label     string // the user's label, if any
	brk, cont string
	npull     int // pulls active outside the target
}

type pull struct {
	stop string
	loop ast.Node // the range statement pulling
}

type deferBlock struct {
	n   int
	lit *ast.FuncLit
	env []envVar // see deferEnv
}

// envVar is a variable a deferred block reaches through a pointer pushed
// by its defer statement: stack holds the pointers of pending calls, cur
// the one of the call running.
type envVar struct {
	v          *types.Var
	stack, cur string
}

type varInfo struct {
	name     string
	typ      types.Type
	hoisted  bool
	frame    bool
	box      bool
	cap      *capture
	captured bool // used by a closure, or address taken
	inLoop   bool // declared inside a loop that awaits
	live     bool
	lastRef  token.Pos // effective position of the last use
	cleared  bool      // zeroed once dead, at a later await
}

func newLowerer(fg *fileGen, a *asyncLit) *lowerer {
	l := &lowerer{
		fg: fg, a: a, info: fg.info,
		vars:       map[*types.Var]*varInfo{},
		fieldNames: map[string]bool{},
		localNames: map[string]bool{},
		labels:     map[string]bool{},
	}
	l.f = fg.freshName("f")
	l.r = fg.freshName("r")
	l.pfset = fg.printFset(a)
	l.rw = &rewriter{fg: fg, l: l}
	for _, c := range a.caps {
		l.fieldNames[c.field] = true
		l.vars[c.v] = &varInfo{name: c.field, cap: c, typ: c.v.Type()}
	}
	l.analyze()
	// The fixed labels must not collide with the user's labels.
	for name := range fg.idents {
		if name == "unwind" || fixedLabelRE.MatchString(name) {
			l.lp = "aio_"
		}
	}
	for _, v := range l.named {
		l.hoist(v)
	}
	return l
}

var fixedLabelRE = regexp.MustCompile(`^(resume|defer)[0-9]+$`)

// freshName returns a name that no identifier of the file uses.
func (fg *fileGen) freshName(want string) string {
	name := want
	for i := 2; fg.idents[name]; i++ {
		name = want + strconv.Itoa(i)
	}
	return name
}

// analyze finds the awaits, loops, defers and variables of the body.
func (l *lowerer) analyze() {
	fg := l.fg
	body := l.a.lit.Body
	var deferLits = map[*ast.FuncLit]bool{}
	// Awaits of this machine: not in nested async bodies; in deferred
	// func literals they belong to the defer block.
	var walk func(n ast.Node, dl *ast.FuncLit)
	walk = func(n ast.Node, dl *ast.FuncLit) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if fg.byCall[n] != nil {
					return false
				}
				if fg.isAwaitCall(n) {
					l.awaits = append(l.awaits, awaitSite{n.Pos(), dl})
				}
			case *ast.DeferStmt:
				l.defers = true
				if lit, ok := n.Call.Fun.(*ast.FuncLit); ok && len(n.Call.Args) == 0 {
					deferLits[lit] = true
					walk(lit.Body, lit)
					return false
				}
			case *ast.FuncLit:
				return false
			case *ast.BranchStmt:
				if n.Tok == token.GOTO {
					l.hasGoto = true
					if lb := l.info.Uses[n.Label]; lb != nil && lb.Pos() < n.Pos() {
						l.backGoto = true
					}
				}
			case *ast.LabeledStmt:
				l.labels[n.Label.Name] = true
			}
			return true
		})
	}
	walk(body, nil)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if l.hasAwait(n) {
				l.loops = append(l.loops, n)
			}
		}
		return true
	})
	// Variables declared in the body (not in nested closures, but in
	// inlined deferred literals that await).
	sig := l.info.TypeOf(l.a.lit).(*types.Signature)
	type vref struct {
		v   *types.Var
		pos token.Pos
	}
	var refs []vref
	declared := map[*types.Var]bool{}
	if sig.Results().At(0).Name() != "" {
		for i := 0; i < sig.Results().Len(); i++ {
			v := sig.Results().At(i)
			l.named = append(l.named, v)
			declared[v] = true
		}
	}
	captured := map[*types.Var]bool{}
	// A variable is born where its declaring statement ends (x, err :=
	// Await(...) does not keep x across that await).
	birth := map[*types.Var]token.Pos{}
	setBirth := func(ids []ast.Expr, at token.Pos) {
		for _, e := range ids {
			if id, ok := e.(*ast.Ident); ok {
				if v, ok := l.info.Defs[id].(*types.Var); ok {
					birth[v] = at
				}
			}
		}
	}
	// A read inside a statement may happen after an await of the same
	// statement (gc evaluates plain operands late): a reference counts as
	// made at the end of its enclosing simple statement or header
	// expression.
	var stack []ast.Node
	effective := func(pos token.Pos) token.Pos {
		for i := len(stack) - 1; i >= 0; i-- {
			if c, ok := stack[i].(*ast.CallExpr); ok && fg.isAwaitCall(c) {
				if len(c.Args) == 1 && l.hasAwait(c.Args[0]) {
					// The operand awaits itself: a plain read in it
					// may happen after those inner awaits.
					return c.End()
				}
				return c.Pos() // read to build what is awaited: before it
			}
			switch n := stack[i].(type) {
			case *ast.BlockStmt, *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt,
				*ast.TypeSwitchStmt, *ast.SelectStmt, *ast.CaseClause, *ast.CommClause, *ast.LabeledStmt, *ast.FuncLit:
				if i+1 < len(stack) {
					if e := stack[i+1].End(); e > pos {
						return e
					}
				}
				return pos
			case ast.Stmt:
				if n.End() > pos {
					return n.End()
				}
				return pos
			}
		}
		return pos
	}
	var scan func(n ast.Node, inLit bool)
	scan = func(n ast.Node, inLit bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			switch n := n.(type) {
			case *ast.Ident:
				if v, ok := l.info.Defs[n].(*types.Var); ok && !inLit {
					declared[v] = true
				}
				if v, ok := l.info.Uses[n].(*types.Var); ok {
					refs = append(refs, vref{v, effective(n.Pos())})
					if inLit {
						captured[v] = true
					}
				}
			case *ast.FuncLit:
				if !inLit && !deferLits[n] {
					scan(n.Body, true)
					stack = stack[:len(stack)-1]
					return false
				}
				if deferLits[n] && !l.hasAwaitIn(n) {
					scan(n.Body, true)
					stack = stack[:len(stack)-1]
					return false
				}
				if deferLits[n] {
					// Inlined, but runs after the body: everything it uses
					// must live in the frame.
					ast.Inspect(n.Body, func(m ast.Node) bool {
						if id, ok := m.(*ast.Ident); ok {
							if v, ok := l.info.Uses[id].(*types.Var); ok {
								captured[v] = true
							}
						}
						return true
					})
				}
			case *ast.CallExpr:
				if fg.byCall[n] != nil {
					scan(n.Args[0], true)
					stack = stack[:len(stack)-1]
					return false
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if v := rootVar(l.info, n.X); v != nil {
						captured[v] = true
					}
				}
			case *ast.SelectorExpr:
				if sel := l.info.Selections[n]; sel != nil && sel.Kind() == types.MethodVal {
					if fn, ok := sel.Obj().(*types.Func); ok {
						if recv := fn.Type().(*types.Signature).Recv(); recv != nil && isPointer(recv.Type()) && !isPointer(l.info.TypeOf(n.X)) {
							if v := rootVar(l.info, n.X); v != nil {
								captured[v] = true
							}
						}
					}
				}
			case *ast.CaseClause:
				if v, ok := l.info.Implicits[n].(*types.Var); ok {
					declared[v] = true
					birth[v] = n.Colon
				}
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE {
					setBirth(n.Lhs, n.End())
				}
			case *ast.ValueSpec:
				var ids []ast.Expr
				for _, id := range n.Names {
					ids = append(ids, id)
				}
				setBirth(ids, n.End())
			case *ast.RangeStmt:
				if n.Tok == token.DEFINE {
					setBirth([]ast.Expr{n.Key, n.Value}, n.Body.Pos())
				}
			}
			return true
		})
	}
	scan(body, false)
	lastRef := map[*types.Var]token.Pos{}
	for _, r := range refs {
		if !declared[r.v] {
			continue
		}
		end := r.pos
		for _, lp := range l.loops {
			if lp.Pos() <= r.pos && r.pos < lp.End() && !inLoopBody(lp, r.v.Pos()) && lp.End() > end {
				end = lp.End()
			}
		}
		if end > lastRef[r.v] {
			lastRef[r.v] = end
		}
	}
	for v := range declared {
		vi := &varInfo{typ: v.Type(), captured: captured[v]}
		for _, lp := range l.loops {
			if lp.Pos() <= v.Pos() && v.Pos() < lp.End() {
				vi.inLoop = true
			}
		}
		born := v.Pos()
		if b, ok := birth[v]; ok {
			born = b
		}
		for _, a := range l.awaits {
			if a.pos > born && a.pos < lastRef[v] {
				vi.live = true
			}
		}
		vi.lastRef = lastRef[v]
		vi.frame = vi.live || vi.captured || l.hasGoto
		vi.box = vi.captured && (vi.inLoop || l.backGoto && !isResult(v, l.named))
		l.vars[v] = vi
	}
	for _, v := range l.named {
		if l.defers {
			l.vars[v].frame = true
		}
	}
}

func isResult(v *types.Var, named []*types.Var) bool {
	for _, r := range named {
		if r == v {
			return true
		}
	}
	return false
}

// inLoopBody reports whether pos lies in the body of a loop (so a variable
// declared there is a new one in each iteration).
func inLoopBody(loop ast.Node, pos token.Pos) bool {
	var b *ast.BlockStmt
	switch s := loop.(type) {
	case *ast.ForStmt:
		b = s.Body
	case *ast.RangeStmt:
		b = s.Body
	}
	return b != nil && b.Pos() <= pos && pos < b.End()
}

// hasAwait reports whether n contains an await of this machine outside
// deferred literals (or, when n is inside one, in it).
func (l *lowerer) hasAwait(n ast.Node) bool {
	if n == nil || (isNilNode(n)) {
		return false
	}
	for _, a := range l.awaits {
		if a.pos >= n.Pos() && a.pos < n.End() {
			if a.deferLit == nil || (n.Pos() >= a.deferLit.Pos() && n.End() <= a.deferLit.End()) {
				return true
			}
		}
	}
	return false
}

// hasAwaitIn reports whether the deferred literal lit awaits.
func (l *lowerer) hasAwaitIn(lit *ast.FuncLit) bool {
	for _, a := range l.awaits {
		if a.deferLit == lit {
			return true
		}
	}
	return false
}

func isNilNode(n ast.Node) bool {
	switch x := n.(type) {
	case ast.Expr:
		return x == nil
	}
	return false
}

// hoist gives a variable declared at the flat level its storage.
func (l *lowerer) hoist(v *types.Var) *varInfo {
	vi := l.vars[v]
	if vi == nil {
		vi = &varInfo{typ: v.Type(), frame: true}
		l.vars[v] = vi
	}
	if vi.hoisted || vi.cap != nil {
		return vi
	}
	vi.hoisted = true
	typ := l.fg.typeString(v.Type())
	if vi.box {
		typ = "*" + typ
	}
	if vi.frame || vi.box {
		vi.name = uniqueField(v.Name(), l.fieldNames)
		l.fields = append(l.fields, decl{vi.name, typ, !vi.box && zeroSize(v.Type())})
	} else {
		vi.name = l.localName(v.Name())
		l.locals = append(l.locals, decl{name: vi.name, typ: typ})
	}
	return vi
}

// localName returns a name for a Resume local: the variable's own name when
// nothing else in the file uses it as another object, else a fresh one.
func (l *lowerer) localName(want string) string {
	if !l.localNames[want] && want != l.f && want != l.r && !l.otherObject(want) {
		l.localNames[want] = true
		return want
	}
	name := want
	for i := 2; l.fg.idents[name] || l.localNames[name] || name == l.f || name == l.r; i++ {
		name = want + strconv.Itoa(i)
	}
	l.localNames[name] = true
	return name
}

// otherObject reports whether the body refers by name to something that is
// not a variable declared in it (a package-level name, an import, a
// builtin), which a hoisted local of that name would shadow.
func (l *lowerer) otherObject(name string) bool {
	if l.others == nil {
		l.others = map[string]bool{}
		ast.Inspect(l.a.lit.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && l.isOther(id) {
				l.others[id.Name] = true
			}
			return true
		})
	}
	return l.others[name]
}

// isOther reports whether id names something other than a variable of the
// body (see otherObject).
func (l *lowerer) isOther(id *ast.Ident) bool {
	obj := l.info.Uses[id]
	switch obj := obj.(type) {
	case nil, *types.Label:
		return false
	case *types.Var:
		if obj.IsField() || l.vars[obj] != nil && l.vars[obj].cap == nil {
			return false
		}
	case *types.Func:
		if sig, ok := obj.Type().(*types.Signature); ok && sig.Recv() != nil {
			return false // a method, always selected
		}
	}
	return true
}

// storage returns how the Resume code names variable v, or "".
func (l *lowerer) storage(v *types.Var) string {
	if e, ok := l.env[v]; ok {
		return "(*" + l.f + "." + e + ")"
	}
	vi := l.vars[v]
	if vi == nil {
		return ""
	}
	switch {
	case vi.cap != nil && vi.cap.byValue:
		return l.f + "." + vi.name
	case vi.cap != nil:
		return "(*" + l.f + "." + vi.name + ")"
	case !vi.hoisted:
		return ""
	case vi.box:
		return "(*" + l.f + "." + vi.name + ")"
	case vi.frame:
		return l.f + "." + vi.name
	}
	return vi.name
}

// addr returns the address of v's storage, or "".
func (l *lowerer) addr(v *types.Var) string {
	if e, ok := l.env[v]; ok {
		return l.f + "." + e
	}
	vi := l.vars[v]
	if vi == nil {
		return ""
	}
	switch {
	case vi.cap != nil && vi.cap.byValue:
		return "&" + l.f + "." + vi.name
	case vi.cap != nil:
		return l.f + "." + vi.name
	case !vi.hoisted:
		return ""
	case vi.box:
		return l.f + "." + vi.name
	case vi.frame:
		return "&" + l.f + "." + vi.name
	}
	return "&" + vi.name
}

// field adds a generated frame field.
func (l *lowerer) field(want string, t types.Type) string {
	name := uniqueField(want, l.fieldNames)
	l.fields = append(l.fields, decl{name, l.fg.typeString(t), zeroSize(t)})
	return name
}

// zeroSize reports whether values of t occupy no memory. Frames hold such
// fields first, even before their CoroFrame: Go pads a zero-size last field
// (so that its address stays inside the object), which would cost a word
// per frame.
func zeroSize(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if !zeroSize(u.Field(i).Type()) {
				return false
			}
		}
		return true
	case *types.Array:
		return u.Len() == 0 || zeroSize(u.Elem())
	}
	return false
}

func (l *lowerer) fieldT(want, typ string) string {
	name := uniqueField(want, l.fieldNames)
	l.fields = append(l.fields, decl{name: name, typ: typ})
	return name
}

func (l *lowerer) newLabel(prefix string) string {
	for {
		l.nlabel++
		name := prefix + strconv.Itoa(l.nlabel)
		if !l.fg.idents[name] && !l.labels[name] {
			l.labels[name] = true
			return name
		}
	}
}

// emit appends generated statements; pos (if valid) gets a //line.
func (l *lowerer) emit(text string, pos token.Pos) {
	line := 0
	if pos.IsValid() {
		line = l.fg.line(pos)
	}
	l.items = append(l.items, item{text: text, line: line})
}

func (l *lowerer) emitTerm(text string, pos token.Pos) {
	l.emit(text, pos)
	l.items[len(l.items)-1].term = true
}

func (l *lowerer) label(name string) { l.items = append(l.items, item{label: name}) }

func (l *lowerer) p(e ast.Expr) string { return printNode(l.pfset, e) }

// flushZeros clears the await fields used by the statement just emitted,
// so that a suspended frame does not keep what it awaited alive.
func (l *lowerer) flushZeros() {
	for _, z := range l.zeros {
		l.emit(z, token.NoPos)
	}
	l.zeros = nil
}

// zero returns the zero value of t as Go text.
func (fg *fileGen) zero(t types.Type) string {
	if _, ok := t.(*types.TypeParam); ok {
		return "*new(" + fg.typeString(t) + ")"
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false"
		case u.Info()&types.IsString != 0:
			return `""`
		case u.Info()&types.IsNumeric != 0:
			return "0"
		}
		return "nil"
	case *types.Struct, *types.Array:
		return fg.typeString(t) + "{}"
	}
	return "nil"
}

// needsPointerZero reports whether a value of t may hold pointers.
func hasPointers(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String || u.Kind() == types.UnsafePointer
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if hasPointers(u.Field(i).Type()) {
				return true
			}
		}
		return false
	case *types.Array:
		return hasPointers(u.Elem())
	}
	return true
}

// ---- statements ----

func (l *lowerer) block(list []ast.Stmt) {
	for _, s := range list {
		l.stmt(s, "")
	}
}

// needsLower reports whether s must be flattened.
func (l *lowerer) needsLower(s ast.Stmt) bool { return l.hasAwait(s) }

func (l *lowerer) stmt(s ast.Stmt, userLabel string) {
	if !l.needsLower(s) {
		l.asWritten(s, userLabel)
		return
	}
	switch s := s.(type) {
	case *ast.LabeledStmt:
		l.label(s.Label.Name)
		l.stmt(s.Stmt, s.Label.Name)
	case *ast.BlockStmt:
		l.block(s.List)
	case *ast.ExprStmt:
		e := l.expr(s.X)
		if _, ok := s.X.(*ast.CallExpr); ok {
			l.emit(l.p(e), s.Pos())
		}
		if terminates(l.info, s) {
			// panic(...): nothing may follow (vet), nothing is live.
			l.items[len(l.items)-1].term = true
			l.zeros = nil
			break
		}
		l.flushZeros()
	case *ast.AssignStmt:
		l.assign(s)
	case *ast.DeclStmt:
		l.declStmt(s)
	case *ast.ReturnStmt:
		vals := l.exprList(s.Results)
		var texts []string
		for _, v := range vals {
			texts = append(texts, l.p(v))
		}
		l.emitTerm(strings.Join(l.returnTexts(texts, len(s.Results) == 0), "; "), s.Pos())
		l.zeros = nil
	case *ast.IfStmt:
		l.ifStmt(s)
	case *ast.ForStmt:
		l.forStmt(s, userLabel)
	case *ast.RangeStmt:
		l.rangeStmt(s, userLabel)
	case *ast.SwitchStmt:
		l.switchStmt(s, userLabel)
	case *ast.TypeSwitchStmt:
		l.typeSwitch(s, userLabel)
	case *ast.SelectStmt:
		l.selectStmt(s, userLabel)
	case *ast.IncDecStmt:
		x := l.expr(s.X)
		l.emit(l.p(x)+s.Tok.String(), s.Pos())
		l.flushZeros()
	case *ast.SendStmt:
		v := l.exprList([]ast.Expr{s.Chan, s.Value})
		l.emit(l.p(v[0])+" <- "+l.p(v[1]), s.Pos())
		l.flushZeros()
	case *ast.DeferStmt:
		vals := l.exprList(append([]ast.Expr{s.Call.Fun}, s.Call.Args...))
		if _, isB := l.info.Uses[identOf(s.Call.Fun)].(*types.Builtin); isB || l.info.Types[s.Call.Fun].IsType() || isStaticFunc(l.info, s.Call.Fun) {
			// Nothing to evaluate; deferText must still see what it is
			// (a builtin cannot be a value).
			vals[0] = s.Call.Fun
		}
		call := &ast.CallExpr{Fun: vals[0], Args: vals[1:], Ellipsis: s.Call.Ellipsis}
		l.emit(l.deferText(call, true), s.Pos())
		l.flushZeros()
	case *ast.GoStmt:
		l.fg.errorf(s.Pos(), "aio.Await in a go statement")
	default:
		l.fg.errorf(s.Pos(), "asyncgo: cannot compile a %T that awaits", s)
	}
}

// asWritten copies a statement without awaits, hoisting what it declares
// at the flat level.
func (l *lowerer) asWritten(s ast.Stmt, userLabel string) {
	if l.flat {
		// No resume points: the body keeps its declarations as written.
		switch s.(type) {
		case *ast.AssignStmt, *ast.DeclStmt:
			l.emit(l.rw.text(s), s.Pos())
			return
		}
	}
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			l.assign(s)
			return
		}
	case *ast.DeclStmt:
		l.declStmt(s)
		return
	case *ast.LabeledStmt:
		switch s.Stmt.(type) {
		case *ast.AssignStmt, *ast.DeclStmt, *ast.ReturnStmt, *ast.DeferStmt, *ast.BranchStmt:
			l.label(s.Label.Name)
			l.asWritten(s.Stmt, s.Label.Name)
			return
		}
	case *ast.EmptyStmt:
		return
	case *ast.ReturnStmt, *ast.DeferStmt:
		texts := l.stmtTexts(s, l.rw)
		l.items = append(l.items, item{text: strings.Join(texts, "\n"), line: l.fg.line(s.Pos()), term: isReturn(s)})
		return
	case *ast.BranchStmt:
		if t := l.branch(s, l.rw); t != "" {
			l.emitTerm(t, s.Pos())
			return
		}
		l.items = append(l.items, item{text: printNode(l.pfset, s), line: l.fg.line(s.Pos()), term: s.Tok == token.GOTO})
		return
	}
	l.emit(l.rw.text(s), s.Pos())
	if terminates(l.info, s) {
		l.items[len(l.items)-1].term = true
	}
}

// terminates reports whether s is a terminating statement (Go spec), so
// that nothing is emitted after it (vet reports unreachable code).
func terminates(info *types.Info, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.GOTO
	case *ast.ExprStmt:
		if c, ok := s.X.(*ast.CallExpr); ok {
			return isBuiltin(info, c.Fun, "panic")
		}
	case *ast.BlockStmt:
		return len(s.List) > 0 && terminates(info, s.List[len(s.List)-1])
	case *ast.IfStmt:
		return s.Else != nil && terminates(info, s.Body) && terminates(info, s.Else)
	case *ast.LabeledStmt:
		return terminates(info, s.Stmt)
	case *ast.ForStmt:
		return s.Cond == nil && !hasBreak(s.Body, s)
	case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		var body *ast.BlockStmt
		switch s := s.(type) {
		case *ast.SwitchStmt:
			body = s.Body
		case *ast.TypeSwitchStmt:
			body = s.Body
		case *ast.SelectStmt:
			body = s.Body
		}
		hasDefault := false
		for _, c := range body.List {
			var list []ast.Stmt
			switch c := c.(type) {
			case *ast.CaseClause:
				list = c.Body
				hasDefault = hasDefault || c.List == nil
			case *ast.CommClause:
				list = c.Body
				hasDefault = true
			}
			if len(list) == 0 || hasBreak(&ast.BlockStmt{List: list}, s) {
				return false
			}
			last := list[len(list)-1]
			if br, ok := last.(*ast.BranchStmt); ok && br.Tok == token.FALLTHROUGH {
				continue
			}
			if !terminates(info, last) {
				return false
			}
		}
		return hasDefault
	}
	return false
}

// hasBreak reports whether body has a break that leaves s.
func hasBreak(body ast.Node, s ast.Stmt) bool {
	found := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if m != n {
					walk(m, true)
					return false
				}
			case *ast.BranchStmt:
				if m.Tok == token.BREAK && (m.Label == nil && !nested || m.Label != nil) {
					found = true
				}
			}
			return true
		})
	}
	walk(body, false)
	return found
}

func isReturn(s ast.Stmt) bool { _, ok := s.(*ast.ReturnStmt); return ok }

// stmtTexts renders a return or defer statement found in code copied as
// written (including nested blocks).
func (l *lowerer) stmtTexts(s ast.Stmt, rw *rewriter) []string {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		var vals []string
		for _, e := range s.Results {
			vals = append(vals, printNode(l.pfset, rw.expr(e)))
		}
		return l.returnTexts(vals, len(s.Results) == 0)
	case *ast.DeferStmt:
		call := &ast.CallExpr{Fun: s.Call.Fun, Args: s.Call.Args, Ellipsis: s.Call.Ellipsis}
		if lit, ok := s.Call.Fun.(*ast.FuncLit); ok && len(s.Call.Args) == 0 && l.hasAwaitIn(lit) {
			n := len(l.dblocks) + 1
			d := &deferBlock{n: n, lit: lit}
			l.dblocks = append(l.dblocks, d)
			var out []string
			for _, v := range l.deferEnv(lit) {
				ptr := types.NewPointer(v.Type())
				e := envVar{v: v, stack: l.field(v.Name()+"Defer"+strconv.Itoa(n)+"s", types.NewSlice(ptr)), cur: l.field(v.Name()+"Defer"+strconv.Itoa(n), ptr)}
				d.env = append(d.env, e)
				out = append(out, fmt.Sprintf("%s.%s = append(%s.%s, %s)", l.f, e.stack, l.f, e.stack, rw.addr(v)))
			}
			return append(out, fmt.Sprintf("%s.defers.PushBlock(%d)", l.f, n))
		}
		return []string{l.deferTextRW(call, rw)}
	}
	return nil
}

// returnTexts renders `return vals` (or a bare return).
func (l *lowerer) returnTexts(vals []string, bare bool) []string {
	var out []string
	for i := len(l.pulls) - 1; i >= 0; i-- {
		out = append(out, l.f+"."+l.pulls[i].stop+"()")
	}
	if l.inDefer {
		return append(out, "goto "+l.lp+"unwind")
	}
	if bare && len(l.named) > 0 {
		vals = nil
		for _, v := range l.named {
			l.hoist(v)
			vals = append(vals, l.storage(v))
		}
	}
	if l.defers {
		if !bare || len(l.named) == 0 {
			var lhs, rhs []string
			for i, r := range l.resultFields() {
				if len(vals) == len(l.resultFields()) && vals[i] == r {
					continue // return x where x is the named result itself
				}
				lhs = append(lhs, r)
				if len(vals) == len(l.resultFields()) {
					rhs = append(rhs, vals[i])
				}
			}
			if len(vals) != len(l.resultFields()) {
				rhs = vals // return f(): one call, several results
			}
			if len(lhs) > 0 {
				out = append(out, strings.Join(lhs, ", ")+" = "+strings.Join(rhs, ", "))
			}
		}
		return append(out, "goto "+l.lp+"unwind")
	}
	if n := l.info.TypeOf(l.a.lit).(*types.Signature).Results().Len(); len(vals) == 1 && n > 1 {
		// return g(), g returning every result: Return takes the runner
		// first, so spread the results through fresh names in a block (a
		// goto may not jump over a declaration outside one).
		names := make([]string, n)
		for i := range names {
			names[i] = l.fg.freshName("res" + strconv.Itoa(i))
		}
		list := strings.Join(names, ", ")
		return append(out, fmt.Sprintf("{\n%s := %s\n%s.Return(%s, %s)\n}", list, vals[0], l.f, l.r, list), "return")
	}
	return append(out, fmt.Sprintf("%s.Return(%s, %s)", l.f, l.r, strings.Join(vals, ", ")), "return")
}

// resultFields returns the storage of the results, for bodies that defer.
func (l *lowerer) resultFields() []string {
	if len(l.named) > 0 {
		var out []string
		for _, v := range l.named {
			l.hoist(v)
			out = append(out, l.storage(v))
		}
		return out
	}
	if l.results == nil {
		sig := l.info.TypeOf(l.a.lit).(*types.Signature)
		for i := 0; i < sig.Results().Len(); i++ {
			l.results = append(l.results, l.f+"."+l.field("ret"+strconv.Itoa(i), sig.Results().At(i).Type()))
		}
	}
	return l.results
}

// deferText renders a defer of an ordinary call whose operands are already
// lowered.
func (l *lowerer) deferText(call *ast.CallExpr, lowered bool) string {
	return l.deferTextRW(call, l.rw.with(func(r *rewriter) {}))
}

func (l *lowerer) deferTextRW(call *ast.CallExpr, rw *rewriter) string {
	info := l.info
	if lit, ok := call.Fun.(*ast.FuncLit); ok && len(call.Args) == 0 {
		return fmt.Sprintf("%s.defers.Push(%s)", l.f, printNode(l.pfset, rw.expr(lit)))
	}
	// A function value of one to three plain parameters is deferred
	// itself (aio.DeferN), so a recover() in it works as in Go.
	if sig, ok := info.TypeOf(call.Fun).(*types.Signature); ok && !sig.Variadic() && sig.Results().Len() == 0 && len(call.Args) >= 1 && len(call.Args) <= 3 && sig.Params().Len() == len(call.Args) && !call.Ellipsis.IsValid() {
		if _, isB := info.Uses[identOf(call.Fun)].(*types.Builtin); !isB {
			if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
				var args []string
				for _, a := range call.Args {
					args = append(args, printNode(l.pfset, rw.expr(a)))
				}
				return fmt.Sprintf("%s(&%s.defers, %s, %s)", l.fg.aioS("Defer"+strconv.Itoa(len(call.Args))), l.f, printNode(l.pfset, rw.expr(call.Fun)), strings.Join(args, ", "))
			}
		}
	}
	// Evaluate the function value and the arguments now, call them later.
	var names, vals []string
	fun := printNode(l.pfset, rw.expr(call.Fun))
	_, isBuiltinFn := info.Uses[identOf(call.Fun)].(*types.Builtin)
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		isBuiltinFn = true // a conversion: nothing to evaluate early
	}
	if !isBuiltinFn && !isStaticFunc(info, call.Fun) {
		names = append(names, "dfn")
		vals = append(vals, fun)
		fun = "dfn"
	}
	var args []string
	for i, a := range call.Args {
		at := printNode(l.pfset, rw.expr(a))
		if tv, ok := info.Types[a]; ok && tv.Value != nil || isRaw(a) {
			args = append(args, at)
			continue
		}
		n := "da" + strconv.Itoa(i)
		names = append(names, n)
		vals = append(vals, at)
		args = append(args, n)
	}
	ell := ""
	if call.Ellipsis.IsValid() {
		ell = "..."
	}
	discard := ""
	if sig, ok := info.TypeOf(call.Fun).(*types.Signature); ok && !isBuiltinFn && sig.Results().Len() > 0 {
		// defer discards the results; a statement calling fmt.Sprint
		// alone would not pass go vet.
		discard = strings.Repeat("_, ", sig.Results().Len()-1) + "_ = "
	}
	push := fmt.Sprintf("%s.defers.Push(func() { %s%s(%s%s) })", l.f, discard, fun, strings.Join(args, ", "), ell)
	if len(names) == 0 {
		return push
	}
	return fmt.Sprintf("{\n%s := %s\n%s\n}", strings.Join(names, ", "), strings.Join(vals, ", "), push)
}

func isRaw(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Obj == nil && id.NamePos == token.NoPos && strings.ContainsAny(id.Name, ".()")
}

func identOf(e ast.Expr) *ast.Ident {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	}
	return nil
}

// isStaticFunc reports whether e names a package-level function (nothing
// to evaluate at the defer statement).
func isStaticFunc(info *types.Info, e ast.Expr) bool {
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		if _, ok := info.Uses[identOf(x.X)].(*types.PkgName); ok {
			id = x.Sel
		}
	}
	if id == nil {
		return false
	}
	fn, ok := info.Uses[id].(*types.Func)
	return ok && fn.Type().(*types.Signature).Recv() == nil
}

// branch renders a break/continue that leaves a flattened construct as a
// goto; "" when the jump stays in code copied as written.
func (l *lowerer) branch(s *ast.BranchStmt, rw *rewriter) string {
	var t *target
	switch s.Tok {
	case token.BREAK, token.CONTINUE:
		if s.Label == nil {
			if s.Tok == token.BREAK && rw.innerBreak || s.Tok == token.CONTINUE && rw.innerCont {
				return ""
			}
			for i := len(l.targets) - 1; i >= 0; i-- {
				if s.Tok == token.BREAK || l.targets[i].cont != "" {
					t = l.targets[i]
					break
				}
			}
		} else {
			for i := len(l.targets) - 1; i >= 0; i-- {
				if l.targets[i].label == s.Label.Name {
					t = l.targets[i]
					break
				}
			}
		}
	case token.GOTO:
		// A goto leaving iterator loops stops their pulls (a label is
		// outside a loop or in its body: a goto cannot enter a block).
		lb := l.info.Uses[s.Label]
		if lb == nil {
			return ""
		}
		var out []string
		for i := len(l.pulls) - 1; i >= 0; i-- {
			if lp := l.pulls[i].loop; lp.Pos() <= lb.Pos() && lb.Pos() < lp.End() {
				break
			}
			out = append(out, l.f+"."+l.pulls[i].stop+"()")
		}
		if len(out) == 0 {
			return ""
		}
		return strings.Join(append(out, "goto "+s.Label.Name), "\n")
	default:
		return ""
	}
	if t == nil {
		return ""
	}
	var out []string
	for i := len(l.pulls) - 1; i >= t.npull; i-- {
		out = append(out, l.f+"."+l.pulls[i].stop+"()")
	}
	dest := t.brk
	if s.Tok == token.CONTINUE {
		dest = t.cont
	}
	return strings.Join(append(out, "goto "+dest), "\n")
}

func (l *lowerer) pushTarget(s ast.Stmt, userLabel string, loop bool) *target {
	t := &target{stmt: s, label: userLabel, brk: l.newLabel("brk"), npull: len(l.pulls)}
	if loop {
		t.cont = l.newLabel("cont")
	}
	l.targets = append(l.targets, t)
	return t
}

func (l *lowerer) popTarget() { l.targets = l.targets[:len(l.targets)-1] }

// declare hoists the new variables of a := or var and returns the
// statements allocating boxes.
func (l *lowerer) declare(ids []*ast.Ident) {
	for _, id := range ids {
		v, ok := l.info.Defs[id].(*types.Var)
		if !ok {
			continue
		}
		vi := l.hoist(v)
		if vi.box {
			l.emit(fmt.Sprintf("%s.%s = new(%s)", l.f, vi.name, l.fg.typeString(v.Type())), token.NoPos)
		}
	}
}

func (l *lowerer) assign(s *ast.AssignStmt) {
	var ids []*ast.Ident
	if s.Tok == token.DEFINE {
		for _, e := range s.Lhs {
			if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
				ids = append(ids, id)
			}
		}
	}
	tok := s.Tok
	if tok == token.DEFINE {
		tok = token.ASSIGN
	}
	l.declare(ids)
	if !l.hasAwait(s) {
		n := &ast.AssignStmt{Lhs: s.Lhs, TokPos: s.TokPos, Tok: tok, Rhs: s.Rhs}
		l.emit(l.rw.text(n), s.Pos())
		return
	}
	// Operands of the left side are evaluated before the right side.
	var parts []ast.Expr
	var counts []int
	var rebuild []func([]ast.Expr) ast.Expr
	for _, e := range s.Lhs {
		ps, rb := lhsParts(e)
		if _, isID := e.(*ast.Ident); isID {
			ps, rb = nil, func([]ast.Expr) ast.Expr { return l.rw.expr(e) }
		}
		parts = append(parts, ps...)
		counts = append(counts, len(ps))
		rebuild = append(rebuild, rb)
	}
	nl := len(parts)
	parts = append(parts, s.Rhs...)
	vals := l.exprList(parts)
	var ls, rs []string
	i := 0
	for k := range s.Lhs {
		ls = append(ls, l.p(rebuild[k](vals[i:i+counts[k]])))
		i += counts[k]
	}
	for _, e := range vals[nl:] {
		rs = append(rs, l.p(e))
	}
	l.emit(strings.Join(ls, ", ")+" "+tok.String()+" "+strings.Join(rs, ", "), s.Pos())
	l.flushZeros()
}

// lhsParts splits an assignment target into the operands evaluated before
// the right side, with a function rebuilding it from their lowered forms.
func lhsParts(e ast.Expr) ([]ast.Expr, func([]ast.Expr) ast.Expr) {
	switch x := e.(type) {
	case *ast.IndexExpr:
		return []ast.Expr{x.X, x.Index}, func(v []ast.Expr) ast.Expr {
			return &ast.IndexExpr{X: v[0], Index: v[1]}
		}
	case *ast.StarExpr:
		return []ast.Expr{x.X}, func(v []ast.Expr) ast.Expr { return &ast.StarExpr{X: v[0]} }
	case *ast.SelectorExpr:
		return []ast.Expr{x.X}, func(v []ast.Expr) ast.Expr { return &ast.SelectorExpr{X: v[0], Sel: x.Sel} }
	case *ast.ParenExpr:
		ps, rb := lhsParts(x.X)
		return ps, func(v []ast.Expr) ast.Expr { return &ast.ParenExpr{X: rb(v)} }
	}
	return []ast.Expr{e}, func(v []ast.Expr) ast.Expr { return v[0] }
}

func (l *lowerer) declStmt(s *ast.DeclStmt) {
	gd := s.Decl.(*ast.GenDecl)
	if gd.Tok == token.TYPE {
		// Local types move to package level (see localTypeNames).
		if !l.rw.allMoved(gd) {
			l.fg.errorf(s.Pos(), "asyncgo internal error (please report): a local type of an async body does not move to package level")
		}
		if as, ok := l.rw.droppedTypes(s).(*ast.AssignStmt); ok {
			l.emit(printNode(l.pfset, as), s.Pos())
		}
		return
	}
	if gd.Tok != token.VAR {
		// Local constants move to the top of Resume, before the hoisted
		// variables that may use them.
		l.typeDecls = append(l.typeDecls, l.rw.text(s))
		return
	}
	for _, spec := range gd.Specs {
		vs := spec.(*ast.ValueSpec)
		if len(vs.Values) == 0 {
			l.declare(vs.Names)
			for _, id := range vs.Names {
				if v, ok := l.info.Defs[id].(*types.Var); ok {
					vi := l.vars[v]
					if vi.box || !l.mustZero(v) {
						continue
					}
					l.emit(l.storage(v)+" = "+l.fg.zero(v.Type()), id.Pos())
				}
			}
			continue
		}
		var lhs []ast.Expr
		for _, id := range vs.Names {
			lhs = append(lhs, id)
		}
		as := &ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, TokPos: vs.Pos(), Rhs: vs.Values}
		if vs.Type != nil && len(vs.Values) == len(vs.Names) {
			// Keep the declared type: var x T = v converts v.
			var conv []ast.Expr
			for _, v := range vs.Values {
				conv = append(conv, &ast.CallExpr{Fun: &ast.ParenExpr{X: vs.Type}, Args: []ast.Expr{v}})
			}
			_ = conv
		}
		l.assignVar(as, vs)
	}
}

// assignVar lowers `var x T = v` as `x = v` (the assignment converts v to
// x's type implicitly).
func (l *lowerer) assignVar(as *ast.AssignStmt, vs *ast.ValueSpec) {
	l.assign(as)
}

// mustZero reports whether a hoisted `var x T` must be zeroed where it is
// declared: storage starts zeroed, but a declaration in a loop (or after a
// label) runs again.
func (l *lowerer) mustZero(v *types.Var) bool {
	return l.vars[v].inLoop || l.hasGoto || l.inDefer || l.insideAnyLoop(v.Pos())
}

func (l *lowerer) insideAnyLoop(pos token.Pos) bool {
	found := false
	ast.Inspect(l.a.lit.Body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= pos && pos < n.End() {
				found = true
			}
		}
		return !found
	})
	return found
}

// negate returns the text of !e, simplified where that is exact.
func (l *lowerer) negate(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return l.negate(x.X)
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			return l.p(x.X)
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.EQL:
			return l.p(&ast.BinaryExpr{X: x.X, Op: token.NEQ, Y: x.Y})
		case token.NEQ:
			return l.p(&ast.BinaryExpr{X: x.X, Op: token.EQL, Y: x.Y})
		}
		return "!(" + l.p(e) + ")"
	case *ast.Ident, *ast.CallExpr, *ast.SelectorExpr, *ast.IndexExpr:
		return "!" + l.p(e)
	}
	return "!(" + l.p(e) + ")"
}

func (l *lowerer) ifStmt(s *ast.IfStmt) {
	if s.Init != nil {
		l.stmt(s.Init, "")
	}
	if !l.hasAwait(s.Cond) && !l.hasAwait(s.Body) && (s.Else == nil || !l.hasAwait(s.Else)) {
		// Only the init statement awaits: keep the if as written.
		n := *s
		n.Init = nil
		l.emit(l.rw.text(&n), s.Pos())
		if terminates(l.info, &n) {
			l.items[len(l.items)-1].term = true
			l.zeros = nil
			return
		}
		l.flushZeros()
		return
	}
	cond := l.expr(s.Cond)
	end := l.newLabel("endif")
	target := end
	var elseL string
	if s.Else != nil {
		elseL = l.newLabel("else")
		target = elseL
	}
	l.emit(fmt.Sprintf("if %s {\ngoto %s\n}", l.negate(cond), target), s.Pos())
	l.flushZeros()
	l.block(s.Body.List)
	if s.Else != nil {
		l.emitTerm("goto "+end, token.NoPos)
		l.label(elseL)
		switch e := s.Else.(type) {
		case *ast.BlockStmt:
			l.block(e.List)
		default:
			l.stmt(e, "")
		}
	}
	l.label(end)
}

// loopVars returns the variables a for statement's init declares.
func (l *lowerer) loopVars(init ast.Stmt) []*types.Var {
	as, ok := init.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return nil
	}
	var vs []*types.Var
	for _, e := range as.Lhs {
		if id, ok := e.(*ast.Ident); ok {
			if v, ok := l.info.Defs[id].(*types.Var); ok {
				vs = append(vs, v)
			}
		}
	}
	return vs
}

func (l *lowerer) forStmt(s *ast.ForStmt, userLabel string) {
	if s.Init != nil {
		l.stmt(s.Init, "")
	}
	loop := l.newLabel("loop")
	l.label(loop)
	t := l.pushTarget(s, userLabel, true)
	if s.Cond != nil {
		cond := l.expr(s.Cond)
		l.emit(fmt.Sprintf("if %s {\ngoto %s\n}", l.negate(cond), t.brk), s.Cond.Pos())
		l.flushZeros()
	}
	l.block(s.Body.List)
	l.label(t.cont)
	// Go 1.22: each iteration has its own copy of the loop variables,
	// made before the post statement; only boxed ones can be told apart.
	for _, v := range l.loopVars(s.Init) {
		if vi := l.vars[v]; vi != nil && vi.box {
			l.emit(fmt.Sprintf("%s.%s = new(*%s.%s)", l.f, vi.name, l.f, vi.name), token.NoPos)
		}
	}
	if s.Post != nil {
		l.stmt(s.Post, "")
	}
	l.emitTerm("goto "+loop, token.NoPos)
	l.popTarget()
	l.label(t.brk)
}

// assignRangeVar assigns an iteration value to a range variable (declared
// per iteration for :=).
func (l *lowerer) assignRangeVar(e ast.Expr, define bool, val string) {
	if e == nil {
		return
	}
	if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
		return
	}
	if define {
		id := e.(*ast.Ident)
		v := l.info.Defs[id].(*types.Var)
		vi := l.hoist(v)
		if vi.box {
			l.emit(fmt.Sprintf("%s.%s = new(%s)", l.f, vi.name, l.fg.typeString(v.Type())), token.NoPos)
		}
		l.emit(l.storage(v)+" = "+val, token.NoPos)
		return
	}
	l.emit(l.p(l.rw.expr(e))+" = "+val, token.NoPos)
}

func isBlank(e ast.Expr) bool {
	if e == nil {
		return true
	}
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

func (l *lowerer) rangeStmt(s *ast.RangeStmt, userLabel string) {
	xt := l.info.TypeOf(s.X)
	x := l.p(l.expr(s.X))
	// The awaited value is cleared once the range expression is stored.
	pendingZ := l.zeros
	l.zeros = nil
	loop := l.newLabel("loop")
	startLoop := func() {
		for _, z := range pendingZ {
			l.emit(z, token.NoPos)
		}
		l.label(loop)
	}
	define := s.Tok == token.DEFINE
	u := xt.Underlying()
	if tp, ok := xt.(*types.TypeParam); ok {
		u = coreType(tp)
	}
	if b, ok := u.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		xt = types.Default(xt)
		u = xt.Underlying()
	}
	var t *target
	var post, brkClean []string
	switch u := u.(type) {
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			hx := l.field("str", xt)
			hi := l.fieldT("i", "int")
			hn := l.fieldT("next", "int")
			l.emit(fmt.Sprintf("%s.%s, %s.%s = %s, 0", l.f, hx, l.f, hi, x), s.Pos())
			startLoop()
			t = l.pushTarget(s, userLabel, true)
			l.emit(fmt.Sprintf("if %s.%s >= len(%s.%s) {\ngoto %s\n}", l.f, hi, l.f, hx, t.brk), s.Pos())
			var rv string
			if isBlank(s.Value) {
				rv = "_"
			} else {
				rv = l.fieldT("r", "rune")
				rv = l.f + "." + rv
			}
			l.emit(fmt.Sprintf("%s, %s.%s = %s(%s.%s, %s.%s)", rv, l.f, hn, l.fg.aioS("RangeString"), l.f, hx, l.f, hi), token.NoPos)
			l.assignRangeVar(s.Key, define, l.f+"."+hi)
			if rv != "_" {
				l.assignRangeVar(s.Value, define, rv)
			}
			post = []string{fmt.Sprintf("%s.%s = %s.%s", l.f, hi, l.f, hn)}
			brkClean = []string{fmt.Sprintf(`%s.%s = ""`, l.f, hx)}
		} else {
			// range over an integer
			hx := l.field("n", xt)
			hi := l.field("i", xt)
			l.emit(fmt.Sprintf("%s.%s, %s.%s = %s, 0", l.f, hx, l.f, hi, x), s.Pos())
			startLoop()
			t = l.pushTarget(s, userLabel, true)
			l.emit(fmt.Sprintf("if %s.%s >= %s.%s {\ngoto %s\n}", l.f, hi, l.f, hx, t.brk), s.Pos())
			l.assignRangeVar(s.Key, define, l.f+"."+hi)
			post = []string{fmt.Sprintf("%s.%s++", l.f, hi)}
		}
	case *types.Slice, *types.Array, *types.Pointer:
		hx := l.field("xs", xt)
		hi := l.fieldT("i", "int")
		l.emit(fmt.Sprintf("%s.%s, %s.%s = %s, 0", l.f, hx, l.f, hi, x), s.Pos())
		startLoop()
		t = l.pushTarget(s, userLabel, true)
		l.emit(fmt.Sprintf("if %s.%s >= len(%s.%s) {\ngoto %s\n}", l.f, hi, l.f, hx, t.brk), s.Pos())
		l.assignRangeVar(s.Key, define, l.f+"."+hi)
		if !isBlank(s.Value) {
			l.assignRangeVar(s.Value, define, fmt.Sprintf("%s.%s[%s.%s]", l.f, hx, l.f, hi))
		}
		post = []string{fmt.Sprintf("%s.%s++", l.f, hi)}
		if hasPointers(xt) {
			brkClean = []string{fmt.Sprintf("%s.%s = %s", l.f, hx, l.fg.zero(xt))}
		}
	case *types.Map:
		kt, vt := l.fg.typeString(u.Key()), l.fg.typeString(u.Elem())
		hit := l.fieldT("iter", fmt.Sprintf("*%s[%s, %s]", l.fg.aioS("MapIter"), kt, vt))
		l.emit(fmt.Sprintf("%s.%s = %s(%s)", l.f, hit, l.fg.aioS("RangeMap"), x), s.Pos())
		startLoop()
		t = l.pushTarget(s, userLabel, true)
		k, v, ok := l.fg.freshName("key"), l.fg.freshName("val"), l.fg.freshName("more")
		var assigns []string
		kv := "_"
		if !isBlank(s.Key) {
			kv = l.fieldT("k", kt)
			assigns = append(assigns, fmt.Sprintf("%s.%s = %s", l.f, kv, k))
			kv = k
		}
		vv := "_"
		if !isBlank(s.Value) {
			vf := l.fieldT("v", vt)
			assigns = append(assigns, fmt.Sprintf("%s.%s = %s", l.f, vf, v))
			vv = v
			v = vf
		}
		l.emit(fmt.Sprintf("{\n%s, %s, %s := %s.%s.Next()\nif !%s {\ngoto %s\n}\n%s\n}", kv, vv, ok, l.f, hit, ok, t.brk, strings.Join(assigns, "\n")), s.Pos())
		if !isBlank(s.Key) {
			l.assignRangeVar(s.Key, define, l.f+"."+strings.TrimPrefix(assigns[0][:strings.Index(assigns[0], " =")], l.f+"."))
		}
		if !isBlank(s.Value) {
			l.assignRangeVar(s.Value, define, l.f+"."+v)
		}
		brkClean = []string{fmt.Sprintf("%s.%s = nil", l.f, hit)}
	case *types.Chan:
		hx := l.field("ch", xt)
		l.emit(fmt.Sprintf("%s.%s = %s", l.f, hx, x), s.Pos())
		startLoop()
		t = l.pushTarget(s, userLabel, true)
		v, ok := l.fg.freshName("val"), l.fg.freshName("more")
		vt := l.fg.typeString(u.Elem())
		if isBlank(s.Key) {
			l.emit(fmt.Sprintf("if _, %s := <-%s.%s; !%s {\ngoto %s\n}", ok, l.f, hx, ok, t.brk), s.Pos())
		} else {
			vf := l.fieldT("v", vt)
			l.emit(fmt.Sprintf("{\n%s, %s := <-%s.%s\nif !%s {\ngoto %s\n}\n%s.%s = %s\n}", v, ok, l.f, hx, ok, t.brk, l.f, vf, v), s.Pos())
			l.assignRangeVar(s.Key, define, l.f+"."+vf)
		}
		brkClean = []string{fmt.Sprintf("%s.%s = nil", l.f, hx)}
	case *types.Signature:
		// An iterator function: pull values from it across suspensions.
		yield, _ := u.Params().At(0).Type().Underlying().(*types.Signature)
		if yield == nil || yield.Params().Len() > 2 {
			l.fg.errorf(s.Pos(), "asyncgo: cannot range over %s in a loop that awaits", xt)
			return
		}
		iterPkg := l.fg.qualifier(types.NewPackage("iter", "iter"))
		var tys, vars []string
		for i := 0; i < yield.Params().Len(); i++ {
			tys = append(tys, l.fg.typeString(yield.Params().At(i).Type()))
			vars = append(vars, [...]string{"k", "v"}[i])
		}
		pulled := strings.Join(vars, ", ")
		rangeVars := pulled + " := "
		if len(tys) == 0 {
			// func(yield func() bool): pull empty structs from it.
			tys, pulled, rangeVars = []string{"struct{}"}, "struct{}{}", ""
		}
		pullFn := "Pull"
		if len(tys) == 2 {
			pullFn = "Pull2"
		}
		next := l.fieldT("next", fmt.Sprintf("func() (%s, bool)", strings.Join(tys, ", ")))
		stop := l.fieldT("stop", "func()")
		if l.ppanic == "" {
			l.ppanic = l.fieldT("ppanic", "any")
		}
		l.pullStops = append(l.pullStops, stop)
		// The iterator runs in a real range loop inside the pull coroutine,
		// so Go's range-over-func checks apply to it. The range expression
		// is evaluated now, as the range statement does. When a panic
		// escapes the loop body, Resume stops the pull with the panic value
		// in ppanic: yield panics with it inside the iterator, whose defers
		// run (and may recover it) exactly as in Go.
		l.emit(fmt.Sprintf("{\nseq := %s\n%s.%s, %s.%s = %s.%s[%s](func(yield func(%s) bool) {\nfor %srange seq {\nif !yield(%s) {\nif p := %s.%s; p != nil {\npanic(p)\n}\nreturn\n}\n}\n})\n}",
			x, l.f, next, l.f, stop, iterPkg, pullFn, strings.Join(tys, ", "), strings.Join(tys, ", "), rangeVars, pulled, l.f, l.ppanic), s.Pos())
		startLoop()
		t = l.pushTarget(s, userLabel, true)
		ok := l.fg.freshName("more")
		var names, assigns []string
		var fieldsOut []string
		for i, e := range []ast.Expr{s.Key, s.Value}[:len(tys)] {
			if isBlank(e) {
				names = append(names, "_")
				fieldsOut = append(fieldsOut, "")
				continue
			}
			tmp := l.fg.freshName("val" + strconv.Itoa(i))
			fld := l.fieldT("v"+strconv.Itoa(i), tys[i])
			names = append(names, tmp)
			assigns = append(assigns, fmt.Sprintf("%s.%s = %s", l.f, fld, tmp))
			fieldsOut = append(fieldsOut, fld)
		}
		l.emit(fmt.Sprintf("{\n%s, %s := %s.%s()\nif !%s {\ngoto %s\n}\n%s\n}", strings.Join(names, ", "), ok, l.f, next, ok, t.brk, strings.Join(assigns, "\n")), s.Pos())
		for i, e := range []ast.Expr{s.Key, s.Value}[:len(tys)] {
			if fieldsOut[i] != "" {
				l.assignRangeVar(e, define, l.f+"."+fieldsOut[i])
			}
		}
		l.pulls = append(l.pulls, pull{stop: stop, loop: s})
		defer func() { l.pulls = l.pulls[:len(l.pulls)-1] }()
		// The loop's own pull stays active across its continue; its
		// break label stops it.
		t.npull = len(l.pulls)
		brkClean = []string{fmt.Sprintf("%s.%s()", l.f, stop), fmt.Sprintf("%s.%s, %s.%s = nil, nil", l.f, next, l.f, stop)}
	default:
		l.fg.errorf(s.Pos(), "asyncgo: cannot range over %s in a loop that awaits", xt)
		return
	}
	l.block(s.Body.List)
	l.label(t.cont)
	for _, p := range post {
		l.emit(p, token.NoPos)
	}
	l.emitTerm("goto "+loop, token.NoPos)
	l.popTarget()
	l.label(t.brk)
	for _, c := range brkClean {
		l.emit(c, token.NoPos)
	}
}

func coreType(tp *types.TypeParam) types.Type {
	iface, _ := tp.Constraint().Underlying().(*types.Interface)
	if iface == nil {
		return tp.Underlying()
	}
	var core types.Type
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		if u, ok := iface.EmbeddedType(i).(*types.Union); ok && u.Len() == 1 {
			core = u.Term(0).Type().Underlying()
		}
	}
	if core == nil {
		return tp.Underlying()
	}
	return core
}

func (l *lowerer) switchStmt(s *ast.SwitchStmt, userLabel string) {
	if s.Init != nil {
		l.stmt(s.Init, "")
	}
	t := l.pushTarget(s, userLabel, false)
	caseAwait := false
	for _, c := range s.Body.List {
		for _, e := range c.(*ast.CaseClause).List {
			if l.hasAwait(e) {
				caseAwait = true
			}
		}
	}
	labels := make([]string, len(s.Body.List))
	for i := range labels {
		labels[i] = l.newLabel("case")
	}
	dflt := t.brk
	for i, c := range s.Body.List {
		if c.(*ast.CaseClause).List == nil {
			dflt = labels[i]
		}
	}
	if !caseAwait {
		var b strings.Builder
		tag := ""
		if s.Tag != nil {
			tag = l.p(l.expr(s.Tag)) + " "
		}
		fmt.Fprintf(&b, "switch %s{\n", tag)
		for i, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			if cc.List == nil {
				continue
			}
			var es []string
			for _, e := range cc.List {
				es = append(es, l.rw.text(e))
			}
			fmt.Fprintf(&b, "%s case %s:\ngoto %s\n", marker(cc.Pos()), strings.Join(es, ", "), labels[i])
		}
		b.WriteString("}")
		l.emit(b.String(), s.Pos())
		l.flushZeros()
		l.emitTerm("goto "+dflt, token.NoPos)
	} else {
		tag := "true"
		if s.Tag != nil {
			tt := l.info.TypeOf(s.Tag)
			if b, ok := tt.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
				tt = types.Default(tt)
			}
			fld := l.field("tag", tt)
			l.emit(fmt.Sprintf("%s.%s = %s", l.f, fld, l.p(l.expr(s.Tag))), s.Pos())
			l.flushZeros()
			tag = l.f + "." + fld
		}
		for i, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			for _, e := range cc.List {
				v := l.p(l.expr(e))
				cond := v
				if s.Tag != nil {
					cond = tag + " == " + v
				}
				l.emit(fmt.Sprintf("if %s {\ngoto %s\n}", cond, labels[i]), e.Pos())
				l.flushZeros()
			}
		}
		l.emitTerm("goto "+dflt, token.NoPos)
	}
	for i, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		l.label(labels[i])
		body := cc.Body
		fall := false
		if n := len(body); n > 0 {
			if br, ok := body[n-1].(*ast.BranchStmt); ok && br.Tok == token.FALLTHROUGH {
				fall = true
				body = body[:n-1]
			}
		}
		l.block(body)
		if fall {
			l.emitTerm("goto "+labels[i+1], token.NoPos)
		} else {
			l.emitTerm("goto "+t.brk, token.NoPos)
		}
	}
	l.popTarget()
	l.label(t.brk)
}

func (l *lowerer) typeSwitch(s *ast.TypeSwitchStmt, userLabel string) {
	if s.Init != nil {
		l.stmt(s.Init, "")
	}
	t := l.pushTarget(s, userLabel, false)
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.AssignStmt:
		x = a.Rhs[0].(*ast.TypeAssertExpr).X
	case *ast.ExprStmt:
		x = a.X.(*ast.TypeAssertExpr).X
	}
	xe := l.p(l.expr(x))
	l.zeros = nil // the switch jumps away; the frame keeps the value until reused
	tv := l.fg.freshName("tv")
	used := false
	var b strings.Builder
	labels := make([]string, len(s.Body.List))
	dflt := t.brk
	var cases []string
	for i, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		labels[i] = l.newLabel("case")
		var bind string
		if v, ok := l.info.Implicits[cc].(*types.Var); ok && l.usedIn(v, cc) {
			vi := l.hoist(v)
			if vi.box {
				bind = fmt.Sprintf("%s.%s = new(%s)\n", l.f, vi.name, l.fg.typeString(v.Type()))
			}
			bind += fmt.Sprintf("%s = %s\n", l.storage(v), tv)
			used = true
		}
		if cc.List == nil {
			dflt = labels[i]
			cases = append(cases, fmt.Sprintf("%s default:\n%sgoto %s\n", marker(cc.Pos()), bind, labels[i]))
			continue
		}
		var es []string
		for _, e := range cc.List {
			es = append(es, l.rw.text(e))
		}
		cases = append(cases, fmt.Sprintf("%s case %s:\n%sgoto %s\n", marker(cc.Pos()), strings.Join(es, ", "), bind, labels[i]))
	}
	if used {
		fmt.Fprintf(&b, "switch %s := %s.(type) {\n", tv, xe)
	} else {
		fmt.Fprintf(&b, "switch %s.(type) {\n", xe)
	}
	for _, c := range cases {
		b.WriteString(c)
	}
	b.WriteString("}")
	l.emit(b.String(), s.Pos())
	hasDefault := dflt != t.brk
	if !hasDefault {
		l.emitTerm("goto "+t.brk, token.NoPos)
	} else {
		l.items[len(l.items)-1].term = true
	}
	for i, c := range s.Body.List {
		l.label(labels[i])
		l.block(c.(*ast.CaseClause).Body)
		l.emitTerm("goto "+t.brk, token.NoPos)
	}
	l.popTarget()
	l.label(t.brk)
}

// usedIn reports whether v is used in n.
func (l *lowerer) usedIn(v *types.Var, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && l.info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

func (l *lowerer) selectStmt(s *ast.SelectStmt, userLabel string) {
	// Channel operands and sent values are evaluated in source order on
	// entering the select; awaits among them run first.
	var parts []ast.Expr
	for _, c := range s.Body.List {
		switch comm := c.(*ast.CommClause).Comm.(type) {
		case *ast.SendStmt:
			parts = append(parts, comm.Chan, comm.Value)
		case *ast.ExprStmt:
			parts = append(parts, ast.Unparen(comm.X).(*ast.UnaryExpr).X)
		case *ast.AssignStmt:
			parts = append(parts, ast.Unparen(comm.Rhs[0]).(*ast.UnaryExpr).X)
		}
	}
	rw := l.rw
	anyAwait := false
	for _, p := range parts {
		anyAwait = anyAwait || l.hasAwait(p)
	}
	if anyAwait {
		vals := l.exprList(parts)
		subst := map[ast.Node]ast.Expr{}
		for i, p := range parts {
			subst[p] = vals[i]
		}
		rw = l.rw.with(func(r *rewriter) { r.subst = subst })
		l.zeros = nil
	}
	t := l.pushTarget(s, userLabel, false)
	var b strings.Builder
	b.WriteString("select {\n")
	labels := make([]string, len(s.Body.List))
	for i, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		labels[i] = l.newLabel("case")
		b.WriteString(marker(cc.Pos()) + " ")
		switch comm := cc.Comm.(type) {
		case nil:
			b.WriteString("default:\n")
		case *ast.AssignStmt:
			if comm.Tok == token.DEFINE {
				var ids []*ast.Ident
				for _, e := range comm.Lhs {
					if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
						ids = append(ids, id)
					}
				}
				for _, id := range ids {
					l.hoist(l.info.Defs[id].(*types.Var))
				}
				boxed := false
				for _, id := range ids {
					boxed = boxed || l.vars[l.info.Defs[id].(*types.Var)].box
				}
				if boxed {
					// A new box per iteration: receive into temporaries,
					// then box them.
					var tmps, assigns []string
					for k, e := range comm.Lhs {
						id, _ := e.(*ast.Ident)
						if id == nil || id.Name == "_" {
							tmps = append(tmps, "_")
							continue
						}
						v := l.info.Defs[id].(*types.Var)
						tmp := l.fg.freshName("recv" + strconv.Itoa(k))
						tmps = append(tmps, tmp)
						if vi := l.vars[v]; vi.box {
							assigns = append(assigns, fmt.Sprintf("%s.%s = new(%s)", l.f, vi.name, l.fg.typeString(v.Type())))
						}
						assigns = append(assigns, fmt.Sprintf("%s = %s", l.storage(v), tmp))
					}
					fmt.Fprintf(&b, "case %s := %s:\n%s\ngoto %s\n", strings.Join(tmps, ", "), rw.text(comm.Rhs[0]), strings.Join(assigns, "\n"), labels[i])
					continue
				}
			}
			n := &ast.AssignStmt{Lhs: comm.Lhs, Tok: token.ASSIGN, Rhs: comm.Rhs}
			fmt.Fprintf(&b, "case %s:\n", rw.text(n))
		default:
			fmt.Fprintf(&b, "case %s:\n", rw.text(comm))
		}
		fmt.Fprintf(&b, "goto %s\n", labels[i])
	}
	b.WriteString("}")
	l.emitTerm(b.String(), s.Pos())
	for i, c := range s.Body.List {
		l.label(labels[i])
		l.block(c.(*ast.CommClause).Body)
		l.emitTerm("goto "+t.brk, token.NoPos)
	}
	l.popTarget()
	l.label(t.brk)
}

// ---- expressions ----

// expr lowers an expression: the awaits in it are emitted as statements
// (suspension points), and what is left is returned. Calls to the left of
// an await are evaluated before it, into frame temporaries, as Go orders
// them; other operands stay in place (as the gc compiler evaluates them).
func (l *lowerer) expr(e ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	if !l.hasAwait(e) {
		return l.rw.expr(e)
	}
	switch x := e.(type) {
	case *ast.ParenExpr:
		return &ast.ParenExpr{X: l.expr(x.X)}
	case *ast.CallExpr:
		if l.fg.isAwaitCall(x) {
			return l.await(x)
		}
		var parts []ast.Expr
		var fun ast.Expr
		sel, isSel := x.Fun.(*ast.SelectorExpr)
		if isSel && l.info.Selections[sel] != nil {
			parts = append(parts, sel.X)
		} else {
			parts = append(parts, x.Fun)
		}
		parts = append(parts, x.Args...)
		vals := l.exprList(parts)
		if isSel && l.info.Selections[sel] != nil {
			fun = &ast.SelectorExpr{X: vals[0], Sel: sel.Sel}
		} else {
			fun = vals[0]
		}
		return &ast.CallExpr{Fun: fun, Args: vals[1:], Ellipsis: x.Ellipsis}
	case *ast.BinaryExpr:
		if (x.Op == token.LAND || x.Op == token.LOR) && l.hasAwait(x.Y) {
			return l.logical(x)
		}
		v := l.exprList([]ast.Expr{x.X, x.Y})
		return &ast.BinaryExpr{X: v[0], Op: x.Op, Y: v[1]}
	case *ast.UnaryExpr:
		return &ast.UnaryExpr{Op: x.Op, X: l.expr(x.X)}
	case *ast.StarExpr:
		return &ast.StarExpr{X: l.expr(x.X)}
	case *ast.SelectorExpr:
		return &ast.SelectorExpr{X: l.expr(x.X), Sel: x.Sel}
	case *ast.IndexExpr:
		v := l.exprList([]ast.Expr{x.X, x.Index})
		return &ast.IndexExpr{X: v[0], Index: v[1]}
	case *ast.SliceExpr:
		parts := []ast.Expr{x.X}
		idx := []*ast.Expr{&x.Low, &x.High, &x.Max}
		for _, p := range idx {
			if *p != nil {
				parts = append(parts, *p)
			}
		}
		v := l.exprList(parts)
		out := &ast.SliceExpr{X: v[0], Slice3: x.Slice3}
		k := 1
		if x.Low != nil {
			out.Low = v[k]
			k++
		}
		if x.High != nil {
			out.High = v[k]
			k++
		}
		if x.Max != nil {
			out.Max = v[k]
		}
		return out
	case *ast.TypeAssertExpr:
		return &ast.TypeAssertExpr{X: l.expr(x.X), Type: l.rw.expr(x.Type)}
	case *ast.CompositeLit:
		var parts []ast.Expr
		var keyed []bool
		_, isStruct := l.info.TypeOf(x).Underlying().(*types.Struct)
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if !isStruct {
					parts = append(parts, kv.Key)
					keyed = append(keyed, true)
				}
				parts = append(parts, kv.Value)
				continue
			}
			parts = append(parts, el)
		}
		_ = keyed
		v := l.exprList(parts)
		out := &ast.CompositeLit{Type: l.rw.expr(x.Type)}
		k := 0
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if isStruct {
					out.Elts = append(out.Elts, &ast.KeyValueExpr{Key: kv.Key, Value: v[k]})
					k++
				} else {
					out.Elts = append(out.Elts, &ast.KeyValueExpr{Key: v[k], Value: v[k+1]})
					k += 2
				}
				continue
			}
			out.Elts = append(out.Elts, v[k])
			k++
		}
		return out
	case *ast.KeyValueExpr:
		return &ast.KeyValueExpr{Key: x.Key, Value: l.expr(x.Value)}
	}
	l.fg.errorf(e.Pos(), "asyncgo: cannot compile aio.Await inside a %T", e)
	return l.rw.expr(e)
}

// exprList lowers operands evaluated left to right: those before the last
// one that awaits are spilled to frame temporaries when they have ordered
// side effects.
func (l *lowerer) exprList(parts []ast.Expr) []ast.Expr {
	last := -1
	for i, p := range parts {
		if l.hasAwait(p) {
			last = i
		}
	}
	out := make([]ast.Expr, len(parts))
	for i, p := range parts {
		switch {
		case i < last:
			if l.hasAwait(p) {
				out[i] = l.spill(p, l.expr(p))
			} else {
				out[i] = l.spillCalls(p)
			}
		case i == last:
			out[i] = l.expr(p)
		default:
			out[i] = l.rw.expr(p)
		}
	}
	return out
}

// spill stores a lowered value in a frame temporary.
func (l *lowerer) spill(orig, lowered ast.Expr) ast.Expr {
	t := l.info.TypeOf(orig)
	if tup, ok := t.(*types.Tuple); ok {
		l.fg.errorf(orig.Pos(), "asyncgo: cannot keep the %d results of this call across a later aio.Await in the same expression; assign them first", tup.Len())
		return lowered
	}
	if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		t = types.Default(t)
	}
	name := l.field("t"+strconv.Itoa(len(l.fields)+1), t)
	l.emit(fmt.Sprintf("%s.%s = %s", l.f, name, l.p(l.litType(orig, lowered))), orig.Pos())
	return raw(l.f + "." + name)
}

// litType gives a composite literal whose type is elided in its enclosing
// literal ({...} for T{...} or &T{...}) its type, so that it stands alone.
func (l *lowerer) litType(orig, lowered ast.Expr) ast.Expr {
	o, ok := ast.Unparen(orig).(*ast.CompositeLit)
	if !ok || o.Type != nil {
		return lowered
	}
	lit, ok := ast.Unparen(lowered).(*ast.CompositeLit)
	if !ok {
		return lowered
	}
	t := l.info.TypeOf(o)
	if p, ok := t.Underlying().(*types.Pointer); ok && !isNamed(t) {
		c := *lit
		c.Type = raw(l.fg.typeString(p.Elem()))
		return &ast.UnaryExpr{Op: token.AND, X: &c}
	}
	c := *lit
	c.Type = raw(l.fg.typeString(t))
	return &c
}

func isNamed(t types.Type) bool {
	switch t.(type) {
	case *types.Named, *types.Alias:
		return true
	}
	return false
}

// spillCalls evaluates the calls in an operand without awaits now (into
// temporaries), leaving plain reads in place.
func (l *lowerer) spillCalls(e ast.Expr) ast.Expr {
	if !hasCalls(l.info, e) {
		return l.rw.expr(e)
	}
	switch x := e.(type) {
	case *ast.CallExpr:
		if tv, ok := l.info.Types[x.Fun]; ok && tv.IsType() {
			return &ast.CallExpr{Fun: l.rw.expr(x.Fun), Args: []ast.Expr{l.spillCalls(x.Args[0])}}
		}
		return l.spill(x, l.rw.expr(x))
	case *ast.UnaryExpr:
		if x.Op == token.ARROW {
			return l.spill(x, l.rw.expr(x))
		}
		return &ast.UnaryExpr{Op: x.Op, X: l.spillCalls(x.X)}
	case *ast.ParenExpr:
		return &ast.ParenExpr{X: l.spillCalls(x.X)}
	case *ast.BinaryExpr:
		if x.Op == token.LAND || x.Op == token.LOR {
			return l.spill(x, l.rw.expr(x))
		}
		return &ast.BinaryExpr{X: l.spillCalls(x.X), Op: x.Op, Y: l.spillCalls(x.Y)}
	case *ast.StarExpr:
		return &ast.StarExpr{X: l.spillCalls(x.X)}
	case *ast.SelectorExpr:
		if _, ok := l.info.Uses[identOf(x.X)].(*types.PkgName); ok {
			return l.rw.expr(x)
		}
		return &ast.SelectorExpr{X: l.spillCalls(x.X), Sel: x.Sel}
	case *ast.IndexExpr:
		return &ast.IndexExpr{X: l.spillCalls(x.X), Index: l.spillCalls(x.Index)}
	}
	return l.spill(e, l.rw.expr(e))
}

// logical lowers a && b / a || b whose right side awaits: b is evaluated
// only when needed.
func (l *lowerer) logical(x *ast.BinaryExpr) ast.Expr {
	t := l.info.TypeOf(x)
	if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		t = types.Typ[types.Bool]
	}
	name := l.field("t"+strconv.Itoa(len(l.fields)+1), t)
	tv := l.f + "." + name
	l.emit(fmt.Sprintf("%s = %s", tv, l.p(l.expr(x.X))), x.Pos())
	l.flushZeros()
	end := l.newLabel("sc")
	if x.Op == token.LAND {
		l.emit(fmt.Sprintf("if !%s {\ngoto %s\n}", tv, end), token.NoPos)
	} else {
		l.emit(fmt.Sprintf("if %s {\ngoto %s\n}", tv, end), token.NoPos)
	}
	l.emit(fmt.Sprintf("%s = %s", tv, l.p(l.expr(x.Y))), x.Y.Pos())
	l.flushZeros()
	l.label(end)
	return raw(tv)
}

// await emits the suspension point of aio.Await(x) and returns the
// expression producing its results.
func (l *lowerer) await(call *ast.CallExpr) ast.Expr {
	arg := l.expr(call.Args[0])
	l.clearDead(call.Pos())
	t := l.info.TypeOf(call.Args[0])
	l.pcLines = append(l.pcLines, l.fg.line(call.Pos()))
	n := len(l.pcLines)
	fld := l.field("aw"+strconv.Itoa(n), t)
	aw := l.f + "." + fld
	val := l.p(arg)
	if types.IsInterface(t) {
		// Await of a nil interface fails with ErrNilCoro instead of
		// crashing, as in the source build.
		val = fmt.Sprintf("%s(%s)", l.fg.aioS("NilSafe"), val)
	}
	l.emit(fmt.Sprintf("%s = %s", aw, val), call.Pos())
	l.emit(fmt.Sprintf("if !%s.AwaitBegin(%s) {\n%s.PC = %d\nreturn\n}", aw, l.r, l.f, n), token.NoPos)
	l.label(l.lp + "resume" + strconv.Itoa(n))
	if hasPointers(t) {
		l.zeros = append(l.zeros, fmt.Sprintf("%s = %s", aw, l.fg.zero(t)))
	}
	return raw(fmt.Sprintf("%s.AwaitEnd(%s)", aw, l.r))
}

// deferEnv returns the variables a deferred func literal that awaits uses
// and cannot reach through the frame once compiled into the unwinding
// code: those declared in code copied as written (Go locals of Resume) and
// those given a new box at each declaration (in a loop, or after a label a
// goto jumps back to). Each defer statement pushes their addresses, for the
// block to pop when it runs: deferred calls run last in, first out, so the
// last pushed environment of block N is the one of the call being run.
func (l *lowerer) deferEnv(lit *ast.FuncLit) []*types.Var {
	var env []*types.Var
	seen := map[*types.Var]bool{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := l.info.Uses[id].(*types.Var)
		if !ok || seen[v] || v.Pos() >= lit.Pos() && v.Pos() < lit.End() {
			return true
		}
		seen[v] = true
		if vi := l.vars[v]; vi != nil && vi.cap == nil && (!vi.hoisted || vi.box) {
			env = append(env, v)
		}
		return true
	})
	return env
}

// clearDead zeroes the frame variables holding pointers that are dead at
// an await (no use after it, and no loop back to one), so a suspended task
// does not keep what they point to alive.
func (l *lowerer) clearDead(at token.Pos) {
	if l.hasGoto || l.inDefer {
		return
	}
	var dead []*types.Var
	for v, vi := range l.vars {
		if vi.hoisted && vi.frame && !vi.box && vi.cap == nil && !vi.captured && !vi.cleared &&
			vi.lastRef != token.NoPos && vi.lastRef < at && v.Pos() < at && hasPointers(v.Type()) && !l.isResult(v) {
			dead = append(dead, v)
		}
	}
	sort.Slice(dead, func(i, j int) bool { return dead[i].Pos() < dead[j].Pos() })
	for _, v := range dead {
		l.vars[v].cleared = true
		l.emit(fmt.Sprintf("%s = %s // dead from here on", l.storage(v), l.fg.zero(v.Type())), token.NoPos)
	}
}

func (l *lowerer) isResult(v *types.Var) bool {
	for _, r := range l.named {
		if r == v {
			return true
		}
	}
	return false
}

// ---- output ----

// jumpTargets returns the labels that goto, break and continue statements
// of a piece of generated code name (string literals and comments aside).
func jumpTargets(text string) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(text)), []byte(text), nil, 0)
	var out []string
	prev := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.IDENT && (prev == token.GOTO || prev == token.BREAK || prev == token.CONTINUE) {
			out = append(out, lit)
		}
		prev = tok
	}
}

// finish removes dead code and unused labels (both are compile or vet
// errors in Go) and renders Resume's body.
func (l *lowerer) finish() []item {
	items := l.items
	for {
		// A goto to the label right after it is a no-op.
		var kept []item
		for i, it := range items {
			if dest, ok := strings.CutPrefix(it.text, "goto "); ok && it.label == "" && !strings.ContainsAny(dest, " \n;") {
				next := false
				for j := i + 1; j < len(items) && items[j].label != ""; j++ {
					if items[j].label == dest {
						next = true
					}
				}
				if next {
					continue
				}
			}
			kept = append(kept, it)
		}
		items = kept
		used := map[string]bool{}
		for _, it := range items {
			for _, name := range jumpTargets(it.text) {
				used[name] = true
			}
		}
		for i := 1; i <= len(l.pcLines); i++ {
			used[l.lp+"resume"+strconv.Itoa(i)] = true
		}
		if l.defers {
			used[l.lp+"unwind"] = true
		}
		var out []item
		dead := false
		changed := false
		for _, it := range items {
			if it.label != "" {
				if !used[it.label] {
					changed = true
					continue
				}
				dead = false
				out = append(out, it)
				continue
			}
			if dead {
				changed = true
				continue
			}
			out = append(out, it)
			if it.term {
				dead = true
			}
		}
		items = out
		if !changed {
			return items
		}
	}
}

// emitFrame writes the frame type, constructor and Resume of an async body.
func (fg *fileGen) emitFrame(w *bytes.Buffer, a *asyncLit) {
	l := newLowerer(fg, a)
	l.flat = len(l.awaits) == 0 && !l.defers && len(l.named) == 0
	l.block(a.lit.Body.List)
	if l.defers {
		// Unwinding: run deferred calls, then complete. Stack traces show
		// it at the body's closing brace, as Go shows deferred calls.
		l.label(l.lp + "unwind")
		l.items = append(l.items, item{text: "", line: l.fg.line(a.lit.Body.Rbrace)})
		var b strings.Builder
		if len(l.dblocks) == 0 {
			fmt.Fprintf(&b, "%s.defers.Next()", l.f)
		} else {
			fmt.Fprintf(&b, "switch %s.defers.Next() {\n", l.f)
			for _, d := range l.dblocks {
				fmt.Fprintf(&b, "case %d:\ngoto %sdefer%d\n", d.n, l.lp, d.n)
			}
			b.WriteString("}")
		}
		l.emit(b.String(), token.NoPos)
		l.emitTerm(fmt.Sprintf("%s.Return(%s, %s)\nreturn", l.f, l.r, strings.Join(l.resultFields(), ", ")), token.NoPos)
		for i := 0; i < len(l.dblocks); i++ {
			d := l.dblocks[i]
			l.label(l.lp + "defer" + strconv.Itoa(d.n))
			l.env = map[*types.Var]string{}
			for _, e := range d.env {
				l.emit(fmt.Sprintf("%s.%s, %s.%s = %s.%s[len(%s.%s)-1], %s.%s[:len(%s.%s)-1]",
					l.f, e.cur, l.f, e.stack, l.f, e.stack, l.f, e.stack, l.f, e.stack, l.f, e.stack), token.NoPos)
				l.env[e.v] = e.cur
			}
			l.inDefer = true
			saved := l.rw
			l.rw = l.rw.with(func(r *rewriter) { r.inDefer = true })
			l.block(d.lit.Body.List)
			l.rw = saved
			l.inDefer = false
			l.env = nil
			l.emitTerm("goto "+l.lp+"unwind", token.NoPos)
		}
	}
	if n := len(l.items); n == 0 || !l.items[n-1].term {
		l.emitTerm(`panic("unreachable")`, token.NoPos)
	}
	items := l.finish()
	if len(fg.errs) > 0 {
		return
	}
	aioCoro := fg.aioS("Coro")
	res := fg.typeString(a.result)
	tp, ta := a.tparams, a.targs
	frameT := a.frame + ta
	pos := a.lit.Pos()
	fmt.Fprintf(w, "%s", fg.lineDirective(pos))
	fmt.Fprintf(w, "// %s is the state machine of the async body at %s:%d.\n", a.frame, fg.base, fg.line(pos))
	fmt.Fprintf(w, "type %s%s struct {\n", a.frame, tp)
	for _, f := range l.fields {
		if f.zero {
			fmt.Fprintf(w, "%s %s\n", f.name, f.typ)
		}
	}
	fmt.Fprintf(w, "%s[%s]\n", fg.aioS("CoroFrame"), res)
	if l.defers {
		fmt.Fprintf(w, "defers %s\n", fg.aioS("Defers"))
	}
	for _, c := range a.caps {
		t := fg.typeString(c.v.Type())
		if !c.byValue {
			t = "*" + t
		}
		fmt.Fprintf(w, "%s %s\n", c.field, t)
	}
	for _, f := range l.fields {
		if !f.zero {
			fmt.Fprintf(w, "%s %s\n", f.name, f.typ)
		}
	}
	w.WriteString("}\n")
	if !a.isDecl {
		var params, inits []string
		for _, c := range a.caps {
			params = append(params, fmt.Sprintf("%s *%s", c.field, fg.typeString(c.v.Type())))
			inits = append(inits, fmt.Sprintf("%s: %s", c.field, c.field))
		}
		fmt.Fprintf(w, "%s", fg.lineDirective(pos))
		fmt.Fprintf(w, "func %s%s(%s) %s[%s] {\n%s := &%s{%s}\nreturn %s.Init(%s)\n}\n",
			a.ctor, tp, strings.Join(params, ", "), aioCoro, res, l.f, frameT, strings.Join(inits, ", "), l.f, l.f)
	}
	// Resume.
	fmt.Fprintf(w, "%s", fg.lineDirective(pos))
	fmt.Fprintf(w, "func (%s *%s) Resume(%s *%s) {\n", l.f, frameT, l.r, fg.aioS("Runner"))
	for _, d := range l.typeDecls {
		w.WriteString(d + "\n")
	}
	for _, d := range l.locals {
		fmt.Fprintf(w, "var %s %s\n", d.name, d.typ)
	}
	if l.defers || len(l.pullStops) > 0 {
		l.writePanicHandler(w)
	}
	if len(l.pcLines) > 0 || l.defers {
		fmt.Fprintf(w, "switch %s.PC {\n", l.f)
		if l.defers {
			fmt.Fprintf(w, "case -1:\ngoto %sunwind\n", l.lp)
		}
		for i := range l.pcLines {
			fmt.Fprintf(w, "case %d:\ngoto %sresume%d\n", i+1, l.lp, i+1)
		}
		w.WriteString("}\n")
	}
	for _, it := range items {
		if it.label != "" {
			fmt.Fprintf(w, "%s:\n", it.label)
			continue
		}
		if it.line > 0 {
			fmt.Fprintf(w, "\n//line %s:%d\n", fg.base, it.line)
		}
		if it.text != "" {
			w.WriteString(it.text + "\n")
		}
	}
	w.WriteString("}\n")
	// FrameLocation, for Task.Stack.
	fmt.Fprintf(w, "%s", fg.lineDirective(pos))
	fmt.Fprintf(w, "// FrameLocation reports the await %s is suspended at.\n", a.frame)
	fmt.Fprintf(w, "func (%s *%s) FrameLocation() (function, file string, line int) {\n", l.f, frameT)
	fmt.Fprintf(w, "line = %d\n", fg.line(pos))
	if len(l.pcLines) > 0 {
		fmt.Fprintf(w, "switch %s.PC {\n", l.f)
		for i, ln := range l.pcLines {
			fmt.Fprintf(w, "case %d:\nline = %d\n", i+1, ln)
		}
		w.WriteString("}\n")
	}
	fmt.Fprintf(w, "return %q, %q, line\n}\n", a.funcName, fg.base)
	_ = sort.Strings
}

// writePanicHandler writes Resume's deferred function. A panic is
// recovered only while there is something to unwind: pulled iterators (a
// stop field is set; stopping one that has finished does nothing) or
// pending deferred calls. The panic first leaves the pulled iterators,
// innermost first, as it leaves the loop bodies in Go (aio.StopPulls):
// each stop makes the iterator's yield panic with the value, and a panic
// the stop raises (the iterator's own, or Go's range-over-func error when
// the iterator recovers the panic) replaces it. Then the deferred calls
// run inside a real panic (Defers.Next), or, with none pending, the panic
// goes on.
func (l *lowerer) writePanicHandler(w *bytes.Buffer) {
	f := l.f
	var conds []string
	for _, s := range l.pullStops {
		conds = append(conds, fmt.Sprintf("%s.%s != nil", f, s))
	}
	if l.defers {
		conds = append(conds, fmt.Sprintf("!%s.defers.Empty()", f))
	}
	fmt.Fprintf(w, "defer func() {\nif %s {\nif p := recover(); p != nil {\n", strings.Join(conds, " || "))
	if n := len(l.pullStops); n > 0 {
		stops := make([]string, n)
		for i, s := range l.pullStops {
			stops[n-1-i] = f + "." + s
		}
		fmt.Fprintf(w, "p = %s(p, &%s.%s, %s)\n", l.fg.aioS("StopPulls"), f, l.ppanic, strings.Join(stops, ", "))
		if l.defers {
			fmt.Fprintf(w, "if %s.defers.Empty() {\npanic(p)\n}\n", f)
		} else {
			w.WriteString("panic(p)\n")
		}
	}
	if l.defers {
		fmt.Fprintf(w, "%s.defers.Panic(p)\n%s.PC = -1\n%s.Resume(%s)\n", f, f, f, l.r)
	}
	w.WriteString("}\n}\n}()\n")
}

// emitAsyncDecl writes an async function: its statements before the
// `return aio.Async(...)` run at call time as written; then it allocates
// the frame (the one allocation of a coroutine call) and returns it.
func (fg *fileGen) emitAsyncDecl(w *bytes.Buffer, fd *ast.FuncDecl, a *asyncLit) {
	sig := *fd
	sig.Body = nil
	sig.Doc = nil
	if fd.Doc != nil {
		for _, c := range fd.Doc.List {
			w.WriteString(c.Text + "\n")
		}
	}
	w.WriteString(printNode(fg.fset, &sig))
	w.WriteString(" {\n")
	rw := &rewriter{fg: fg}
	for _, s := range fd.Body.List[:len(fd.Body.List)-1] {
		if ds, ok := s.(*ast.DeclStmt); ok && ds.Decl.(*ast.GenDecl).Tok == token.TYPE && rw.allMoved(ds.Decl.(*ast.GenDecl)) {
			if _, ok := rw.droppedTypes(ds).(*ast.AssignStmt); !ok {
				continue // moved to package level
			}
		}
		// Printed one by one, without the comments and blank lines
		// between them: markers keep their lines right.
		w.WriteString(marker(s.Pos()) + " " + rw.text(s) + "\n")
	}
	fv := fg.freshName("f")
	var inits []string
	for _, c := range a.caps {
		if c.byValue {
			inits = append(inits, fmt.Sprintf("%s: %s", c.field, c.v.Name()))
		} else {
			inits = append(inits, fmt.Sprintf("%s: &%s", c.field, c.v.Name()))
		}
	}
	fmt.Fprintf(w, "%s := &%s%s{%s}\nreturn %s.Init(%s)\n}\n", fv, a.frame, a.targs, strings.Join(inits, ", "), fv, fv)
	if name := fg.companionOf(fd); name != "" {
		fg.emitSpawnCompanion(w, fd, a, name)
	}
}
