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

// events lists, in evaluation order, the lock operations and awaits of one
// CFG node. Deferred calls do not run at the defer statement, and code in
// goroutines and stored closures does not run here at all.
func events(info *types.Info, n ast.Node) []event {
	if _, ok := n.(*ast.DeferStmt); ok {
		return nil
	}
	var evs []event
	asyncfind.Walk(n, func(n ast.Node, stack []ast.Node) bool {
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
				evs = append(evs, events(info, a)...)
			}
			evs = append(evs, event{kind: evAwait, node: call})
			return false
		}
		fn := aiotypes.Callee(info, call)
		if fn == nil {
			return true
		}
		op, ok := lockOps[aiotypes.Key(fn)]
		if !ok {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		recv := ast.Unparen(sel.X)
		if u, ok := recv.(*ast.UnaryExpr); ok && u.Op == token.AND {
			recv = ast.Unparen(u.X)
		}
		name := types.ExprString(recv)
		key := name
		if op.read {
			key += "(R)"
		}
		evs = append(evs, event{kind: op.kind, key: key, name: name, node: call})
		return true
	})
	return evs
}

type state map[string]token.Pos // held lock -> position of its Lock call

func run(pass *analysis.Pass) (any, error) {
	rep := rule.NewReporter(pass, "AIO140")
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	for _, b := range res.Bodies {
		check(pass, rep, b)
	}
	return rep.Outcome(), nil
}

func mayReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
		return false
	}
	return true
}

func check(pass *analysis.Pass, rep *rule.Reporter, b *asyncfind.Body) {
	// Cheap pre-check: most bodies lock nothing.
	locks := false
	asyncfind.WalkBody(b, func(n ast.Node, _ []ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !locks {
			if fn := aiotypes.Callee(pass.TypesInfo, call); fn != nil {
				if op, ok := lockOps[aiotypes.Key(fn)]; ok && op.kind == evLock {
					locks = true
				}
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
			evs[blk] = append(evs[blk], events(pass.TypesInfo, n)...)
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
		for _, s := range blk.Succs {
			st, seen := in[s]
			if !seen {
				st = state{}
				in[s] = st
			}
			changed := !seen
			for k, v := range out {
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
		"lock until the body returns. Unlock before awaiting, or use aio.Lock, which suspends instead of blocking.",
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
