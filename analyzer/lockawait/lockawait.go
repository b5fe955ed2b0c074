// Package lockawait implements AIO140: a sync.Mutex or RWMutex that may still
// be held when an async body reaches an await.
//
// The check is a forward may-analysis over the control-flow graph of each
// async body (golang.org/x/tools/go/cfg): a lock is held after Lock/RLock
// until the matching Unlock/RUnlock on that path; `defer mu.Unlock()` does
// not release it before the function returns. Any await reached on some path
// with a lock held is reported, with the line of the Lock.
//
// Small helpers that lock or unlock a mutex reachable from their receiver
// or a parameter (`func (c *Cache) lock() { c.mu.Lock() }`) are summarised
// as a LockFact ("acquires recv.mu", "releases recv.mu"), exported so that
// helpers in other packages count too; a call of such a helper is a Lock or
// Unlock of the mutex named by the call's receiver or argument. Only
// helpers whose lock operations are all unconditional statements of their
// body get a summary: a conditional Lock, a TryLock, a lock in a loop or a
// goroutine, or an early return makes the helper opaque, as before.
package lockawait

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/asyncgo/asyncgo/analyzer/asyncfind"
	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// Analyzer reports locks held across awaits.
var Analyzer = &analysis.Analyzer{
	Name:             "lockawait",
	Doc:              rule.AnalyzerDoc("report sync.Mutex/RWMutex locks held across an await (AIO140)", Doc),
	URL:              rule.URL("AIO140"),
	Requires:         []*analysis.Analyzer{asyncfind.Analyzer, rule.ParseAnalyzer},
	RunDespiteErrors: true,
	ResultType:       rule.OutcomeType,
	FactTypes:        []analysis.Fact{(*LockFact)(nil)},
	Run:              run,
}

// A LockRef names a mutex relative to a function: Param is -1 for the
// receiver, else a parameter index; Path is the selector path from it
// (".mu", or "" for a *sync.Mutex parameter); Read marks a read lock.
type LockRef struct {
	Param int
	Path  string
	Read  bool
}

// LockFact summarises a helper that leaves mutexes locked (Acquires) or
// unlocks mutexes it did not lock (Releases) when it returns.
type LockFact struct {
	Acquires []LockRef
	Releases []LockRef
}

// AFact marks LockFact as an analysis fact.
func (*LockFact) AFact() {}

// String renders the fact for analysistest fact expectations:
// "acquires recv.mu; releases p0.mu".
func (f *LockFact) String() string {
	var parts []string
	for _, r := range f.Acquires {
		parts = append(parts, "acquires "+r.String())
	}
	for _, r := range f.Releases {
		parts = append(parts, "releases "+r.String())
	}
	return strings.Join(parts, "; ")
}

func (r LockRef) String() string {
	s := "recv"
	if r.Param >= 0 {
		s = "p" + strconv.Itoa(r.Param)
	}
	s += r.Path
	if r.Read {
		s += "(R)"
	}
	return s
}

type evKind int

const (
	evLock evKind = iota
	evUnlock
	evAwait
)

type event struct {
	kind evKind
	key  string // lock identity: receiver expression, "(R)" suffix for read locks
	name string // receiver as written, for messages
	node ast.Node
}

var lockOps = map[string]struct {
	kind evKind
	read bool
}{
	"(*sync.Mutex).Lock":      {evLock, false},
	"(*sync.Mutex).Unlock":    {evUnlock, false},
	"(*sync.RWMutex).Lock":    {evLock, false},
	"(*sync.RWMutex).Unlock":  {evUnlock, false},
	"(*sync.RWMutex).RLock":   {evLock, true},
	"(*sync.RWMutex).RUnlock": {evUnlock, true},
}

// tryLocks take the lock only when they return true: they count as a Lock
// on the branch of an `if` (or loop) condition where the lock was taken.
var tryLocks = map[string]bool{
	"(*sync.Mutex).TryLock":    false,
	"(*sync.RWMutex).TryLock":  false,
	"(*sync.RWMutex).TryRLock": true,
}

// lockCall returns the lock event of a Lock/Unlock call (kind evLock,
// evUnlock) or of a TryLock call (kind evLock, try set).
func lockCall(info *types.Info, call *ast.CallExpr) (ev event, try, ok bool) {
	fn := aiotypes.Callee(info, call)
	if fn == nil {
		return event{}, false, false
	}
	key := aiotypes.Key(fn)
	op, isOp := lockOps[key]
	read, isTry := tryLocks[key]
	if !isOp && !isTry {
		return event{}, false, false
	}
	if isTry {
		op.kind, op.read = evLock, read
	}
	name, ok := lockName(info, call)
	if !ok {
		return event{}, false, false
	}
	k := name
	if op.read {
		k += "(R)"
	}
	return event{kind: op.kind, key: k, name: name, node: call}, isTry, true
}

// lockName names the mutex a lock method call operates on, so that every
// spelling of the same lock gets the same name: c.mu.Lock(), (&c.mu).Lock(),
// the method expression (*sync.Mutex).Lock(&c.mu), and a promoted call
// c.Lock() on a struct embedding sync.Mutex (named c.Mutex, as
// c.Mutex.Unlock() is).
func lockName(info *types.Info, call *ast.CallExpr) (string, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	selection := info.Selections[sel]
	var recv ast.Expr = sel.X
	if selection != nil && selection.Kind() == types.MethodExpr {
		if len(call.Args) == 0 {
			return "", false
		}
		recv = call.Args[0]
	}
	recv = ast.Unparen(recv)
	if u, ok := recv.(*ast.UnaryExpr); ok && u.Op == token.AND {
		recv = ast.Unparen(u.X)
	}
	name := types.ExprString(recv)
	if selection != nil && selection.Kind() == types.MethodVal {
		// Embedded fields the promoted method is reached through.
		t := selection.Recv()
		idx := selection.Index()
		for _, i := range idx[:len(idx)-1] {
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			st, ok := t.Underlying().(*types.Struct)
			if !ok || i >= st.NumFields() {
				break
			}
			f := st.Field(i)
			name += "." + f.Name()
			t = f.Type()
		}
	}
	return name, true
}

// events lists, in evaluation order, the lock operations and awaits of one
// CFG node. Deferred calls do not run at the defer statement, and code in
// goroutines and stored closures does not run here at all. TryLock calls are
// not events: condTry handles them where their result decides a branch.
func events(res *asyncfind.Result, sum *summaries, info *types.Info, n ast.Node) []event {
	if _, ok := n.(*ast.DeferStmt); ok {
		return nil
	}
	var evs []event
	res.Walk(n, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.GoStmt); ok {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		// The awaited operand is evaluated before Await suspends.
		if asyncsyntax.IsAwait(info, call) {
			for _, a := range call.Args {
				evs = append(evs, events(res, sum, info, a)...)
			}
			evs = append(evs, event{kind: evAwait, node: call})
			return false
		}
		if ev, try, ok := lockCall(info, call); ok && !try {
			evs = append(evs, ev)
		} else {
			evs = append(evs, sum.helperEvents(info, call)...)
		}
		return true
	})
	return evs
}

// summaries finds the LockFacts of helpers: those of this package, and
// imported ones through facts.
type summaries struct {
	pass  *analysis.Pass
	local map[*types.Func]*LockFact
}

func (s *summaries) of(fn *types.Func) *LockFact {
	if s == nil || fn == nil {
		return nil
	}
	if fn.Pkg() == s.pass.Pkg {
		return s.local[fn]
	}
	var f LockFact
	if s.pass.ImportObjectFact(fn, &f) {
		return &f
	}
	return nil
}

// helperEvents returns the lock events of a call of a summarised helper:
// its releases, then its acquisitions, each naming the mutex through the
// call's receiver or argument.
func (s *summaries) helperEvents(info *types.Info, call *ast.CallExpr) []event {
	fn := aiotypes.Callee(info, call)
	f := s.of(fn)
	if f == nil {
		return nil
	}
	base := func(r LockRef) (string, bool) {
		if r.Param < 0 {
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return "", false
			}
			if sl := info.Selections[sel]; sl == nil || sl.Kind() != types.MethodVal {
				return "", false
			}
			return lockName(info, call) // the receiver, through embedded fields
		}
		if r.Param >= len(call.Args) || call.Ellipsis.IsValid() {
			return "", false
		}
		arg := ast.Unparen(call.Args[r.Param])
		if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
			arg = ast.Unparen(u.X)
		}
		return types.ExprString(arg), true
	}
	var evs []event
	add := func(kind evKind, refs []LockRef) {
		for _, r := range refs {
			b, ok := base(r)
			if !ok {
				continue
			}
			name := b + r.Path
			key := name
			if r.Read {
				key += "(R)"
			}
			evs = append(evs, event{kind: kind, key: key, name: name, node: call})
		}
	}
	add(evUnlock, f.Releases)
	add(evLock, f.Acquires)
	return evs
}

// summarise computes the LockFact of a function declaration, or nil. Every
// lock operation (direct, or a call of a summarised helper) must be a
// top-level statement of the body, or a top-level defer (applied when the
// body ends); the body may end with a return but contain no other. The
// mutex must be reached from the receiver or a parameter that the body
// never reassigns, through a pointer (a value receiver locks a copy).
func summarise(pass *analysis.Pass, sum *summaries, fd *ast.FuncDecl, fn *types.Func) *LockFact {
	info := pass.TypesInfo
	sig := fn.Type().(*types.Signature)
	roots := map[*types.Var]int{}
	if sig.Recv() != nil {
		roots[sig.Recv()] = -1
	}
	for i := 0; i < sig.Params().Len(); i++ {
		roots[sig.Params().At(i)] = i
	}
	// Lock operations anywhere in the body; they must all be top-level.
	ops := 0
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if _, _, isLock := lockCall(info, n); isLock || sum.of(aiotypes.Callee(info, n)) != nil {
				ops++
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, isID := ast.Unparen(l).(*ast.Ident); isID {
					if v, isVar := info.Uses[id].(*types.Var); isVar {
						delete(roots, v)
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if id, isID := ast.Unparen(n.X).(*ast.Ident); isID {
					if v, isVar := info.Uses[id].(*types.Var); isVar {
						delete(roots, v)
					}
				}
			}
		case *ast.ReturnStmt:
			if len(fd.Body.List) == 0 || fd.Body.List[len(fd.Body.List)-1] != ast.Stmt(n) {
				ok = false
			}
		}
		return ok
	})
	if !ok || ops == 0 {
		return nil
	}
	type held struct {
		ref  LockRef
		lock bool
	}
	state := map[string]held{} // key -> net effect so far
	var order []string
	apply := func(evs []event, refs map[string]LockRef) {
		for _, e := range evs {
			r, known := refs[e.key]
			if !known {
				ok = false
				return
			}
			h, seen := state[e.key]
			switch {
			case !seen:
				state[e.key] = held{r, e.kind == evLock}
				order = append(order, e.key)
			case h.lock && e.kind == evUnlock, !h.lock && e.kind == evLock:
				delete(state, e.key) // balanced
				for i, k := range order {
					if k == e.key {
						order = append(order[:i], order[i+1:]...)
						break
					}
				}
			default:
				ok = false // locked twice, or unlocked twice
			}
		}
	}
	// callEvents returns the events of a top-level call and the LockRef each key means.
	callEvents := func(call *ast.CallExpr) ([]event, map[string]LockRef) {
		var evs []event
		if ev, try, isLock := lockCall(info, call); isLock {
			if try {
				return nil, nil
			}
			evs = []event{ev}
		} else {
			evs = sum.helperEvents(info, call)
		}
		refs := map[string]LockRef{}
		for _, e := range evs {
			r, rooted := lockRef(info, roots, e, call)
			if !rooted {
				return nil, nil
			}
			refs[e.key] = r
		}
		return evs, refs
	}
	seen := 0
	var deferred []*ast.CallExpr
	for _, st := range fd.Body.List {
		var call *ast.CallExpr
		switch st := st.(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(st.X).(*ast.CallExpr)
		case *ast.DeferStmt:
			if evs, _ := callEvents(st.Call); len(evs) > 0 {
				deferred = append(deferred, st.Call)
				seen++
			}
			continue
		}
		if call == nil {
			continue
		}
		evs, refs := callEvents(call)
		if len(evs) == 0 {
			continue
		}
		seen++
		apply(evs, refs)
	}
	for i := len(deferred) - 1; i >= 0; i-- {
		evs, refs := callEvents(deferred[i])
		apply(evs, refs)
	}
	if !ok || seen != ops || len(state) == 0 {
		return nil
	}
	f := &LockFact{}
	for _, k := range order {
		if h := state[k]; h.lock {
			f.Acquires = append(f.Acquires, h.ref)
		} else {
			f.Releases = append(f.Releases, h.ref)
		}
	}
	return f
}

// lockRef expresses the mutex of a lock event in a helper relative to the
// helper's receiver or parameter (roots), or reports false. The event's
// name must start with the root's name followed by a selector path, and
// the mutex must be reached through a pointer: the root itself, or a field
// on the way.
func lockRef(info *types.Info, roots map[*types.Var]int, e event, call *ast.CallExpr) (LockRef, bool) {
	root, ok := rootIdent(info, call, e)
	if !ok {
		return LockRef{}, false
	}
	v, ok := info.Uses[root].(*types.Var)
	if !ok {
		return LockRef{}, false
	}
	idx, ok := roots[v]
	if !ok || !strings.HasPrefix(e.name, root.Name) {
		return LockRef{}, false
	}
	path := e.name[len(root.Name):]
	if path != "" && path[0] != '.' {
		return LockRef{}, false
	}
	if !viaPointer(v.Pkg(), v.Type(), path) {
		return LockRef{}, false // a value receiver or parameter: the helper locks a copy
	}
	return LockRef{Param: idx, Path: path, Read: strings.HasSuffix(e.key, "(R)")}, true
}

// viaPointer reports whether the mutex at path (".a.mu") from a value of
// type t is reached through a pointer: t itself, a field on the way, or the
// mutex field. Only then does locking it in a helper lock the caller's
// mutex rather than a copy.
func viaPointer(pkg *types.Package, t types.Type, path string) bool {
	isPtr := func(t types.Type) bool { _, ok := t.Underlying().(*types.Pointer); return ok }
	if isPtr(t) {
		return true
	}
	for _, name := range strings.Split(path, ".")[1:] {
		obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
		f, ok := obj.(*types.Var)
		if !ok {
			return false
		}
		t = f.Type()
		if isPtr(t) {
			return true
		}
	}
	return false
}

// rootIdent returns the identifier at the root of the expression an event
// names: the receiver of a lock method call (through selectors and &), or
// of the argument or receiver a helper call names it by.
func rootIdent(info *types.Info, call *ast.CallExpr, e event) (*ast.Ident, bool) {
	// The event's name is types.ExprString of some expression in the call;
	// find the identifier it starts with.
	var found *ast.Ident
	ast.Inspect(call, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if _, isVar := info.Uses[id].(*types.Var); isVar && strings.HasPrefix(e.name, id.Name) &&
				(len(e.name) == len(id.Name) || e.name[len(id.Name)] == '.') {
				found = id
			}
		}
		return true
	})
	return found, found != nil
}

// condTry recognises a branch condition `m.TryLock()` or `!m.TryLock()` (the
// last node of a block with two successors) and returns the lock it takes
// and the index of the successor on which it is held.
func condTry(info *types.Info, blk *cfg.Block) (event, int, bool) {
	if len(blk.Succs) != 2 || len(blk.Nodes) == 0 {
		return event{}, 0, false
	}
	cond, ok := blk.Nodes[len(blk.Nodes)-1].(ast.Expr)
	if !ok {
		return event{}, 0, false
	}
	succ := 0
	cond = ast.Unparen(cond)
	if u, ok := cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		cond, succ = ast.Unparen(u.X), 1
	}
	call, ok := cond.(*ast.CallExpr)
	if !ok {
		return event{}, 0, false
	}
	ev, try, ok := lockCall(info, call)
	if !ok || !try {
		return event{}, 0, false
	}
	return ev, succ, true
}

type state map[string]token.Pos // held lock -> position of its Lock call

func run(pass *analysis.Pass) (any, error) {
	rep := rule.NewReporter(pass, "AIO140")
	if rule.InGoroot(pass) {
		return rep.Outcome(), nil
	}
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	sum := &summaries{pass: pass, local: map[*types.Func]*LockFact{}}
	// Helpers of helpers: iterate until no summary changes (summaries only
	// appear, so this ends; a few rounds are plenty in practice).
	for round := 0; round < 8; round++ {
		changed := false
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
				if fn == nil || sum.local[fn] != nil {
					continue
				}
				if lf := summarise(pass, sum, fd, fn); lf != nil {
					sum.local[fn] = lf
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	for fn, lf := range sum.local {
		pass.ExportObjectFact(fn, lf)
	}
	for _, b := range res.Bodies {
		check(pass, rep, res, sum, b)
	}
	return rep.Outcome(), nil
}

func mayReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
		return false
	}
	return true
}

func check(pass *analysis.Pass, rep *rule.Reporter, res *asyncfind.Result, sum *summaries, b *asyncfind.Body) {
	// Cheap pre-check: most bodies lock nothing.
	locks := false
	asyncfind.WalkBody(b, func(n ast.Node, _ []ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !locks {
			if ev, _, ok := lockCall(pass.TypesInfo, call); ok && ev.kind == evLock {
				locks = true
			} else if f := sum.of(aiotypes.Callee(pass.TypesInfo, call)); f != nil && len(f.Acquires) > 0 {
				locks = true
			}
		}
		return !locks
	})
	if !locks {
		return
	}
	g := cfg.New(b.Lit.Body, mayReturn)
	evs := make(map[*cfg.Block][]event)
	for _, blk := range g.Blocks {
		for _, n := range blk.Nodes {
			evs[blk] = append(evs[blk], events(res, sum, pass.TypesInfo, n)...)
		}
	}
	transfer := func(blk *cfg.Block, in state, at func(event, state)) state {
		out := state{}
		for k, v := range in {
			out[k] = v
		}
		for _, e := range evs[blk] {
			switch e.kind {
			case evLock:
				out[e.key] = e.node.Pos()
			case evUnlock:
				delete(out, e.key)
			case evAwait:
				if at != nil {
					at(e, out)
				}
			}
		}
		return out
	}
	in := map[*cfg.Block]state{g.Blocks[0]: {}}
	work := []*cfg.Block{g.Blocks[0]}
	for len(work) > 0 {
		blk := work[len(work)-1]
		work = work[:len(work)-1]
		out := transfer(blk, in[blk], nil)
		try, trySucc, isTry := condTry(pass.TypesInfo, blk)
		for i, s := range blk.Succs {
			st, seen := in[s]
			if !seen {
				st = state{}
				in[s] = st
			}
			changed := !seen
			succOut := out
			if isTry && i == trySucc {
				succOut = state{try.key: try.node.Pos()}
				for k, v := range out {
					succOut[k] = v
				}
			}
			for k, v := range succOut {
				if _, ok := st[k]; !ok {
					st[k] = v
					changed = true
				}
			}
			if changed {
				work = append(work, s)
			}
		}
	}
	reported := map[token.Pos]bool{}
	for _, blk := range g.Blocks {
		st, reachable := in[blk]
		if !reachable {
			continue
		}
		transfer(blk, st, func(e event, held state) {
			if len(held) == 0 || reported[e.node.Pos()] {
				return
			}
			reported[e.node.Pos()] = true
			keys := make([]string, 0, len(held))
			for k := range held {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			k := keys[0]
			name := k
			if len(k) > 3 && k[len(k)-3:] == "(R)" {
				name = k[:len(k)-3] + " (read lock)"
			}
			line := pass.Fset.Position(held[k]).Line
			rep.Report("AIO140", e.node, nil, "%s, locked at line %d, may still be held at this await in %s: while this task is suspended, any other task that locks it blocks the loop's only goroutine and the program deadlocks; unlock before awaiting, or use aio.Lock", name, line, b.Name())
		})
	}
}

// Doc documents AIO140.
var Doc = rule.Doc{
	ID:    "AIO140",
	Title: "sync lock held across an await",
	Why: "A sync.Mutex held while the task is suspended at an await is still held when the loop runs other tasks. " +
		"The first of them that locks it blocks the loop's only goroutine, so the holder never resumes to unlock: " +
		"a deadlock. The check follows every control-flow path of the async body; `defer mu.Unlock()` keeps the " +
		"lock until the body returns, and `if mu.TryLock()` holds it on the branch where it succeeded. " +
		"Small helpers count too, in any package: `func (c *Cache) lock() { c.mu.Lock() }` acquires c.mu for its " +
		"caller and a matching unlock helper releases it, when the mutex is reached from the helper's receiver or " +
		"a parameter through a pointer and every lock operation of the helper is an unconditional statement of its " +
		"body (a conditional lock, a TryLock or an early return makes the helper opaque). " +
		"Unlock before awaiting, or use aio.Lock, which suspends instead of blocking.",
	Bad: `return aio.Async(func() (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, err := aio.Await(fetch(c.key))
	c.val = v
	return v, err
})`,
	Good: `return aio.Async(func() (int, error) {
	v, err := aio.Await(fetch(c.key))
	c.mu.Lock()
	c.val = v
	c.mu.Unlock()
	return v, err
})`,
}
