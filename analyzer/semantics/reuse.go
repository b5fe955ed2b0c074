package semantics

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/asyncgo/asyncgo/analyzer/asyncfind"
	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
	"github.com/asyncgo/asyncgo/internal/asyncsyntax"
)

// An event is what a CFG node does to a tracked coroutine variable, in
// evaluation order: it consumes it (aio.Await, aio.Spawn, aio.Gather start
// it) or assigns it a new value.
type event struct {
	v    *types.Var
	kill bool
	call *ast.CallExpr // the consuming call
	verb string        // "awaited", "spawned", "gathered"
}

// consumer returns how call consumes a coroutine argument, and the
// arguments it consumes.
func consumer(info *types.Info, call *ast.CallExpr) (verb string, args []ast.Expr) {
	switch {
	case asyncsyntax.IsAwait(info, call):
		verb = "awaited"
	case asyncsyntax.IsAioFunc(info, call, "Spawn"):
		verb = "spawned"
	case asyncsyntax.IsAioFunc(info, call, "Gather"), asyncsyntax.IsAioFunc(info, call, "GatherResults"),
		asyncsyntax.IsAioFunc(info, call, "Gather2"), asyncsyntax.IsAioFunc(info, call, "Gather3"):
		if call.Ellipsis.IsValid() {
			return "", nil
		}
		return "gathered", call.Args
	case asyncsyntax.IsAioFunc(info, call, "AsCompleted"):
		if call.Ellipsis.IsValid() {
			return "", nil
		}
		return "passed to aio.AsCompleted", call.Args
	// Wrappers run the coroutine they are given when they run: wrapping
	// it twice runs it twice.
	case asyncsyntax.IsAioFunc(info, call, "WaitFor"):
		verb = "wrapped in aio.WaitFor"
	case asyncsyntax.IsAioFunc(info, call, "Shield"):
		verb = "wrapped in aio.Shield"
	case asyncsyntax.IsAioFunc(info, call, "Timeout"), asyncsyntax.IsAioFunc(info, call, "TimeoutAt"):
		if len(call.Args) < 2 {
			return "", nil
		}
		return "wrapped in aio." + asyncsyntax.CalleeFunc(info, call).Name(), call.Args[1:2]
	default:
		return "", nil
	}
	if len(call.Args) == 0 {
		return "", nil
	}
	return verb, call.Args[:1]
}

// reuse is the AIO190 analysis of one async body.
type reuse struct {
	pass    *analysis.Pass
	rep     *rule.Reporter
	body    *asyncfind.Body
	tracked map[*types.Var]bool
	events  map[*cfg.Block][]event
	done    map[*ast.CallExpr]bool
}

func runCoroReuse(pass *analysis.Pass, rep *rule.Reporter) {
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	untracked := untrackedVars(pass)
	for _, b := range res.Bodies {
		r := &reuse{pass: pass, rep: rep, body: b, tracked: map[*types.Var]bool{}, events: map[*cfg.Block][]event{}, done: map[*ast.CallExpr]bool{}}
		r.check(untracked)
	}
}

// untrackedVars returns the coroutine variables whose value may change
// behind the analysis' back: those whose address is taken, and those
// assigned (other than by their declaration) inside a func literal other
// than the async body that consumes them. The latter is decided per body by
// assignedOutside.
func untrackedVars(pass *analysis.Pass) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND {
				if id, ok := ast.Unparen(u.X).(*ast.Ident); ok {
					if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok {
						out[v] = true
					}
				}
			}
			return true
		})
	}
	return out
}

// coroVar returns the variable e names if it is a local coroutine variable (or
// parameter).
func (r *reuse) coroVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		v, ok = r.pass.TypesInfo.Defs[id].(*types.Var)
	}
	if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() || aiotypes.AioNamed(v.Type()) != "Coro" {
		return nil
	}
	return v
}

func (r *reuse) check(untracked map[*types.Var]bool) {
	info := r.pass.TypesInfo
	lit := r.body.Lit
	// Find the candidates: coroutine variables consumed in this body's own
	// code, not assigned in a func literal other than it.
	var consumed []*types.Var
	seen := map[*types.Var]bool{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if _, args := consumer(info, call); args != nil {
				for _, a := range args {
					if v := r.coroVar(a); v != nil && !untracked[v] && !seen[v] {
						seen[v] = true
						consumed = append(consumed, v)
					}
				}
			}
		}
		return true
	})
	if len(consumed) == 0 {
		return
	}
	for _, v := range consumed {
		r.tracked[v] = true
	}
	r.dropAssignedElsewhere()
	if len(r.tracked) == 0 {
		return
	}
	g := cfg.New(lit.Body, func(*ast.CallExpr) bool { return true })
	for _, blk := range g.Blocks {
		r.events[blk] = r.blockEvents(blk)
	}
	r.mustConsumed(g)
	r.loops(g)
}

// dropAssignedElsewhere stops tracking variables assigned, after their
// declaration, in code other than the body's own: another closure or
// goroutine could change them while the body is suspended.
func (r *reuse) dropAssignedElsewhere() {
	info := r.pass.TypesInfo
	for _, f := range r.pass.Files {
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			var lhs []ast.Expr
			switch n := n.(type) {
			case *ast.AssignStmt:
				if n.Tok != token.DEFINE {
					lhs = n.Lhs
				} else {
					for _, l := range n.Lhs {
						if id, ok := l.(*ast.Ident); ok && info.Uses[id] != nil { // := redeclaring
							lhs = append(lhs, l)
						}
					}
				}
			case *ast.RangeStmt:
				if n.Tok == token.ASSIGN {
					lhs = []ast.Expr{n.Key, n.Value}
				}
			}
			for _, l := range lhs {
				if l == nil {
					continue
				}
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				v, _ := info.Uses[id].(*types.Var)
				if v == nil || !r.tracked[v] {
					continue
				}
				if innermostFunc(stack) != ast.Node(r.body.Lit) {
					delete(r.tracked, v)
				}
			}
			return true
		})
	}
}

func innermostFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return n
		}
	}
	return nil
}

// blockEvents lists the consume and assign events of a CFG block in
// evaluation order. Deferred calls and go statements run elsewhere and are
// left out, as are func literals.
func (r *reuse) blockEvents(blk *cfg.Block) []event {
	var evs []event
	kill := func(e ast.Expr) {
		if e == nil {
			return
		}
		if v := r.coroVar(e); v != nil && r.tracked[v] {
			evs = append(evs, event{v: v, kill: true})
		}
	}
	uses := func(n ast.Node) { r.inspectUses(n, &evs) }
	if rng, ok := blk.Stmt.(*ast.RangeStmt); ok && blk.Kind == cfg.KindRangeBody && rng.Tok != token.ILLEGAL {
		kill(rng.Key)
		kill(rng.Value)
	}
	for _, n := range blk.Nodes {
		switch n := n.(type) {
		case *ast.DeferStmt, *ast.GoStmt:
		case *ast.AssignStmt:
			for _, e := range n.Rhs {
				uses(e)
			}
			for _, e := range n.Lhs {
				kill(e)
			}
		case *ast.DeclStmt:
			gd, ok := n.Decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok {
					for _, e := range vs.Values {
						uses(e)
					}
					for _, id := range vs.Names {
						kill(id)
					}
				}
			}
		case *ast.ValueSpec:
			for _, e := range n.Values {
				uses(e)
			}
			for _, id := range n.Names {
				kill(id)
			}
		default:
			uses(n)
		}
	}
	return evs
}

func containsExpr(list []ast.Expr, e ast.Expr) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

// inspectUses appends the consume events inside n, arguments before the
// call that consumes them.
func (r *reuse) inspectUses(n ast.Node, evs *[]event) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		verb, args := consumer(r.pass.TypesInfo, call)
		if args == nil {
			return true
		}
		for _, a := range call.Args {
			if !containsExpr(args, a) {
				r.inspectUses(a, evs)
			}
		}
		for _, a := range args {
			if v := r.coroVar(a); v != nil && r.tracked[v] {
				*evs = append(*evs, event{v: v, call: call, verb: verb})
			} else {
				r.inspectUses(a, evs)
			}
		}
		return false
	})
}

// consumedSet maps a variable to the event that consumed it on every path
// (the earliest one when paths disagree).
type consumedSet map[*types.Var]event

// mustConsumed reports consumptions of a coroutine that every path to them
// has already consumed, with no assignment in between.
func (r *reuse) mustConsumed(g *cfg.CFG) {
	in := map[*cfg.Block]consumedSet{}
	out := map[*cfg.Block]consumedSet{}
	entry := g.Blocks[0]
	preds := predecessors(g)
	transfer := func(blk *cfg.Block, s consumedSet, report bool) consumedSet {
		cur := consumedSet{}
		for v, c := range s {
			cur[v] = c
		}
		for _, ev := range r.events[blk] {
			if ev.kill {
				delete(cur, ev.v)
				continue
			}
			if prev, ok := cur[ev.v]; ok {
				if report {
					r.reportAgain(ev, prev)
				}
				continue
			}
			cur[ev.v] = ev
		}
		return cur
	}
	for changed := true; changed; {
		changed = false
		for _, blk := range g.Blocks {
			if !blk.Live {
				continue
			}
			var s consumedSet
			if blk == entry {
				s = consumedSet{}
			} else {
				first := true
				for _, p := range preds[blk] {
					po, ok := out[p]
					if !ok {
						continue // not computed yet: the top element
					}
					if first {
						s = consumedSet{}
						for v, c := range po {
							s[v] = c
						}
						first = false
						continue
					}
					for v, c := range s {
						pc, ok := po[v]
						if !ok {
							delete(s, v)
						} else if pc.call.Pos() < c.call.Pos() {
							s[v] = pc
						}
					}
				}
				if first {
					continue
				}
			}
			o := transfer(blk, s, false)
			if prev, ok := out[blk]; !ok || !sameSet(prev, o) {
				out[blk] = o
				changed = true
			}
			in[blk] = s
		}
	}
	for _, blk := range g.Blocks {
		if s, ok := in[blk]; ok && blk.Live {
			transfer(blk, s, true)
		}
	}
}

func sameSet(a, b consumedSet) bool {
	if len(a) != len(b) {
		return false
	}
	for v, c := range a {
		if b[v] != c {
			return false
		}
	}
	return true
}

func predecessors(g *cfg.CFG) map[*cfg.Block][]*cfg.Block {
	m := map[*cfg.Block][]*cfg.Block{}
	for _, b := range g.Blocks {
		for _, s := range b.Succs {
			m[s] = append(m[s], b)
		}
	}
	return m
}

// loops reports a consumption that can run again, going around a loop,
// without the variable being assigned in between: the coroutine was made
// outside the loop and is consumed on every iteration.
func (r *reuse) loops(g *cfg.CFG) {
	for _, blk := range g.Blocks {
		if !blk.Live {
			continue
		}
		evs := r.events[blk]
		for i, ev := range evs {
			if ev.kill || r.done[ev.call] {
				continue
			}
			if r.reaches(blk, i, ev.v) && !r.skippable(g, blk, ev.call) {
				r.done[ev.call] = true
				r.rep.Report("AIO190", ev.call, nil, "coroutine %s is %s on every iteration of this loop but runs only once: from the second iteration on this fails with aio.ErrCoroReused; create the coroutine inside the loop (call the async function there), or spawn it once and await the task", ev.v.Name(), ev.verb)
			}
		}
	}
}

// skippable reports whether an iteration of the innermost loop around call
// can go round without running blk (the consumption is conditional, as in
// `if !started { aio.Spawn(c); started = true }`): such loops are not
// reported, since the condition usually ensures a single run.
func (r *reuse) skippable(g *cfg.CFG, blk *cfg.Block, call *ast.CallExpr) bool {
	var loop ast.Stmt
	ast.Inspect(r.body.Lit.Body, func(n ast.Node) bool {
		if n == nil || n.Pos() > call.Pos() || n.End() < call.End() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt:
			if n.Body.Pos() <= call.Pos() && call.End() <= n.Body.End() {
				loop = n
			}
		case *ast.RangeStmt:
			if n.Body.Pos() <= call.Pos() && call.End() <= n.Body.End() {
				loop = n
			}
		}
		return true
	})
	if loop == nil {
		return false
	}
	var body *cfg.Block
	for _, b := range g.Blocks {
		if b.Stmt == loop && (b.Kind == cfg.KindForBody || b.Kind == cfg.KindRangeBody) {
			body = b
		}
	}
	if body == nil || body == blk {
		return false
	}
	seen := map[*cfg.Block]bool{blk: true}
	stack := append([]*cfg.Block(nil), body.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == body {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}

// reaches reports whether, after event i of blk, control can come back to
// it without passing an assignment of v.
func (r *reuse) reaches(blk *cfg.Block, i int, v *types.Var) bool {
	for _, ev := range r.events[blk][i+1:] {
		if ev.kill && ev.v == v {
			return false
		}
	}
	seen := map[*cfg.Block]bool{}
	stack := append([]*cfg.Block(nil), blk.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		evs := r.events[b]
		if b == blk {
			evs = evs[:i]
		}
		killed := false
		for _, ev := range evs {
			if ev.kill && ev.v == v {
				killed = true
				break
			}
		}
		if killed {
			continue
		}
		if b == blk {
			return true
		}
		stack = append(stack, b.Succs...)
	}
	return false
}

func (r *reuse) reportAgain(ev, prev event) {
	if r.done[ev.call] {
		return
	}
	r.done[ev.call] = true
	line := r.pass.Fset.Position(prev.call.Pos()).Line
	r.rep.Report("AIO190", ev.call, nil, "coroutine %s is %s again: it was already %s at line %d and a coroutine runs only once, so this fails with aio.ErrCoroReused; call the async function again for a new coroutine, or spawn it once and await the *aio.Task as often as needed", ev.v.Name(), ev.verb, prev.verb, line)
}
