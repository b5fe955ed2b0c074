// Package lockawait implements AIO140: a sync.Mutex or RWMutex that may still
// be held when an async body reaches an await.
//
// The check is a forward may-analysis over the control-flow graph of each
// async body (golang.org/x/tools/go/cfg): a lock is held after Lock/RLock
// until the matching Unlock/RUnlock on that path; `defer mu.Unlock()` does
// not release it before the function returns. Any await reached on some path
// with a lock held is reported, with the line of the Lock.
package lockawait

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

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
	Run:              run,
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
func events(res *asyncfind.Result, info *types.Info, n ast.Node) []event {
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
				evs = append(evs, events(res, info, a)...)
			}
			evs = append(evs, event{kind: evAwait, node: call})
			return false
		}
		if ev, try, ok := lockCall(info, call); ok && !try {
			evs = append(evs, ev)
		}
		return true
	})
	return evs
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
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	for _, b := range res.Bodies {
		check(pass, rep, res, b)
	}
	return rep.Outcome(), nil
}

func mayReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
		return false
	}
	return true
}

func check(pass *analysis.Pass, rep *rule.Reporter, res *asyncfind.Result, b *asyncfind.Body) {
	// Cheap pre-check: most bodies lock nothing.
	locks := false
	asyncfind.WalkBody(b, func(n ast.Node, _ []ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !locks {
			if ev, _, ok := lockCall(pass.TypesInfo, call); ok && ev.kind == evLock {
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
			evs[blk] = append(evs[blk], events(res, pass.TypesInfo, n)...)
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
		"lock until the body returns, and `if mu.TryLock()` holds it on the branch where it succeeded. Unlock before awaiting, or use aio.Lock, which suspends instead of blocking.",
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
