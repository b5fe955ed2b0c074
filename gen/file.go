package gen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// fileGen generates the twin of one source file.
type fileGen struct {
	fset     *token.FileSet
	file     *ast.File
	pkg      *types.Package
	info     *types.Info
	path     string
	base     string // source file name, as //line directives name it
	src      []byte
	errs     ErrorList
	idents   map[string]bool // every identifier of the file: generated names avoid them
	imports  map[string]string
	addImps  map[string]string // path -> name of imports the twin adds
	asyncs   []*asyncLit
	byCall   map[*ast.CallExpr]*asyncLit
	pkgNames map[string]bool // names generated at package level
	// lineShift: lines added above the source (a missing build constraint)
	// so that //line directives match the file as written to disk.
	lineShift int
	aioName   string
	// spawners maps functions (by spawnKey) to the companions spawning
	// them in one allocation; see spawn.go.
	spawners map[string]string
	foldAll  *token.FileSet // see printFset
	// localTypes: the local types moved to package level (see
	// localTypeNames).
	localTypes map[localTypeKey]movedType
	reported   map[types.Object]bool // errors already reported
}

// asyncLit is one aio.Async call: an async function body or closure.
type asyncLit struct {
	call           *ast.CallExpr
	lit            *ast.FuncLit
	decl           *ast.FuncDecl // top-level declaration holding the call
	isDecl         bool          // the call is the `return aio.Async(...)` of decl
	frame          string        // frame type name
	ctor           string        // constructor name (closures)
	result         types.Type
	caps           []*capture
	parent         *asyncLit // async body the call is nested in, if any
	tparams, targs string
	funcName       string // name for FrameLocation, as the source mode reports it
	varName        string // package-level variable holding the call, outside functions
}

// capture is a variable of an enclosing function used by an async body.
type capture struct {
	v       *types.Var
	field   string
	byValue bool
}

func newFileGen(fset *token.FileSet, file *ast.File, pkg *types.Package, info *types.Info, path string, src []byte) *fileGen {
	fg := &fileGen{
		fset: fset, file: file, pkg: pkg, info: info, path: path, base: filepath.Base(path), src: src,
		idents: map[string]bool{}, imports: map[string]string{}, addImps: map[string]string{},
		byCall: map[*ast.CallExpr]*asyncLit{}, pkgNames: map[string]bool{},
	}
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			fg.idents[id.Name] = true
		}
		return true
	})
	for _, imp := range file.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		} else if pn, ok := info.Implicits[imp].(*types.PkgName); ok {
			name = pn.Name()
		}
		if name != "" && name != "_" && name != "." {
			fg.imports[p] = name
		}
	}
	fg.aioName = fg.imports[asyncsyntax.AioPath]
	return fg
}

func (fg *fileGen) errorf(pos token.Pos, format string, args ...any) {
	fg.errs = append(fg.errs, &Error{Pos: fg.fset.Position(pos), Msg: fmt.Sprintf(format, args...)})
}

func (fg *fileGen) line(pos token.Pos) int { return fg.fset.Position(pos).Line + fg.lineShift }

// qualifier names packages as this file does, adding imports it lacks.
func (fg *fileGen) qualifier(p *types.Package) string {
	if p == fg.pkg {
		return ""
	}
	if n, ok := fg.imports[p.Path()]; ok {
		return n
	}
	if n, ok := fg.addImps[p.Path()]; ok {
		return n
	}
	name := p.Name()
	for i := 2; fg.idents[name] || fg.usedImportName(name); i++ {
		name = p.Name() + strconv.Itoa(i)
	}
	fg.addImps[p.Path()] = name
	return name
}

func (fg *fileGen) usedImportName(n string) bool {
	for _, v := range fg.imports {
		if v == n {
			return true
		}
	}
	for _, v := range fg.addImps {
		if v == n {
			return true
		}
	}
	return false
}

// typeString prints t for use in the twin.
func (fg *fileGen) typeString(t types.Type) string {
	return types.TypeString(fg.renameTypes(t), fg.qualifier)
}

func (fg *fileGen) aioS(name string) string {
	if fg.aioName == "" {
		fg.aioName = fg.qualifier(types.NewPackage(asyncsyntax.AioPath, "aio"))
	}
	return fg.aioName + "." + name
}

// pkgName returns a fresh package-level name based on want.
func (fg *fileGen) pkgName(want string) string {
	name := want
	for i := 2; fg.idents[name] || fg.pkgNames[name] || fg.pkg.Scope().Lookup(name) != nil || fg.isCompanion(name); i++ {
		name = want + strconv.Itoa(i)
	}
	fg.pkgNames[name] = true
	return name
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	// Keep initialisms readable: HTTPGet -> httpGet.
	i := 0
	for i < len(r) && unicode.IsUpper(r[i]) {
		i++
	}
	switch {
	case i == 0:
		return s
	case i == 1 || i == len(r):
		return strings.ToLower(string(r[:i])) + string(r[i:])
	default:
		return strings.ToLower(string(r[:i-1])) + string(r[i-1:])
	}
}

// collect finds the async bodies of the file and checks every aio.Await.
func (fg *fileGen) collect() {
	var stack []ast.Node
	var cur *asyncLit
	counts := map[any]int{}
	var decl *ast.FuncDecl
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.CallExpr:
			decl = nil
			if fd, ok := stack[1].(*ast.FuncDecl); ok && len(stack) > 1 {
				decl = fd
			}
			if lit := asyncsyntax.AsyncBody(fg.info, n); lit != nil {
				a := &asyncLit{call: n, lit: lit, decl: decl, parent: fg.enclosingAsync(stack)}
				var key any = decl
				if decl == nil {
					a.varName = specName(stack)
					key = a.varName
				}
				if decl != nil && asyncsyntax.AsyncFuncDecl(fg.info, decl) == n {
					a.isDecl = true
				}
				sig, _ := fg.info.TypeOf(lit).(*types.Signature)
				if sig == nil || sig.Results().Len() != 2 {
					fg.errorf(lit.Pos(), "aio.Async body must be func() (T, error)")
					return true
				}
				a.result = sig.Results().At(0).Type()
				counts[key]++
				a.name(fg, counts[key])
				fg.asyncs = append(fg.asyncs, a)
				fg.byCall[n] = a
				_ = cur
			} else if asyncsyntax.IsAioFunc(fg.info, n, "Async") {
				fg.errorf(n.Pos(), "aio.Async needs a func literal argument: func() (T, error) { ... }")
			}
			if asyncsyntax.IsAwait(fg.info, n) {
				fg.checkAwait(n, stack)
			}
		}
		return true
	}
	ast.Inspect(fg.file, visit)
}

// specName returns the first named variable of the package-level value
// spec on the stack, or "".
func specName(stack []ast.Node) string {
	if len(stack) > 2 {
		if vs, ok := stack[2].(*ast.ValueSpec); ok {
			for _, id := range vs.Names {
				if id.Name != "_" {
					return id.Name
				}
			}
		}
	}
	return ""
}

// enclosingAsync returns the async body the innermost func literal of the
// stack belongs to (walking through func literals called by defer).
func (fg *fileGen) enclosingAsync(stack []ast.Node) *asyncLit {
	for i := len(stack) - 2; i >= 0; i-- {
		if lit, ok := stack[i].(*ast.FuncLit); ok {
			if i > 0 {
				if call, ok := stack[i-1].(*ast.CallExpr); ok {
					if a := fg.byCall[call]; a != nil && a.lit == lit {
						return a
					}
				}
			}
			return nil
		}
	}
	return nil
}

// checkAwait reports an aio.Await that is not directly in an async body.
func (fg *fileGen) checkAwait(call *ast.CallExpr, stack []ast.Node) {
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.GoStmt:
			fg.errorf(call.Pos(), "aio.Await in a go statement: a goroutine cannot suspend the coroutine; spawn a task with aio.Spawn instead")
			return
		case *ast.FuncDecl:
			fg.errorf(call.Pos(), "aio.Await outside an async function body (use it inside aio.Async(func() (T, error) { ... }))")
			return
		case *ast.FuncLit:
			if i > 0 {
				if c, ok := stack[i-1].(*ast.CallExpr); ok {
					if a := fg.byCall[c]; a != nil && a.lit == n {
						return // the body of an aio.Async call
					}
					if i > 1 && c.Fun == n {
						if d, ok := stack[i-2].(*ast.DeferStmt); ok && d.Call == c {
							if len(c.Args) == 0 {
								continue // async cleanup: a func literal called by defer
							}
							fg.errorf(call.Pos(), "aio.Await in a deferred func literal that takes arguments: write async cleanup as defer func() { ... }()")
							return
						}
					}
				}
			}
			fg.errorf(call.Pos(), "aio.Await in a plain func literal: only the body of aio.Async (or a func literal called directly by defer in it) may await")
			return
		}
	}
	fg.errorf(call.Pos(), "aio.Await outside an async function body")
}

// name chooses the frame's names.
func (a *asyncLit) name(fg *fileGen, n int) {
	base := "async"
	if a.decl != nil {
		base = a.decl.Name.Name
		if a.decl.Recv != nil && len(a.decl.Recv.List) > 0 {
			base = recvTypeName(a.decl.Recv.List[0].Type) + strings.ToUpper(base[:1]) + base[1:]
		}
	}
	if a.decl == nil && a.varName != "" {
		base = a.varName
	}
	base = lowerFirst(base)
	if base == "_" || base == "" {
		base = "async"
	}
	if !a.isDecl {
		base += "Func" + strconv.Itoa(n)
	}
	a.frame = fg.pkgName(base + "Frame")
	if !a.isDecl {
		a.ctor = fg.pkgName("new" + strings.ToUpper(a.frame[:1]) + a.frame[1:])
	}
	// FrameLocation reports the function the way the source mode does
	// (runtime function names with closures trimmed).
	fn := fg.pkg.Name()
	if a.decl != nil {
		if a.decl.Recv != nil && len(a.decl.Recv.List) > 0 {
			rt := a.decl.Recv.List[0].Type
			if st, ok := rt.(*ast.StarExpr); ok {
				fn += ".(*" + recvTypeName(st.X) + ")"
			} else {
				fn += "." + recvTypeName(rt)
			}
		}
		fn += "." + a.decl.Name.Name
	}
	a.funcName = fn
	// Type parameters of the enclosing declaration carry over to the frame.
	if a.decl != nil {
		full, names := declTypeParams(fg.info, a.decl, fg.typeString)
		if len(names) > 0 {
			a.tparams = "[" + strings.Join(full, ", ") + "]"
			a.targs = "[" + strings.Join(names, ", ") + "]"
		}
	}
}

func recvTypeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return recvTypeName(e.X)
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		return recvTypeName(e.X)
	case *ast.IndexListExpr:
		return recvTypeName(e.X)
	case *ast.ParenExpr:
		return recvTypeName(e.X)
	}
	return "recv"
}

// findCaptures computes the variables of enclosing functions an async body
// uses, in order of first use.
func (fg *fileGen) findCaptures(a *asyncLit) {
	seen := map[*types.Var]bool{}
	litStart, litEnd := a.lit.Pos(), a.lit.End()
	ast.Inspect(a.lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := fg.info.Uses[id].(*types.Var)
		if !ok || v.IsField() || seen[v] || v.Parent() == nil || v.Parent() == fg.pkg.Scope() || v.Pkg() != fg.pkg {
			return true
		}
		if v.Pos() >= litStart && v.Pos() < litEnd {
			return true // declared inside the body
		}
		seen[v] = true
		a.caps = append(a.caps, &capture{v: v})
		return true
	})
	if a.isDecl {
		// The body is the last thing its function does, so captured
		// variables may be copied, unless something else shares them.
		shared := fg.sharedVars(a)
		for _, c := range a.caps {
			c.byValue = !shared[c.v]
		}
	}
	names := map[string]bool{}
	for _, c := range a.caps {
		c.field = uniqueField(c.v.Name(), names)
	}
}

// sharedVars returns the variables of a's function that another func literal
// captures or whose address is taken outside a: those a must share by
// pointer.
func (fg *fileGen) sharedVars(a *asyncLit) map[*types.Var]bool {
	shared := map[*types.Var]bool{}
	var walk func(n ast.Node, inLit bool)
	walk = func(n ast.Node, inLit bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				if n == a.lit {
					return false
				}
				if !inLit {
					walk(n.Body, true)
					return false
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if v := rootVar(fg.info, n.X); v != nil {
						shared[v] = true
					}
				}
			case *ast.Ident:
				if inLit {
					if v, ok := fg.info.Uses[n].(*types.Var); ok {
						shared[v] = true
					}
				}
			}
			return true
		})
	}
	walk(a.decl.Body, false)
	return shared
}

// rootVar returns the variable an addressable expression is part of.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			if v == nil {
				v, _ = info.Defs[x].(*types.Var)
			}
			return v
		case *ast.ParenExpr:
			e = x.X
		case *ast.SelectorExpr:
			if sel := info.Selections[x]; sel != nil && sel.Kind() == types.FieldVal && !isPointer(info.TypeOf(x.X)) {
				e = x.X
				continue
			}
			return nil
		case *ast.IndexExpr:
			if _, ok := info.TypeOf(x.X).Underlying().(*types.Array); ok {
				e = x.X
				continue
			}
			return nil
		default:
			return nil
		}
	}
}

func isPointer(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

var reservedFields = map[string]bool{
	"CoroFrame": true, "FrameHeader": true, "Init": true, "Return": true, "Resume": true,
	"FrameLocation": true, "PC": true, "defers": true, "_": true,
}

func uniqueField(want string, taken map[string]bool) string {
	name := want
	for i := 2; taken[name] || reservedFields[name]; i++ {
		name = want + strconv.Itoa(i)
	}
	taken[name] = true
	return name
}

// run generates the twin.
func (fg *fileGen) run() (*Output, error) {
	fg.collect()
	twinCons, missing, err := twinConstraint(fg.file)
	if err != nil {
		fg.errorf(fg.file.Package, "%v", err)
	}
	if missing {
		fg.lineShift = strings.Count(string(addConstraint(nil)), "\n")
	}
	if len(fg.errs) > 0 {
		return nil, fg.errs
	}
	for _, a := range fg.asyncs {
		fg.findCaptures(a)
	}
	// Frames and rewritten declarations.
	var body bytes.Buffer
	for _, d := range fg.file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			continue
		}
		fg.emitDecl(&body, d)
	}
	if len(fg.errs) > 0 {
		return nil, fg.errs
	}
	src := fg.src
	var newSrc []byte
	if missing {
		newSrc = addConstraint(src)
		src = newSrc
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s\n// Source: %s (hash %s)\n\n//go:build %s\n\n", Header, fg.base, Hash(src), twinCons)
	fmt.Fprintf(&out, "package %s\n\n", fg.file.Name.Name)
	for _, d := range fg.file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			out.WriteString(fg.printWithComments(gd, gd) + "\n")
		}
	}
	if len(fg.addImps) > 0 {
		var paths []string
		for p := range fg.addImps {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		out.WriteString("import (\n")
		for _, p := range paths {
			fmt.Fprintf(&out, "\t%s %q\n", fg.addImps[p], p)
		}
		out.WriteString(")\n")
	}
	out.Write(body.Bytes())
	data, err := formatSource(out.Bytes())
	if err != nil {
		return nil, err
	}
	if data, err = formatSource(fg.resolveMarkers(data)); err != nil {
		return nil, err
	}
	return &Output{Source: fg.path, Twin: TwinName(fg.path), Data: data, NewSource: newSrc, SourceSize: bytes.Count(fg.src, []byte("\n"))}, nil
}

// outLine is a line of a printed twin, for resolveMarkers.
type outLine struct {
	text      string
	directive int       // a //line directive for this file: the line it names
	other     bool      // a //line directive for another file
	want      int       // the source line this line starts (0: none)
	cont      bool      // want comes from a continuation marker
	drop      bool      // the line held only markers
	mid       token.Pos // a node after other code on the line (see midMarker)
	midAt     int       // where it starts in text
}

// closing reports whether a line holds only closing brackets (and the
// call of a closed func literal): no statement starts on it.
func closing(t string) bool {
	return strings.Trim(t, "}])(,;") == ""
}

func (ol outLine) isBlank() bool {
	return !ol.drop && ol.directive == 0 && !ol.other && ol.want == 0 && strings.TrimSpace(ol.text) == ""
}

// blankBefore reports whether the source line before line (as fg.line
// numbers it) is blank.
func (fg *fileGen) blankBefore(line int) bool {
	line -= fg.lineShift
	tf := fg.fset.File(fg.file.Pos())
	if line < 2 || line > tf.LineCount() {
		return false
	}
	start := tf.Offset(tf.LineStart(line - 1))
	end := tf.Offset(tf.LineStart(line))
	return strings.TrimSpace(string(fg.src[start:end])) == ""
}

// resolveMarkers removes the position markers from the printed twin (see
// markerPrefix) and writes a //line directive before each line starting a
// statement that the directives above it would report at another line.
// A continuation marker (the second line of a rewritten return) gets one
// only if code other than closing braces follows before the next
// directive: a return that becomes f.Return(...) and return must not shift
// an else if after it, but needs no directive of its own at the end of a
// block. The twin is gofmt'd already, so its lines are final: removing
// markers and adding directives at column 1 only changes spaces, which
// gofmt redoes.
func (fg *fileGen) resolveMarkers(data []byte) []byte {
	if !bytes.Contains(data, []byte(markerPrefix)) {
		return data
	}
	linePrefix := "//line " + fg.base + ":"
	var lines []outLine
	pending, pendingCont := 0, false // a marker that ended the previous line
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, linePrefix); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(rest))
			lines = append(lines, outLine{text: line, directive: n})
			continue
		}
		if strings.HasPrefix(line, "//line ") {
			lines = append(lines, outLine{text: line, other: true})
			continue
		}
		ol := outLine{want: pending, cont: pendingCont}
		pending, pendingCont = 0, false
		var text strings.Builder
		lead, marked := true, false
		for {
			i := strings.Index(line, markerPrefix)
			if i < 0 {
				text.WriteString(line)
				break
			}
			j := strings.Index(line[i:], markerSuffix)
			marked = true
			num, cont := strings.CutSuffix(line[i+len(markerPrefix):i+j], "c")
			num, mid := strings.CutSuffix(num, "m")
			pos, _ := strconv.Atoi(num)
			before := line[:i]
			line = line[i+j+len(markerSuffix):]
			if mid {
				if !(lead && strings.TrimSpace(before) == "") && ol.mid == 0 {
					ol.mid, ol.midAt = token.Pos(pos), text.Len()+len(before)
				}
				if strings.TrimSpace(before) != "" {
					lead = false
				}
				text.WriteString(before)
				line = strings.TrimPrefix(line, " ")
				continue
			}
			if lead && strings.TrimSpace(before) == "" {
				ol.want, ol.cont = fg.line(token.Pos(pos)), cont
			} else if rest := strings.TrimSpace(line); rest == "" || strings.HasPrefix(rest, markerPrefix) {
				// The statement starts on the next line.
				pending, pendingCont = fg.line(token.Pos(pos)), cont
			}
			if strings.TrimSpace(before) != "" {
				lead = false
			}
			text.WriteString(before)
			line = strings.TrimPrefix(line, " ")
		}
		ol.text = text.String()
		if strings.TrimSpace(ol.text) == "" && marked {
			ol.drop = true
			// The printer puts a comment before a case clause on a line
			// of its own, after a blank line the source may not have.
			if n := len(lines); n > 0 && ol.want != 0 && lines[n-1].isBlank() && !fg.blankBefore(ol.want) {
				lines[n-1].drop = true
			}
			if ol.want != 0 && pending == 0 {
				pending, pendingCont = ol.want, ol.cont
			}
		}
		lines = append(lines, ol)
	}
	// needed reports whether a continuation at line i must be mapped: code
	// that is neither a closing brace nor the rest of the same statement
	// follows before the next directive or statement marker.
	needed := func(i int) bool {
		for _, ol := range lines[i+1:] {
			switch t := strings.TrimSpace(ol.text); {
			case ol.drop || closing(t) || ol.cont && ol.want == lines[i].want:
			case ol.directive != 0 || ol.other || ol.want != 0 && !ol.cont:
				return false
			default:
				return true
			}
		}
		return false
	}
	var out bytes.Buffer
	next := 0 // source line the next output line is reported at (0: none)
	for i, ol := range lines {
		switch {
		case ol.directive != 0:
			next = ol.directive
		case ol.other:
			next = 0
		case ol.drop:
			continue
		case ol.want != 0 && ol.want != next && (!ol.cont || needed(i)):
			fmt.Fprintf(&out, "%s%d\n", linePrefix, ol.want)
			next = ol.want + 1
		default:
			if next != 0 {
				next++
			}
		}
		if want := fg.line(ol.mid); ol.mid.IsValid() && next != 0 && want != next-1 {
			// gofmt puts a space after the directive, which it maps:
			// the node is one column further.
			col := max(fg.fset.Position(ol.mid).Column-1, 1)
			ol.text = fmt.Sprintf("%s/*line %s:%d:%d*/ %s", ol.text[:ol.midAt], fg.base, want, col, strings.TrimLeft(ol.text[ol.midAt:], " "))
			next = want + 1
		}
		out.WriteString(ol.text)
	}
	return out.Bytes()
}

// lineDirective returns a //line comment mapping the next line to pos.
func (fg *fileGen) lineDirective(pos token.Pos) string {
	return fmt.Sprintf("\n//line %s:%d\n", fg.base, fg.line(pos))
}

// emitDecl writes a top-level declaration of the source to the twin:
// async functions become frames, anything else is copied (with async
// closures in it replaced by frame constructors).
func (fg *fileGen) emitDecl(w *bytes.Buffer, d ast.Decl) {
	// gofmt moves a //line directive to the end of a doc comment, which is
	// where it belongs: it maps the declaration's own line.
	w.WriteString(fg.lineDirective(d.Pos()))
	fd, _ := d.(*ast.FuncDecl)
	var top *asyncLit
	if fd != nil {
		for _, a := range fg.asyncs {
			if a.decl == fd && a.isDecl {
				top = a
			}
		}
	}
	if top != nil {
		fg.emitAsyncDecl(w, fd, top)
	} else if fg.containsAsync(d) {
		rw := &rewriter{fg: fg}
		nd := clone(d, rw.hook)
		w.WriteString(fg.printWithComments(nd, d) + "\n")
	} else {
		w.WriteString(fg.printWithComments(d, d) + "\n")
	}
	fg.emitMovedTypes(w, d)
	// Frames of the async bodies in this declaration, in source order.
	for _, a := range fg.asyncs {
		if a.decl == fd && fd != nil || a.decl == nil && d.Pos() <= a.call.Pos() && a.call.End() <= d.End() {
			fg.emitFrame(w, a)
		}
	}
}

// emitMovedTypes writes the local types of d that move to package level
// (see localTypeNames), in source order, generic over d's type parameters
// if it has any.
func (fg *fileGen) emitMovedTypes(w *bytes.Buffer, d ast.Decl) {
	tparams := ""
	if fd, ok := d.(*ast.FuncDecl); ok {
		if full, _ := declTypeParams(fg.info, fd, fg.typeString); len(full) > 0 {
			tparams = "[" + strings.Join(full, ", ") + "]"
		}
	}
	rw := &rewriter{fg: fg, pkgLevel: true}
	ast.Inspect(d, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok {
			return true
		}
		m, ok := fg.moved(fg.info.Defs[ts.Name].(*types.TypeName))
		if !ok {
			return true
		}
		assign := " "
		if ts.Assign.IsValid() {
			assign = " = "
		}
		w.WriteString(fg.lineDirective(ts.Pos()))
		fmt.Fprintf(w, "type %s%s%s%s\n", m.name, tparams, assign, rw.text(ts.Type))
		return true
	})
}

func (fg *fileGen) containsAsync(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && fg.byCall[c] != nil {
			found = true
		}
		return !found
	})
	return found || fg.hasSpawnCall(n)
}

// printWithComments prints n (a copy of orig, or orig) with the comments
// lying inside orig.
func (fg *fileGen) printWithComments(n ast.Node, orig ast.Node) string {
	var cs []*ast.CommentGroup
comments:
	for _, cg := range fg.file.Comments {
		if cg.Pos() >= orig.Pos() && cg.End() <= orig.End() {
			// An async call inside orig is replaced by its frame's
			// constructor: its comments went with its body.
			for _, a := range fg.asyncs {
				if a.call.Pos() <= cg.Pos() && cg.End() <= a.call.End() && (a.call.Pos() > orig.Pos() || a.call.End() < orig.End()) {
					continue comments
				}
			}
			cs = append(cs, cg)
		}
	}
	// Doc comments sit before the node.
	if fd, ok := orig.(*ast.FuncDecl); ok && fd.Doc != nil {
		cs = append([]*ast.CommentGroup{fd.Doc}, cs...)
	}
	if gd, ok := orig.(*ast.GenDecl); ok && gd.Doc != nil {
		cs = append([]*ast.CommentGroup{gd.Doc}, cs...)
	}
	return printNode(fg.printFset(nil), &printer.CommentedNode{Node: n, Comments: cs})
}

// printFset returns the file set to print copied code with, inside the
// async body a (nil: outside any). Every async closure the copy may hold
// (any but a and the bodies around it) is replaced by a one-line
// constructor call; the printer spaces tokens by their source lines, so
// with the lines the closure spanned it would leave a blank line after the
// call. This file set folds those lines into the closure's first line.
func (fg *fileGen) printFset(a *asyncLit) *token.FileSet {
	if a == nil && fg.foldAll != nil {
		return fg.foldAll
	}
	keep := map[*asyncLit]bool{}
	for p := a; p != nil; p = p.parent {
		keep[p] = true
	}
	tf := fg.fset.File(fg.file.Pos())
	lines := tf.Lines()
	folded := make([]bool, len(lines))
	changed := false
	for _, c := range fg.asyncs {
		if c.isDecl || keep[c] {
			continue
		}
		// Lines starting strictly inside the call.
		first, last := tf.Line(c.call.Pos()), tf.Line(c.call.End())
		for i := first; i < last; i++ {
			folded[i] = true // lines[i] starts line i+1
			changed = true
		}
	}
	fs := fg.fset
	if changed {
		var kept []int
		for i, off := range lines {
			if !folded[i] {
				kept = append(kept, off)
			}
		}
		fs = token.NewFileSet()
		fs.AddFile(tf.Name(), tf.Base(), tf.Size()).SetLines(kept)
	}
	if a == nil {
		fg.foldAll = fs
	}
	return fs
}
